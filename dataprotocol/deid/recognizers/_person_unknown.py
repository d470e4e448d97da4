"""Capitalised words that are in no English dictionary, taken as person names.

Names from outside the lexicon ("Pachongruk", "Wambua", "Okonkwo") are the names
spaCy's small model and any name list miss. A word written with a capital that no
English dictionary knows, in any inflection, is far more often a name than anything
else in the notes, chats and tickets a steward shares; the cost of a wrong guess
(a brand or drug name redacted) is utility, the cost of a miss is a leak.

The dictionary is ``english-words`` (Webster's Second + GCIDE, 264k words, every
entry lower-cased, so dictionary proper nouns such as "Berlin" are known words),
plus spaCy's stop words, and a short list of modern words and abbreviations those
dictionaries lack.
Words inside a non-person entity that spaCy found (a place, an organisation, a
product) are left to that entity.
"""

from __future__ import annotations

import pickle
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from presidio_analyzer import RecognizerResult

from dataprotocol.deid.recognizers._base import RegexRecognizer, compile_pattern

__all__ = ["UnknownNameRecognizer", "english_dictionary", "is_english_word"]

_WORD = compile_pattern(r"(?<![\w@./#&+-])(?:Mc|Mac|O')?\p{Lu}\p{Ll}{2,}(?:[-']\p{Lu}?\p{Ll}+)?(?![\w@]|\.\w|/)")

# Words common in today's messages that the dictionaries (1913/1934) predate.
_MODERN = frozenset(
    "email emails emailed online offline website app apps wifi internet smartphone iphone android "
    "google facebook whatsapp instagram twitter tiktok youtube linkedin zoom teams slack uber lyft "
    "amazon paypal venmo netflix spotify microsoft apple samsung covid coronavirus vaccine vaccinated "
    "ok okay lol hmm ugh btw tbh pls plz thx asap fyi appt meds rx bp ecg ekg mri covid bluetooth "
    "login logout username password dropdown checkout inbox voicemail hotline helpdesk chatbot "
    "laptop desktop download startup homepage signup broadband podcast webinar ebook emoji selfie hashtag "
    "livestream smartwatch keycard printout spreadsheet timesheet checklist workflow walkthrough "
    "callback callbacks coordinator coordinators tue tues wed thu thur thurs fri "
    "onboarding offboarding skillset mindset rideshare carpool daycare childcare eldercare healthcare "
    "telehealth telemedicine ultrasound wheelchair hazmat "
    "ltd llc gmbh plc inc corp pty sarl srl bv nv ag kg oy ab as sa spa pvt "
    "metformin lisinopril amoxicillin paracetamol acetaminophen ibuprofen tylenol atorvastatin "
    "omeprazole amlodipine insulin ventolin salbutamol prednisone warfarin "
    # abbreviations of notes and forms
    "hosp dept pt pts dx hx rx tx sx fx appt admin govt mgmt approx info req reqs qty ref refs acct amt "
    "bldg blvd ave apt ste hwy rd st ln ct dr mr mrs ms prof sr jr esp etc misc min max avg tel fax "
    "mob attn pls encl incl excl dob mrn ssn nhs id ids num nos dept eta asap tbd tba fyi msg msgs "
    "pic pics doc docs pdf jpg png url www http https hr hrs mins secs wk wks mo mos yr yrs".split()
)

_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""),
             ("s", ""), ("er", ""), ("ers", ""), ("ly", ""), ("'s", ""), ("d", ""))


class _DictionaryUnpickler(pickle.Unpickler):
    """The word lists are pickled sets of strings: refuse any global (no code runs)."""

    def find_class(self, module: str, name: str) -> Any:
        if module in ("builtins", "__builtin__") and name in ("set", "frozenset"):
            return set if name == "set" else frozenset
        raise pickle.UnpicklingError(f"unexpected object in word list: {module}.{name}")


@lru_cache(maxsize=1)
def english_dictionary() -> frozenset[str]:
    """Every English word we know, lower-cased."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words: set[str] = set(STOP_WORDS) | _MODERN
    data = resources.files("english_words") / "data"
    for name in ("web2_lower.pickle", "gcide_lower.pickle"):
        loaded = _DictionaryUnpickler(data.joinpath(name).open("rb")).load()
        words.update(w for w in loaded if isinstance(w, str))
    return frozenset(words)


@lru_cache(maxsize=1 << 16)
def is_english_word(word: str) -> bool:
    """``word`` or its stem (plural, past tense, -ing, -ly ...) is in the dictionary.

    Cached: every capitalised word of every document asks, and most words recur."""
    words, low = english_dictionary(), word.lower()
    if low in words:
        return True
    for suffix, repl in _SUFFIXES:
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[: -len(suffix)]
            if stem + repl in words or (not repl and stem[-1] == stem[-2] and stem[:-1] in words):
                return True  # "referring" -> "refer", "formatted" -> "format"
    return ("-" in low or "'" in low) and any(part in words for part in re.split(r"[-']", low) if len(part) > 2)


class UnknownNameRecognizer(RegexRecognizer):
    """Capitalised non-dictionary words (and runs of them) as PERSON, low score."""

    ENTITY = "PERSON"
    SCORE = 0.4

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        taken = _other_entity_chars(nlp_artifacts)
        spans: list[list[int]] = []
        for m in _WORD.finditer(text):
            if m.start() in taken or is_english_word(m.group()):
                continue
            if spans and text[spans[-1][1]:m.start()] == " ":
                spans[-1][1] = m.end()
            else:
                spans.append([m.start(), m.end()])
        return [RecognizerResult(entity_type=self.ENTITY, start=s, end=e, score=self.SCORE,
                                 recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: str(self.name),
                                                       RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})
                for s, e in spans]


def _other_entity_chars(nlp_artifacts: Any) -> set[int]:
    """Characters inside an entity spaCy found that is not a person (already someone's finding)."""
    ents = getattr(nlp_artifacts, "entities", None) or ()
    return {i for ent in ents if ent.label_ != "PERSON" for i in range(ent.start_char, ent.end_char)}
