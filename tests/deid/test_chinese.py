"""Chinese de-identification: checksums (known-answer vectors), recognizers on real
sentences through the real Presidio analyzer, language routing and flagging, the
CJK-aware leak rule, zh_CN surrogates, and Hypothesis over arbitrary Unicode."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dataprotocol.deid import ScrubConfig
from dataprotocol.deid.recognizers._checksums import gb11643_valid, gb32100_valid, luhn_valid
from dataprotocol.errors import InputError

from .conftest import KEY

VECTORS = json.loads((Path(__file__).parents[1] / "vectors" / "deid" / "cn_checksums.json").read_text("utf-8"))


@pytest.mark.parametrize(("kind", "check"), [("resident_id", gb11643_valid), ("uscc", gb32100_valid),
                                             ("luhn", luhn_valid)])
def test_checksum_vectors(kind: str, check: Any) -> None:
    assert all(check(v) for v in VECTORS[kind]["valid"]), kind
    assert not any(check(v) for v in VECTORS[kind]["invalid"]), kind


DOC = ("您好，我是客户王芳，身份证号11010519491231002X，手机+86 138-1234-5678，座机(0755)86013388转123。"
       "患者欧阳明，男，45岁，于2024年3月5日下午3点就诊，住址：广东省深圳市南山区科技园路88号华润城3栋2单元1502室。"
       "工作单位深圳市腾讯计算机系统有限公司，统一社会信用代码91350100M000100Y43，车牌粤B·D12345，"
       "银行卡6222 0200 0000 0000 000，护照E12345678。英文名 John Smith，邮箱 john.smith@example.com。")
SECRETS = {
    "王芳": "PERSON", "11010519491231002X": "CN_RESIDENT_ID", "+86 138-1234-5678": "PHONE_NUMBER",
    "(0755)86013388转123": "PHONE_NUMBER", "欧阳明": "PERSON", "45岁": "AGE", "2024年3月5日下午3点": "DATE_TIME",
    "广东省深圳市南山区科技园路88号华润城3栋2单元1502室": "STREET_ADDRESS",
    "深圳市腾讯计算机系统有限公司": "ORGANIZATION", "91350100M000100Y43": "CN_USCC", "粤B·D12345": "CN_VEHICLE_PLATE",
    "6222 0200 0000 0000 000": "CN_BANK_CARD", "E12345678": "CN_PASSPORT", "John Smith": "PERSON",
    "john.smith@example.com": "EMAIL_ADDRESS",
}


def test_chinese_document_every_identifier(scrubber: Any) -> None:
    out = scrubber.scrub(DOC)
    assert (out.language, out.configured) == ("zh", True)
    found = {DOC[f.start:f.end]: f.entity_type for f in out.findings}
    for value, entity in SECRETS.items():
        assert found.get(value) == entity, value
        assert value not in out.text
    assert "先生" not in found and "身份证号" in out.text  # labels stay


def test_invalid_checksums_are_not_identifiers(scrubber: Any) -> None:
    text = "订单备注：编码110105194912310021，参考91350100M000100Y42，流水6222020000000000009。"
    types = {f.entity_type for f in scrubber.find(text)}
    assert not types & {"CN_RESIDENT_ID", "CN_USCC", "CN_BANK_CARD"}


def test_title_stays_outside_the_name_and_propagates(scrubber: Any) -> None:
    text = "李娜女士来电。我们已回复李娜，张先生也收到了。"
    out = scrubber.scrub(text)
    assert out.text.count("<PERSON>") >= 3 and "女士" in out.text and "先生" in out.text
    assert "李娜" not in out.text


def test_unconfigured_language_is_flagged_and_strict_refuses(scrubber: Any) -> None:
    german = "Sehr geehrte Frau Müller, Ihre Bestellung wird morgen an die Hauptstraße 5 in Berlin geliefert."
    out = scrubber.scrub(german)
    assert out.language == "de" and out.configured is False
    results = scrubber.scrub_many([DOC, german, "Call John at 555-010-1234, thanks."], n_process=1)
    assert [(r.language, r.configured) for r in results] == [("zh", True), ("de", False), ("en", True)]
    strict = scrubber.reconfigured(scrubber.config.with_changes(strict=True))
    with pytest.raises(InputError, match="document 1: language 'de'"):
        list(strict.iter_scrub([DOC, german]))


def test_chinese_with_only_english_pipeline_is_flagged(scrubber: Any) -> None:
    english_only = scrubber.reconfigured(ScrubConfig(languages=("en",)))
    out = english_only.scrub(DOC)
    assert out.language == "zh" and out.configured is False
    assert "john.smith@example.com" not in out.text  # language-independent patterns still ran


def test_fixed_language_is_not_detected(scrubber: Any) -> None:
    fixed = scrubber.reconfigured(ScrubConfig(language="zh"))
    assert fixed.language_of("Hello there, this is plainly English text.") == "zh"


def test_zh_surrogates_are_chinese_and_consistent(scrubber: Any) -> None:
    sur = scrubber.reconfigured(ScrubConfig(operator="surrogate", key=KEY))
    a, b = sur.scrub("患者王芳，45岁。"), sur.scrub("客户王芳来电。")
    name_a = a.text[2:a.text.index("，")]
    assert name_a and all("\u4e00" <= c <= "\u9fff" for c in name_a) and name_a in b.text and "王芳" not in b.text


def test_eval_leak_rule_is_substring_for_han() -> None:
    from dataprotocol.deid._eval import evaluate
    from dataprotocol.deid._types import Finding

    record = {"text": "患者张伟说", "spans": [{"start": 2, "end": 4, "type": "PERSON"}], "lang": "zh"}
    leaked = evaluate([record], [("患者张伟说", [])])
    clean = evaluate([record], [("患者<PERSON>说", [Finding(2, 4, "PERSON", 0.9, "x")])])
    assert leaked.by_group["lang:zh"].leaked == 1 and clean.by_group["lang:zh"].leaked == 0


def test_eval_leak_rule_sees_latin_and_digits_against_han() -> None:
    """A Han neighbour is no word boundary problem: the IP in 服务器63.221.155.31已 leaks."""
    import re

    from dataprotocol.deid._resolve import whole

    assert re.search(whole("63.221.155.31"), "服务器63.221.155.31已完成迁移")
    assert re.search(whole("DD2379612744"), "订单DD2379612744一直没发货")
    assert not re.search(whole("1234"), "a12345") and not re.search(whole("Ab"), "éAb")


_ALPHABET = st.characters(codec="utf-8", exclude_categories=["Cs"])
_MIXED = st.lists(st.one_of(st.text(_ALPHABET, max_size=8), st.sampled_from(
    ["王芳", "先生", "11010519491231002X", "138 1234 5678", "北京市", "路88号", "岁", "John", "@", "年3月5日"])),
    max_size=12).map("".join)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_MIXED)
def test_arbitrary_unicode_never_raises_and_never_leaves_a_finding(scrubber: Any, text: str) -> None:
    import re

    from dataprotocol.deid._resolve import whole

    out = scrubber.scrub(text)
    assert out.language
    for f in out.findings:
        assert 0 <= f.start < f.end <= len(text)
    tokens = re.sub(r"<[A-Z_]+>", " ", out.text)  # our own replacement tokens are not residue
    for value in {text[f.start:f.end] for f in out.findings if f.end - f.start >= 3}:
        # no finding's text survives where it would count as a leak (whole word; substring at Han)
        assert re.search(whole(value), tokens) is None, value
