"""Streaming AES-256-GCM: the on-disk format of one encrypted shard.

This is the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár, "Online
Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance" (CRYPTO 2015), in the
nonce layout that Tink's ``AesGcmHkdfStreaming`` and age (age-encryption.org/v1) use:
the plaintext is cut into fixed-size segments and segment ``i`` is sealed with
AES-256-GCM under the nonce ``prefix(7) || uint32_be(i) || last(1)``. Because the
position and the "this is the final segment" flag are inside the nonce, reordering,
dropping, duplicating, truncating (even at a segment boundary) or extending a stream
all make some segment fail to authenticate. Memory stays at one segment.

Format ``dataprotocol-stream/1`` (all integers big-endian)::

    header   magic "DPSG" (4) | version 0x01 (1) | segment_size (4) | nonce_prefix (7)
    segment  AES-256-GCM(key, nonce_i, plaintext_i, AD) = ciphertext_i || tag (16)

Every segment except the last holds exactly ``segment_size`` plaintext bytes; the last
holds 0..segment_size bytes (an empty stream is one empty final segment). The
associated data of every segment is ``header || context``, where ``context`` is chosen
by the caller (the package binds dataset id, version, shard index and package id), so a
shard can't be moved to another position, package or dataset.

The primitive is ``cryptography``'s AESGCM; nothing here is hand-rolled crypto, only
framing. Every authentication failure raises one opaque :class:`DecryptionError`;
reading lives in ``_stream_read``.
"""

from __future__ import annotations

import io
import os
import struct
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, Union

import blake3
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from dataprotocol.errors import DecryptionError
from dataprotocol.package._digest import SHA256, Digest, new_digest

__all__ = [
    "MAGIC",
    "VERSION",
    "HEADER_SIZE",
    "TAG_SIZE",
    "DEFAULT_SEGMENT_SIZE",
    "StreamHeader",
    "StreamWriter",
    "encrypt_bytes",
]

MAGIC = b"DPSG"
VERSION = 1
NONCE_PREFIX_SIZE = 7
HEADER_SIZE = len(MAGIC) + 1 + 4 + NONCE_PREFIX_SIZE  # 16
TAG_SIZE = 16
KEY_SIZE = 32
MIN_SEGMENT_SIZE = 64 * 1024
MAX_SEGMENT_SIZE = 1024 * 1024
DEFAULT_SEGMENT_SIZE = MAX_SEGMENT_SIZE
BytesLike = Union[bytes, bytearray, memoryview]
_MAX_SEGMENTS = 2**32  # the counter is 32 bits; 4 PiB at 1 MiB segments


class StreamHeader:
    """The 16-byte header: version, segment size and the random nonce prefix."""

    __slots__ = ("segment_size", "nonce_prefix")

    def __init__(self, *, segment_size: int, nonce_prefix: bytes) -> None:
        if not MIN_SEGMENT_SIZE <= segment_size <= MAX_SEGMENT_SIZE:
            raise ValueError(f"segment_size must be in [{MIN_SEGMENT_SIZE}, {MAX_SEGMENT_SIZE}]")
        if len(nonce_prefix) != NONCE_PREFIX_SIZE:
            raise ValueError("nonce_prefix must be 7 bytes")
        self.segment_size = segment_size
        self.nonce_prefix = nonce_prefix

    def to_bytes(self) -> bytes:
        return MAGIC + bytes([VERSION]) + struct.pack(">I", self.segment_size) + self.nonce_prefix

    @classmethod
    def parse(cls, data: bytes, *, where: str | None = None) -> StreamHeader:
        """Parse a header; a wrong magic, version or size is a :class:`DecryptionError`."""
        if len(data) < HEADER_SIZE or data[:4] != MAGIC or data[4] != VERSION:
            raise DecryptionError(where)
        (segment_size,) = struct.unpack(">I", data[5:9])
        try:
            return cls(segment_size=segment_size, nonce_prefix=bytes(data[9:HEADER_SIZE]))
        except ValueError as exc:
            raise DecryptionError(where) from exc

    def nonce(self, index: int, *, last: bool) -> bytes:
        if index >= _MAX_SEGMENTS:
            raise OverflowError("stream too long for a 32-bit segment counter")
        return self.nonce_prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00")


def _check_key(key: bytes) -> AESGCM:
    if len(key) != KEY_SIZE:
        raise ValueError("data keys are 256-bit (32 bytes)")
    return AESGCM(key)


class StreamWriter(io.RawIOBase):
    """A write-only file object that encrypts what is written into ``sink``.

    The writer must know which segment is the last before sealing it (the flag is in the
    nonce). A write that covers a whole segment is sealed straight from the caller's
    buffer as "not last" and the sealed segment is held back, with no plaintext copy;
    if :meth:`finish` follows instead of more data, that one segment is opened again
    and resealed as the last (one extra segment per stream, never one per write).
    Partial writes are gathered in one segment buffer. Call :meth:`finish` (or
    ``close``) to seal the final segment.

    ``digest`` (hex, of ``digest_algorithm``: see ``_digest``) and ``ciphertext_size``
    describe every byte written to ``sink``, header included (``hash_ciphertext=False``
    skips the hash, for benchmarks that isolate framing). With ``segment_digests`` the
    helper also records BLAKE3 of each stored segment (:attr:`segment_digests`, see
    ``_segments``: what a reader checks each segment against). The hash of a sealed segment
    runs on a helper thread while the next one is encrypted (hashlib, blake3 and AESGCM
    release the GIL); two sealed-segment buffers alternate, so memory stays at three
    segments.
    """

    def __init__(
        self,
        sink: IO[bytes],
        key: bytes,
        *,
        context: bytes,
        segment_size: int = DEFAULT_SEGMENT_SIZE,
        unsafe_nonce_prefix: bytes | None = None,
        hash_ciphertext: bool = True,
        digest_algorithm: str = SHA256,
        segment_digests: bool = False,
    ) -> None:
        super().__init__()
        prefix = os.urandom(NONCE_PREFIX_SIZE) if unsafe_nonce_prefix is None else unsafe_nonce_prefix
        self._header = StreamHeader(segment_size=segment_size, nonce_prefix=prefix)
        self._aead = _check_key(key)
        header = self._header.to_bytes()
        self._ad = header + context
        self._sink = sink
        # fixed buffers, reused for every segment: no per-segment allocation
        self._pending = bytearray(segment_size)
        self._fill = 0
        self._sealed = (memoryview(bytearray(segment_size + TAG_SIZE)),
                        memoryview(bytearray(segment_size + TAG_SIZE)))
        self._turn = 0  # which sealed buffer the next segment goes into
        self._held = False  # a full segment sealed as "not last", not yet emitted
        self._index = 0
        self._finished = False
        self.plaintext_size = 0
        self.ciphertext_size = 0
        self.digest_algorithm = digest_algorithm
        self._hash: Digest | None = new_digest(digest_algorithm) if hash_ciphertext else None
        self._hasher: ThreadPoolExecutor | None = None
        self._hashing: Future[object] | None = None
        self._header_bytes = header
        #: BLAKE3 of each stored segment, concatenated (``_segments``), if asked for
        self._segment_digests: bytearray | None = bytearray() if segment_digests else None
        self._emit(memoryview(header), background=False, segment=False)

    @property
    def digest(self) -> str:
        """Hex digest of the ciphertext written so far (what the manifest records)."""
        if self._hash is None:
            raise ValueError("created with hash_ciphertext=False")
        self._wait_hash()
        return self._hash.hexdigest()

    @property
    def segment_digests(self) -> bytes:
        """The per-segment digest list (the shard's sidecar), once :meth:`finish` ran."""
        if self._segment_digests is None or not self._finished:
            raise ValueError("created without segment_digests=True, or not finished")
        return bytes(self._segment_digests)

    @property
    def segments_digest(self) -> str:
        """The manifest's commitment to the header and :attr:`segment_digests`."""
        from dataprotocol.package._segments import segments_commitment

        return segments_commitment(self._header_bytes, self.segment_digests)

    @property
    def sha256(self) -> str:
        """SHA-256 of the ciphertext written so far (a writer made with ``digest_algorithm="sha256"``)."""
        if self.digest_algorithm != SHA256:
            raise ValueError(f"this writer hashes with {self.digest_algorithm}, not sha256")
        return self.digest

    def writable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.plaintext_size

    def _wait_hash(self) -> None:
        if self._hashing is not None:
            hashing, self._hashing = self._hashing, None
            hashing.result()

    def _absorb(self, data: memoryview, segment: bool) -> None:
        """Hash written bytes (on the helper thread for a segment sealed in the background)."""
        assert self._hash is not None
        self._hash.update(data)
        if segment and self._segment_digests is not None:
            self._segment_digests += blake3.blake3(data).digest()

    def _emit(self, data: memoryview, *, background: bool, segment: bool = True) -> None:
        self._sink.write(data)  # type: ignore[arg-type]
        self.ciphertext_size += len(data)
        if self._hash is None:
            return
        self._wait_hash()  # hashes stay in order, and the other buffer is free again
        if not background:
            self._absorb(data, segment)
            return
        if self._hasher is None:
            self._hasher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dp-stream-digest")
        self._hashing = self._hasher.submit(self._absorb, data, segment)

    def _seal(self, chunk: BytesLike, *, last: bool) -> memoryview:
        """Seal ``chunk`` as the next segment into the free sealed buffer; return it."""
        size = len(memoryview(chunk))
        out = self._sealed[self._turn][: size + TAG_SIZE]
        self._turn ^= 1
        self._aead.encrypt_into(self._header.nonce(self._index, last=last), chunk, self._ad, out)
        self._index += 1
        return out

    def _release_held(self) -> None:
        """More data follows the held segment: it was rightly sealed as not the last."""
        self._held = False
        self._emit(self._sealed[self._turn ^ 1], background=True)

    def write(self, data: BytesLike) -> int:  # type: ignore[override]
        if self._finished:
            raise ValueError("write to a finished stream")
        view = memoryview(data).cast("B")
        size, pos, seg = len(view), 0, self._header.segment_size
        while pos < size:
            if self._held:
                self._release_held()
            if self._fill == seg:  # more data follows: the buffered segment is not the last
                self._emit(self._seal(self._pending, last=False), background=True)
                self._fill = 0
            if self._fill == 0 and size - pos >= seg:  # seal straight from the caller's buffer
                self._seal(view[pos : pos + seg], last=False)
                self._held = True
                pos += seg
                continue
            take = min(seg - self._fill, size - pos)
            self._pending[self._fill : self._fill + take] = view[pos : pos + take]
            self._fill += take
            pos += take
        self.plaintext_size += size
        return size

    def _reseal_held_as_last(self) -> None:
        """The held segment is the last after all: open it into the pending buffer."""
        self._held = False
        self._turn ^= 1
        self._index -= 1
        nonce = self._header.nonce(self._index, last=False)
        try:
            self._aead.decrypt_into(nonce, self._sealed[self._turn], self._ad, memoryview(self._pending))
        except InvalidTag as exc:  # our own output: only a broken primitive gets here
            raise RuntimeError("resealing the final segment failed") from exc
        self._fill = self._header.segment_size

    def finish(self) -> None:
        """Seal the final segment (idempotent). The sink is flushed, not closed."""
        if self._finished:
            return
        if self._held:
            self._reseal_held_as_last()
        self._wait_hash()  # the buffer the last segment goes into may still be hashed
        self._emit(self._seal(memoryview(self._pending)[: self._fill], last=True), background=False)
        self._fill = 0
        self._finished = True
        self._sink.flush()
        if self._hasher is not None:
            self._hasher.shutdown()
            self._hasher = None

    def close(self) -> None:
        if not self.closed:
            try:
                self.finish()
            finally:
                if self._hasher is not None:
                    self._hasher.shutdown()
                    self._hasher = None
        super().close()


def encrypt_bytes(plaintext: BytesLike, key: bytes, *, context: bytes,
                  segment_size: int = DEFAULT_SEGMENT_SIZE,
                  unsafe_nonce_prefix: bytes | None = None) -> bytes:
    """Encrypt a whole buffer (tests, vectors, small payloads)."""
    sink = io.BytesIO()
    writer = StreamWriter(sink, key, context=context, segment_size=segment_size,
                          unsafe_nonce_prefix=unsafe_nonce_prefix)
    writer.write(plaintext)
    writer.finish()
    return sink.getvalue()
