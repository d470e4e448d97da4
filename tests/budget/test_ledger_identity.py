"""The dataset's ledger, and only it: never created implicitly; a signed genesis at seq 1;
vouched heads and card anchors make truncation and forks visible (issue 10, item 1)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from dataprotocol.budget import ChainHead, Ledger, MechanismEvent
from dataprotocol.errors import InputError, IntegrityError, PolicyDenied
from dataprotocol.keys import generate_keypair, sign_document
from dataprotocol.records import verify_ledger_genesis, verify_ledger_head, vouch_ledger_head
from tests._ledgers import genesis_document, make_ledger, publisher_key

EVENT = MechanismEvent(noise_multiplier=1.0, sample_rate=0.02, steps=200)


def _spend(book: Ledger, run_id: str) -> None:
    book.reserve("ds", run_id=run_id, events=[EVENT], delta=1e-5)
    book.commit(run_id, events=[EVENT])


def test_opening_never_creates_a_file_or_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        Ledger(tmp_path / "fresh.sqlite")
    with pytest.raises(InputError, match="folder does not exist"):
        Ledger(tmp_path / "nonexistent" / "dir" / "l.sqlite")
    with pytest.raises(InputError, match="folder does not exist"):
        make_ledger(tmp_path / "nonexistent" / "l.sqlite")
    assert list(tmp_path.iterdir()) == []


def test_create_refuses_an_existing_ledger_and_leaves_no_temp(tmp_path: Path) -> None:
    book = make_ledger(tmp_path / "l.sqlite")
    _spend(book, "a")
    with pytest.raises(InputError, match="already exists"):
        make_ledger(tmp_path / "l.sqlite", epsilon_cap=100.0)
    assert [r.run_id for r in Ledger(tmp_path / "l.sqlite").status("ds").runs] == ["a"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_genesis_is_seq_1_signed_by_the_publisher(tmp_path: Path) -> None:
    book = make_ledger(tmp_path / "l.sqlite", dataset_id="clinic", epsilon_cap=4.0)
    identity = book.identity()
    assert (identity.dataset_id, identity.epsilon_cap) == ("clinic", 4.0)
    assert identity.publisher_key_id == publisher_key().key_id
    assert book.entries()[0].state == "genesis"
    assert identity.genesis_hash == book.entries()[0].entry_hash
    verify_ledger_genesis(identity, publisher_key().public)
    with pytest.raises(IntegrityError):
        verify_ledger_genesis(identity, generate_keypair("someone-else").public)


def test_a_genesis_that_is_not_a_signed_genesis_is_refused(tmp_path: Path) -> None:
    document = genesis_document()
    for broken in ({**document, "type": "dataprotocol-grant/1"},
                   {"type": document["type"], "payload": document["payload"]},
                   {**document, "payload": {**document["payload"], "ledger_id": "x"}}):
        with pytest.raises(InputError, match="genesis"):
            Ledger.create(tmp_path / "l.sqlite", genesis=broken)
    assert not (tmp_path / "l.sqlite").exists()


def test_a_second_genesis_or_a_run_of_another_dataset_breaks_the_chain(tmp_path: Path) -> None:
    book = make_ledger(tmp_path / "l.sqlite")
    _spend(book, "a")
    with sqlite3.connect(book.path) as conn:
        conn.execute("UPDATE entries SET state = 'genesis' WHERE seq = 2")
    with pytest.raises(IntegrityError, match="seq=2"):
        book.verify_chain()


def test_vouched_head_detects_truncation_below_it(tmp_path: Path) -> None:
    book = make_ledger(tmp_path / "l.sqlite")
    for run in ("a", "b"):
        _spend(book, run)
    head_doc = vouch_ledger_head(book, publisher=publisher_key())
    head = verify_ledger_head(head_doc, publisher_key().public,
                              ledger_id=book.identity().ledger_id)
    assert head == ChainHead(seq=5, entry_hash=book.entries()[4].entry_hash)
    assert book.entries()[-1].state == "head" and book.heads() == [head_doc]
    assert book.verify_chain(anchors=[head]) == 6
    with sqlite3.connect(book.path) as conn:  # drop the newest rows: still a valid chain
        conn.execute("DELETE FROM entries WHERE seq >= 4")
    assert book.verify_chain() == 3  # the chain alone cannot tell
    with pytest.raises(IntegrityError, match="truncated"):
        book.verify_chain(anchors=[head])


def test_a_fork_disagrees_with_the_publishers_head(tmp_path: Path) -> None:
    """A copy of the ledger that records its own runs diverges from the publisher's:
    audited with the publisher's head (or against the publisher's ledger) it fails."""
    publisher_book = make_ledger(tmp_path / "publisher.sqlite")
    _spend(publisher_book, "a")
    copy = Ledger(shutil.copy(publisher_book.path, tmp_path / "copy.sqlite"))
    assert copy.identity() == publisher_book.identity()  # a copy has the same identity
    _spend(copy, "run-only-in-the-copy")
    _spend(publisher_book, "b")
    head = ChainHead(**{k: v for k, v in publisher_book.head().to_dict().items()})
    with pytest.raises(IntegrityError, match="fork"):
        copy.verify_chain(anchors=[head])
    copied_entry = copy.entry("run-only-in-the-copy")
    with pytest.raises(IntegrityError, match="fork"):
        publisher_book.verify_chain(anchors=[(copied_entry.seq, copied_entry.entry_hash)])


def test_a_head_for_another_ledger_or_position_is_refused(tmp_path: Path) -> None:
    book = make_ledger(tmp_path / "l.sqlite")
    other = make_ledger(tmp_path / "other.sqlite")
    _spend(other, "x")
    foreign = vouch_ledger_head(other, publisher=publisher_key())
    with pytest.raises(IntegrityError, match="another|ledger"):
        book.record_head(foreign)
    forged = sign_document("dataprotocol-ledger-head/1", {
        "format": 1, "ledger_id": book.identity().ledger_id, "seq": 1, "entry_hash": "ab" * 32,
        "vouched_at": "2026-12-01T00:00:00Z"}, publisher_key())
    with pytest.raises(IntegrityError, match="fork|rewritten"):
        book.record_head(forged)
    with pytest.raises(PolicyDenied, match="ledger-not-publishers"):
        vouch_ledger_head(book, publisher=generate_keypair("not-the-publisher"))


def test_both_stores_create_once_with_the_genesis(ledger_location: str) -> None:
    """SQLite and PostgreSQL: an existing ledger is never replaced or adopted."""
    book = make_ledger(ledger_location, dataset_id="clinic")
    assert book.entries()[0].state == "genesis" and book.identity().dataset_id == "clinic"
    with pytest.raises(InputError, match="already exists"):
        make_ledger(ledger_location, dataset_id="clinic", epsilon_cap=100.0)
    assert Ledger(ledger_location).identity() == book.identity()
