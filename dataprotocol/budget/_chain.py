"""The hash chain that makes the ledger tamper-evident.

``entry_hash = SHA-256(canonical_json(payload))`` where the payload holds every column
of the row (sequence number, run, dataset, state, events, delta, meta, time) *and* the
previous row's ``entry_hash`` -- so editing, deleting or re-ordering any row breaks
every hash after it. Dataset caps carry their own ``record_hash``. An attacker who can
write the file can rebuild the whole chain, so the chain is anchored outside the
ledger too: each model's signed ``privacy.json`` records its run's ``entry_hash``.
Truncating the newest rows is detected only through such anchors.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from dataprotocol._canonical import canonical_json
from dataprotocol.budget._events import event_from_dict
from dataprotocol.budget._records import LedgerEntry
from dataprotocol.errors import IntegrityError

__all__ = ["GENESIS", "ENTRY_COLUMNS", "entry_hash", "dataset_hash", "parse_row",
           "verify_rows", "verify_dataset_rows"]

#: prev_hash of the first entry
GENESIS = "0" * 64
ENTRY_COLUMNS = ("seq, run_id, dataset_id, state, events, delta, meta, created_at, "
                 "prev_hash, entry_hash")
_DOMAIN = "dataprotocol-ledger-entry/1"


def entry_hash(*, seq: int, run_id: str, dataset_id: str, state: str, events: Any,
               delta: float, meta: Any, created_at: str, prev_hash: str) -> str:
    payload = {"domain": _DOMAIN, "seq": seq, "run_id": run_id, "dataset_id": dataset_id,
               "state": state, "events": events, "delta": delta, "meta": meta,
               "created_at": created_at, "prev_hash": prev_hash}
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def dataset_hash(*, dataset_id: str, epsilon_cap: float, delta_cap: float,
                 created_at: str) -> str:
    payload = {"domain": "dataprotocol-ledger-dataset/1", "dataset_id": dataset_id,
               "epsilon_cap": epsilon_cap, "delta_cap": delta_cap, "created_at": created_at}
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def parse_row(row: tuple[Any, ...]) -> LedgerEntry:
    """A row (in ``ENTRY_COLUMNS`` order) as a LedgerEntry; IntegrityError if unreadable."""
    seq, run_id, dataset_id, state, events, delta, meta, created_at, prev, digest = row
    try:
        parsed_events = tuple(event_from_dict(e) for e in json.loads(events))
        parsed_meta = json.loads(meta)
    except Exception as exc:  # malformed JSON or an invalid event: both mean edited
        raise IntegrityError(f"ledger entry seq={seq} (run {run_id!r}) is unreadable: "
                             f"{exc}") from exc
    return LedgerEntry(seq=int(seq), run_id=str(run_id), dataset_id=str(dataset_id),
                       state=state, events=parsed_events, delta=float(delta),
                       meta=parsed_meta, created_at=str(created_at), prev_hash=str(prev),
                       entry_hash=str(digest))


def verify_rows(rows: Iterable[tuple[Any, ...]]) -> list[LedgerEntry]:
    """Check every link and every hash, in ``seq`` order; return the parsed entries."""
    entries: list[LedgerEntry] = []
    expected_prev = GENESIS
    reserved: dict[str, LedgerEntry] = {}
    for row in rows:
        entry = parse_row(row)
        where = f"ledger entry seq={entry.seq} (run {entry.run_id!r})"
        if entry.seq != len(entries) + 1:
            raise IntegrityError(f"{where}: expected seq={len(entries) + 1}; a row was "
                                 "deleted or inserted")
        if entry.prev_hash != expected_prev:
            raise IntegrityError(f"{where}: prev_hash does not match the previous "
                                 "entry's hash; the chain was edited")
        recomputed = entry_hash(
            seq=entry.seq, run_id=entry.run_id, dataset_id=entry.dataset_id,
            state=entry.state, events=[e.to_dict() for e in entry.events],
            delta=entry.delta, meta=entry.meta, created_at=entry.created_at,
            prev_hash=entry.prev_hash)
        if recomputed != entry.entry_hash:
            raise IntegrityError(f"{where}: entry_hash does not match its contents; "
                                 "the row was edited")
        _check_lifecycle(entry, reserved, where)
        entries.append(entry)
        expected_prev = entry.entry_hash
    return entries


def _check_lifecycle(entry: LedgerEntry, reserved: dict[str, LedgerEntry], where: str) -> None:
    if entry.state == "reserved":
        if entry.run_id in reserved:
            raise IntegrityError(f"{where}: run reserved twice")
        reserved[entry.run_id] = entry
        return
    first = reserved.get(entry.run_id)
    if first is None or first.dataset_id != entry.dataset_id or first.delta != entry.delta:
        raise IntegrityError(f"{where}: commit without a matching reservation")


def verify_dataset_rows(rows: Iterable[tuple[Any, ...]]) -> None:
    for dataset_id, epsilon_cap, delta_cap, created_at, record_hash in rows:
        recomputed = dataset_hash(dataset_id=dataset_id, epsilon_cap=float(epsilon_cap),
                                  delta_cap=float(delta_cap), created_at=created_at)
        if recomputed != record_hash:
            raise IntegrityError(f"ledger dataset {dataset_id!r}: record_hash does not "
                                 "match its caps; the row was edited")
