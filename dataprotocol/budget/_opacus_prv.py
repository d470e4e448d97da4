"""Opacus' PRV accountant (Gopi, Lee & Wutschitz 2021): numerically tight, can fail.

At very large epsilon (little noise, many steps) the PRV discretisation can fail or
return nonsense; the recipes in ``_accounting`` then fall back to RDP and say so.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from dataprotocol.budget._accountant import (
    AccountantFailed,
    finite_or_fail,
    register_accountant,
)
from dataprotocol.budget._events import MechanismEvent
from dataprotocol.budget._opacus_rdp import opacus_history

__all__ = ["OpacusPrvAccountant"]


@register_accountant("prv")
class OpacusPrvAccountant:
    """Privacy-loss random variables composed by FFT; returns the upper bound on epsilon."""

    name = "prv"
    implementation = "opacus"

    def epsilon(self, events: Sequence[MechanismEvent], *, delta: float) -> float:
        import numpy as np
        from opacus.accountants import PRVAccountant

        history = opacus_history(events)
        if not history:
            return 0.0
        accountant = PRVAccountant()
        accountant.history = history
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore", RuntimeWarning)
                value = accountant.get_epsilon(delta=delta)
        except (ValueError, ArithmeticError, MemoryError, RuntimeError, IndexError) as exc:
            raise AccountantFailed(f"Opacus PRV accountant failed: {exc}") from exc
        return finite_or_fail(value, who="Opacus PRV")
