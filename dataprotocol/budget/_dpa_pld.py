"""Google dp_accounting's privacy-loss-distribution accountant (Doroshenko et al. 2022).

Tight like PRV, independent of Opacus. Pessimistic discretisation: the epsilon it
returns is an upper bound, so a coarser grid only costs tightness, never validity.
"""

from __future__ import annotations

from collections.abc import Sequence

from dataprotocol.budget._accountant import (
    AccountantFailed,
    active_events,
    finite_or_fail,
    register_accountant,
)
from dataprotocol.budget._dpa_rdp import dp_event_of
from dataprotocol.budget._events import PrivacyEvent

__all__ = ["DpaPldAccountant"]

#: grid of the privacy-loss values; 1e-3 is ~10x faster than the library's 1e-4 and
#: changes epsilon by < 0.1% in our known-answer vectors.
VALUE_DISCRETIZATION_INTERVAL = 1e-3


@register_accountant("dpa-pld")
class DpaPldAccountant:
    """dp_accounting ``PLDAccountant`` (add/remove-one neighbours)."""

    name = "dpa-pld"
    implementation = "dp_accounting"

    def epsilon(self, events: Sequence[PrivacyEvent], *, delta: float) -> float:
        from dp_accounting.pld import PLDAccountant

        if not active_events(events):
            return 0.0
        accountant = PLDAccountant(value_discretization_interval=VALUE_DISCRETIZATION_INTERVAL)
        try:
            accountant.compose(dp_event_of(events, pld=True))
            value = accountant.get_epsilon(delta)
        except (ValueError, ArithmeticError, MemoryError, OverflowError) as exc:
            raise AccountantFailed(f"dp_accounting PLD accountant failed: {exc}") from exc
        return finite_or_fail(value, who="dp_accounting PLD")
