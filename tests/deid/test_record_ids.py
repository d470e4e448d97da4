"""Labelled record ids (English and Chinese), US driver licences, header-keyed rows and
Chinese names found by role words, distinctive two-character surnames and romanised
labels -- hand-written examples through the real Presidio analyzer, known-answer
vectors for the id shape, and Hypothesis over arbitrary Unicode."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from dataprotocol.deid.recognizers import (
    ChineseLabelledNumberRecognizer,
    ChinesePersonRecognizer,
    DelimitedRowRecognizer,
    LabelledIdRecognizer,
    UsDriverLicenseContextRecognizer,
)
from dataprotocol.deid.recognizers._delimited_row import column_entity
from dataprotocol.deid.recognizers._id_token import ID_TOKEN, plausible_id
from tests.deid._fuzz import assert_no_finding_survives, assert_spans_in_range, fragment_text
from tests.deid.conftest import findings_of

VECTORS = json.loads((Path(__file__).parents[1] / "vectors" / "deid" / "id_tokens.json").read_text("utf-8"))


def test_id_shape_vectors() -> None:
    token = re.compile(ID_TOKEN)
    for value in VECTORS["plausible"]:
        assert token.fullmatch(value) and plausible_id(value), value
    for value in VECTORS["not_plausible"]:
        assert not (token.fullmatch(value) and plausible_id(value)), value


@pytest.mark.parametrize(("text", "value"), [
    ("Please quote claim ref X7-20931 when you call back.", "X7-20931"),
    ("Subscriber ID: ZX990214K, plan gold.", "ZX990214K"),
    ("The RMA number is PO-88-1204-7 for the returned blender.", "PO-88-1204-7"),
    ("Lab requisition #2207-A-118 was drawn at noon.", "2207-A-118"),
    ("Booking reference TK.4471.209 confirmed.", "TK.4471.209"),
])
def test_english_labelled_ids(scrubber: Any, text: str, value: str) -> None:
    assert value in findings_of(scrubber, text)
    assert value not in scrubber.scrub(text).text


@pytest.mark.parametrize("text", [
    "The claim was filed on 2023-11-04 and paid in 2024.",
    "Order total 1,204.75 dollars, case of 12 bottles.",
    "Policy changes take effect from 1999 onwards.",
])
def test_labels_without_an_id_shape_are_left_alone(scrubber: Any, text: str) -> None:
    assert "ID" not in set(findings_of(scrubber, text).values())
    assert not LabelledIdRecognizer().analyze(text, ["ID"])


@pytest.mark.parametrize(("text", "value"), [
    ("Applicant showed an Ohio driver license 611 408 273 at the desk.", "611 408 273"),
    ("DL # K402-771-65-318-0 verified against the photo.", "K402-771-65-318-0"),
    ("licence: D9912-40417 (Wisconsin)", "D9912-40417"),
])
def test_us_driver_licences_near_a_licence_word(text: str, value: str) -> None:
    found = {text[r.start:r.end] for r in UsDriverLicenseContextRecognizer().analyze(text, [])}
    assert value in found


def test_grouped_digits_without_a_licence_word_are_not_a_licence() -> None:
    assert not UsDriverLicenseContextRecognizer().analyze("We shipped 611 408 273 units last year.", [])


def test_header_keyed_rows_english() -> None:
    text = "ticket_no|customer name|amount|zip\nRX/55-1029|Ada Quimby|4417082|30301\nAB12CD3456|Bo Tran|90|94110"
    found = {(text[r.start:r.end], r.entity_type) for r in DelimitedRowRecognizer().analyze(text, [])}
    assert {("RX/55-1029", "ID"), ("AB12CD3456", "ID"), ("Ada Quimby", "PERSON"), ("30301", "ZIP_CODE"),
            ("94110", "ZIP_CODE")} <= found
    assert not any(value in ("4417082", "90") for value, _ in found)  # the amount column holds no id


def test_header_keyed_rows_chinese() -> None:
    text = "工单号，联系人，邮编，金额\nGD-2207-5531，宋雨桐，518057，329.00\nGD-2207-5532，司马青，200031，88"
    found = {(text[r.start:r.end], r.entity_type)
             for r in DelimitedRowRecognizer(supported_language="zh").analyze(text, [])}
    assert {("GD-2207-5531", "ID"), ("宋雨桐", "PERSON"), ("518057", "ZIP_CODE"), ("司马青", "PERSON")} <= found
    assert not any(value in ("329.00", "88") for value, _ in found)


@pytest.mark.parametrize(("label", "entity"), [("订单号", "ID"), ("Member ID", "ID"), ("邮编", "ZIP_CODE"),
                                               ("收货人", "PERSON"), ("员工号", "ID"), ("金额", ""),
                                               ("身份证号", None), ("colour", None)])
def test_column_labels(label: str, entity: str | None) -> None:
    assert column_entity(label) == entity


@pytest.mark.parametrize(("text", "value"), [
    ("本院病案号：BA-0098213，请妥善保管。", "BA-0098213"),
    ("您的工单号是GD20240917003，我们会尽快处理。", "GD20240917003"),
    ("保单号为 PL-3321-0087-6 的理赔已受理。", "PL-3321-0087-6"),
    ("人事档案号DA/1187/22已转出。", "DA/1187/22"),
    ("合格证编号：ZS-77120", "ZS-77120"),
])
def test_chinese_labelled_numbers(scrubber: Any, text: str, value: str) -> None:
    assert value in findings_of(scrubber, text)
    assert value not in scrubber.scrub(text).text


@pytest.mark.parametrize("text", ["请到3号楼2单元取件。", "我们约在2024年5月6号见面。", "订单金额为1288.50元。",
                                  "会议定在2023年召开。"])
def test_chinese_numbers_without_a_label_are_not_ids(text: str) -> None:
    assert not ChineseLabelledNumberRecognizer().analyze(text, [])


def _names(text: str) -> set[str]:
    return {text[r.start:r.end] for r in ChinesePersonRecognizer().analyze(text, [])}


@pytest.mark.parametrize(("text", "name"), [
    ("查勘员：罗晓蕾已到达现场。", "罗晓蕾"),
    ("记录者 孟凡星", "孟凡星"),
    ("经办人是许嘉禾，请直接联系。", "许嘉禾"),
    ("昨天欧阳子墨来过店里。", "欧阳子墨"),
    ("诸葛青云陪同就诊。", "诸葛青云"),
    ("参会人员：宋雨桐、韩一鸣、公孙朗", "公孙朗"),
    ("参会人员：宋雨桐、韩一鸣、公孙朗", "韩一鸣"),
    ("姓名：黎晓 拼音：LI XIAO", "LI XIAO"),
])
def test_chinese_names(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize("text", ["个人信息安全很重要。", "请阅读第五章的内容。", "这种事情司空见惯。",
                                  "很多人都是这样想的。"])
def test_chinese_prose_without_names(text: str) -> None:
    assert not _names(text)


_TEXT = fragment_text(["订单号", "：", "#", "Claim No. ", "DL ", "license ", "欧阳", "查勘员", "|", "，",
                       "\n", "GD-2207-5531", "611 408 273", "邮编", "拼音：", "LI", "号", "5531"])


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT)
def test_new_recognizers_on_arbitrary_unicode(scrubber: Any, text: str) -> None:
    assert_spans_in_range((LabelledIdRecognizer(), UsDriverLicenseContextRecognizer(), DelimitedRowRecognizer(),
                           DelimitedRowRecognizer(supported_language="zh"), ChineseLabelledNumberRecognizer(),
                           ChinesePersonRecognizer()), text)
    assert_no_finding_survives(scrubber, text)
