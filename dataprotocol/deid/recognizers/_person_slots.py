"""Names that are also ordinary words, found by the slot they stand in.

"Hope", "Peace", "Comfort", "Grey", "Obi" are names to the people who carry them and
words to a dictionary, so neither the lexicon nor the unknown-word rule may take them
alone. Two slots make them names:

* a list whose other items are names: "Yes: Comfort Abiola, Paul Okafor and Hope",
  "Uche, Obi, Juliet Okonkwo" -- at least two items must be names by the other rules,
  and no more items may be ordinary words than are names;
* a chat speaker: "[12/03/2021] Joy: nope" (after a timestamp), "Peace: hi all"
  at a line start when the word is in the name lexicon.
"""

from __future__ import annotations

from typing import Any

from presidio_analyzer import RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from dataprotocol.deid.recognizers._base import RegexRecognizer, compile_pattern
from dataprotocol.deid.recognizers._person_lexicon import _lexicon
from dataprotocol.deid.recognizers._person_unknown import is_english_word

__all__ = ["PersonSlotRecognizer"]

_W = r"(?:Mc|Mac|O')?\p{Lu}\p{Ll}+(?:[-']\p{Lu}?\p{Ll}+)?"
_ITEM = rf"{_W}(?: {_W}){{0,2}}"
_LIST = compile_pattern(rf"(?<![\w@./#&+-]){_ITEM}(?:,\s+{_ITEM})*(?:,?\s+(?:and|&|or)\s+{_ITEM}|(?:,\s+{_ITEM})+)"
                   rf"(?![\w@]|\.\w)")
_ITEM_RE = compile_pattern(_ITEM)
_SPEAKER = compile_pattern(rf"(?:(?P<stamp>\]\s*)|(?m:^)[ \t]*)(?P<name>{_W}(?: {_W})?):[ \t]+(?=\S)")

# Field labels that open a line like a speaker does ("Note: ...").
_LABELS = frozenset(
    "merchant vendor seller buyer payee payer "
    "note notes re subject date time from to cc bcc attn reason plan summary status total update "
    "result results action comment question answer yes no maybe bench present absent apologies "
    "attendees diagnosis history assessment warning error name address phone email tel mobile "
    "patient doctor nurse customer agent caller client user team admin system bot support "
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday "
    "thanks thank hi hello hey dear regards cheers best please sorry ok okay also".split()
)


class PersonSlotRecognizer(RegexRecognizer):
    """Ordinary-word names in lists of names and in chat speaker position."""

    ENTITY = "PERSON"
    LIST_SCORE = 0.45
    SPEAKER_SCORE = 0.5

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        spans = self._lists(text) + self._speakers(text)
        return [RecognizerResult(entity_type=self.ENTITY, start=s, end=e, score=score,
                                 recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: str(self.name),
                                                       RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})
                for s, e, score in spans]

    def _lists(self, text: str) -> list[tuple[int, int, float]]:
        out: list[tuple[int, int, float]] = []
        for m in _LIST.finditer(text):
            items = [(m.start() + i.start(), m.start() + i.end(), i.group())
                     for i in _ITEM_RE.finditer(m.group()) if i.group() not in ("and", "or")]
            names = [_is_name(item) for _, _, item in items]
            if sum(names) >= 2 and len(names) - sum(names) <= sum(names):
                out.extend((s, e, self.LIST_SCORE) for (s, e, item), named in zip(items, names)
                           if not named and item.split()[0].lower() not in _LABELS | STOP_WORDS)
        return out

    def _speakers(self, text: str) -> list[tuple[int, int, float]]:
        every = _lexicon()[2]
        out: list[tuple[int, int, float]] = []
        for m in _SPEAKER.finditer(text):
            name = m.group("name")
            if name.split()[0].lower() in _LABELS:
                continue
            if m.group("stamp") is not None or any(w.lower() in every for w in name.split()):
                out.append((m.start("name"), m.end("name"), self.SPEAKER_SCORE))
        return out


def _is_name(item: str) -> bool:
    """A list item the other rules take for a name: a lexicon first name/surname or an unknown word."""
    first, last, _, _ = _lexicon()
    return any(w.lower() in first or w.lower() in last or not is_english_word(w) for w in item.split())
