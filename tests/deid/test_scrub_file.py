"""``scrub_file`` on the local engine: chunk by chunk, worker processes kept for the whole file."""

from __future__ import annotations

import multiprocessing.pool
from pathlib import Path
from typing import Any

import pytest

LINES = [f"Ticket {i}: Ann Lee (ann{i}@example.org) called from 555-123-{1000 + i}." for i in range(40)]


def test_worker_processes_are_forked_once_for_all_chunks(tmp_path: Path, keyed: Any,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # 40 lines in chunks of 8: five chunks, each with more texts than a batch (so each
    # goes to the workers); the pool used to be forked anew for every chunk
    from dataprotocol.deid import scrub_file

    src = tmp_path / "in.txt"
    src.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    serial = scrub_file(keyed, src, tmp_path / "serial.txt", batch_size=2, n_process=1, chunk_rows=8)
    started: list[int] = []
    original = multiprocessing.pool.Pool.__init__

    def counting(self: Any, *args: Any, **kwargs: Any) -> None:
        started.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(multiprocessing.pool.Pool, "__init__", counting)
    parallel = scrub_file(keyed, src, tmp_path / "parallel.txt", batch_size=2, n_process=2, chunk_rows=8)
    assert len(started) == 1
    assert (tmp_path / "parallel.txt").read_bytes() == (tmp_path / "serial.txt").read_bytes()
    assert parallel.findings == serial.findings and serial.findings["EMAIL_ADDRESS"] == 40
