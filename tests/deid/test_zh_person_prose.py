"""Chinese names in running prose (issue 16): the rare surnames that are also everyday words
(过, 种), a field whose whole value is a name with an everyday word as its given part (姓名：彭胜利),
a given name reused alone after the full name, and the subject of an act or a statement
(金长江提出..., 会后过曦婉跟财务确认) -- with the ordinary words each rule must leave alone."""

from __future__ import annotations

import pytest

from dataprotocol.deid import Scrubber, ScrubConfig

SCRUBBER = Scrubber(ScrubConfig())


def names(text: str) -> set[str]:
    return {text[f.start:f.end] for f in SCRUBBER.find(text) if f.entity_type == "PERSON"}


@pytest.mark.parametrize(("text", "expected"), [
    ("自我评价：做事踏实。推荐人：过婷佳（原部门经理）", "过婷佳"),       # 过: a 《百家姓》 surname after a role
    ("医师：王宇轩   审核药师：蒋娟   调配：过婷霞", "过婷霞"),
    ("甲方驾驶人：种阳  电话：138-8953-9241", "种阳"),                    # 种: likewise
    ("班主任：过老师  电话13816189858", "过"),                            # before a title
    ("姓名：彭胜利  性别：男  年龄：37岁", "彭胜利"),                     # a field's whole value, 胜利 a word
    ("被保险人：李胜利  性别：女", "李胜利"),
    ("姓名: 江向东  性别: 女", "江向东"),                                    # 向东: a word with 向 in it
    ("甲方委托其配偶杨向东代为办理交房手续。", "杨向东"),                   # a verb starts the rest
    ("，经纪人蔡胜利（电话1310 6598 475）。", "蔡胜利"),                     # a bracket ends the slot
    ("申请人签名：贺和平  日期：2025年10月1日", "贺和平"),
    ("本人许胜利，身份证号350206195603071900", "许胜利"),
])
def test_prose_names_found(text: str, expected: str) -> None:
    assert expected in names(text)


@pytest.mark.parametrize("text", [
    "过了几天，天气渐渐转凉，树叶也开始变黄了。",
    "我们在院子里种了一些树，有桃树也有梨树。",
    "这种情况以前从来没有出现过。",
    "经过讨论，大家一致同意通过这个方案。",
    "种子发芽以后要注意浇水，过度施肥反而不好。",
    "网格员高答应下周三再来回访。",                                      # still the bare surname 高 only
    "请联系方式：",
    "请告诉大家，明天放假。",
])
def test_prose_ordinary_words_left_alone(text: str) -> None:
    found = names(text)
    assert not any(n[0] in "过种" for n in found), found
    if "高答应" in text:
        assert found == {"高"}


@pytest.mark.parametrize(("text", "expected"), [
    ("参会人：种雨玲、史欣诗\n昨天史欣诗和雨玲面试了三位候选人。", "雨玲"),  # no everyday word: anywhere
    ("女儿毛美丽陪护，医师已向美丽详细交代注意事项。", "美丽"),             # a word: after 向, before an adverb
    ("被保险人：李胜利\n出险经过：胜利在家中不慎摔倒。", "胜利"),           # after a colon, before a preposition
    ("学生：丁朝阳\n丁朝阳数学缺考，请朝阳家长联系我。", "朝阳"),           # before a kinship term
])
def test_given_name_reused_alone(text: str, expected: str) -> None:
    found = {text[f.start:f.end] for f in SCRUBBER.find(text) if f.entity_type == "PERSON"}
    assert expected in found


@pytest.mark.parametrize(("text", "word"), [
    ("姓名：王建国\n自建国以来，这里变化很大。建国以来的第一部法律。", "建国"),     # inside 建国以来
    ("联系人：谢平安\n出门在外注意平安，一路平安。", "平安"),                       # after a verb, at a clause end
    ("被保险人：李胜利\n我们终于取得了胜利。", "胜利"),                               # after 了
    ("申请人：宋和平\n维护世界和平，和平发展是时代主题。", "和平"),                 # before a verbal noun (发展)
    ("联系人：毛美丽\n这里的风景很美丽。", "美丽"),
])
def test_everyday_given_name_left_alone_outside_a_name_frame(text: str, word: str) -> None:
    body = text.index("\n")
    found = [f for f in SCRUBBER.find(text) if f.start > body and text[f.start:f.end] == word]
    assert not found


@pytest.mark.parametrize(("text", "expected"), [
    ("二、关于新仓库选址，金长江倾向于昆明市盘龙区。", "金长江"),      # a view only a person holds
    ("上月收到投诉十七件。宋和平提出优化打包流程。", "宋和平"),
    ("次日上午史平安到派出所补充了笔录。", "史平安"),                  # after a time word
    ("现场核查：唐海洋带队于6月22日到场。", "唐海洋"),
    ("称当时金和平酒后驾车。", "金和平"),
    ("欧阳向东提出异议。", "欧阳向东"),
])
def test_subject_of_a_persons_act(text: str, expected: str) -> None:
    assert expected in names(text)


@pytest.mark.parametrize("text", [
    "财务部提出新的报销方案。",
    "高层认为这个方案可行。",
    "会议上，安全部表示同意。",
    "其中一位意向较强，建议尽快安排复试。",
    "东方明珠表示欢迎游客。",
    "过了几天，种植户要求提高收购价。",
])
def test_no_subject_name_where_a_word_or_an_organisation_acts(text: str) -> None:
    assert not names(text), names(text)
