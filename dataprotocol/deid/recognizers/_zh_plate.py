"""Vehicle plates of mainland China (车牌号), GA 36-2018.

Province abbreviation, issuing-authority letter, an optional separator (·, space,
dash), then five characters (letters without I and O, digits) -- or six for the
green new-energy plates (D/F for battery/hybrid, first or last).
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChineseVehiclePlateRecognizer"]

_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_A = "[A-HJ-NP-Z0-9]"
_SEP = r"[·•・\.\s\-]?"


class ChineseVehiclePlateRecognizer(RegexRecognizer):
    ENTITY = "CN_VEHICLE_PLATE"
    LANGUAGE = "zh"
    CONTEXT = ("车牌", "车牌号", "牌照", "号牌", "车辆", "车主", "行驶证")
    PATTERNS = (
        RegexPattern("new energy", rf"[{_PROVINCES}][A-HJ-NP-Z]{_SEP}(?:[DF]{_A}\d{{4}}|\d{{5}}[DF])(?![0-9A-Za-z])",
                     0.8),
        RegexPattern("regular", rf"[{_PROVINCES}][A-HJ-NP-Z]{_SEP}{_A}{{4}}[A-HJ-NP-Z0-9挂学警港澳](?![0-9A-Za-z])",
                     0.7),
    )

    def validate(self, value: str) -> bool:
        return sum(c.isdigit() for c in value) >= 2
