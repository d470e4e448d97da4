"""``verify_package``: signature and hashes, no keys (anyone can run it).

Checks that ``manifest.json`` is signed by the publisher named in its dataset card (or,
when given, by an expected publisher), that each shard file exists with the size and
digest the manifest records (SHA-256 in format 1, BLAKE3 in format 2), in format 2 that
its segment digest list matches the manifest and every segment matches the list, and
that its stream header is version 1 with the manifest's segment size.
It cannot decrypt; ``open_package`` authenticates contents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dataprotocol.errors import DataProtocolError, IntegrityError, SignatureError
from dataprotocol.keys import PublicIdentity
from dataprotocol.package._manifest import Manifest, load_manifest
from dataprotocol.package._read import check_shard
from dataprotocol.package._storage import Location, locate
from dataprotocol.package._stream import HEADER_SIZE, StreamHeader

__all__ = ["verify_package", "VerifyReport", "ShardCheck"]


@dataclass(frozen=True)
class ShardCheck:
    index: int
    path: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class VerifyReport:
    package: str
    manifest_id: str
    dataset_id: str
    version: str
    publisher_key_id: str
    rows: int
    shards: tuple[ShardCheck, ...] = field(default_factory=tuple)
    publisher_name: str = ""
    #: True when the caller pinned the publisher; False: the manifest vouches for itself
    publisher_pinned: bool = False
    #: a DP synthetic package's signed claim (manifest block), else None
    synthetic: dict[str, Any] | None = None
    #: the check of its attached provenance record (pinned hash, signature, same numbers)
    synthetic_check: ShardCheck | None = None

    @property
    def trust(self) -> str:
        """Whose signature this is, and who says so. A valid signature by the key the
        manifest itself names proves integrity, not authorship: anyone can sign a package
        with the same dataset id under their own key (cf. ``budget audit --trainer-key``)."""
        if self.publisher_pinned:
            return "pinned"
        return "self-asserted"

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self._checks())

    def _checks(self) -> tuple[ShardCheck, ...]:
        return self.shards + ((self.synthetic_check,) if self.synthetic_check else ())

    @property
    def failures(self) -> tuple[str, ...]:
        return tuple(c.detail for c in self._checks() if not c.passed)

    def to_dict(self) -> dict[str, Any]:
        return {"package": self.package, "passed": self.passed, "manifest_id": self.manifest_id,
                "dataset_id": self.dataset_id, "version": self.version,
                "publisher_key_id": self.publisher_key_id, "rows": self.rows,
                "signature": "valid",
                "publisher": {"name": self.publisher_name, "key_id": self.publisher_key_id,
                              "pinned": self.publisher_pinned, "trust": self.trust},
                "shards": [{"index": c.index, "path": c.path, "passed": c.passed, "detail": c.detail}
                           for c in self.shards],
                **({"synthetic": {**self.synthetic, "passed": self.synthetic_check.passed,
                                  "detail": self.synthetic_check.detail}}
                   if self.synthetic is not None and self.synthetic_check is not None else {})}


def _check_one(location: Location, manifest: Manifest, index: int) -> ShardCheck:
    entry = manifest.shard(index)
    try:
        check_shard(location, entry)
        with location.open(entry.path) as handle:
            header = StreamHeader.parse(handle.read(HEADER_SIZE), where=location.name(entry.path))
        if header.segment_size != manifest.encryption.get("segment_size"):
            raise IntegrityError("segment size differs from the manifest")
    except DataProtocolError as exc:
        return ShardCheck(index, entry.path, False, str(exc))
    return ShardCheck(index, entry.path, True, f"{entry.algorithm} {entry.digest[:16]}…, {entry.rows} rows")


def _synthetic_fields(location: Location, manifest: Manifest) -> dict[str, Any]:
    from dataprotocol.package._synthetic import check_synthetic_attachment, synthetic_claim

    block = synthetic_claim(manifest)
    if block is None:
        return {}
    passed, detail, _ = check_synthetic_attachment(location, manifest)
    return {"synthetic": block,
            "synthetic_check": ShardCheck(-1, str(block.get("provenance")), passed, detail)}


def verify_package(package: str | Path, *, publisher: PublicIdentity | None = None,
                   raise_on_failure: bool = True) -> VerifyReport:
    """Verify a package without keys.

    A bad or missing manifest signature always raises (``SignatureError`` /
    ``IntegrityError``). Shard failures raise an ``IntegrityError`` naming every failing
    file, unless ``raise_on_failure=False``, which returns the report to display.
    """
    location = locate(package)
    manifest = load_manifest(location)
    if publisher is not None and publisher.key_id != manifest.card.publisher.key_id:
        raise SignatureError(f"{location.name('manifest.json')}: signed by "
                             f"{manifest.card.publisher.key_id}, expected {publisher.key_id}")
    report = VerifyReport(
        package=location.display, manifest_id=manifest.manifest_id,
        dataset_id=manifest.card.dataset_id, version=manifest.card.version,
        publisher_key_id=manifest.card.publisher.key_id, rows=manifest.rows,
        publisher_name=manifest.card.publisher.name, publisher_pinned=publisher is not None,
        shards=tuple(_check_one(location, manifest, e.index) for e in manifest.shards),
        **_synthetic_fields(location, manifest))
    if raise_on_failure and not report.passed:
        raise IntegrityError("package verification failed: " + "; ".join(report.failures))
    return report
