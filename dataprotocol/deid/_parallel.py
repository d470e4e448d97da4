"""Worker processes for :meth:`Scrubber.scrub_many` (``n_process > 1``).

On platforms with ``fork`` the workers inherit the loaded scrubber (copy-on-write:
no second spaCy load); elsewhere each worker builds one from the config. Work is
handed out in batches and results come back in input order (``imap``).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dataprotocol.deid._types import Scrubbed

if TYPE_CHECKING:
    from dataprotocol.deid._config import ScrubConfig
    from dataprotocol.deid._scrubber import Scrubber

__all__ = ["scrub_parallel", "default_processes"]

_WORKER: Scrubber | None = None


def _init_spawned(config: ScrubConfig) -> None:
    global _WORKER
    from dataprotocol.deid._scrubber import Scrubber

    _WORKER = Scrubber(config)


def _work(args: tuple[list[str], int, int]) -> list[Scrubbed]:
    texts, batch_size, first = args
    assert _WORKER is not None
    return list(_WORKER.iter_scrub(texts, batch_size=batch_size, first=first))


def default_processes() -> int:
    """Cores this process may run on (its CPU affinity / cgroup-limited set)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS / Windows
        return max(1, os.cpu_count() or 1)


def scrub_parallel(scrubber: Scrubber, texts: Sequence[str], *, batch_size: int, n_process: int) -> list[Scrubbed]:
    global _WORKER
    batches = [(list(texts[i:i + batch_size]), batch_size, i) for i in range(0, len(texts), batch_size)]
    if "fork" in multiprocessing.get_all_start_methods():
        _WORKER = scrubber
        pool = multiprocessing.get_context("fork").Pool(n_process)
    else:  # pragma: no cover - Windows / macOS spawn
        pool = multiprocessing.get_context("spawn").Pool(n_process, initializer=_init_spawned,
                                                         initargs=(scrubber.config,))
    try:
        out: list[Scrubbed] = []
        for chunk in pool.imap(_work, batches):
            out.extend(chunk)
        return out
    finally:
        pool.close()
        pool.join()
