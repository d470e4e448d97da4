"""Accounting glue: the budget layer is the single source of truth for epsilon."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dataprotocol.budget import MechanismEvent, account, noise_multiplier_for

__all__ = ["account_events", "calibrate_noise", "opacus_history"]


def opacus_history(events: Sequence[MechanismEvent]) -> list[tuple[float, float, int]]:
    """Events as an Opacus accountant history; shuffle events get no amplification."""
    return [(e.noise_multiplier, e.effective_sample_rate, e.steps) for e in events if e.steps]


def account_events(events: Sequence[MechanismEvent], *, delta: float,
                   accountant: str = "prv") -> dict[str, Any]:
    """The "accounting" block of privacy.json: PRV, falling back to RDP when PRV's
    numerics fail (they can at large epsilon), with both values as alternatives."""
    if not any(e.steps for e in events):
        return {"accountant": accountant, "epsilon": 0.0, "delta": delta,
                "alternatives": {}}
    return account(list(events), delta=delta, prefer=accountant).to_dict()


def calibrate_noise(*, target_epsilon: float, delta: float, sample_rate: float, steps: int,
                    sampler: str = "poisson", accountant: str = "prv") -> float:
    """Smallest noise multiplier reaching ``target_epsilon`` after ``steps`` steps (what
    Opacus' make_private_with_epsilon does, through the budget layer's accountants)."""
    return float(noise_multiplier_for(target_epsilon=target_epsilon, delta=delta,
                                      sample_rate=sample_rate, steps=steps,
                                      accountant=accountant,
                                      sampler=sampler))  # type: ignore[arg-type]
