"""Manifest formats: 2 signs BLAKE3 shard digests, 1 (SHA-256) still opens, and no
entry can carry the other format's digest.

Format-1 packages are made by re-signing a published manifest the way the format-1
publisher wrote it (SHA-256 under ``"sha256"``, ``"format": 1``), with the same key.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import blake3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataprotocol.errors import IntegrityError
from dataprotocol.keys import KeyPair, sign_document
from dataprotocol.package import export_croissant, open_package, publish, verify_package
from dataprotocol.package._manifest import MANIFEST_TYPE
from dataprotocol.policy import DatasetCard

from .conftest import PURPOSE, grant_for, sample_frame

SHARD = "shards/shard-00001.dps"


def _resign(package: Path, publisher: KeyPair, edit: Any) -> None:
    """Apply ``edit`` to the manifest payload and sign it again as the publisher."""
    document = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    payload = document["payload"]
    edit(payload)
    (package / "manifest.json").write_text(json.dumps(sign_document(MANIFEST_TYPE, payload, publisher)),
                                           encoding="utf-8")


def _as_format_1(package: Path) -> Any:
    def edit(payload: dict[str, Any]) -> None:
        payload["format"] = 1
        for entry in payload["shards"]:
            del entry["blake3"], entry["segments"]  # format 1 had no segment digest list
            entry["sha256"] = hashlib.sha256((package / entry["path"]).read_bytes()).hexdigest()
    return edit


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory, card: DatasetCard,
             publisher: KeyPair) -> dict[int, Path]:
    root = tmp_path_factory.mktemp("formats")
    sample_frame(200).to_csv(root / "in.csv", index=False)
    publish(root / "in.csv", card=card, publisher=publisher, out=root / "v2", shards=3,
            segment_size=64 * 1024)
    shutil.copytree(root / "v2", root / "v1")
    _resign(root / "v1", publisher, _as_format_1(root / "v1"))
    return {1: root / "v1", 2: root / "v2"}


def test_new_packages_sign_blake3_of_each_shard(packages: dict[int, Path]) -> None:
    payload = json.loads((packages[2] / "manifest.json").read_text(encoding="utf-8"))["payload"]
    assert payload["format"] == 2
    for entry in payload["shards"]:
        assert "sha256" not in entry
        assert entry["blake3"] == blake3.blake3((packages[2] / entry["path"]).read_bytes()).hexdigest()


@pytest.mark.parametrize("fmt", [1, 2])
def test_both_formats_open_and_verify(packages: dict[int, Path], publisher: KeyPair,
                                      grantee: KeyPair, fmt: int) -> None:
    grant = grant_for(packages[fmt], publisher, grantee)
    handle = open_package(packages[fmt], grant=grant, key=grantee, purpose=PURPOSE)
    assert len(handle.to_pandas()) == 200
    report = verify_package(packages[fmt])
    assert report.passed and all(c.detail.startswith("sha256 " if fmt == 1 else "blake3 ")
                                 for c in report.shards)


@settings(max_examples=25, deadline=None)
@given(fmt=st.sampled_from([1, 2]), where=st.floats(0, 1, exclude_max=True), flip=st.integers(1, 255))
def test_flipped_shard_byte_is_refused_in_either_format(packages: dict[int, Path], publisher: KeyPair,
                                                        grantee: KeyPair, tmp_path_factory: Any,
                                                        fmt: int, where: float, flip: int) -> None:
    package = tmp_path_factory.mktemp("flip") / "pkg"
    shutil.copytree(packages[fmt], package)
    grant = grant_for(package, publisher, grantee)
    data = bytearray((package / SHARD).read_bytes())
    data[int(where * len(data))] ^= flip
    (package / SHARD).write_bytes(bytes(data))
    if fmt == 1:  # the whole file's SHA-256 is checked at open
        with pytest.raises(IntegrityError, match=f"{SHARD}: SHA-256 does not match"):
            open_package(package, grant=grant, key=grantee, purpose=PURPOSE)
    else:  # header and list at open, each segment as it is read: the read refuses it
        with pytest.raises(IntegrityError, match=SHARD):
            open_package(package, grant=grant, key=grantee, purpose=PURPOSE).to_arrow()
    with pytest.raises(IntegrityError, match=SHARD):
        export_croissant(package)  # the SHA-256 it would write is of checked bytes only


def _swap_digest(to: str) -> Any:
    def edit(payload: dict[str, Any]) -> None:
        entry = payload["shards"][1]
        entry[to] = entry.pop("blake3" if to == "sha256" else "sha256")
    return edit


@pytest.mark.parametrize("fmt, edit, expected", [
    (2, _swap_digest("sha256"), "malformed signed manifest"),   # format 2 with a SHA-256 entry
    (1, _swap_digest("blake3"), "malformed signed manifest"),   # format 1 with a BLAKE3 entry
    (2, lambda p: p["shards"][1].update(sha256="0" * 64), "carries sha256, not blake3"),
    (2, lambda p: p.update(format=3), "manifest format 3"),
    (2, lambda p: p.update(format=True), "manifest format True"),
])
def test_a_signed_manifest_with_the_wrong_digest_is_refused(packages: dict[int, Path], publisher: KeyPair,
                                                             tmp_path: Path, fmt: int, edit: Any,
                                                             expected: str) -> None:
    package = tmp_path / "pkg"
    shutil.copytree(packages[fmt], package)
    _resign(package, publisher, edit)  # signed by the real publisher: only the format rules refuse it
    with pytest.raises(IntegrityError, match=expected):
        verify_package(package)


def test_croissant_carries_the_sha256_of_each_shard_file(packages: dict[int, Path]) -> None:
    for fmt in (1, 2):
        doc = export_croissant(packages[fmt])
        for item in doc["distribution"]:
            path = packages[fmt] / item["contentUrl"]
            assert item["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
