"""Unified social credit codes (统一社会信用代码), GB 32100-2015.

18 characters over the 31-symbol alphabet (digits and capitals without I, O, S, V,
Z): registration authority, kind, 6-digit division, the 9-character GB 11714
organisation code, and a MOD 31 check character, which is verified.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer
from dataprotocol.deid.recognizers._checksums import gb32100_valid

__all__ = ["ChineseUsccRecognizer"]

_C = "[0-9A-HJ-NPQRTUWXY]"


class ChineseUsccRecognizer(RegexRecognizer):
    ENTITY = "CN_USCC"
    LANGUAGE = "zh"
    CONTEXT = ("统一社会信用代码", "信用代码", "社会信用代码", "营业执照", "税号", "纳税人识别号", "USCC")
    PATTERNS = (RegexPattern("uscc", rf"(?<![0-9A-Za-z]){_C}{{2}}\d{{6}}{_C}{{10}}(?![0-9A-Za-z])", 0.85),)

    def validate(self, value: str) -> bool:
        return gb32100_valid(value) and any(c.isalpha() for c in value)
