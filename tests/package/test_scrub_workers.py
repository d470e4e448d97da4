"""``publish`` (local engine) scrubs every record batch on one set of worker processes."""

from __future__ import annotations

import multiprocessing.pool
from typing import Any

import pyarrow as pa
import pytest


def test_worker_processes_are_forked_once_for_all_batches(scrubber: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # four record batches of 80 notes (more than a spaCy batch each): the pool used to be
    # forked anew for every batch
    from dataprotocol.deid import ScrubConfig, _parallel
    from dataprotocol.package._scrub import ScrubPlan, scrub_batches

    keyed = scrubber.reconfigured(ScrubConfig(operator="pseudonym", key=bytes(range(32))))
    notes = [f"Ticket {i}: Ann Lee (ann{i}@example.org) called." for i in range(320)]
    batches = [pa.RecordBatch.from_pydict({"id": list(range(i, i + 80)), "note": notes[i:i + 80]})
               for i in range(0, 320, 80)]

    def run() -> list[pa.RecordBatch]:
        plan = ScrubPlan.make(text_columns=["note"], pii_columns={}, pseudonym_key=None, scrubber=keyed,
                              schema=batches[0].schema, source="in.csv")
        return list(scrub_batches(iter(batches), plan))

    monkeypatch.setattr(_parallel, "default_processes", lambda: 1)
    serial = run()
    started: list[int] = []
    original = multiprocessing.pool.Pool.__init__

    def counting(self: Any, *args: Any, **kwargs: Any) -> None:
        started.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(multiprocessing.pool.Pool, "__init__", counting)
    monkeypatch.setattr(_parallel, "default_processes", lambda: 2)
    parallel = run()
    assert len(started) == 1
    assert [b.to_pydict() for b in parallel] == [b.to_pydict() for b in serial]
    assert not any("Ann Lee" in note for b in serial for note in b.column("note").to_pylist())
