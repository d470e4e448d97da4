"""Reading shards: check the ciphertext against the manifest, then decrypt.

Order matters: a shard's size and SHA-256 are compared with the signed manifest
*before* a single byte is decrypted, so a swapped, truncated, extended or altered shard
is reported as an :class:`IntegrityError` naming the file. Decryption then
authenticates every segment again (``_stream``), which also covers a file changed
between the hash check and the read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from dataprotocol.errors import IntegrityError
from dataprotocol.package._manifest import Manifest, ShardEntry
from dataprotocol.package._storage import Location
from dataprotocol.package._stream import SegmentReader, decrypt_bytes

__all__ = ["check_shard", "check_shard_bytes", "read_shard", "iter_shard_batches"]

_CHUNK = 1024 * 1024


def check_shard_bytes(data: bytes, entry: ShardEntry, *, name: str) -> None:
    """Raise :class:`IntegrityError` unless ``data`` is the shard the manifest describes."""
    if len(data) != entry.ciphertext_size:
        raise IntegrityError(f"{name}: size {len(data)} bytes, manifest says "
                             f"{entry.ciphertext_size} (truncated, extended or replaced)")
    if hashlib.sha256(data).hexdigest() != entry.sha256:
        raise IntegrityError(f"{name}: SHA-256 does not match the manifest (altered or swapped)")


def check_shard(location: Location, entry: ShardEntry) -> None:
    """Stream-hash a shard file and compare it with the manifest (no keys needed)."""
    name = location.name(entry.path)
    digest, size = hashlib.sha256(), 0
    try:
        with location.open(entry.path) as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except FileNotFoundError as exc:
        raise IntegrityError(f"{name}: shard file is missing") from exc
    if size != entry.ciphertext_size:
        raise IntegrityError(f"{name}: size {size} bytes, manifest says "
                             f"{entry.ciphertext_size} (truncated, extended or replaced)")
    if digest.hexdigest() != entry.sha256:
        raise IntegrityError(f"{name}: SHA-256 does not match the manifest (altered or swapped)")


def _read_ciphertext(location: Location, entry: ShardEntry) -> bytes:
    try:
        return location.read_bytes(entry.path)
    except FileNotFoundError as exc:
        raise IntegrityError(f"{location.name(entry.path)}: shard file is missing") from exc


def _parquet_error(name: str, exc: Exception) -> IntegrityError:
    # Only the publisher could have written an authentic but unreadable shard.
    return IntegrityError(f"{name}: decrypted shard is not a readable Parquet file ({exc})")


def read_shard(location: Location, manifest: Manifest, index: int, key: bytes,
               *, columns: Sequence[str] | None = None) -> pa.Table:
    """Verify, decrypt and parse one whole shard (in memory)."""
    entry = manifest.shard(index)
    name = location.name(entry.path)
    ciphertext = _read_ciphertext(location, entry)
    check_shard_bytes(ciphertext, entry, name=name)
    plaintext = decrypt_bytes(ciphertext, key, context=manifest.context(index), where=name)
    try:
        return pq.read_table(pa.BufferReader(plaintext), columns=list(columns) if columns else None)
    except (pa.ArrowException, OSError) as exc:
        raise _parquet_error(name, exc) from exc


def iter_shard_batches(location: Location, manifest: Manifest, index: int, key: bytes, *,
                       batch_size: int, columns: Sequence[str] | None = None
                       ) -> Iterator[pa.RecordBatch]:
    """Verify a shard, then stream its rows with one decrypted segment in memory at a time."""
    entry = manifest.shard(index)
    name = location.name(entry.path)
    check_shard(location, entry)
    with location.open(entry.path) as handle:
        reader = SegmentReader(handle, key, context=manifest.context(index),
                               size=entry.ciphertext_size, where=name)
        try:
            parquet = pq.ParquetFile(reader)
            yield from parquet.iter_batches(batch_size=batch_size,
                                            columns=list(columns) if columns else None)
        except (pa.ArrowException, OSError) as exc:
            raise _parquet_error(name, exc) from exc
