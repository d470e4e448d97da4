"""``Scrubber.scrub_frame``: declared PII columns whole-cell, free text scanned."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from dataprotocol.deid._types import FrameResult, Scrubbed
from dataprotocol.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["check_roles", "frame_texts", "scrub_frame"]


def _check_columns(df: pd.DataFrame, names: Sequence[str]) -> None:
    for name in names:
        if name not in df.columns:
            raise InputError(f"unknown column {name!r}", field=name,
                             expected="one of " + ", ".join(map(str, df.columns)))


def check_roles(df: pd.DataFrame, *, text_columns: Sequence[str], pii_columns: Mapping[str, str]) -> None:
    """Every named column exists and has one role; raises :class:`InputError`."""
    overlap = set(text_columns) & set(pii_columns)
    if overlap:
        raise InputError(f"column {sorted(overlap)[0]!r} is both a text and a PII column",
                         field=sorted(overlap)[0], expected="each column in one role")
    _check_columns(df, [*text_columns, *pii_columns])


def frame_texts(df: pd.DataFrame, text_columns: Sequence[str]) -> list[str]:
    """The texts :func:`scrub_frame` hands ``scrub_texts``, all columns in order (one call)."""
    return [str(v) for column in text_columns for v in df[column].tolist() if not _missing(v)]


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def scrub_frame(df: pd.DataFrame, *, text_columns: Sequence[str], pii_columns: Mapping[str, str],
                replace_value: Callable[[str, str], str],
                scrub_texts: Callable[[list[str]], Iterable[Scrubbed]]) -> FrameResult:
    """``replace_value(entity_type, value)`` for PII cells; ``scrub_texts(texts)`` gives one
    result per text, in order, for each text column (the engine: local or Ray)."""
    check_roles(df, text_columns=text_columns, pii_columns=pii_columns)
    out = df.copy()
    counts: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    unconfigured: Counter[str] = Counter()
    for column, entity_type in pii_columns.items():
        values = out[column].tolist()
        new = [v if _missing(v) else replace_value(entity_type, str(v)) for v in values]
        counts[entity_type] += sum(1 for v in values if not _missing(v))
        out[column] = _as_column(new)
    for column in text_columns:
        values = out[column].tolist()
        texts = [str(v) for v in values if not _missing(v)]
        scrubbed = iter(scrub_texts(texts))
        new = []
        for v in values:
            if _missing(v):
                new.append(v)
                continue
            result = next(scrubbed)
            counts.update(f.entity_type for f in result.findings)
            languages[result.language] += 1
            if not result.configured:
                unconfigured[result.language] += 1
            new.append(result.text)
        out[column] = _as_column(new)
    return FrameResult(out, dict(sorted(counts.items())), dict(sorted(languages.items())),
                       dict(sorted(unconfigured.items())))


def _as_column(values: list[Any]) -> Any:
    import pandas as pd

    return pd.Series(values, dtype="object").to_numpy(dtype=object)
