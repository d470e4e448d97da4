"""The fast jieba part-of-speech decoder (``recognizers/_zh_viterbi``) against jieba's own:
the same (prob, route) on every Han run of our Chinese corpus and on Hypothesis strings,
and the same words and tags from the tokenizer built on it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jieba.posseg as posseg
from hypothesis import given, settings
from hypothesis import strategies as st
from jieba.posseg.viterbi import viterbi as jieba_viterbi

from dataprotocol.deid.recognizers._zh_segments import warm_up
from dataprotocol.deid.recognizers._zh_viterbi import pos_tokenizer, viterbi

CORPUS = Path(__file__).parents[2] / "benchmarks" / "data" / "deid" / "tuning_zh.jsonl"
TEXTS = [json.loads(line)["text"] for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]
HAN_RUN = re.compile("[\u4e00-\u9fd5]+")
MODEL = (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)


def _same(sentence: str) -> None:
    expected, got = jieba_viterbi(sentence, *MODEL), viterbi(sentence, *MODEL)
    assert got == expected, sentence
    assert repr(got[0]) == repr(expected[0]), sentence  # bit-identical score


def test_corpus_runs_decode_identically() -> None:
    runs = [run for text in TEXTS[:120] for run in HAN_RUN.findall(text)]
    assert len(runs) > 250
    for run in runs:
        _same(run)


# common characters, rare ones, and characters outside jieba's model (every state tried)
_CHARS = st.sampled_from(list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
                              "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
                              "丨丶乂乜亍亓亻仡伛佘侪俣倮偬傥僦兀冫刂劬勹卩厶叵啬嘌圪埒夂夤奁孓宀尢屮嵬巛廴"
                              "彡彳忄扌氵灬犭纟艹辶钅阝隹龠龢"))


@settings(max_examples=150, deadline=None)
@given(st.text(_CHARS, min_size=1, max_size=12))
def test_arbitrary_runs_decode_identically(sentence: str) -> None:
    _same(sentence)


def test_tokenizer_cuts_like_jieba() -> None:
    warm_up()
    fast = pos_tokenizer()
    for text in TEXTS:
        assert [(p.word, p.flag) for p in fast.cut(text)] == [(p.word, p.flag) for p in posseg.cut(text)], text
