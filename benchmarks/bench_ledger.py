#!/usr/bin/env python3
"""Benchmark the budget ledger on SQLite and PostgreSQL, side by side.

Goals (issue 14): reserve+commit throughput and p50/p99 latency with 1 and 8 concurrent
writers on each backend; composing 1,000 runs (``status``) and verifying the chain
(``verify_chain``) each under 1 s on both.

    .venv/bin/python benchmarks/bench_ledger.py                   # starts a throw-away PostgreSQL
    .venv/bin/python benchmarks/bench_ledger.py --postgres URL    # an existing (empty) database
    .venv/bin/python benchmarks/bench_ledger.py --ops 10 --runs 200   # short

Each writer is a process doing OPS reserve+commit pairs on one shared dataset (a cap
large enough for all of them); the latency of a pair is timed in the writer. Every
reserve verifies the whole chain and recomposes the Rényi filter over all runs, so
latency grows with the ledger's length; the 8-writer figures are on a ledger that
already holds the 1-writer runs. The composition figures are on a fresh ledger of RUNS
committed runs (2 x RUNS entries), written in one transaction.

Sections are functions (``writer_section``, ``compose_section``) returning rows, so
other figures (e.g. cap ratios) can be added as further sections.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dataprotocol.budget import Ledger, MechanismEvent  # noqa: E402

EVENT = MechanismEvent(noise_multiplier=4.0, sample_rate=0.001, steps=10)
DELTA = 1e-6
Row = tuple[str, str, str]


def _writer(location: str, worker: int, ops: int, tag: str, barrier: Any, out: Any) -> None:
    ledger = Ledger(location, create=False)
    latencies = []
    barrier.wait()
    for i in range(ops):
        start = time.perf_counter()
        run_id = f"{tag}-w{worker}-{i}"
        ledger.reserve("ds", run_id=run_id, events=[EVENT], delta=DELTA)
        ledger.commit(run_id, events=[EVENT])
        latencies.append(time.perf_counter() - start)
    out.put(latencies)


def run_writers(location: str, *, writers: int, ops: int, tag: str) -> tuple[float, list[float]]:
    """(pairs per second overall, every pair's latency in seconds)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["dataprotocol.budget", "opacus.accountants.analysis.rdp"])
    barrier, out = ctx.Barrier(writers + 1), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(location, w, ops, tag, barrier, out))
             for w in range(writers)]
    for proc in procs:
        proc.start()
    barrier.wait()
    start = time.perf_counter()
    latencies = [x for _ in procs for x in out.get(timeout=1800)]
    wall = time.perf_counter() - start
    for proc in procs:
        proc.join()
        if proc.exitcode != 0:
            raise SystemExit(f"writer exited with {proc.exitcode}")
    return writers * ops / wall, latencies


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def writer_section(backends: dict[str, str], ops: int) -> list[Row]:
    rows: list[Row] = []
    for name, location in backends.items():
        Ledger(location).register_dataset("ds", epsilon_cap=1e6, delta_cap=DELTA)
        for writers in (1, 8):
            per_writer = ops if writers == 1 else max(1, ops // 4)
            rate, lat = run_writers(location, writers=writers, ops=per_writer,
                                    tag=f"{name}{writers}")
            rows.append((f"{name}: reserve+commit, {writers} writer(s)",
                         f"{rate:.1f} pairs/s", f"p50 {_pct(lat, 50) * 1e3:.1f} ms, "
                         f"p99 {_pct(lat, 99) * 1e3:.1f} ms ({len(lat)} pairs)"))
    return rows


def _fill(ledger: Ledger, runs: int) -> None:
    """RUNS reserved+committed runs in one transaction (the public path is O(n^2))."""
    from dataprotocol.budget._ledger import _append

    ledger.register_dataset("ds", epsilon_cap=1e6, delta_cap=DELTA)
    with ledger.store.write() as tx:
        entries: list[Any] = []
        for i in range(runs):
            for state in ("reserved", "committed"):
                entries.append(_append(tx, entries, run_id=f"run-{i}", dataset_id="ds",
                                       state=state, events=(EVENT,), delta=DELTA, meta={}))


def _best_of(fn: Callable[[], Any], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def compose_section(backends: dict[str, str], runs: int) -> list[Row]:
    rows: list[Row] = []
    for name, location in backends.items():
        ledger = Ledger(location)
        _fill(ledger, runs)
        assert ledger.verify_chain() == 2 * runs
        verify = _best_of(ledger.verify_chain)
        compose = _best_of(lambda: ledger.status("ds", with_prv=False))
        rows.append((f"{name}: verify_chain, {2 * runs} entries", f"{verify:.3f} s",
                     f"{verify:.2f}x the 1 s goal"))
        rows.append((f"{name}: compose {runs} runs (status, filter + RDP)", f"{compose:.3f} s",
                     f"{compose:.2f}x the 1 s goal"))
    return rows


def _postgres(url: str | None) -> Iterator[Callable[[], str]]:
    if url:
        yield lambda: url
        return
    from tests._postgres import start_server

    for server in start_server():
        yield server.new_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", help="URL of an empty database (default: start one)")
    parser.add_argument("--ops", type=int, default=40, help="pairs per writer (1 writer)")
    parser.add_argument("--runs", type=int, default=1000, help="runs to compose")
    args = parser.parse_args()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for new_pg in _postgres(args.postgres):
            if args.postgres and (args.ops and args.runs):
                raise SystemExit("--postgres: give a fresh database per section "
                                 "(--ops 0 or --runs 0)")
            if args.ops:
                rows += writer_section({"sqlite": f"{tmp}/w.sqlite", "postgresql": new_pg()},
                                       args.ops)
            if args.runs:
                rows += compose_section({"sqlite": f"{tmp}/c.sqlite",
                                         "postgresql": new_pg()}, args.runs)
    width = max(len(r[0]) for r in rows)
    for what, value, detail in rows:
        print(f"{what:<{width}}  {value:>14}  {detail}")


if __name__ == "__main__":
    main()
