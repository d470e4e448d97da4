"""The Ray engine: the scrubber as a Ray Data ``map_batches`` over an actor pool.

Each actor builds ONE scrubber from the config (Presidio + spaCy load once per actor,
not per batch) and scrubs the blocks it is handed. The input streams: one Ray read
task yields it a chunk at a time (``scrub_file``: ``_chunks.read_chunks``; ``publish``:
the source's record batches), the actors scrub (and, for ``scrub_file``, encode) each
chunk exactly as the local engine does, and the driver writes the results as they
come. Ray's streaming executor keeps the blocks in order (``preserve_order``) and only
a few in flight, so the output is the local engine's byte for byte and memory does not
grow with the input. Chunks carry their row offset (``first``) so documents are
numbered from it in errors. Pseudonyms and surrogates are keyed HMACs of the value
alone (``_operators``), never of a position, so chunking cannot change them.

Without a cluster address (argument or ``RAY_ADDRESS``) a small local Ray is started
in-process and shut down afterwards; an already running ``ray.init`` is reused.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from dataprotocol.errors import DataProtocolError, InputError

if TYPE_CHECKING:
    import pyarrow as pa

    from dataprotocol.deid._chunks import ChunkResult, Layout
    from dataprotocol.deid._config import ScrubConfig

__all__ = ["ENGINES", "check_engine", "ray_session", "scrub_chunks_ray", "scrub_batches_ray"]

ENGINES = ("local", "ray")
#: the object store of a Ray started here (blocks beyond it spill to disk)
_OBJECT_STORE_BYTES = 300 * 1024 * 1024


def check_engine(engine: str, *, n_process: int | None = None, ray_actors: int | None = None) -> None:
    """Raise :class:`InputError` unless ``engine`` is known and, for Ray, importable, and
    the worker count given is the engine's own (``n_process``: local; ``ray_actors``: Ray)."""
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}", field="engine", expected=" or ".join(ENGINES))
    if ray_actors is not None and ray_actors < 1:
        raise InputError("ray-actors must be at least 1", field="ray_actors", expected="an integer >= 1")
    if engine == "ray" and n_process is not None:
        raise InputError("--processes is for the local engine", field="processes",
                         expected="--ray-actors N with --engine ray")
    if engine != "ray" and ray_actors is not None:
        raise InputError("--ray-actors is for the ray engine", field="ray_actors",
                         expected="--engine ray, or --processes N with the local engine")
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
def ray_session(*, workers: int | None = None, address: str | None = None) -> Iterator[Any]:
    """A Ray to run on: the one already initialised, the cluster at ``address`` (or
    ``RAY_ADDRESS``), or a local one with ``workers`` CPUs (default: every core this
    process may use) started (and stopped) here."""
    ray = _require_ray()
    if ray.is_initialized():
        yield ray
        return
    address = address or os.environ.get("RAY_ADDRESS") or None
    if address:
        ray.init(address=address, log_to_driver=False, logging_level=logging.WARNING)
    else:
        from dataprotocol.deid._parallel import default_processes

        # the local Ray we start reports no usage statistics to ray.io (nothing of ours
        # leaves the machine); RAY_USAGE_STATS_ENABLED=1 in the environment turns it back on
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        ray.init(num_cpus=workers or default_processes(), object_store_memory=_OBJECT_STORE_BYTES,
                 include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    try:
        yield ray
    finally:
        ray.shutdown()


def _context(ray: Any) -> None:
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # rows come back in input order
    ctx.enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)  # no per-run INFO lines on stderr
    # Ray counts one input per read task; our one read task streams many blocks
    warnings.filterwarnings("ignore", message="The minimum number of concurrent actors", category=UserWarning)


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


def _build_scrubber(config: ScrubConfig) -> tuple[Any, DataProtocolError | None]:
    """An actor's scrubber, or the library error building it raised (a pipeline not
    installed on that node): kept to be reported as data with the first batch, since the
    driver, which loads no model, has not checked it and Ray would only retry the actor."""
    from dataprotocol.deid._scrubber import Scrubber

    try:
        return Scrubber(config), None
    except DataProtocolError as exc:
        return None, exc


# -- chunks (``scrub_file``) -------------------------------------------------------
class _ChunkActor:
    """One per Ray actor: builds its scrubber once, then scrubs and encodes chunks."""

    def __init__(self, config: ScrubConfig, layout: Layout) -> None:
        self._scrubber, self._failure = _build_scrubber(config)
        self._layout = layout

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        from dataprotocol.deid._chunks import scrub_chunk, unpack

        payloads, reports = [], []
        for first, chunk in zip(batch.column("first").to_pylist(), batch.column("chunk").to_pylist()):
            try:
                if self._failure is not None:
                    raise self._failure
                result = scrub_chunk(self._scrubber, self._layout, first, unpack(chunk))
            except DataProtocolError as exc:  # as data: the driver raises it, nothing is written
                payloads.append(b"")
                reports.append(json.dumps({_ERROR: _error_json(exc)}))
                continue
            payloads.append(result.payload)
            # counts only: no value leaves the actor but inside the encoded chunk
            reports.append(json.dumps({"rows": result.rows, "findings": result.findings,
                                       "languages": result.languages, "unconfigured": result.unconfigured}))
        return pa.table({"payload": pa.array(payloads, pa.large_binary()), "report": pa.array(reports, pa.string())})


def _chunk_blocks(read: Callable[[], Iterator[tuple[int, Any]]]) -> Callable[[], Iterator[pa.Table]]:
    def blocks() -> Iterator[pa.Table]:
        import pyarrow as pa

        from dataprotocol.deid._chunks import pack

        for first, chunk in read():  # one chunk per block: one actor call each
            yield pa.table({"first": pa.array([first], pa.int64()),
                            "chunk": pa.array([pack(chunk)], pa.large_binary())})

    return blocks


def scrub_chunks_ray(read: Callable[[], Iterator[tuple[int, Any]]], *, config: ScrubConfig, layout: Layout,
                     actors: int | None = None, address: str | None = None) -> Iterator[ChunkResult]:
    """Stream ``read()``'s chunks through a pool of ``actors`` Ray actors (default: every
    CPU Ray has free); yield the scrubbed, encoded chunks in input order.

    ``read`` runs in one Ray read task (it must be picklable); Ray's streaming executor
    keeps only a few chunks in flight, so memory does not grow with the input.
    """
    from dataprotocol.deid._chunks import ChunkResult

    with ray_session(workers=actors, address=address) as ray:
        _context(ray)
        pool = actors or _free_cpus(ray)
        dataset = ray.data.read_datasource(_ReadSource(_chunk_blocks(read)).datasource(ray), num_cpus=0)
        scrubbed = dataset.map_batches(
            _ChunkActor, fn_constructor_kwargs={"config": config, "layout": layout}, batch_size=None,
            batch_format="pyarrow", num_cpus=1, compute=ray.data.ActorPoolStrategy(size=pool))
        for table in scrubbed.iter_batches(batch_size=None, batch_format="pyarrow"):
            for payload, text in zip(table.column("payload").to_pylist(), table.column("report").to_pylist()):
                report = json.loads(text)
                if _ERROR in report:
                    _raise_error(report[_ERROR])
                yield ChunkResult(payload, report["rows"], report["findings"], report["languages"],
                                  report["unconfigured"])


def _free_cpus(ray: Any) -> int:
    """Actors by default: the CPUs this Ray (local or cluster) has free, at least one."""
    cpus = ray.available_resources().get("CPU") or ray.cluster_resources().get("CPU") or 1
    return max(1, int(cpus))


# -- record batches (``publish``) --------------------------------------------------
_REPORT = "__dataprotocol_scrub_report"
_ERROR = "__error__"


class _TableActor:
    """One per Ray actor: scrubs whole record batches with ``scrub_frame``."""

    def __init__(self, config: ScrubConfig, text_columns: Sequence[str], pii_columns: Mapping[str, str]) -> None:
        self._scrubber, self._failure = _build_scrubber(config)
        self._text_columns, self._pii_columns = list(text_columns), dict(pii_columns)

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        try:
            if self._failure is not None:
                raise self._failure
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
    """A Ray datasource whose one read task streams the blocks ``blocks()`` yields."""

    def __init__(self, blocks: Callable[[], Iterator[pa.Table]]) -> None:
        self._blocks = blocks

    def datasource(self, ray: Any) -> Any:
        blocks = self._blocks

        class _Source(ray.data.Datasource):  # type: ignore[misc, name-defined]
            def estimate_inmemory_data_size(self) -> int | None:
                return None

            def get_read_tasks(self, parallelism: int, per_task_row_limit: int | None = None,
                               data_context: Any = None) -> list[Any]:
                from ray.data.block import BlockMetadata
                from ray.data.datasource import ReadTask

                meta = BlockMetadata(num_rows=None, size_bytes=None, input_files=None, exec_stats=None)
                return [ReadTask(blocks, meta)]

        return _Source()


def _record_blocks(read: Callable[[], Iterator[pa.RecordBatch]]) -> Callable[[], Iterator[pa.Table]]:
    def blocks() -> Iterator[pa.Table]:
        import pyarrow as pa

        for batch in read():
            yield pa.Table.from_batches([batch])

    return blocks


def scrub_batches_ray(read: Callable[[], Iterator[pa.RecordBatch]], *, config: ScrubConfig,
                      text_columns: Sequence[str], pii_columns: Mapping[str, str],
                      workers: int | None = None, address: str | None = None
                      ) -> Iterator[tuple[pa.RecordBatch, dict[str, int]]]:
    """Stream ``read()``'s batches through ``workers`` Ray actors; yield (batch, counts) in order.

    ``read`` must be picklable (it runs in a Ray read task, one batch at a time), so
    memory stays a few batches deep whatever the input size. ``workers``: actors
    (default: every CPU Ray has free).
    """
    with ray_session(workers=workers, address=address) as ray:
        _context(ray)
        pool = workers or _free_cpus(ray)
        dataset = ray.data.read_datasource(_ReadSource(_record_blocks(read)).datasource(ray), num_cpus=0)
        scrubbed = dataset.map_batches(
            _TableActor, fn_constructor_kwargs={"config": config, "text_columns": list(text_columns),
                                                "pii_columns": dict(pii_columns)},
            batch_size=None, batch_format="pyarrow", num_cpus=1, compute=ray.data.ActorPoolStrategy(size=pool))
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
