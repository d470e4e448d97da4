"""``scrub_file`` in chunks: read, scrub and encode ``ROWS_PER_CHUNK`` rows at a time.

Both engines run the same three steps on the same chunks -- :func:`read_chunks`,
:func:`scrub_chunk` (which also encodes the chunk in the output format) and
:class:`Sink` -- the local engine in this process, the Ray engine with the read in a
Ray read task, ``scrub_chunk`` in the actors and the sink here. So the output is
byte-for-byte the same by construction, and memory stays a few chunks deep whatever
the input size (.jsonl too: its records are written back as parsed, ``_jsonl``).
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from dataprotocol.errors import InputError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from dataprotocol.deid._parallel import WorkerPool
    from dataprotocol.deid._scrubber import Scrubber
    from dataprotocol.deid._types import FrameResult

__all__ = ["ROWS_PER_CHUNK", "ChunkResult", "Layout", "Sink", "read_chunks", "row_count", "scrub_chunk"]

#: rows (or .txt lines) per chunk: one Ray task's work, one Parquet row group
ROWS_PER_CHUNK = 1024
#: one chunk of input: the lines of a .txt file, the records of a .jsonl file, or a
#: DataFrame of a table's rows
Chunk = Any


@dataclass(frozen=True)
class Layout:
    """How to scrub and encode a chunk (picklable: it travels to the Ray actors)."""

    suffix: str
    text_columns: tuple[str, ...] = ()
    pii_columns: tuple[tuple[str, str], ...] = ()
    batch_size: int = 64
    #: .parquet: the output schema (input types; scrubbed columns become strings)
    schema: Any = None
    #: rows per chunk
    rows: int = ROWS_PER_CHUNK


@dataclass
class ChunkResult:
    """A scrubbed chunk, encoded, with its counts (no value: safe to report)."""

    payload: bytes
    rows: int
    findings: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    unconfigured: dict[str, int] = field(default_factory=dict)


# -- reading ------------------------------------------------------------------------
def read_chunks(path: str | Path, suffix: str, rows: int = ROWS_PER_CHUNK) -> Iterator[tuple[int, Chunk]]:
    """``(first row, chunk of ``rows`` rows)`` in input order; every read failure is an
    :class:`InputError`."""
    path = Path(path)
    if suffix == ".txt":
        yield from _txt_chunks(path, rows)
    elif suffix == ".csv":
        yield from _csv_chunks(path, rows)
    elif suffix == ".parquet":
        yield from _parquet_chunks(path, rows)
    else:
        from dataprotocol.deid._jsonl import jsonl_chunks

        yield from jsonl_chunks(path, rows, _lines)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """``(line number, line)``, split at ``\\n`` only (as ``str.split``); a final newline
    ends the last line."""
    with _open(path) as handle:
        for number, raw in enumerate(handle, start=1):  # each raw line ends at b"\n" or the file's end
            yield number, _decode(raw[:-1] if raw.endswith(b"\n") else raw, path, number)


def _txt_chunks(path: Path, rows: int) -> Iterator[tuple[int, list[str]]]:
    lines: list[str] = []
    first = 0
    for _, line in _lines(path):
        lines.append(line)
        if len(lines) == rows:
            yield first, lines
            first, lines = first + len(lines), []
    if lines:
        yield first, lines


def _decode(raw: bytes, path: Path, line: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"input file is not valid UTF-8 (byte {exc.start} of the line)", file=path,
                         line=line, expected="UTF-8 text (re-encode the file, e.g. with iconv)") from exc


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read input file: {exc.strerror}", file=path) from exc


def _csv_chunks(path: Path, rows: int) -> Iterator[tuple[int, pd.DataFrame]]:
    import pandas as pd

    first = 0
    try:
        with pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=rows,
                         encoding="utf-8") as reader:
            for frame in reader:
                yield first, frame
                first += len(frame)
    except pd.errors.EmptyDataError as exc:
        raise InputError("input file is empty", file=path, expected="at least one record") from exc
    except UnicodeDecodeError as exc:
        raise InputError("input file is not valid UTF-8", file=path,
                         expected="UTF-8 text (re-encode the file, e.g. with iconv)") from exc
    except (ValueError, pd.errors.ParserError) as exc:
        raise InputError(f"malformed CSV: {exc}", file=path) from exc


def _parquet_chunks(path: Path, rows: int) -> Iterator[tuple[int, pd.DataFrame]]:
    import pyarrow.parquet as pq

    first = 0
    try:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=rows):
            yield first, batch.to_pandas()
            first += batch.num_rows
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read parquet: {exc}", file=path) from exc


def row_count(path: Path, suffix: str) -> int | None:
    """Rows (lines) the input holds, for a progress bar: .parquet from its footer, .txt,
    .jsonl and .csv by one pass over the bytes (no parsing; .csv: an estimate where it
    has blank lines, which pandas skips)."""
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    if suffix == ".txt":
        return _records(path, quoted=False)
    if suffix == ".csv":
        return max(0, _records(path, quoted=True) - 1)  # less the header
    with _open(path) as handle:  # .jsonl: the lines that are not blank
        return sum(1 for raw in handle if raw.strip())


def _records(path: Path, *, quoted: bool) -> int:
    """Lines, a final one without its newline included; ``quoted``: CSV records -- a
    newline between double quotes is inside a field. Doubled quotes (the CSV escape,
    RFC 4180) flip the state twice, so the parity of quotes seen says where we are."""
    records, inside, last = 0, False, b"\n"
    with _open(path) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            last = block[-1:]
            if not quoted or (not inside and b'"' not in block):
                records += block.count(b"\n")
                continue
            parts = block.split(b'"')
            records += sum(part.count(b"\n") for part in parts[1 if inside else 0::2])
            inside ^= (len(parts) - 1) % 2 == 1
    return records + (last != b"\n")


def parquet_schema(path: Path, frame: pd.DataFrame, scrubbed: set[str]) -> pa.Schema:
    """The output schema: the input's field per column, scrubbed columns as strings."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = pq.ParquetFile(path).schema_arrow
    return pa.schema([pa.field(str(c), pa.string()) if c in scrubbed else source.field(str(c))
                      for c in frame.columns])


# -- scrubbing + encoding -------------------------------------------------------------
def scrub_chunk(scrubber: Scrubber, layout: Layout, first: int, chunk: Chunk, *,
                pool: WorkerPool | None = None) -> ChunkResult:
    """Scrub one chunk (in this process, or on ``pool``'s workers, which outlive the
    chunk) and encode it as it goes into the output file."""
    def scrub_texts(texts: list[str]) -> list[Any]:
        # documents numbered from the chunk's first row in errors, on either path
        if pool is not None and len(texts) > layout.batch_size:
            return pool.map(texts, first=first)
        return list(scrubber.iter_scrub(texts, batch_size=layout.batch_size, first=first))

    if layout.suffix == ".txt":
        return _txt_result(scrub_texts(chunk))
    from dataprotocol.deid._frame import scrub_frame

    def scrub(frame: pd.DataFrame) -> FrameResult:
        return scrub_frame(frame, text_columns=layout.text_columns, pii_columns=dict(layout.pii_columns),
                           replace_value=scrubber.replace_value, scrub_texts=scrub_texts)

    if layout.suffix == ".jsonl":
        from dataprotocol.deid._jsonl import encode_records, scrub_records

        records, result = scrub_records(chunk, [*layout.text_columns, *(c for c, _ in layout.pii_columns)], scrub)
        return ChunkResult(encode_records(records), len(chunk), result.report, result.languages,
                           result.unconfigured)
    result = scrub(chunk)
    return ChunkResult(_encode(result.frame, layout, header=first == 0), len(chunk), result.report,
                       result.languages, result.unconfigured)


def _txt_result(results: list[Any]) -> ChunkResult:
    findings: dict[str, int] = {}
    languages: dict[str, int] = {}
    unconfigured: dict[str, int] = {}
    for result in results:
        for finding in result.findings:
            findings[finding.entity_type] = findings.get(finding.entity_type, 0) + 1
        if result.text.strip():
            languages[result.language] = languages.get(result.language, 0) + 1
            if not result.configured:
                unconfigured[result.language] = unconfigured.get(result.language, 0) + 1
    payload = "\n".join(r.text for r in results).encode("utf-8")
    return ChunkResult(payload, len(results), findings, languages, unconfigured)


def _encode(frame: pd.DataFrame, layout: Layout, *, header: bool) -> bytes:
    if layout.suffix == ".csv":
        return frame.to_csv(index=False, header=header).encode("utf-8")
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, schema=layout.schema, preserve_index=False)
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def pack(chunk: Chunk) -> bytes:
    """A chunk as one opaque value for a Ray block: no Arrow type inference on the way."""
    return pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(data: bytes) -> Chunk:
    return pickle.loads(data)  # our own read task's chunk, inside this run


# -- writing --------------------------------------------------------------------------
class Sink:
    """Appends encoded chunks to ``path`` (a temporary name: ``atomic_path`` renames it)."""

    def __init__(self, path: Path, suffix: str) -> None:
        self._path, self._suffix = path, suffix
        self._file: BinaryIO | None = None
        self._parquet: Any = None
        self._chunks = 0

    def write(self, payload: bytes) -> None:
        if self._suffix == ".parquet":
            self._write_parquet(payload)
        else:
            if self._file is None:
                self._file = self._path.open("wb")
            if self._suffix == ".txt" and self._chunks:
                self._file.write(b"\n")
            self._file.write(payload)
        self._chunks += 1

    def _write_parquet(self, payload: bytes) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.ipc.open_stream(payload).read_all()
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self._path, table.schema)
        self._parquet.write_table(table)

    def close(self, *, trailing: bytes = b"") -> None:
        if self._parquet is not None:
            self._parquet.close()
        if self._file is not None:
            self._file.write(trailing)
            self._file.close()
