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
])
def test_prose_ordinary_words_left_alone(text: str) -> None:
    found = names(text)
    assert not any(n[0] in "过种" for n in found), found
    if "高答应" in text:
        assert found == {"高"}
