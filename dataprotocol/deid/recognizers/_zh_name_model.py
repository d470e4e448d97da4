"""A statistical model of Chinese personal names against ordinary text, from jieba's dictionary.

A Chinese name is a surname (one or two characters) and a given name of one or two. Whether
``王建国`` in a sentence is a name or ``王`` + the word ``建国`` is a comparison of two readings
of the same characters, and jieba's dictionary (MIT, bundled in its wheel: offline) holds what
both need:

* the name reading: P(surname) from how many of the dictionary's person names (tag ``nr``,
  72,842 entries, mostly real names) start with it, and P(given-name character at position
  1 / 2) from those names' given names -- topped up with the characters of today's given
  names (:data:`MODERN_GIVEN`), which the dictionary's older and famous names lack;
* the ordinary reading: jieba's own unigram word model (word frequency / total), the best
  segmentation of the characters, with the dictionary's name-shaped ``nr`` words left out
  (they are the name reading).

:meth:`NameLattice.score` is the log-likelihood ratio of the two for a span, computed from
the best segmentations of the text before and after it (forward / backward dynamic
programming over each run of Han characters), so the span's edges count too: a "name" that
breaks an everyday word at either end (担|任, 高|兴) pays for the word it breaks.

The tables are computed once per process on first use (about 0.1 s: one pass over the
dictionary jieba has already loaded); nothing is downloaded and nothing is shipped.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from functools import lru_cache
from typing import Any

from dataprotocol.deid.recognizers._zh_surnames import DOUBLE_SURNAMES, SINGLE_SURNAMES, surname_length

__all__ = ["NameModel", "NameLattice", "model", "lattice", "MODERN_GIVEN"]

#: characters frequent in the given names of people born since the 1980s (the national name
#: reports of the household registration, 2019-2023, and common usage): jieba's dictionary,
#: built from older text, has few of them (汐, 苒, 萱, 睿, 彬 are in none of its names)
MODERN_GIVEN = ("梓涵轩浩宇子诺欣怡一依可馨雨萱睿辰泽宸晨佳思嘉俊杰博文若汐苒芊蔓黛屹骁珩奕沐钰昊然悦琪瑾彤"
                "婷娜静丽敏燕艳芳玲颖慧琳菲蕾薇倩雪莉娟霞凤红兰梅萍秀英华美丽春桂洁丹妍蓓瑶璐露茜岚晓"
                "伟强磊军勇涛斌超鹏飞鑫帅坤锐凯旭阳峰波毅健刚平明亮辉彬永志国建成海龙亮锋宁安康乐天豪"
                "宏鸿宁涵语诗梦溪清逸航铭皓熙煜烨炜哲楠桐柏松林森岩峻崇奇翔翰瀚润泓淇湛珂珊瑜琦璇玥"
                "月星云霖雯雅婉妮娅媛婕姝嫣卓君竹兵德华福贵荣昌盛")
#: the share of a text's words that are person names (the name reading's prior); the
#: recognizer's thresholds on the score are relative to it
NAME_PRIOR = 0.01
#: share of two-character given names among names (the dictionary: 60k three- vs 7k two-character)
TWO_CHAR_GIVEN = 0.75
_SMOOTH = 0.5  # add-k smoothing of the character counts
_VOCAB = 6000  # Han characters a given name may draw on
_MODERN_WEIGHT = 8  # pseudo-counts a character of MODERN_GIVEN adds at each position
_MAX_WORD = 8
_SEEN_MAX = 200_000  # fragments remembered by NameModel.lookup (a few MB at most)

#: characters of transliterated foreign names (马拉松, 马克思, 柯尔特 are tagged nr too): an
#: nr word with one is no Chinese name, for the counts and for the ordinary reading
_FOREIGN = set("尔斯克特拉夫基卡契耶奥萨伊丝姆托普")
_NUMERALS = set("一二三四五六七八九十两几")
_MEASURES = set("人个位名次天年月号岁件种条只家届")
_LOCK = threading.Lock()
_MODEL: NameModel | None = None


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class NameModel:
    """Log-probabilities of surnames and given names, and jieba's word model without names."""

    def __init__(self, freq: dict[str, int], tags: dict[str, str], total: int) -> None:
        first, second, single = Counter[str](), Counter[str](), Counter[str]()
        surnames = Counter[str]()
        self.name_words: set[str] = set()  # the dictionary's name-shaped nr words (background leaves them out)
        for word, tag in tags.items():
            if tag != "nr" or not 2 <= len(word) <= 4:
                continue
            n = surname_length(word, 0)
            if not n or not 1 <= len(word) - n <= 2 or not all(_is_han(c) for c in word) or \
                    any(c in _FOREIGN for c in word[n:]):
                continue
            if len(word) - n == 2:  # 王晓东 (518), 乌龙茶 (45): the name model judges them; a two-
                self.name_words.add(word)  # character nr word (安静, 汪洋, 乌龙) stays an ordinary word
            surnames[word[:n]] += 1
            given = word[n:]
            if len(given) == 2:
                first[given[0]] += 1
                second[given[1]] += 1
            else:
                single[given] += 1
        for ch in MODERN_GIVEN:
            first[ch] += _MODERN_WEIGHT
            second[ch] += _MODERN_WEIGHT
            single[ch] += _MODERN_WEIGHT
        for ch, count in second.items():  # a one-character given name is like a second character
            single[ch] += count // 4
        self._first, self._second, self._single = (self._table(c) for c in (first, second, single))
        self._unseen = {id(t): math.log(_SMOOTH / (sum(c.values()) + _SMOOTH * _VOCAB))
                        for t, c in ((self._first, first), (self._second, second), (self._single, single))}
        known = SINGLE_SURNAMES | DOUBLE_SURNAMES
        sur_total = sum(surnames[s] + 1 for s in known)
        self._surname = {s: math.log((surnames[s] + 1) / sur_total) for s in known}
        self._surname_names = {s: surnames[s] for s in known}
        self._freq = freq
        self._seen: dict[str, tuple[bool, float | None]] = {}
        self._log_total = math.log(total)
        self._log_prior = math.log(NAME_PRIOR)
        self._log_two, self._log_one = math.log(TWO_CHAR_GIVEN), math.log(1 - TWO_CHAR_GIVEN)

    @staticmethod
    def _table(counts: Counter[str]) -> dict[str, float]:
        total = sum(counts.values()) + _SMOOTH * _VOCAB
        return {ch: math.log((c + _SMOOTH) / total) for ch, c in counts.items()}

    def _pos(self, table: dict[str, float], ch: str) -> float:
        return table.get(ch, self._unseen[id(table)])

    def given_logp(self, given: str) -> float:
        """log P(given name | a name): its length and its characters by position."""
        if len(given) == 1:
            return self._log_one + self._pos(self._single, given)
        if len(given) == 2:
            return self._log_two + self._pos(self._first, given[0]) + self._pos(self._second, given[1])
        return -math.inf

    def surname_names(self, surname: str) -> int:
        """How many of the dictionary's names start with ``surname`` (王 1786, 米 ~20, 芈 0)."""
        return self._surname_names.get(surname, 0)

    def name_logp(self, surname: str, given: str) -> float:
        """log P(one token of text is the name ``surname + given``)."""
        if surname not in self._surname:
            return -math.inf
        return self._log_prior + self._surname[surname] + self.given_logp(given)

    def word_logp(self, word: str) -> float | None:
        """log P(word) under jieba's unigram model without its names; None for no word."""
        if word in self.name_words:
            return None if len(word) > 1 else self._log_char(word)
        f = self._freq.get(word)
        if f:
            return math.log(f) - self._log_total
        return self._log_char(word) if len(word) == 1 else None

    def lookup(self, fragment: str) -> tuple[bool, float | None]:
        """(``fragment`` is a word or a prefix of one in jieba's dictionary, its :meth:`word_logp`),
        remembered: the lattice asks for the same fragments over and over."""
        found = self._seen.get(fragment)
        if found is None:
            if len(self._seen) > _SEEN_MAX:
                self._seen.clear()
            found = self._seen[fragment] = (fragment in self._freq, self.word_logp(fragment))
        return found

    def _log_char(self, ch: str) -> float:
        return math.log(self._freq.get(ch) or 1) - self._log_total

    def lattice(self, text: str) -> NameLattice:
        return NameLattice(self, text)


class NameLattice:
    """Best segmentations of each Han run of ``text`` up to and from every offset (a run is
    segmented when a span in it is first scored)."""

    def __init__(self, model: NameModel, text: str) -> None:
        self.model, self.text = model, text
        n = len(text)
        self._run_start = [0] * (n + 1)
        self._run_end = [0] * (n + 1)
        self._forward = [0.0] * (n + 1)
        self._backward = [0.0] * (n + 1)
        self._done: set[int] = set()  # runs segmented so far: each on first use
        i = 0
        while i < n:
            if not _is_han(text[i]):
                i += 1
                continue
            j = i
            while j < n and _is_han(text[j]):
                j += 1
            self._run_start[i:j + 1] = [i] * (j + 1 - i)
            self._run_end[i:j + 1] = [j] * (j + 1 - i)
            i = j

    def _run(self, start: int, end: int) -> None:
        text, look = self.text, self.model.lookup
        ends: list[list[tuple[int, float]]] = [[] for _ in range(end - start)]  # words by start
        for k in range(start, end):
            out = ends[k - start]
            for e in range(k + 1, min(end, k + _MAX_WORD) + 1):
                prefix, lp = look(text[k:e])
                if not prefix and e > k + 1:
                    break
                if lp is not None:
                    out.append((e, lp))
        fwd, bwd = self._forward, self._backward
        best = [-math.inf] * (end - start + 1)
        best[0] = 0.0
        for k in range(start, end):
            base = best[k - start]
            for e, lp in ends[k - start]:
                if base + lp > best[e - start]:
                    best[e - start] = base + lp
        for k in range(start, end + 1):
            fwd[k] = best[k - start]
        back = [-math.inf] * (end - start + 1)
        back[end - start] = 0.0
        for k in range(end - 1, start - 1, -1):
            top = -math.inf
            for e, lp in ends[k - start]:
                if lp + back[e - start] > top:
                    top = lp + back[e - start]
            back[k - start] = top
        for k in range(start, end + 1):
            bwd[k] = back[k - start]

    def score(self, start: int, end: int, surname_len: int | None = None) -> float:
        """Log-likelihood ratio: ``text[start:end]`` read as one person name vs as ordinary
        words, with the rest of its Han run segmented at best either way (-inf: no name)."""
        text = self.text
        if not 0 <= start < end <= len(text) or not all(_is_han(c) for c in text[start:end]):
            return -math.inf
        n = surname_length(text, start) if surname_len is None else surname_len
        if not n or not 1 <= end - start - n <= 2:
            return -math.inf
        if text[end - 1] in _NUMERALS and text[end:end + 1] in _MEASURES:
            return -math.inf  # 何军三|人获奖: a number and its measure word, not a given name's end
        name = self.model.name_logp(text[start:start + n], text[start + n:end])
        if (run := self._run_start[start]) not in self._done:
            self._done.add(run)
            self._run(run, self._run_end[start])
        run_end = self._run_end[start]
        whole = self._forward[run_end]
        return self._forward[start] + name + self._backward[end] - whole

    def best_length(self, start: int, surname_len: int | None = None) -> tuple[int, float]:
        """The end of the likelier name starting at ``start`` (one- or two-character given name)
        and its score."""
        n = surname_length(self.text, start) if surname_len is None else surname_len
        options = [(self.score(start, start + n + g, n), start + n + g) for g in (1, 2)
                   if start + n + g <= len(self.text)]
        if not options:
            return start, -math.inf
        s, e = max(options)
        return e, s


def model() -> NameModel:
    """The process's name model, built from jieba's loaded dictionary on first use."""
    global _MODEL
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                _MODEL = _build()
    return _MODEL


@lru_cache(maxsize=8)
def lattice(text: str) -> NameLattice:
    """The name lattice of ``text`` (the last few texts' are kept: several rules score one text)."""
    return model().lattice(text)


def _build() -> NameModel:
    from dataprotocol.deid.recognizers._zh_segments import warm_up

    warm_up()
    import jieba
    import jieba.posseg

    tags: Any = jieba.posseg.dt.word_tag_tab
    return NameModel(jieba.dt.FREQ, tags, jieba.dt.total)
