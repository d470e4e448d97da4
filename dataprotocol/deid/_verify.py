"""Residual check: re-scan scrubbed output and report what still looks like PII.

Our own replacement tokens (``<PERSON>``, ``PERSON_7f3a2c1d``, ``<ENC:...>``) are not
residue. The report holds positions and types, never the text.

The file streams through in the scrubber's own chunks (``_chunks.read_chunks``: the
same readers, the same per-line split of .txt and the same checks of .jsonl), so a
table of any size is verified with a few thousand rows in memory; only the first
:data:`LOCATIONS_KEPT` residual locations are kept (the counts cover everything).

Like every ``verify_*`` it raises by default (:class:`~dataprotocol.errors.AuditFailed`
naming the residual types and counts), so a pipeline that forgets to look cannot ship
residue; ``raise_on_failure=False`` returns the :class:`VerifyReport` to display.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dataprotocol._files import check_input_file
from dataprotocol.deid._chunks import ROWS_PER_CHUNK, read_chunks
from dataprotocol.deid._io import FORMATS, text_like_columns
from dataprotocol.errors import AuditFailed, InputError

if TYPE_CHECKING:
    from dataprotocol.deid._scrubber import Scrubber

__all__ = ["LOCATIONS_KEPT", "TOKEN_PATTERN", "VerifyReport", "check_verify_path", "verify_file"]

TOKEN_PATTERN = re.compile(r"<ENC:[A-Z0-9_]+:[A-Za-z0-9_\-]+>|<[A-Z][A-Z0-9_]*>|\b[A-Z][A-Z0-9_]*_[0-9a-f]{6,16}\b")
#: residual locations a report keeps (in file order); counts are never truncated
LOCATIONS_KEPT = 100

#: (where, text): where is {"line": n} for .txt, {"row": n, "column": name} for tables
_Cell = tuple[dict[str, Any], str]


@dataclass
class VerifyReport:
    #: texts scanned: lines of a .txt file, non-empty text cells of a table
    documents: int
    residual: dict[str, int] = field(default_factory=dict)
    #: the first LOCATIONS_KEPT residual findings: document number, line or row and
    #: column, character offsets, type and recognizer (never the text)
    locations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.residual

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "clean": self.clean, "residual": self.residual,
                "total": sum(self.residual.values()), "locations": self.locations[:LOCATIONS_KEPT]}

    def raise_if_failed(self, where: str = "the file") -> None:
        """Raise :class:`AuditFailed` naming each residual type and its count (never the text)."""
        if not self.clean:
            raise AuditFailed(f"residual PII in {where} ({sum(self.residual.values())} finding(s) in "
                              f"{self.documents} documents)", [f"{k}: {n}" for k, n in self.residual.items()])


def verify_file(scrubber: Scrubber, path: str | Path, *, text_columns: Sequence[str] = (),
                min_score: float = 0.5, raise_on_failure: bool = True) -> VerifyReport:
    """Scan a scrubbed file (.txt per line; .csv / .jsonl / .parquet: ``text_columns``,
    default every column holding text); findings at ``min_score`` or above count as
    residue.

    Raises :class:`AuditFailed` when there is any (``raise_on_failure=False``: return the
    report either way); returns the clean report otherwise. Unreadable input, an unknown
    format or a named column the file lacks is an :class:`InputError`."""
    src = check_verify_path(path)
    suffix = src.suffix.lower()
    report = VerifyReport(documents=0)
    counts: Counter[str] = Counter()
    batch: list[_Cell] = []

    def scan() -> None:
        texts = [text for _, text in batch]
        for (where, text), result in zip(batch, scrubber.iter_scrub(texts), strict=True):
            report.documents += 1
            tokens = [(m.start(), m.end()) for m in TOKEN_PATTERN.finditer(text)]
            for f in result.findings:
                if f.score < min_score or any(s < f.end and f.start < e for s, e in tokens):
                    continue
                counts[f.entity_type] += 1
                if len(report.locations) < LOCATIONS_KEPT:
                    report.locations.append({"document": report.documents, **where, "start": f.start,
                                             "end": f.end, "entity_type": f.entity_type,
                                             "recognizer": f.recognizer})
        batch.clear()

    for cell in _cells(src, suffix, list(text_columns)):
        batch.append(cell)
        if len(batch) >= _BATCH:
            scan()
    scan()
    report.residual = dict(sorted(counts.items()))
    if raise_on_failure:
        report.raise_if_failed(str(src))
    return report


def check_verify_path(path: str | Path) -> Path:
    """The cheap checks, before a model loads: a known format, a regular readable file."""
    src = Path(path)
    suffix = src.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"unsupported input format {suffix or '(none)'!r}", file=src, expected=" / ".join(FORMATS))
    check_input_file(src, what="input file")
    return src


#: rows (or .txt lines) read at a time (the scrubber's chunk)
_ROWS = ROWS_PER_CHUNK
#: texts handed to the scrubber at once
_BATCH = 256


def _cells(src: Path, suffix: str, columns: list[str]) -> Iterator[_Cell]:
    """Every text to scan, in file order (row by row, the chosen columns in order)."""
    if suffix == ".txt":
        for first, lines in read_chunks(src, suffix, _ROWS):
            for offset, line in enumerate(lines):
                yield {"line": first + offset + 1}, line
        return
    if suffix == ".jsonl":
        yield from _jsonl_cells(src, columns)
        return
    seen = False
    for first, frame in read_chunks(src, suffix, _ROWS):
        if not seen:
            columns = _columns(src, columns, [str(c) for c in frame.columns], text_like_columns(frame))
            seen = True
        values = {c: frame[c].tolist() for c in columns}
        for offset in range(len(frame)):
            for c in columns:
                value = values[c][offset]
                if isinstance(value, str):
                    yield {"row": first + offset + 1, "column": c}, value


def _jsonl_cells(src: Path, columns: list[str]) -> Iterator[_Cell]:
    import json

    from dataprotocol.deid._jsonl import jsonl_shape

    shape = jsonl_shape(read_chunks(src, ".jsonl", _ROWS))  # one cheap pass: every key of the file
    if not shape.records:
        raise InputError("input file is empty", file=src, expected="at least one record")
    columns = _columns(src, columns, shape.columns, shape.text_like)
    for first, records in read_chunks(src, ".jsonl", _ROWS):
        for offset, record in enumerate(records):
            for c in columns:
                value = record.get(c)
                if isinstance(value, (list, dict)):  # scrubbed as its JSON text, so scanned as one
                    value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
                if isinstance(value, str):
                    yield {"row": first + offset + 1, "column": c}, value


def _columns(src: Path, wanted: list[str], present: list[str], text_like: list[str]) -> list[str]:
    for name in wanted:
        if name not in present:
            raise InputError(f"no column {name!r} in the file", file=src, field="text_column",
                             expected="one of the file's columns")
    return wanted or text_like
