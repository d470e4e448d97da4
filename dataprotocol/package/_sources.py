"""Reading the input table of ``publish`` as a stream of Arrow record batches.

CSV, JSON Lines and Parquet are read with pyarrow's streaming readers, so a 1 GB input
never sits in memory at once. CSV and JSONL column types are inferred once from the
first 8 MiB, then the file is streamed in 1 MiB blocks with those types fixed (pyarrow's
readers keep many blocks in flight: small blocks keep peak memory flat). A later value
that does not fit the inferred type is reported as an ``InputError``.

Text must be UTF-8, as ``scrub`` requires: a Latin-1 file would otherwise come through
as binary columns that the scrubber never sees (``b'na\\xefve M\\xfcller'`` stored
unscrubbed). Error messages name the file, the row and the column -- never a cell
value: pyarrow quotes the offending row or value, so its messages are rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.json as pa_json
import pyarrow.parquet as pq

from dataprotocol._files import check_input_file
from dataprotocol.errors import InputError
from dataprotocol.package._storage import locate

__all__ = ["TableSource", "open_source", "FORMATS"]

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
           ".parquet": "parquet", ".pq": "parquet"}
_INFER_BLOCK = 8 * 1024 * 1024
_STREAM_BLOCK = 1024 * 1024
#: Parquet batches: at most this many rows, and about _PARQUET_BATCH_BYTES of data
PARQUET_BATCH_ROWS = 65_536
_PARQUET_BATCH_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class TableSource:
    """A table file: its format and how to stream it."""

    path: str
    kind: str
    types: pa.Schema | None = None  # CSV / JSONL: the inferred column types, fixed
    #: the first ragged CSV row pyarrow met: (row number, fields, expected fields)
    _ragged: list[tuple[int | None, int, int]] = field(default_factory=list, compare=False,
                                                       repr=False)

    def _open(self) -> Any:
        location = locate(self.path)
        if location.is_local:
            return self.path
        return location.fs.open(location.root, "rb")

    def _reader(self, *, infer: bool = False) -> Any:
        handle = self._open()
        block = _INFER_BLOCK if infer or self.types is None else _STREAM_BLOCK
        if self.kind == "csv":
            convert = pa_csv.ConvertOptions(column_types=self.types) if self.types and not infer else None
            return pa_csv.open_csv(handle, read_options=pa_csv.ReadOptions(block_size=block),
                                   parse_options=pa_csv.ParseOptions(
                                       invalid_row_handler=self._on_ragged_row),
                                   convert_options=convert)
        if self.kind == "jsonl":
            parse = pa_json.ParseOptions(explicit_schema=self.types) if self.types and not infer else None
            return pa_json.open_json(handle, read_options=pa_json.ReadOptions(block_size=block),
                                     parse_options=parse)
        return pq.ParquetFile(handle)

    def _on_ragged_row(self, row: Any) -> str:
        self._ragged.append((row.number, row.actual_columns, row.expected_columns))
        return "error"

    def _ragged_row_number(self) -> int | None:
        """Threaded parsing does not know row numbers: on this error path, re-read the
        file on one thread, which does."""
        rows: list[int | None] = []

        def note(row: Any) -> str:
            rows.append(row.number)
            return "error"

        try:
            reader = pa_csv.open_csv(self._open(), read_options=pa_csv.ReadOptions(
                use_threads=False, block_size=_STREAM_BLOCK),
                parse_options=pa_csv.ParseOptions(invalid_row_handler=note))
            for _ in reader:
                pass
        except (pa.ArrowException, OSError):
            pass
        return rows[0] if rows else None

    def _fail(self, exc: Exception) -> InputError:
        return InputError(f"cannot read {self.kind} input: {self._describe(exc)}", file=self.path,
                          expected=f"a well-formed UTF-8 {self.kind} table with consistent "
                          "column types")

    def _describe(self, exc: Exception) -> str:
        """pyarrow's message without the cell values it quotes."""
        if self._ragged:
            number, got, expected = self._ragged[0]
            number = number or self._ragged_row_number()
            where = f"row {number} (the header is row 1)" if number else "a row"
            return f"{where} has {got} fields, expected {expected}"
        if isinstance(exc, UnicodeDecodeError):
            return f"text is not valid UTF-8 (byte {exc.start})"
        return _redact(str(exc), self.types)

    def schema(self) -> pa.Schema:
        if self.types is not None:
            return self.types
        try:
            reader = self._reader(infer=True)
            schema: pa.Schema = reader.schema_arrow if self.kind == "parquet" else reader.schema
        except (pa.ArrowException, OSError, UnicodeDecodeError) as exc:
            raise self._fail(exc) from exc
        if self.kind != "parquet":
            reader.close()
        self._check_schema(schema)
        return schema

    def _check_schema(self, schema: pa.Schema) -> None:
        try:
            names = [f.name for f in schema]
        except UnicodeDecodeError as exc:  # pyarrow decodes header names lazily
            raise InputError("the header is not valid UTF-8", file=self.path, line=1,
                             expected="a UTF-8 file (re-encode it, e.g. iconv -f latin1 -t utf-8)"
                             ) from exc
        duplicate = next((n for n in names if names.count(n) > 1), None)
        if duplicate is not None:
            raise InputError(f"column {duplicate!r} appears twice", file=self.path,
                             expected="unique column names")
        binary = [f.name for f in schema if pa.types.is_binary(f.type) or
                  pa.types.is_large_binary(f.type)]
        if binary and self.kind != "parquet":
            raise InputError(f"column {binary[0]!r} is not valid UTF-8 text", file=self.path,
                             expected="a UTF-8 file (re-encode it, e.g. iconv -f latin1 -t utf-8)")

    def batches(self) -> Iterator[pa.RecordBatch]:
        try:
            reader = self._reader()
            if self.kind == "parquet":
                yield from reader.iter_batches(batch_size=_parquet_batch_rows(reader.metadata))
                return
            for batch in reader:
                batch.validate(full=True)  # pyarrow's JSON reader lets invalid UTF-8 through
                yield batch
        except (pa.ArrowException, OSError, UnicodeDecodeError) as exc:
            raise self._fail(exc) from exc

    def count_rows(self) -> int:
        """Number of rows (Parquet: from the footer; else one streaming pass)."""
        if self.kind == "parquet":
            try:
                return int(self._reader().metadata.num_rows)
            except (pa.ArrowException, OSError) as exc:
                raise self._fail(exc) from exc
        return sum(batch.num_rows for batch in self.batches())


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_COLUMN_NUMBER = re.compile(r"column #?(\d+)")


def _redact(message: str, schema: pa.Schema | None) -> str:
    """Drop what pyarrow quotes from the data (a value, a row), keep where it happened."""
    message = message.split("\n", 1)[0]
    message = re.sub(r"(got \d+)\s*:.*", r"\1", message)  # "Expected 3 columns, got 5: <row>"
    message = re.sub(r"(invalid value)\s*'.*", r"\1", message)
    message = re.sub(r"(Invalid value)[^.]*", r"\1", message)
    message = _QUOTED.sub("'…'", message)
    match = _COLUMN_NUMBER.search(message)
    if match and schema is not None and int(match.group(1)) < len(schema):
        message += f" (column {schema[int(match.group(1))].name!r})"
    return message


def _parquet_batch_rows(metadata: Any) -> int:
    """Rows per batch so a batch holds about 8 MiB even when rows are long texts."""
    rows = max(int(metadata.num_rows), 1)
    size = sum(metadata.row_group(i).total_byte_size for i in range(metadata.num_row_groups))
    return max(1, min(PARQUET_BATCH_ROWS, int(_PARQUET_BATCH_BYTES * rows / max(size, 1))))


def open_source(path: str | Path) -> TableSource:
    text = str(path)
    suffix = Path(text.split("?")[0]).suffix.lower()
    kind = FORMATS.get(suffix)
    if kind is None:
        raise InputError("unsupported input format", file=text,
                         expected="a .csv, .jsonl/.ndjson or .parquet file")
    location = locate(text)
    if location.is_local:
        # a FIFO or /dev/zero would hang
        check_input_file(text if "://" not in text else location.root, what="input file")
    elif not location.root_exists():
        raise InputError("input file not found", file=text)
    source = TableSource(path=text, kind=kind)
    if kind == "parquet":
        return source
    return TableSource(path=text, kind=kind, types=source.schema())
