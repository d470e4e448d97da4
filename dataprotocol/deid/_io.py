"""Scrub files: .txt (per line), .csv, .jsonl, .parquet -- all or nothing.

Input is read and validated completely before anything is written; output goes
through ``dataprotocol._files.atomic_path``, so a failure leaves no partial file.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
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
               on_total: Callable[[int], None] | None = None) -> ScrubFileReport:
    """Scrub ``source`` into ``out`` (same format). Raises ``InputError`` before writing."""
    src, dst = check_paths(source, out, batch_size=batch_size, n_process=n_process)
    tick = progress or (lambda n: None)
    if src.suffix.lower() == ".txt":
        if text_columns or pii_columns:
            raise InputError("--text-column / --pii-column apply to tables, not .txt", field="text_column")
        return _scrub_txt(scrubber, src, dst, batch_size=batch_size, tick=tick, on_total=on_total)
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


def _scrub_txt(scrubber: Scrubber, src: Path, dst: Path, *, batch_size: int, tick: Progress,
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
    for result in scrubber.iter_scrub(lines, batch_size=batch_size):
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
