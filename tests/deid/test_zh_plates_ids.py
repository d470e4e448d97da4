"""Chinese plates and labelled record numbers as people write them (issue 16): plates in
lower case, with I/O typed for 1/0, spaced separators, the 2021 new-energy letters, the
special suffixes (试/领/超) and armed-police plates; record numbers after the labels a
data steward meets. Known answers through the real analyzer, and the look-alikes each
rule must leave alone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.deid.conftest import findings_of


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
    ("车牌京A･12345", "京A･12345"),  # half-width middle dot, en dash
    ("车牌京A–12345", "京A–12345"),
])
def test_plates_as_typed(scrubber: Any, text: str, plate: str) -> None:
    assert findings_of(scrubber, text).get(plate) == "CN_VEHICLE_PLATE"
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
    assert "CN_VEHICLE_PLATE" not in set(findings_of(scrubber, text).values())


@pytest.mark.parametrize(("text", "value"), [
    ("订单号是：DD20240315001", "DD20240315001"),  # 是 and a colon
    ("订单号为：DD20240315001", "DD20240315001"),
    ("订单号（DD20240315001）", "DD20240315001"),  # in brackets or quotes
    ("订单号【DD20240315001】", "DD20240315001"),
    ("单号“YT7712345678”", "YT7712345678"),
    ("凭证号码为第00123456号", "00123456"),
    ("订单号：2024/0315/001", "2024/0315/001"),  # one token, not 2024 and a rest
    ("编号：2024.0315.001", "2024.0315.001"),
    ("编号：ZX·2024·001", "ZX·2024·001"),
    ("编号：ZX_2024_001", "ZX_2024_001"),
    ("号码：A12345678", "A12345678"),  # 号码 opening a line
    ("卡号：6688 1234", "6688 1234"),  # groups after a fixed label
    ("会员卡号为 8888 0000 1234", "8888 0000 1234"),
    ("账户：6222 0212 3456", "6222 0212 3456"),
    ("台胞证 T12345678", "T12345678"),  # certificates named without 号
    ("港澳通行证：C12345678", "C12345678"),
    ("回乡证号码：H12345678", "H12345678"),
    ("居留许可号码 ABC123456", "ABC123456"),
    ("户号：1234567890", "1234567890"),
    ("订座记录编号 MXK7Q2", "MXK7Q2"),  # a booking reference: letters and few digits
    ("公证书编号：（2026）京东方证字第12345号", "（2026）京东方证字第12345号"),
    ("投诉编号为TS20240412007", "TS20240412007"),
    ("客户ID：c_88123456", "c_88123456"),
])
def test_labelled_record_numbers(scrubber: Any, text: str, value: str) -> None:
    found = findings_of(scrubber, text)
    assert found.get(value) == "ID", found
    assert value not in scrubber.scrub(text).text


@pytest.mark.parametrize("text", [
    "驾照2019年考的，开了五年车。",  # a year after a certificate word
    "他在2019年办了居住证 2019年底到期",
    "通行证 3000张已发完",
    "工资卡 5000元，会员卡 充值500元",
    "编号：2024-03-15",  # a date
    "账户余额 1234.56元",
    "第3号码头，号码 123",
    "（2024）第12号公告已发布。",
    "座位号 12排3座",
])
def test_record_number_look_alikes(scrubber: Any, text: str) -> None:
    assert "ID" not in set(findings_of(scrubber, text).values())


def test_a_date_inside_a_ticket_number_is_no_date(scrubber: Any) -> None:
    text = "投诉工单 TS-20240412-007 已升级"
    assert findings_of(scrubber, text).get("TS-20240412-007") == "ID"
    assert findings_of(scrubber, "日期：20240412，已办结").get("20240412") == "DATE_TIME"


@pytest.mark.parametrize(("text", "value"), [
    ("工号 E123", "E123"),  # a staff number may be short
    ("客服工号：886，很高兴为您服务", "886"),
    ("警号 012345", "012345"),
])
def test_short_staff_numbers(scrubber: Any, text: str, value: str) -> None:
    assert findings_of(scrubber, text).get(value) == "ID"


@pytest.mark.parametrize("text", ["工号后三位", "学号100人", "工号：123元"])
def test_short_staff_number_look_alikes(scrubber: Any, text: str) -> None:
    assert "ID" not in set(findings_of(scrubber, text).values())
