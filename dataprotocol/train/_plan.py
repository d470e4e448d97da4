"""The mechanism a run will use, fixed before step one: what the ledger reserves.

Its own module so the loop and the checkpoint depend on the plan, not on the trainer
that makes it (they used to import it back from ``_trainer``).
"""

from __future__ import annotations

from dataclasses import dataclass

from dataprotocol.budget import MechanismEvent

__all__ = ["TrainPlan"]


@dataclass(frozen=True)
class TrainPlan:
    """The mechanism a run will use, fixed before step one (what the ledger reserves)."""

    noise_multiplier: float
    sample_rate: float
    steps_per_epoch: int
    epochs: int
    sampler: str
    dataset_size: int
    #: user-level DP: the number of privacy units (people) sampled over; None: rows
    units: int | None = None

    @property
    def steps(self) -> int:
        return self.steps_per_epoch * self.epochs

    def events(self, steps: int | None = None) -> list[MechanismEvent]:
        return [MechanismEvent(noise_multiplier=self.noise_multiplier,
                               sample_rate=self.sample_rate,
                               steps=self.steps if steps is None else steps,
                               sampler=self.sampler)]  # type: ignore[arg-type]
