"""The hash chain that makes the ledger tamper-evident.

``entry_hash = SHA-256(canonical_json(payload))`` where the payload holds a domain
string, every column
of the row (sequence number, run, dataset, state, events, delta, meta, time) *and* the
previous row's ``entry_hash`` -- so editing, deleting or re-ordering any row breaks
every hash after it. Dataset caps carry their own ``record_hash``. An attacker who can
write the file can rebuild the whole chain, so the chain is anchored outside the
ledger too: the publisher's signed genesis (seq 1) and vouched heads, and each model's
signed ``privacy.json``, which records its run's ``entry_hash`` and seq. Truncating the
newest rows is detected only through such anchors (``_identity.check_anchors``).

Format 2 (domains ``dataprotocol-ledger-entry/2`` and ``-dataset/2``) hashes RFC 8785
(JCS) bytes; format 1 hashed the legacy canonical JSON (``_canonical``). New rows are
always format 2. A row's format is not a column: the domain string inside the hashed
payload is the marker, so a verifier tries format 2 and then format 1 -- both are
SHA-256 commitments to the same values, and no payload hashes the same under two
domains. A format-1 row after a format-2 row is refused (the chain never downgrades),
so existing ledgers keep verifying and keep growing in format 2.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from dataprotocol._canonical import _legacy_canonical_json, canonical_json_parsed
from dataprotocol.budget._events import event_from_dict
from dataprotocol.budget._identity import genesis_fields, head_fields
from dataprotocol.budget._records import LedgerEntry
from dataprotocol.errors import InputError, IntegrityError

__all__ = ["GENESIS", "ENTRY_COLUMNS", "entry_hash", "dataset_hash", "parse_row",
           "verify_rows", "verify_dataset_rows"]

#: prev_hash of the first entry
GENESIS = "0" * 64
ENTRY_COLUMNS = ("seq, run_id, dataset_id, state, events, delta, meta, created_at, "
                 "prev_hash, entry_hash")
#: the chain format new rows are hashed in (2: RFC 8785; 1: legacy canonical JSON)
FORMAT = 2


def _digest(payload: dict[str, Any], chain_format: int) -> str:
    if chain_format == 2:  # values are checked on the way in; a row's are parsed JSON
        return hashlib.sha256(canonical_json_parsed(payload)).hexdigest()
    if chain_format == 1:
        return hashlib.sha256(_legacy_canonical_json(payload)).hexdigest()
    raise ValueError(f"unknown ledger chain format {chain_format!r} (expected 1 or 2)")


def entry_hash(*, seq: int, run_id: str, dataset_id: str, state: str, events: Any,
               delta: float, meta: Any, created_at: str, prev_hash: str,
               chain_format: int = FORMAT) -> str:
    payload = {"domain": f"dataprotocol-ledger-entry/{chain_format}", "seq": seq,
               "run_id": run_id, "dataset_id": dataset_id, "state": state, "events": events,
               "delta": delta, "meta": meta, "created_at": created_at, "prev_hash": prev_hash}
    return _digest(payload, chain_format)


def dataset_hash(*, dataset_id: str, epsilon_cap: float, delta_cap: float,
                 created_at: str, chain_format: int = FORMAT) -> str:
    payload = {"domain": f"dataprotocol-ledger-dataset/{chain_format}",
               "dataset_id": dataset_id, "epsilon_cap": epsilon_cap, "delta_cap": delta_cap,
               "created_at": created_at}
    return _digest(payload, chain_format)


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
    """Check every link and every hash, in ``seq`` order; return the parsed entries.

    Also the structure: seq 1 is the one genesis entry, every run belongs to the
    genesis' dataset, a run commits only after reserving, and a head repeats the hash
    of the earlier entry it vouches for.
    """
    entries: list[LedgerEntry] = []
    expected_prev = GENESIS
    reserved: dict[str, LedgerEntry] = {}
    newest_format = 1
    for row in rows:
        entry = parse_row(row)
        where = f"ledger entry seq={entry.seq} (run {entry.run_id!r})"
        if entry.seq != len(entries) + 1:
            raise IntegrityError(f"{where}: expected seq={len(entries) + 1}; a row was "
                                 "deleted or inserted")
        if entry.prev_hash != expected_prev:
            raise IntegrityError(f"{where}: prev_hash does not match the previous "
                                 "entry's hash; the chain was edited")
        row_format = _row_format(entry, where)
        if row_format < newest_format:
            raise IntegrityError(f"{where}: entry_hash is in ledger chain format "
                                 f"{row_format} after a format-{newest_format} entry "
                                 f"(expected format {newest_format}); the row was rewritten")
        newest_format = row_format
        _check_kind(entry, entries, reserved, where)
        entries.append(entry)
        expected_prev = entry.entry_hash
    return entries


def _row_format(entry: LedgerEntry, where: str) -> int:
    """The chain format whose hash of ``entry``'s contents is its ``entry_hash``."""
    events = [e.to_dict() for e in entry.events]
    for chain_format in (FORMAT, 1):
        try:
            if entry_hash(seq=entry.seq, run_id=entry.run_id, dataset_id=entry.dataset_id,
                          state=entry.state, events=events, delta=entry.delta, meta=entry.meta,
                          created_at=entry.created_at, prev_hash=entry.prev_hash,
                          chain_format=chain_format) == entry.entry_hash:
                return chain_format
        except ValueError:  # no canonical form in this format (e.g. a huge integer)
            continue
    raise IntegrityError(f"{where}: entry_hash does not match its contents; "
                         "the row was edited")


def _check_kind(entry: LedgerEntry, before: list[LedgerEntry],
                reserved: dict[str, LedgerEntry], where: str) -> None:
    if (entry.seq == 1) != (entry.state == "genesis"):
        raise IntegrityError(f"{where}: the genesis entry must be seq 1, and only it")
    if entry.state == "genesis":
        fields = _document_fields(entry, where, genesis=True)
        if (fields["ledger_id"], fields["dataset_id"]) != (entry.run_id, entry.dataset_id):
            raise IntegrityError(f"{where}: the genesis row disagrees with its document")
        return
    if entry.dataset_id != before[0].dataset_id:
        raise IntegrityError(f"{where}: dataset {entry.dataset_id!r} is not the ledger's "
                             f"({before[0].dataset_id!r})")
    if entry.state == "head":
        ledger_id, head = _document_fields(entry, where, genesis=False)
        if ledger_id != before[0].run_id or head.seq > len(before) \
                or before[head.seq - 1].entry_hash != head.entry_hash:
            raise IntegrityError(f"{where}: the head does not match this ledger's chain")
        return
    _check_lifecycle(entry, reserved, where)


def _document_fields(entry: LedgerEntry, where: str, *, genesis: bool) -> Any:
    document = entry.meta.get("document") if isinstance(entry.meta, dict) else None
    try:
        return genesis_fields(document) if genesis else head_fields(document)
    except InputError as exc:
        raise IntegrityError(f"{where}: {exc.detail}") from exc


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
        recomputed = {dataset_hash(dataset_id=dataset_id, epsilon_cap=float(epsilon_cap),
                                   delta_cap=float(delta_cap), created_at=created_at,
                                   chain_format=chain_format) for chain_format in (FORMAT, 1)}
        if record_hash not in recomputed:
            raise IntegrityError(f"ledger dataset {dataset_id!r}: record_hash does not "
                                 "match its caps; the row was edited")
