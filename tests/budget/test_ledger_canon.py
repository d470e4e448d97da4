"""The ledger's hash chain across the RFC 8785 switch: a ledger written with the legacy
canonical JSON (chain format 1) still verifies and grows in format 2; a format-1 row
after a format-2 row (a downgrade) is refused."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
import rfc8785

from dataprotocol._canonical import _legacy_canonical_json
from dataprotocol.budget import Ledger, MechanismEvent
from dataprotocol.budget._chain import GENESIS, dataset_hash, entry_hash, parse_row
from dataprotocol.errors import IntegrityError
from tests._ledgers import make_ledger

EVENT = MechanismEvent(noise_multiplier=1.0, sample_rate=0.02, steps=10)
COLUMNS = "seq, run_id, dataset_id, state, events, delta, meta, created_at, prev_hash, entry_hash"


def _rewrite_in_format_1(path: Path, *, from_seq: int = 1) -> None:
    """What a pre-RFC 8785 dataprotocol wrote: legacy JSON text and format-1 hashes."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute(f"SELECT {COLUMNS} FROM entries ORDER BY seq").fetchall()
        prev = GENESIS
        for row in rows:
            entry = parse_row(row)
            if entry.seq < from_seq:
                prev = entry.entry_hash
                continue
            events = [e.to_dict() for e in entry.events]
            digest = entry_hash(seq=entry.seq, run_id=entry.run_id, dataset_id=entry.dataset_id,
                                state=entry.state, events=events, delta=entry.delta,
                                meta=entry.meta, created_at=entry.created_at, prev_hash=prev,
                                chain_format=1)
            conn.execute("UPDATE entries SET events = ?, meta = ?, prev_hash = ?, entry_hash = ? "
                         "WHERE seq = ?", (_legacy_canonical_json(events).decode(),
                                           _legacy_canonical_json(entry.meta).decode(), prev,
                                           digest, entry.seq))
            prev = digest
        if from_seq == 1:
            for ds, eps, dlt, created, _ in conn.execute("SELECT * FROM datasets").fetchall():
                conn.execute("UPDATE datasets SET record_hash = ? WHERE dataset_id = ?", (
                    dataset_hash(dataset_id=ds, epsilon_cap=eps, delta_cap=dlt,
                                 created_at=created, chain_format=1), ds))


def _hashes(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT entry_hash FROM entries ORDER BY seq")]


def test_legacy_ledger_verifies_and_grows_in_format_2(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    ledger = make_ledger(path)
    ledger.reserve("ds", run_id="r1", events=[EVENT], delta=1e-6, meta={"lr": 1e-05})
    before = _hashes(path)
    _rewrite_in_format_1(path)
    legacy = _hashes(path)
    assert all(a != b for a, b in zip(before, legacy))  # the bytes did change
    with sqlite3.connect(path) as conn:  # legacy text spells 1e-05 as repr does
        assert "1e-05" in conn.execute("SELECT meta FROM entries WHERE seq = 2").fetchone()[0]
    reopened = Ledger(path)
    assert reopened.verify_chain() == 2
    reopened.reserve("ds", run_id="r2", events=[EVENT], delta=1e-6)
    assert reopened.verify_chain() == 3
    entries = reopened.entries()
    last = entries[-1]
    assert last.entry_hash == entry_hash(
        seq=3, run_id="r2", dataset_id="ds", state="reserved",
        events=[EVENT.to_dict()], delta=1e-6, meta={}, created_at=last.created_at,
        prev_hash=legacy[-1])  # format 2, chained onto the legacy row
    assert _hashes(path)[:2] == legacy


def test_format_1_row_after_format_2_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    ledger = make_ledger(path)
    ledger.reserve("ds", run_id="r1", events=[EVENT], delta=1e-6)
    _rewrite_in_format_1(path, from_seq=2)  # the newest row relabelled as legacy
    with pytest.raises(IntegrityError, match="chain format 1 after a format-2 entry"):
        Ledger(path).verify_chain()


def test_stored_text_keeps_values_and_hashes_rfc8785(tmp_path: Path) -> None:
    path = tmp_path / "text.sqlite"
    make_ledger(path).reserve("ds", run_id="r1", events=[EVENT], delta=1e-6,
                              meta={"lr": 1e-05, "w": 1.0})
    with sqlite3.connect(path) as conn:
        row = conn.execute(f"SELECT {COLUMNS} FROM entries WHERE seq = 2").fetchone()
    entry = parse_row(row)
    assert entry.meta == {"lr": 1e-05, "w": 1.0} and isinstance(entry.meta["w"], float)
    payload = {"domain": "dataprotocol-ledger-entry/2", "seq": 2, "run_id": "r1",
               "dataset_id": "ds", "state": "reserved", "events": [EVENT.to_dict()],
               "delta": 1e-6, "meta": {"lr": 1e-05, "w": 1.0},
               "created_at": entry.created_at, "prev_hash": entry.prev_hash}
    data = rfc8785.dumps(payload)
    assert b'"meta":{"lr":0.00001,"w":1}' in data
    assert entry.entry_hash == hashlib.sha256(data).hexdigest()


def _legacy_signed(doc_type: str, payload: dict, key) -> dict:
    """An envelope as a pre-RFC 8785 dataprotocol signed it (no canon, legacy bytes)."""
    from dataprotocol.keys import b64e

    data = _legacy_canonical_json({"type": doc_type, "payload": payload})
    return {"type": doc_type, "payload": payload,
            "signature": {"alg": "ed25519", "key_id": key.key_id, "value": b64e(key.sign(data))}}


def test_legacy_signed_genesis_and_head_survive_the_ledger(tmp_path: Path) -> None:
    # The ledger stores signed documents in its meta column; reading them back must give
    # values whose legacy bytes are the signed ones (8.0 must not come back as 8).
    from dataprotocol.budget import LEDGER_GENESIS_TYPE
    from dataprotocol.budget._identity import HEAD_TYPE
    from dataprotocol.records._ledger_identity import verify_ledger_genesis, verify_ledger_head
    from tests._ledgers import genesis_document, publisher_key

    key = publisher_key()
    genesis = _legacy_signed(LEDGER_GENESIS_TYPE, genesis_document()["payload"], key)
    assert isinstance(genesis["payload"]["epsilon_cap"], float)
    ledger = Ledger.create(tmp_path / "g.sqlite", genesis=genesis)
    verify_ledger_genesis(Ledger(tmp_path / "g.sqlite").identity(), key.public)
    head = ledger.head()
    document = _legacy_signed(HEAD_TYPE, {"format": 1, "ledger_id": ledger.identity().ledger_id,
                                          "seq": head.seq, "entry_hash": head.entry_hash,
                                          "epsilon_spent": 0.0,
                                          "vouched_at": "2026-12-01T00:00:00Z"}, key)
    ledger.record_head(document)
    stored = Ledger(tmp_path / "g.sqlite").heads()[0]
    verify_ledger_head(stored, key.public, ledger_id=ledger.identity().ledger_id)
    assert Ledger(tmp_path / "g.sqlite").verify_chain() == 2
