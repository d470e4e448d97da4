"""Privacy spend as frozen, composable mechanism events (google dp_accounting style).

The ledger stores *events*, never just an epsilon: any accountant can recompute the
spend from them, and compose them across runs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from dataprotocol.errors import InputError

__all__ = ["MechanismEvent", "Sampler"]

Sampler = Literal["poisson", "shuffle"]


@dataclass(frozen=True)
class MechanismEvent:
    """``steps`` repetitions of the subsampled Gaussian mechanism of DP-SGD.

    ``sampler="poisson"``: each example joins each batch independently with
    probability ``sample_rate`` -- what the RDP/PRV amplification analyses assume
    (Abadi et al. 2016; Mironov et al. 2019). ``sampler="shuffle"``: fixed-size
    batches from a shuffle, for which we claim *no* amplification (sample rate 1).
    """

    noise_multiplier: float
    sample_rate: float
    steps: int
    sampler: Sampler = "poisson"

    def __post_init__(self) -> None:
        if not self.noise_multiplier > 0:
            raise InputError("noise multiplier must be > 0", field="noise_multiplier")
        if not 0 < self.sample_rate <= 1:
            raise InputError("sample rate must be in (0, 1]", field="sample_rate")
        if self.steps < 0:
            raise InputError("steps must be >= 0", field="steps")
        if self.sampler not in ("poisson", "shuffle"):
            raise InputError(f"unknown sampler {self.sampler!r}", field="sampler",
                             expected="'poisson' or 'shuffle'")

    @property
    def effective_sample_rate(self) -> float:
        """The rate an accountant may use: 1.0 without Poisson sampling (no amplification)."""
        return self.sample_rate if self.sampler == "poisson" else 1.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> MechanismEvent:
        try:
            return cls(
                noise_multiplier=float(data["noise_multiplier"]),
                sample_rate=float(data["sample_rate"]),
                steps=int(data["steps"]),
                sampler=data.get("sampler", "poisson"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"malformed mechanism event: {exc}",
                             expected="noise_multiplier, sample_rate, steps, sampler") from exc
