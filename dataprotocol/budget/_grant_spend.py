"""A grant's spending conditions (``max_epsilon``, ``max_delta``, ``max_runs``), checked
against the dataset's ledger before a reservation -- for training runs and queries alike.

Lives in ``budget`` (not in ``train``) so every spender -- the training gate and the DP
query layer -- enforces the same rules through one function.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dataprotocol.budget._accounting import account
from dataprotocol.budget._composition import run_epsilon
from dataprotocol.budget._events import PrivacyEvent
from dataprotocol.errors import PolicyDenied

__all__ = ["enforce_grant_conditions"]


def _own_epsilon(events: Sequence[PrivacyEvent], delta: float) -> float:
    """A run's own epsilon as a grant counts it: PRV (RDP fallback); exact for pure DP."""
    if delta == 0:
        return run_epsilon(events, delta=0.0)
    return account(events, delta=delta).epsilon


def enforce_grant_conditions(conditions: Mapping[str, Any], *, book: Any,
                             grant_id: str | None, dataset_id: str, run_id: str,
                             events: list[Any], delta: float) -> None:
    """The grant's conditions bound what this grantee may spend, across all its runs.

    Runs are DP-SGD runs and DP query releases alike (``dataprotocol.query``): a grant's
    ``max_epsilon`` and ``max_runs`` cover both.
    ``max_epsilon`` caps the planned run plus every earlier run under the same grant
    (naive sum of each run's own epsilon -- an upper bound on their composition);
    ``max_delta`` caps each run's delta; ``max_runs`` counts runs under the grant,
    crashed and refused-at-commit ones included. Checked before the reservation, so a
    refusal spends nothing.
    """
    if not conditions:
        return
    earlier = [r for r in book.status(dataset_id, with_prv=False).runs
               if r.meta.get("grant_id") == grant_id and r.run_id != run_id]
    reasons: list[str] = []
    if "max_delta" in conditions and delta > float(conditions["max_delta"]):
        reasons.append(f"grant-max-delta: delta {delta:g} exceeds the grant's max_delta "
                       f"{float(conditions['max_delta']):g}")
    if "max_runs" in conditions and len(earlier) + 1 > int(conditions["max_runs"]):
        reasons.append(f"grant-max-runs: the grant covers {int(conditions['max_runs'])} "
                       f"run(s) and {len(earlier)} already ran")
    if "max_epsilon" in conditions:
        planned = _own_epsilon(events, delta)
        before = sum(_own_epsilon(list(r.events), r.delta) for r in earlier)
        cap = float(conditions["max_epsilon"])
        if before + planned > cap * (1 + 1e-9):
            reasons.append(f"grant-max-epsilon: this run needs epsilon {planned:.3f}, earlier "
                           f"runs under the grant spent {before:.3f}; the grant allows {cap:g}")
    if reasons:
        raise PolicyDenied(f"the grant's conditions refuse run {run_id} (nothing spent)", reasons)
