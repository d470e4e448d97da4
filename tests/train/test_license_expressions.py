"""Model cards of models trained on dual- or multi-licensed data (SPDX expressions)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dataprotocol.keys import KeyPair, generate_keypair
from dataprotocol.policy import DatasetCard
from dataprotocol.records._audit import _check_license, audit_model_dir
from dataprotocol.records._card_text import model_license
from dataprotocol.train._gate import _license_block
from tests.train.test_card import make_payload, write_card
from tests.train.test_package_training import PURPOSE, _config, _grant, _package, keys  # noqa: F401


class _Grant:
    def __init__(self, *actions: str) -> None:
        self.actions = actions


def _card(license_text: str, purposes: list[str]) -> DatasetCard:
    return DatasetCard.from_dict({
        "dataset_id": "reviews", "version": "1", "title": "Tiny reviews", "license": license_text,
        "attribution": {"creator": "Example Lab", "source": "https://example.org/reviews"},
        "purposes": purposes, "contains_pii": False, "budget": {"epsilon": 8.0, "delta": 1e-5},
        "publisher": generate_keypair("steward").public_document(),
    }, source="test card")


def test_license_block_records_the_chosen_alternative() -> None:
    card = _card("CC-BY-NC-4.0 OR CC-BY-4.0", ["research+commercial"])
    block = _license_block(card, _Grant("train", "publish-model"), "research+commercial")
    assert block["data_licenses"] == ["CC-BY-4.0"] and "CC-BY-4.0" in block["output_licenses"]
    assert {(o["kind"], o["license"]) for o in block["obligations"]} == {
        ("attribution", "CC-BY-4.0"), ("modified-notice", "CC-BY-4.0")}
    # an unpublished model: its nominal license is the chosen data license, never the expression
    # (training asks nothing of either: a tie, the first written is chosen)
    block = _license_block(_card("CC-BY-SA-4.0 OR CC0-1.0", ["research"]), _Grant("train"), "research")
    assert block["output_licenses"] == ["CC-BY-SA-4.0"] == block["data_licenses"]
    block = _license_block(_card("CC-BY-4.0 AND ODbL-1.0", ["research"]), _Grant("train", "publish-model"),
                           "research")
    assert block["data_licenses"] == ["CC-BY-4.0", "ODbL-1.0"]
    assert {o["kind"] for o in block["obligations"]} == {"attribution", "modified-notice", "odbl-notice"}


def _payload(data_license: str, used: list[str], outputs: list[str]) -> dict:
    payload = make_payload(data_license=data_license)
    payload["license"].update(output_licenses=outputs, data_licenses=used)
    return payload


def _license_check(payload: dict) -> Any:
    from dataprotocol.records import PrivacyRecord

    return _check_license(PrivacyRecord.unsigned(payload), payload)


def test_audit_checks_the_alternative_the_data_was_used_under() -> None:
    # commercial purpose: trained under CC-BY-4.0, the alternative without NC
    payload = _payload("CC-BY-NC-4.0 OR CC-BY-4.0", ["CC-BY-4.0"], ["CC-BY-4.0", "CC0-1.0"])
    assert model_license(payload) == "CC-BY-4.0"
    assert _license_check(payload).passed, _license_check(payload).detail
    # claiming an alternative the expression does not offer fails
    payload = _payload("CC-BY-NC-4.0 OR CC-BY-4.0", ["CC0-1.0"], ["CC0-1.0"])
    check = _license_check(payload)
    assert not check.passed and "not licensed CC0-1.0" in check.detail
    # AND: NC binds, a CC-BY model is not allowed
    payload = _payload("CC-BY-4.0 AND CC-BY-NC-4.0", ["CC-BY-4.0", "CC-BY-NC-4.0"], ["CC-BY-4.0"])
    assert not _license_check(payload).passed


def test_written_model_card_of_dual_licensed_data_audits(tmp_path: Path) -> None:
    trainer = generate_keypair("trainer")
    model_dir = write_card(tmp_path / "model", trainer, data_license="CC-BY-SA-4.0 OR CC-BY-4.0")
    report = audit_model_dir(model_dir)
    assert report.passed, [c for c in report.checks if not c.passed]
    assert "CC-BY-SA-4.0 OR CC-BY-4.0" in (model_dir / "README.md").read_text()


@pytest.mark.slow
def test_train_on_dual_licensed_package_records_the_choice(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path) -> None:  # noqa: F811
    from dataprotocol.budget import Ledger
    from dataprotocol.train._package import train_on_package

    package = _package(tmp_path, keys, license_id="CC-BY-SA-4.0 OR CC0-1.0")
    grant = _grant(package, keys, ["read", "train", "publish-model"])
    ledger = Ledger(tmp_path / "ledger.sqlite")
    trained = train_on_package(package, grant=grant, key=keys["partner"], purpose=PURPOSE,
                               model_path=tiny_model, text_column="text", label_column="label",
                               config=_config(), out=tmp_path / "model", ledger=ledger)
    block = trained.payload["license"]
    assert block["data_licenses"] == ["CC0-1.0"] and block["obligations"] == []
    assert trained.payload["data"][0]["license"] == "CC-BY-SA-4.0 OR CC0-1.0"
    assert model_license(trained.payload) == "CC0-1.0"
    front = (trained.model_dir / "README.md").read_text()
    assert "license: cc0-1.0" in front and "Data used under: **CC0-1.0**" in front
    privacy = json.loads((trained.model_dir / "privacy.json").read_text())
    assert privacy["payload"]["license"]["data_licenses"] == ["CC0-1.0"]
    report = audit_model_dir(trained.model_dir, ledger=ledger, trainer_identity=keys["partner"].public)
    assert report.passed, [c for c in report.checks if not c.passed]
