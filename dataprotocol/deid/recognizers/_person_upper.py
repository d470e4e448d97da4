"""Person names written in capitals: "JANE ROE", "EZEKIEL VAN DER MERWE", "ROE, JANE".

Forms, court captions, shipping labels, signatures and bank letters print the
holder's name in capitals. spaCy's small model was trained on mixed-case text and
misses most of them (or calls "DWAYNE" a nationality), and every other name rule
here needs a capitalised-then-lower-case word. Headings are in capitals too
("RESIDENTIAL LEASE AGREEMENT"), so a run of capitalised words counts as a name
only when its words look like name words:

* a run is cut at every ordinary dictionary word ("PATIENT EZEKIEL NAKAMURA" leaves
  "EZEKIEL NAKAMURA") and at two-letter words ("TX", "DL");
* what is left counts when it is two to four name words (Faker's first-name/surname
  lists), words no English dictionary knows ("OYELARAN", "HYUN-WOO"), particles
  ("VAN", "DER", "AL") and initials, and it opens with a known first name or holds
  a known name word; unknown words alone must be name-long (one of 7+ letters, 11+
  in all, each with a vowel), which "HIPAA HITECH" and "NASA JPL" are not;
* "ROE, JANE" (surname first, as in registers and captions): a surname (with its
  particles: "VAN DEN BERG, XIMENA"), a comma, then one or two given-name words -- a
  known first name, or a word no dictionary knows after a surname no dictionary knows
  ("MENSAH, CHIDINMA": names from outside the lists are the ones the model misses
  too), unless spaCy calls it a place; never a US state ("AUSTIN, TEXAS"). A
  credential or a place after a second comma stays out ("ADEYEMI, KWABENA, MD").

A document written entirely in capitals is left to the other rules: there the
capitals say nothing about which words are names.
"""

from __future__ import annotations

from typing import Any

from presidio_analyzer import RecognizerResult

from dataprotocol.deid.recognizers._base import RegexRecognizer, compile_pattern
from dataprotocol.deid.recognizers._person_lexicon import _lexicon
from dataprotocol.deid.recognizers._person_unknown import english_dictionary

__all__ = ["UpperCaseNameRecognizer"]

_UP = r"(?:MC|MAC|O')?\p{Lu}{2,}(?:[-']\p{Lu}{2,})?"
_PARTICLES = frozenset("van der den de del della la le von da di du dos das al el bin ben ibn st".split())
_RUN = compile_pattern(rf"(?<![\w@./#&+-]){_UP}(?:(?:,)?[ ](?:{_UP}|\p{{Lu}}\.))+(?![\w@]|\.\w|/)")
_WORD = compile_pattern(rf"{_UP}|\p{{Lu}}\.")
_ANY_WORD = compile_pattern(r"\p{L}{2,}")
_VOWEL = compile_pattern(r"[AEIOUY]")
_STATES = frozenset(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho "
    "illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota "
    "mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah "
    "vermont virginia washington wisconsin wyoming".split()
)
#: share of a document's words in capitals above which capitals carry no signal
_SHOUTING = 0.6


class UpperCaseNameRecognizer(RegexRecognizer):
    """Runs of capitalised words that are name words, in a mixed-case document."""

    ENTITY = "PERSON"
    FIRST_SCORE = 0.6
    NAME_SCORE = 0.5
    UNKNOWN_SCORE = 0.45

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities or _shouting(text):
            return []
        out: list[RecognizerResult] = []
        places = _place_starts(nlp_artifacts)
        for m in _RUN.finditer(text):
            for start, end, score in _names_in(m.group(), m.start(), places):
                out.append(RecognizerResult(
                    entity_type=self.ENTITY, start=start, end=end, score=score,
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: str(self.name),
                                          RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return out


def _names_in(run: str, offset: int, places: frozenset[int] = frozenset()) -> list[tuple[int, int, float]]:
    """Name spans in a run of capitalised words: "ROE, JANE", or runs of name-like words.

    "ADEYEMI, KWABENA, MD" / "ROE, JANE, of Leeds": the name is the first two comma parts."""
    parts = run.split(", ")
    if len(parts) >= 2:
        tails = [parts[1]] + ([parts[1].split(" ")[0]] if " " in parts[1] else [])  # "ROE, JANE DOB"
        for tail in tails:
            if score := _surname_first(parts[0], tail, unknown_ok=offset not in places):
                return [(offset, offset + len(parts[0]) + 2 + len(tail), score)]
    out: list[tuple[int, int, float]] = []
    segment: list[tuple[int, int, str]] = []
    for m in [*_WORD.finditer(run), None]:
        kind = _kind(m.group()) if m is not None else "word"
        gap = run[segment[-1][1]:m.start()] if m is not None and segment else " "
        if kind in ("word", "short") or gap != " ":
            if (score := _score([k for _, _, k in segment], [run[a:b] for a, b, _ in segment])):
                out.append((offset + segment[0][0], offset + segment[-1][1], score))
            segment = []
        if m is not None and kind not in ("word", "short"):
            segment.append((m.start(), m.end(), kind))
    return out


def _kind(word: str) -> str:
    """'first', 'name' (a surname), 'particle', 'initial', 'unknown', 'short' or 'word'."""
    first, last, _, _ = _lexicon()
    low = word.lower()
    if len(word) == 2 and word.endswith("."):
        return "initial"
    if low in _PARTICLES:
        return "particle"
    if len(low) < 3:
        return "short"  # "TX", "DL", "HR": state codes and abbreviations, not names
    if low in first:
        return "first"
    if low in last:
        return "name"
    if any(p not in english_dictionary() for p in low.replace("'", "-").split("-") if len(p) > 1):
        return "unknown"  # "HYUN-WOO": one part no dictionary knows
    return "word"


def _score(kinds: list[str], words: list[str]) -> float:
    if kinds and kinds[0] == "particle" or kinds and kinds[-1] in ("particle", "initial"):
        return 0.0  # "VAN DER MERWE" is whole only with its first name; a trailing initial is a heading's
    core = [(k, w) for k, w in zip(kinds, words) if k not in ("particle", "initial")]
    if not 2 <= len(core) <= 4:
        return 0.0
    if core[0][0] == "first":
        return UpperCaseNameRecognizer.FIRST_SCORE
    if any(k != "unknown" for k, _ in core):
        return UpperCaseNameRecognizer.NAME_SCORE
    # unknown words only: acronyms are short or vowelless ("HIPAA HITECH", "JPL"), names rarely
    lengths = [len(w) for _, w in core]
    if max(lengths) >= 7 and sum(lengths) >= 11 and all(_VOWEL.search(w) for _, w in core):
        return UpperCaseNameRecognizer.UNKNOWN_SCORE
    return 0.0


def _surname_first(head: str, tail: str, *, unknown_ok: bool = True) -> float:
    """"ROE, JANE", "VAN DEN BERG, XIMENA", "KOWALCZYK, KWABENA S.": surname(s), comma, given name(s).

    A known first name after the comma is enough (the surname may even be a dictionary
    word: "FAROUK, LAYLA"); two words no dictionary knows ("MENSAH, CHIDINMA") count too,
    unless spaCy read them as a place ("LAGOS, NIGERIA"): ``unknown_ok`` is False then."""
    *particles, surname = head.split(" ")
    words = tail.split()
    if any(p.lower() not in _PARTICLES for p in particles) or not words or len(words) > 2:
        return 0.0
    if words[0].lower() in _STATES:
        return 0.0  # "AUSTIN, TEXAS" is a place
    head_kind, kinds = _kind(surname), [_kind(w) for w in words]
    if not all(k in ("first", "name", "unknown", "initial") for k in kinds) or kinds[0] == "initial":
        return 0.0
    if kinds[0] == "first":
        if head_kind in ("name", "unknown", "first"):
            return UpperCaseNameRecognizer.FIRST_SCORE
        return UpperCaseNameRecognizer.NAME_SCORE if head_kind == "word" and len(surname) >= 4 else 0.0
    if head_kind not in ("name", "unknown", "first"):
        return 0.0
    if "name" in (head_kind, kinds[0]) or head_kind == "first":
        return UpperCaseNameRecognizer.NAME_SCORE
    return UpperCaseNameRecognizer.UNKNOWN_SCORE if unknown_ok and _VOWEL.search(surname) and \
        _VOWEL.search(words[0]) and len(words[0]) >= 3 else 0.0


def _place_starts(nlp_artifacts: Any) -> frozenset[int]:
    """Start offsets of the places spaCy found (GPE, LOC, FAC)."""
    ents = getattr(nlp_artifacts, "entities", None) or ()
    return frozenset(ent.start_char for ent in ents if ent.label_ in ("GPE", "LOC", "FAC"))


def _shouting(text: str) -> bool:
    """Mostly capitals (a telex, a shouted message): at least 12 words, over 60 % of them in capitals."""
    words = _ANY_WORD.findall(text)
    return len(words) >= 12 and sum(w.isupper() for w in words) > _SHOUTING * len(words)
