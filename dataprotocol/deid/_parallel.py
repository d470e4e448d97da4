"""Worker processes for :meth:`Scrubber.scrub_many` (``n_process > 1``) and ``scrub_file``
(:meth:`Scrubber.worker_pool`).

This module knows nothing of the scrubber: it is handed a *batch function*
``(texts, first) -> results`` and, for platforms without ``fork``, a picklable
factory that builds one in each worker. With ``fork`` the workers inherit the
loaded function (copy-on-write: no second spaCy load); elsewhere each worker calls
the factory once. Work is handed out in batches (at most ``batch_size``, at least four
per process) and results come back in input order (``imap``). A :class:`WorkerPool`
starts its processes on first use and keeps them for every later call, so a file
scrubbed chunk by chunk forks once, not once per chunk and text column.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

from dataprotocol.deid._types import Scrubbed

__all__ = ["BatchFunction", "WorkerPool", "default_processes"]

#: ``(texts, first) -> one result per text``; ``first`` numbers the documents in errors
BatchFunction = Callable[[Sequence[str], int], list[Scrubbed]]

_WORKER: BatchFunction | None = None


def _init_spawned(factory: Callable[[], BatchFunction]) -> None:
    global _WORKER
    _WORKER = factory()


def _work(args: tuple[list[str], int]) -> list[Scrubbed]:
    texts, first = args
    assert _WORKER is not None
    return _WORKER(texts, first)


def default_processes() -> int:
    """Cores this process may run on (its CPU affinity / cgroup-limited set)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS / Windows
        return max(1, os.cpu_count() or 1)


class WorkerPool:
    """``n_process`` worker processes running ``worker``, started on the first :meth:`map`
    and kept until :meth:`close` (or the end of a ``with`` block)."""

    def __init__(self, *, worker: BatchFunction, factory: Callable[[], BatchFunction], batch_size: int,
                 n_process: int) -> None:
        self._worker, self._factory = worker, factory
        self.batch_size, self.n_process = batch_size, n_process
        self._pool: Any = None

    def _start(self) -> Any:
        global _WORKER
        if "fork" in multiprocessing.get_all_start_methods():
            _WORKER = self._worker
            # frozen objects are not scanned by the workers' garbage collector, so the loaded
            # models' pages stay shared instead of being copied on first collection (gc docs)
            gc.freeze()
            try:
                return multiprocessing.get_context("fork").Pool(self.n_process)
            finally:
                gc.unfreeze()
        return multiprocessing.get_context("spawn").Pool(  # pragma: no cover - Windows / macOS spawn
            self.n_process, initializer=_init_spawned, initargs=(self._factory,))

    def map(self, texts: Sequence[str], *, first: int = 0) -> list[Scrubbed]:
        """One result per text, in order; ``first`` is the index of ``texts[0]`` (documents
        are numbered from it in errors)."""
        # at least 4 work units per process: 5 batches of 64 on 2 processes would leave one idle
        # for a fifth of the run; a batch only sets how many documents spaCy pipes at once
        step = max(1, min(self.batch_size, -(-len(texts) // (4 * self.n_process))))
        batches = [(list(texts[i:i + step]), first + i) for i in range(0, len(texts), step)]
        if self.n_process == 1:
            return self._worker(texts, first)
        if self._pool is None:
            self._pool = self._start()
        out: list[Scrubbed] = []
        for chunk in self._pool.imap(_work, batches):
            out.extend(chunk)
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if exc is not None and self._pool is not None:
            self._pool.terminate()  # a failed run does not wait for batches nobody will read
        self.close()

