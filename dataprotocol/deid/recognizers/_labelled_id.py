"""Labelled identifying numbers: "Parcel #122324925", "Screening ID 502417361", "policy no. 88123456".

HIPAA Safe Harbor's catch-all (18): "any other unique identifying number". A run of
6-12 digits (optionally after a short letter prefix) counts only right after ``#`` or
an id label, so quantities, prices and years are left alone; phone, card and SSN
recognizers score higher and win where they overlap.
"""

from __future__ import annotations

import re

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["LabelledIdRecognizer"]

_ID = r"(?P<id>(?:[A-Z]{1,4}-?)?\d{4,12}(?:-\d{2,8}){0,3}(?:-?[A-Z]{1,2})?)(?![\w\-]|\.\d)"
_LABEL = (r"id|identifier|number|no\.?|num|ref(?:erence)?|acct|account|membership|member|case|file|policy|"
          r"claim|tracking|order|booking|confirmation|reservation|ticket|invoice|parcel|shipment|badge|"
          r"employee|student|subject|screening|enrol?ment|registration|serial|customer|client|patient|"
          # clinical and billing record numbers in notes (HIPAA 18: any other unique number)
          r"fin|encounter|visit|admission|rx|prescription|specimen|accession|sample|lab|requisition|npi|dea|"
          r"authori[sz]ation|auth|group|plan|beneficiary|subscriber|insurance|voucher|receipt|transaction|"
          r"certificate|license|licence|permit|badge|control|batch|lot|docket|matter|work order|job|ref\s?#")


class LabelledIdRecognizer(RegexRecognizer):
    ENTITY = "ID"
    PATTERNS = (
        RegexPattern("hash id", rf"(?<![\w&#])#\s?{_ID}", 0.45, group="id"),
        RegexPattern("labelled id", rf"\b(?:{_LABEL})(?:\s+(?:id|no\.?|number|num))?\s*:?\s*{_ID}", 0.45,
                     group="id", flags=re.IGNORECASE),
    )
