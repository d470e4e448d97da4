"""Chinese names, places and organisations in more frames, and fewer false ones (issue 16): names after 叫/感谢/转账给/
户主, before a clause-ending act (出差, 出院了), 诉 kept out of a plaintiff's name; and the
rare dictionary words jieba tags nr that are no names (支付宝, 李宁牌, 朱红色, 宁静致远).
Known answers through the real analyzer."""

from __future__ import annotations

from typing import Any

import pytest

from tests.deid.conftest import findings_of


@pytest.mark.parametrize(("text", "name"), [
    ("他叫覃海洋，今年35岁。", "覃海洋"),
    ("孩子叫乔一一，在三年级二班", "乔一一"),
    ("感谢雷鸣的帮助。", "雷鸣"),
    ("转账给廖文静500元", "廖文静"),
    ("户主 苗建华 与户主关系 本人", "苗建华"),
    ("原告滕飞诉被告某公司劳动争议一案", "滕飞"),
    ("项目组成员：王磊、刘佳、陈晓东、赵敏", "陈晓东"),
    ("欧阳娜娜明天请假。", "欧阳娜娜"),
])
def test_names_in_more_frames(scrubber: Any, text: str, name: str) -> None:
    assert findings_of(scrubber, text).get(name) == "PERSON"
    assert name not in scrubber.scrub(text).text


@pytest.mark.parametrize("text", [
    "支付宝账号：zhang_san88",
    "我用支付宝付的钱",
    "李宁牌运动鞋很好穿",
    "左心室肥大，建议复查。",
    "温度适宜，宁静致远",
    "向前走一百米就到了",
    "朱红色的大门",
    "严格执行规定",
    "车险报案登记（某保险公司）",  # 报案 opens a noun here, it is no act of 车险
])
def test_words_jieba_tags_nr_are_no_names(scrubber: Any, text: str) -> None:
    assert "PERSON" not in set(findings_of(scrubber, text).values())


@pytest.mark.parametrize("text", [
    "3岁以下儿童免票，6岁以上需购票。",
    "招聘要求：年龄18-35岁，本科以上学历。",
    "年满18周岁的公民均可报名。",
    "60岁及以上老年人可免费乘车。",
    "适用于0-3岁婴幼儿，儿童（6-12岁）半价",
    "百岁老人健康长寿的秘诀",
    "未满16岁不得入内",
    "年龄在20岁到30岁之间，平均年龄35岁",
])
def test_ages_in_rules_and_ranges_are_nobodys(scrubber: Any, text: str) -> None:
    assert "AGE" not in set(findings_of(scrubber, text).values())


@pytest.mark.parametrize(("text", "age"), [
    ("患者，男，45岁，因胸痛入院。", "45岁"),
    ("患儿3岁2个月", "3岁2个月"),
    ("老人今年八十二岁", "八十二岁"),
    ("孩子刚满3岁", "3岁"),
    ("年龄：32", "32"),
])
def test_a_persons_age_still_counts(scrubber: Any, text: str, age: str) -> None:
    assert findings_of(scrubber, text).get(age) == "AGE"


@pytest.mark.parametrize(("text", "place"), [
    ("在义乌做生意", "义乌"),  # county-level cities people name alone
    ("回到了老家晋江", "晋江"),
    ("在昆山上班", "昆山"),
    ("来自河北石家庄", "石家庄"),  # jieba: nr
    ("老家在湖南衡阳", "衡阳"),  # every prefecture-level city
    ("常住地：广州天河", "天河"),
    ("我在阿克苏", "阿克苏"),
])
def test_more_places(scrubber: Any, text: str, place: str) -> None:
    assert findings_of(scrubber, text).get(place) == "LOCATION"


@pytest.mark.parametrize("text", [
    "天上飘着几朵白云，早上的朝阳很美",  # city names that are everyday words are left out
    "阿里巴巴和阿里云",
    "白银价格上涨",
    "玉树临风，长春藤",
    "成都市武侯区教育局",  # a district jieba tags nr is no person
])
def test_everyday_words_are_no_places(scrubber: Any, text: str) -> None:
    found = findings_of(scrubber, text)
    assert "PERSON" not in found.values()
    assert not {"白云", "朝阳", "阿里", "白银", "玉树", "长春"} & set(found)


@pytest.mark.parametrize(("text", "org"), [
    ("望京街道办事处", "望京街道办事处"),
    ("就读于清华附中", "清华附中"),  # 就读于 is no part of the name
    ("湖南电视台的节目", "湖南电视台"),
])
def test_public_bodies_and_schools(scrubber: Any, text: str, org: str) -> None:
    assert findings_of(scrubber, text).get(org) == "ORGANIZATION"


@pytest.mark.parametrize("text", ["看电视台的节目", "去办事处办理", "报社的记者来了", "这个基金会很有名", "管委会决定"])
def test_a_kind_of_body_alone_is_no_organization(scrubber: Any, text: str) -> None:
    assert "ORGANIZATION" not in set(findings_of(scrubber, text).values())


@pytest.mark.parametrize(("text", "name"), [("我和林小雨是大学同学。", "林小雨")])
def test_a_name_after_wo_he(scrubber: Any, text: str, name: str) -> None:
    assert findings_of(scrubber, text).get(name) == "PERSON"


@pytest.mark.parametrize("text", ["我和同事一起去的", "我和朋友吃饭", "我和妈妈去超市", "我和你说过", "我和孩子都很好"])
def test_wo_he_and_a_word_is_no_name(scrubber: Any, text: str) -> None:
    assert "PERSON" not in set(findings_of(scrubber, text).values())


@pytest.mark.parametrize("text", [
    "心电监护示窦性心律，SpO2 97%。",  # jieba: 窦性心 nr
    "三者车负全责。",
    "请白班重点关注5床。",
    "担任财务主管，月工资8000元",  # 任 ends 担任: no surname before a title
    "系统将于本周六凌晨进行维护升级。",  # a time word is no given name
])
def test_record_words_are_no_names(scrubber: Any, text: str) -> None:
    assert "PERSON" not in set(findings_of(scrubber, text).values())
