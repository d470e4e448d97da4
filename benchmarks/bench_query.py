#!/usr/bin/env python3
"""Benchmark DP query accuracy: error against the exact answer, beside the analytic one.

Goal (issue 15): on a shipped example table (``examples/data/clinic_visits.csv``, 2,000
synthetic visits), each query type's error at epsilon = 1 and 0.1 over 200 repetitions
-- mean absolute error and the 95th percentile -- next to what the mechanism's noise
distribution predicts. Each query gets the whole epsilon (one query per release), the
mechanisms are the ones ``dataprotocol query`` uses (OpenDP, calibrated by
``dataprotocol.query.calibrate``); only the gate and ledger are left out (they do not
change the noise). Rows with ``delta`` use Gaussian noise (zCDP).

Analytic columns: a Laplace of scale b has E|X| = b and p95 = b ln 20 (the discrete
Laplace, on counts: E|X| = 2r / (1 - r^2), r = exp(-1/b), and its exact p95); a
Gaussian of scale s, E|X| = s sqrt(2/pi) and p95 = 1.96 s; a count_by row is per bin
(all bins pooled). A mean is noisy sum / noisy count: its error is about
|X_sum - mean X_count| / n, whose E|.| for two Laplaces of scales b1, b2 is
(b1^2 + b1 b2 + b2^2) / (b1 + b2) (divided by n); p95 is not closed-form (n/a).
Quantiles (the exponential mechanism over a 129-point grid) have no closed-form error;
the column shows the grid step, the error's floor.

    .venv/bin/python benchmarks/bench_query.py             # 200 repetitions, ~1 min
    .venv/bin/python benchmarks/bench_query.py --reps 50
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

import numpy as np
import pandas as pd

from dataprotocol.query import QUANTILE_CANDIDATES, calibrate, parse_query, resolve_query
from dataprotocol.query._release import evaluate

TABLE = Path(__file__).resolve().parents[1] / "examples" / "data" / "clinic_visits.csv"
DEPARTMENTS = ["cardiology", "emergency", "oncology", "pediatrics", "radiology"]
QUERIES = ["count", "sum(stay_hours, 0, 72)", "mean(age, 0, 100)", "count_by(department)",
           "median(age, 0, 100)", "quantile(stay_hours, 0.9, 0, 72)"]
SETTINGS = [(1.0, None), (0.1, None), (1.0, 1e-6)]


def exact(query: str, frame: pd.DataFrame) -> object:
    kind = parse_query(query).kind
    column = parse_query(query).column
    if kind == "count":
        return len(frame)
    if kind == "count_by":
        counts = frame[column].astype(str).value_counts()
        return {d: int(counts.get(d, 0)) for d in DEPARTMENTS} | {"(other)": 0}
    values = frame[column].astype(float)
    if kind == "sum":
        return float(values.sum())
    if kind == "mean":
        return float(values.mean())
    q = parse_query(query).quantile or 0.5
    return float(np.quantile(values, q))


def errors(query: str, answers: list[object], truth: object) -> np.ndarray:
    if isinstance(truth, dict):
        return np.array([abs(a[k] - truth[k]) for a in answers for k in truth])  # type: ignore[index]
    return np.array([abs(float(a) - float(truth)) for a in answers])  # type: ignore[arg-type]


def analytic(calibrated: object, frame: pd.DataFrame, pure: bool) -> tuple[str, str]:
    query, parts = calibrated.query, calibrated.parts  # type: ignore[attr-defined]
    if query.kind == "quantile":
        low, high = query.bounds
        return f"step {(high - low) / (QUANTILE_CANDIDATES - 1):.3g}", "n/a"
    if query.kind == "mean":
        n = len(frame)
        mean = float(frame[query.column].astype(float).mean())
        b1, b2 = parts[0].scale / n, mean * parts[1].scale / n
        if pure:
            return f"{(b1 * b1 + b1 * b2 + b2 * b2) / (b1 + b2):.4g}", "n/a"
        return f"{math.sqrt(b1 * b1 + b2 * b2) * math.sqrt(2 / math.pi):.4g}", \
            f"{1.96 * math.sqrt(b1 * b1 + b2 * b2):.4g}"
    scale = parts[0].scale
    if pure and parts[0].mechanism.startswith("discrete"):
        # discrete Laplace P(k) ~ r^|k|, r = exp(-1/b): E|X| = 2r / (1 - r^2);
        # P(|X| > k) = 2 r^(k+1) / (1 + r)
        r = math.exp(-1 / scale)
        k = 0
        while 2 * r ** (k + 1) / (1 + r) > 0.05:
            k += 1
        return f"{2 * r / (1 - r * r):.4g}", f"{k}"
    if pure:
        return f"{scale:.4g}", f"{scale * math.log(20):.4g}"
    return f"{scale * math.sqrt(2 / math.pi):.4g}", f"{1.96 * scale:.4g}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=200)
    args = parser.parse_args()
    frame = pd.read_csv(TABLE)
    started = time.perf_counter()
    print(f"{len(frame)} rows of {TABLE.name}; {args.reps} repetitions per row\n")
    print(f"{'query':36s} {'eps':>4s} {'delta':>6s} {'mechanism':30s} {'MAE':>9s} "
          f"{'MAE exp.':>10s} {'p95':>9s} {'p95 exp.':>9s}")
    for epsilon, delta in SETTINGS:
        for text in QUERIES:
            query = resolve_query(parse_query(text), columns=list(frame.columns), bounds={},
                                  categories={"department": DEPARTMENTS}, source="bench")
            [calibrated] = calibrate([query], epsilon=epsilon, delta=delta)
            answers = [evaluate([calibrated], frame)[0] for _ in range(args.reps)]
            err = errors(text, answers, exact(text, frame))
            mae_exp, p95_exp = analytic(calibrated, frame, delta is None)
            mechanism = calibrated.parts[0].mechanism.split(" (")[0]
            print(f"{text:36s} {epsilon:4g} {delta or 0:6g} {mechanism:30s} "
                  f"{err.mean():9.4g} {mae_exp:>10s} {np.quantile(err, 0.95):9.4g} "
                  f"{p95_exp:>9s}")
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
