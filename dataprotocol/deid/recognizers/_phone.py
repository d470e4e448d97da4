"""Phone numbers in international and North-American written forms.

Vanilla Presidio's ``PhoneRecognizer`` (libphonenumber) scores 0.4 and misses
extensions ("x123"), "001-" international prefixes and dotted forms; this one
covers the common shapes and keeps the extension inside the span.
"""

from __future__ import annotations

import re

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["InternationalPhoneRecognizer"]

# "x123", "ext. 45", "Ext 7", "extension 201", "#12" -- any case, part of the number's span
_EXT = r"(?:\s*,?\s*(?i:x|ext\.?|extn\.?|extension)\s*\.?\s*\d{1,6}|\s#\s?\d{1,6})?"
_SEP = r"[\s.\-]?"


class InternationalPhoneRecognizer(RegexRecognizer):
    """+CC groups, (NNN) NNN-NNNN, NNN.NNN.NNNN, 001-NNN-NNN-NNNN, with extensions."""

    ENTITY = "PHONE_NUMBER"
    CONTEXT = ("phone", "tel", "telephone", "call", "cell", "mobile", "fax", "text",
               "contact", "reach", "whatsapp", "ph", "mob", "callback", "cb", "number", "sms", "hp",
               "telefon", "telefone", "tel\u00e9fono", "t\u00e9l", "t\u00e9l\u00e9phone", "tlf", "ring")
    PATTERNS = (
        RegexPattern("plus country code",
                     rf"(?<![\w+])\+\d{{1,3}}{_SEP}(?:\(\d{{1,4}}\)|\d{{1,4}})(?:{_SEP}\d{{2,5}}){{1,4}}{_EXT}(?!\w)",
                     0.65),
        RegexPattern("00 prefix",
                     rf"(?<![\w])00\d{{1,3}}{_SEP}\d{{1,4}}(?:{_SEP}\d{{2,5}}){{1,4}}{_EXT}(?!\w)", 0.55),
        RegexPattern("north american",
                     rf"(?<![\w\-/.])(?:(?:\+?1|001){_SEP})?(?:\(\d{{3}}\)\s?|\d{{3}}{_SEP})\d{{3}}{_SEP}\d{{4}}{_EXT}(?![\w\-/])",
                     0.6),
        # trunk-prefix national forms: UK 020 7946 0958, AU (02) 4550 1563, 0418-142-714, NZ 03 413 0554
        RegexPattern("national with trunk 0",
                     rf"(?<![\w(])\(?0\d{{1,4}}\)?[\s.\-]{{0,2}}\d{{2,4}}[\s.\-]?\d{{3,4}}{_EXT}(?![\w\-])", 0.5),
        RegexPattern("local 7 digits with context", r"(?<![\w\-])\d{3}[\s.\-]\d{4}(?![\w\-])", 0.5,
                     needs_context=True),
        # national numbers in groups: PL 578 534 745, FR 06 12 34 56 78, TR 532 118 53 47
        RegexPattern("grouped digits with context", r"(?<![\w\-.])\d{2,4}(?:[\s.\-]\d{2,4}){2,4}(?![\w\-])", 0.5,
                     needs_context=True),
        RegexPattern("bare digits with context", r"(?<![\w\-])\d{7,12}(?![\w\-])", 0.5, needs_context=True),
    )

    def validate(self, value: str) -> bool:
        digits = re.sub(r"\D", "", re.split(r"(?i)x|ext|#", value)[0])
        return 7 <= len(digits) <= 15
