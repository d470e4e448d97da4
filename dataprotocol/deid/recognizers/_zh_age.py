"""Ages in Chinese text: ``45岁``, ``45周岁``, ``四十五岁``, ``年龄：45``.

The span covers the number and 岁/周岁 (Chinese has no space to keep readable) and
months after it (``43岁6个月``); 虚岁 and 多岁 forms ("40多岁") count too. An infant's age
in months counts after 年龄/月龄 (``年龄：8个月``) or as ``8个月大`` -- not a bare ``8个月``,
which is as often a warranty or a loan term.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChineseAgeRecognizer"]

_CN = "一二两三四五六七八九十百"


class ChineseAgeRecognizer(RegexRecognizer):
    ENTITY = "AGE"
    LANGUAGE = "zh"
    PATTERNS = (
        RegexPattern("n岁", r"(?<![\d.])(?:1[01]\d|\d{1,2})(?:多)?(?:周岁|岁半|岁|虚岁)(?:零?\d{1,2}个月)?", 0.75),
        RegexPattern("年龄 n个月", r"(?:年龄|月龄)\s*[:：]?\s*(?P<age>\d{1,2}\s?(?:个月|天))", 0.7, group="age"),
        RegexPattern("n个月大", r"(?<![\d.])\d{1,2}个月(?=大)", 0.6),
        RegexPattern("cn岁", rf"(?<![{_CN}])[{_CN}]{{1,4}}(?:多)?(?:周岁|岁半|岁)", 0.7),
        RegexPattern("年龄", r"(?:年龄|年纪|age)\s*[:：]?\s*(?P<age>(?:1[01]\d|\d{1,2}))(?!\d)", 0.7, group="age"),
    )
