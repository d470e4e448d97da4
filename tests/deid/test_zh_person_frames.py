"""Chinese name frames (``_zh_person_frames``): nicknames, X某, chat speakers named by a
kinship term or title, a sex after a name, households, 我是 + given name, and a given
name reused alone after the full name -- and the ordinary words they must leave alone."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataprotocol.deid.recognizers import ChinesePersonRecognizer

from ._fuzz import assert_spans_in_range, fragment_text

RECOGNIZER = ChinesePersonRecognizer()


def names(text: str) -> set[str]:
    return {text[r.start:r.end] for r in RECOGNIZER.analyze(text, ["PERSON"])}


@pytest.mark.parametrize(("text", "expected"), [
    ("客服小南宫备注：已与买家电话沟通。", "南宫"),            # 小 + two-character surname after a role
    ("隔壁老隆反映该户夜间噪音较大。", "隆"),                  # 老 + a rare surname, a verb after it
    ("维修工老顾反映配件需要等两天。", "顾"),
    ("前台称钱某已离职。", "钱"),                              # X某: the surname only
    ("晓琪妈妈：收到，谢谢老师！", "晓琪"),                    # a child's given name before a kinship term
    ("第五老师：有事可以打我电话。", "第五"),                  # a speaker's surname before a title
    ("张建国补充：候选人的经历与岗位匹配。", "张建国"),        # a speaker before a verb of saying
    ("16床 东方宏萍，女，67岁，住院号Z5246", "东方宏萍"),     # a sex after the name
    ("楼上第五焱建家疑似水管破裂。", "第五焱建"),              # a household named after its head
    ("（卢东海家长 撤回了一条消息）", "卢东海"),
    ("买家：亲，我是瑶梅，麻烦快点处理", "瑶梅"),              # 我是 + a given name alone
    ("申请人（签名）：秦天", "秦天"),                          # a note in brackets before the colon
    ("网格员高答应下周三再来回访。", "高"),                    # a bare surname before a verb
    ("家属麴红一陪护。", "麴红一"),                            # 麴: a 《百家姓》 surname
    ("答：司机叫汪宇佳，大家叫他小汪。", "汪"),                # a nickname after a pronoun
    ("接送人：红奶奶（不在名单的不予接走）", "红"),            # a field value named by a kinship term
    ("子女姓名：霞思  出生日期：2022年4月2日", "霞思"),       # a name field holds a given name alone
    ("买家雨桐：在吗，这个还在吗？", "雨桐"),                  # a chat speaker after their role
    ("客服：您好，请问是上官先生吗？", "上官"),                # a two-character surname before a title
    ("Dear 暴女士，请在月底前回复。", "暴"),
    ("家庭成员：南宫振、佴萍涵（配偶）、南宫浩熙（子女，十二岁）。", "南宫浩熙"),  # a family list
    ("户主之子眭菊在广西读大学。", "眭菊"),
])
def test_frame_finds_the_name(text: str, expected: str) -> None:
    assert expected in names(text)


def test_given_name_alone_after_the_full_name() -> None:
    text = "催收员：请问是禚磊明先生吗？对方表示已很久未联系磊明。借款人：熊宏。联系不上宏。"
    found = names(text)
    assert {"禚磊明", "磊明", "熊宏"} <= found
    spans = {(r.start, r.end) for r in RECOGNIZER.analyze(text, ["PERSON"])}
    assert (text.rindex("宏"), text.rindex("宏") + 1) in spans


@pytest.mark.parametrize("text", [
    "他是小学生，老师说小时候的事。",              # 小学/老师/小时 are words, not 小/老 + surname
    "班主任：请各位家长按时接孩子。",              # 班主任 is a role, not 班 + 主任
    "我们在某些情况下会联系某个部门。",            # 某些/某个 are no X某
    "老年人和小区居民都来了。",
    "我是说，麻烦您再确认一下。",                  # 我是说 is no self-introduction
    "晓琪妈妈：收到，谢谢陆老师！",
    "客服小美：您好，这里是售后。",                # a nickname whose 美 is no surname
    "客户经理：好的，明天联系。",
    "总而言之子女教育很重要。",                    # 之子 inside a phrase, no name after it
])
def test_ordinary_words_are_not_names(text: str) -> None:
    found = names(text)
    assert not found & {"小学", "老师", "小时", "班", "某些", "某个", "老年", "小区", "说", "麻烦", "谢谢陆",
                        "小美", "美", "经理", "女教育", "女教"}


def test_scrubber_removes_nickname_and_keeps_the_title(scrubber: Any) -> None:
    text = "客服小邹备注：已与买家电话沟通。隔壁老邹反映该户夜间噪音较大。"
    out = scrubber.scrub(text)
    assert "邹" not in out.text and "客服小" in out.text and "隔壁老" in out.text


@settings(max_examples=60, deadline=None, derandomize=True)
@given(text=fragment_text(["小", "老", "王", "南宫", "某", "妈妈：", "\n", "，女，", "楼上", "家", "我是", "，",
                           "反映", "老师：", "张伟", "补充：", "伟"]))
def test_spans_stay_in_range(text: str) -> None:
    assert_spans_in_range([RECOGNIZER], text)


@settings(max_examples=30, deadline=None, derandomize=True)
@given(nick=st.sampled_from("小老"), surname=st.sampled_from(list("王李张刘陈杨赵吴周徐孙马朱胡郭何高林罗郑")))
def test_any_nickname_after_a_role_is_its_surname(nick: str, surname: str) -> None:
    text = f"隔壁{nick}{surname}反映该户夜间噪音较大。"
    assert surname in names(text)
