"""Dates (and the clock time right after one) in Chinese text.

``2024年3月5日``, ``3月5日``, ``3月5号``, ``二〇二四年三月五日``, ``2024-03-05``,
``2024/3/5``, ``2024.03.05``, ``2024年3月``; a following time (``下午3点``, ``14:30``,
``8点51分``, ``3点半``) joins the date's span. A day of the month is checked (1-31).
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChineseDateRecognizer"]

_CN = "〇零一二三四五六七八九十"
_Y = rf"(?:(?:19|20)\d{{2}}|[{_CN}]{{4}})年"
_M = rf"(?:1[0-2]|0?[1-9]|[{_CN}]{{1,2}})月"
_D = rf"(?:3[01]|[12]\d|0?[1-9]|[{_CN}]{{1,3}})[日号]"
_TIME = (r"(?:\s?(?:上午|下午|晚上|早上|中午|凌晨|傍晚|夜里|晚)?\s?(?:[01]?\d|2[0-3])(?::[0-5]\d(?::[0-5]\d)?|"
         r"[点点時时](?:[0-5]?\d分|半|整)?))?")
_ISO = r"(?<!\d)(?:19|20)\d{2}([\-/.])(?:1[0-2]|0?[1-9])\1(?:3[01]|[12]\d|0?[1-9])(?!\d)"


class ChineseDateRecognizer(RegexRecognizer):
    ENTITY = "DATE_TIME"
    LANGUAGE = "zh"
    PATTERNS = (
        RegexPattern("y m d", rf"{_Y}{_M}{_D}{_TIME}", 0.8),
        RegexPattern("m d", rf"(?<![\d{_CN}]){_M}{_D}{_TIME}", 0.7),
        RegexPattern("y m", rf"(?<!\d){_Y}{_M}(?![\d{_CN}])", 0.6),
        RegexPattern("numeric", rf"{_ISO}(?:\s?(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)?", 0.7),
    )
