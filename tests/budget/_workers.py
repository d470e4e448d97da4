"""Child-process bodies for the multi-process ledger tests (importable under spawn)."""

from __future__ import annotations

import time
from typing import Any

from dataprotocol.budget import BudgetRefused, Ledger, MechanismEvent

EVENT = {"noise_multiplier": 1.0, "sample_rate": 0.02, "steps": 200}


def reserve_many(path: str, worker: int, attempts: int, barrier: Any, results: Any) -> None:
    """Race the other workers: try ``attempts`` reservations, report how many succeeded."""
    ledger = Ledger(path)
    event = MechanismEvent(**EVENT)
    barrier.wait()
    won = 0
    for attempt in range(attempts):
        try:
            ledger.reserve("ds", run_id=f"w{worker}-{attempt}", events=[event], delta=1e-5)
            won += 1
        except BudgetRefused:
            pass
    results.put((worker, won))


def reserve_then_hang(path: str, ready: Any) -> None:
    """Reserve a run, announce it, then 'train' until killed."""
    ledger = Ledger(path)
    ledger.reserve("ds", run_id="doomed", events=[MechanismEvent(**EVENT)], delta=1e-5,
                   meta={"note": "killed mid-training"})
    ready.set()
    while True:
        time.sleep(1)
