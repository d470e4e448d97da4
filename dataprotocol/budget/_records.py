"""Small frozen records the ledger hands out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from dataprotocol.budget._events import PrivacyEvent

__all__ = ["EntryState", "LedgerEntry", "Reservation", "RunSummary", "BudgetStatus", "DryRun"]

EntryState = Literal["reserved", "committed"]


@dataclass(frozen=True)
class LedgerEntry:
    """One hash-chained row of the ledger. A run has a "reserved" entry, then maybe a
    "committed" one that supersedes its events; rows are never updated in place."""

    seq: int
    run_id: str
    dataset_id: str
    state: EntryState
    events: tuple[PrivacyEvent, ...]
    delta: float
    meta: dict[str, Any]
    created_at: str
    prev_hash: str
    entry_hash: str

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "run_id": self.run_id, "dataset_id": self.dataset_id,
                "state": self.state, "events": [e.to_dict() for e in self.events],
                "delta": self.delta, "meta": dict(self.meta), "created_at": self.created_at,
                "prev_hash": self.prev_hash, "entry_hash": self.entry_hash}


@dataclass(frozen=True)
class Reservation:
    """A run's planned spend, recorded (and counted) before it touches the data."""

    run_id: str
    dataset_id: str
    entry: LedgerEntry
    epsilon: float  # the run alone, Opacus RDP at its delta
    spent_epsilon: float  # dataset total (filter) including this reservation
    remaining_epsilon: float


@dataclass(frozen=True)
class DryRun:
    """What a reservation would do now (``Ledger.dry_run``); nothing is recorded."""

    allowed: bool
    reasons: tuple[str, ...]
    spent_before: float  # dataset total (filter) now
    spent_after: float  # dataset total (filter) with the planned run
    epsilon_cap: float
    delta_cap: float


@dataclass(frozen=True)
class RunSummary:
    """A run as it counts now: its committed events, else its reservation's."""

    run_id: str
    state: EntryState
    epsilon: float  # the run alone, Opacus RDP at its own delta
    delta: float
    steps: int
    events: tuple[PrivacyEvent, ...]
    created_at: str
    entry_hash: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """What spent: "train" (DP-SGD, the default), "query" or "synthetic" (meta.kind)."""
        return str(self.meta.get("kind", "train"))

    def to_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "kind": self.kind, "state": self.state,
                "epsilon": self.epsilon,
                "delta": self.delta, "steps": self.steps,
                "events": [e.to_dict() for e in self.events], "created_at": self.created_at,
                "entry_hash": self.entry_hash, "meta": dict(self.meta)}


@dataclass(frozen=True)
class BudgetStatus:
    """A dataset's cap and what all its runs spent, composed (see ``_composition``).

    ``spent_epsilon`` is the adaptive Rényi-filter epsilon at ``delta_cap`` -- the number
    the cap is enforced on. ``rdp_epsilon`` / ``prv_epsilon`` compose the same events
    non-adaptively (information); ``naive_sum_epsilon`` adds each run's own epsilon.
    """

    dataset_id: str
    epsilon_cap: float
    delta_cap: float
    spent_epsilon: float
    remaining_epsilon: float
    runs: tuple[RunSummary, ...]
    prv_epsilon: float | None
    naive_sum_epsilon: float
    naive_sum_delta: float = 0.0
    rdp_epsilon: float = 0.0
    composition: str = "renyi-filter"

    def to_dict(self) -> dict[str, Any]:
        return {"dataset_id": self.dataset_id, "epsilon_cap": self.epsilon_cap,
                "delta_cap": self.delta_cap, "spent_epsilon": self.spent_epsilon,
                "remaining_epsilon": self.remaining_epsilon, "composition": self.composition,
                "rdp_epsilon": self.rdp_epsilon, "prv_epsilon": self.prv_epsilon,
                "naive_sum_epsilon": self.naive_sum_epsilon,
                "naive_sum_delta": self.naive_sum_delta,
                "runs": [run.to_dict() for run in self.runs]}
