"""The signed manifest of a data package (``manifest.json``).

A ``keys.sign_document`` envelope of type ``dataprotocol-manifest/1``. Its payload
embeds the dataset card (license, attribution, purposes, budget, publisher identity),
the scrub report (counts only), the schema (names and types, never values), the
encryption parameters, the random ``package_id`` that every shard's associated data
binds, one entry per shard (index, file, rows, plaintext and ciphertext sizes, and the
ciphertext digest: SHA-256 under ``"sha256"`` in format 1, BLAKE3 under ``"blake3"`` in
format 2 -- see ``_digest`` -- and, format 2, ``"segments": {"path", "blake3"}``, the
commitment to the per-segment digest list that readers check every segment against:
``_segments``), the publisher's own wrapped copies of the shard keys, and (newer
packages) the pins every reader and spender must honour: ``ledger`` (the dataset's
ledger, :class:`~dataprotocol.policy.LedgerPin`) and ``revocations`` (where the
publisher's current revocation list lives).

``manifest_id`` is ``"sha256:" + SHA-256(signed bytes)`` -- the exact bytes the
publisher signed: RFC 8785 of ``{type, canon, payload}`` for a manifest that carries
``"canon": "rfc8785"``, the legacy canonical JSON of ``{type, payload}`` for an older
one (``keys._signed``) -- so re-indenting the file keeps the id and changing
any value changes it. Grants pin it, which is what detects an older manifest being put
back (rollback).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from dataprotocol._canonical import CANON_RFC8785
from dataprotocol._files import parse_json
from dataprotocol.errors import InputError, IntegrityError, SignatureError
from dataprotocol.keys import canonical_json, verify_document
from dataprotocol.keys._signed import envelope_canon, signed_bytes
from dataprotocol.package._digest import BLAKE3, SHA256
from dataprotocol.package._storage import MANIFEST_NAME, Location
from dataprotocol.policy import DatasetCard, LedgerPin, RevocationsRef

__all__ = ["MANIFEST_TYPE", "Manifest", "ShardEntry", "manifest_id_of", "load_manifest",
           "shard_context"]

MANIFEST_TYPE = "dataprotocol-manifest/1"
FORMAT = 2
#: the shard digest each manifest format records (format 1: SHA-256, 2: BLAKE3)
FORMAT_DIGESTS = {1: SHA256, 2: BLAKE3}
STREAM_SCHEME = "dataprotocol-stream/1"


def manifest_id_of(payload: dict[str, Any], *, canon: str | None = CANON_RFC8785) -> str:
    """The id of a manifest with this payload (``canon``: its envelope's ``canon`` field)."""
    data = signed_bytes(MANIFEST_TYPE, payload, canon, parsed=True)
    return "sha256:" + hashlib.sha256(data).hexdigest()


def shard_context(*, dataset_id: str, version: str, package_id: str, shard: int) -> bytes:
    """Associated data every segment of shard ``shard`` is bound to."""
    return canonical_json({"format": STREAM_SCHEME, "dataset_id": dataset_id,
                           "dataset_version": version, "package_id": package_id, "shard": shard})


@dataclass(frozen=True)
class ShardEntry:
    """One shard: its file, sizes, and the digest of its ciphertext (``algorithm`` names it)."""

    index: int
    path: str
    rows: int
    plaintext_size: int
    ciphertext_size: int
    digest: str
    algorithm: str = BLAKE3
    #: format 2: the sidecar holding the per-segment digests (``_segments``) ...
    segments_path: str | None = None
    #: ... and the signed BLAKE3 of the stream header and that list
    segments_digest: str | None = None

    def to_dict(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"index": self.index, "path": self.path, "rows": self.rows,
                                 "plaintext_size": self.plaintext_size,
                                 "ciphertext_size": self.ciphertext_size, self.algorithm: self.digest}
        if self.segments_path is not None:
            entry["segments"] = {"path": self.segments_path, BLAKE3: self.segments_digest}
        return entry

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, manifest_format: int = FORMAT) -> ShardEntry:
        """Parse an entry of a manifest of ``manifest_format``: it must carry that format's digest
        (and no other, so no entry can mean one thing to one reader and another to another)."""
        algorithm = FORMAT_DIGESTS[manifest_format]
        others = [name for name in FORMAT_DIGESTS.values() if name != algorithm and name in data]
        if others:
            raise ValueError(f"a format-{manifest_format} shard entry carries {others[0]}, not {algorithm}")
        segments_path, segments_digest = _segments_of(data, manifest_format=manifest_format)
        return cls(index=int(data["index"]), path=str(data["path"]), rows=int(data["rows"]),
                   plaintext_size=int(data["plaintext_size"]),
                   ciphertext_size=int(data["ciphertext_size"]), digest=str(data[algorithm]),
                   algorithm=algorithm, segments_path=segments_path, segments_digest=segments_digest)


def _segments_of(data: dict[str, Any], *, manifest_format: int) -> tuple[str | None, str | None]:
    """The ``segments`` block: required in format 2 (what readers check each segment
    against), absent in format 1 (a reader must not believe a list the format has not)."""
    block = data.get("segments")
    if manifest_format < 2:
        if block is not None:
            raise ValueError("a format-1 shard entry carries a segments list")
        return None, None
    if not isinstance(block, dict) or set(block) != {"path", BLAKE3}:
        raise ValueError("a format-2 shard entry needs segments: {path, blake3}")
    digest = block[BLAKE3]
    if not isinstance(digest, str) or len(digest) != 64 or digest.strip("0123456789abcdef"):
        raise ValueError("segments.blake3 is not 64 lowercase hex digits")
    return str(block["path"]), digest


@dataclass(frozen=True)
class Manifest:
    """A parsed manifest whose signature has been verified against its card's publisher."""

    manifest_id: str
    package_id: str
    card: DatasetCard
    shards: tuple[ShardEntry, ...]
    rows: int
    schema: dict[str, Any]
    scrub: dict[str, Any] | None
    encryption: dict[str, Any]
    publisher_keys: dict[str, str]
    created_at: str
    document: dict[str, Any]
    #: the dataset's ledger (None: an older package that pins none -- not trainable)
    ledger: LedgerPin | None = None
    #: where the publisher's revocation list lives (None: an older package)
    revocations: RevocationsRef | None = None

    @property
    def dataset_id(self) -> str:
        return self.card.dataset_id

    @property
    def version(self) -> str:
        return self.card.version

    def shard(self, index: int) -> ShardEntry:
        for entry in self.shards:
            if entry.index == index:
                return entry
        raise KeyError(index)

    def context(self, index: int) -> bytes:
        return shard_context(dataset_id=self.card.dataset_id, version=self.card.version,
                             package_id=self.package_id, shard=index)

    @classmethod
    def from_document(cls, document: Any, *, source: str = MANIFEST_NAME) -> Manifest:
        """Verify and parse a manifest envelope; any problem raises an ``IntegrityError``."""
        try:
            payload = document["payload"]
            if not isinstance(payload["dataset"]["publisher"], dict):
                raise TypeError("the card must embed the publisher identity, not name a file")
            card = DatasetCard.from_dict(payload["dataset"], source=source)
        except Exception as exc:  # noqa: BLE001 - any malformed manifest is an integrity failure
            raise IntegrityError(f"{source}: not a valid package manifest ({type(exc).__name__})") from exc
        try:
            verify_document(document, card.publisher, doc_type=MANIFEST_TYPE)
        except SignatureError as exc:
            raise SignatureError(f"{source}: manifest signature does not verify ({exc})") from exc
        try:
            fmt = payload.get("format", 1)
            if type(fmt) is not int or fmt not in FORMAT_DIGESTS:  # a newer publisher's format: refuse, don't guess
                raise ValueError(f"manifest format {fmt!r} (this reader knows "
                                 f"{', '.join(map(str, FORMAT_DIGESTS))})")
            shards = tuple(ShardEntry.from_dict(s, manifest_format=fmt) for s in payload["shards"])
            if [s.index for s in shards] != list(range(len(shards))):
                raise ValueError("shard indices are not 0..n-1")
            return cls(
                manifest_id=manifest_id_of(payload, canon=envelope_canon(document)),
                package_id=str(payload["package_id"]),
                card=card, shards=shards, rows=int(payload["rows"]), schema=dict(payload["schema"]),
                scrub=payload.get("scrub"), encryption=dict(payload["encryption"]),
                publisher_keys={str(k): str(v) for k, v in payload["publisher_keys"].items()},
                created_at=str(payload["created_at"]), document=document,
                ledger=LedgerPin.from_dict(payload["ledger"]) if "ledger" in payload else None,
                revocations=RevocationsRef.from_dict(payload["revocations"])
                if "revocations" in payload else None,
            )
        except (KeyError, TypeError, ValueError, AttributeError, InputError) as exc:
            raise IntegrityError(f"{source}: malformed signed manifest ({exc})") from exc


def load_manifest(location: Location) -> Manifest:
    """Read, verify and parse ``manifest.json`` of the package at ``location``."""
    name = location.name(MANIFEST_NAME)
    if not location.exists(MANIFEST_NAME):
        raise InputError("not a data package (no manifest.json)", file=name)
    raw = location.read_bytes(MANIFEST_NAME)  # regular file, bounded
    try:
        document = parse_json(raw, source=name, what="manifest")
    except InputError as exc:
        raise IntegrityError(f"{name}: manifest is not valid JSON (corrupted?): "
                             f"{exc.detail}") from exc
    return Manifest.from_document(document, source=name)
