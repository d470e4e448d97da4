"""The accountant plug-in kind: a registry, and the recipes built on it.

Every accountant turns a sequence of :class:`MechanismEvent` (composed in order, with
parameters fixed before the run -- i.e. *non-adaptive* composition inside one run) into
an epsilon at a given delta. One accountant per file (Opacus' layout); they register
here explicitly and never overwrite each other. Each passes the shared contract test
in ``tests/budget/test_accountant_contract.py`` (google dp_accounting's habit).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from dataprotocol.budget._events import MechanismEvent, PrivacyEvent, PureDPEvent, ZCDPEvent
from dataprotocol.errors import BudgetError, InputError

__all__ = [
    "Accountant",
    "AccountantFailed",
    "register_accountant",
    "get_accountant",
    "accountant_names",
    "check_delta",
    "active_events",
    "finite_or_fail",
]


class AccountantFailed(BudgetError):
    """An accountant could not produce a finite epsilon (e.g. PRV at very large epsilon)."""


class Accountant(Protocol):
    """Turns mechanism events into epsilon at ``delta``; raises AccountantFailed when it cannot."""

    name: str
    #: "opacus" or "dp_accounting": recomputations must use a different implementation
    implementation: str

    def epsilon(self, events: Sequence[PrivacyEvent], *, delta: float) -> float: ...


_REGISTRY: dict[str, Callable[[], Accountant]] = {}
_A = TypeVar("_A", bound=Callable[[], Accountant])


def register_accountant(name: str) -> Callable[[_A], _A]:
    """Class decorator: register an accountant factory under ``name`` (never overwrites)."""

    def decorate(factory: _A) -> _A:
        if name in _REGISTRY:
            raise ValueError(f"accountant {name!r} is already registered")
        _REGISTRY[name] = factory
        return factory

    return decorate


def _load_builtins() -> None:
    # Imported lazily: each pulls in opacus / dp_accounting (and through them torch/numpy),
    # which `dataprotocol --help` must not pay for.
    from dataprotocol.budget import _dpa_pld, _dpa_rdp, _opacus_prv, _opacus_rdp  # noqa: F401


def get_accountant(name: str) -> Accountant:
    """A fresh accountant by registry name ("rdp", "prv", "dpa-rdp", "dpa-pld")."""
    _load_builtins()
    try:
        return _REGISTRY[name]()
    except KeyError:
        raise InputError(f"unknown accountant {name!r}", field="accountant",
                         expected=", ".join(sorted(_REGISTRY))) from None


def accountant_names() -> tuple[str, ...]:
    _load_builtins()
    return tuple(sorted(_REGISTRY))


def check_delta(delta: float, *, field_name: str = "delta") -> float:
    """delta must be a probability strictly between 0 and 1."""
    value = float(delta)
    if not (math.isfinite(value) and 0.0 < value < 1.0):
        raise InputError(f"{field_name} must be in (0, 1), got {delta!r}", field=field_name)
    return value


_EVENT_TYPES = (MechanismEvent, ZCDPEvent, PureDPEvent)


def active_events(events: Sequence[PrivacyEvent]) -> list[PrivacyEvent]:
    """Events that touch the data (steps > 0), validated to be privacy events."""
    out: list[PrivacyEvent] = []
    for event in events:
        if not isinstance(event, _EVENT_TYPES):
            raise InputError(f"expected a privacy event, got {type(event).__name__}",
                             field="events")
        if event.steps > 0:
            out.append(event)
    return out


def finite_or_fail(value: float, *, who: str) -> float:
    result = float(value)
    if not math.isfinite(result) or result < 0:
        raise AccountantFailed(f"{who} accountant returned epsilon={value!r}")
    return result

