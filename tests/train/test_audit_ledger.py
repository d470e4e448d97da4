"""Audit against a real SQLite budget ledger: recorded run, intact chain, cap, delta."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from dataprotocol.budget import Ledger, MechanismEvent
from dataprotocol.cli.main import main
from dataprotocol.errors import BudgetExceeded
from dataprotocol.keys import KeyPair, generate_keypair
from dataprotocol.records._audit import audit_model_dir
from tests.train.test_card import DELTA, EVENTS, failing, write_card

DATASET = "clinic-notes"
CAP = 8.0


def _run(ledger: Ledger, run_id: str, events: list[MechanismEvent]) -> Any:
    ledger.reserve(DATASET, run_id=run_id, events=events, delta=DELTA)
    return ledger.commit(run_id, events=events)


def _ledger_block(ledger: Ledger, entry: Any) -> dict[str, Any]:
    status = ledger.status(DATASET)
    return {"path_hint": "ledger.sqlite", "run_id": entry.run_id, "entry_hash": entry.entry_hash,
            "cumulative_epsilon": status.spent_epsilon, "epsilon_cap": CAP, "delta_cap": DELTA}


@pytest.fixture()
def setup(tmp_path: Path) -> tuple[Ledger, Path, KeyPair]:
    ledger = Ledger(tmp_path / "ledger.sqlite")
    ledger.register_dataset(DATASET, epsilon_cap=CAP, delta_cap=DELTA)
    _run(ledger, "earlier-trial", [MechanismEvent(noise_multiplier=2.0, sample_rate=0.02,
                                                  steps=100)])
    entry = _run(ledger, "run-honest", EVENTS)
    trainer = generate_keypair("trainer")
    card = write_card(tmp_path / "model", trainer, ledger=_ledger_block(ledger, entry))
    return ledger, card, trainer


def test_recorded_run_passes(setup: tuple[Ledger, Path, KeyPair]) -> None:
    ledger, card, trainer = setup
    report = audit_model_dir(card, ledger=ledger, trainer_identity=trainer.public)
    assert report.passed, report.to_dict()
    assert {"ledger-run", "ledger-chain", "ledger-cap"} <= {c.name for c in report.checks}


def test_edited_ledger_row_fails_the_chain(setup: tuple[Ledger, Path, KeyPair]) -> None:
    ledger, card, _ = setup
    with sqlite3.connect(ledger.path) as conn:  # an attacker lowers a run's steps in place
        seq, events = conn.execute("SELECT seq, events FROM entries WHERE run_id = "
                                   "'earlier-trial' AND state = 'committed'").fetchone()
        edited = json.loads(events)
        edited[0]["steps"] = 1
        conn.execute("UPDATE entries SET events = ? WHERE seq = ?", (json.dumps(edited), seq))
    report = audit_model_dir(card, ledger=ledger)
    assert "ledger-chain" in failing(report)
    assert not failing(report) & {"signature", "weights-sha256", "epsilon-opacus"}


def test_deleted_ledger_row_fails(setup: tuple[Ledger, Path, KeyPair]) -> None:
    ledger, card, _ = setup
    with sqlite3.connect(ledger.path) as conn:
        conn.execute("DELETE FROM entries WHERE run_id = 'earlier-trial'")
    assert "ledger-chain" in failing(audit_model_dir(card, ledger=ledger))


def test_unrecorded_run_fails(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger.sqlite")
    ledger.register_dataset(DATASET, epsilon_cap=CAP, delta_cap=DELTA)
    card = write_card(tmp_path / "model", generate_keypair("t"), run_id="never-recorded")
    report = audit_model_dir(card, ledger=ledger)
    assert "ledger-run" in failing(report)
    assert "not recorded" in next(c for c in report.checks if c.name == "ledger-run").detail


def test_card_events_or_delta_differing_from_the_ledger_fail(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger.sqlite")
    ledger.register_dataset(DATASET, epsilon_cap=CAP, delta_cap=DELTA)
    _run(ledger, "run-honest", EVENTS[:1])  # the ledger saw fewer steps than the card shows
    card = write_card(tmp_path / "m1", generate_keypair("t"))
    assert "ledger-run" in failing(audit_model_dir(card, ledger=ledger))
    _run(ledger, "run-delta", EVENTS)
    card = write_card(tmp_path / "m2", generate_keypair("t"), run_id="run-delta", delta=1e-6)
    report = audit_model_dir(card, ledger=ledger)
    detail = next(c for c in report.checks if c.name == "ledger-run").detail
    assert "delta" in detail


def test_over_cap_dataset_fails(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger.sqlite")
    ledger.register_dataset(DATASET, epsilon_cap=1.0, delta_cap=DELTA)
    ledger.reserve(DATASET, run_id="run-honest", events=[MechanismEvent(
        noise_multiplier=5.0, sample_rate=0.01, steps=10)], delta=DELTA)
    with pytest.raises(BudgetExceeded):  # ran more than reserved: recorded, then refused
        ledger.commit("run-honest", events=EVENTS)
    card = write_card(tmp_path / "model", generate_keypair("t"))
    report = audit_model_dir(card, ledger=ledger)
    assert "ledger-cap" in failing(report)


def test_cli_with_ledger(setup: tuple[Ledger, Path, KeyPair],
                         capsys: pytest.CaptureFixture[str]) -> None:
    ledger, card, _ = setup
    assert main(["budget", "audit", str(card), "--ledger", str(ledger.path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] and "ledger-chain" in {c["name"] for c in report["checks"]}
    with sqlite3.connect(ledger.path) as conn:
        conn.execute("UPDATE entries SET delta = 0.5 WHERE run_id = 'earlier-trial'")
    assert main(["budget", "audit", str(card), "--ledger", str(ledger.path), "--json"]) == 1
    assert "ledger-chain" in json.loads(capsys.readouterr().out)["failures"]
