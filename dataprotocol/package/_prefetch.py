"""Whole-shard read-ahead for ``read_shard``: :class:`PrefetchReader`, a
:class:`~dataprotocol.package._stream_read.SegmentReader` that decrypts every segment of a
stream into one Arrow buffer on background threads while the Parquet parser reads
(moved here from ``_stream_read``; the format and its checks are described there).
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import IO, TYPE_CHECKING

import pyarrow as pa
from cryptography.exceptions import InvalidTag

from dataprotocol.errors import DecryptionError
from dataprotocol.package._stream import HEADER_SIZE, TAG_SIZE, BytesLike
from dataprotocol.package._stream_read import SegmentReader, _read_into, _run_cpus

if TYPE_CHECKING:
    from dataprotocol.package._segments import SegmentList

__all__ = ["PrefetchReader"]


class PrefetchReader(SegmentReader):
    """A :class:`SegmentReader` that decrypts the whole stream into one buffer ahead of its
    caller: what ``read_shard`` parses a whole shard from (``pq.read_table`` materialises
    every column anyway).

    The last segment (where Parquet's footer is) is opened on the calling thread when the
    reader is made -- in format 2 that is the one full AES-GCM check, the rest is AES-CTR
    (module docstring) -- then background threads (two with two CPUs) read, check and
    decrypt the others from the start, one segment at a time in a private buffer each,
    straight into their place in one Arrow buffer of the plaintext's size. A ``read``
    waits only for the segments it covers (a segment no thread has taken yet is opened by
    the reader itself) and returns a zero-copy slice of the buffer. So Parquet decodes row
    group ``k`` while later segments are hashed and decrypted on the other core, and no
    row-group read is copied.

    What the caller gets is never less checked than with :class:`SegmentReader`: a byte is
    handed out only once its segment matched its signed digest (format 2) or its tag
    (format 1), and no thread writes into the buffer before the check of the segment it
    writes (format 1's ``decrypt_into`` writes first and wipes on failure, into a segment
    nobody can read yet). Any failing segment makes every later ``read`` and :meth:`finish`
    raise the one opaque :class:`DecryptionError`. Memory: the plaintext's size (one shard's
    Parquet bytes, ~64 MiB for the default publish shard, zstd: less than the table built
    from it) plus one segment per thread; the buffer is released by ``close``.
    """

    def __init__(self, source: IO[bytes], key: bytes, *, context: bytes, size: int,
                 where: str | None = None, segments: SegmentList | None = None) -> None:
        super().__init__(source, key, context=context, size=size, where=where, arrow_buffers=True,
                         segments=segments)
        self._buffer = pa.allocate_buffer(self._size)
        self._view = memoryview(self._buffer).cast("B")
        self._state = threading.Condition()  # guards the three fields below
        self._taken = bytearray(self._count)  # 1: a thread has claimed the segment
        self._ready = bytearray(self._count)  # 1: checked and decrypted into the buffer
        self._failure: BaseException | None = None
        self._stopping = False
        self._io = threading.Lock()  # one seek + read at a time on a source without positional reads
        self._order = iter(range(self._count - 1))  # what the threads take next (the last is done)
        self._claim(self._count - 1)
        self._open(self._count - 1, self._sealed)  # the base class's buffer, unused otherwise
        if self._count > 1:
            workers = min(_run_cpus(), self._count - 1)
            self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="dp-shard-prefetch")
            for _ in range(workers):
                self._pool.submit(self._work)

    def _claim(self, index: int) -> bool:
        """Claim segment ``index`` for the calling thread (False: another thread has it)."""
        with self._state:
            if self._taken[index]:
                return False
            self._taken[index] = 1
            return True

    def _next(self) -> int | None:
        with self._state:
            while not self._stopping and self._failure is None:
                index = next(self._order, None)
                if index is None:
                    return None
                if not self._taken[index]:
                    self._taken[index] = 1
                    return index
            return None

    def _open(self, index: int, own: memoryview) -> None:
        """Read, check and decrypt segment ``index`` (claimed by this thread) into the buffer."""
        try:
            cseg = self._header.segment_size + TAG_SIZE
            length = self._length(index)
            piece = own[: length + TAG_SIZE]
            start = HEADER_SIZE + index * cseg
            if self._positional:
                got = os.preadv(self._source.fileno(), [piece], start)
            else:
                with self._io:
                    self._source.seek(start)
                    got = _read_into(self._source, piece)
            if got != len(piece):
                raise DecryptionError(self._where)
            if self._segments is not None:  # checked before AES-GCM ever sees it
                self._segments.check_segment(index, piece, where=self._where)
            target = self._view[index * self._header.segment_size :][:length]
            self._open_into(self._header.nonce(index, last=index == self._count - 1), piece, target)
        except BaseException as exc:
            with self._state:
                if self._failure is None:
                    self._failure = exc
                self._state.notify_all()
            raise
        with self._state:
            self._ready[index] = 1
            self._state.notify_all()

    def _work(self) -> None:
        own = memoryview(bytearray(self._header.segment_size + TAG_SIZE))
        while (index := self._next()) is not None:
            try:
                self._open(index, own)
            except BaseException:  # recorded in self._failure: the readers raise it
                return

    def _raise_failure(self) -> None:
        failure = self._failure
        if failure is None:
            return
        if isinstance(failure, (InvalidTag, DecryptionError)):
            raise DecryptionError(self._where) from failure
        raise failure

    def _wait(self, first: int, last: int) -> None:
        """Return once segments ``first .. last`` are in the buffer (opening any no thread took)."""
        own: memoryview | None = None
        for index in range(first, last + 1):
            if self._claim(index):
                if own is None:
                    own = memoryview(bytearray(self._header.segment_size + TAG_SIZE))
                try:
                    self._open(index, own)
                except BaseException:
                    self._raise_failure()
                    raise
            with self._state:
                while not self._ready[index] and self._failure is None:
                    self._state.wait()
                self._raise_failure()

    def _check_open(self) -> None:
        if self.closed:
            raise ValueError("I/O operation on closed file")

    def finish(self) -> None:
        """Wait until every segment is checked and decrypted; raise the opaque error if any
        failed (``read_shard`` calls it, so a shard is refused whole even where Parquet did
        not read)."""
        self._check_open()
        self._wait(0, self._count - 1)

    def close(self) -> None:
        state = getattr(self, "_state", None)  # None: __init__ failed before the threads existed
        if state is not None:
            with state:
                self._stopping = True  # the threads take no new segment; the pool waits for theirs
        super().close()
        if state is not None:
            self._view.release()

    def read(self, size: int | None = -1) -> bytes | bytearray | pa.Buffer:  # type: ignore[override]
        """Up to ``size`` bytes from the current position, as a zero-copy slice of the
        buffer, once the segments they lie in are checked and decrypted."""
        self._check_open()
        start = self._pos
        end = self._size if size is None or size < 0 else min(self._size, start + size)
        if end <= start:
            return b""
        seg = self._header.segment_size
        self._wait(start // seg, (end - 1) // seg)
        self._pos = end
        return self._buffer.slice(start, end - start)

    def readinto(self, buffer: BytesLike) -> int:  # type: ignore[override]
        self._check_open()
        target = memoryview(buffer).cast("B")
        start = self._pos
        end = min(self._size, start + len(target))
        if end <= start:
            return 0
        seg = self._header.segment_size
        self._wait(start // seg, (end - 1) // seg)
        target[: end - start] = self._view[start:end]
        self._pos = end
        return end - start
