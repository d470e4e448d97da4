"""Chinese record numbers in the forms people write them (issue 16): a flat's unit code in a
group-buy list or a delivery note, a mediation agreement's number, a form's spaced-out
label (``编 号``), a clerk's staff number after the role, English labels in a Chinese form,
and the prefix-year-serial numbers printed without a label. Each rule with the look-alikes
it must leave alone: prices, quantities, model numbers, dates, times and phone numbers."""

from __future__ import annotations

from typing import Any

import pytest

from tests.deid.conftest import findings_of


@pytest.mark.parametrize(("text", "value"), [
    # a flat by building and room: group-buy lists, delivery notes, forms
    ("小区团购接龙\n1. 3栋401 张三 2份", "3栋401"),
    ("接龙：18号楼2602 王阿姨 一份", "18号楼2602"),
    ("房号：18栋3002\n车牌号码：京A12345", "18栋3002"),
    ("团长：自提点在东门\n2. 29-1-202 李姐 1份", "29-1-202"),
    ("物业通知\n4. D1-303 １份 备注：放门口鞋柜", "D1-303"),
    ("你家的我顺便帮你拿了，放29-1-202门口", "29-1-202"),
    ("快递放15-1604门口就行", "15-1604"),
    ("房号：3-2-1501，业主已签字。", "3-2-1501"),
    ("住A2-1203的邻居反映漏水", "A2-1203"),
    # a people's mediation agreement, with or without its label
    ("调解协议书\n编号：市南人调〔2026〕311号\n申请人", "市南人调〔2026〕311号"),
    ("朝民调字〔2025〕8号\n双方当事人：", "朝民调字〔2025〕8号"),
    ("文书编号：京政发〔2024〕3号", "京政发〔2024〕3号"),
    # a form's label spaced out to the column (编 号, 证　号)
    ("准 予 迁 入 证 明\n编 号  922049691099\n姓  名", "922049691099"),
    ("编　号：GD20261139747", "GD20261139747"),
    # a clerk's staff number after the role instead of a name
    ("经办柜员：2025-884233  复核：罗一俊", "2025-884233"),
    ("经办柜员 678142390707  复核 廖海强", "678142390707"),
    ("受理人：SL0089123，请保留回执", "SL0089123"),
    # English labels inside a Chinese form
    ("审批单 Approval 2025-896555｜太原市某某有限公司", "2025-896555"),
    ("报销单 Request 20250315007 已提交", "20250315007"),
    # prefix + year + serial, or year-serial, printed without a label
    ("公 证 书\n（二〇二五年二月一日）AP20258233374\n申请人", "AP20258233374"),
    ("（二〇二六年九月十四日）2026-765646\n公证事项：委托。", "2026-765646"),
])
def test_record_number_is_found(scrubber: Any, text: str, value: str) -> None:
    assert findings_of(scrubber, text).get(value) == "ID"


@pytest.mark.parametrize("text", [
    "小区共有18栋3000多户居民，其中3栋1200平米是商铺。",  # counts and areas
    "活动定于3-2-1501年举行的说法不对，第3-2-15条。",
    "价格在5-1000元之间，比分3-1，第2-300页有说明。",  # a range, a score, pages
    "型号A7-704的产品，货号HX20240315，商品编号 88812345，产品编号：KX-20231234。",  # catalogue codes
    "根据国办发〔2024〕12号文件精神，各地要抓好落实。",  # a government document names no person
    "工作人员 2000人参加，成员 1500名。",
    "显卡型号 RTX4090，执行标准 GB50016-2014，ISO9001 认证。",
    "订单金额 1299.00 元，数量 3 件，日期 2024-03-15 10:30，时间 2024-2025 年度。",
])
def test_look_alike_is_not_an_id(scrubber: Any, text: str) -> None:
    assert "ID" not in findings_of(scrubber, text).values()


def test_phone_after_a_role_stays_a_phone(scrubber: Any) -> None:
    found = findings_of(scrubber, "联系人：13812345678，客服 400-820-8820，操作员 0755-86013388")
    assert found.get("13812345678") == "PHONE_NUMBER"
    assert found.get("400-820-8820") != "ID"  # a company's hotline: no id (nor personal)
    assert found.get("0755-86013388") == "PHONE_NUMBER"


def test_full_address_stays_an_address(scrubber: Any) -> None:
    found = findings_of(scrubber, "自提点改到成都市锦江区望江路437号云栖小区4幢2单元905室，下午取货。")
    assert "STREET_ADDRESS" in found.values()
    assert "ID" not in found.values()
