"""PRC passport numbers (护照号码): E + 8 digits, E + letter + 7 digits (e-passports
since 2012), and the older G/P/D/S series. A letter and 8 digits is also many other
things, so the bare shape scores low and a context word raises it.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChinesePassportRecognizer"]


class ChinesePassportRecognizer(RegexRecognizer):
    ENTITY = "CN_PASSPORT"
    LANGUAGE = "zh"
    CONTEXT = ("护照", "护照号", "护照号码", "passport", "证件号", "旅行证", "通行证")
    WINDOW = 24
    CONTEXT_BOOST = 0.4
    PATTERNS = (
        RegexPattern("e-passport", r"(?<![0-9A-Za-z])E[A-HJ-NP-Z]\d{7}(?![0-9A-Za-z])", 0.5),
        RegexPattern("series", r"(?<![0-9A-Za-z])[EGPDS]\d{7,8}(?![0-9A-Za-z])", 0.45),
        RegexPattern("near context", r"(?<![0-9A-Za-z])[A-Z]{1,2}\d{7,8}(?![0-9A-Za-z])", 0.5, needs_context=True),
    )
