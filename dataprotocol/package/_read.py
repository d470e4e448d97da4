"""Reading shards: check the ciphertext against the manifest, then decrypt.

Order matters: ``open_package`` compares every shard's size and digest with the signed
manifest (:func:`check_shard`) *before* a single byte is decrypted, so a swapped,
truncated, extended or altered shard is reported as an :class:`IntegrityError` naming
the file. Reading then decrypts through a :class:`SegmentReader`, which authenticates
every segment it touches against the shard's own key and associated data (dataset,
version, shard index, package id) and takes the length from the manifest -- so a file
changed after the check still can't yield a wrong byte, only a ``DecryptionError``.
Memory stays at about one segment plus what Parquet decodes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor

import pyarrow as pa
import pyarrow.parquet as pq

from dataprotocol.errors import IntegrityError
from dataprotocol.package._digest import SHA256, new_digest
from dataprotocol.package._manifest import Manifest, ShardEntry
from dataprotocol.package._storage import Location
from dataprotocol.package._stream_read import SegmentReader

__all__ = ["check_shard", "check_shards", "read_shard", "iter_shard_batches"]

_CHUNK = 1024 * 1024
_LABEL = {"sha256": "SHA-256", "blake3": "BLAKE3"}
_CHECK_THREADS = 4  # shards hashed at once by check_shards (more only adds seeks)


def check_shard(location: Location, entry: ShardEntry, *, also_sha256: bool = False) -> str | None:
    """Stream-hash a shard file and compare it with the manifest (no keys needed).

    The entry's own digest (BLAKE3, or SHA-256 for a format-1 manifest) is what is
    checked. With ``also_sha256`` the same pass computes the file's SHA-256 and returns
    it (Croissant wants SHA-256): a value returned only once the signed digest matched.
    """
    name = location.name(entry.path)
    digest, size = new_digest(entry.algorithm), 0
    sha256 = hashlib.sha256() if also_sha256 and entry.algorithm != SHA256 else None
    try:  # the size first: a wrong size needs no hashing (a sparse 1 TB file would take hours)
        if location.size(entry.path) != entry.ciphertext_size:
            raise IntegrityError(f"{name}: size {location.size(entry.path)} bytes, manifest says "
                                 f"{entry.ciphertext_size} (truncated, extended or replaced)")
        with location.open(entry.path) as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                if sha256 is not None:
                    sha256.update(chunk)
                size += len(chunk)
    except FileNotFoundError as exc:
        raise IntegrityError(f"{name}: shard file is missing") from exc
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
    """:func:`check_shard` for each entry, a few at a time on threads (file reads and
    both hashes release the GIL, so a second core halves a multi-shard check); the first
    failing entry *in order* is the one raised, as a sequential check would."""
    if len(entries) <= 1:
        for entry in entries:
            check_shard(location, entry)
        return
    workers = min(len(entries), _CHECK_THREADS, os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="dp-shard-check") as pool:
        checks = [pool.submit(check_shard, location, entry) for entry in entries]
        for check in checks:
            check.result()  # raises the first failure in order; the pool waits for the rest


def _parquet_error(name: str, exc: Exception) -> IntegrityError:
    # Only the publisher could have written an authentic but unreadable shard.
    return IntegrityError(f"{name}: decrypted shard is not a readable Parquet file ({exc})")


@contextlib.contextmanager
def _plaintext(location: Location, manifest: Manifest, index: int, key: bytes) -> Iterator[SegmentReader]:
    entry = manifest.shard(index)
    name = location.name(entry.path)
    try:
        handle = location.open(entry.path)
    except FileNotFoundError as exc:
        raise IntegrityError(f"{name}: shard file is missing") from exc
    with handle, SegmentReader(handle, key, context=manifest.context(index),
                               size=entry.ciphertext_size, where=name, arrow_buffers=True) as reader:
        yield reader  # the reader (and its read-ahead) is closed before the file


def read_shard(location: Location, manifest: Manifest, index: int, key: bytes,
               *, columns: Sequence[str] | None = None) -> pa.Table:
    """Decrypt and parse one shard (checked by ``open_package`` beforehand)."""
    with _plaintext(location, manifest, index, key) as reader:
        try:
            return pq.read_table(reader, columns=list(columns) if columns else None)
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
