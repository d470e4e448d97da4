"""Chinese plates and labelled record numbers as people write them (issue 16): plates in
lower case, with I/O typed for 1/0, spaced separators, the 2021 new-energy letters, the
special suffixes (试/领/超) and armed-police plates; record numbers after the labels a
data steward meets. Known answers through the real analyzer, and the look-alikes each
rule must leave alone."""

from __future__ import annotations

from typing import Any

import pytest


def _found(scrubber: Any, text: str) -> dict[str, str]:
    return {text[f.start:f.end]: f.entity_type for f in scrubber.find(text)}


@pytest.mark.parametrize(("text", "plate"), [
    ("车牌沪a12345，麻烦查一下", "沪a12345"),  # chat: lower case
    ("车牌：京b5k3x8", "京b5k3x8"),
    ("车牌号 京 A12345", "京 A12345"),  # a space after the province
    ("车牌 京A · 12345", "京A · 12345"),
    ("车主开的是粤O·12345警车", "粤O·12345"),  # old police authority letter O
    ("京AO1234停在门口", "京AO1234"),  # O typed for 0
    ("新能源车浙AA12345充电", "浙AA12345"),  # 2021 new-energy letters A-K
    ("车牌粤B12345F", "粤B12345F"),
    ("车牌号：苏A1234试", "苏A1234试"),
    ("车牌号：沪A1234领", "沪A1234领"),
    ("我的车号是京a·k1234", "京a·k1234"),
    ("武警车WJ京12345", "WJ京12345"),
    ("使馆车辆车牌：使012345", "使012345"),
    ("车主驾驶苏E5T8K2的车逆行。", "苏E5T8K2"),
    ("车牌号码：京Ａ１２３４５", "京Ａ１２３４５"),
    ("| 苏A3B5C7 | 白色 | 大众 |", "苏A3B5C7"),
])
def test_plates_as_typed(scrubber: Any, text: str, plate: str) -> None:
    assert _found(scrubber, text).get(plate) == "CN_VEHICLE_PLATE"
    assert plate not in scrubber.scrub(text).text


@pytest.mark.parametrize("text", [
    "京A·BCDEF不是车牌。",
    "京沪高铁G12345次列车",
    "沪深300指数涨了，沪A股上涨。",
    "型号京A12，鲁ABC。",
    "订单号京A123456789",
    "使用123456作为初始密码。",  # 使 outside a plate label
])
def test_plate_look_alikes(scrubber: Any, text: str) -> None:
    assert "CN_VEHICLE_PLATE" not in set(_found(scrubber, text).values())
