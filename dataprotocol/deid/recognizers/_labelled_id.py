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

_ID = r"(?P<id>(?:[A-Z]{1,3}-?)?\d{6,12})(?![\w\-]|\.\d)"
_LABEL = (r"id|identifier|number|no\.?|num|ref(?:erence)?|acct|account|membership|member|case|file|policy|"
          r"claim|tracking|order|booking|confirmation|reservation|ticket|invoice|parcel|shipment|badge|"
          r"employee|student|subject|screening|enrol?ment|registration|serial|customer|client|patient")


class LabelledIdRecognizer(RegexRecognizer):
    ENTITY = "ID"
    PATTERNS = (
        RegexPattern("hash id", rf"(?<![\w&#])#\s?{_ID}", 0.45, group="id"),
        RegexPattern("labelled id", rf"\b(?:{_LABEL})(?:\s+(?:id|no\.?|number))?\s*:?\s*{_ID}", 0.45,
                     group="id", flags=re.IGNORECASE),
    )
