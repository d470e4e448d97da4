"""Mainland phone numbers (手机 / 座机) in Chinese text.

Mobiles: 11 digits starting 13-19, written bare, 3-4-4 or 4-4-3 with spaces or dashes, after
``+86``, ``0086``, ``86-`` or ``(+86)``. Landlines: a 3-4 digit area code starting 0
(in ASCII or full-width brackets, or followed by a dash/space) and a 7-8 digit local
number (grouped 4-4, 3-4 or 4-3), optionally ``+86`` in front (dropping the 0) and an extension (转 123,
ext. 12, -123 after the local number). The extension is part of the number.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChinesePhoneRecognizer"]

_L, _R = r"(?<![0-9A-Za-z+])", r"(?![0-9A-Za-z])"
_CC = r"(?:(?:\+|00)86[\s\-]?|\(\+?86\)[\s\-]?|（\+?86）[\s\-]?|86-)"
_MOBILE = r"1[3-9]\d(?:(?:[\s\-]?\d{4}){2}|\d[\s\-]\d{4}[\s\-]\d{3})"
_EXT = r"(?:\s?(?:转|分机|ext\.?|x|-)\s?\d{1,5})?"
_AREA = r"(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[\s\-]?)"
#: 7-8 digits: 2345-6789, 234-5678, and the 4-3 grouping of a 7-digit number (5674 759)
_LOCAL = r"(?:[2-9]\d{2,3}[\s\-]?\d{4}|[2-9]\d{3}[\s\-]\d{3})"


class ChinesePhoneRecognizer(RegexRecognizer):
    ENTITY = "PHONE_NUMBER"
    LANGUAGE = "zh"
    CONTEXT = ("电话", "手机", "手机号", "联系方式", "联系电话", "座机", "来电", "致电", "拨打", "热线", "微信",
               "tel", "phone", "mobile")
    PATTERNS = (
        RegexPattern("mobile", rf"{_L}{_CC}?{_MOBILE}{_R}", 0.75),
        RegexPattern("landline", rf"{_L}(?:{_CC}\(?0?\d{{2,3}}\)?[\s\-]?|{_AREA}){_LOCAL}{_EXT}{_R}", 0.65),
        RegexPattern("service line", rf"{_L}[48]00[\s\-]?\d{{3}}[\s\-]?\d{{4}}{_R}", 0.4, needs_context=True),
    )
