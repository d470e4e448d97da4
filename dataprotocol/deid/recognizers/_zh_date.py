"""Dates (and the clock time right after one) in Chinese text.

``2024年3月5日``, ``3月5日``, ``3月5号``, ``二〇二四年三月五日``, ``2024-03-05``,
``2024/3/5``, ``2024.03.05``, ``2024年3月``, ``24年3月5日``, ``2024 年 3 月 5 日``; a following time (``下午3点``, ``14:30``,
``8点51分``, ``3点半``) joins the date's span. A day of the month is checked (1-31).

A bare year and month with a dot or dash (``1990.02``, ``2015-09``) reads as an amount
or a version too, so it counts next to a date word (出生年月：1990.02, 入职时间 2015-09, 1990.02出生)
or as one end of a period (``2015.09-2019.06``, ``2019.07至今``, ``2011/9-2009-02``,
``2013-12-2021年9月``: résumés mix the forms), the way forms and résumés write birth
months and periods; also before a word that dates it (``2024-04以来``, ``2024-12工资``) and
alone in brackets (``（2025-08）``, a payroll heading).

Dates of the Chinese calendar have no 日: ``农历腊月十六``, ``农历二月初十``, ``冬月廿一``.

Forms and logs write dates in figures only: ``20240727``, ``25/3/10``, ``26.9.29``
(two-digit year, month, day), ``03-05`` (month-day) -- each checked as a calendar
date. A bare month-day reads as a range too (a reference range ``10-20``), so it counts
after a date word (日期, 时间, 于, 本月, a bracket opening a heading), before one (前,
之前, 止, 起) or with a time after it. The time is often glued to the day with no
space (``2025/06/1522时30分``: the 15th, 22:30); it joins the date's span.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChineseDateRecognizer"]

_CN = "〇零一二三四五六七八九十"
#: printed forms put spaces around the figures (2024 年 3 月 5 日)
_Y = rf"(?:(?:19|20)\d{{2}}|[{_CN}]{{4}})\s?年"
_M = rf"(?:1[0-2]|0?[1-9]|[{_CN}]{{1,2}})\s?月"
_D = rf"(?:3[01]|[12]\d|0?[1-9]|[{_CN}]{{1,3}})\s?[日号]"
#: a weekday written after the date is part of it (2024年3月5日 星期二 上午 9:41; 3月5日周二)
_CLOCK = (r"(?:\s|T(?=\d))?(?:上午|下午|晚上|早上|中午|凌晨|傍晚|夜里|晚)?\s?(?:[01]?\d|2[0-3])"
          r"(?::[0-5]\d(?::[0-5]\d)?|[点点時时](?:[0-5]?\d分|半|整)?)")
_TIME = rf"(?:\s?[（(]?(?:周|星期|礼拜)[一二三四五六日天][）)]?)?(?:{_CLOCK})?"
_YM = r"(?:19|20)\d{2}([./\-])(?:1[0-2]|0?[1-9])(?![\d]|[./\-]\d)"
_DEGREE = r"(?:本科|硕士|博士|研究生|大专|专科|中专|高中|初中)"
_YM_LABEL = r"(?:出生年月|出生日期|出生|生日|年月|日期|时间|入学|入职|入党|入伍|毕业|参加工作|参保|起止)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
#: a year and month in figures with any separator (2012/5, 2014-07, 2017.03), or in words (2021年9月)
_YMX = (r"(?:(?:19|20)\d{2}[./\-](?:1[0-2]|0?[1-9])(?![\d]|[./\-]\d)"
        rf"|(?:19|20)\d{{2}}\s?年\s?(?:1[0-2]|0?[1-9])\s?月(?![\d{_CN}]))")
#: a period: one end a year-month in figures, the other any year-month or 至今 (2011/9-2009-02,
#: 2013-12-2021年9月, 2012/5至今) -- the dash inside a figure and the range's dash differ in place only
_YM_SPAN = (r"(?<![\d./\-])(?P<a>(?:19|20)\d{2}[./\-](?:1[0-2]|0?[1-9])(?!\d)"
            rf"|(?:19|20)\d{{2}}\s?年\s?(?:1[0-2]|0?[1-9])\s?月)\s?[-—–~～至到]\s?(?P<b>{_YMX}|至今|今)(?![\d./])")
#: a year-month that something dates: arrears 以来, a payroll or bill 工资/账单 (2024-04以来, 2024-12工资)
_YM_AFTER = r"(?=\s?(?:以来|以后|之后|以前|之前|起|止|至今|期间|工资|薪资|账单|账期|月度|月份|月报|考勤|社保|公积金))"
#: a date of the Chinese calendar: 农历腊月十六, 农历正月初十, 冬月廿一 (lunar months and days have no 日)
_LUNAR_MONTH = r"(?:闰)?(?:正|冬|腊|十[一二]|[一二三四五六七八九十])月"
_LUNAR_DAY = r"(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|二十|廿[一二三四五六七八九]?|三十)"
#: a clock time glued to the day before it (1522时30分: the 15th at 22:30; 0611:20)
_GLUED = r"(?=(?:[01]?\d|2[0-3])(?:[点时]|:[0-5]\d))"
_DAY_END = rf"(?:{_GLUED}|(?!\d|[./\-]\d))"
_ISO = rf"(?<!\d)(?:19|20)\d{{2}}([\-/.])(?:1[0-2]|0?[1-9])\1{_DAY}{_DAY_END}"
#: not a part of a hyphenated code (TS-20240412-007 is a ticket number, not a date)
_COMPACT = (rf"(?<![\dA-Za-z])(?<![A-Za-z][\-_])(?:19|20)\d{{2}}(?:1[0-2]|0[1-9])(?:3[01]|[12]\d|0[1-9])"
            rf"(?:{_GLUED}|(?![\dA-Za-z]|[\-_][A-Za-z]))")
_SHORT_YEAR = rf"(?<![\dA-Za-z./])\d{{2}}([/.])(?:1[0-2]|0?[1-9])\1{_DAY}{_DAY_END}"
_MD = r"(?<![\dA-Za-z.\-/:])(?:1[0-2]|0[1-9])-(?:3[01]|[12]\d|0[1-9])"
_MD_BEFORE = r"(?:日期|时间|日子|[于至]|截至|截止|本月|下月|上月|周[一二三四五六日天]|星期[一二三四五六日天]|[（(])\s*[:：]?\s*"
_MD_AFTER = r"(?=\s?(?:之前|以前|前|之后|以后|后|止|起|出生|入职|到期|当天))"
#: a weekday after a month-day, bracketed or not: 3.15（周五）, 03-15 星期五
_WEEKDAY = r"(?=\s?[（(]?(?:周|星期|礼拜)[一二三四五六日天])"
_GLUED_TIME = r"(?=\s?(?:上午|下午|晚上|早上|中午|凌晨|傍晚|夜里)?\s?(?:[01]?\d|2[0-3])(?:[点时]|:[0-5]\d))"


class ChineseDateRecognizer(RegexRecognizer):
    ENTITY = "DATE_TIME"
    LANGUAGE = "zh"
    PATTERNS = (
        RegexPattern("y m d", rf"{_Y}\s?{_M}\s?{_D}{_TIME}", 0.8),
        RegexPattern("yy m d", rf"(?<![\d{_CN}])\d{{2}}年{_M}{_D}{_TIME}", 0.7),  # 24年3月5日
        RegexPattern("m d", rf"(?:(?<![\d{_CN}])|(?<=[周期][{_CN}日天]))(?<!\d){_M}\s?{_D}{_TIME}", 0.7),
        RegexPattern("y m", rf"(?<!\d){_Y}\s?{_M}(?![\d{_CN}])", 0.6),
        RegexPattern("labelled y.m", rf"{_YM_LABEL}\s*[:：]?\s*(?P<ym>{_YM})", 0.65, group="ym"),
        RegexPattern("y.m before 出生", rf"(?<![\d.])(?P<ym>{_YM})(?=\s?{_DEGREE}?(?:出生|生人|入学|入职|毕业|参加工作|入党))", 0.65,
                     group="ym"),
        RegexPattern("y.m period start", _YM_SPAN, 0.65, group="a"),  # "至今" is no date: each end alone
        RegexPattern("y.m period end", _YM_SPAN, 0.65, group="b"),
        RegexPattern("y.m dated", rf"(?<![\d./\-])(?:19|20)\d{{2}}[./\-](?:1[0-2]|0?[1-9])(?![\d]|[./\-]\d){_YM_AFTER}",
                     0.6),
        RegexPattern("y.m in brackets", r"(?<=[（(])(?:19|20)\d{2}[./\-](?:1[0-2]|0?[1-9])(?=[）)])", 0.6),
        RegexPattern("lunar", rf"(?:农历|阴历)\s?{_LUNAR_MONTH}{_LUNAR_DAY}|(?<![{_CN}])(?:正|冬|腊)月{_LUNAR_DAY}", 0.65),
        RegexPattern("numeric", rf"{_ISO}{_TIME}", 0.7),
        RegexPattern("compact", rf"{_COMPACT}{_TIME}", 0.55),
        RegexPattern("short year", rf"{_SHORT_YEAR}{_TIME}", 0.6),
        RegexPattern("m-d with a time", rf"{_MD}{_DAY_END}{_GLUED_TIME}{_TIME}", 0.6),
        RegexPattern("m-d after a date word", rf"{_MD_BEFORE}(?P<md>{_MD}(?![\d\-]))", 0.55, group="md"),
        RegexPattern("m-d before a date word", rf"{_MD}(?![\d\-]){_MD_AFTER}", 0.55),
        RegexPattern("m.d before a weekday", rf"(?<![\dA-Za-z./\-:])(?:1[0-2]|0?[1-9])[./\-]{_DAY}(?![\d./\-]){_WEEKDAY}",
                     0.6),
    )

    def validate(self, value: str) -> bool:
        return value not in ("至今", "今")  # the open end of a range
