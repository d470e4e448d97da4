"""Reading the ``dataprotocol-stream/1`` format (see ``_stream`` for the format and its
design): a seekable decrypting file object, and whole-buffer decryption.

Every authentication failure -- wrong key, tampered, reordered, truncated or extended
segments -- raises one opaque :class:`DecryptionError`.

**Format 2 decrypts with AES-CTR once the key is confirmed.** AES-256-GCM with a 96-bit
nonce ``N`` is AES-CTR from the counter block ``N || 00000002`` plus a GHASH tag over
AD and ciphertext (NIST SP 800-38D, 7.2: ``J0 = N || 0^31 || 1``, the keystream starts
at ``inc32(J0)``; a segment of at most 1 MiB is 65,536 blocks, far from the 32-bit
counter's wrap, so OpenSSL's 128-bit CTR counter gives the same keystream). In format 2
the stored bytes of every segment (ciphertext *and* tag) are matched against the
publisher-signed BLAKE3 list before anything is decrypted, so they are proven to be
what the publisher sealed; the tag can add only one more fact: that the reader's key
and associated data are the ones the publisher used. That is the same for every
segment of a shard, so the reader checks it once -- the first segment it opens goes
through ``AESGCM.decrypt_into`` (a wrong key or context fails there, with the same
opaque error) -- and opens every later segment, after its digest matched, with
AES-256-CTR from ``N || 00000002`` (``cryptography``'s ``Cipher``/``modes.CTR``): the
same plaintext, at ~5.8 vs ~3.0 GB/s on the 2-core VM. Format 1 has no list: the tag
is its only check, so it stays on ``AESGCM`` for every segment. Known-answer vectors:
``tests/vectors/package/stream-ctr.json``.
"""

from __future__ import annotations

import io
import os
import stat
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import IO, TYPE_CHECKING

import pyarrow as pa
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from dataprotocol.errors import DecryptionError
from dataprotocol.package._stream import (
    HEADER_SIZE,
    TAG_SIZE,
    BytesLike,
    StreamHeader,
    _check_key,
)

if TYPE_CHECKING:
    from dataprotocol.package._segments import SegmentList

__all__ = ["SegmentReader", "decrypt_bytes", "ctr_open_into"]

_RUN_MIN = 4  # whole segments in one read before they are split across threads
_RUN_MAX = 256  # whole segments one call hands to the threads (bounds one wait, not memory)


_GCM_FIRST_COUNTER = (2).to_bytes(4, "big")  # inc32(J0) for a 96-bit nonce (SP 800-38D 7.2)


def ctr_open_into(aes: algorithms.AES, nonce: bytes, sealed: BytesLike, target: BytesLike) -> None:
    """Write the plaintext of the AES-GCM output ``sealed`` (ciphertext || tag) into ``target``
    *without checking the tag*: AES-256-CTR from GCM's first keystream block.

    Only for a segment whose stored bytes already matched the publisher-signed digest, in a
    stream whose key and context one full ``AESGCM`` check has confirmed (module docstring).
    """
    ciphertext = memoryview(sealed).cast("B")[:-TAG_SIZE]
    Cipher(aes, modes.CTR(nonce + _GCM_FIRST_COUNTER)).decryptor().update_into(ciphertext, target)


def _layout(total: int, segment_size: int) -> tuple[int, int]:
    """(number of segments, ciphertext length of the last one) for a stream of ``total`` bytes."""
    body = total - HEADER_SIZE
    cseg = segment_size + TAG_SIZE
    if body < TAG_SIZE:
        raise ValueError("too short")
    count = -(-body // cseg)
    last = body - (count - 1) * cseg
    if last < TAG_SIZE:
        raise ValueError("ragged tail")
    return count, last


class SegmentReader(io.RawIOBase):
    """A seekable, read-only file object over the plaintext of an encrypted stream.

    Decrypts one segment at a time (random access works because each nonce is derived
    from the segment's position), so a Parquet reader can jump to its footer and to
    single column chunks without decrypting the whole shard. The final segment is
    recognised from the ciphertext length, which makes truncation and extension fail.
    The last segment decrypted is kept (one segment of memory), so small reads inside
    it cost no decryption; a read or ``readinto`` that spans whole segments decrypts them
    straight into the buffer it returns or fills.

    With ``segments`` (the shard's signed digest list, manifest format 2: ``_segments``)
    the list is matched against the header read here and the manifest's commitment, and
    every segment's stored bytes are hashed and compared with the list *before* they are
    decrypted: a file replaced or changed at any time, even by a holder of the key,
    yields the opaque :class:`DecryptionError`, never a byte the publisher did not sign.

    A ``readinto`` that covers several whole segments of a regular file (Parquet's
    row-group reads) splits them between two threads, each reading, checking and
    decrypting its half one segment at a time (``_run_into``): BLAKE3 and AESGCM release
    the GIL, so with a free second core the check and decryption overlap (measured on the
    2-core VM: wall 0.59-0.68 vs 0.53-0.63 of a plain read, CPU unchanged; no gain when
    the second core is busy). The threads are stopped by ``close``.
    """

    def __init__(self, source: IO[bytes], key: bytes, *, context: bytes, size: int,
                 where: str | None = None, arrow_buffers: bool = False,
                 segments: SegmentList | None = None) -> None:
        super().__init__()
        self._where = where
        self._arrow_buffers = arrow_buffers
        self._source = source
        source.seek(0)
        raw_header = source.read(HEADER_SIZE)
        self._header = StreamHeader.parse(raw_header, where=where)
        self._aead = _check_key(key)
        self._aes = algorithms.AES(key)
        self._ad = self._header.to_bytes() + context
        # format 2: set once a segment passed the full AES-GCM check (key and context are the
        # publisher's); from then on a segment whose digest matched is opened with AES-CTR
        self._confirmed = False
        try:
            self._count, last = _layout(size, self._header.segment_size)
        except ValueError as exc:
            raise DecryptionError(where) from exc
        if segments is not None and not segments.matches(raw_header, count=self._count):
            raise DecryptionError(where)
        self._segments = segments
        seg = self._header.segment_size
        self._size = (self._count - 1) * seg + last - TAG_SIZE
        self._pos = 0
        self._sealed = memoryview(bytearray(seg + TAG_SIZE))
        self._source_pos = HEADER_SIZE  # where ``source`` is: sequential reads skip the seek
        # the last segment decrypted, in one reused buffer: decrypt_into a buffer that is
        # already mapped costs no allocation or page faults (a fresh 1 MiB ``bytes`` per
        # segment cost more than the AES-GCM itself)
        self._cached = -1  # index of the segment held in self._plain
        self._plain = memoryview(bytearray(seg))
        # runs of whole segments: their ciphertext is read at once into one private buffer,
        # then checked and decrypted on two threads (BLAKE3 and AESGCM release the GIL)
        self._local = threading.local()  # each worker's own sealed-segment buffer
        self._pool: ThreadPoolExecutor | None = None
        self._positional = _has_fd(source)  # runs need os.preadv on a real file

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        self._local = threading.local()
        super().close()

    @property
    def plaintext_size(self) -> int:
        return self._size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._pos = base + offset
        return self._pos

    def _whole_run(self, index: int, room: int) -> int:
        """How many whole segments from ``index`` fit in ``room`` bytes (at most ``_RUN_MAX``;
        0 on a one-core machine, where threads would only add switches)."""
        if not self._positional or _run_cpus() < 2:
            return 0
        if room >= self._size - index * self._header.segment_size:  # all the rest, short last one too
            return min(self._count - index, _RUN_MAX)
        return min(room // self._header.segment_size, _RUN_MAX)

    def _length(self, index: int) -> int:
        seg = self._header.segment_size
        return self._size - index * seg if index == self._count - 1 else seg

    def _load(self, index: int) -> tuple[bytes, memoryview]:
        """(nonce, sealed bytes) of segment ``index``, read from the source."""
        start = HEADER_SIZE + index * (self._header.segment_size + TAG_SIZE)
        if self._source_pos != start:
            self._source.seek(start)
        sealed = self._sealed[: self._length(index) + TAG_SIZE]
        self._source_pos = -1  # unknown until the read below completes
        got = _read_into(self._source, sealed)
        if got != len(sealed):
            raise DecryptionError(self._where)
        self._source_pos = start + got
        if self._segments is not None:  # checked before AES-GCM ever sees it
            self._segments.check_segment(index, sealed, where=self._where)
        return self._header.nonce(index, last=index == self._count - 1), sealed

    def _segment(self, index: int) -> memoryview:
        """Plaintext of segment ``index`` (decrypted once, then kept until another is read)."""
        if self._cached != index:
            self._cached = -1
            plain = self._plain[: self._length(index)]
            self._segment_into(index, plain)
            self._cached = index
        return self._plain[: self._length(index)]

    def _segment_into(self, index: int, target: memoryview) -> None:
        """Decrypt the whole segment ``index`` straight into ``target`` (its exact length)."""
        nonce, sealed = self._load(index)
        self._open_into(nonce, sealed, target)

    def _open_into(self, nonce: bytes, sealed: memoryview, target: memoryview) -> None:
        """Decrypt one stored segment, already read into private memory (and in format 2
        already matched against its signed digest), into ``target``; the opaque error if it
        fails. Format 2 after the first full check: AES-CTR (module docstring)."""
        if self._confirmed:
            ctr_open_into(self._aes, nonce, sealed, target)
            return
        try:
            self._aead.decrypt_into(nonce, sealed, self._ad, target)
        except InvalidTag as exc:
            # decrypt_into has already written the unauthenticated plaintext: wipe it
            target[:] = bytes(len(target))
            raise DecryptionError(self._where) from exc
        if self._segments is not None:
            self._confirmed = True  # only ever False -> True, after a tag matched

    def _run_into(self, first: int, count: int, target: memoryview) -> None:
        """Decrypt whole segments ``first .. first + count - 1`` into ``target`` (their exact
        plaintext length) on two threads, each reading (``os.preadv``), checking and
        decrypting one segment at a time in its own buffer while it is in cache.

        The buffer is private to the thread, so the bytes hashed are the bytes decrypted (no
        window for a file changed under a mapping); each segment is checked against the list
        *before* it is decrypted, and ``target`` is handed back only once every task has
        finished and none failed -- on a failure it is wiped, after all tasks stopped
        writing to it, and the one opaque error is raised.
        """
        seg, cseg = self._header.segment_size, self._header.segment_size + TAG_SIZE
        fd = self._source.fileno()

        batch = -(-count // 2)  # two tasks, one per core: measured, 2-segment tasks cost ~15% more CPU

        def open_batch(begin: int) -> None:
            own = getattr(self._local, "sealed", None)
            if own is None:
                own = self._local.sealed = memoryview(bytearray(cseg))
            for k in range(begin, min(begin + batch, count)):
                index, length = first + k, self._length(first + k)
                piece = own[: length + TAG_SIZE]
                if os.preadv(fd, [piece], HEADER_SIZE + index * cseg) != len(piece):
                    raise DecryptionError(self._where)
                if self._segments is not None:  # checked before AES-GCM ever sees it
                    self._segments.check_segment(index, piece, where=self._where)
                self._open_into(self._header.nonce(index, last=index == self._count - 1),
                                piece, target[k * seg : k * seg + length])

        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="dp-segment-open")
        self._source_pos = -1  # positional reads: the next sequential read seeks
        tasks: list[Future[None]] = [self._pool.submit(open_batch, k) for k in range(0, count, batch)]
        wait(tasks)  # every task has stopped writing into ``target`` before it is judged
        failure = next((task.exception() for task in tasks if task.exception() is not None), None)
        if failure is not None:
            # decrypt_into writes plaintext before it checks the tag: wipe the whole run
            target[:] = bytes(len(target))
            if isinstance(failure, (InvalidTag, DecryptionError)):
                raise DecryptionError(self._where) from failure
            raise failure

    def read(self, size: int | None = -1) -> bytes | bytearray | pa.Buffer:  # type: ignore[override]
        """Read up to ``size`` bytes (all that is left if ``size`` is negative or None).

        A read inside one segment is a copy out of the kept segment; one that reaches a
        segment's end (Parquet asks for a whole row group at a time) is decrypted straight
        into one new buffer, returned as is: no per-segment buffers, no join. That buffer
        is a ``bytearray``, or with ``arrow_buffers=True`` (for pyarrow, which keeps it
        without a copy) a ``pyarrow.Buffer`` from Arrow's memory pool, whose reused memory
        costs no zero-fill or page faults (~8% less CPU for a whole Parquet read). It is
        filled completely before it is returned; if a segment fails, it is not returned.
        """
        end = self._size if size is None or size < 0 else min(self._size, self._pos + size)
        if end <= self._pos:
            return b""
        index, offset = divmod(self._pos, self._header.segment_size)
        if offset + end - self._pos < self._length(index):  # inside one segment, not all of it
            part = bytes(self._segment(index)[offset : offset + end - self._pos])
            self._pos = end
            return part
        if self._arrow_buffers:
            buffer = pa.allocate_buffer(end - self._pos)
            self.readinto(memoryview(buffer))
            return buffer
        out = bytearray(end - self._pos)
        self.readinto(out)
        return out

    def readall(self) -> bytes | bytearray | pa.Buffer:  # type: ignore[override]
        return self.read(-1)

    def readinto(self, buffer: BytesLike) -> int:  # type: ignore[override]
        target = memoryview(buffer).cast("B")
        seg, done = self._header.segment_size, 0
        while done < len(target) and self._pos < self._size:
            index, offset = divmod(self._pos, seg)
            length = self._length(index)
            take = min(length - offset, len(target) - done)
            run = self._whole_run(index, len(target) - done) if offset == 0 else 0
            if run >= _RUN_MIN:
                take = (run - 1) * seg + self._length(index + run - 1)
                self._run_into(index, run, target[done : done + take])
            elif offset == 0 and take == length and self._cached != index:
                self._segment_into(index, target[done : done + take])
            else:
                target[done : done + take] = self._segment(index)[offset : offset + take]
            done += take
            self._pos += take
        return done


def _has_fd(source: IO[bytes]) -> bool:
    """Whether ``source`` is a regular local file (positional reads work on it)."""
    try:
        mode = os.fstat(source.fileno()).st_mode
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return False
    return stat.S_ISREG(mode) and hasattr(os, "preadv")


def _run_cpus() -> int:
    return min(2, os.cpu_count() or 1)


def _read_into(source: IO[bytes], target: memoryview) -> int:
    """Fill ``target`` from ``source``; return how many bytes were available."""
    done = 0
    readinto = getattr(source, "readinto", None)
    while done < len(target):
        if readinto is not None:
            got = readinto(target[done:])
        else:
            chunk = source.read(len(target) - done)
            got = len(chunk)
            target[done : done + got] = chunk
        if not got:
            break
        done += got
    return done


def decrypt_bytes(ciphertext: BytesLike, key: bytes, *, context: bytes,
                  where: str | None = None) -> bytearray:
    """Decrypt and authenticate a whole stream held in memory, into one buffer."""
    view = memoryview(ciphertext).cast("B")
    header = StreamHeader.parse(bytes(view[:HEADER_SIZE]), where=where)
    aead = _check_key(key)
    ad = header.to_bytes() + context
    seg, cseg = header.segment_size, header.segment_size + TAG_SIZE
    try:
        count, last = _layout(len(view), seg)
    except ValueError as exc:
        raise DecryptionError(where) from exc
    out = bytearray((count - 1) * seg + last - TAG_SIZE)
    target = memoryview(out)
    for index in range(count):
        start = HEADER_SIZE + index * cseg
        sealed = view[start : start + cseg]
        nonce = header.nonce(index, last=index == count - 1)
        try:
            aead.decrypt_into(nonce, sealed, ad, target[index * seg : index * seg + len(sealed) - TAG_SIZE])
        except InvalidTag as exc:
            raise DecryptionError(where) from exc
    return out
