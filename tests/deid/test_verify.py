"""``deid.verify_file``: raises on residual PII by default (types and counts, never the
text); ``raise_on_failure=False`` is the report mode the CLI displays."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dataprotocol.cli.main import main
from dataprotocol.deid import _verify, verify_file
from dataprotocol.errors import AuditFailed, InputError


def test_residue_raises_by_default_naming_types_not_text(tmp_path: Path, scrubber: Any) -> None:
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("Call Ann Lee at 555-123-4567.\n")
    with pytest.raises(AuditFailed) as info:
        verify_file(scrubber, dirty)
    assert any(f.startswith("PHONE_NUMBER: ") for f in info.value.failures)
    assert str(dirty) in str(info.value) and "555" not in str(info.value) and "Ann" not in str(info.value)
    report = verify_file(scrubber, dirty, raise_on_failure=False)
    assert not report.clean and report.residual["PHONE_NUMBER"] == 1
    assert [f"{k}: {n}" for k, n in report.residual.items()] == list(info.value.failures)


def test_clean_output_returns_the_report(tmp_path: Path, scrubber: Any) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Call <PERSON> at <PHONE_NUMBER> or PERSON_1a2b3c4d.\n")
    report = verify_file(scrubber, clean)
    assert report.clean and report.documents == 1  # one line: the final newline ends it (as scrub reads it)


def _rows(n: int, dirty: set[int]) -> list[dict[str, Any]]:
    """``n`` records, a phone number in the note of the 1-based rows in ``dirty``."""
    return [{"id": i, "note": ("Call 555-123-4567 today." if i in dirty else "Seen by <PERSON>, all fine."),
             "tag": "ok"} for i in range(1, n + 1)]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_tables_stream_in_chunks_and_name_row_and_column(tmp_path: Path, scrubber: Any, suffix: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 4 rows over 11: every cell is scanned once and a residue is located
    by its row and column across chunk boundaries; the counts are the whole file's."""
    monkeypatch.setattr(_verify, "_ROWS", 4)
    rows = _rows(11, {2, 9})
    path = tmp_path / f"out{suffix}"
    frame = pd.DataFrame(rows)
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".parquet":
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, row_group_size=3)
    else:
        path.write_text("".join(__import__("json").dumps(r) + "\n" for r in rows))
    report = verify_file(scrubber, path, raise_on_failure=False)
    text_cells = 11 * (3 if suffix == ".csv" else 2)  # a CSV is read as strings: id too
    assert report.documents == text_cells
    assert report.residual == {"PHONE_NUMBER": 2}
    assert [(loc["row"], loc["column"]) for loc in report.locations] == [(2, "note"), (9, "note")]
    chosen = verify_file(scrubber, path, text_columns=["tag"])
    assert chosen.clean and chosen.documents == 11


def test_locations_are_capped_but_counts_are_not(tmp_path: Path, scrubber: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_verify, "LOCATIONS_KEPT", 3)
    path = tmp_path / "dirty.txt"
    path.write_text("Call 555-123-4567 now.\n" * 7)
    report = verify_file(scrubber, path, raise_on_failure=False)
    assert report.residual == {"PHONE_NUMBER": 7} and report.documents == 7
    assert [loc["line"] for loc in report.locations] == [1, 2, 3]


def test_jsonl_lists_are_scanned_as_their_json_text(tmp_path: Path, scrubber: Any) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text('{"notes": ["fine", "Call 555-123-4567 now."]}\n{"notes": ["fine"]}\n')
    report = verify_file(scrubber, path, raise_on_failure=False)
    assert report.documents == 2 and report.residual == {"PHONE_NUMBER": 1}
    assert report.locations[0]["row"] == 1 and report.locations[0]["column"] == "notes"


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_a_missing_column_is_an_input_error_naming_it(tmp_path: Path, scrubber: Any, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    frame = pd.DataFrame(_rows(2, set()))
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".parquet":
        frame.to_parquet(path)
    else:
        frame.to_json(path, orient="records", lines=True)
    with pytest.raises(InputError) as info:
        verify_file(scrubber, path, text_columns=["nope"])
    assert info.value.field == "text_column" and "'nope'" in str(info.value)


def test_cli_bad_input_exits_2_before_any_model_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import dataprotocol.cli._deid as cli_deid

    def no_model(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a model was loaded for input that was bad from the start")

    monkeypatch.setattr(cli_deid, "_scrubber", no_model)
    bad = tmp_path / "out.xlsx"
    bad.write_text("x")
    assert main(["deid", "verify", str(bad)]) == 2
    assert main(["deid", "verify", str(tmp_path / "missing.csv")]) == 2
    err = capsys.readouterr().err
    assert "out.xlsx" in err and "missing.csv" in err and "Traceback" not in err


def test_cli_names_row_and_column_of_a_residue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "out.csv"
    pd.DataFrame(_rows(3, {3})).to_csv(path, index=False)
    assert main(["deid", "verify", str(path), "--text-column", "note"]) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert "row 3 column 'note'" in out and "555" not in out
