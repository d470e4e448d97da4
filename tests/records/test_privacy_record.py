"""Typed privacy.json records: exact round trip, old cards load, new keys survive, bad input named."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol.errors import InputError
from dataprotocol.records import Accounting, DataUse, LedgerRef, PrivacyRecord

VECTOR = Path(__file__).resolve().parents[1] / "vectors" / "audit" / "privacy_v1.json"


def _payload() -> dict[str, Any]:
    return json.loads(VECTOR.read_text())["document"]["payload"]


def test_a_released_payload_round_trips_exactly() -> None:
    payload = _payload()
    record = PrivacyRecord.read(payload)
    assert record.to_dict() == payload
    assert record.accounting.epsilon == payload["accounting"]["epsilon"]
    assert isinstance(record.ledger, LedgerRef) and record.ledger.epsilon_cap == 16.0
    assert record.data[0].dataset_id == "clinic-notes" and record.data[0].privacy_unit is None
    assert [e.steps for e in record.mechanism_events()] == [60]


_JSONISH = st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.lists(st.integers(), max_size=2)


@given(extra=st.dictionaries(st.text(min_size=1, max_size=8).filter(lambda k: k not in _payload()),
                             _JSONISH, max_size=3),
       nested=st.dictionaries(st.sampled_from(["world_size", "adapter", "genesis"]), _JSONISH, max_size=2))
def test_keys_a_newer_writer_added_are_kept(extra: dict[str, Any], nested: dict[str, Any]) -> None:
    payload = {**_payload(), **extra}
    payload["ledger"] = {**payload["ledger"], **nested}
    payload["data"][0] = {**payload["data"][0], **nested}
    assert PrivacyRecord.read(payload).to_dict() == payload


def test_an_old_card_without_optional_blocks_loads() -> None:
    payload = _payload()
    for key in ("ledger", "empirical_audit", "metrics", "files", "task", "created_at"):
        payload.pop(key)
    record = PrivacyRecord.read(payload)
    assert record.ledger is None and record.task is None
    assert record.to_dict() == payload  # absent stays absent


def test_built_in_code_an_unset_optional_field_is_not_written() -> None:
    data = DataUse(dataset_id="d", dataset_version="1", manifest_id="m", license="MIT")
    assert "privacy_unit" not in data.to_dict() and data.to_dict()["grant_id"] is None
    assert DataUse(dataset_id="d", privacy_unit="patient").to_dict()["privacy_unit"] == "patient"
    assert "alternatives" not in Accounting(epsilon=1.0, delta=1e-5).to_dict()


@pytest.mark.parametrize("edit, message", [
    (lambda p: p.pop("events"), "privacy.json lacks events"),
    (lambda p: p.pop("trainer"), "privacy.json lacks trainer"),
    (lambda p: p["accounting"].update(epsilon="3.6"), "malformed privacy.json at accounting.epsilon"),
    (lambda p: p["accounting"].update(delta=True), "accounting.delta"),
    (lambda p: p["data"].append({"title": "no id"}), r"data\[1\].dataset_id"),
    (lambda p: p["license"].update(output_licenses="MIT"), "license.output_licenses"),
    (lambda p: p["ledger"].update(epsilon_cap=[1]), "ledger.epsilon_cap"),
    (lambda p: p.update(events=[{"noise_multiplier": 1}], mechanism=[]), "mechanism"),
])
def test_malformed_payloads_name_the_field(edit: Any, message: str) -> None:
    payload = copy.deepcopy(_payload())
    edit(payload)
    with pytest.raises(InputError, match=message):
        PrivacyRecord.read(payload, file="m/privacy.json")


def test_the_card_front_matter_is_a_typed_record() -> None:
    from dataprotocol.records import FrontMatter, front_matter, front_matter_v1

    # layout 1 (released before issue 17) still derives byte-for-byte, so those cards audit
    legacy = front_matter_v1(_payload())
    assert FrontMatter.from_dict(legacy, what="README.md").to_dict() == legacy == \
        json.loads(VECTOR.read_text())["front_matter"]
    meta = front_matter(_payload())
    parsed = FrontMatter.from_dict(meta, what="README.md front matter")
    assert parsed.to_dict() == meta and "differential-privacy" in parsed.tags
    assert meta["dataprotocol"]["card_format"] == 2 and "datasets" not in meta
