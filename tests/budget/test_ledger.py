"""The ledger on a real SQLite file: refusal, commit, chain, caps, locations."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from dataprotocol.budget import (
    BudgetRefused,
    Ledger,
    MechanismEvent,
    compose_runs,
    filter_epsilon,
)
from dataprotocol.budget._chain import dataset_hash, entry_hash
from dataprotocol.errors import BudgetError, BudgetExceeded, InputError, IntegrityError
from tests._ledgers import make_ledger
from tests.budget._backends import rows, tamper

SMALL = MechanismEvent(noise_multiplier=1.0, sample_rate=0.02, steps=200)
HUGE = MechanismEvent(noise_multiplier=0.5, sample_rate=0.1, steps=2000)


@pytest.fixture
def ledger(ledger_location):
    """The contract: every test using this fixture runs on SQLite and on PostgreSQL."""
    return make_ledger(ledger_location, dataset_id="ds", epsilon_cap=8.0, delta_cap=1e-5)


def test_refusal_when_budget_would_be_exceeded_spends_nothing(ledger):
    ledger.reserve("ds", run_id="a", events=[SMALL], delta=1e-5)
    before = ledger.status("ds")
    with pytest.raises(BudgetRefused) as info:
        ledger.reserve("ds", run_id="b", events=[HUGE], delta=1e-5)
    assert isinstance(info.value, BudgetExceeded)
    assert any("cap 8" in reason for reason in info.value.reasons)
    # the refusal names what it composes with: run "a" only, not the publisher's genesis
    assert any("spent by 1 training run(s): a)" in reason for reason in info.value.reasons)
    after = ledger.status("ds")
    assert after.spent_epsilon == before.spent_epsilon
    assert [r.run_id for r in after.runs] == ["a"]
    assert rows(ledger) == [(2, "a", "reserved")]  # seq 1: the publisher's genesis


def test_delta_above_the_cap_is_refused(ledger):
    with pytest.raises(BudgetRefused, match="delta"):
        ledger.reserve("ds", run_id="a", events=[SMALL], delta=1e-4)
    assert rows(ledger) == []


def test_commit_replaces_the_reservation_and_releases_unused_budget(ledger):
    reservation = ledger.reserve("ds", run_id="a", events=[SMALL], delta=1e-5)
    half = MechanismEvent(noise_multiplier=1.0, sample_rate=0.02, steps=100)
    entry = ledger.commit("a", events=[half], meta={"status": "early-stopped"})
    assert entry.state == "committed" and entry.prev_hash == reservation.entry.entry_hash
    status = ledger.status("ds")
    assert status.runs[0].state == "committed" and status.runs[0].steps == 100
    assert status.spent_epsilon == pytest.approx(
        filter_epsilon([[half]], delta=1e-5, epsilon_cap=8.0))
    assert status.spent_epsilon < reservation.spent_epsilon
    assert ledger.entry("a").entry_hash == entry.entry_hash
    assert [e.state for e in ledger.entries("ds")] == ["genesis", "reserved", "committed"]


def test_a_run_cannot_spend_twice(ledger):
    ledger.reserve("ds", run_id="a", events=[SMALL], delta=1e-5)
    with pytest.raises(BudgetError, match="already"):
        ledger.reserve("ds", run_id="a", events=[SMALL], delta=1e-5)
    ledger.commit("a", events=[SMALL])
    with pytest.raises(BudgetError, match="already committed"):
        ledger.commit("a", events=[SMALL])
    with pytest.raises(BudgetError, match="no reservation"):
        ledger.commit("ghost", events=[SMALL])


def test_commit_over_the_cap_is_recorded_and_then_refused(ledger):
    ledger.reserve("ds", run_id="a", events=[SMALL], delta=1e-5)
    with pytest.raises(BudgetRefused, match="IS recorded"):
        ledger.commit("a", events=[HUGE])
    status = ledger.status("ds")
    assert status.runs[0].state == "committed" and status.runs[0].meta["over_cap"] is True
    assert status.spent_epsilon > status.epsilon_cap and status.remaining_epsilon < 0
    with pytest.raises(BudgetRefused):  # nothing more fits
        ledger.reserve("ds", run_id="b", events=[SMALL], delta=1e-5)


def test_every_run_counts_composed_below_the_naive_sum(ledger):
    for i in range(4):
        ledger.reserve("ds", run_id=f"trial-{i}", events=[SMALL], delta=1e-5)
    status = ledger.status("ds")
    expected = compose_runs([([SMALL], 1e-5)] * 4, delta=1e-5, epsilon_cap=8.0)
    assert len(status.runs) == 4
    assert status.spent_epsilon == pytest.approx(expected.filter_epsilon)
    assert status.rdp_epsilon < status.spent_epsilon < status.naive_sum_epsilon
    assert status.prv_epsilon is not None and status.prv_epsilon < status.rdp_epsilon
    assert status.naive_sum_delta == pytest.approx(4e-5)
    assert status.remaining_epsilon == pytest.approx(8.0 - status.spent_epsilon)
    assert json.loads(json.dumps(status.to_dict()))["runs"][0]["run_id"] == "trial-0"


def test_a_ledger_holds_only_its_genesis_dataset(ledger, tmp_path):
    assert ledger.datasets() == ["ds"]
    assert ledger.identity().epsilon_cap == 8.0
    with pytest.raises(InputError, match="not this ledger's dataset"):
        ledger.reserve("nope", run_id="a", events=[SMALL], delta=1e-5)
    with pytest.raises(InputError, match="epsilon_cap"):
        make_ledger(tmp_path / "bad.sqlite", epsilon_cap=-1.0)
    assert not (tmp_path / "bad.sqlite").exists()
    with pytest.raises(InputError, match="already exists"):  # a cap never changes
        make_ledger(ledger.location, epsilon_cap=80.0)


def test_edited_cap_is_caught(ledger):
    tamper(ledger, "UPDATE datasets SET epsilon_cap = 1000 WHERE dataset_id = 'ds'")
    with pytest.raises(IntegrityError, match="dataset 'ds'"):
        ledger.status("ds")


def test_a_consistently_rehashed_cap_still_disagrees_with_the_genesis(ledger):
    with ledger.store.read() as tx:
        (created,) = tx.fetchone("SELECT created_at FROM datasets")  # type: ignore[misc]
    tamper(ledger, "UPDATE datasets SET epsilon_cap = 1000, record_hash = ?", (dataset_hash(
        dataset_id="ds", epsilon_cap=1000.0, delta_cap=1e-5, created_at=created),))
    with pytest.raises(IntegrityError, match="genesis"):
        ledger.status("ds")


def test_chain_known_answer(repo_root):
    vector = json.loads((repo_root / "tests/vectors/budget/chain.json").read_text())
    new, old = vector["format_2"], vector["format_1"]
    assert entry_hash(**vector["entry"]) == new["entry_hash"]  # what new rows carry
    assert dataset_hash(**vector["dataset"]) == new["dataset_hash"]
    assert hashlib.sha256(new["entry_bytes"].encode()).hexdigest() == new["entry_hash"]
    assert '"delta":0.00001' in new["entry_bytes"]  # RFC 8785 numbers, not repr's 1e-05
    assert entry_hash(**vector["entry"], chain_format=1) == old["entry_hash"]  # older ledgers
    assert dataset_hash(**vector["dataset"], chain_format=1) == old["dataset_hash"]


def test_locations(tmp_path):
    book = make_ledger(f"sqlite:///{tmp_path}/url.sqlite")
    assert book.path == tmp_path / "url.sqlite" and book.path.exists()
    assert Ledger(f"sqlite:///{tmp_path}/url.sqlite").identity() == book.identity()
    with pytest.raises(InputError, match="not exist"):
        Ledger(tmp_path / "missing.sqlite")
    with pytest.raises(InputError, match="cannot connect to the PostgreSQL ledger") as info:
        Ledger(f"postgresql://bob:s3cret@/budget?host={tmp_path}")  # no server there
    assert "s3cret" not in str(info.value)
    with pytest.raises(InputError, match="scheme"):
        Ledger("mysql://x/y")
    (tmp_path / "junk.sqlite").write_bytes(b"not a database" * 100)
    with pytest.raises(InputError, match="not a dataprotocol ledger"):
        Ledger(tmp_path / "junk.sqlite")


def test_foreign_sqlite_file_is_never_adopted(tmp_path):
    other = tmp_path / "app.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    with pytest.raises(InputError, match="not a dataprotocol ledger"):
        Ledger(other)
    with pytest.raises(InputError, match="already exists"):
        make_ledger(other)
    with sqlite3.connect(other) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert tables == {"users"}


def test_read_only_ledger_can_still_be_shown(tmp_path):
    ledger = make_ledger(tmp_path / "ledger.sqlite", dataset_id="ds", epsilon_cap=8.0,
                         delta_cap=1e-5)
    ledger.reserve("ds", run_id="a", events=[SMALL], delta=1e-5)
    ledger.path.chmod(0o444)
    try:
        reader = Ledger(ledger.path)
        assert [r.run_id for r in reader.status("ds", with_prv=False).runs] == ["a"]
        assert reader.verify_chain() == 2
    finally:
        ledger.path.chmod(0o644)


def test_refusal_reasons_say_what_is_left(ledger):
    ledger.reserve("ds", run_id="a", events=[SMALL], delta=1e-5)
    with pytest.raises(BudgetRefused, match="already spent") as info:
        ledger.reserve("ds", run_id="b", events=[HUGE], delta=1e-5, meta={"trial": 2})
    assert "left" in info.value.reasons[0]


def test_non_finite_or_non_json_input_is_rejected_before_anything_is_written(ledger):
    with pytest.raises(InputError):
        ledger.reserve("ds", run_id="a", events=[MechanismEvent(
            noise_multiplier=float("inf"), sample_rate=0.1, steps=1)], delta=1e-5)
    with pytest.raises(InputError):
        ledger.reserve("ds", run_id="a", events=[SMALL], delta=1e-5,
                       meta={"loss": float("nan")})
    with pytest.raises(InputError):
        ledger.reserve("ds", run_id="", events=[SMALL], delta=1e-5)
    assert rows(ledger) == []


def test_dry_run_predicts_reserve_and_records_nothing(ledger):
    ledger.reserve("ds", run_id="a", events=[SMALL], delta=1e-5)
    ok = ledger.dry_run("ds", events=[SMALL], delta=1e-5)
    too_much = ledger.dry_run("ds", events=[HUGE], delta=1e-5)
    assert ok.allowed and not ok.reasons and ok.spent_before < ok.spent_after <= 8.0
    assert not too_much.allowed and too_much.spent_after > 8.0
    assert len(rows(ledger)) == 1
    assert ledger.reserve("ds", run_id="b", events=[SMALL], delta=1e-5).spent_epsilon == (
        pytest.approx(ok.spent_after))


def test_an_honest_commit_is_not_blamed_for_another_runs_overrun(ledger):
    ledger.reserve("ds", run_id="honest", events=[SMALL], delta=1e-5)
    ledger.reserve("ds", run_id="greedy", events=[SMALL], delta=1e-5)
    with pytest.raises(BudgetRefused):
        ledger.commit("greedy", events=[HUGE])
    entry = ledger.commit("honest", events=[SMALL])  # within its reservation: fine
    assert "over_cap" not in entry.meta
