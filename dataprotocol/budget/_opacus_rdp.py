"""Opacus' RDP accountant (Mironov 2017; Mironov, Talwar & Zhang 2019).

Events are replayed into one ``RDPAccountant`` history, exactly as Opacus would have
recorded them step by step, so the epsilon equals what Opacus reports for the run.
"""

from __future__ import annotations

from collections.abc import Sequence

from dataprotocol.budget._accountant import active_events, finite_or_fail, register_accountant
from dataprotocol.budget._events import MechanismEvent

__all__ = ["OpacusRdpAccountant", "opacus_history", "rdp_curve"]


def opacus_history(events: Sequence[MechanismEvent]) -> list[tuple[float, float, int]]:
    """Opacus' ``(noise_multiplier, sample_rate, steps)`` history for ``events``.

    A shuffle sampler gets sample rate 1: no amplification is claimed without Poisson
    sampling (the analyses assume it; Abadi et al. 2016).
    """
    return [(e.noise_multiplier, e.effective_sample_rate, e.steps) for e in active_events(events)]


def rdp_curve(events: Sequence[MechanismEvent], *, orders: Sequence[float]) -> list[float]:
    """The RDP guarantee of ``events`` composed, at each order (Opacus' analysis)."""
    from opacus.accountants.analysis import rdp as analysis

    total = [0.0] * len(orders)
    for sigma, rate, steps in opacus_history(events):
        curve = analysis.compute_rdp(q=rate, noise_multiplier=sigma, steps=steps,
                                     orders=list(orders))
        total = [a + float(b) for a, b in zip(total, curve)]
    return total


@register_accountant("rdp")
class OpacusRdpAccountant:
    """Rényi DP, converted to (epsilon, delta) with Balle et al. 2020 (Opacus' default orders)."""

    name = "rdp"
    implementation = "opacus"

    def epsilon(self, events: Sequence[MechanismEvent], *, delta: float) -> float:
        from opacus.accountants import RDPAccountant

        history = opacus_history(events)
        if not history:
            return 0.0
        accountant = RDPAccountant()
        accountant.history = history
        return finite_or_fail(accountant.get_epsilon(delta=delta), who="Opacus RDP")
