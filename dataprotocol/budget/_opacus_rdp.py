"""Opacus' RDP accountant (Mironov 2017; Mironov, Talwar & Zhang 2019).

Events are replayed into one ``RDPAccountant`` history, exactly as Opacus would have
recorded them step by step, so the epsilon equals what Opacus reports for the run.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Sequence

from dataprotocol.budget._accountant import active_events, finite_or_fail, register_accountant
from dataprotocol.budget._events import MechanismEvent
from dataprotocol.budget._opacus_lite import opacus_module

__all__ = ["OpacusRdpAccountant", "opacus_history", "rdp_curve"]


def opacus_history(events: Sequence[MechanismEvent]) -> list[tuple[float, float, int]]:
    """Opacus' ``(noise_multiplier, sample_rate, steps)`` history for ``events``.

    Events with equal (sigma, rate) are merged -- composition is commutative, and
    Opacus merges consecutive equal steps the same way. A shuffle sampler gets sample
    rate 1: no amplification is claimed without Poisson sampling (Abadi et al. 2016).
    """
    merged: dict[tuple[float, float], int] = {}
    for event in active_events(events):
        key = (event.noise_multiplier, event.effective_sample_rate)
        merged[key] = merged.get(key, 0) + event.steps
    return [(sigma, rate, steps) for (sigma, rate), steps in merged.items()]


def rdp_curve(events: Sequence[MechanismEvent], *, orders: Sequence[float]) -> list[float]:
    """The RDP guarantee of ``events`` composed, at each order (Opacus' analysis).

    RDP composes additively, so ``steps`` repetitions cost ``steps`` times one step,
    which is cached per (sigma, rate, orders): the ledger recomposes every run often.
    """
    import numpy as np

    total = np.zeros(len(orders))
    for sigma, rate, steps in opacus_history(events):
        total = total + np.asarray(_one_step_curve(sigma, rate, tuple(orders))) * steps
    return [float(x) for x in total]


@functools.lru_cache(maxsize=4096)
def _one_step_curve(sigma: float, rate: float, orders: tuple[float, ...]) -> tuple[float, ...]:
    analysis = opacus_module("analysis.rdp")
    curve = analysis.compute_rdp(q=rate, noise_multiplier=sigma, steps=1, orders=list(orders))
    return tuple(float(x) for x in curve)


@register_accountant("rdp")
class OpacusRdpAccountant:
    """Rényi DP, converted to (epsilon, delta) with Balle et al. 2020 (Opacus' default orders)."""

    name = "rdp"
    implementation = "opacus"

    def epsilon(self, events: Sequence[MechanismEvent], *, delta: float) -> float:
        rdp_accountant = opacus_module("rdp").RDPAccountant
        analysis = opacus_module("analysis.rdp")
        if not opacus_history(events):
            return 0.0
        # Same arithmetic as RDPAccountant.get_privacy_spent (sum of per-entry curves,
        # each steps x one step), with the one-step curves cached.
        orders = rdp_accountant.DEFAULT_ALPHAS
        curve = rdp_curve(events, orders=orders)
        with warnings.catch_warnings():
            # "optimal order is the smallest alpha": only at huge epsilon, where the
            # bound is loose but still valid.
            warnings.filterwarnings("ignore", message="Optimal order is the")
            value, _ = analysis.get_privacy_spent(orders=orders, rdp=curve, delta=delta)
        return finite_or_fail(value, who="Opacus RDP")
