"""JSON lines for ``scrub_file``: read a chunk of records at a time, write each back as it was.

A record is parsed with :mod:`json`, its scrubbed fields are replaced and it is written
back with every other value as parsed -- an integer stays an integer, a key a record
lacks stays absent, nested values are kept -- so no column type has to be inferred from
the whole file (pandas' ``DataFrame(records)`` did: ``1`` became ``1.0`` next to a
missing value, absent keys became ``null``), and the input can stream like CSV and
Parquet. One cheap pass first (:func:`jsonl_shape`) finds every key and which hold text,
so the columns chosen by default and the unknown-column check see the whole file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dataprotocol.errors import InputError

if TYPE_CHECKING:
    from dataprotocol.deid._types import FrameResult

__all__ = ["JsonlShape", "encode_records", "jsonl_chunks", "jsonl_shape", "scrub_records"]

Record = dict[str, Any]


def jsonl_chunks(path: Path, rows: int, lines: Callable[[Path], Iterable[tuple[int, str]]]
                 ) -> Iterator[tuple[int, list[Record]]]:
    """``(first record, up to ``rows`` records)``; blank lines are skipped. ``lines``
    yields ``(line number, text)`` (``_chunks``: split at ``\\n``, UTF-8 checked)."""
    records: list[Record] = []
    first = 0
    for number, line in lines(path):
        if not line.strip():
            continue
        records.append(_parse(line, path, number))
        if len(records) == rows:
            yield first, records
            first, records = first + len(records), []
    if records:
        yield first, records


def _parse(line: str, path: Path, number: int) -> Record:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg}", file=path, line=number) from exc
    except RecursionError as exc:
        raise InputError("malformed JSON: nested too deeply", file=path, line=number) from exc
    if not isinstance(value, dict):
        raise InputError(f"a line holds a JSON {type(value).__name__}, not an object", file=path, line=number,
                         expected="one JSON object per line")
    return value


@dataclass
class JsonlShape:
    """Every key of the file in first-seen order, the keys holding text, and the records."""

    columns: list[str] = field(default_factory=list)
    #: keys with a string (or list / object, scanned as text) in some record
    text_like: list[str] = field(default_factory=list)
    records: int = 0


def jsonl_shape(chunks: Iterable[tuple[int, list[Record]]]) -> JsonlShape:
    seen: dict[str, bool] = {}
    shape = JsonlShape()
    for _, records in chunks:
        shape.records += len(records)
        for record in records:
            for key, value in record.items():
                textual = isinstance(value, (str, list, dict))
                if not seen.get(key, False):
                    seen[key] = textual
    shape.columns = list(seen)
    shape.text_like = [key for key, textual in seen.items() if textual]
    return shape


def scrub_records(records: list[Record], columns: list[str],
                  scrub: Callable[[Any], FrameResult]) -> tuple[list[Record], FrameResult]:
    """The records with ``columns`` replaced by ``scrub``'s frame (``scrub_frame`` on a
    frame of just those columns, as objects: no type inference); other values untouched.
    A list or object in such a column is scrubbed as its JSON text (which replaces it
    where the scrub changed something)."""
    import pandas as pd

    frame = pd.DataFrame({c: pd.Series([_cell(r.get(c)) for r in records], dtype=object) for c in columns},
                         index=pd.RangeIndex(len(records)))
    result = scrub(frame)
    new = {c: result.frame[c].tolist() for c in columns}
    cells = {c: frame[c].tolist() for c in columns}
    out = []
    for i, record in enumerate(records):
        copy = dict(record)
        for c in columns:
            # absent stays absent, null stays null, and a value the scrub left as it was
            # keeps its JSON type (a number, a list)
            if c in copy and not _missing(copy[c]) and new[c][i] != _text(cells[c][i]):
                copy[c] = new[c][i]
        out.append(copy)
    return out, result


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _text(value: Any) -> Any:
    return value if isinstance(value, str) else str(value)


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def encode_records(records: Iterable[Record]) -> bytes:
    """One compact JSON object per line, UTF-8 (``\\uXXXX`` only for a lone surrogate,
    which UTF-8 cannot carry, as the input must have written it)."""
    lines = []
    for record in records:
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        try:
            lines.append(text.encode("utf-8"))
        except UnicodeEncodeError:
            lines.append(json.dumps(record, separators=(",", ":")).encode("ascii"))
    return b"".join(line + b"\n" for line in lines)
