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


def test_csv_progress_total_counts_records_not_lines(tmp_path: Path, scrubber: Any) -> None:
    # quoted fields with newlines (and doubled quotes) are one record each, across the 1 MiB
    # blocks the count reads; the bar's total used to be unknown for CSV
    import pandas as pd

    from dataprotocol.deid import scrub_file

    rows = ["Ann Lee called.", 'Line one\nline "two"\n\n' + "x" * 1500 + "\nline four", "bo@example.org"] * 1500
    src = tmp_path / "in.csv"
    pd.DataFrame({"id": [str(i) for i in range(len(rows))], "note": rows}).to_csv(src, index=False)
    assert src.stat().st_size > 2 << 20 and src.read_bytes().count(b"\n") > 2 * len(rows)
    totals: list[int] = []
    done: list[int] = []
    report = scrub_file(scrubber, src, tmp_path / "out.csv", pii_columns={"note": "PERSON"}, n_process=1,
                        on_total=totals.append, progress=done.append)
    assert totals == [len(rows)] == [report.documents] == [sum(done)]


@pytest.mark.parametrize(("content", "records"), [
    (b"a,b\n1,2\n3,4", 2), (b"a,b\n1,2\n3,4\n", 2), (b'a,b\n1,"x\ny"\n', 1), (b'a,b\n1,"say ""hi""\n!"\n2,3\n', 2),
    (b"a\n", 0),
])
def test_csv_row_count_small_cases(tmp_path: Path, content: bytes, records: int) -> None:
    import io

    import pandas as pd

    from dataprotocol.deid._chunks import row_count

    (tmp_path / "in.csv").write_bytes(content)
    assert row_count(tmp_path / "in.csv", ".csv") == records == len(pd.read_csv(io.BytesIO(content), dtype=str))
