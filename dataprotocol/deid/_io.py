"""Scrub files: .txt (per line), .csv, .jsonl, .parquet -- all or nothing.

The first chunk (.jsonl: every key of the file) is checked (rows, columns, roles)
before any model loads; the input then streams through in chunks (``_chunks``) into
``dataprotocol._files.atomic_path``, so a failure anywhere leaves no partial file.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dataprotocol._files import (
    atomic_path,
    check_distinct,
    check_input_file,
    check_write_target,
    read_text,
)
from dataprotocol.deid._chunks import (
    ROWS_PER_CHUNK,
    ChunkResult,
    Layout,
    Sink,
    parquet_schema,
    read_chunks,
    row_count,
    scrub_chunk,
)
from dataprotocol.deid._config import ScrubConfig
from dataprotocol.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from dataprotocol.deid._scrubber import Scrubber

__all__ = ["FORMATS", "ScrubFileReport", "check_paths", "scrub_file", "read_frame"]

FORMATS = (".txt", ".csv", ".jsonl", ".parquet")
Progress = Callable[[int], None]


@dataclass
class ScrubFileReport:
    """Counts only -- safe to print and to write with ``--report``."""

    input: str
    output: str
    documents: int
    findings: dict[str, int] = field(default_factory=dict)
    #: documents (text cells) per detected language
    languages: dict[str, int] = field(default_factory=dict)
    #: of those, documents in a language with no configured pipeline: NOT known clean
    unconfigured: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"input": self.input, "output": self.output, "documents": self.documents,
                "findings": dict(sorted(self.findings.items())), "total": sum(self.findings.values()),
                "languages": dict(sorted(self.languages.items())),
                "unconfigured": dict(sorted(self.unconfigured.items()))}


def _suffix(path: Path, *, role: str) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"unsupported {role} format {suffix or '(none)'!r}", file=path,
                         expected=" / ".join(FORMATS))
    return suffix


def check_paths(source: str | Path, out: str | Path, *, batch_size: int = 64,
                n_process: int | None = None) -> tuple[Path, Path]:
    """Cheap checks before any model is loaded: formats match, input is a regular file,
    output is not the input nor something we may not replace, batch sizes are positive
    (``n_process=None``: every available core)."""
    src, dst = Path(source), Path(out)
    if _suffix(src, role="input") != _suffix(dst, role="output"):
        raise InputError("output format differs from input", file=dst, expected=f"a {src.suffix} file")
    check_input_file(src, what="input file")
    check_distinct(src, dst)
    check_write_target(dst)
    for name, value in (("batch_size", batch_size), ("processes", n_process)):
        if value is not None and value < 1:
            raise InputError(f"{name.replace('_', '-')} must be at least 1", field=name,
                             expected="an integer >= 1")
    return src, dst


def read_frame(path: Path) -> pd.DataFrame:
    """Read .csv / .jsonl / .parquet as strings; every failure is an ``InputError``."""
    import pandas as pd

    suffix = _suffix(path, role="input")
    if suffix == ".parquet":
        try:
            return pd.read_parquet(path)
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read parquet: {exc}", file=path) from exc
    if suffix == ".jsonl":  # the scrubber's own reader: lines split at "\n" only, objects checked
        check_input_file(path, what="input file")
        rows = [record for _, chunk in read_chunks(path, suffix) for record in chunk]
        if not rows:
            raise InputError("input file is empty", file=path, expected="at least one record")
        return pd.DataFrame(rows)
    text = read_text(path, what="input file")  # UTF-8 check, missing file, directory
    if not text.strip():
        raise InputError("input file is empty", file=path, expected="at least one record")
    import io

    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError) as exc:
        raise InputError(f"malformed CSV: {exc}", file=path) from exc




def scrub_file(scrubber: Scrubber | ScrubConfig, source: str | Path, out: str | Path, *,
               text_columns: Sequence[str] = (), pii_columns: Mapping[str, str] | None = None,
               batch_size: int = 64, n_process: int | None = None, progress: Progress | None = None,
               on_total: Callable[[int], None] | None = None, engine: str = "local",
               ray_address: str | None = None, ray_actors: int | None = None,
               chunk_rows: int = ROWS_PER_CHUNK) -> ScrubFileReport:
    """Scrub ``source`` into ``out`` (same format). A failure leaves no output file.

    The input streams through in chunks, so memory does not grow with its size (.jsonl:
    records are written back as parsed, only the scrubbed values replaced).
    ``engine="ray"`` runs the scrubber on a Ray Data actor pool (``ray_actors`` actors,
    default: every CPU Ray has free) on a local Ray, or the cluster at ``ray_address`` /
    ``RAY_ADDRESS``; the output is byte-for-byte the local engine's. ``n_process`` is the
    local engine's worker processes. ``chunk_rows``: rows (lines) per chunk -- one Ray
    task's work, one Parquet row group.

    ``scrubber`` may be a :class:`ScrubConfig`: the Ray engine then loads no model in
    this process (each actor builds its own scrubber), and the local engine loads one
    after the input's first chunk passed its checks, before any worker is forked.
    """
    from dataprotocol.deid._ray import check_engine

    src, dst = check_paths(source, out, batch_size=batch_size, n_process=n_process)
    check_engine(engine, n_process=n_process, ray_actors=ray_actors)
    suffix = src.suffix.lower()
    layout = _layout(src, suffix, text_columns=text_columns, pii_columns=dict(pii_columns or {}),
                     batch_size=batch_size, rows=chunk_rows)
    if on_total:
        total = row_count(src, suffix)
        if total is not None:
            on_total(total)
    if engine != "ray" and isinstance(scrubber, ScrubConfig):
        from dataprotocol.deid._scrubber import Scrubber

        scrubber = Scrubber(scrubber)  # loaded before the worker pool forks: the workers share it
    report = ScrubFileReport(str(src), str(dst), 0)
    tick = progress or (lambda n: None)
    with atomic_path(dst) as tmp:
        sink = Sink(Path(tmp), suffix)
        try:
            # closed on a failure too, so worker processes stop now
            with contextlib.closing(_scrubbed_chunks(scrubber, src, layout, engine=engine, n_process=n_process,
                                                     address=ray_address, actors=ray_actors)) as chunks:
                for result in chunks:
                    sink.write(result.payload)
                    _add(report, result)
                    tick(result.rows)
        finally:
            sink.close(trailing=b"\n" if suffix == ".txt" and _ends_with_newline(src) else b"")
    report.unconfigured = {k: v for k, v in report.unconfigured.items() if v}
    return report


def _scrubbed_chunks(scrubber: Scrubber | ScrubConfig, src: Path, layout: Layout, *, engine: str,
                     n_process: int | None, address: str | None, actors: int | None) -> Generator[ChunkResult]:
    if engine == "ray":
        from dataprotocol.deid._ray import scrub_chunks_ray

        read = functools.partial(read_chunks, src, layout.suffix, layout.rows)
        config = scrubber if isinstance(scrubber, ScrubConfig) else scrubber.config
        yield from scrub_chunks_ray(read, config=config, layout=layout, actors=actors, address=address)
        return
    assert not isinstance(scrubber, ScrubConfig)  # scrub_file built it
    from dataprotocol.deid._parallel import default_processes

    processes = default_processes() if n_process is None else n_process
    # one pool for the whole file: forked once (on the first chunk that needs it), not per chunk
    with contextlib.ExitStack() as stack:
        pool = (stack.enter_context(scrubber.worker_pool(batch_size=layout.batch_size, n_process=processes))
                if processes > 1 else None)
        for first, chunk in read_chunks(src, layout.suffix, layout.rows):
            yield scrub_chunk(scrubber, layout, first, chunk, pool=pool)


def _add(report: ScrubFileReport, result: ChunkResult) -> None:
    report.documents += result.rows
    for total, part in ((report.findings, result.findings), (report.languages, result.languages),
                        (report.unconfigured, result.unconfigured)):
        for name, count in part.items():
            total[name] = total.get(name, 0) + count


def _layout(src: Path, suffix: str, *, text_columns: Sequence[str], pii_columns: dict[str, str],
            batch_size: int, rows: int) -> Layout:
    """Checks on the first chunk, before any model or Ray is started: rows, columns, roles."""
    if rows < 1:
        raise InputError("chunk_rows must be at least 1", field="chunk_rows", expected="an integer >= 1")
    first = next(read_chunks(src, suffix, rows), None)
    if suffix == ".txt":
        if text_columns or pii_columns:
            raise InputError("--text-column / --pii-column apply to tables, not .txt", field="text_column")
        if first is None or not _has_text(src):
            raise InputError("input file is empty", file=src, expected="some text")
        return Layout(suffix, batch_size=batch_size, rows=rows)
    if suffix == ".jsonl":
        frame, candidates = _jsonl_columns(src, rows)
    elif first is None or first[1].empty:
        raise InputError("input has no rows", file=src, expected="at least one record")
    else:
        frame, candidates = first[1], text_like_columns(first[1])
    from dataprotocol.deid._frame import check_roles

    columns = list(text_columns) or ([] if pii_columns else _default_text_columns(frame, candidates, src))
    check_roles(frame, text_columns=columns, pii_columns=pii_columns)
    schema = parquet_schema(src, frame, {*columns, *pii_columns}) if suffix == ".parquet" else None
    return Layout(suffix, tuple(columns), tuple(pii_columns.items()), batch_size, schema, rows)


def _jsonl_columns(src: Path, rows: int) -> tuple[pd.DataFrame, list[str]]:
    """An empty frame with every key of the file, and the keys holding text: one pass
    over the whole file (chunk by chunk), so a key first seen late is not missed."""
    import pandas as pd

    from dataprotocol.deid._jsonl import jsonl_shape

    shape = jsonl_shape(read_chunks(src, ".jsonl", rows))
    if not shape.records:
        raise InputError("input file is empty", file=src, expected="at least one record")
    return pd.DataFrame(columns=shape.columns), shape.text_like


def _has_text(src: Path) -> bool:
    return any(line.strip() for _, lines in read_chunks(src, ".txt") for line in lines)


def _ends_with_newline(src: Path) -> bool:
    with src.open("rb") as handle:
        if handle.seek(0, 2) == 0:
            return False
        handle.seek(-1, 2)
        return handle.read(1) == b"\n"


def text_like_columns(frame: pd.DataFrame) -> list[str]:
    """Columns holding strings (pandas 3 ``str`` dtype or ``object``)."""
    import pandas as pd

    return [str(c) for c in frame.columns
            if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype)]


def _default_text_columns(frame: pd.DataFrame, candidates: list[str], src: Path) -> list[str]:
    if "text" in frame.columns:
        return ["text"]
    columns = candidates
    if not columns:
        raise InputError("no text column found", file=src, field="text_column",
                         expected="--text-column NAME or --pii-column NAME=TYPE")
    return columns
