"""Opacus' RDP accountant (Mironov 2017; Mironov, Talwar & Zhang 2019).

Events are replayed into one ``RDPAccountant`` history, exactly as Opacus would have
recorded them step by step, so the epsilon equals what Opacus reports for the run.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Sequence

from dataprotocol.budget._accountant import active_events, finite_or_fail, register_accountant
from dataprotocol.budget._events import MechanismEvent, PrivacyEvent, PureDPEvent, ZCDPEvent
from dataprotocol.budget._opacus_lite import opacus_module

__all__ = ["OpacusRdpAccountant", "opacus_history", "rdp_curve", "pure_dp_rdp"]


def opacus_history(events: Sequence[PrivacyEvent]) -> list[tuple[float, float, int]]:
    """Opacus' ``(noise_multiplier, sample_rate, steps)`` history for ``events``.

    Events with equal (sigma, rate) are merged -- composition is commutative, and
    Opacus merges consecutive equal steps the same way. A shuffle sampler gets sample
    rate 1: no amplification is claimed without Poisson sampling (Abadi et al. 2016).
    """
    merged: dict[tuple[float, float], int] = {}
    for event in active_events(events):
        if not isinstance(event, MechanismEvent):
            continue  # query events: see rdp_curve
        key = (event.noise_multiplier, event.effective_sample_rate)
        merged[key] = merged.get(key, 0) + event.steps
    return [(sigma, rate, steps) for (sigma, rate), steps in merged.items()]


def rdp_curve(events: Sequence[PrivacyEvent], *, orders: Sequence[float]) -> list[float]:
    """The RDP guarantee of ``events`` composed, at each order (Opacus' analysis).

    RDP composes additively, so ``steps`` repetitions cost ``steps`` times one step,
    which is cached per (sigma, rate, orders): the ledger recomposes every run often.
    Query events add ``count * rho * alpha`` (zCDP) or ``count *`` randomised response's
    curve (pure DP, :func:`pure_dp_rdp`).
    """
    import numpy as np

    total = np.zeros(len(orders))
    for sigma, rate, steps in opacus_history(events):
        total = total + np.asarray(_one_step_curve(sigma, rate, tuple(orders))) * steps
    for event in active_events(events):
        if isinstance(event, ZCDPEvent):
            total = total + np.asarray(orders, dtype=float) * event.rho * event.count
        elif isinstance(event, PureDPEvent):
            total = total + np.asarray(pure_dp_rdp(event.epsilon, tuple(orders))) * event.count
    return [float(x) for x in total]


@functools.lru_cache(maxsize=1024)
def pure_dp_rdp(epsilon: float, orders: tuple[float, ...]) -> tuple[float, ...]:
    """RDP of randomised response with parameter ``epsilon`` at each order: the largest
    RDP any epsilon-DP mechanism can have (Kairouz, Oh & Viswanath 2015: every
    epsilon-DP mechanism is a post-processing of it; Rényi divergence obeys data
    processing). With p = e^eps / (1 + e^eps):
    ``D_alpha = log(p^alpha (1-p)^(1-alpha) + (1-p)^alpha p^(1-alpha)) / (alpha - 1)``,
    evaluated in log space; never above epsilon, nor above alpha eps^2 / 2 (Bun &
    Steinke 2016, Prop 3.3)."""
    log_p = -math.log1p(math.exp(-epsilon))  # log(e^eps / (1 + e^eps))
    log_q = log_p - epsilon
    out = []
    for alpha in orders:
        a = alpha * log_p + (1 - alpha) * log_q
        b = alpha * log_q + (1 - alpha) * log_p
        top = max(a, b)
        value = (top + math.log1p(math.exp(min(a, b) - top))) / (alpha - 1)
        out.append(min(max(value, 0.0), epsilon, alpha * epsilon * epsilon / 2))
    return tuple(out)


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

    def epsilon(self, events: Sequence[PrivacyEvent], *, delta: float) -> float:
        rdp_accountant = opacus_module("rdp").RDPAccountant
        analysis = opacus_module("analysis.rdp")
        if not active_events(events):
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
