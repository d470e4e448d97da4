"""``_base.HAN`` is ``regex``'s ``\\p{Han}``, and the Chinese address hierarchy compiled
with ``re`` (for speed) finds exactly what the ``regex`` original finds -- and with the
recognizer's gate in front of it, the same non-empty matches."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from dataprotocol.deid.recognizers._base import HAN, compile_pattern, han_pattern
from dataprotocol.deid.recognizers._zh_address import _GATE, _REGEX, ChineseAddressRecognizer

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "deid"
ORIGINAL = regex.compile(_REGEX)
FAST = compile_pattern(han_pattern(_REGEX))
GATED = compile_pattern(han_pattern(_GATE + _REGEX))


def _matches(pattern: object, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]  # type: ignore[attr-defined]


def _found(pattern: object, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    """The non-empty matches: the only ones the recognizer reads."""
    return [(span, groups) for span, groups in _matches(pattern, text) if span[1] > span[0]]


def test_han_class_is_the_unicode_script_for_every_code_point() -> None:
    """Planes 0-3 one by one (all of Han lives there), and what is above them in one go."""
    ours, theirs = re.compile(f"[{HAN}]"), regex.compile(r"\p{Han}")
    differ = [cp for cp in range(0x40000) if (ours.match(chr(cp)) is None) != (theirs.match(chr(cp)) is None)]
    above = "".join(map(chr, range(0x40000, 0x110000)))
    assert ours.search(above) is None and theirs.search(above) is None
    assert differ == []


def test_fast_hierarchy_is_compiled_with_re() -> None:
    assert isinstance(FAST, re.Pattern) and r"\p{" not in han_pattern(_REGEX)


def test_same_matches_on_every_chinese_corpus() -> None:
    texts = [json.loads(line)["text"] for path in sorted(DATA.glob("*zh*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines()[::4] if line.strip()]
    assert len(texts) > 500  # every 4th document of each (the whole of them took 21 s)
    assert [t for t in texts if _matches(FAST, t) != _matches(ORIGINAL, t)] == []


ADDRESS_ALPHABET = st.sampled_from(list("省市区县旗镇乡村路街巷道弄号栋楼座幢单元层室房院园苑城府小花中心大厦广场"
                                        "北京上海浙江杭州西湖文三东南一二三十百的了在住去我他和于0123456789-之AB ，。\n"
                                        "𠀀〇々豈"))


def test_recognizer_uses_the_gated_hierarchy() -> None:
    assert ChineseAddressRecognizer()._hierarchy.pattern == GATED.pattern


def test_gate_keeps_every_match_on_every_corpus() -> None:
    """Every document of every corpus, Chinese or not (the gate is cheap to check)."""
    texts = [json.loads(line)["text"] for path in sorted(DATA.glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) > 10_000
    found = [_found(FAST, t) for t in texts]
    assert sum(map(len, found)) > 2_000
    assert [t for t, f in zip(texts, found) if _found(GATED, t) != f] == []


# every level's last characters, its first ones (digits, capitals, Han numerals, the
# cities written alone, the province names), stop words, a line break
GATE_ALPHABET = st.sampled_from(list("省市区县旗镇乡村组路街巷道里弄号栋楼座幢单元层室房院园苑城府庭湾"
                                     "胡同公寓大厦广场中心宿舍基地写字自治州盟北京上海天津重庆黑龙江内蒙古浙杭西湖文三东南一二三十百的了在住去我他和于家"
                                     "0123456789-之ABZab ，。\n𠀀〇"))


@pytest.mark.parametrize(("alphabet", "fast", "reference", "compare"), [
    (ADDRESS_ALPHABET, FAST, ORIGINAL, _matches),  # the rewritten Han class, address-like text
    (GATE_ALPHABET, GATED, FAST, _found),  # the level-ending gate, every level's edges
], ids=["han-class", "gate"])
@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_same_matches_on_arbitrary_text(alphabet: st.SearchStrategy[str], fast: object, reference: object,
                                        compare: Callable[[object, str], object], data: st.DataObject) -> None:
    text = data.draw(st.lists(alphabet, max_size=60).map("".join))
    assert compare(fast, text) == compare(reference, text)
