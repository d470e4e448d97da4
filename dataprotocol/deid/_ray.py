"""The Ray engine: the scrubber as a Ray Data ``map_batches`` over an actor pool.

Each actor builds ONE scrubber from the config (Presidio + spaCy load once per actor,
not per batch) and scrubs the batches it is handed. Ray's streaming executor keeps
the blocks in order (``preserve_order``), so the rows come back exactly as the local
engine returns them; batches carry their row offset (``first``) so documents are
numbered the same in errors. Pseudonyms and surrogates are keyed HMACs of the value
alone (``_operators``), never of a position, so batching cannot change them.

Without a cluster address (argument or ``RAY_ADDRESS``) a small local Ray is started
in-process and shut down afterwards; an already running ``ray.init`` is reused.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from dataprotocol.deid._types import Finding, Scrubbed
from dataprotocol.errors import DataProtocolError, InputError

if TYPE_CHECKING:
    import pyarrow as pa

    from dataprotocol.deid._config import ScrubConfig

__all__ = ["ENGINES", "check_engine", "ray_session", "scrub_texts_ray", "scrub_batches_ray"]

ENGINES = ("local", "ray")
#: the object store of a Ray started here (blocks beyond it spill to disk)
_OBJECT_STORE_BYTES = 300 * 1024 * 1024


def check_engine(engine: str) -> None:
    """Raise :class:`InputError` unless ``engine`` is known and, for Ray, importable."""
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}", field="engine", expected=" or ".join(ENGINES))
    if engine == "ray":
        _require_ray()


def _require_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401 - the [data] extra
    except ImportError as exc:
        raise InputError("the ray engine needs Ray Data, which is not installed", field="engine",
                         expected="pip install 'dataprotocol[ray]', or --engine local") from exc
    return ray


@contextlib.contextmanager
def ray_session(*, workers: int, address: str | None = None) -> Iterator[Any]:
    """A Ray to run on: the one already initialised, the cluster at ``address`` (or
    ``RAY_ADDRESS``), or a local one with ``workers`` CPUs started (and stopped) here."""
    ray = _require_ray()
    if ray.is_initialized():
        yield ray
        return
    address = address or os.environ.get("RAY_ADDRESS") or None
    if address:
        ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
    else:
        ray.init(num_cpus=workers, object_store_memory=_OBJECT_STORE_BYTES, include_dashboard=False,
                 log_to_driver=False, logging_level=logging.WARNING)
    try:
        yield ray
    finally:
        ray.shutdown()


def _context(ray: Any) -> None:
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # rows come back in input order
    ctx.enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)  # no per-run INFO lines on stderr


def _error_json(exc: DataProtocolError) -> str:
    """An actor's library error as data: Ray's wrappers do not keep the original exception."""
    if isinstance(exc, InputError):
        return json.dumps({"kind": "input", "detail": exc.detail, "file": exc.file, "field": exc.field,
                           "line": exc.line, "expected": exc.expected})
    return json.dumps({"kind": "other", "detail": str(exc)})


def _raise_error(text: str) -> None:
    error = json.loads(text)
    if error["kind"] == "input":
        raise InputError(error["detail"], file=error["file"], field=error["field"], line=error["line"],
                         expected=error["expected"])
    raise DataProtocolError(error["detail"])


# -- texts (``scrub_file``) -------------------------------------------------------
class _TextActor:
    """One per Ray actor: builds its scrubber once, then scrubs batches of texts."""

    def __init__(self, config: ScrubConfig, batch_size: int) -> None:
        from dataprotocol.deid._scrubber import batch_function

        self._scrub = batch_function(config, batch_size)

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        rows = batch.column("row")
        try:
            results = self._scrub(batch.column("text").to_pylist(), int(rows[0].as_py()))
        except DataProtocolError as exc:  # e.g. strict: a language without a pipeline
            return pa.table({"row": rows.slice(0, 1), "text": [""], "language": [""], "configured": [False],
                             "findings": ["[]"], "error": [_error_json(exc)]})
        return pa.table({
            "row": rows, "text": [r.text for r in results], "language": [r.language for r in results],
            "configured": [r.configured for r in results],
            "findings": [json.dumps([[f.start, f.end, f.entity_type, f.score, f.recognizer]
                                     for f in r.findings]) for r in results],
            "error": pa.nulls(len(results), pa.string())})


def _scrubbed(table: pa.Table) -> Iterator[Scrubbed]:
    for error in table.column("error").drop_null().to_pylist():
        _raise_error(error)
    for text, language, configured, findings in zip(*(table.column(name).to_pylist() for name in
                                                      ("text", "language", "configured", "findings"))):
        yield Scrubbed(text, tuple(Finding(*f) for f in json.loads(findings)), language=language,
                       configured=configured)


def scrub_texts_ray(config: ScrubConfig, texts: Sequence[str], *, batch_size: int, workers: int,
                    address: str | None = None) -> list[Scrubbed]:
    """Scrub ``texts`` on ``workers`` Ray actors; one result per text, in input order."""
    import pyarrow as pa

    if not texts:
        return []
    # blocks of a few batches: enough blocks for every actor, few enough to stay cheap
    block = max(batch_size, min(batch_size * 16, -(-len(texts) // (workers * 4))))
    table = pa.table({"row": pa.array(range(len(texts)), pa.int64()), "text": pa.array(texts, pa.string())})
    with ray_session(workers=workers, address=address) as ray:
        _context(ray)
        dataset = ray.data.from_arrow([table.slice(i, block) for i in range(0, len(texts), block)])
        scrubbed = dataset.map_batches(
            _TextActor, fn_constructor_kwargs={"config": config, "batch_size": batch_size},
            batch_size=batch_size, batch_format="pyarrow", num_cpus=1,
            compute=ray.data.ActorPoolStrategy(size=workers))
        out: list[Scrubbed] = []
        for part in scrubbed.iter_batches(batch_size=None, batch_format="pyarrow"):
            out.extend(_scrubbed(part))
    if len(out) != len(texts):  # pragma: no cover - a Ray bug, never a silent short output
        raise RuntimeError(f"the ray engine returned {len(out)} of {len(texts)} documents")
    return out


# -- record batches (``publish``) --------------------------------------------------
_REPORT = "__dataprotocol_scrub_report"
_ERROR = "__error__"


class _TableActor:
    """One per Ray actor: scrubs whole record batches with ``scrub_frame``."""

    def __init__(self, config: ScrubConfig, text_columns: Sequence[str], pii_columns: Mapping[str, str]) -> None:
        from dataprotocol.deid._scrubber import Scrubber

        self._scrubber = Scrubber(config)
        self._text_columns, self._pii_columns = list(text_columns), dict(pii_columns)

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        try:
            result = self._scrubber.scrub_frame(batch.to_pandas(), text_columns=self._text_columns,
                                                pii_columns=self._pii_columns, n_process=1)
        except DataProtocolError as exc:  # as data: the driver raises it, nothing is written
            report = [json.dumps({_ERROR: _error_json(exc)})] + [None] * (batch.num_rows - 1)
            return batch.append_column(_REPORT, pa.array(report, pa.string()))
        table = pa.Table.from_pandas(result.frame, preserve_index=False)
        # the counts ride along in the first row (counts only: no value leaves the actor)
        report = [json.dumps(result.report)] + [None] * (table.num_rows - 1)
        return table.append_column(_REPORT, pa.array(report, pa.string()))


class _ReadSource:
    """A Ray datasource whose one read task streams ``read()``'s record batches."""

    def __init__(self, read: Callable[[], Iterator[pa.RecordBatch]]) -> None:
        self._read = read

    def datasource(self, ray: Any) -> Any:
        read = self._read

        class _Source(ray.data.Datasource):  # type: ignore[misc, name-defined]
            def estimate_inmemory_data_size(self) -> int | None:
                return None

            def get_read_tasks(self, parallelism: int, per_task_row_limit: int | None = None,
                               data_context: Any = None) -> list[Any]:
                import pyarrow as pa
                from ray.data.block import BlockMetadata
                from ray.data.datasource import ReadTask

                def blocks() -> Iterator[pa.Table]:
                    for batch in read():
                        yield pa.Table.from_batches([batch])

                meta = BlockMetadata(num_rows=None, size_bytes=None, input_files=None, exec_stats=None)
                return [ReadTask(blocks, meta)]

        return _Source()


def scrub_batches_ray(read: Callable[[], Iterator[pa.RecordBatch]], *, config: ScrubConfig,
                      text_columns: Sequence[str], pii_columns: Mapping[str, str],
                      workers: int | None = None, address: str | None = None
                      ) -> Iterator[tuple[pa.RecordBatch, dict[str, int]]]:
    """Stream ``read()``'s batches through ``workers`` Ray actors; yield (batch, counts) in order.

    ``read`` must be picklable (it runs in a Ray read task, one batch at a time), so
    memory stays a few batches deep whatever the input size. ``workers``: actors
    (default: every core this process may use).
    """
    from dataprotocol.deid._parallel import default_processes

    workers = workers or default_processes()
    with ray_session(workers=workers, address=address) as ray:
        _context(ray)
        dataset = ray.data.read_datasource(_ReadSource(read).datasource(ray), num_cpus=0)
        scrubbed = dataset.map_batches(
            _TableActor, fn_constructor_kwargs={"config": config, "text_columns": list(text_columns),
                                                "pii_columns": dict(pii_columns)},
            batch_size=None, batch_format="pyarrow", num_cpus=1, compute=ray.data.ActorPoolStrategy(size=workers))
        for table in scrubbed.iter_batches(batch_size=None, batch_format="pyarrow"):
            counts: dict[str, int] = {}
            for report in table.column(_REPORT).drop_null().to_pylist():
                parsed = json.loads(report)
                if _ERROR in parsed:
                    _raise_error(parsed[_ERROR])
                for name, count in parsed.items():
                    counts[name] = counts.get(name, 0) + int(count)
            for batch in table.drop_columns([_REPORT]).to_batches():
                yield batch, counts
                counts = {}
