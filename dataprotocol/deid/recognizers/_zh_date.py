"""Dates (and the clock time right after one) in Chinese text.

``2024年3月5日``, ``3月5日``, ``3月5号``, ``二〇二四年三月五日``, ``2024-03-05``,
``2024/3/5``, ``2024.03.05``, ``2024年3月``; a following time (``下午3点``, ``14:30``,
``8点51分``, ``3点半``) joins the date's span. A day of the month is checked (1-31).

A bare year and month with a dot or dash (``1990.02``, ``2015-09``) reads as an amount
or a version too, so it counts next to a date word (出生年月：1990.02, 入职时间 2015-09, 1990.02出生)
or as one end of a range (``2015.09-2019.06``, ``2019.07至今``), the way forms and
résumés write birth months and periods.
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
_YM = r"(?:19|20)\d{2}([./\-])(?:1[0-2]|0?[1-9])(?![\d]|[./\-]\d)"
_YM_LABEL = r"(?:出生年月|出生日期|出生|生日|年月|日期|时间|入学|入职|入党|入伍|毕业|参加工作|参保|起止)"
_YM_RANGE = r"(?<![\d.])(?P<a>(?:19|20)\d{2}[./](?:1[0-2]|0[1-9]))\s?[-—–~～至到]\s?(?P<b>(?:19|20)\d{2}[./](?:1[0-2]|0[1-9])|至今|今)(?![\d.])"
_ISO = r"(?<!\d)(?:19|20)\d{2}([\-/.])(?:1[0-2]|0?[1-9])\1(?:3[01]|[12]\d|0?[1-9])(?!\d)"


class ChineseDateRecognizer(RegexRecognizer):
    ENTITY = "DATE_TIME"
    LANGUAGE = "zh"
    PATTERNS = (
        RegexPattern("y m d", rf"{_Y}{_M}{_D}{_TIME}", 0.8),
        RegexPattern("m d", rf"(?<![\d{_CN}]){_M}{_D}{_TIME}", 0.7),
        RegexPattern("y m", rf"(?<!\d){_Y}{_M}(?![\d{_CN}])", 0.6),
        RegexPattern("labelled y.m", rf"{_YM_LABEL}\s*[:：]?\s*(?P<ym>{_YM})", 0.65, group="ym"),
        RegexPattern("y.m before 出生", rf"(?<![\d.])(?P<ym>{_YM})(?=\s?(?:出生|生人|入学|入职|毕业|参加工作|入党))", 0.65,
                     group="ym"),
        RegexPattern("y.m range start", _YM_RANGE, 0.65, group="a"),  # "至今" is no date: each end alone
        RegexPattern("y.m range end", _YM_RANGE, 0.65, group="b"),
        RegexPattern("numeric", rf"{_ISO}(?:\s?(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)?", 0.7),
    )

    def validate(self, value: str) -> bool:
        return value not in ("至今", "今")  # the open end of a range
