"""Opacus' PRV accountant (Gopi, Lee & Wutschitz 2021): numerically tight, can fail.

At large epsilon (little noise, high sample rate, many steps) the PRV discretisation
needs a huge grid: it gets slow, runs out of memory, or returns infinity. We size the
grid first (cheap) and refuse beyond ``MAX_DOMAIN_POINTS``; callers (``account``) then
fall back to RDP and say so.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from dataprotocol.budget._accountant import (
    AccountantFailed,
    active_events,
    finite_or_fail,
    register_accountant,
)
from dataprotocol.budget._events import PrivacyEvent, PureDPEvent, ZCDPEvent
from dataprotocol.budget._opacus_lite import opacus_module
from dataprotocol.budget._opacus_rdp import opacus_history

__all__ = ["OpacusPrvAccountant", "MAX_DOMAIN_POINTS"]

#: discretisation points beyond which we do not attempt PRV (~5e6 is ~20 s, ~0.7 GB)
MAX_DOMAIN_POINTS = 5_000_000
_EPS_ERROR = 0.01  # Opacus' default


@contextmanager
def _quiet() -> Iterator[None]:
    import numpy as np

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.filterwarnings("ignore", message="Optimal order is the")  # domain sizing
        yield


def _query_history(events: Sequence[PrivacyEvent]) -> list[tuple[float, float, int]]:
    """zCDP queries as the Gaussian of the same rho (sample rate 1). Opacus' PRV has no
    pure-DP variable: a ledger with Laplace queries has no PRV figure (RDP still does)."""
    out = []
    for event in active_events(events):
        if isinstance(event, PureDPEvent):
            raise AccountantFailed("Opacus PRV does not model pure-DP (Laplace) releases")
        if isinstance(event, ZCDPEvent):
            out.append((1 / math.sqrt(2 * event.rho), 1.0, event.count))
    return out


@register_accountant("prv")
class OpacusPrvAccountant:
    """Privacy-loss random variables composed by FFT; returns the upper bound on epsilon."""

    name = "prv"
    implementation = "opacus"

    def epsilon(self, events: Sequence[PrivacyEvent], *, delta: float) -> float:
        prv_accountant = opacus_module("prv").PRVAccountant
        prv_of = opacus_module("analysis.prv").PoissonSubsampledGaussianPRV
        history = opacus_history(events) + _query_history(events)
        if not history:
            return 0.0
        accountant = prv_accountant()
        accountant.history = history
        delta_error = delta / 1000  # Opacus' default
        try:
            with _quiet():
                domain = accountant._get_domain(
                    prvs=[prv_of(q, s) for s, q, _ in history],
                    num_self_compositions=[n for _, _, n in history],
                    eps_error=_EPS_ERROR, delta_error=delta_error)
                if domain.size > MAX_DOMAIN_POINTS:
                    raise AccountantFailed(
                        f"PRV grid would need {domain.size} points (> {MAX_DOMAIN_POINTS}): "
                        "epsilon too large for PRV")
                value = accountant.get_epsilon(delta=delta, eps_error=_EPS_ERROR,
                                               delta_error=delta_error)
        except (ValueError, ArithmeticError, MemoryError, RuntimeError, IndexError,
                AttributeError, TypeError) as exc:  # incl. Opacus internals moving
            raise AccountantFailed(f"Opacus PRV accountant failed: {exc}") from exc
        return finite_or_fail(value, who="Opacus PRV")
