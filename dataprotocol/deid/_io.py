"""Scrub files: .txt (per line), .csv, .jsonl, .parquet -- all or nothing.

Input is read and validated completely before anything is written; output goes
through ``dataprotocol._files.atomic_path``, so a failure leaves no partial file.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dataprotocol._files import (
    atomic_path,
    atomic_write_text,
    check_distinct,
    check_input_file,
    check_write_target,
    read_text,
)
from dataprotocol.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from dataprotocol.deid._scrubber import Scrubber
    from dataprotocol.deid._types import FrameResult, Scrubbed

__all__ = ["FORMATS", "ScrubFileReport", "check_paths", "scrub_file", "read_frame"]

FORMATS = (".txt", ".csv", ".jsonl", ".parquet")
_ROWS_PER_STEP = 256
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
    text = read_text(path, what="input file")  # UTF-8 check, missing file, directory
    if not text.strip():
        raise InputError("input file is empty", file=path, expected="at least one record")
    if suffix == ".jsonl":
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InputError(f"malformed JSON: {exc.msg}", file=path, line=number) from exc
        return pd.DataFrame(rows)
    import io

    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError) as exc:
        raise InputError(f"malformed CSV: {exc}", file=path) from exc




def scrub_file(scrubber: Scrubber, source: str | Path, out: str | Path, *,
               text_columns: Sequence[str] = (), pii_columns: Mapping[str, str] | None = None,
               batch_size: int = 64, n_process: int | None = None, progress: Progress | None = None,
               on_total: Callable[[int], None] | None = None, engine: str = "local",
               ray_address: str | None = None) -> ScrubFileReport:
    """Scrub ``source`` into ``out`` (same format). Raises ``InputError`` before writing.

    ``engine="ray"`` runs the scrubber on a Ray Data actor pool (``n_process`` actors,
    default: every available core) on a local Ray, or the cluster at ``ray_address`` /
    ``RAY_ADDRESS``; the output is byte-for-byte the local engine's.
    """
    from dataprotocol.deid._ray import check_engine

    src, dst = check_paths(source, out, batch_size=batch_size, n_process=n_process)
    check_engine(engine)
    tick = progress or (lambda n: None)
    run = _Run(scrubber, batch_size=batch_size, n_process=n_process, engine=engine, address=ray_address)
    if src.suffix.lower() == ".txt":
        if text_columns or pii_columns:
            raise InputError("--text-column / --pii-column apply to tables, not .txt", field="text_column")
        return _scrub_txt(run, src, dst, tick=tick, on_total=on_total)
    frame = read_frame(src)
    if frame.empty:
        raise InputError("input has no rows", file=src, expected="at least one record")
    columns = list(text_columns) or ([] if pii_columns else _default_text_columns(frame, src))
    counts: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    unconfigured: Counter[str] = Counter()
    parts = []
    if on_total:
        on_total(len(frame))
    if engine == "ray":
        result = run.frame_on_ray(frame, text_columns=columns, pii_columns=pii_columns or {})
        _write_frame(result.frame, dst)
        tick(len(frame))
        return ScrubFileReport(str(src), str(dst), len(frame), result.report, result.languages,
                               result.unconfigured)
    for start in range(0, len(frame), _ROWS_PER_STEP):
        part = frame.iloc[start:start + _ROWS_PER_STEP]
        result = scrubber.scrub_frame(part, text_columns=columns, pii_columns=pii_columns or {},
                                      batch_size=batch_size, n_process=n_process)
        parts.append(result.frame)
        counts.update(result.report)
        languages.update(result.languages)
        unconfigured.update(result.unconfigured)
        tick(len(part))
    import pandas as pd

    _write_frame(pd.concat(parts), dst)
    return ScrubFileReport(str(src), str(dst), len(frame), dict(counts), dict(languages), dict(unconfigured))


def text_like_columns(frame: pd.DataFrame) -> list[str]:
    """Columns holding strings (pandas 3 ``str`` dtype or ``object``)."""
    import pandas as pd

    return [str(c) for c in frame.columns
            if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype)]


def _default_text_columns(frame: pd.DataFrame, src: Path) -> list[str]:
    if "text" in frame.columns:
        return ["text"]
    columns = text_like_columns(frame)
    if not columns:
        raise InputError("no text column found", file=src, field="text_column",
                         expected="--text-column NAME or --pii-column NAME=TYPE")
    return columns


@dataclass(frozen=True)
class _Run:
    """How to scrub: the scrubber and the engine it runs on."""

    scrubber: Scrubber
    batch_size: int
    n_process: int | None
    engine: str
    address: str | None

    def texts(self, texts: Sequence[str]) -> Iterable[Scrubbed]:
        if self.engine != "ray":
            return self.scrubber.iter_scrub(texts, batch_size=self.batch_size)
        from dataprotocol.deid._parallel import default_processes
        from dataprotocol.deid._ray import scrub_texts_ray

        return scrub_texts_ray(self.scrubber.config, texts, batch_size=self.batch_size,
                               workers=self.n_process or default_processes(), address=self.address)

    def frame_on_ray(self, frame: pd.DataFrame, *, text_columns: Sequence[str],
                     pii_columns: Mapping[str, str]) -> FrameResult:
        """The whole table in one Ray run (one actor start-up), then the local frame logic."""
        from dataprotocol.deid._frame import check_roles, frame_texts, scrub_frame

        check_roles(frame, text_columns=text_columns, pii_columns=pii_columns)
        results = iter(self.texts(frame_texts(frame, text_columns)))
        return scrub_frame(frame, text_columns=text_columns, pii_columns=pii_columns,
                           replace_value=self.scrubber.replace_value,
                           scrub_texts=lambda texts: [next(results) for _ in texts])


def _scrub_txt(run: _Run, src: Path, dst: Path, *, tick: Progress,
               on_total: Callable[[int], None] | None) -> ScrubFileReport:
    text = read_text(src, what="input file")
    if not text.strip():
        raise InputError("input file is empty", file=src, expected="some text")
    trailing = "\n" if text.endswith("\n") else ""
    lines = (text[:-1] if trailing else text).split("\n")
    if on_total:
        on_total(len(lines))
    counts: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    unconfigured: Counter[str] = Counter()
    out = []
    for result in run.texts(lines):
        counts.update(f.entity_type for f in result.findings)
        if result.text.strip():
            languages[result.language] += 1
            unconfigured[result.language] += not result.configured
        out.append(result.text)
        tick(1)
    atomic_write_text(dst, "\n".join(out) + trailing)
    return ScrubFileReport(str(src), str(dst), len(lines), dict(counts), dict(languages),
                           {k: v for k, v in unconfigured.items() if v})


def _write_frame(frame: pd.DataFrame, dst: Path) -> None:
    suffix = dst.suffix.lower()
    with atomic_path(dst) as tmp:
        if suffix == ".csv":
            frame.to_csv(tmp, index=False)
        elif suffix == ".jsonl":
            frame.to_json(tmp, orient="records", lines=True, force_ascii=False)
        else:
            frame.to_parquet(tmp, index=False)
