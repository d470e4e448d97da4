"""A home's unit code in Chinese text: the building and room a resident goes by.

Neighbours, couriers and property managers name a flat by its building and room
alone -- ``3栋401``, ``18号楼2602``, ``12#1501``, ``5栋B座1203``, ``7栋2-1501``, ``3-2-1501`` (building-unit-room), ``A2-1203``,
``D1-303`` -- in community group-buy lists (``1. 3栋401 张三 2份``), delivery notes
(``放29-1-202门口``) and forms (``房号：18栋3002``). Within a known estate that code
points at one household (HIPAA 2: any address element below the city), so it is
an identifier even though no street is written.

* building + 栋/幢/号楼/座 + room (3-4 digits) is reported anywhere, unless a count or
  measure follows (``18栋3000多户``, ``3栋1200平米``: a quantity, not a room);
* the dashed forms (``3-2-1501``, ``A2-1203``) read like dates, scores or part numbers
  elsewhere, so they need a label (房号, 门牌号, 住), a place word right after them
  (``门口``, ``室``, ``家``), or a text about a residential estate (团购, 接龙, 小区,
  业主, 物业, 楼下 ...);
* a full address (``云栖小区4幢2单元905室``) is the address recognizer's: it scores
  higher and wins where they overlap.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChineseUnitCodeRecognizer"]

_L = r"(?<![\dA-Za-z\-/.#])(?<!\d[:：])"
#: what may not follow a room number: another digit or joiner, a count, a measure or a date word
_R = r"(?![\dA-Za-z\-/.:]|[多余户套间人个位名家平米㎡万元千百层楼年月日号%％])"
#: building (3栋, 12#), optionally a block or unit (B座, 2单元, 2-), then the room: 3栋401, 12#1501, 7栋2-1501
_BUILDING = r"\d{1,3}(?:栋|幢|号楼|座|#)(?:[A-Z]座|\d{1,2}(?:单元|-))?"
_BUILDING_ROOM = rf"{_L}(?P<id>{_BUILDING}\d{{3,4}})(?:(?=室|房(?![租价产]))|{_R})"
#: unit and room without the building (3单元1501): only in an estate text
_UNIT_ROOM = rf"{_L}(?P<id>\d{{1,2}}单元\d{{3,4}})(?:(?=室|房(?![租价产]))|{_R})"
#: building-unit-room (3-2-1501) and lettered block-room (A2-1203, D1-303); building-room (15-1604)
#: only after a label or before a place word: alone it is a range (5-1000)
_DASHED = r"(?:\d{1,3}-\d{1,2}-\d{3,4}|[A-Z]\d{0,2}-\d{3,4})"
_DASHED_ANY = rf"(?:{_DASHED}|\d{{1,3}}-\d{{3,4}})"
_LABEL = r"(?:房号|房屋编号|房间号|门牌号|门牌|户号|住址|地址|住)\s*(?:[:：]|是|为|在)?\s*"
_PLACE_AFTER = r"(?=门口|门前|室|房|家|楼下|那户|这户)"
#: words of a text about a residential estate (group-buy chats, property notices, deliveries)
_ESTATE_WORDS = ("小区", "业主", "物业", "团购", "接龙", "团长", "自提", "取货", "送上门", "楼下", "楼栋", "单元",
                 "邻居", "住户", "快递柜", "驿站", "外卖", "居委", "门口", "栋", "幢", "号楼")
_ESTATE = re.compile("|".join(_ESTATE_WORDS))


class ChineseUnitCodeRecognizer(RegexRecognizer):
    ENTITY = "ID"
    LANGUAGE = "zh"
    CONTEXT_BOOST = 0.0
    PATTERNS = (
        RegexPattern("building and room", _BUILDING_ROOM, 0.5, group="id"),
        RegexPattern("labelled unit code", rf"{_LABEL}{_L}(?P<id>{_DASHED_ANY}|[A-Z]?\d{{1,3}}(?:栋|幢|号楼|座)\d{{3,4}})"
                     rf"{_R}", 0.55, group="id"),
        RegexPattern("unit code before a place word", rf"{_L}(?P<id>{_DASHED_ANY}){_PLACE_AFTER}", 0.5, group="id"),
        RegexPattern("unit and room in an estate text", _UNIT_ROOM, 0.45, group="id", needs_context=True),
        RegexPattern("unit code in an estate text", rf"{_L}(?P<id>{_DASHED}){_R}", 0.45, group="id",
                     needs_context=True),
    )

    def _has_context(self, text: str, start: int, end: int) -> bool:
        """A residential word anywhere in the text: a group-buy list names the estate once, at the top."""
        return _ESTATE.search(text) is not None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        """One result per span (a unit code may match as labelled, before 门口 and in an estate text)."""
        unique: dict[tuple[int, int], RecognizerResult] = {}
        for result in sorted(super().analyze(text, entities, nlp_artifacts), key=lambda r: -r.score):
            unique.setdefault((result.start, result.end), result)
        return list(unique.values())
