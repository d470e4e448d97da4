"""Vehicle plates of mainland China (车牌号), GA 36-2018, as people type them.

Province abbreviation, issuing-authority letter, an optional separator (·, space,
dash, a dot with spaces around it), then five characters (letters, digits) -- or six
for the green new-energy plates (small cars: D/F, or since 2021 A-K, first; large
cars: five digits then D/F). Trailers, learner, police, Hong Kong/Macau border,
consulate, test and oversize plates end in 挂/学/警/港/澳/领/试/超; embassy plates
read 使 and six digits (only after a plate word); armed-police plates WJ and a
province.

Text is not the plate itself: chat writes the letters in lower case (``沪a12345``), OCR
and hand typing put O and I where the standard has 0 and 1 (and the old police plates
used the authority letter O), so any Latin letter counts. An unlabelled match needs
two digits in its serial (a word such as "京A·BCDEF" is no plate); after 车牌号 /
号牌 / 牌照 / 车号 any serial of the shape counts.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChineseVehiclePlateRecognizer"]

_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_A = "[A-Z0-9]"
#: between province and letter at most a space; between letter and serial ·, a dot, a dash or a space
_GAP = r"[ \u3000]?"
_SEP = r"(?:[ \u3000]?[·•・･‧∙.\-‐‑–—][ \u3000]?|[ \u3000])?"
_SUFFIX = "挂学警港澳领试超"
#: an unlabelled plate has two digits or more in its serial
_TWO_DIGITS = r"(?=[A-Z0-9]*\d[A-Z0-9]*\d)"
_END = r"(?![0-9A-Z])"
_HEAD = rf"(?:WJ{_GAP})?[{_PROVINCES}]{_GAP}[A-Z]{_SEP}"
_I = re.IGNORECASE
_LABEL = r"(?:车牌照|车牌|车辆号牌|号牌|牌照|车号|牌号)(?:号码|号)?\s*(?:为|是|[:：])?\s*"


class ChineseVehiclePlateRecognizer(RegexRecognizer):
    ENTITY = "CN_VEHICLE_PLATE"
    LANGUAGE = "zh"
    CONTEXT = ("车牌", "车牌号", "牌照", "号牌", "车辆", "车主", "行驶证")
    PATTERNS = (
        RegexPattern("new energy", rf"{_HEAD}{_TWO_DIGITS}(?:[A-HJK]{_A}\d{{4}}|\d{{5}}[A-HJK]){_END}", 0.8,
                     flags=_I),
        RegexPattern("regular", rf"{_HEAD}{_TWO_DIGITS}{_A}{{4}}(?:{_A}|[{_SUFFIX}]){_END}", 0.7, flags=_I),
        RegexPattern("armed police", rf"WJ{_GAP}[{_PROVINCES}]?{_SEP}{_TWO_DIGITS}{_A}{{4}}{_A}{_END}", 0.7),
        # after 车牌号 the plate is a plate whatever its serial (a personalised or mistyped one)
        RegexPattern("labelled", rf"{_LABEL}(?P<plate>{_HEAD}{_A}{{4,5}}(?:{_A}|[{_SUFFIX}])){_END}", 0.75,
                     group="plate", flags=_I),
        RegexPattern("embassy", rf"{_LABEL}(?P<plate>使{_SEP}\d{{3}}{_SEP}\d{{3}})(?!\d)", 0.75, group="plate"),
    )

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        """One result per span (a labelled plate matches twice)."""
        unique: dict[tuple[int, int], RecognizerResult] = {}
        for result in sorted(super().analyze(text, entities, nlp_artifacts), key=lambda r: -r.score):
            unique.setdefault((result.start, result.end), result)
        return list(unique.values())
