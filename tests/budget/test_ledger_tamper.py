"""verify_chain() catches any edit made with raw sqlite3, and names the row."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataprotocol.budget import Ledger, MechanismEvent
from dataprotocol.errors import IntegrityError
from tests._ledgers import make_ledger

EDITS = {
    "events": "[{\"noise_multiplier\": 9.0, \"sample_rate\": 0.02, \"steps\": 1}]",
    "delta": 1e-9,
    "meta": "{\"note\": \"nothing to see\"}",
    "created_at": "1999-01-01T00:00:00.000000Z",
    "run_id": "someone-else",
    "prev_hash": "f" * 64,
    "entry_hash": "e" * 64,
}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("tamper") / "ledger.sqlite"
    book = make_ledger(path, dataset_id="ds", epsilon_cap=50.0, delta_cap=1e-5)
    event = MechanismEvent(noise_multiplier=1.0, sample_rate=0.02, steps=100)
    for i in range(3):
        book.reserve("ds", run_id=f"r{i}", events=[event], delta=1e-5, meta={"i": i})
    book.commit("r1", events=[event])
    assert book.verify_chain() == 5  # genesis + 3 reservations + 1 commit
    return path


@settings(max_examples=25)
@given(seq=st.integers(1, 5), column=st.sampled_from(sorted(EDITS)))
def test_any_edited_row_is_named(template, tmp_path_factory, seq, column):
    path = tmp_path_factory.mktemp("copy") / "ledger.sqlite"
    shutil.copy(template, path)
    with sqlite3.connect(path) as conn:
        conn.execute(f"UPDATE entries SET {column} = ? WHERE seq = ?", (EDITS[column], seq))
    with pytest.raises(IntegrityError, match=f"seq={seq} "):
        Ledger(path).verify_chain()


@pytest.mark.parametrize("seq", [1, 2, 3, 4])
def test_deleted_row_is_caught_at_the_next_one(template, tmp_path, seq):
    path = tmp_path / "ledger.sqlite"
    shutil.copy(template, path)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM entries WHERE seq = ?", (seq,))
    with pytest.raises(IntegrityError, match=f"seq={seq + 1} "):
        Ledger(path).verify_chain()


def test_tampered_ledger_refuses_new_reservations(template, tmp_path):
    path = tmp_path / "ledger.sqlite"
    shutil.copy(template, path)
    with sqlite3.connect(path) as conn:  # try to free budget by shrinking a run
        conn.execute("UPDATE entries SET events = '[]' WHERE seq = 2")
    book = Ledger(path)
    event = MechanismEvent(noise_multiplier=1.0, sample_rate=0.02, steps=100)
    with pytest.raises(IntegrityError, match="seq=2 "):
        book.reserve("ds", run_id="new", events=[event], delta=1e-5)
    with pytest.raises(IntegrityError):
        book.status("ds")
