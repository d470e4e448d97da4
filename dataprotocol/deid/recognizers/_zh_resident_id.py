"""Resident identity numbers of the PRC (居民身份证号码), GB 11643-1999.

18 characters: 6-digit division code, birth date YYYYMMDD, 3-digit sequence, and a
MOD 11-2 check character (``X`` for 10, sometimes written lower-case). The check
character is verified, so a random 18-digit number (an order id, a bank card) is
not reported; the number may be printed in groups (6-8-4 or 6-4-4-4, by spaces or
dashes). The 15-digit form issued before 1999 (YYMMDD, no check character) is
reported with a lower score, higher near a context word.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer
from dataprotocol.deid.recognizers._checksums import gb11643_valid

__all__ = ["ChineseResidentIdRecognizer"]

_DATE8 = r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
#: the birth date as read out or printed in groups: 6-8-4 (620102 20050927 1816) or 6-4-4-4
_DATE8_GROUPED = r"(?:18|19|20)\d{2}(?:(?P=sep))?(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_DATE6 = r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_L, _R = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"


class ChineseResidentIdRecognizer(RegexRecognizer):
    ENTITY = "CN_RESIDENT_ID"
    LANGUAGE = "zh"
    CONTEXT = ("身份证", "身份证号", "证件号", "证件号码", "公民身份号码", "身份号码", "ID", "id card")
    WINDOW = 20
    PATTERNS = (
        RegexPattern("18-digit", rf"{_L}[1-9]\d{{5}}{_DATE8}\d{{3}}[0-9Xx]{_R}", 0.9),
        RegexPattern("18-digit grouped", rf"{_L}[1-9]\d{{5}}(?P<sep>[ \-]){_DATE8_GROUPED}(?P=sep)\d{{3}}[0-9Xx]{_R}", 0.9),
        RegexPattern("15-digit", rf"{_L}[1-9]\d{{5}}{_DATE6}\d{{3}}{_R}", 0.45),
    )

    def validate(self, value: str) -> bool:
        digits = value.replace(" ", "").replace("-", "")
        return len(digits) == 15 or gb11643_valid(digits)
