"""``budget audit`` checks what a model says in the clear (issue 10, item 3): label names
must be the publisher's declared set, and the README body must state the signed ε/δ."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from dataprotocol.keys import KeyPair, generate_keypair
from dataprotocol.records import audit_model_dir, read_privacy_document, write_model_dir
from dataprotocol.records._audit_public import check_labels, check_readme_body
from tests.train.test_card import make_payload, tiny_model_and_tokenizer

LEAKED = ["Mrs Jane Roe called about her biopsy", "John Doe, 12 Elm St, wants a refill"]


@pytest.fixture(scope="module")
def trainer() -> KeyPair:
    return generate_keypair("trainer")


def _model_dir(out: Path, trainer: KeyPair, names: list[str],
               data_extra: dict[str, Any]) -> Path:
    model, tokenizer = tiny_model_and_tokenizer(out.parent / "src")
    model.config.id2label = dict(enumerate(names))
    model.config.label2id = {n: i for i, n in enumerate(names)}
    payload = make_payload()
    payload["data"][0].update(data_extra)
    payload["metrics"]["labels"] = names
    return write_model_dir(out, model=model, tokenizer=tokenizer, signer=trainer, payload=payload)


def _labels(report: Any) -> Any:
    return next(c for c in report.checks if c.name == "labels")


def _payload(model_dir: Path) -> dict[str, Any]:
    return read_privacy_document(model_dir)["payload"]  # type: ignore[no-any-return]


def test_label_names_read_from_the_data_fail(tmp_path: Path, trainer: KeyPair) -> None:
    model_dir = _model_dir(tmp_path / "m", trainer, LEAKED, {})
    check = _labels(audit_model_dir(model_dir))
    assert not check.passed and "no publisher-declared label set" in check.detail
    assert not any(text in check.detail for text in LEAKED)


def test_declared_labels_pass_and_are_checked_against_the_publishers_card(
        tmp_path: Path, trainer: KeyPair) -> None:
    declared = {"label_column": "topic", "categories": {"topic": ["billing", "refill"]}}
    model_dir = _model_dir(tmp_path / "ok", trainer, ["billing", "refill"], declared)
    report = audit_model_dir(model_dir)
    assert report.passed, report.failures
    publisher_says = SimpleNamespace(manifest_id="mf-123", ledger=None, card=SimpleNamespace(
        categories={"topic": ("billing", "refill")}, publisher_key_id="k"))
    assert check_labels(model_dir, _payload(model_dir), manifest=publisher_says).passed
    publisher_says.card.categories = {}
    assert not check_labels(model_dir, _payload(model_dir), manifest=publisher_says).passed
    lying = _model_dir(tmp_path / "lie", trainer, ["billing", LEAKED[0]], declared)
    assert not check_labels(lying, _payload(lying)).passed


def test_an_edited_epsilon_in_the_readme_body_fails(tmp_path: Path, trainer: KeyPair) -> None:
    model_dir = _model_dir(tmp_path / "m", trainer, ["LABEL_0", "LABEL_1"], {})
    readme = model_dir / "README.md"
    text = readme.read_text(encoding="utf-8")
    assert audit_model_dir(model_dir).passed
    stated = text.split("(ε = ", 1)[1].split(",", 1)[0]
    readme.write_text(text.replace(f"(ε = {stated},", "(ε = 0.1,"), encoding="utf-8")
    report = audit_model_dir(model_dir)
    assert {c.name for c in report.failures} == {"readme-body"}
    readme.write_text(text.replace("- Accountant:", "- Also ε = 0.01.\n- Accountant:"),
                      encoding="utf-8")
    check = check_readme_body(model_dir, _payload(model_dir))
    assert not check.passed and "ε = 0.01" in check.detail
