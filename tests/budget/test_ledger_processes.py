"""Several processes on one ledger (SQLite file or PostgreSQL): no overspend, and a
SIGKILLed run stays spent."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pytest

from dataprotocol.budget import BudgetRefused, Ledger, MechanismEvent, filter_epsilon
from tests.budget import _workers

pytestmark = pytest.mark.slow
EVENT = MechanismEvent(**_workers.EVENT)
# forkserver: children fork from a clean, single-threaded server process (no pytest or
# torch threads inherited), which imports the accountant once for all of them.
if "forkserver" in multiprocessing.get_all_start_methods():
    CTX = multiprocessing.get_context("forkserver")
    CTX.set_forkserver_preload(["tests.budget._workers", "opacus.accountants.analysis.rdp", "psycopg"])
else:  # pragma: no cover - Windows / macOS fallback
    CTX = multiprocessing.get_context("spawn")


def _cap_for(runs: int) -> float:
    """A cap that admits exactly ``runs`` copies of EVENT (the cap also fixes the
    filter's delta shares, so iterate to a cap consistent with itself)."""
    cap = filter_epsilon([[EVENT]] * runs, delta=1e-5) * 1.05
    for _ in range(20):
        low = filter_epsilon([[EVENT]] * runs, delta=1e-5, epsilon_cap=cap)
        high = filter_epsilon([[EVENT]] * (runs + 1), delta=1e-5, epsilon_cap=cap)
        if low <= cap < high:
            return cap
        cap = (low + high) / 2
    raise AssertionError("no cap admits exactly that many runs")


def test_concurrent_reservations_from_several_processes_never_overspend(ledger_location):
    path = ledger_location
    cap = _cap_for(5)
    Ledger(path).register_dataset("ds", epsilon_cap=cap, delta_cap=1e-5)
    workers, attempts = 8, 2  # 8 processes, 16 attempts race for 5 slots
    barrier, results = CTX.Barrier(workers), CTX.Queue()
    procs = [CTX.Process(target=_workers.reserve_many,
                         args=(str(path), w, attempts, barrier, results)) for w in range(workers)]
    for proc in procs:
        proc.start()
    won = dict(results.get(timeout=240) for _ in procs)
    for proc in procs:
        proc.join(timeout=60)
        assert proc.exitcode == 0
    book = Ledger(path, create=False)
    status = book.status("ds", with_prv=False)
    assert sum(won.values()) == len(status.runs) == 5
    assert status.spent_epsilon <= cap
    assert book.verify_chain() == 5


def test_a_killed_run_keeps_its_reservation(ledger_location):
    path = ledger_location
    cap = _cap_for(1)
    Ledger(path).register_dataset("ds", epsilon_cap=cap, delta_cap=1e-5)
    ready = CTX.Event()
    proc = CTX.Process(target=_workers.reserve_then_hang, args=(str(path), ready))
    proc.start()
    try:
        assert ready.wait(timeout=240), "child never reserved"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(timeout=30)
    assert proc.exitcode == -signal.SIGKILL
    book = Ledger(path, create=False)
    assert book.verify_chain() == 1
    status = book.status("ds", with_prv=False)
    assert [(r.run_id, r.state) for r in status.runs] == [("doomed", "reserved")]
    assert status.spent_epsilon == pytest.approx(
        filter_epsilon([[EVENT]], delta=1e-5, epsilon_cap=cap))
    with pytest.raises(BudgetRefused):  # the dead run's budget is not given back
        book.reserve("ds", run_id="retry", events=[EVENT], delta=1e-5)
