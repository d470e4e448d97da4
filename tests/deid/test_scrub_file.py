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


# -- .jsonl: streamed, records written back as parsed ----------------------------------
def _jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    import json

    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_jsonl_records_are_written_back_as_parsed(tmp_path: Path, scrubber: Any) -> None:
    # pandas' DataFrame(records) turned 1 into 1.0 beside a missing value, wrote absent keys
    # as null and escaped "/"; now only the scrubbed values change
    import json

    from dataprotocol.deid import scrub_file

    records = [{"id": 1, "note": "Ann Lee called from 555-123-4567.", "url": "https://x.org/a", "n": 5},
               {"id": 2, "note": None, "score": 0.5},
               {"id": 12345678901234567890, "note": "Mail bo@example.org", "tags": ["a", "é"], "meta": {"k": 1}}]
    src = _jsonl(tmp_path / "in.jsonl", records)
    totals: list[int] = []
    report = scrub_file(scrubber, src, tmp_path / "out.jsonl", text_columns=["note"], n_process=1, chunk_rows=2,
                        on_total=totals.append)
    body = (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    out = [json.loads(line) for line in body.splitlines()]
    assert totals == [3] and report.documents == 3 and report.findings["PERSON"] == 1
    assert [r["note"] for r in out] == ["<PERSON> called from <PHONE_NUMBER>.", None, "Mail <EMAIL_ADDRESS>"]
    assert [{k: v for k, v in r.items() if k != "note"} for r in out] == [
        {k: v for k, v in r.items() if k != "note"} for r in records]
    assert [list(r) for r in out] == [list(r) for r in records]  # same keys, same order, none added
    assert '"id":1,' in body and '"n":5' in body and "https://x.org/a" in body and '"é"' in body


def test_jsonl_default_columns_and_checks_see_the_whole_file(tmp_path: Path, scrubber: Any) -> None:
    # a key that first holds text after the first chunk is still scrubbed by default
    import json

    from dataprotocol.deid import scrub_file
    from dataprotocol.errors import InputError

    records: list[dict[str, Any]] = [{"id": i, "code": i} for i in range(5)]
    records.append({"id": 5, "code": "Call Ann Lee at 555-123-4567.", "contact": "ann@example.org"})
    src = _jsonl(tmp_path / "in.jsonl", records)
    scrub_file(scrubber, src, tmp_path / "out.jsonl", n_process=1, chunk_rows=2)
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert out[:5] == records[:5]  # numbers in a scanned column with nothing found stay numbers
    assert out[5] == {"id": 5, "code": "Call <PERSON> at <PHONE_NUMBER>.", "contact": "<EMAIL_ADDRESS>"}
    scrub_file(scrubber, src, tmp_path / "late.jsonl", pii_columns={"contact": "EMAIL_ADDRESS"}, chunk_rows=2,
               n_process=1)  # named, though absent from the first chunk
    with pytest.raises(InputError, match="unknown column 'nope'"):
        scrub_file(scrubber, src, tmp_path / "bad.jsonl", text_columns=["nope"], chunk_rows=2, n_process=1)


def test_jsonl_is_read_a_chunk_at_a_time(tmp_path: Path) -> None:
    # the whole file used to be parsed before the first chunk came out
    from dataprotocol.deid._chunks import read_chunks
    from dataprotocol.errors import InputError

    src = tmp_path / "in.jsonl"
    src.write_text("".join(f'{{"id": {i}}}\n' for i in range(10)) + "{not json}\n", encoding="utf-8")
    chunks = read_chunks(src, ".jsonl", 4)
    assert next(chunks) == (0, [{"id": i} for i in range(4)])
    with pytest.raises(InputError, match="malformed JSON") as caught:
        list(chunks)
    assert caught.value.line == 11


@pytest.mark.parametrize(("content", "message"), [
    ("[1, 2]\n", "not an object"), ('{"a": 1}\n\n  \n"x"\n', ":4: a line holds a JSON str"), ("\n \n", "empty")])
def test_jsonl_bad_lines_are_input_errors(tmp_path: Path, scrubber: Any, content: str, message: str) -> None:
    from dataprotocol.deid import scrub_file
    from dataprotocol.errors import InputError

    src = tmp_path / "in.jsonl"
    src.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        scrub_file(scrubber, src, tmp_path / "out.jsonl", n_process=1)
    assert not (tmp_path / "out.jsonl").exists()


def test_jsonl_lone_surrogate_is_written_escaped() -> None:
    # UTF-8 cannot carry a lone surrogate (an escaped \ud800 in the input): that line keeps \u escapes
    from dataprotocol.deid._jsonl import encode_records

    assert encode_records([{"a": "é"}, {"a": "\ud800", "b": "é"}]) == (
        '{"a":"é"}\n'.encode() + b'{"a":"\\ud800","b":"\\u00e9"}\n')


def test_read_frame_jsonl_splits_at_newlines_only(tmp_path: Path) -> None:
    # read_frame (deid verify) parses with the scrubber's reader; str.splitlines() cut a
    # record at a raw U+2028 inside a string (valid JSON) and called it malformed
    from dataprotocol.deid._io import read_frame

    src = tmp_path / "in.jsonl"
    src.write_text('{"note": "a\u2028b", "id": 1}\r\n\n{"id": 2}\n', encoding="utf-8")
    frame = read_frame(src)
    assert frame["note"].tolist()[0] == "a\u2028b" and len(frame) == 2
