"""The given name of a Chinese full name found in a document, used alone elsewhere in it.

Chinese prose names a person in full once and by the given name after that, the way English
uses a first name: 种雨玲 ... 昨天史欣诗和雨玲面试了, 毛美丽陪护 ... 医师已向美丽详细交代. The
name a recognizer found (any recognizer: a cue, a list, a table cell) gives its two-character
given name, and each other occurrence of it in the same document is the same person, where:

* the given name is no everyday word (雨玲, 曦婉): anywhere it does not cut through one of
  jieba's everyday words (子文 of 种子文 is not in 例子|文章);
* it is one (美丽, 胜利, 平安, 建国): only where it stands as a word of its own in the frame
  a person's name stands in -- after a clause break, a time word or a preposition that takes a
  person (向, 由, 让, 跟 ...), and before a verb, an adverb, a preposition or a kinship term
  (向|美丽|详细交代, 上周|平安|已经, 请|朝阳|家长; not 建国以来, 世界和平, 注意平安).

A one-character given name is left out: alone it is too often a word. Used by the propagation
step of :func:`dataprotocol.deid._resolve.resolve` (a post-processing step: it sees every
recognizer's names).
"""

from __future__ import annotations

from collections.abc import Iterable

from dataprotocol.deid.recognizers._zh_segments import dictionary_frequency, segment
from dataprotocol.deid.recognizers._zh_surnames import surname_length

__all__ = ["given_name_spans"]

Span = tuple[int, int]

#: a dictionary count above this makes a given name an everyday word (the frames' threshold)
_COMMON = 20
#: characters no given name holds (function words, pronouns)
_NOT_NAME = set("的了着过吗呢吧啊在是说和与及或等也都就还又把被给向对从于为因我你他她它们这那哪谁什么很太真最更不没有个些")
#: what may stand right before a person's name: a preposition or light verb that takes a person
_PERSON_BEFORE = set("向由让请叫跟和与给找把被对同及、替帮陪")
#: part-of-speech flags (jieba) of what may follow a person's name: a verb, an adverb, a
#: preposition, a conjunction (a verbal noun such as 发展 in 和平发展 is none of them)
_AFTER_FLAGS = ("v", "d", "ad", "p", "c")
#: a kinship term or a title right after a name names that person (请朝阳家长联系我)
_KIN_AFTER = frozenset("家长 妈妈 爸爸 奶奶 爷爷 同学 老师 医生 先生 女士".split())


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def given_name_spans(text: str, names: Iterable[Span]) -> list[Span]:
    """Spans of the two-character given names of ``names`` (surname + given name) elsewhere in ``text``."""
    given: set[str] = set()
    for start, end in names:
        n = surname_length(text, start)
        if n and end - start - n == 2 and all(_is_han(c) for c in text[start:end]) and \
                not any(c in _NOT_NAME for c in text[start + n:end]) and not _function_word(text[start + n:end]):
            given.add(text[start + n:end])
    if not given:
        return []
    tokens = segment(text)
    words = {start: (word, flag) for word, flag, start in tokens}
    ends = {start + len(word): start for word, _, start in tokens}
    out = []
    for name in given:
        everyday = dictionary_frequency(name) > _COMMON
        start = text.find(name)
        while start >= 0:
            end = start + 2
            if (_framed(text, start, end, words, ends) if everyday else not _cuts_word(start, end, words, ends)):
                out.append((start, end))
            start = text.find(name, start + 1)
    return out


#: jieba's tags of words no given name is: a pronoun (每月), a time word, a numeral, a measure
#: word, an adverb, a preposition, a conjunction, a locality -- the "name" they end was misread;
#: a rarer one of them is a name too (国庆 131, 中秋 163; 每月 1307, 今天 15960, 以后 21386)
_FUNCTION_TAGS = ("r", "t", "m", "q", "d", "p", "c", "f", "u")
_FUNCTION_COMMON = 500


def _function_word(word: str) -> bool:
    import jieba.posseg

    return str(jieba.posseg.dt.word_tag_tab.get(word, "")).startswith(_FUNCTION_TAGS) and \
        dictionary_frequency(word) > _FUNCTION_COMMON


def _cuts_word(start: int, end: int, words: dict[int, tuple[str, str]], ends: dict[int, int]) -> bool:
    """An everyday word of jieba's runs across an edge of ``[start, end)`` (例子|文章 for 子文)."""
    for edge in (start, end):
        if edge in words or edge in ends:
            continue
        head = next((k for k in range(edge - 1, edge - 5, -1) if k in words), None)
        if head is not None and head + len(words[head][0]) > edge and \
                dictionary_frequency(words[head][0]) > _COMMON and not words[head][1].startswith("nr"):
            return True
    return False


def _framed(text: str, start: int, end: int, words: dict[int, tuple[str, str]], ends: dict[int, int]) -> bool:
    """``text[start:end]`` is a word of its own, in the frame a person's name stands in."""
    if words.get(start, ("", ""))[0] != text[start:end]:
        return False
    if start and _is_han(text[start - 1]) and text[start - 1] not in _PERSON_BEFORE:
        previous = ends.get(start)
        if previous is None or words[previous][1] != "t":  # a time word: 上周|平安|已经
            return False
    if end == len(text) or not _is_han(text[end]):
        return True
    word, flag = words.get(end, ("", ""))
    return word in _KIN_AFTER or flag in _AFTER_FLAGS or flag.startswith("v") and flag != "vn"
