"""The bridge from ``publish`` to the de-identification layer (``dataprotocol.deid``).

Batches are scrubbed one at a time (a pandas frame per Arrow batch), so scrubbing
streams like the rest of ``publish``. The report that goes into the manifest holds
counts per entity type only -- never a value (STYLE.md rule 11).
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from dataprotocol.errors import InputError

__all__ = ["ScrubPlan", "scrub_batches", "source_batches"]


@dataclass
class ScrubPlan:
    """Which columns to scrub, with which scrubber, and the running counts."""

    text_columns: tuple[str, ...] = ()
    pii_columns: dict[str, str] = field(default_factory=dict)
    scrubber: Any = None
    entities: Counter[str] = field(default_factory=Counter)
    rows: int = 0
    #: "local" (this process) or "ray" (a Ray Data actor pool, each with its own scrubber)
    engine: str = "local"
    config: Any = None
    ray_address: str | None = None
    ray_actors: int | None = None

    @property
    def active(self) -> bool:
        return self.scrubber is not None or self.config is not None

    @classmethod
    def make(cls, *, text_columns: Sequence[str], pii_columns: Mapping[str, str],
             pseudonym_key: bytes | None, scrubber: Any, schema: pa.Schema, source: str,
             engine: str = "local", ray_address: str | None = None,
             ray_actors: int | None = None) -> ScrubPlan:
        names = set(schema.names)
        for column in (*text_columns, *pii_columns):
            if column not in names:
                raise InputError(f"no column {column!r} in the input", file=source, field=column,
                                 expected="one of " + ", ".join(schema.names))
        plan = cls(text_columns=tuple(text_columns), pii_columns=dict(pii_columns), scrubber=scrubber,
                   engine=engine, ray_address=ray_address, ray_actors=ray_actors)
        if engine == "ray":  # the actors build the scrubbers; this process needs only the config
            wanted = scrubber is not None or plan.text_columns or plan.pii_columns
            plan.config = scrubber.config if scrubber is not None else (
                _default_config(pseudonym_key) if wanted else None)
            plan.scrubber = None
        elif plan.scrubber is None and (plan.text_columns or plan.pii_columns):
            plan.scrubber = _default_scrubber(pseudonym_key)
        return plan

    def scrub(self, batch: pa.RecordBatch, *, pool: Any = None) -> pa.RecordBatch:
        frame = batch.to_pandas()
        workers = {"pool": pool} if pool is not None else {}
        result = self.scrubber.scrub_frame(frame, text_columns=list(self.text_columns),
                                           pii_columns=dict(self.pii_columns), **workers)
        scrubbed, counts = result
        self.entities.update({str(k): int(v) for k, v in dict(counts).items()})
        self.rows += batch.num_rows
        return pa.RecordBatch.from_pandas(scrubbed, preserve_index=False)

    def report(self) -> dict[str, Any]:
        return {"rows": self.rows, "text_columns": list(self.text_columns),
                "pii_columns": dict(sorted(self.pii_columns.items())),
                "entities": dict(sorted(self.entities.items())),
                "replaced": int(sum(self.entities.values()))}


def _default_config(pseudonym_key: bytes | None) -> Any:
    from dataprotocol.deid import ScrubConfig

    return ScrubConfig(operator="pseudonym", key=pseudonym_key) if pseudonym_key else ScrubConfig()


def _default_scrubber(pseudonym_key: bytes | None) -> Any:
    from dataprotocol.deid import Scrubber  # heavy (Presidio, spaCy): lazy

    return Scrubber(_default_config(pseudonym_key))


def scrub_batches(batches: Iterator[pa.RecordBatch], plan: ScrubPlan, *,
                  read: Callable[[], Iterator[pa.RecordBatch]] | None = None) -> Iterator[pa.RecordBatch]:
    """Scrubbed batches in input order. The Ray engine reads through ``read`` (picklable:
    it runs in a Ray read task) instead of ``batches``."""
    if plan.engine != "ray":
        # one set of worker processes for the whole input (Scrubber.worker_pool), forked on
        # the first batch that needs it, not once per batch and text column; a scrubber of
        # the caller's own without worker_pool scrubs as it likes
        workers = getattr(plan.scrubber, "worker_pool", None)
        with workers() if workers is not None else contextlib.nullcontext() as pool:
            for batch in batches:
                yield plan.scrub(batch, pool=pool)
        return
    from dataprotocol.deid import scrub_batches_ray

    assert read is not None
    for batch, counts in scrub_batches_ray(read, config=plan.config, text_columns=plan.text_columns,
                                           pii_columns=plan.pii_columns, address=plan.ray_address,
                                           workers=plan.ray_actors):
        plan.entities.update(counts)
        plan.rows += batch.num_rows
        yield batch


def source_batches(input_path: str) -> Iterator[pa.RecordBatch]:
    """The input's record batches (module level: a Ray read task calls it by reference)."""
    from dataprotocol.package._sources import open_source

    return open_source(input_path).batches()
