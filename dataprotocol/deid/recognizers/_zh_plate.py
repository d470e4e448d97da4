"""Vehicle plates of mainland China (车牌号), GA 36-2018.

Province abbreviation, issuing-authority letter, an optional separator (·, space,
dash), then five characters (letters without I and O, digits) -- or six for the
green new-energy plates (D/F for battery/hybrid, first or last). An unlabelled match
needs two digits in its serial; after 车牌号 any serial of the shape counts.
"""

from __future__ import annotations

from typing import Any

from presidio_analyzer import RecognizerResult

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChineseVehiclePlateRecognizer"]

_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_A = "[A-HJ-NP-Z0-9]"
_SEP = r"[·•・\.\s\-]?"


#: an unlabelled plate has two digits or more in its serial (a word such as "京A·BCDEF" is no plate)
_TWO_DIGITS = r"(?=[A-HJ-NP-Z0-9]*\d[A-HJ-NP-Z0-9]*\d)"


class ChineseVehiclePlateRecognizer(RegexRecognizer):
    ENTITY = "CN_VEHICLE_PLATE"
    LANGUAGE = "zh"
    CONTEXT = ("车牌", "车牌号", "牌照", "号牌", "车辆", "车主", "行驶证")
    PATTERNS = (
        RegexPattern("new energy", rf"[{_PROVINCES}][A-HJ-NP-Z]{_SEP}{_TWO_DIGITS}(?:[DF]{_A}\d{{4}}|\d{{5}}[DF])"
                                   r"(?![0-9A-Za-z])", 0.8),
        RegexPattern("regular", rf"[{_PROVINCES}][A-HJ-NP-Z]{_SEP}{_TWO_DIGITS}{_A}{{4}}[A-HJ-NP-Z0-9挂学警港澳]"
                                r"(?![0-9A-Za-z])", 0.7),
        # after 车牌号 the plate is a plate whatever its serial (a personalised or mistyped one)
        RegexPattern("labelled", rf"(?:车牌|号牌|牌照)(?:号码|号)?\s*(?:为|是|[:：])?\s*(?P<plate>[{_PROVINCES}][A-HJ-NP-Z]"
                                 rf"{_SEP}[A-HJ-NP-Z0-9]{{4,5}}[A-HJ-NP-Z0-9挂学警港澳])(?![0-9A-Za-z])", 0.75,
                     group="plate"),
    )

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        """One result per span (a labelled plate matches twice)."""
        unique: dict[tuple[int, int], RecognizerResult] = {}
        for result in sorted(super().analyze(text, entities, nlp_artifacts), key=lambda r: -r.score):
            unique.setdefault((result.start, result.end), result)
        return list(unique.values())
