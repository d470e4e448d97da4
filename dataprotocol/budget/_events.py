"""Privacy spend as frozen, composable mechanism events (google dp_accounting style).

The ledger stores *events*, never just an epsilon: any accountant can recompute the
spend from them, and compose them across runs. DP-SGD runs are subsampled-Gaussian
:class:`MechanismEvent` s; DP query releases (``dataprotocol.query``) are
:class:`ZCDPEvent` (Gaussian noise) or :class:`PureDPEvent` (Laplace, exponential
mechanism) -- the same vocabulary as dp_accounting, so one ledger composes them all.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any, Literal

from dataprotocol.errors import InputError

__all__ = [
    "MechanismEvent",
    "PrivacyEvent",
    "PureDPEvent",
    "Sampler",
    "ZCDPEvent",
    "event_from_dict",
]

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


@dataclass(frozen=True)
class ZCDPEvent:
    """``count`` releases of a rho-zero-concentrated-DP mechanism (Bun & Steinke 2016).

    What OpenDP's (discrete) Gaussian mechanism reports: rho = (sensitivity / scale)^2 / 2
    (Canonne, Kamath & Steinke 2020). RDP is ``count * rho * alpha`` at every order --
    dp_accounting's ``ZCDpEvent(rho)``, self-composed ``count`` times.
    """

    rho: float
    count: int = 1
    kind: Literal["zcdp"] = "zcdp"

    def __post_init__(self) -> None:
        if not (math.isfinite(self.rho) and self.rho > 0):
            raise InputError("rho must be a finite number > 0", field="rho")
        _check_count(self.count)
        if self.kind != "zcdp":
            raise InputError(f"kind must be 'zcdp', got {self.kind!r}", field="kind")

    @property
    def steps(self) -> int:
        """Releases that touch the data (the ledger's uniform name for "how many")."""
        return self.count

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "rho": self.rho, "count": self.count}


@dataclass(frozen=True)
class PureDPEvent:
    """``count`` releases of an epsilon-DP mechanism (delta = 0): OpenDP's Laplace and
    discrete Laplace, report-noisy-max / exponential mechanism (quantiles).

    Any epsilon-DP mechanism is a post-processing of randomised response with the same
    epsilon (Kairouz, Oh & Viswanath 2015, Thm 2.4), so RR's Rényi curve bounds its RDP
    at every order (data processing). For the discrete Laplace at sensitivity 1 the
    bound is exact: its privacy loss takes only the values +-epsilon.
    """

    epsilon: float
    count: int = 1
    kind: Literal["pure"] = "pure"

    def __post_init__(self) -> None:
        if not (math.isfinite(self.epsilon) and self.epsilon > 0):
            raise InputError("epsilon must be a finite number > 0", field="epsilon")
        _check_count(self.count)
        if self.kind != "pure":
            raise InputError(f"kind must be 'pure', got {self.kind!r}", field="kind")

    @property
    def steps(self) -> int:
        return self.count

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "epsilon": self.epsilon, "count": self.count}


#: anything the ledger can charge: DP-SGD runs, and releases of DP queries
PrivacyEvent = MechanismEvent | ZCDPEvent | PureDPEvent


def _check_count(count: int) -> None:
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise InputError("count must be an integer >= 0", field="count")


def event_from_dict(data: Any) -> PrivacyEvent:
    """Parse any event; one without ``kind`` is a DP-SGD :class:`MechanismEvent`
    (the ledger's original format, kept byte-for-byte so old hashes still verify)."""
    if not isinstance(data, dict):
        raise InputError("malformed mechanism event: not a mapping", field="events")
    kind = data.get("kind")
    if kind is None:
        return MechanismEvent.from_dict(data)
    try:
        if kind == "zcdp":
            return ZCDPEvent(rho=float(data["rho"]), count=int(data.get("count", 1)))
        if kind == "pure":
            return PureDPEvent(epsilon=float(data["epsilon"]), count=int(data.get("count", 1)))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"malformed {kind} event: {exc}", field="events") from exc
    raise InputError(f"unknown event kind {kind!r}", field="events.kind",
                     expected="no kind (DP-SGD), 'zcdp' or 'pure'")
