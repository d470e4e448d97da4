"""Reading the input table of ``publish`` as a stream of Arrow record batches.

CSV, JSON Lines and Parquet are read with pyarrow's streaming readers, so a 1 GB input
never sits in memory at once. CSV and JSONL column types are inferred once from the
first 8 MiB, then the file is streamed in 1 MiB blocks with those types fixed (pyarrow's
readers keep many blocks in flight: small blocks keep peak memory flat). A later value
that does not fit the inferred type is reported as an ``InputError``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.json as pa_json
import pyarrow.parquet as pq

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
                                   convert_options=convert)
        if self.kind == "jsonl":
            parse = pa_json.ParseOptions(explicit_schema=self.types) if self.types and not infer else None
            return pa_json.open_json(handle, read_options=pa_json.ReadOptions(block_size=block),
                                     parse_options=parse)
        return pq.ParquetFile(handle)

    def _fail(self, exc: Exception) -> InputError:
        return InputError(f"cannot read {self.kind} input: {exc}", file=self.path,
                          expected=f"a well-formed {self.kind} table with consistent column types")

    def schema(self) -> pa.Schema:
        if self.types is not None:
            return self.types
        try:
            reader = self._reader(infer=True)
            schema: pa.Schema = reader.schema_arrow if self.kind == "parquet" else reader.schema
        except (pa.ArrowException, OSError) as exc:
            raise self._fail(exc) from exc
        if self.kind != "parquet":
            reader.close()
        return schema

    def batches(self) -> Iterator[pa.RecordBatch]:
        try:
            reader = self._reader()
            if self.kind == "parquet":
                yield from reader.iter_batches(batch_size=_parquet_batch_rows(reader.metadata))
            else:
                yield from reader
        except (pa.ArrowException, OSError) as exc:
            raise self._fail(exc) from exc

    def count_rows(self) -> int:
        """Number of rows (Parquet: from the footer; else one streaming pass)."""
        if self.kind == "parquet":
            try:
                return int(self._reader().metadata.num_rows)
            except (pa.ArrowException, OSError) as exc:
                raise self._fail(exc) from exc
        return sum(batch.num_rows for batch in self.batches())


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
    if not location.fs.exists(location.root):
        raise InputError("input file not found", file=text)
    source = TableSource(path=text, kind=kind)
    if kind == "parquet":
        return source
    return TableSource(path=text, kind=kind, types=source.schema())
