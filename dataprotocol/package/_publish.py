"""``publish``: input table -> (scrub) -> Parquet shards -> encrypted shards + signed manifest.

Streaming end to end: record batches flow from the input reader through the optional
scrubber into one Parquet writer per shard, whose output is encrypted segment by
segment as it is written (``StreamWriter``). Peak memory is a few batches and one
Parquet row group, whatever the input size. Each shard gets a fresh 256-bit data key
from the OS CSPRNG; the publisher keeps its own wrapped copy in the manifest.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from dataprotocol.errors import InputError
from dataprotocol.keys import KeyPair, b64e, sign_document
from dataprotocol.package._digest import BLAKE3
from dataprotocol.package._hf import dataset_readme
from dataprotocol.package._manifest import (
    FORMAT,
    MANIFEST_TYPE,
    STREAM_SCHEME,
    Manifest,
    ShardEntry,
    shard_context,
)
from dataprotocol.package._scrub import ScrubPlan, scrub_batches, source_batches
from dataprotocol.package._segments import sidecar_path
from dataprotocol.package._sources import TableSource, open_source
from dataprotocol.package._storage import MANIFEST_NAME, Location, staged_package
from dataprotocol.package._stream import DEFAULT_SEGMENT_SIZE, StreamWriter
from dataprotocol.package._wrap import WRAP_SCHEME, wrap_context, wrap_key
from dataprotocol.policy import DatasetCard, LedgerPin, RevocationsRef

__all__ = ["publish", "TARGET_SHARD_BYTES", "DEFAULT_REVOCATIONS"]

#: the revocation list a package carries when the publisher names no other location
DEFAULT_REVOCATIONS = "revocations.json"

#: default shard size (uncompressed Arrow bytes) when neither shards nor rows_per_shard is given
TARGET_SHARD_BYTES = 64 * 1024 * 1024
_COMPRESSION = "zstd"


class _ShardSink:
    """One shard being written: Parquet -> StreamWriter -> file."""

    def __init__(self, location: Location, *, index: int, schema: pa.Schema, context: bytes,
                 segment_size: int) -> None:
        self.index = index
        self.key = AESGCM.generate_key(bit_length=256)
        self.relative = f"shards/shard-{index:05d}.dps"
        self._file: IO[bytes] = location.open(self.relative, "wb")
        self._stream = StreamWriter(self._file, self.key, context=context, segment_size=segment_size,
                                    digest_algorithm=BLAKE3, segment_digests=True)
        self._location = location
        self._writer = pq.ParquetWriter(self._stream, schema, compression=_COMPRESSION)
        self.rows = 0

    def write(self, batch: pa.RecordBatch) -> None:
        if batch.num_rows:
            self._writer.write_batch(batch)
            self.rows += batch.num_rows

    def close(self) -> ShardEntry:
        self._writer.close()
        self._stream.finish()
        self._file.close()
        segments = sidecar_path(self.relative)  # what readers check each segment against
        with self._location.open(segments, "wb") as handle:
            handle.write(self._stream.segment_digests)
        return ShardEntry(index=self.index, path=self.relative, rows=self.rows,
                          plaintext_size=self._stream.plaintext_size,
                          ciphertext_size=self._stream.ciphertext_size, digest=self._stream.digest,
                          algorithm=BLAKE3, segments_path=segments,
                          segments_digest=self._stream.segments_digest)


def _clean_schema(schema: pa.Schema) -> pa.Schema:
    """Drop pandas RangeIndex descriptors: they describe the whole input, not a shard."""
    meta = dict(schema.metadata or {})
    if b"pandas" not in meta:
        return schema
    pandas_meta = json.loads(meta[b"pandas"])
    pandas_meta["index_columns"] = [c for c in pandas_meta.get("index_columns", [])
                                    if isinstance(c, str)]
    meta[b"pandas"] = json.dumps(pandas_meta).encode()
    return schema.with_metadata(meta)


def _conform(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    if batch.schema.equals(schema, check_metadata=False):
        return batch
    try:
        return pa.Table.from_batches([batch]).cast(schema).to_batches()[0]
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, IndexError) as exc:
        raise InputError(f"a later part of the input does not match the schema of the first: {exc}",
                         expected="consistent column types") from exc


def _sizer(*, source: TableSource, shards: int | None, rows_per_shard: int | None
           ) -> Callable[[int, float], int]:
    """Return f(shard index, bytes per row of the first batch) -> target rows of that shard."""
    if shards is not None:
        total = source.count_rows()
        if shards > max(total, 1):  # empty shards only cost time (1,000,000 took minutes)
            raise InputError(f"{shards} shards for {total} rows", field="shards",
                             expected=f"at most one shard per row (<= {max(total, 1)})")
        return lambda i, _b: total * (i + 1) // shards - total * i // shards
    if rows_per_shard is not None:
        return lambda _i, _b: rows_per_shard
    return lambda _i, per_row: max(1, int(TARGET_SHARD_BYTES // max(per_row, 1.0)))


def _write_shards(location: Location, batches: Iterator[pa.RecordBatch], *, base_schema: pa.Schema,
                  shards: int | None, size_of: Callable[[int, float], int],
                  context_of: Callable[[int], bytes], segment_size: int
                  ) -> tuple[list[ShardEntry], list[bytes], pa.Schema]:
    location.fs.makedirs(location.path("shards"), exist_ok=True)
    entries: list[ShardEntry] = []
    keys: list[bytes] = []
    schema: pa.Schema | None = None
    per_row = 1.0  # bytes per row, from the first batch (for the default shard size)
    sink: _ShardSink | None = None
    remaining = 0

    def open_sink(schema_: pa.Schema) -> tuple[_ShardSink, int]:
        index = len(entries)
        if shards is not None and index >= shards:
            raise InputError("the input grew while it was being published", expected="an unchanging file")
        return (_ShardSink(location, index=index, schema=schema_, context=context_of(index),
                           segment_size=segment_size), size_of(index, per_row))

    def close_sink(s: _ShardSink) -> None:
        entries.append(s.close())
        keys.append(s.key)

    for raw in batches:
        if schema is None:
            schema, per_row = _clean_schema(raw.schema), raw.nbytes / max(raw.num_rows, 1)
        batch, offset = _conform(raw, schema), 0
        while offset < batch.num_rows:
            if sink is None:
                sink, remaining = open_sink(schema)
            take = min(remaining, batch.num_rows - offset)
            sink.write(batch.slice(offset, take))
            offset, remaining = offset + take, remaining - take
            if remaining <= 0:
                close_sink(sink)
                sink = None
    schema = schema if schema is not None else _clean_schema(base_schema)
    if sink is not None:
        close_sink(sink)
    while len(entries) < (shards if shards is not None else 1):
        close_sink(open_sink(schema)[0])
    return entries, keys, schema


def _schema_summary(schema: pa.Schema) -> dict[str, Any]:
    return {"fields": [{"name": f.name, "type": str(f.type), "nullable": f.nullable} for f in schema],
            "arrow_ipc": b64e(schema.serialize().to_pybytes())}


def _check_arguments(card: DatasetCard, publisher: KeyPair, *, shards: int | None,
                     rows_per_shard: int | None) -> None:
    if publisher.key_id != card.publisher.key_id:
        raise InputError(f"the key {publisher.key_id} is not the card's publisher "
                         f"({card.publisher.key_id})", field="publisher",
                         expected="the private key matching the card's publisher identity")
    if shards is not None and rows_per_shard is not None:
        raise InputError("give either shards or rows_per_shard, not both", field="shards")
    if shards is not None and shards < 1:
        raise InputError("shards must be at least 1", field="shards", expected="an integer >= 1")
    if rows_per_shard is not None and rows_per_shard < 1:
        raise InputError("rows_per_shard must be at least 1", field="rows_per_shard",
                         expected="an integer >= 1")


def publish(
    input_path: str | Path,
    *,
    card: DatasetCard,
    publisher: KeyPair,
    out: str | Path,
    shards: int | None = None,
    rows_per_shard: int | None = None,
    text_columns: Sequence[str] = (),
    pii_columns: Mapping[str, str] | None = None,
    pseudonym_key: bytes | None = None,
    scrubber: Any = None,
    segment_size: int = DEFAULT_SEGMENT_SIZE,
    ledger: LedgerPin | None = None,
    revocations: RevocationsRef | None = None,
    engine: str = "local",
    ray_address: str | None = None,
    synthetic: Any = None,
    ray_actors: int | None = None,
) -> Manifest:
    """Publish ``input_path`` (CSV, JSONL or Parquet) as an encrypted, signed data package.

    Scrubs ``text_columns`` (free text) and ``pii_columns`` (column -> entity type) with
    the de-identification layer first when any are given (or when ``scrubber`` is given),
    splits the rows into ``shards`` equal shards or shards of ``rows_per_shard`` rows
    (default: about 64 MiB of data per shard), and writes ``out`` atomically.

    ``ledger``: the dataset's ledger (``records.create_dataset_ledger``), pinned in the
    signed manifest -- without it the package can be read but not trained on.
    ``revocations``: where readers fetch the publisher's current revocation list
    (relative to the package folder, or a URL); ``open`` and ``train`` require it.
    Default: a signed, empty list written into the package as ``revocations.json``
    (extend it with ``grant revoke --list PKG/revocations.json``; refresh it before its
    ``next_update``).
    ``engine="ray"``: scrub on a Ray Data actor pool (one scrubber per actor), on a local
    Ray or the cluster at ``ray_address`` / ``RAY_ADDRESS``, ``ray_actors`` actors (default:
    every CPU Ray has free); the same rows as "local".
    ``synthetic``: a checked DP synthetic table (``package.prepare_synthetic``; use
    :func:`~dataprotocol.package.publish_synthetic`): its provenance record goes into the
    package, its guarantee into the signed manifest and the dataset card.
    """
    if engine != "local" or ray_actors is not None:
        from dataprotocol.deid import check_engine

        check_engine(engine, ray_actors=ray_actors)
    if ledger is not None and ledger.publisher_key_id != publisher.key_id:
        raise InputError("the ledger was created by another publisher", field="ledger",
                         expected=f"a ledger whose genesis {publisher.key_id} signed")
    _check_arguments(card, publisher, shards=shards, rows_per_shard=rows_per_shard)
    source = open_source(input_path)
    base_schema = source.schema()
    if card.privacy_unit and card.privacy_unit not in base_schema.names:
        # a unit the data does not carry could never be trained on (every run refused)
        raise InputError(f"the dataset card's privacy_unit {card.privacy_unit!r} is not a "
                         "column of the input", file=input_path, field="privacy_unit",
                         expected=", ".join(base_schema.names))
    plan = ScrubPlan.make(text_columns=text_columns, pii_columns=pii_columns or {},
                          pseudonym_key=pseudonym_key, scrubber=scrubber, schema=base_schema,
                          source=str(input_path), engine=engine, ray_address=ray_address,
                          ray_actors=ray_actors)
    size_of = _sizer(source=source, shards=shards, rows_per_shard=rows_per_shard)
    package_id = os.urandom(16).hex()

    def context_of(index: int) -> bytes:
        return shard_context(dataset_id=card.dataset_id, version=card.version,
                             package_id=package_id, shard=index)

    with staged_package(out) as location:
        batches = (scrub_batches(source.batches(), plan, read=functools.partial(source_batches, str(input_path)))
                   if plan.active else source.batches())
        entries, keys, schema = _write_shards(
            location, batches, base_schema=base_schema, shards=shards, size_of=size_of,
            context_of=context_of, segment_size=segment_size)
        payload = _payload(card=card, publisher=publisher, package_id=package_id, entries=entries,
                           keys=keys, schema=schema, scrub=plan.report() if plan.active else None,
                           segment_size=segment_size)
        if ledger is not None:
            payload["ledger"] = ledger.to_dict()
        if revocations is None:
            revocations = _initial_revocations(location, publisher)
        payload["revocations"] = revocations.to_dict()
        if synthetic is not None:  # a DP synthetic table: its claim, signed with the rest
            payload["synthetic"] = synthetic.block
            with location.open(synthetic.block["provenance"], "wb") as handle:
                handle.write(synthetic.provenance_bytes)
        document = sign_document(MANIFEST_TYPE, payload, publisher)
        with location.open(MANIFEST_NAME, "wb") as handle:
            handle.write((json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
                         .encode("utf-8"))
        with location.open(README_NAME, "wb") as handle:  # Hub-style card; load_dataset fails clearly
            readme = dataset_readme(card, license_hub_id=_hub_id(card.license))
            handle.write((readme + (synthetic.readme_section() if synthetic is not None else ""))
                         .encode("utf-8"))
    return Manifest.from_document(document, source=str(out) + "/" + MANIFEST_NAME)


def _initial_revocations(location: Location, publisher: KeyPair) -> RevocationsRef:
    """An empty signed list inside the package, so a reader always has one to check."""
    from dataprotocol.policy import revoke_grants

    document = revoke_grants(publisher, [])
    with location.open(DEFAULT_REVOCATIONS, "wb") as handle:
        handle.write((json.dumps(document, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    return RevocationsRef(location=DEFAULT_REVOCATIONS)


README_NAME = "README.md"


def _hub_id(license_id: str) -> str | None:
    from dataprotocol.policy import default_registry

    lic = default_registry().get(license_id)
    return lic.hub_id if lic is not None else None


def _payload(*, card: DatasetCard, publisher: KeyPair, package_id: str, entries: list[ShardEntry],
             keys: list[bytes], schema: pa.Schema, scrub: dict[str, Any] | None,
             segment_size: int) -> dict[str, Any]:
    """The manifest payload; the publisher's own copies of the shard keys are wrapped here."""
    recipient = publisher.public.encryption_public
    wrapped = {str(e.index): wrap_key(k, recipient, context=wrap_context(
        package_id=package_id, shard=e.index, recipient_key_id=publisher.key_id))
        for e, k in zip(entries, keys)}
    return {
        "format": FORMAT, "package_id": package_id,
        "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "dataset": card.to_dict(), "rows": sum(e.rows for e in entries),
        "schema": _schema_summary(schema), "scrub": scrub,
        "encryption": {"scheme": STREAM_SCHEME, "aead": "AES-256-GCM", "key_bits": 256,
                       "segment_size": segment_size, "container": "parquet", "key_wrap": WRAP_SCHEME},
        "shards": [e.to_dict() for e in entries], "publisher_keys": wrapped,
    }
