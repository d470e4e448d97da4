"""Lower-case names in chat: the speaker of a transcript line and the subject of "said".

Chat users type their own names in lower case ("nikhil: its 8YUA9A", "arjun nair: ok pls
send it"), and helpdesk tools quote them that way ("santiago bermúdez said in chat: ...").
spaCy's small model and every capitalised-word rule miss these. Two slots make them names:

* a speaker: a line opening with one to three lower-case words and a colon, in a
  document where some other line opens with a different speaker who is a person (a
  name, or a role: "Agent Xiaoling:", "CALLER:") -- a transcript, not a list of
  ``key: value`` fields;
* the subject of a verb of saying at a line or sentence start ("imran said in chat").

Each word must be a name word: in the first-name/surname lexicon, or in no English
dictionary ("deepika", "bermúdez", "ji-woo" by a part), so "note: ...", "ok: ...",
"she said" stay.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from dataprotocol.deid.recognizers._base import RegexRecognizer, compile_pattern
from dataprotocol.deid.recognizers._person_lexicon import _lexicon
from dataprotocol.deid.recognizers._person_unknown import is_english_word

__all__ = ["LowerCaseChatNameRecognizer"]

_LOWER = r"\p{Ll}[\p{Ll}'\-]*\p{Ll}"
_NAME = rf"(?P<name>{_LOWER}(?: {_LOWER}){{0,2}})"
_SPEAKER = compile_pattern(rf"^[ \t]*{_NAME}:[ \t]+(?=\S)", re.MULTILINE)
_SAID = compile_pattern(rf"(?:^[ \t]*|(?<=[.!?][ \t])){_NAME}\s+(?:said|says|wrote|writes|asked|replied|typed)\b",
                        re.MULTILINE)
#: any speaker label opening a line ("Agent Xiaoling:", "CALLER:", "nikhil:")
_ANY_SPEAKER = compile_pattern(r"^[ \t]*(?P<speaker>\p{L}[\p{L}'.\- ]{0,30}):[ \t]+\S", re.MULTILINE)
#: the other side of a transcript, when it is named by its role
_ROLES = frozenset("agent caller customer dispatch dispatcher operator support rep user bot host me you "
                   "staff nurse doctor officer advisor adviser".split())
#: lower-case line labels of notes that are no one's name
_NOT_NAMES = frozenset("todo fixme nb ps eta fyi tl;dr tldr pls plz re fwd".split())


def _name_word(word: str) -> bool:
    every = _lexicon()[2]
    if word in every or not is_english_word(word):
        return True
    parts = [p for p in word.split("-") if len(p) >= 2]
    return len(parts) > 1 and any(p in every or not is_english_word(p) for p in parts)


def _is_name(name: str) -> bool:
    return all(_name_word(w) for w in name.split())


class LowerCaseChatNameRecognizer(RegexRecognizer):
    """Lower-case chat names in speaker and subject-of-saying position."""

    ENTITY = "PERSON"
    SCORE = 0.5

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        spans = {(m.start("name"), m.end("name")) for m in _SAID.finditer(text) if _is_name(m.group("name"))}
        speakers = {m.group("speaker").strip().lower() for m in _ANY_SPEAKER.finditer(text)}
        people = {s for s in speakers if s not in _NOT_NAMES
                  and any(w in _ROLES or _is_name(w) for w in s.replace(".", " ").split())}
        for m in _SPEAKER.finditer(text):
            name = m.group("name")
            if people - {name} and name.split()[0] not in _NOT_NAMES and _is_name(name):
                spans.add((m.start("name"), m.end("name")))
        return [RecognizerResult(entity_type=self.ENTITY, start=s, end=e, score=self.SCORE,
                                 recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: str(self.name),
                                                       RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})
                for s, e in sorted(spans)]
