"""Chinese direct identifiers the generic shapes missed: court case numbers, carrier
waybills, IPs written against Han, record nouns without 号, labelled plates, 4-3
landlines, year-month dates, rare surnames, names in form fields and in act frames
(向X转账, 由X主持) -- hand-written sentences through the real Presidio analyzer, the
look-alikes each rule must leave alone, and Hypothesis over arbitrary Unicode."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from tests.deid._fuzz import assert_no_finding_survives, fragment_text
from tests.deid.conftest import findings_of


@pytest.mark.parametrize(("text", "value", "entity"), [
    ("案号：（2024）京0105民初13918号。", "（2024）京0105民初13918号", "ID"),
    ("案件编号：(2022)最高法民终12号之一，已审结。", "(2022)最高法民终12号之一", "ID"),
    ("申请执行（2021）粤0305执恢123号一案", "（2021）粤0305执恢123号", "ID"),
    ("立案编号京公刑立字〔2024〕123号", "京公刑立字〔2024〕123号", "ID"),
    ("产权证号：京（2024）朝阳区不动产权第0012345号", "京（2024）朝阳区不动产权第0012345号", "ID"),
    ("SF1774171380935 顺丰标快\n寄件人：汪先生", "SF1774171380935", "ID"),
    ("73879317412928 顺丰标快", "73879317412928", "ID"),
    ("中通快递 75345678901234 已揽收", "75345678901234", "ID"),
    ("您的订单DD23796127447726一直没发货", "DD23796127447726", "ID"),
    ("保单P2024000123已生效，请查收。", "P2024000123", "ID"),
    ("服务器63.221.155.31已完成迁移。", "63.221.155.31", "IP_ADDRESS"),
    ("网关地址2001:db8::8a2e:370:7334，请勿修改。", "2001:db8::8a2e:370:7334", "IP_ADDRESS"),
    ("车主驾驶车牌号为京H·LLEER的车辆", "京H·LLEER", "CN_VEHICLE_PLATE"),
    ("有线索者请拨打0512 5674 759与民警联系。", "0512 5674 759", "PHONE_NUMBER"),
    ("出生年月：1990.02\n民族：汉族", "1990.02", "DATE_TIME"),
    ("被告：汪坚，男，2006.02出生，住上海。", "2006.02", "DATE_TIME"),
    ("2015.09-2019.06 就读于某大学", "2019.06", "DATE_TIME"),
    ("QQ号码 87654321", "87654321", "ID"),
    ("快递单号：SF 1234 5678 9012", "SF 1234 5678 9012", "ID"),  # groups read out
    ("军官证号：军字第1234567号", "军字第1234567号", "ID"),
    ("设备号IMEI：867530012345678", "867530012345678", "ID"),
])
def test_chinese_identifiers_are_found(scrubber: Any, text: str, value: str, entity: str) -> None:
    found = findings_of(scrubber, text)
    assert found.get(value) == entity, found
    assert value not in scrubber.scrub(text).text


@pytest.mark.parametrize(("text", "entity"), [
    ("根据国办发〔2024〕12号文件精神执行。", "ID"),  # a government document number names no one
    ("（2024）第12号公告已发布。", "ID"),
    ("订单金额150000元，包裹3件。", "ID"),  # a quantity after a record noun
    ("订单2024年3月已全部发货。", "ID"),
    ("软件版本v1.2.3.4已发布，地址999.1.1.1无效。", "IP_ADDRESS"),
    ("京A·BCDEF不是车牌。", "CN_VEHICLE_PLATE"),
    ("本月金额1990.02元，较上月下降。", "DATE_TIME"),
])
def test_look_alikes_are_left_alone(scrubber: Any, text: str, entity: str) -> None:
    assert entity not in set(findings_of(scrubber, text).values())


@pytest.mark.parametrize(("text", "name"), [
    ("来电人：仉欣师傅，手机号：13812345678", "仉欣"),  # surnames of 《百家姓》 beyond the common 400
    ("承租方（乙方）：禤宏英，证件号码见附件", "禤宏英"),
    ("经办人隗芳红警官已到场。", "隗芳红"),
    ("违法嫌疑人厍总（23岁）已被拘留。", "厍"),
    ("前台接待：黄程\n", "黄程"),  # a form field's whole value
    ("受伤人员郭汐梓已送往医院。", "郭汐梓"),  # 人员, not 人|员
    ("已转派给维修师傅田桐子处理。", "田桐子"),
    ("报警人马宁（电话1393461）称", "马宁"),  # jieba glued 人马 across the role
    ("2024年5月12日向方宇转账99886.57元。", "方宇"),  # act frames
    ("下次会议由高飞雨主持。", "高飞雨"),
    ("会议纪要\n朱志海负责与客户对接。", "朱志海"),
    ("出租方（甲方）：付熙，身份证号见附件", "付熙"),
    ("住户邱少云反映楼道漏水。", "邱少云"),
    ("投诉对象：快递员贝晓峰", "贝晓峰"),
])
def test_chinese_names_are_found(scrubber: Any, text: str, name: str) -> None:
    assert findings_of(scrubber, text).get(name) == "PERSON"
    assert name not in scrubber.scrub(text).text


@pytest.mark.parametrize("text", [
    "请核对用户信息和同事关系。",  # a role word before an ordinary word
    "司机师傅很热情，维修师傅也来了。",
    "师傅说这个要换。",
    "由公司负责，向商家付款，由平台处理。",
    "单位名称：杭州某某有限公司",
    "车牌号：粤B·D12345\n房型：大床房",
    "籍贯：江苏\n诊断：高血压\n颜色：白色",
])
def test_ordinary_words_are_not_names(scrubber: Any, text: str) -> None:
    assert "PERSON" not in set(findings_of(scrubber, text).values()), findings_of(scrubber, text)


_PIECES = ["（2024）京0105民初", "号", "SF", "1774171380935", "顺丰", "订单", "DD", "向", "转账", "由",
                           "主持", "师傅", "人员", "禤", "仉", "：", "\n", "63.221.", "155.31", "::", "1990.02", "出生",
                           "车牌号为", "京H·", "0512 5674 759", "字〔2024〕", "不动产权第"]
_MIXED = fragment_text(_PIECES)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_MIXED)
def test_arbitrary_unicode_never_raises_and_never_leaves_a_finding(scrubber: Any, text: str) -> None:
    assert_no_finding_survives(scrubber, text)
