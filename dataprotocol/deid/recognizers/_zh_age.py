"""Ages in Chinese text: ``45岁``, ``45周岁``, ``四十五岁``, ``年龄：45``.

The span covers the number and 岁/周岁 (Chinese has no space to keep readable) and
months after it (``43岁6个月``); 虚岁 and 多岁 forms ("40多岁") count too. An infant's age
in months counts after 年龄/月龄 (``年龄：8个月``) or as ``8个月大`` -- not a bare ``8个月``,
which is as often a warranty or a loan term.

An age in a rule or a range is nobody's (``3岁以下儿童免票``, ``年满18周岁``, ``年龄18-35岁``,
``60岁及以上老年人``, ``平均年龄35岁``, ``百岁老人``): a bound word before or after it, or a
range sign, leaves it alone.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChineseAgeRecognizer"]

_CN = "一二两三四五六七八九十百"
#: a bound or a range opens before the age: 年满/未满/超过 18岁, 18-35岁, 18至60岁, 平均年龄35岁
_NOT_AFTER = r"(?<!平均年龄)(?<!年满)(?<!未满)(?<!不满)(?<!超过)(?<!低于)(?<!高于)(?<!大于)(?<!小于)(?<!平均)(?<![\-~～至到])"
#: ... or follows it: 3岁以下, 60岁及以上, 18岁至, 20岁到30岁之间, 百岁老人
_NOT_BEFORE = r"(?!\s?(?:以下|以上|及以上|及以下|以内|之间|[\-~～至到]\s?\d|老人))"


class ChineseAgeRecognizer(RegexRecognizer):
    ENTITY = "AGE"
    LANGUAGE = "zh"
    PATTERNS = (
        RegexPattern("n岁", rf"{_NOT_AFTER}(?<![\d.])(?:1[01]\d|\d{{1,2}})(?:多)?(?:周岁|岁半|岁|虚岁)(?:零?\d{{1,2}}个月)?"
                           rf"{_NOT_BEFORE}", 0.75),
        RegexPattern("年龄 n个月", r"(?:年龄|月龄)\s*[:：]?\s*(?P<age>\d{1,2}\s?(?:个月|天))", 0.7, group="age"),
        RegexPattern("n个月大", r"(?<![\d.])\d{1,2}个月(?=大)", 0.6),
        RegexPattern("cn岁", rf"{_NOT_AFTER}(?<![{_CN}])(?!百岁)[{_CN}]{{1,4}}(?:多)?(?:周岁|岁半|岁){_NOT_BEFORE}", 0.7),
        RegexPattern("年龄", r"(?<!平均)(?:年龄|年纪|age)\s*[:：]?\s*(?P<age>(?:1[01]\d|\d{1,2}))(?!\d|\s?[\-~～至到]\s?\d)",
                     0.7, group="age"),
    )
