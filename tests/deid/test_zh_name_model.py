"""The statistical Chinese name model (issue 16): names with no cue around them are found,
ordinary words that start with a surname character are not, the name's length is read
right, 和 is never a name, 老/小 + surname nicknames, and the model is built offline from
jieba's bundled dictionary. Known answers through the real analyzer."""

from __future__ import annotations

import socket
import time
from typing import Any

import pytest

from tests.deid.conftest import findings_of


@pytest.mark.parametrize(("text", "name"), [
    ("昨天孙浩然去医院复查。", "孙浩然"),  # jieba reads 孙|浩然
    ("上午王晓东提交了申请。", "王晓东"),  # after a time word
    ("刘思远下周一到岗。", "刘思远"),  # at the start of a sentence
    ("我们和周建平谈过了。", "周建平"),
    ("这份报告是郑雅琴写的。", "郑雅琴"),
    ("听说吴永康已经搬走了。", "吴永康"),
    ("今年三月，肖雨桐考上了研究生。", "肖雨桐"),
    ("罗志刚、蒋文博和邓晓梅负责这个项目。", "蒋文博"),  # a list
    ("罗志刚、蒋文博和邓晓梅负责这个项目。", "邓晓梅"),
    ("阎红梅上个月刚退休。", "阎红梅"),
    ("请谭文杰于本周五前提交材料。", "谭文杰"),  # 请X于
    ("欧阳雪晴下午三点到。", "欧阳雪晴"),  # a compound surname
    ("目前董佳怡的情况比较稳定。", "董佳怡"),
])
def test_names_without_a_cue(scrubber: Any, text: str, name: str) -> None:
    assert findings_of(scrubber, text).get(name) == "PERSON"
    assert name not in scrubber.scrub(text).text


@pytest.mark.parametrize("text", [
    "今天非常高兴见到大家。",
    "如果方便的话，周五下午再来。",
    "周五下午开会，于是大家都很高兴。",
    "黄色的白天，金额万一不对就麻烦了。",
    "江湖上的事，万一传开了怎么办。",
    "我和同学们去公园玩。",
    "钟情于乌龙茶的回甘。",
    "城市马拉松志愿者报名表",
    "入住前体检由金华园街道社区卫生服务中心完成。",
    "这个小区很大，小米手机很便宜，老百姓都说好。",
    "他老高兴了，小时候老黄牛很累。",
])
def test_ordinary_words_with_surname_characters_are_no_names(scrubber: Any, text: str) -> None:
    assert "PERSON" not in set(findings_of(scrubber, text).values())


def test_and_is_never_a_name(scrubber: Any) -> None:
    for text in ("我和同学们去公园玩。", "张伟和李娜一起去了北京。", "他和老师谈过了。"):
        found = findings_of(scrubber, text)
        assert not any("和" in value for value, kind in found.items() if kind == "PERSON"), found


@pytest.mark.parametrize(("text", "name"), [
    ("昨天孙浩然去医院复查。", "孙浩然"),
    ("傍晚杜浩宇给我打了个电话。", "杜浩宇"),
    ("叶欣妍和同事去吃饭了。", "叶欣妍"),
    ("和潘伟一起来的还有两个人。", "潘伟"),  # a one-character given name: 一起 is no part of it
])
def test_the_name_length_is_read_right(scrubber: Any, text: str, name: str) -> None:
    assert findings_of(scrubber, text).get(name) == "PERSON"


@pytest.mark.parametrize(("text", "surname"), [
    ("同楼层住户老潘签字同意，无异议。", "潘"),
    ("经调解，老马坚持认为责任不在己方。", "马"),
    ("二楼护理区20床。\n老彭平时喜欢听评书。", "彭"),
    ("-----\n小芈如需请假应提前告知。", "芈"),
])
def test_nicknames_of_a_surname(scrubber: Any, text: str, surname: str) -> None:
    assert findings_of(scrubber, text).get(surname) == "PERSON"


def test_the_model_scores_names_above_words() -> None:
    from dataprotocol.deid.recognizers._zh_name_model import model

    lattice = model().lattice("昨天孙浩然去医院复查，大家都很高兴。")
    text = lattice.text
    assert lattice.score(text.index("孙浩然"), text.index("孙浩然") + 3) > 0
    assert lattice.score(text.index("高兴"), text.index("高兴") + 2) < -3
    assert lattice.best_length(text.index("孙浩然"))[0] == text.index("孙浩然") + 3


def test_the_model_is_built_offline_from_jiebas_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataprotocol.deid.recognizers import _zh_name_model
    from dataprotocol.deid.recognizers._zh_segments import warm_up

    warm_up()  # jieba's dictionary ships in its wheel
    monkeypatch.setattr(_zh_name_model, "_MODEL", None)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the name model tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    began = time.perf_counter()
    built = _zh_name_model.model()
    assert time.perf_counter() - began < 3.0  # one pass over the loaded dictionary (~0.2 s)
    assert built.surname_names("王") > 1000 and built.surname_names("欧阳") > 10
    assert built.given_logp("浩然") > built.given_logp("医院")


@pytest.mark.parametrize(("text", "name"), [
    ("期间对方以我的名义向好友余琳娜、姜婷蓓借钱。", "余琳娜"),  # before a found name in a list (jieba: 余|琳娜)
    ("期间对方以我的名义向好友余琳娜、姜婷蓓借钱。", "姜婷蓓"),  # jieba guessed 姜婷: the model reads three
    ("13:02 相悦慧：@万姐 你家的我顺便帮你拿了", "相悦慧"),  # a chat speaker after the time it was sent
    ("上一家雇主杨锐坤评价“干净利索”", "杨锐坤"),  # a ...主 role
    ("失主夏蓓于2026年7月17日报失", "夏蓓"),  # 于 is no part of the name jieba guessed
    ("马丽丽、郭小刚、何军三人获奖。", "何军"),  # 三人 is a number and its measure word
])
def test_lists_speakers_roles_and_lengths(scrubber: Any, text: str, name: str) -> None:
    assert findings_of(scrubber, text).get(name) == "PERSON"


@pytest.mark.parametrize(("text", "surname"), [
    ("犬主梁女士承诺文明养犬。", "梁"),  # jieba reads 主梁
    ("模具时被压伤左手，班组长江先生立即将其送往医院。", "江"),  # jieba reads 长江
    ("班组长凤女士随即将其送往医院。", "凤"),
])
def test_a_surname_before_a_title_where_jieba_glues_it(scrubber: Any, text: str, surname: str) -> None:
    found = findings_of(scrubber, text)
    assert found.get(surname) == "PERSON"
    assert "班" not in found


@pytest.mark.parametrize("text", ["毛主席纪念堂", "班主任召集家长开会", "凤凰古城很美，凤梨很甜，龙凤呈祥。"])
def test_words_around_role_and_surname_characters_are_no_names(scrubber: Any, text: str) -> None:
    assert "PERSON" not in set(findings_of(scrubber, text).values())


@pytest.mark.parametrize(("text", "name"), [
    ("带看记录群（3人）\n俊红经纪人 17:38\n您开车来吗？\n俊红经纪人 17:47\n好的", "俊红"),  # a sender, twice
    ("发我，我帮您登记门禁。\n邱豪佑 11:20\n好的", "邱豪佑"),  # a full name once
    ("服务内容：照护君帅（6岁）的日常起居", "君帅"),  # a given name with the age after it
    ("儿子王浩（十二岁）在读小学", "王浩"),
    ("53号\n老高平时喜欢听评书", "高"),  # jieba reads 高平: the rest opens 平时
])
def test_chat_senders_aged_names_and_glued_nicknames(scrubber: Any, text: str, name: str) -> None:
    assert findings_of(scrubber, text).get(name) == "PERSON"


@pytest.mark.parametrize("text", ["会议 14:00\n签到 09:00\n", "患者（65岁），照顾老人（85岁）",
                                  "他老高兴了，小时候很穷。"])
def test_times_ages_and_adverbs_are_no_names(scrubber: Any, text: str) -> None:
    assert "PERSON" not in set(findings_of(scrubber, text).values())


@pytest.mark.parametrize(("text", "name"), [
    ("经理让高峰明天去总部。", "高峰"),  # a name that is also an everyday word, asked to act
    ("请白雪在确认单上签字。", "白雪"),
    ("请王建国于周五前回电。", "王建国"),
])
def test_someone_asked_to_act(scrubber: Any, text: str, name: str) -> None:
    assert findings_of(scrubber, text).get(name) == "PERSON"


@pytest.mark.parametrize("text", ["请周五在会议室集合。", "请方便时回电。", "请马上在这里签字。", "请白天在家等候。",
                                  "让金额在范围内。", "请全体在此等候。", "请于明天上午到场。"])
def test_times_and_words_after_please_are_no_names(scrubber: Any, text: str) -> None:
    assert "PERSON" not in set(findings_of(scrubber, text).values())
