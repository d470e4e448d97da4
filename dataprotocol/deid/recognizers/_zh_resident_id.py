"""Resident identity numbers of the PRC (居民身份证号码), GB 11643-1999.

18 characters: 6-digit division code, birth date YYYYMMDD, 3-digit sequence, and a
MOD 11-2 check character (``X`` for 10, sometimes written lower-case). The check
character is verified, so a random 18-digit number (an order id, a bank card) is
not reported. The 15-digit form issued before 1999 (YYMMDD, no check character) is
reported with a lower score, higher near a context word.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer
from dataprotocol.deid.recognizers._checksums import gb11643_valid

__all__ = ["ChineseResidentIdRecognizer"]

_DATE8 = r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_DATE6 = r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_L, _R = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"


class ChineseResidentIdRecognizer(RegexRecognizer):
    ENTITY = "CN_RESIDENT_ID"
    LANGUAGE = "zh"
    CONTEXT = ("身份证", "身份证号", "证件号", "证件号码", "公民身份号码", "身份号码", "ID", "id card")
    WINDOW = 20
    PATTERNS = (
        RegexPattern("18-digit", rf"{_L}[1-9]\d{{5}}{_DATE8}\d{{3}}[0-9Xx]{_R}", 0.9),
        RegexPattern("15-digit", rf"{_L}[1-9]\d{{5}}{_DATE6}\d{{3}}{_R}", 0.45),
    )

    def validate(self, value: str) -> bool:
        return len(value) == 15 or gb11643_valid(value)
