"""Recompute a claimed epsilon with Google's dp_accounting (independent of Opacus)."""

from __future__ import annotations

from collections.abc import Sequence

from dataprotocol.budget._accountant import AccountantFailed, check_delta, get_accountant
from dataprotocol.budget._events import MechanismEvent

__all__ = ["recompute_independent"]


def recompute_independent(events: Sequence[MechanismEvent], *, delta: float) -> dict[str, float]:
    """Epsilon of ``events`` at ``delta`` by dp_accounting: ``{"rdp": .., "pld": ..}``.

    Each MechanismEvent becomes ``SelfComposed(PoissonSampled(q, Gaussian(sigma)), steps)``
    (a plain Gaussian for a shuffle sampler: no amplification). Compare like with like
    when auditing: a PRV claim against "pld" (both tight numerical accountants), an RDP
    claim against "rdp". A key whose accountant failed maps to ``float("inf")``, which
    can never make a claim look cheaper than it is.
    """
    delta = check_delta(delta)
    out: dict[str, float] = {}
    for key, name in (("rdp", "dpa-rdp"), ("pld", "dpa-pld")):
        try:
            out[key] = get_accountant(name).epsilon(events, delta=delta)
        except AccountantFailed:
            out[key] = float("inf")
    return out
