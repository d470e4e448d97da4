"""Google dp_accounting's RDP accountant: an implementation independent of Opacus.

Used to *recompute* a claimed epsilon (``budget audit``): a bug in one library's
analysis is unlikely to be repeated in the other.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from dataprotocol.budget._accountant import active_events, finite_or_fail, register_accountant
from dataprotocol.budget._events import MechanismEvent, PrivacyEvent, PureDPEvent, ZCDPEvent

__all__ = ["DpaRdpAccountant", "dp_event_of"]


def dp_event_of(events: Sequence[PrivacyEvent], *, pld: bool = False) -> Any:
    """One dp_accounting event: each MechanismEvent is ``PoissonSampled(Gaussian)`` x steps.

    A shuffle sampler (or rate 1) is a plain Gaussian per step: no amplification claimed.
    A zCDP query is ``ZCDpEvent(rho)`` (RDP) or the Gaussian of the same rho (PLD); a
    pure-DP query is ``ZCDpEvent(eps^2 / 2)`` for RDP (Bun & Steinke 2016, Prop 3.3: a
    valid, looser bound -- dp_accounting's randomised response needs replace-one
    neighbours) and, for PLD, the discrete Laplace at sensitivity 1, whose privacy
    loss is exactly +-eps: the worst case of any eps-DP mechanism.
    """
    from dp_accounting import dp_event

    parts: list[Any] = []
    for event in active_events(events):
        if not isinstance(event, MechanismEvent):
            parts.append(dp_event.SelfComposedDpEvent(_query_event(event, pld), event.count))
            continue
        gaussian = dp_event.GaussianDpEvent(noise_multiplier=event.noise_multiplier)
        rate = event.effective_sample_rate
        step = gaussian if rate >= 1.0 else dp_event.PoissonSampledDpEvent(rate, gaussian)
        parts.append(dp_event.SelfComposedDpEvent(step, event.steps))
    return dp_event.ComposedDpEvent(parts)


def _query_event(event: ZCDPEvent | PureDPEvent, pld: bool) -> Any:
    import math

    from dp_accounting import dp_event

    if isinstance(event, ZCDPEvent):
        if pld:
            return dp_event.GaussianDpEvent(noise_multiplier=1 / math.sqrt(2 * event.rho))
        return dp_event.ZCDpEvent(rho=event.rho)
    if pld:
        return dp_event.DiscreteLaplaceDpEvent(noise_parameter=event.epsilon, sensitivity=1)
    return dp_event.ZCDpEvent(rho=event.epsilon ** 2 / 2)


class _QuietAbslWarnings(logging.Filter):
    # dp_accounting warns through the root logger when an order fails to converge and
    # is excluded (which only makes its epsilon larger, i.e. safe). Keep the CLI clean.
    def filter(self, record: logging.LogRecord) -> bool:
        return "failed to converge" not in record.getMessage()


_FILTER = _QuietAbslWarnings()


@register_accountant("dpa-rdp")
class DpaRdpAccountant:
    """dp_accounting ``RdpAccountant`` with its default orders (add/remove-one neighbours)."""

    name = "dpa-rdp"
    implementation = "dp_accounting"

    def epsilon(self, events: Sequence[PrivacyEvent], *, delta: float) -> float:
        from dp_accounting.rdp import RdpAccountant

        if not active_events(events):
            return 0.0
        accountant = RdpAccountant()
        # A logger's filters see only records logged on it, not ones propagated from
        # children: filter on absl's own logger too (where dp_accounting logs).
        loggers = [logging.getLogger(), logging.getLogger("absl")]
        for logger in loggers:
            logger.addFilter(_FILTER)
        try:
            accountant.compose(dp_event_of(events))
            value = accountant.get_epsilon(delta)
        finally:
            for logger in loggers:
                logger.removeFilter(_FILTER)
        return finite_or_fail(value, who="dp_accounting RDP")
