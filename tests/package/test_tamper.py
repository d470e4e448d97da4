"""Tampering with any file of a package, or with a grant, is detected and names the file.

Hypothesis picks the file, the byte and the change. Each mutated package is opened
through a valid grant and read: opening or reading must raise an ``IntegrityError`` (or
one of its subclasses, ``SignatureError`` / ``DecryptionError``) whose message names the
file -- and so returns no plaintext at all. (Manifest format 2 checks sizes, headers
and segment digest lists at open and each segment's bytes as it is read, so a byte
changed inside a shard is refused by the read; ``verify_package`` refuses it outright.)
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dataprotocol.errors import IntegrityError
from dataprotocol.keys import KeyPair
from dataprotocol.package import open_package, publish, verify_package
from dataprotocol.policy import DatasetCard

from .conftest import PURPOSE, grant_for, sample_frame

SHARDS = [f"shards/shard-{i:05d}.dps" for i in range(3)]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, card: DatasetCard, publisher: KeyPair,
             grantee: KeyPair) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("pristine")
    sample_frame(300).to_csv(root / "in.csv", index=False)
    publish(root / "in.csv", card=card, publisher=publisher, out=root / "pkg", shards=3,
            segment_size=64 * 1024)
    return root / "pkg", grant_for(root / "pkg", publisher, grantee)


@pytest.fixture(scope="module")
def copy_of(pristine: tuple[Path, dict[str, Any]]) -> Any:
    """A context manager yielding a fresh copy of the pristine package per example."""
    import contextlib

    @contextlib.contextmanager
    def make() -> Iterator[Path]:
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "pkg"
            shutil.copytree(pristine[0], target)
            yield target
    return make


def _assert_detected(package: Path, grant: Any, grantee: KeyPair, *, names: str) -> None:
    with pytest.raises(IntegrityError) as info:
        open_package(package, grant=grant, key=grantee, purpose=PURPOSE).to_arrow()
    assert names in str(info.value)


def test_pristine_opens(pristine: tuple[Path, dict[str, Any]], grantee: KeyPair) -> None:
    package, grant = pristine
    assert len(open_package(package, grant=grant, key=grantee, purpose=PURPOSE).to_pandas()) == 300


@given(shard=st.integers(0, 2), where=st.floats(0, 1, exclude_max=True), flip=st.integers(1, 255))
def test_flipped_byte_in_any_shard(copy_of: Any, pristine: Any, grantee: KeyPair, shard: int,
                                   where: float, flip: int) -> None:
    with copy_of() as package:
        path = package / SHARDS[shard]
        data = bytearray(path.read_bytes())
        data[int(where * len(data))] ^= flip
        path.write_bytes(bytes(data))
        _assert_detected(package, pristine[1], grantee, names=SHARDS[shard])
        with pytest.raises(IntegrityError, match=SHARDS[shard]):
            verify_package(package)


@given(where=st.floats(0, 1, exclude_max=True), flip=st.integers(1, 255))
def test_flipped_byte_in_manifest(copy_of: Any, pristine: Any, grantee: KeyPair, where: float,
                                  flip: int) -> None:
    with copy_of() as package:
        path = package / "manifest.json"
        original = path.read_bytes()
        data = bytearray(original)
        data[int(where * len(data))] ^= flip
        try:  # whitespace-only changes keep the signed (canonical) content: not tampering
            assume(json.loads(bytes(data)) != json.loads(original))
        except (UnicodeDecodeError, json.JSONDecodeError):
            pass
        path.write_bytes(bytes(data))
        _assert_detected(package, pristine[1], grantee, names="manifest.json")


@given(where=st.floats(0, 1, exclude_max=True), flip=st.integers(1, 255))
def test_flipped_byte_in_grant(pristine: Any, grantee: KeyPair, where: float, flip: int) -> None:
    package, grant = pristine
    original = json.dumps(grant, indent=1).encode()
    data = bytearray(original)
    data[int(where * len(data))] ^= flip
    try:
        assume(json.loads(bytes(data)) != grant)
    except (UnicodeDecodeError, json.JSONDecodeError):
        pass
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "grant.json"
        path.write_bytes(bytes(data))
        _assert_detected(package, path, grantee, names=str(path))


@given(pair=st.sampled_from([(0, 1), (0, 2), (1, 2)]))
def test_two_shards_swapped(copy_of: Any, pristine: Any, grantee: KeyPair, pair: tuple[int, int]) -> None:
    with copy_of() as package:
        a, b = (package / SHARDS[i] for i in pair)
        data_a, data_b = a.read_bytes(), b.read_bytes()
        a.write_bytes(data_b)
        b.write_bytes(data_a)
        _assert_detected(package, pristine[1], grantee, names=SHARDS[pair[0]])


@given(shard=st.integers(0, 2), keep=st.floats(0, 1, exclude_max=True),
       extra=st.binary(min_size=0, max_size=64))
def test_truncated_or_extended_shard(copy_of: Any, pristine: Any, grantee: KeyPair, shard: int,
                                     keep: float, extra: bytes) -> None:
    with copy_of() as package:
        path = package / SHARDS[shard]
        data = path.read_bytes()
        changed = data[: int(keep * len(data))] + extra if extra or keep else data + b"\x00"
        assume(changed != data)
        path.write_bytes(changed)
        _assert_detected(package, pristine[1], grantee, names=SHARDS[shard])


def test_missing_shard(copy_of: Any, pristine: Any, grantee: KeyPair) -> None:
    with copy_of() as package:
        (package / SHARDS[1]).unlink()
        _assert_detected(package, pristine[1], grantee, names=SHARDS[1])


def test_older_manifest_put_back(tmp_path: Path, card: DatasetCard, publisher: KeyPair,
                                 grantee: KeyPair) -> None:
    """A grant pins the manifest it was issued for: a valid but older one is refused."""
    sample_frame(20).to_csv(tmp_path / "v1.csv", index=False)
    sample_frame(25).to_csv(tmp_path / "v2.csv", index=False)
    publish(tmp_path / "v1.csv", card=card, publisher=publisher, out=tmp_path / "old")
    publish(tmp_path / "v2.csv", card=card, publisher=publisher, out=tmp_path / "pkg")
    grant = grant_for(tmp_path / "pkg", publisher, grantee)
    assert len(open_package(tmp_path / "pkg", grant=grant, key=grantee, purpose=PURPOSE).to_pandas()) == 25
    # roll back the manifest only, then the whole package: both validly signed, both refused
    shutil.copy(tmp_path / "old" / "manifest.json", tmp_path / "pkg" / "manifest.json")
    _assert_detected(tmp_path / "pkg", grant, grantee, names="manifest.json")
    shutil.rmtree(tmp_path / "pkg")
    shutil.copytree(tmp_path / "old", tmp_path / "pkg")
    assert verify_package(tmp_path / "pkg").passed  # self-consistent, just not what was granted
    _assert_detected(tmp_path / "pkg", grant, grantee, names="manifest.json")
