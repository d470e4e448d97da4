"""``dataprotocol budget show`` through the real CLI entry point, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from dataprotocol.budget import BudgetRefused, Ledger, MechanismEvent
from dataprotocol.cli.main import main
from tests.budget._backends import tamper

EVENT = MechanismEvent(noise_multiplier=1.0, sample_rate=0.02, steps=200)


@pytest.fixture
def ledger_path(ledger_location):
    path = ledger_location
    book = Ledger(path)
    book.register_dataset("clinical-notes", epsilon_cap=8.0, delta_cap=1e-5)
    book.register_dataset("empty", epsilon_cap=1.0, delta_cap=1e-6)
    book.reserve("clinical-notes", run_id="run-1", events=[EVENT], delta=1e-5)
    book.commit("run-1", events=[EVENT])
    book.reserve("clinical-notes", run_id="run-2", events=[EVENT], delta=1e-5)
    return path


def test_show_json_reports_cap_spent_remaining_and_runs(ledger_path, capsys):
    assert main(["budget", "show", "--ledger", str(ledger_path), "--json",
                 "--dataset", "clinical-notes"]) == 0
    report = json.loads(capsys.readouterr().out)
    (status,) = report["datasets"]
    assert report["chain_verified"] is True and report["over_cap"] == []
    assert status["epsilon_cap"] == 8.0 and status["delta_cap"] == 1e-5
    assert [(r["run_id"], r["state"]) for r in status["runs"]] == [
        ("run-1", "committed"), ("run-2", "reserved")]
    assert status["remaining_epsilon"] == pytest.approx(8.0 - status["spent_epsilon"])
    assert status["rdp_epsilon"] < status["spent_epsilon"] < status["naive_sum_epsilon"]


def test_show_table_lists_every_dataset(ledger_path, capsys, monkeypatch):
    monkeypatch.setenv("DATAPROTOCOL_LEDGER", str(ledger_path))
    assert main(["budget", "show", "--no-prv"]) == 0
    out = " ".join(capsys.readouterr().out.split())  # Rich wraps long paths at 80 columns
    assert "clinical-notes" in out and "empty" in out and "run-2" in out
    # Rich wraps at 80 columns off a terminal, and the tmp path's length decides where
    assert "hash chain verified" in " ".join(out.split())


def test_missing_ledger_is_bad_input(tmp_path, capsys):
    assert main(["budget", "show", "--ledger", str(tmp_path / "nope.sqlite")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_unknown_dataset_is_bad_input(ledger_path, capsys):
    assert main(["budget", "show", "--ledger", str(ledger_path), "--dataset", "zzz"]) == 2


def test_edited_ledger_fails_with_the_row(ledger_path, capsys):
    tamper(Ledger(ledger_path, create=False), "UPDATE entries SET delta = 1e-9 WHERE seq = 2")
    assert main(["budget", "show", "--ledger", str(ledger_path), "--json"]) == 1
    captured = capsys.readouterr()
    assert "IntegrityError" in captured.err and "seq=2" in captured.err
    error = json.loads(captured.out)  # under --json the failure is one JSON object (issue 17)
    assert error["code"] == 1 and error["type"] == "IntegrityError" and "seq=2" in error["error"]


def test_over_cap_dataset_exits_1(ledger_path, capsys):
    with pytest.raises(BudgetRefused):
        Ledger(ledger_path).commit(
            "run-2", events=[MechanismEvent(noise_multiplier=0.5, sample_rate=0.2, steps=999)])
    assert main(["budget", "show", "--ledger", str(ledger_path), "--json", "--no-prv"]) == 1
    assert json.loads(capsys.readouterr().out)["over_cap"] == ["clinical-notes"]
