"""Person names with no cue around them, found by shape and a first-name/surname lexicon.

spaCy's small model misses names where nothing signals them: a first name opening a
sentence ("Travis to send the draft"), names in lists ("Attendees: Ann Lee, Bo Park"),
a name after a dash in a sign-off. A capitalised word that is a known first name
(and not also a common English word) is a name; so is a capitalised word right after
it (the surname). A known surname alone counts with a lower score.

The lexicon is Faker's English person lists (US census / SSA first names, and the
US, UK, Irish, New Zealand, Indian and Pakistani lists), installed offline with Faker.
Words that are also ordinary English ("Will", "May", "Hope", "Green") are excluded
using Faker's English lorem word list, spaCy's stop words and a short list below.
Lower-case words count only right after a cue ("hi im priya"): a known first name,
or a word no English dictionary knows ("im wanjiru").
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

from presidio_analyzer import RecognizerResult

from dataprotocol.deid.recognizers._base import RegexRecognizer
from dataprotocol.deid.recognizers._person_unknown import is_english_word

__all__ = ["NameLexiconRecognizer"]

_LOCALES = ("en", "en_US", "en_GB", "en_IE", "en_NZ", "en_IN", "en_PK")

_WORD = re.compile(r"(?<![\w@./#&+-])(?:Mc|Mac|O')?[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?![\w@]|\.\w|/)")

# Capitalised words that are in the name lists but are ordinary words in running text.
_ORDINARY = frozenset(
    "will may june april august mark bill grant hope faith joy rose lily iris ruby amber crystal dawn "
    "summer autumn winter ivy holly destiny precious honey sunny art pat sandy rusty chance drew hunter "
    "dean ray rod sky star reed hazel nova angel christian royal major general harmony haven heaven "
    "justice liberty trinity unique treasure genesis king hill wood rice bell hall cook ward stone lane "
    "hunt love bush fox bird cross marsh park mills banks bond chase booth miles gates golden hart "
    "head fair bright early brown gray grey black white green young long short little price page "
    "street road lane court avenue drive way place north south east west ocean river lake brook "
    "glen dale forest field fields meadow berry cherry apple olive pearl jade coral "
    "chancellor judge sheriff deacon bishop pope prince princess duke earl lord lady queen "
    "sterling penny cash rich money bank banks best bliss blessing gift "
    "friday monday sunday tuesday wednesday thursday saturday january february march july "
    "september october november december christmas easter "
    "god jesus lord allah buddha "
    "more may less son sister baby man guy doctor lawyer author friend house church job "
    "reason story power media key law read sing wall rock spring clear deep fall foot hand "
    "true else ever hence carry add ball case day glass good low small strong red noone "
    "action total amount status note notes guest member members patient client customer "
    "terrible great excellent fine okay thanks please dear hello hi hey regards cheers "
    "english french german spanish british american irish indian welsh scottish "
    "date texas florida".split()
)


# Never names on their own, even after a comma: months, days, colours.
_NEVER = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday black white green brown gray grey red "
    "blue pink gold silver".split()
)
# Lower-case chat names count only right after one of these cues ("hi, i'm ben").
_LOWER_CUE = re.compile(r"(?i:\b(?:my name is|name's|this is|i'm|i am|im|it's|hi|hey|hello|thanks|thx|ty|dear|"
                        r"ask|tell|ping|text|call|cc|with|from|love|xo)[,:]?\s+)$")
# "hey its maria": chat's "its" is also the possessive ("its traceback"), so only a known first name
_ITS_CUE = re.compile(r"(?i:\bits\s+)$")
_LOWER_WORD = re.compile(r"(?<![\w@./#&+-])[a-z]{3,}(?:[-'][a-z]+)?(?![\w@]|\.\w|/)")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(first names, surnames, every name word, ordinary words), lower-cased; names minus ordinary words."""
    from faker.providers.lorem.en_US import Provider as Lorem
    from spacy.lang.en.stop_words import STOP_WORDS

    first: set[str] = set()
    last: set[str] = set()
    for locale in _LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        first.update(str(n).lower() for n in getattr(provider, "first_names", ()))
        last.update(str(n).lower() for n in getattr(provider, "last_names", ()))
    first = {w for w in first if len(w) > 2}
    last = {w for w in last if len(w) > 2}
    ordinary = _ORDINARY | set(Lorem.word_list) | set(STOP_WORDS)
    every = frozenset(w for w in first | last if w not in STOP_WORDS and w not in _NEVER)
    return frozenset(first - ordinary), frozenset(last - ordinary), every, frozenset(ordinary)


class NameLexiconRecognizer(RegexRecognizer):
    """Capitalised known names; ordinary-word names only set off by a comma; cued lower-case names."""

    ENTITY = "PERSON"
    FULL_SCORE = 0.6
    FIRST_SCORE = 0.5
    SURNAME_SCORE = 0.4
    SET_OFF_SCORE = 0.4

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        spans = self._capitalised(text) + self._lower_case(text)
        return [self._result(s, e, score) for s, e, score in spans]

    def _capitalised(self, text: str) -> list[tuple[int, int, float]]:
        first, last, every, ordinary = _lexicon()
        words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
        out: list[tuple[int, int, float]] = []
        i = 0
        while i < len(words):
            start, end, word = words[i]
            nxt = words[i + 1] if i + 1 < len(words) else None
            if word in first and nxt is not None and text[end:nxt[0]] == " " and \
                    (nxt[2] in every or nxt[2] not in ordinary):
                out.append((start, nxt[1], self.FULL_SCORE))
                i += 2
                continue
            if word in first:
                out.append((start, end, self.FIRST_SCORE))
            elif word in last:
                out.append((start, end, self.SURNAME_SCORE))
            elif word in every and _set_off(text, start, end):
                out.append((start, end, self.SET_OFF_SCORE))
            i += 1
        return out

    def _lower_case(self, text: str) -> list[tuple[int, int, float]]:
        first = _lexicon()[0]
        return [(m.start(), m.end(), self.FIRST_SCORE) for m in _LOWER_WORD.finditer(text)
                if (m.group() in first or not is_english_word(m.group()))
                and _LOWER_CUE.search(text, max(0, m.start() - 16), m.start())
                or m.group() in first and _ITS_CUE.search(text, max(0, m.start() - 8), m.start())]

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return RecognizerResult(
            entity_type=self.ENTITY, start=start, end=end, score=score,
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: str(self.name),
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})


def _set_off(text: str, start: int, end: int) -> bool:
    """", Holly!" / "Weaver, Holly;": after a comma, before punctuation or the line end."""
    before, after = text[max(0, start - 2):start], text[end:end + 1]
    return before == ", " and (after == "" or after in "!;,.)\n")
