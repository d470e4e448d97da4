"""Reading shards: check the ciphertext against the manifest, then decrypt.

Format 2 (verify as you read): ``open_package`` checks each shard's size, and its
segment digest list (``_segments``) with the stream header against the signed manifest
(:func:`check_shard_open`: a few small reads, no hashing of the shard) -- a missing,
swapped, truncated or extended shard is an :class:`IntegrityError` naming the file.
Reading fetches and checks the list again and hashes every segment it loads, comparing
it with the list *before* decrypting it: a byte changed at any time, by anyone, even a
holder of the shard key, is the opaque ``DecryptionError`` naming the file, never a
returned byte. ``verify_package`` (:func:`check_shard`) still hashes whole files.

Format 1 (no list): every shard's size and SHA-256 are checked at open, before a byte is
decrypted; reads then rely on AES-GCM, which a holder of the key can satisfy with a
file swapped after the check (docs/threat-model.md). Either way the shard's own key and
associated data (dataset, version, shard index, package id) are authenticated (format 1:
every segment's tag; format 2: the first segment's, the others then open with AES-CTR,
``_stream_read``), and the length comes from the manifest. Memory: about one segment plus
what Parquet decodes for ``iter_shard_batches`` and column subsets; a whole-shard
``read_shard`` also holds the shard's plaintext (decrypted ahead of the parser, ``_prefetch``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import IO

import pyarrow as pa
import pyarrow.parquet as pq

from dataprotocol.errors import IntegrityError
from dataprotocol.package._digest import SHA256, new_digest
from dataprotocol.package._manifest import Manifest, ShardEntry
from dataprotocol.package._prefetch import PrefetchReader
from dataprotocol.package._segments import DIGEST_SIZE, SegmentList, load_segment_list, segment_digest
from dataprotocol.package._storage import Location
from dataprotocol.package._stream import HEADER_SIZE, TAG_SIZE, StreamHeader
from dataprotocol.package._stream_read import SegmentReader

__all__ = ["check_shard", "check_shard_open", "check_shards", "segment_list", "read_shard",
           "read_table_from", "iter_shard_batches"]

_CHUNK = 1024 * 1024
_LABEL = {"sha256": "SHA-256", "blake3": "BLAKE3"}
_CHECK_THREADS = 4  # shards hashed at once by check_shards (more only adds seeks)


def _check_size(location: Location, entry: ShardEntry) -> None:
    size = location.size(entry.path)
    if size != entry.ciphertext_size:
        raise IntegrityError(f"{location.name(entry.path)}: size {size} bytes, manifest says "
                             f"{entry.ciphertext_size} (truncated, extended or replaced)")


def segment_list(location: Location, entry: ShardEntry) -> SegmentList | None:
    """The shard's digest list as fetched (format 2), unchecked; None for format 1."""
    if entry.segments_path is None or entry.segments_digest is None:
        return None
    return load_segment_list(location, path=entry.segments_path, commitment=entry.segments_digest,
                             ciphertext_size=entry.ciphertext_size)


def _checked_list(location: Location, entry: ShardEntry, segments: SegmentList, header: bytes) -> None:
    """Raise an ``IntegrityError`` naming the files unless the list and header are as signed."""
    try:
        count = -(-(entry.ciphertext_size - HEADER_SIZE)
                  // (StreamHeader.parse(header).segment_size + TAG_SIZE))
    except IntegrityError:
        count = -1
    if count < 1 or not segments.matches(header, count=count):
        raise IntegrityError(f"{location.name(entry.path)}: stream header or segment digest list "
                             f"{entry.segments_path} does not match the manifest (altered or swapped)")


def check_shard_open(location: Location, entry: ShardEntry) -> None:
    """What ``open_package`` checks: format 2 -- size, header and digest list (each segment
    is checked when read); format 1 -- the whole file's digest (:func:`check_shard`)."""
    segments = segment_list(location, entry)
    if segments is None:
        check_shard(location, entry)
        return
    try:
        _check_size(location, entry)
        with location.open(entry.path) as handle:
            header = handle.read(HEADER_SIZE)
    except FileNotFoundError as exc:
        raise IntegrityError(f"{location.name(entry.path)}: shard file is missing") from exc
    _checked_list(location, entry, segments, header)


def check_shard(location: Location, entry: ShardEntry, *, also_sha256: bool = False) -> str | None:
    """Stream-hash a shard file and compare it with the manifest (no keys needed).

    The entry's own digest (BLAKE3, or SHA-256 for a format-1 manifest) is what is
    checked; in format 2, in the same pass, the digest list against the manifest and
    every segment against the list. With ``also_sha256`` the same pass computes the
    file's SHA-256 and returns it (Croissant wants SHA-256): a value returned only once
    the signed digest matched.
    """
    name = location.name(entry.path)
    digest, size = new_digest(entry.algorithm), 0
    sha256 = hashlib.sha256() if also_sha256 and entry.algorithm != SHA256 else None
    segments = segment_list(location, entry)
    try:  # the size first: a wrong size needs no hashing (a sparse 1 TB file would take hours)
        _check_size(location, entry)
        with location.open(entry.path) as handle:
            # format 2 reads the header, then one segment at a time, to check each one
            chunk_size, index, mismatch = (HEADER_SIZE if segments is not None else _CHUNK), 0, False
            while chunk := handle.read(chunk_size):
                digest.update(chunk)
                if sha256 is not None:
                    sha256.update(chunk)
                if segments is not None and size == 0:
                    _checked_list(location, entry, segments, chunk)
                    chunk_size = StreamHeader.parse(chunk).segment_size + TAG_SIZE
                elif segments is not None:
                    expected = segments.digests[index * DIGEST_SIZE : (index + 1) * DIGEST_SIZE]
                    mismatch |= segment_digest(chunk) != expected
                    index += 1
                size += len(chunk)
    except FileNotFoundError as exc:
        raise IntegrityError(f"{name}: shard file is missing") from exc
    if segments is not None and mismatch:
        raise IntegrityError(f"{name}: a segment does not match its digest in {entry.segments_path} "
                             "(altered or swapped)")
    if size != entry.ciphertext_size:
        raise IntegrityError(f"{name}: size {size} bytes, manifest says "
                             f"{entry.ciphertext_size} (truncated, extended or replaced)")
    if digest.hexdigest() != entry.digest:
        raise IntegrityError(f"{name}: {_LABEL.get(entry.algorithm, entry.algorithm)} does not match "
                             "the manifest (altered or swapped)")
    if not also_sha256:
        return None
    return sha256.hexdigest() if sha256 is not None else entry.digest


def check_shards(location: Location, entries: Sequence[ShardEntry]) -> None:
    """:func:`check_shard_open` for each entry, a few at a time on threads (file reads and
    both hashes release the GIL, so a second core halves a multi-shard format-1 check);
    the first failing entry *in order* is the one raised, as a sequential check would."""
    if len(entries) <= 1:
        for entry in entries:
            check_shard_open(location, entry)
        return
    workers = min(len(entries), _CHECK_THREADS, os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="dp-shard-check") as pool:
        checks = [pool.submit(check_shard_open, location, entry) for entry in entries]
        for check in checks:
            check.result()  # raises the first failure in order; the pool waits for the rest


def _parquet_error(name: str, exc: Exception) -> IntegrityError:
    # Only the publisher could have written an authentic but unreadable shard.
    return IntegrityError(f"{name}: decrypted shard is not a readable Parquet file ({exc})")


@contextlib.contextmanager
def _plaintext(location: Location, manifest: Manifest, index: int, key: bytes, *,
               prefetch: bool = False) -> Iterator[SegmentReader]:
    entry = manifest.shard(index)
    name = location.name(entry.path)
    try:
        handle = location.open(entry.path)
    except FileNotFoundError as exc:
        raise IntegrityError(f"{name}: shard file is missing") from exc
    try:
        segments = segment_list(location, entry)  # fetched again: it is checked where it is used
        if segments is not None:  # a file changed since open is refused, not partly read
            _check_size(location, entry)
    except BaseException:
        handle.close()
        raise
    with handle, _reader(handle, key, context=manifest.context(index), size=entry.ciphertext_size,
                         where=name, segments=segments, prefetch=prefetch) as reader:
        yield reader  # the reader (and its read-ahead) is closed before the file


def _reader(handle: IO[bytes], key: bytes, *, context: bytes, size: int, where: str | None,
            segments: SegmentList | None, prefetch: bool) -> SegmentReader:
    if prefetch:
        return PrefetchReader(handle, key, context=context, size=size, where=where, segments=segments)
    return SegmentReader(handle, key, context=context, size=size, where=where, arrow_buffers=True,
                         segments=segments)


def read_table_from(handle: IO[bytes], key: bytes, *, context: bytes, size: int, where: str | None = None,
                    segments: SegmentList | None = None, columns: Sequence[str] | None = None) -> pa.Table:
    """Decrypt and parse one shard from an open file: ``read_shard`` without the manifest (and
    what ``benchmarks/bench_package.py`` times).

    All columns: the whole shard is decrypted ahead of the parser into one buffer
    (:class:`PrefetchReader`; memory: the shard's plaintext size, for as long as the read
    takes) and Parquet reads column chunks in order from it (``pre_buffer=False``: its
    coalesced read-ahead would only wait for the same segments); every segment must check,
    even one Parquet skipped. A column subset reads through :class:`SegmentReader`, which
    decrypts only the byte ranges Parquet asks for.
    """
    with _reader(handle, key, context=context, size=size, where=where, segments=segments,
                 prefetch=not columns) as reader:
        return _parse(reader, columns)


def _parse(reader: SegmentReader, columns: Sequence[str] | None) -> pa.Table:
    if isinstance(reader, PrefetchReader):
        table = pq.read_table(reader, pre_buffer=False)
        reader.finish()
        return table
    return pq.read_table(reader, columns=list(columns) if columns else None)


def read_shard(location: Location, manifest: Manifest, index: int, key: bytes,
               *, columns: Sequence[str] | None = None) -> pa.Table:
    """Decrypt and parse one shard (checked by ``open_package`` beforehand); all columns:
    decrypted ahead of the parser into one buffer (see :func:`read_table_from`)."""
    with _plaintext(location, manifest, index, key, prefetch=not columns) as reader:
        try:
            return _parse(reader, columns)
        except (pa.ArrowException, OSError) as exc:
            raise _parquet_error(location.name(manifest.shard(index).path), exc) from exc


def iter_shard_batches(location: Location, manifest: Manifest, index: int, key: bytes, *,
                       batch_size: int, columns: Sequence[str] | None = None
                       ) -> Iterator[pa.RecordBatch]:
    """Stream a shard's rows with one decrypted segment in memory at a time."""
    with _plaintext(location, manifest, index, key) as reader:
        try:
            parquet = pq.ParquetFile(reader)
            yield from parquet.iter_batches(batch_size=batch_size,
                                            columns=list(columns) if columns else None)
        except (pa.ArrowException, OSError) as exc:
            raise _parquet_error(location.name(manifest.shard(index).path), exc) from exc
