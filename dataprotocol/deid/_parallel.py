"""Worker processes for :meth:`Scrubber.scrub_many` (``n_process > 1``).

This module knows nothing of the scrubber: it is handed a *batch function*
``(texts, first) -> results`` and, for platforms without ``fork``, a picklable
factory that builds one in each worker. With ``fork`` the workers inherit the
loaded function (copy-on-write: no second spaCy load); elsewhere each worker calls
the factory once. Work is handed out in batches (at most ``batch_size``, at least four
per process) and results come back in input order (``imap``).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence

from dataprotocol.deid._types import Scrubbed

__all__ = ["BatchFunction", "scrub_parallel", "default_processes"]

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


def scrub_parallel(texts: Sequence[str], *, worker: BatchFunction, factory: Callable[[], BatchFunction],
                   batch_size: int, n_process: int, first: int = 0) -> list[Scrubbed]:
    """Run ``worker`` over ``texts`` in batches of ``batch_size`` on ``n_process`` processes;
    ``first`` is the index of ``texts[0]`` (documents are numbered from it in errors)."""
    global _WORKER
    # at least 4 work units per process: 5 batches of 64 on 2 processes would leave one idle
    # for a fifth of the run; a batch only sets how many documents spaCy pipes at once
    step = max(1, min(batch_size, -(-len(texts) // (4 * n_process))))
    batches = [(list(texts[i:i + step]), first + i) for i in range(0, len(texts), step)]
    if "fork" in multiprocessing.get_all_start_methods():
        _WORKER = worker
        # frozen objects are not scanned by the workers' garbage collector, so the loaded
        # models' pages stay shared instead of being copied on first collection (gc docs)
        gc.freeze()
        try:
            pool = multiprocessing.get_context("fork").Pool(n_process)
        finally:
            gc.unfreeze()
    else:  # pragma: no cover - Windows / macOS spawn
        pool = multiprocessing.get_context("spawn").Pool(n_process, initializer=_init_spawned,
                                                         initargs=(factory,))
    try:
        out: list[Scrubbed] = []
        for chunk in pool.imap(_work, batches):
            out.extend(chunk)
        return out
    finally:
        pool.close()
        pool.join()
