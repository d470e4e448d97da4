#!/usr/bin/env python3
"""Benchmark the ledger's cap charge: the adaptive Rényi filter against the runs' own cost.

Goal (issue 15): the cap charge <= 1.10x the run's own epsilon for one run, and
<= 1.15x the non-adaptive PRV epsilon of the composed runs for 10 runs. Baseline: the
filter before this change (25 orders, delta split evenly: ``filter_epsilon`` without a
cap). New: the ledger's filter, delta shares fixed by the registered cap
(``filter_weights``). Printed side by side, as ratios to Opacus PRV of the same events
(tight, but valid only for non-adaptive composition), and to RDP (non-adaptive, full
delta, Opacus' orders: the floor for any RDP filter).

Scenarios: the demo's run (q = 128/540, 25 steps, PRV epsilon 3.00 at delta 1e-5) alone
under the demo cap (8) and under a cap sized to it (3.3); ten of them under a cap sized
to ten (12) and under the demo cap; a small-rate DP-SGD run (q = 0.01). Also: how many
demo runs each filter admits under caps 8, 12 and 20 -- what a steward loses.

    .venv/bin/python benchmarks/bench_cap.py          # ~1 min
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from dataprotocol.budget import (
    MechanismEvent,
    filter_epsilon,
    get_accountant,
    noise_multiplier_for,
)

OLD_ORDERS = (1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0, 7.0, 8.0, 10.0,
              12.0, 14.0, 16.0, 20.0, 24.0, 32.0, 48.0, 64.0, 128.0, 256.0)


@dataclass(frozen=True)
class Scenario:
    name: str
    cap: float
    delta: float
    rate: float
    steps: int
    run_epsilon: float
    runs: int


SCENARIOS = (
    Scenario("demo run alone, demo cap 8", 8.0, 1e-5, 128 / 540, 25, 3.0, 1),
    Scenario("demo run alone, cap sized to it (3.3)", 3.3, 1e-5, 128 / 540, 25, 3.0, 1),
    Scenario("10 demo runs, cap sized to them (12)", 12.0, 1e-5, 128 / 540, 25, 3.0, 10),
    Scenario("10 demo runs, demo cap 8 (over it)", 8.0, 1e-5, 128 / 540, 25, 3.0, 10),
    Scenario("q=0.01 run alone, cap 3", 3.0, 1e-5, 0.01, 2000, 2.7, 1),
    Scenario("10 q=0.01 runs, cap 1 (delta 1e-6)", 1.0, 1e-6, 0.01, 1000, 0.3, 10),
)


def _old_filter(runs: list[list[MechanismEvent]], delta: float) -> float:
    """The filter as it was: 25 orders, delta / 25 each (reproduced for the baseline)."""
    from dataprotocol.budget._composition import rdp_to_epsilon
    from dataprotocol.budget._opacus_rdp import rdp_curve

    total = [0.0] * len(OLD_ORDERS)
    for run in runs:
        total = [a + b for a, b in zip(total, rdp_curve(run, orders=OLD_ORDERS))]
    return rdp_to_epsilon(total, orders=OLD_ORDERS, delta=delta / len(OLD_ORDERS))


def _runs(s: Scenario, sigma: float, n: int) -> list[list[MechanismEvent]]:
    return [[MechanismEvent(noise_multiplier=sigma, sample_rate=s.rate, steps=s.steps)]] * n


def ratios() -> None:
    prv, rdp = get_accountant("prv"), get_accountant("rdp")
    print(f"{'scenario':42s} {'PRV':>7s} {'RDP/PRV':>8s} {'before/PRV':>10s} "
          f"{'now/PRV':>8s} {'now/before':>10s}")
    for s in SCENARIOS:
        sigma = noise_multiplier_for(target_epsilon=s.run_epsilon, delta=s.delta,
                                     sample_rate=s.rate, steps=s.steps)
        runs = _runs(s, sigma, s.runs)
        merged = [MechanismEvent(noise_multiplier=sigma, sample_rate=s.rate,
                                 steps=s.steps * s.runs)]
        tight = prv.epsilon(merged, delta=s.delta)
        floor = rdp.epsilon(merged, delta=s.delta)
        before = _old_filter(runs, s.delta)
        now = filter_epsilon(runs, delta=s.delta, epsilon_cap=s.cap)
        print(f"{s.name:42s} {tight:7.3f} {floor / tight:8.3f} {before / tight:10.3f} "
              f"{now / tight:8.3f} {now / before:10.3f}")


def admitted(cap: float, sigma: float, s: Scenario, *, new: bool) -> int:
    k = 0
    while True:
        runs = _runs(s, sigma, k + 1)
        charge = (filter_epsilon(runs, delta=s.delta, epsilon_cap=cap) if new
                  else _old_filter(runs, s.delta))
        if charge > cap:
            return k
        k += 1


def runs_that_fit() -> None:
    s = SCENARIOS[0]
    sigma = noise_multiplier_for(target_epsilon=s.run_epsilon, delta=s.delta,
                                 sample_rate=s.rate, steps=s.steps)
    prv = get_accountant("prv")
    print(f"\n{'cap':>5s} {'PRV (non-adaptive ideal)':>25s} {'before':>7s} {'now':>5s}")
    for cap in (8.0, 12.0, 20.0):
        ideal = 0
        while prv.epsilon([MechanismEvent(noise_multiplier=sigma, sample_rate=s.rate,
                                          steps=s.steps * (ideal + 1))], delta=s.delta) <= cap:
            ideal += 1
        print(f"{cap:5g} {ideal:25d} {admitted(cap, sigma, s, new=False):7d} "
              f"{admitted(cap, sigma, s, new=True):5d}")


def main() -> None:
    started = time.perf_counter()
    print("cap charge of the adaptive Rényi filter, as a ratio to the runs' non-adaptive "
          "PRV epsilon\n(goal: <= 1.10 for one run, <= 1.15 for ten)\n")
    ratios()
    print("\ndemo runs (PRV epsilon 3.00 each) a dataset admits before the cap refuses")
    runs_that_fit()
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
