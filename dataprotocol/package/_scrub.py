"""The bridge from ``publish`` to the de-identification layer (``dataprotocol.deid``).

Batches are scrubbed one at a time (a pandas frame per Arrow batch), so scrubbing
streams like the rest of ``publish``. The report that goes into the manifest holds
counts per entity type only -- never a value (STYLE.md rule 11).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from dataprotocol.errors import InputError

__all__ = ["ScrubPlan", "scrub_batches"]


@dataclass
class ScrubPlan:
    """Which columns to scrub, with which scrubber, and the running counts."""

    text_columns: tuple[str, ...] = ()
    pii_columns: dict[str, str] = field(default_factory=dict)
    scrubber: Any = None
    entities: Counter[str] = field(default_factory=Counter)
    rows: int = 0

    @property
    def active(self) -> bool:
        return self.scrubber is not None

    @classmethod
    def make(cls, *, text_columns: Sequence[str], pii_columns: Mapping[str, str],
             pseudonym_key: bytes | None, scrubber: Any, schema: pa.Schema, source: str) -> ScrubPlan:
        names = set(schema.names)
        for column in (*text_columns, *pii_columns):
            if column not in names:
                raise InputError(f"no column {column!r} in the input", file=source, field=column,
                                 expected="one of " + ", ".join(schema.names))
        plan = cls(text_columns=tuple(text_columns), pii_columns=dict(pii_columns), scrubber=scrubber)
        if plan.scrubber is None and (plan.text_columns or plan.pii_columns):
            plan.scrubber = _default_scrubber(pseudonym_key)
        return plan

    def scrub(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        frame = batch.to_pandas()
        result = self.scrubber.scrub_frame(frame, text_columns=list(self.text_columns),
                                           pii_columns=dict(self.pii_columns))
        scrubbed, counts = result
        self.entities.update({str(k): int(v) for k, v in dict(counts).items()})
        self.rows += batch.num_rows
        return pa.RecordBatch.from_pandas(scrubbed, preserve_index=False)

    def report(self) -> dict[str, Any]:
        return {"rows": self.rows, "text_columns": list(self.text_columns),
                "pii_columns": dict(sorted(self.pii_columns.items())),
                "entities": dict(sorted(self.entities.items())),
                "replaced": int(sum(self.entities.values()))}


def _default_scrubber(pseudonym_key: bytes | None) -> Any:
    from dataprotocol.deid import Scrubber, ScrubConfig  # heavy (Presidio, spaCy): lazy

    config = ScrubConfig(operator="pseudonym", key=pseudonym_key) if pseudonym_key else ScrubConfig()
    return Scrubber(config)


def scrub_batches(batches: Iterator[pa.RecordBatch], plan: ScrubPlan) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        yield plan.scrub(batch)
