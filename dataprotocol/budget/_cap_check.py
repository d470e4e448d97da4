"""The ledger's cap check over its entries: which events each run counts with now,
what they compose to under the Rényi filter, and the reasons a refusal gives (naming
the training runs, query releases and synthetic releases it composes with)."""

from __future__ import annotations

from collections.abc import Sequence

from dataprotocol.budget._composition import filter_epsilon
from dataprotocol.budget._events import PrivacyEvent
from dataprotocol.budget._records import LedgerEntry, RunSummary

__all__ = ["EPS_SLACK", "spend", "current_runs", "run_summary", "spent_by", "cap_reasons"]

#: slack for float round-off when comparing a spend with the cap
EPS_SLACK = 1e-9


def spend(runs: Sequence[Sequence[PrivacyEvent]], epsilon_cap: float, delta_cap: float) -> float:
    """The cap check's number: the Rényi filter, its delta shares fixed by the cap."""
    return filter_epsilon(runs, delta=delta_cap, epsilon_cap=epsilon_cap)


def current_runs(entries: Sequence[LedgerEntry],
                  dataset_id: str) -> dict[str, tuple[tuple[PrivacyEvent, ...], float]]:
    """run_id -> (events, delta) as each run counts now; later entries supersede."""
    runs: dict[str, tuple[tuple[PrivacyEvent, ...], float]] = {}
    for entry in entries:
        if entry.is_run and entry.dataset_id == dataset_id:
            runs[entry.run_id] = (entry.events, entry.delta)
    return runs


def run_summary(last: LedgerEntry, epsilon: float) -> RunSummary:
    return RunSummary(run_id=last.run_id, state=last.state, epsilon=epsilon, delta=last.delta,
                      steps=sum(e.steps for e in last.events), events=last.events,
                      created_at=last.created_at, entry_hash=last.entry_hash, meta=last.meta)


def spent_by(entries: Sequence[LedgerEntry], dataset_id: str) -> str:
    """Who spent the dataset's budget so far: training runs, query releases (with their
    queries), synthetic releases -- so a refusal names what it composes with."""
    latest = {e.run_id: e for e in entries if e.is_run and e.dataset_id == dataset_id}
    groups: dict[str, list[str]] = {}
    for run_id, entry in latest.items():
        kind = str(entry.meta.get("kind", "train"))
        queries = entry.meta.get("queries")
        label = f"{run_id} [{'; '.join(map(str, queries))}]" if queries else run_id
        groups.setdefault(kind, []).append(label)
    names = {"train": "training run(s)", "query": "query release(s)",
             "synthetic": "synthetic release(s)"}
    return ", ".join(f"{len(v)} {names.get(k, k)}: {', '.join(v)}" for k, v in groups.items())


def cap_reasons(spent: float, delta: float, epsilon_cap: float, delta_cap: float, *,
                 before: float, spent_by: str = "") -> list[str]:
    reasons = []
    if spent > epsilon_cap + EPS_SLACK:
        by = f"; spent by {spent_by}" if spent_by else ""
        reasons.append(f"composed epsilon would be {spent:.4g} > cap {epsilon_cap:g} "
                       f"(at delta={delta_cap:g}, adaptive Rényi filter over all runs; "
                       f"{before:.4g} already spent, {epsilon_cap - before:.4g} left{by})")
    if delta > delta_cap:
        reasons.append(f"run delta {delta:g} > dataset delta cap {delta_cap:g}")
    return reasons
