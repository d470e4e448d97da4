"""A form that splits a Chinese name into 姓 and 名 fields: each part is a PERSON span."""

from __future__ import annotations

from typing import Any

import pytest

from tests.deid.conftest import findings_of


@pytest.mark.parametrize(("text", "parts"), [
    ("姓:汪  名:雪玉  出生日期:1990年1月2日", ["汪", "雪玉"]),
    ("姓：刘  名：雨美", ["刘", "雨美"]),
    ("姓（Surname）：宋 名（Given name）：梓萱", ["宋", "梓萱"]),
    ("姓氏：司空  名字：轩", ["司空", "轩"]),
    ("申请表\n姓：欧阳\n名：明辉\n性别：男", ["欧阳", "明辉"]),
])
def test_both_fields_are_names(scrubber: Any, text: str, parts: list[str]) -> None:
    found = findings_of(scrubber, text)
    assert all(found.get(part) == "PERSON" for part in parts), found


@pytest.mark.parametrize("text", ["同姓：李 名单：见附件", "改姓：否  名称：项目甲", "姓名：已填写"])
def test_look_alikes_are_not_split_names(scrubber: Any, text: str) -> None:
    found = findings_of(scrubber, text)
    assert "PERSON" not in found.values(), found
