"""Composition of every run on one dataset: the ledger's cap check.

Later runs are chosen *after* seeing earlier ones (hyper-parameter search, re-runs),
so their privacy parameters are adaptive. Plain composition theorems assume parameters
fixed in advance; what stays valid is a *privacy filter* (Rogers et al. 2016). For
Rényi DP of a fixed order alpha, Feldman & Zrnic (2021, Thm 3.1) show that a filter
admitting runs while the summed RDP stays within a budget is valid under fully adaptive
composition (also for concurrent interactive use: Haney et al. 2023).

We want the best order, which is only known afterwards, so we run one such filter per
order in the fixed grid ``FILTER_ORDERS`` and split delta between them (a union bound):
the composed runs are (epsilon, delta)-DP with

    epsilon = min over alpha in FILTER_ORDERS of
              conv(alpha, sum_runs RDP_run(alpha), delta / len(FILTER_ORDERS))

where conv is the RDP -> (epsilon, delta) conversion of Balle et al. 2020 (as in
Opacus and dp_accounting). The union bound need not split delta evenly: any weights
w_alpha >= 0 summing to 1, fixed *before* the first run, give each order's filter
w_alpha * delta (Lécuyer 2021 uses the same device for RDP odometers); an order's
share costs ln(1 / w_alpha) / (alpha - 1) in epsilon. An even split over the grid
costs ln(|grid|) ~ 3.2 nats: +20-30% epsilon over non-adaptive RDP.

The ledger's weights are a pure function of the dataset's registered cap
(:func:`filter_weights`), so they are fixed at registration and never move (caps
never change): half of delta goes to the order where a composition reaching the cap
is cheapest (for a Gaussian-like RDP curve: the "anchor"), the other half spreads
over the grid by a log-normal kernel around it, so runs that are not Gaussian-like,
or datasets spent far below their cap, still have nearby orders. The refusal near
the cap -- where stewards lose runs -- is what this tunes: composed charges there
drop from ~1.22-1.31x to ~1.10-1.15x the non-adaptive PRV epsilon
(``benchmarks/bench_cap.py``). The RDP -> DP conversion itself is already tight for
a single order: the optimal binary-channel conversion (Asoodeh et al. 2021) gave us
no gain over Balle et al.'s, so no RDP filter can charge one DP-SGD run much below
its RDP epsilon (~1.1x its PRV epsilon; 1.108x for the demo run over a continuous
order grid). Tighter accountants are not a way out: the natural f-DP / PLD filter is
invalid under fully adaptive composition (Koskela, Tran, Räisä & Honkela 2026,
arXiv:2602.06756), and their approximate Gaussian-DP filter is a CLT approximation,
not a bound, at realistic sampling rates.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from dataprotocol.budget._accountant import AccountantFailed, check_delta, get_accountant
from dataprotocol.budget._events import PrivacyEvent, PureDPEvent
from dataprotocol.budget._opacus_rdp import rdp_curve

__all__ = ["FILTER_ORDERS", "filter_weights", "Composition", "filter_epsilon", "compose_runs", "rdp_to_epsilon",
           "run_epsilon"]

#: Rényi orders of the ledger's filter: wide enough to reach large epsilon (alpha near
#: 1) and small epsilon (alpha ~ 256); the weights, not the count, set the union
#: bound's cost.
FILTER_ORDERS: tuple[float, ...] = (
    1.1, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 2.75, 3.0, 3.25, 3.5, 3.75, 4.0, 4.5, 5.0, 5.5,
    6.0, 6.5, 7.0, 7.5, 8.0, 9.0, 10.0, 11.0, 12.0, 14.0, 16.0, 20.0, 24.0, 32.0, 48.0,
    64.0, 128.0, 256.0,
)
#: share of delta on the anchor order, and the kernel's width in ln(alpha)
ANCHOR_SHARE = 0.5
KERNEL_WIDTH = 0.6


@functools.lru_cache(maxsize=256)
def filter_weights(epsilon_cap: float | None, delta_cap: float) -> tuple[float, ...]:
    """The delta share of each order in ``FILTER_ORDERS`` (sums to 1); even without a cap.

    A pure function of the registered cap, hence fixed before any run -- what the
    union bound over the per-order filters needs (module docstring).
    """
    n = len(FILTER_ORDERS)
    if epsilon_cap is None:
        return (1.0 / n,) * n
    anchor = _anchor_order(float(epsilon_cap), float(delta_cap))
    distance = [abs(math.log(alpha) - math.log(anchor)) for alpha in FILTER_ORDERS]
    kernel = [math.exp(-(d * d) / (2 * KERNEL_WIDTH ** 2)) for d in distance]
    total = math.fsum(kernel)
    nearest = distance.index(min(distance))
    weights = [(1 - ANCHOR_SHARE) * k / total for k in kernel]
    weights[nearest] += ANCHOR_SHARE
    norm = math.fsum(weights)
    return tuple(w / norm for w in weights)


def _anchor_order(epsilon_cap: float, delta: float) -> float:
    """The order at which rho-zCDP (RDP alpha * rho) converts to exactly ``epsilon_cap``
    most cheaply: where a Gaussian-like composition meets the cap."""
    alphas = [1.0 + 10 ** (k / 200) for k in range(-400, 801)]  # 1.01 .. 10001

    def best(rho: float) -> tuple[float, float]:
        return min((rdp_to_epsilon([a * rho], orders=[a], delta=delta), a) for a in alphas)

    low, high = 0.0, epsilon_cap
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if best(mid)[0] < epsilon_cap else (low, mid)
    return best(low)[1] if low > 0 else FILTER_ORDERS[-1]


def rdp_to_epsilon(curve: Sequence[float], *, orders: Sequence[float], delta: float) -> float:
    """min over orders of the Balle et al. 2020 conversion (Opacus' formula)."""
    best = math.inf
    for alpha, rdp in zip(orders, curve):
        if not math.isfinite(rdp):
            continue
        eps = (rdp - (math.log(delta) + math.log(alpha)) / (alpha - 1)
               + math.log((alpha - 1) / alpha))
        best = min(best, eps)
    return max(best, 0.0)


def filter_epsilon(runs: Sequence[Sequence[PrivacyEvent]], *, delta: float,
                   epsilon_cap: float | None = None) -> float:
    """Epsilon of all ``runs`` under the adaptive Rényi filter (module docstring).

    ``epsilon_cap``: the dataset's registered cap, which fixes the orders' delta shares
    (:func:`filter_weights`); without it delta is split evenly.
    """
    delta = check_delta(delta)
    if not any(event.steps > 0 for run in runs for event in run):
        return 0.0
    total = [0.0] * len(FILTER_ORDERS)
    for run in runs:
        total = [a + b for a, b in zip(total, rdp_curve(run, orders=FILTER_ORDERS))]
    weights = filter_weights(epsilon_cap, delta)
    return max(0.0, min(rdp_to_epsilon([rdp], orders=[alpha], delta=delta * w)
                        for alpha, rdp, w in zip(FILTER_ORDERS, total, weights)))


def run_epsilon(events: Sequence[PrivacyEvent], *, delta: float) -> float:
    """One run's (or query's) own epsilon at its own delta: Opacus RDP; a release made
    only of pure-DP events at delta = 0 costs the sum of their epsilons (basic
    composition, exact for pure DP: Dwork et al. 2006)."""
    if delta == 0:
        pure = [event for event in events if isinstance(event, PureDPEvent)]
        if len(pure) != len(events):
            raise AccountantFailed("delta = 0 is possible only for pure-DP releases")
        return math.fsum(event.epsilon * event.count for event in pure)
    return get_accountant("rdp").epsilon(events, delta=delta)


@dataclass(frozen=True)
class Composition:
    """Every way we report the spend of a set of runs on one dataset, at the cap's delta."""

    delta: float
    filter_epsilon: float  # the cap check (adaptive-composition safe)
    rdp_epsilon: float  # Opacus RDP over all events (non-adaptive), for information
    prv_epsilon: float | None  # Opacus PRV over all events (non-adaptive); None if it failed
    naive_sum_epsilon: float  # sum of each run's own RDP epsilon at its own delta
    naive_sum_delta: float  # sum of each run's own delta
    run_epsilons: tuple[float, ...] = field(default_factory=tuple)


def compose_runs(runs: Sequence[tuple[Sequence[PrivacyEvent], float]], *,
                 delta: float, with_prv: bool = True,
                 epsilon_cap: float | None = None) -> Composition:
    """Compose ``(events, run_delta)`` pairs at the dataset's ``delta`` (and, for the
    filter's delta shares, its ``epsilon_cap``)."""
    delta = check_delta(delta)
    rdp = get_accountant("rdp")
    everything = [event for events, _ in runs for event in events]
    run_eps = tuple(run_epsilon(events, delta=run_delta) for events, run_delta in runs)
    prv: float | None = None
    if with_prv:
        try:
            prv = get_accountant("prv").epsilon(everything, delta=delta)
        except AccountantFailed:
            prv = None
    return Composition(
        delta=delta,
        filter_epsilon=filter_epsilon([events for events, _ in runs], delta=delta,
                                      epsilon_cap=epsilon_cap),
        rdp_epsilon=rdp.epsilon(everything, delta=delta),
        prv_epsilon=prv,
        naive_sum_epsilon=math.fsum(run_eps),
        naive_sum_delta=math.fsum(run_delta for _, run_delta in runs),
        run_epsilons=run_eps,
    )
