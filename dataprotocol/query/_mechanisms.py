"""Calibrated OpenDP measurements for each query, and the ledger events they cost.

Why OpenDP (0.16, the framework API -- transformations chained into measurements):
its samplers are exact (discrete Laplace / discrete Gaussian drawn with integer
arithmetic, Canonne, Kamath & Steinke 2020), and its float mechanisms account for
rounding, so the floating-point attacks on textbook Laplace samplers (Mironov 2012) do
not apply; every measurement carries a *privacy map* that says what it costs. We never
sample noise ourselves, and we charge the ledger what the map says -- not what we meant
to spend. The Polars front end (``dp.Context``) would add a dependency and its own
accountant; the framework API needs neither.

Neighbouring datasets differ by adding or removing one row (``symmetric_distance``,
d_in = 1), as in DP-SGD with Poisson sampling, so the ledger composes both. On a dataset
whose card names a privacy unit (user-level DP), each unit's rows are first bounded to at
most k (``query._units``), so neighbours -- one *unit* added or removed -- differ by at
most k rows: d_in = k, and every scale is calibrated, and every event charged, by OpenDP's
own privacy map at d_in = k (its stability maps carry the factor; we do not scale by hand).

Without ``delta`` each query is pure epsilon-DP (Laplace noise; the exponential mechanism
for quantiles) and costs a :class:`~dataprotocol.budget.PureDPEvent`. With ``delta``
each is rho-zCDP (Gaussian noise; the quantile's scores with zCDP calibration) and costs a
:class:`~dataprotocol.budget.ZCDPEvent`; the batch's total rho is the largest whose RDP
converts to ``epsilon`` at ``delta`` (the ledger's own conversion).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dataprotocol.budget import PrivacyEvent, PureDPEvent, ZCDPEvent, run_epsilon
from dataprotocol.errors import InputError
from dataprotocol.query._spec import Query

__all__ = ["QUANTILE_CANDIDATES", "Calibrated", "calibrate", "total_rho"]

#: candidate points of a quantile between its bounds (public grid; the answer is one)
QUANTILE_CANDIDATES = 129


@dataclass(frozen=True)
class Part:
    """One OpenDP measurement: a query is one part, a mean two (sum, count)."""

    name: str  # "count" | "sum" | "count_by" | "quantile"
    mechanism: str
    scale: float
    event: PrivacyEvent
    measurement: Any = field(compare=False, repr=False)
    d_in: int = 1  # neighbours' symmetric distance: rows per privacy unit (1: row-level)

    def to_dict(self) -> dict[str, Any]:
        out = {"part": self.name, "mechanism": self.mechanism, "scale": self.scale,
               "event": self.event.to_dict()}
        return {**out, "d_in": self.d_in} if self.d_in != 1 else out


@dataclass(frozen=True)
class Calibrated:
    """A query with its calibrated measurement(s); built from public facts only."""

    query: Query
    parts: tuple[Part, ...]

    @property
    def events(self) -> tuple[PrivacyEvent, ...]:
        return tuple(part.event for part in self.parts)


def _opendp() -> Any:
    import opendp.prelude as dp

    # "contrib": OpenDP's vetted-but-not-yet-proof-reviewed constructors (count, sum,
    # count_by_categories, quantile) -- the library's documented switch for them.
    dp.enable_features("contrib")
    return dp


def total_rho(*, epsilon: float, delta: float) -> float:
    """Largest rho whose zCDP converts to <= ``epsilon`` at ``delta`` (the ledger's RDP
    conversion, so what the ledger charges for the batch never exceeds ``epsilon``)."""
    low, high = 0.0, max(epsilon, 1.0)
    for _ in range(80):
        mid = (low + high) / 2
        if run_epsilon([ZCDPEvent(rho=mid)], delta=delta) <= epsilon:
            low = mid
        else:
            high = mid
    if low <= 0:
        raise InputError("epsilon is too small for this delta", field="--epsilon")
    return low


def calibrate(queries: Sequence[Query], *, epsilon: float,
              delta: float | None, d_in: int = 1) -> list[Calibrated]:
    """Split the budget evenly over ``queries`` (a mean's share evenly over its sum and
    count) and calibrate each measurement's noise scale to its share, for neighbours at
    symmetric distance ``d_in`` (1: one row; k: one privacy unit bounded to k rows)."""
    if isinstance(d_in, bool) or not isinstance(d_in, int) or d_in < 1:
        raise InputError("rows per privacy unit must be an integer >= 1",
                         field="--rows-per-unit")
    if not (math.isfinite(epsilon) and epsilon > 0):
        raise InputError("epsilon must be a finite number > 0", field="--epsilon")
    if not queries:
        raise InputError("no query given", field="QUERY")
    pure = delta is None
    total = epsilon if delta is None else total_rho(epsilon=epsilon, delta=delta)
    share = total / len(queries)
    return [Calibrated(query=q, parts=_parts(q, share, pure=pure, d_in=d_in)) for q in queries]


def _parts(query: Query, share: float, *, pure: bool, d_in: int) -> tuple[Part, ...]:
    if query.kind == "mean":
        return (_part("sum", query, share / 2, pure, d_in),
                _part("count", query, share / 2, pure, d_in))
    return (_part(query.kind, query, share, pure, d_in),)


def _part(name: str, query: Query, budget: float, pure: bool, d_in: int) -> Part:
    dp = _opendp()
    if name == "quantile":
        measurement, scale = _quantile(dp, query, budget, pure, d_in)
        mechanism = "exponential mechanism (OpenDP report-noisy-max over candidates)"
    else:
        build = _chain(dp, name, query, pure)
        scale = float(dp.binary_search_param(build, d_in=d_in, d_out=budget))
        measurement = build(scale)
        mechanism = ("discrete " if name != "sum" else "") + ("Laplace" if pure else "Gaussian")
    cost = float(measurement.map(d_in))
    event: PrivacyEvent = PureDPEvent(epsilon=cost) if pure else ZCDPEvent(rho=cost)
    return Part(name=name, mechanism=mechanism, scale=scale, event=event,
                measurement=measurement, d_in=d_in)


def _chain(dp: Any, name: str, query: Query, pure: bool) -> Callable[[float], Any]:
    noise = dp.m.then_laplace if pure else dp.m.then_gaussian
    if name == "count":
        space = dp.vector_domain(dp.atom_domain(T=str)), dp.symmetric_distance()
        counter = dp.t.make_count(*space)
        return lambda scale: counter >> noise(scale)
    if name == "count_by":
        space = dp.vector_domain(dp.atom_domain(T=str)), dp.symmetric_distance()
        metric = dp.L1Distance[int] if pure else dp.L2Distance[int]
        histogram = dp.t.make_count_by_categories(
            *space, categories=list(query.categories or ()), null_category=True, MO=metric)
        return lambda scale: histogram >> noise(scale)
    assert query.bounds is not None
    space = dp.vector_domain(dp.atom_domain(T=float, nan=False)), dp.symmetric_distance()
    summed = dp.t.make_clamp(*space, bounds=query.bounds) >> dp.t.then_sum()
    return lambda scale: summed >> noise(scale)


def quantile_candidates(query: Query) -> list[float]:
    assert query.bounds is not None
    low, high = query.bounds
    step = (high - low) / (QUANTILE_CANDIDATES - 1)
    return [low + i * step for i in range(QUANTILE_CANDIDATES)]


def _quantile(dp: Any, query: Query, budget: float, pure: bool,
              d_in: int) -> tuple[Any, float]:
    space = dp.vector_domain(dp.atom_domain(T=float, nan=False)), dp.symmetric_distance()
    measure = dp.max_divergence() if pure else dp.zero_concentrated_divergence()

    def build(scale: float) -> Any:
        return dp.m.make_private_quantile(*space, measure, candidates=quantile_candidates(query),
                                          alpha=float(query.quantile or 0.5), scale=scale)

    scale = float(dp.binary_search_param(build, d_in=d_in, d_out=budget))
    return build(scale), scale


def privacy_cost(query: Query, part: str, *, scale: float, pure: bool, d_in: int = 1) -> float:
    """What OpenDP's privacy map says the measurement ``part`` of ``query`` at ``scale``
    costs for neighbours at distance ``d_in`` (epsilon, or rho when not ``pure``) --
    recomputed by audits from the record."""
    dp = _opendp()
    if part == "quantile":
        space = dp.vector_domain(dp.atom_domain(T=float, nan=False)), dp.symmetric_distance()
        measure = dp.max_divergence() if pure else dp.zero_concentrated_divergence()
        measurement = dp.m.make_private_quantile(
            *space, measure, candidates=quantile_candidates(query),
            alpha=float(query.quantile or 0.5), scale=scale)
    else:
        measurement = _chain(dp, part, query, pure)(scale)
    return float(measurement.map(d_in))
