"""The per-dataset privacy-budget ledger: reserve -> commit, hash-chained, in a store.

A run *reserves* its planned mechanism events before it touches the data and *commits*
the events it actually ran afterwards. A run counts with its committed events, else
with its reservation -- so a crashed or killed run stays spent, conservatively, and
every run (aborted ones, hyper-parameter trials) counts. The cap is enforced on the
adaptive Rényi filter of all runs (``_composition``); rows are only ever appended.
The rows live in a :class:`~dataprotocol.budget._store.LedgerStore`: a SQLite file or a
PostgreSQL database (``postgresql://...``), with the same contract.

A ledger belongs to one dataset and is created once, by the dataset's publisher, with
a signed genesis entry (``_identity``); opening a location never creates a ledger.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from dataprotocol._canonical import canonical_json, plain_json
from dataprotocol.budget._accountant import check_delta
from dataprotocol.budget._cap_check import EPS_SLACK, cap_reasons, current_runs, run_summary, spend, spent_by
from dataprotocol.budget._chain import (
    ENTRY_COLUMNS,
    GENESIS,
    dataset_hash,
    entry_hash,
    verify_dataset_rows,
    verify_rows,
)
from dataprotocol.budget._composition import compose_runs, run_epsilon
from dataprotocol.budget._events import MechanismEvent, PrivacyEvent, PureDPEvent, ZCDPEvent
from dataprotocol.budget._identity import (
    ChainHead,
    LedgerIdentity,
    as_anchor,
    check_anchors,
    genesis_fields,
    head_fields,
)
from dataprotocol.budget._records import (
    BudgetStatus,
    DryRun,
    EntryState,
    LedgerEntry,
    Reservation,
)
from dataprotocol.budget._store import DEFAULT_LEDGER, LedgerTransaction, open_store
from dataprotocol.errors import BudgetError, BudgetExceeded, InputError, IntegrityError

__all__ = ["Ledger", "BudgetRefused"]

class BudgetRefused(BudgetExceeded):
    """A reservation or commit that the cap does not allow; ``reasons`` lists why."""

    def __init__(self, message: str, reasons: Sequence[str]) -> None:
        self.reasons = tuple(reasons)
        super().__init__(message + ": " + "; ".join(self.reasons))


class Ledger:
    """A dataset's privacy-budget ledger: a SQLite file (a path or ``sqlite:///`` URL) or
    a PostgreSQL database (``postgresql://[user@]host[:port]/dbname``).

    ``Ledger(location)`` opens an existing ledger and never creates one (a missing file
    or folder is an :class:`InputError`); the publisher creates it with :meth:`create`.
    Every call opens its own connection, so a Ledger may be shared across processes.
    ``location`` names it for messages and cards (never with a password); ``path`` is
    the SQLite file (``None`` for PostgreSQL).
    """

    def __init__(self, path: str | Path = DEFAULT_LEDGER, *,
                 _initialise: Any = None) -> None:
        self.store = open_store(path, initialise=_initialise)
        self.location: str = self.store.location
        self.path: Path | None = getattr(self.store, "path", None)

    @classmethod
    def create(cls, path: str | Path, *, genesis: Mapping[str, Any]) -> Ledger:
        """Create a new ledger whose seq-1 entry holds ``genesis`` (the publisher's signed
        ``dataprotocol-ledger-genesis/1`` envelope; its signature is checked by
        ``records``, not here). Refuses an existing ledger and a missing folder."""
        fields = genesis_fields(genesis)
        document = json.loads(plain_json(dict(genesis)))  # plain JSON, no NaN

        def initialise(conn: LedgerTransaction) -> None:
            created = _now()
            conn.execute("INSERT INTO ledger_info VALUES ('ledger_id', ?)",
                         (fields["ledger_id"],))
            conn.execute("INSERT INTO datasets VALUES (?, ?, ?, ?, ?)", (
                fields["dataset_id"], fields["epsilon_cap"], fields["delta_cap"], created,
                dataset_hash(dataset_id=fields["dataset_id"], epsilon_cap=fields["epsilon_cap"],
                             delta_cap=fields["delta_cap"], created_at=created)))
            _append(conn, [], run_id=fields["ledger_id"], dataset_id=fields["dataset_id"],
                    state="genesis", events=(), delta=fields["delta_cap"],
                    meta={"document": document})

        return cls(path, _initialise=initialise)

    def __repr__(self) -> str:
        return f"Ledger({self.location!r})"

    # -- identity -------------------------------------------------------------------
    def identity(self) -> LedgerIdentity:
        """The genesis: ledger id, dataset, cap, publisher key id, genesis hash."""
        genesis = self.entries()[0]
        fields = genesis_fields(genesis.meta["document"])
        return LedgerIdentity(genesis_hash=genesis.entry_hash,
                              genesis=genesis.meta["document"], **fields)

    def head(self) -> ChainHead:
        """The newest entry's position (what a publisher vouches for)."""
        last = self.entries()[-1]
        return ChainHead(seq=last.seq, entry_hash=last.entry_hash)

    def heads(self) -> list[dict[str, Any]]:
        """Every vouched head recorded in the chain (signed documents), oldest first."""
        return [e.meta["document"] for e in self.entries() if e.state == "head"]

    def record_head(self, document: Mapping[str, Any]) -> LedgerEntry:
        """Append a vouched head (a signed ``dataprotocol-ledger-head/1`` envelope) that
        names an entry of this chain; IntegrityError if it names another chain."""
        ledger_id, head = head_fields(document)
        clean = json.loads(plain_json(dict(document)))
        with self.store.write() as conn:
            entries = self._verified(conn)
            if ledger_id != entries[0].run_id:
                raise IntegrityError(f"head is for ledger {ledger_id}, this is {entries[0].run_id}")
            check_anchors(entries, [head])
            return _append(conn, entries, run_id=f"head-{head.seq}",
                           dataset_id=entries[0].dataset_id, state="head", events=(),
                           delta=0.0, meta={"document": clean})

    def datasets(self) -> list[str]:
        """The ledger's dataset (a list, for callers that show several ledgers)."""
        with self.store.read() as conn:
            return [r[0] for r in conn.fetchall("SELECT dataset_id FROM datasets ORDER BY 1")]

    # -- reserve / commit -----------------------------------------------------------
    def reserve(self, dataset_id: str, *, run_id: str, events: Sequence[PrivacyEvent],
                delta: float, meta: Mapping[str, Any] | None = None) -> Reservation:
        """Record ``run_id``'s planned spend, or raise BudgetRefused and record nothing."""
        run_id = _check_id(run_id, "run_id")
        planned = _check_events(events)
        delta = _check_run_delta(delta, planned)
        meta_obj = _check_meta(meta)
        with self.store.write() as conn:
            entries = self._verified(conn)
            epsilon_cap, delta_cap = self._caps(conn, dataset_id)
            if any(e.is_run and e.run_id == run_id for e in entries):
                raise BudgetError(f"run {run_id!r} is already in the ledger; a run id "
                                  "reserves once (a resumed run keeps its reservation)")
            others = [events for events, _ in current_runs(entries, dataset_id).values()]
            spent = spend([*others, planned], epsilon_cap, delta_cap)
            reasons = cap_reasons(spent, delta, epsilon_cap, delta_cap,
                                   before=spend(others, epsilon_cap, delta_cap),
                                   spent_by=spent_by(entries, dataset_id))
            if reasons:
                raise BudgetRefused(f"run {run_id!r} on dataset {dataset_id!r} refused, "
                                    "nothing was spent", reasons)
            entry = _append(conn, entries, run_id=run_id, dataset_id=dataset_id,
                            state="reserved", events=planned, delta=delta, meta=meta_obj)
        alone = run_epsilon(planned, delta=delta)
        return Reservation(run_id=run_id, dataset_id=dataset_id, entry=entry, epsilon=alone,
                           spent_epsilon=spent, remaining_epsilon=epsilon_cap - spent)

    def dry_run(self, dataset_id: str, *, events: Sequence[PrivacyEvent],
                delta: float) -> DryRun:
        """What :meth:`reserve` would decide now, without recording anything.

        Advisory only: another process may reserve in between; reserve decides.
        """
        planned = _check_events(events)
        delta = _check_run_delta(delta, planned)
        with self.store.read() as conn:
            entries = self._verified(conn)
            epsilon_cap, delta_cap = self._caps(conn, dataset_id)
        others = [ev for ev, _ in current_runs(entries, dataset_id).values()]
        before = spend(others, epsilon_cap, delta_cap)
        spent = spend([*others, planned], epsilon_cap, delta_cap)
        reasons = cap_reasons(spent, delta, epsilon_cap, delta_cap, before=before,
                               spent_by=spent_by(entries, dataset_id))
        return DryRun(allowed=not reasons, reasons=tuple(reasons), spent_before=before,
                      spent_after=spent, epsilon_cap=epsilon_cap, delta_cap=delta_cap)

    def commit(self, run_id: str, *, events: Sequence[PrivacyEvent],
               meta: Mapping[str, Any] | None = None) -> LedgerEntry:
        """Append the events ``run_id`` actually ran; they replace its reservation.

        The actual spend is always recorded -- the ledger must never under-count. If it
        takes the dataset over its cap (the run ran more than it reserved), the entry
        is written and *then* BudgetRefused is raised: do not release that model.
        """
        run_id = _check_id(run_id, "run_id")
        actual = _check_events(events)
        meta_obj = _check_meta(meta)
        with self.store.write() as conn:
            entries = self._verified(conn)
            mine = [e for e in entries if e.is_run and e.run_id == run_id]
            if not mine:
                raise BudgetError(f"run {run_id!r} has no reservation in {self.location}")
            if any(e.state == "committed" for e in mine):
                raise BudgetError(f"run {run_id!r} is already committed; a run cannot "
                                  "spend twice")
            reservation = mine[0]
            epsilon_cap, delta_cap = self._caps(conn, reservation.dataset_id)
            current = current_runs(entries, reservation.dataset_id)
            reserved_events = current.pop(run_id)[0]
            others = [ev for ev, _ in current.values()]
            spent = spend([*others, actual], epsilon_cap, delta_cap)
            as_reserved = spend([*others, reserved_events], epsilon_cap, delta_cap)
            # Only a run that ran more than it reserved can push the total over the cap
            # here; a run within its reservation is never blamed for someone else's.
            reasons = [] if spent <= as_reserved + EPS_SLACK else cap_reasons(
                spent, reservation.delta, epsilon_cap, delta_cap,
                before=spend(others, epsilon_cap, delta_cap))
            if reasons:
                meta_obj = {**meta_obj, "over_cap": True}
            entry = _append(conn, entries, run_id=run_id, dataset_id=reservation.dataset_id,
                            state="committed", events=actual, delta=reservation.delta,
                            meta=meta_obj)
        if reasons:
            raise BudgetRefused(f"run {run_id!r} ran more than the dataset "
                                f"{reservation.dataset_id!r} allows; its actual spend IS "
                                "recorded", reasons)
        return entry

    # -- reading --------------------------------------------------------------------
    def status(self, dataset_id: str, *, with_prv: bool = True) -> BudgetStatus:
        """Cap, composed spend (filter; plus RDP, PRV and naive sum) and runs."""
        with self.store.read() as conn:
            entries = self._verified(conn)
            epsilon_cap, delta_cap = self._caps(conn, dataset_id)
        current = current_runs(entries, dataset_id)
        composed = compose_runs(list(current.values()), delta=delta_cap, with_prv=with_prv,
                                epsilon_cap=epsilon_cap)
        latest = {entry.run_id: entry for entry in entries if entry.is_run}
        runs = tuple(run_summary(latest[run_id], eps) for run_id, eps in
                     zip(current, composed.run_epsilons))
        return BudgetStatus(
            dataset_id=dataset_id, epsilon_cap=epsilon_cap, delta_cap=delta_cap,
            spent_epsilon=composed.filter_epsilon,
            remaining_epsilon=epsilon_cap - composed.filter_epsilon, runs=runs,
            prv_epsilon=composed.prv_epsilon, naive_sum_epsilon=composed.naive_sum_epsilon,
            naive_sum_delta=composed.naive_sum_delta, rdp_epsilon=composed.rdp_epsilon)

    def entries(self, dataset_id: str | None = None) -> list[LedgerEntry]:
        """Every entry (optionally of one dataset) in chain order, after verifying it."""
        with self.store.read() as conn:
            entries = self._verified(conn)
        return [e for e in entries if dataset_id is None or e.dataset_id == dataset_id]

    def entry(self, run_id: str) -> LedgerEntry:
        """The entry ``run_id`` counts with now (committed, else reserved)."""
        mine = [e for e in self.entries() if e.is_run and e.run_id == run_id]
        if not mine:
            raise BudgetError(f"run {run_id!r} is not recorded in the ledger {self.location}")
        return mine[-1]

    def verify_chain(self, *, anchors: Iterable[ChainHead | Mapping[str, Any] | tuple[int, str]]
                     = ()) -> int:
        """Verify every hash and link; return the number of entries. Raises IntegrityError.

        ``anchors``: positions vouched for outside the ledger -- the publisher's signed
        heads, the entry a model card names. A chain shorter than an anchor was
        truncated; another hash at its seq means a rewritten history or a fork.
        """
        wanted = [as_anchor(a) for a in anchors]
        entries = self.entries()
        check_anchors(entries, wanted)
        return len(entries)

    # -- internals ------------------------------------------------------------------
    def _verified(self, conn: LedgerTransaction) -> list[LedgerEntry]:
        """The verified chain; the dataset row must be the genesis' cap, and only it."""
        datasets = conn.fetchall("SELECT dataset_id, epsilon_cap, delta_cap, created_at, "
                                 "record_hash FROM datasets")
        verify_dataset_rows(datasets)
        entries = verify_rows(conn.fetchall(f"SELECT {ENTRY_COLUMNS} FROM entries ORDER BY seq"))
        if not entries:
            raise IntegrityError(f"ledger {self.location} has no genesis entry (emptied?)")
        fields = genesis_fields(entries[0].meta["document"])
        caps = [(str(d[0]), float(d[1]), float(d[2])) for d in datasets]
        if caps != [(fields["dataset_id"], fields["epsilon_cap"], fields["delta_cap"])]:
            raise IntegrityError(f"ledger {self.location}: the dataset table disagrees with the "
                                 "publisher's genesis (cap edited?)")
        return entries

    def _caps(self, conn: LedgerTransaction, dataset_id: str) -> tuple[float, float]:
        row = conn.fetchone("SELECT epsilon_cap, delta_cap FROM datasets WHERE dataset_id = ?",
                            (dataset_id,))
        if row is None:
            raise InputError(f"dataset {dataset_id!r} is not this ledger's dataset",
                             file=self.location, field="dataset_id",
                             expected="the dataset named in the ledger's genesis")
        return float(row[0]), float(row[1])


def _append(conn: LedgerTransaction, entries: Sequence[LedgerEntry], *, run_id: str,
            dataset_id: str, state: EntryState, events: tuple[PrivacyEvent, ...], delta: float,
            meta: dict[str, Any]) -> LedgerEntry:
    seq = len(entries) + 1
    prev = entries[-1].entry_hash if entries else GENESIS
    created = _now()
    event_dicts = [e.to_dict() for e in events]
    digest = entry_hash(seq=seq, run_id=run_id, dataset_id=dataset_id, state=state,
                        events=event_dicts, delta=delta, meta=meta, created_at=created,
                        prev_hash=prev)
    conn.execute(f"INSERT INTO entries ({ENTRY_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)", (
        seq, run_id, dataset_id, state, plain_json(event_dicts).decode(), delta,
        plain_json(meta).decode(), created, prev, digest))  # hashed as RFC 8785 above
    return LedgerEntry(seq=seq, run_id=run_id, dataset_id=dataset_id, state=state,
                       events=events, delta=delta, meta=meta, created_at=created,
                       prev_hash=prev, entry_hash=digest)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _check_id(value: str, name: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 256:
        raise InputError(f"{name} must be a non-empty string (<= 256 chars)", field=name)
    return value


def _check_events(events: Sequence[PrivacyEvent]) -> tuple[PrivacyEvent, ...]:
    out = tuple(events)
    for event in out:
        if not isinstance(event, (MechanismEvent, ZCDPEvent, PureDPEvent)):
            raise InputError(f"expected a privacy event, got {type(event).__name__}",
                             field="events")
        if isinstance(event, MechanismEvent) and not (
                math.isfinite(event.noise_multiplier) and math.isfinite(event.sample_rate)):
            raise InputError("mechanism event numbers must be finite", field="events")
    return out


def _check_run_delta(delta: float, events: Sequence[PrivacyEvent]) -> float:
    """A run's delta is in (0, 1); 0 only for a release made of pure-DP events alone."""
    if delta == 0 and events and all(isinstance(e, PureDPEvent) for e in events):
        return 0.0
    return check_delta(delta)


def _check_meta(meta: Mapping[str, Any] | None) -> dict[str, Any]:
    value = dict(meta or {})
    try:
        json.loads(canonical_json(value))
    except (TypeError, ValueError) as exc:
        raise InputError(f"meta must be JSON (no NaN): {exc}", field="meta") from exc
    return value
