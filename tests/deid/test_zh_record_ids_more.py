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


@pytest.mark.parametrize(("text", "values"), [
    # the marks people type between a label and its value
    ("订单号=7789001234", ["7789001234"]),
    ("订单号->7789001234", ["7789001234"]),
    ("订单号｜7789001234", ["7789001234"]),
    ("订单号 - 7789001234", ["7789001234"]),
    ("订单号《7789001234》", ["7789001234"]),
    ("订单号\u3000：\u3000DD2024031500123", ["DD2024031500123"]),
    ("保单号码(Policy No.): 8801234567", ["8801234567"]),  # a gloss in brackets before the colon
    ("订单号（必填）：7789001234", ["7789001234"]),
    # several ids after one label, and a list below it
    ("订单号：DD001234、DD001235、DD001236", ["DD001234", "DD001235", "DD001236"]),
    ("保单号：8801234567，8801234568，8801234569", ["8801234567", "8801234568", "8801234569"]),
    ("涉及订单：\n1. 2024031500123\n2. 2024031500124", ["2024031500123", "2024031500124"]),
    # a Han part between an id's dashes; a Latin prefix before a bracketed year
    ("合同编号【HT-2024-沪-0315】", ["HT-2024-沪-0315"]),
    ("凭证号 记-0315-012", ["记-0315-012"]),
    ("借款合同号:JK（2024）第0315号", ["JK（2024）第0315号"]),
    ("合同编号：沪房租（2024）第 000123 号", ["沪房租（2024）第 000123 号"]),
    ("受理编号：（2024）第0315号", ["（2024）第0315号"]),
    # a record noun with the number in groups; an id brought in by a verb
    ("您的订单 2024 0315 8888 已发货", ["2024 0315 8888"]),
    ("我查询了一下 20240315889900 这个单子", ["20240315889900"]),
    # a login name after 账号
    ("账号：zhangsan_2024", ["zhangsan_2024"]),
    # the id first, its record after it
    ("20240315001 这个订单一直没发货", ["20240315001"]),
    ("8801234567 是我的保单号", ["8801234567"]),
    # a label ending in 码; a carrier's letters split from the digits
    ("会员码：VIP123456，识别码 A1B2C3D4E5", ["VIP123456", "A1B2C3D4E5"]),
    ("运单号：SF 1234567890123", ["SF 1234567890123"]),
    # more unit codes of an estate
    ("小区团购\n3. 12#1501 两份", ["12#1501"]),
    ("团购接龙\n5. 3单元1501 张姐", ["3单元1501"]),
    ("物业群\n7栋2-1501 的业主请注意", ["7栋2-1501"]),
    ("接龙\n6. 5栋B座1203 2份", ["5栋B座1203"]),
])
def test_record_number_forms(scrubber: Any, text: str, values: list[str]) -> None:
    found = findings_of(scrubber, text)
    assert [found.get(v) for v in values] == ["ID"] * len(values)


@pytest.mark.parametrize("text", [
    "订单号：DD20240315001、2件，金额 99.00",  # a quantity after the id ends the list
    "我申请了 20240315 的假期，提交了 20000 元，查询了 2024-03-15 的记录",  # a compact date, an amount
    "股票代码600519，基金代码：110022，收盘价1688.00元",  # public codes of a stock or a fund
    "账号为 12",
    "2024-03-15 的订单，20240315 的订单，1299.00 的订单，共3000元的订单，12#楼的电梯",
    "单元测试覆盖了3单元1200个用例",  # no estate text: a unit and a count
    "取件码 875681 已失效，验证码 362514，校验码 1234，页码 1234，二维码 12345678",  # transient or printed codes
])
def test_record_form_look_alikes(scrubber: Any, text: str) -> None:
    found = findings_of(scrubber, text)
    assert [v for v, t in found.items() if t == "ID" and not v.startswith("DD")] == []


def test_list_stops_at_a_phone(scrubber: Any) -> None:
    found = findings_of(scrubber, "保单号：8801234567，13812345678")
    assert found.get("8801234567") == "ID"
    assert found.get("13812345678") == "PHONE_NUMBER"


def test_verb_does_not_take_a_phone(scrubber: Any) -> None:
    assert findings_of(scrubber, "我提供了 13812345678 给快递员").get("13812345678") == "PHONE_NUMBER"
