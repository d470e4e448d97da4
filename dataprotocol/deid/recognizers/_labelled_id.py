"""Labelled identifying numbers: "Parcel #122324925", "Claim No. C62-2353601", "Member ID Q21-5106078".

HIPAA Safe Harbor's catch-all (18): "any other unique identifying number". A token of
the generic id shape (``_id_token``: letters and digits with ``-``/``/``/``.``
separators, four or more digits) counts only right after ``#`` or an id label
("case", "claim no.", "policy #:", "member id", "reference"), so quantities, prices,
dates and years are left alone; phone, card and SSN recognizers score higher and win
where they overlap. Two shapes need no four digits: a code in a subject's brackets
("Re: [SR8060292] ...", the ticket number mail tools print) and an airline booking
code (PNR, six capitals or digits: "Confirmation code: SDNQPW") after its label --
unless the six letters spell an English word. In a chat, the line answering a question
for a number ("Can I get your confirmation code?" / "its GBUK32") holds one.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer
from dataprotocol.deid.recognizers._id_token import ID_TOKEN, plausible_id
from dataprotocol.deid.recognizers._person_unknown import is_english_word

__all__ = ["LabelledIdRecognizer"]

_LABEL = (r"id|identifier|number|no\.?|num|ref(?:erence)?|acct|account|membership|member|case|file|policy|"
          r"claim|tracking|order|booking|confirmation|reservation|ticket|invoice|parcel|shipment|badge|"
          r"employee|student|subject|screening|enrol?ment|registration|serial|customer|client|patient|"
          # clinical and billing record numbers in notes (HIPAA 18: any other unique number)
          r"fin|encounter|visit|admission|rx|prescription|specimen|accession|sample|lab|requisition|npi|dea|"
          r"authori[sz]ation|auth|group|plan|beneficiary|subscriber|insurance|voucher|receipt|transaction|"
          r"certificate|license|licence|permit|control|batch|docket|matter|work order|job|report|incident|"
          r"loan|contract|application|rma|po|waybill|consignment|record|chart|folio|ref\s?#|"
          # support chats and call logs: "session 64019188", "conversation ID 7731-22"
          r"session|conversation|chat|transcript|interaction|"
          # corrections, travel, quotes and asset registers: "Offender #", "Frequent flyer #:",
          # "Binding Quote QDA-529677", "tag WS940370", "award number"
          r"offender|inmate|parolee|probationer|booking|flyer|loyalty|rewards|e-?ticket|quote|estimate|"
          r"asset|tag|award|grant|dispute|agreement|rental|locator|pnr|"
          # vehicles (HIPAA 12): "plate 7KPL209", "licence plate: ABC 1234"
          r"plate|vin")
#: what may stand between the label and the id: "Claim No. ", "Policy #: ", "Member ID ", "case is "
_GAP = r"(?:\s*(?:id|no\.?|number|num|#|code|ref))?\s*(?:[:#]\s*)?(?:is\s+|was\s+)?\(?"


class LabelledIdRecognizer(RegexRecognizer):
    ENTITY = "ID"
    PATTERNS = (
        RegexPattern("hash id", rf"(?<![\w&#])#:?\s?{ID_TOKEN}", 0.45, group="id"),
        # a ticket or request number in a subject's brackets: "Re: [REQ9735843] cannot connect"
        RegexPattern("bracketed code", r"(?<=\[)(?P<id>[A-Z]{1,5}[-#]?\d{5,12}|\d{6,12})(?=\])", 0.5,
                     group="id"),
        RegexPattern("spaced plate", r"(?i:\bplate(?:\s+(?:number|no\.?|#))?\s*[:#]?\s*)"
                                     r"(?P<id>[A-Z]{1,4}[ \-\u00b7][0-9]{3,4}|[0-9]{1,4}[ \-\u00b7][A-Z]{2,4})(?![\w\-])",
                     0.45, group="id"),
        # booking codes (PNR): six capitals/digits after their label, letters alone allowed
        RegexPattern("booking code", r"(?i:\b(?:confirmation|booking|reservation|record locator|pnr)"
                                     r"(?:\s+(?:code|number|no\.?|ref(?:erence)?|#))?\s*[:#]?\s*(?:is\s+)?)"
                                     r"(?P<id>[A-Z0-9]{6})(?![\w\-])", 0.5, group="id"),
        RegexPattern("labelled id", rf"\b(?:{_LABEL}){_GAP}{ID_TOKEN}", 0.45, group="id", flags=re.IGNORECASE),
    )

    def validate(self, value: str) -> bool:
        if len(value) == 6 and value.isalnum() and value.isupper():  # a booking code, not a word
            return any(c.isdigit() for c in value) or not is_english_word(value)
        return plausible_id(value)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        """One result per span ("Parcel #12345678" matches as a hash id and after a label)."""
        unique: dict[tuple[int, int], RecognizerResult] = {}
        for result in super().analyze(text, entities, nlp_artifacts):
            unique.setdefault((result.start, result.end), result)
        if not entities or self.ENTITY in entities:
            for start, end in _answers(text):
                unique.setdefault((start, end), RecognizerResult(
                    entity_type=self.ENTITY, start=start, end=end, score=0.5,
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: str(self.name),
                                          RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return list(unique.values())


#: a chat or call line asking for a number: "Can I get your confirmation code?", "order number please?"
_QUESTION = re.compile(rf"(?i:\b(?:{_LABEL})\s*(?:code|number|no\.?|#|id|reference|ref)\b[^\n?]{{0,20}}\?)[ \t]*\n"
                       r"(?P<answer>[^\n]{1,120})")
_ANSWER_TOKEN = re.compile(r"(?<![\w\-])[A-Z0-9][A-Z0-9\-]{4,19}(?![\w\-])")


def _answers(text: str) -> list[tuple[int, int]]:
    """The id in the line answering a question for one ("nikhil: its GBUK32"): a support chat's
    reply carries no label of its own."""
    out = []
    for question in _QUESTION.finditer(text):
        for token in _ANSWER_TOKEN.finditer(question.group("answer")):
            value = token.group()
            if any(c.isdigit() for c in value) and (plausible_id(value) or any(c.isalpha() for c in value)):
                start = question.start("answer") + token.start()
                out.append((start, start + len(value)))
                break
    return out
