"""Recipes: epsilon of one run's events, with PRV -> RDP fallback, and noise calibration."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dataprotocol.budget._accountant import AccountantFailed, check_delta, get_accountant
from dataprotocol.budget._events import MechanismEvent, PrivacyEvent, Sampler
from dataprotocol.errors import InputError

__all__ = ["Accounting", "compute_epsilon", "account", "noise_multiplier_for"]

#: accountants a run's epsilon may be reported with (both Opacus)
RUN_ACCOUNTANTS = ("prv", "rdp")


@dataclass(frozen=True)
class Accounting:
    """A run's (epsilon, delta), the accountant that produced it, and the others' values.

    ``alternatives`` maps accountant name -> epsilon for every accountant that succeeded
    (always includes "rdp"); ``fallback`` says why the preferred one was not used.
    """

    epsilon: float
    delta: float
    accountant: str
    alternatives: dict[str, float] = field(default_factory=dict)
    fallback: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"accountant": self.accountant, "epsilon": self.epsilon,
                               "delta": self.delta, "alternatives": dict(self.alternatives)}
        if self.fallback:
            out["fallback"] = self.fallback
        return out


def compute_epsilon(events: Sequence[PrivacyEvent], *, delta: float,
                    accountant: str = "rdp") -> float:
    """Epsilon of ``events`` composed, at ``delta``.

    ``accountant="prv"`` falls back to RDP when PRV fails (use :func:`account` to learn
    which one answered). Any registered name works ("dpa-rdp", "dpa-pld" too).
    """
    delta = check_delta(delta)
    if accountant == "prv":
        return account(events, delta=delta).epsilon
    return get_accountant(accountant).epsilon(events, delta=delta)


def account(events: Sequence[PrivacyEvent], *, delta: float,
            prefer: str = "prv") -> Accounting:
    """Epsilon by the preferred Opacus accountant, falling back to RDP, plus alternatives."""
    delta = check_delta(delta)
    if prefer not in RUN_ACCOUNTANTS:
        raise InputError(f"unknown accountant {prefer!r}", field="accountant",
                         expected=" or ".join(RUN_ACCOUNTANTS))
    values: dict[str, float] = {"rdp": get_accountant("rdp").epsilon(events, delta=delta)}
    fallback = None
    try:
        values["prv"] = get_accountant("prv").epsilon(events, delta=delta)
    except AccountantFailed as exc:
        fallback = f"PRV failed ({exc}); reporting RDP"
    used = prefer if prefer in values else "rdp"
    return Accounting(epsilon=values[used], delta=delta, accountant=used,
                      alternatives=values, fallback=fallback if prefer == "prv" else None)


def noise_multiplier_for(*, target_epsilon: float, delta: float, sample_rate: float,
                         steps: int, accountant: str = "prv", sampler: Sampler = "poisson",
                         epsilon_tolerance: float = 0.01) -> float:
    """Smallest noise multiplier (to ``epsilon_tolerance``) whose epsilon is <= target.

    Bisection like Opacus' ``get_noise_multiplier``; the returned sigma always meets the
    target under ``accountant``. Where PRV fails (very small sigma, huge epsilon) the
    point is judged by RDP, which is never tighter: the answer stays conservative.
    """
    if not (math.isfinite(target_epsilon) and target_epsilon > 0):
        raise InputError("target epsilon must be > 0", field="target_epsilon")
    delta = check_delta(delta)
    if steps <= 0:
        raise InputError("steps must be > 0", field="steps")
    return _bisect(target_epsilon, delta, sample_rate, steps, accountant, sampler,
                   epsilon_tolerance)


def _bisect(target: float, delta: float, sample_rate: float, steps: int, name: str,
            sampler: Sampler, tolerance: float) -> float:
    # Bracket and bisect with RDP first (milliseconds per point); RDP is never tighter
    # than PRV, so the RDP answer is an upper end for PRV's search, which then needs
    # only a few of its (much slower) evaluations.
    rdp_sigma = _search(_epsilon_fn("rdp", delta, sample_rate, steps, sampler), target,
                        0.0, None, tolerance)
    if name == "rdp":
        return rdp_sigma
    eps = _epsilon_fn(name, delta, sample_rate, steps, sampler)
    low = rdp_sigma * 0.8
    while low > 1e-3 and eps(low) <= target:
        low *= 0.8
    return _search(eps, target, low, rdp_sigma, tolerance)


def _epsilon_fn(name: str, delta: float, sample_rate: float, steps: int,
                sampler: Sampler) -> Callable[[float], float]:
    engine, fallback = get_accountant(name), get_accountant("rdp")

    def eps(sigma: float) -> float:
        event = MechanismEvent(noise_multiplier=sigma, sample_rate=sample_rate, steps=steps,
                               sampler=sampler)
        try:
            return engine.epsilon([event], delta=delta)
        except AccountantFailed:  # PRV at huge epsilon: judge the point by RDP
            return fallback.epsilon([event], delta=delta)

    return eps


def _search(eps: Callable[[float], float], target: float, low: float, high: float | None,
            tolerance: float) -> float:
    """Smallest sigma in (low, high] with eps(sigma) <= target, to ``tolerance`` in eps."""
    if high is None:
        high = 1.0
        while eps(high) > target:
            low, high = high, high * 2
            if high > 1e6:
                raise InputError(f"target epsilon {target} is unreachable (sigma > 1e6)",
                                 field="target_epsilon")
    eps_high = eps(high)
    # Illinois (regula falsi) on f = eps - target, smooth and decreasing in sigma;
    # bisection while f(low) is infinite. Invariant: eps(high) <= target < eps(low).
    f_high, f_low = eps_high - target, (math.inf if low <= 0 else eps(low) - target)
    side = 0
    while target - eps_high > tolerance and (high - low) > 1e-6 * high:
        mid = (low + high) / 2
        if math.isfinite(f_low):
            guess = high - f_high * (high - low) / (f_high - f_low)
            mid = min(max(guess, low + 0.02 * (high - low)), high - 0.02 * (high - low))
        eps_mid = eps(mid)
        if eps_mid <= target:
            high, eps_high, f_high = mid, eps_mid, eps_mid - target
            f_low = f_low / 2 if side == 1 else f_low
            side = 1
        else:
            low, f_low = mid, eps_mid - target
            f_high = f_high / 2 if side == -1 else f_high
            side = -1
    return high
