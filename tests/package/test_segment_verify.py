"""Format 2 verifies as it reads: a shard changed *after* ``open_package`` checked it --
by anyone, including another grantee who holds the shard's data key and can write the
storage -- yields the opaque ``DecryptionError``, never a byte the publisher did not sign.

Real packages, real crypto, real files; the forgeries are what a key holder can make
(the stream re-encrypted under the same key, even with the same nonce prefix, so the
header and size are unchanged and every segment authenticates under AES-GCM).
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataprotocol.errors import DecryptionError, IntegrityError
from dataprotocol.keys import KeyPair
from dataprotocol.package import open_package, publish, verify_package
from dataprotocol.package._open import PackageHandle
from dataprotocol.package._stream import HEADER_SIZE, TAG_SIZE, StreamHeader, encrypt_bytes
from dataprotocol.package._stream_read import SegmentReader, decrypt_bytes
from dataprotocol.policy import DatasetCard

from .conftest import PURPOSE, grant_for

SEG = 64 * 1024
SHARD = "shards/shard-00000.dps"
SIDECAR = "shards/shard-00000.segs"


def _frame(rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)  # incompressible notes: several 64 KiB segments per shard
    return pd.DataFrame({"id": np.arange(rows),
                         "note": [rng.bytes(24).hex() for _ in range(rows)],
                         "score": rng.random(rows)})


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, card: DatasetCard, publisher: KeyPair,
             grantee: KeyPair) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("segverify")
    _frame(16000).to_csv(root / "in.csv", index=False)
    publish(root / "in.csv", card=card, publisher=publisher, out=root / "pkg", shards=2, segment_size=SEG)
    size = (root / "pkg" / SHARD).stat().st_size
    assert (size - HEADER_SIZE) // (SEG + TAG_SIZE) >= 3  # the tests below need several segments
    return root / "pkg", grant_for(root / "pkg", publisher, grantee)


@pytest.fixture(scope="module")
def opened(pristine: tuple[Path, dict[str, Any]], grantee: KeyPair, tmp_path_factory: Any) -> Any:
    """A context manager: a fresh copy of the package, opened (every open-time check passed)."""
    import contextlib

    @contextlib.contextmanager
    def make() -> Iterator[tuple[Path, PackageHandle]]:
        package = tmp_path_factory.mktemp("copy") / "pkg"
        shutil.copytree(pristine[0], package)
        try:
            yield package, open_package(package, grant=pristine[1], key=grantee, purpose=PURPOSE)
        finally:
            shutil.rmtree(package.parent, ignore_errors=True)
    return make


def _refused(handle: PackageHandle, error: type[Exception] = DecryptionError) -> None:
    with pytest.raises(error, match=SHARD if error is DecryptionError else "shard-00000"):
        handle.to_arrow()
    with pytest.raises(error):
        list(handle.iter_record_batches(batch_size=100))


def _forged(package: Path, handle: PackageHandle, edit: Any) -> bytes:
    """What a holder of shard 0's key can write: the plaintext edited, re-encrypted under the
    same key, context and nonce prefix (same header, same size)."""
    key, context = handle._keys[0], handle.manifest.context(0)
    original = (package / SHARD).read_bytes()
    plain = bytearray(decrypt_bytes(original, key, context=context))
    edit(plain)
    prefix = StreamHeader.parse(original[:HEADER_SIZE]).nonce_prefix
    forged = encrypt_bytes(bytes(plain), key, context=context, segment_size=SEG, unsafe_nonce_prefix=prefix)
    assert len(forged) == len(original) and forged[:HEADER_SIZE] == original[:HEADER_SIZE]
    return forged


def test_pristine_reads(opened: Any) -> None:
    with opened() as (_package, handle):
        assert handle.to_pandas()["id"].tolist() == list(range(16000))
        assert sum(b.num_rows for b in handle.iter_record_batches(batch_size=500)) == 16000


def test_a_key_holders_swap_after_open_is_refused(opened: Any) -> None:
    """The attack the list closes: without it, AES-GCM accepts the forgery."""
    with opened() as (package, handle):
        def edit(plain: bytearray) -> None:
            plain[len(plain) // 2] ^= 0x20
        forged = _forged(package, handle, edit)
        key, context = handle._keys[0], handle.manifest.context(0)
        unchecked = SegmentReader(io.BytesIO(forged), key, context=context, size=len(forged))
        assert bytes(unchecked.read()) != bytes(decrypt_bytes((package / SHARD).read_bytes(), key,
                                                              context=context))  # AES-GCM is fooled
        (package / SHARD).write_bytes(forged)
        _refused(handle)


def test_another_valid_stream_under_the_same_key_is_refused(opened: Any) -> None:
    """A whole different table (fresh nonce prefix), validly encrypted under shard 0's key."""
    with opened() as (package, handle):
        buffer = io.BytesIO()
        _frame(16000).iloc[::-1].to_parquet(buffer)
        key, context = handle._keys[0], handle.manifest.context(0)
        (package / SHARD).write_bytes(encrypt_bytes(buffer.getvalue(), key, context=context, segment_size=SEG))
        _refused(handle, IntegrityError)  # (size differs too: refused before any segment)


@settings(max_examples=30, deadline=None)
@given(where=st.floats(0, 1, exclude_max=True), flip=st.integers(1, 255))
def test_any_byte_flipped_after_open_is_refused(opened: Any, where: float, flip: int) -> None:
    with opened() as (package, handle):
        data = bytearray((package / SHARD).read_bytes())
        data[int(where * len(data))] ^= flip
        (package / SHARD).write_bytes(bytes(data))
        _refused(handle)
        with pytest.raises(IntegrityError, match=SHARD):
            verify_package(package)


@settings(max_examples=15, deadline=None)
@given(cut=st.integers(1, 3 * (SEG + TAG_SIZE)), extra=st.sampled_from([b"", b"\x00", bytes(SEG + TAG_SIZE)]))
def test_truncated_or_extended_after_open_is_refused(opened: Any, cut: int, extra: bytes) -> None:
    with opened() as (package, handle):
        data = (package / SHARD).read_bytes()
        (package / SHARD).write_bytes(data[:-cut] + extra if extra == b"" else data + extra)
        _refused(handle, IntegrityError)


@pytest.mark.parametrize("pair", [(0, 1), (1, 2), (0, 2)])
def test_segments_reordered_after_open_are_refused(opened: Any, pair: tuple[int, int]) -> None:
    with opened() as (package, handle):
        data = bytearray((package / SHARD).read_bytes())
        start = [HEADER_SIZE + i * (SEG + TAG_SIZE) for i in pair]
        a, b = (bytes(data[s : s + SEG + TAG_SIZE]) for s in start)
        data[start[0] : start[0] + SEG + TAG_SIZE], data[start[1] : start[1] + SEG + TAG_SIZE] = b, a
        (package / SHARD).write_bytes(bytes(data))
        _refused(handle)


@settings(max_examples=20, deadline=None)
@given(change=st.sampled_from(["flip", "truncate", "append", "reorder", "delete"]),
       where=st.floats(0, 1, exclude_max=True))
def test_sidecar_tampered_after_open_is_refused(opened: Any, change: str, where: float) -> None:
    with opened() as (package, handle):
        path = package / SIDECAR
        data = bytearray(path.read_bytes())
        if change == "flip":
            data[int(where * len(data))] ^= 1
        elif change == "truncate":
            del data[-32:]
        elif change == "append":
            data += data[-32:]
        elif change == "reorder":
            data[:32], data[32:64] = data[32:64], data[:32]
        if change == "delete":
            path.unlink()
        else:
            path.write_bytes(bytes(data))
        with pytest.raises(IntegrityError, match="shard-00000"):
            handle.to_arrow()


@pytest.mark.parametrize("change", ["flip", "delete"])
def test_sidecar_tampered_before_open_is_refused_at_open(pristine: Any, grantee: KeyPair, tmp_path: Path,
                                                        change: str) -> None:
    package = tmp_path / "pkg"
    shutil.copytree(pristine[0], package)
    if change == "delete":
        (package / SIDECAR).unlink()
    else:
        data = bytearray((package / SIDECAR).read_bytes())
        data[5] ^= 1
        (package / SIDECAR).write_bytes(bytes(data))
    with pytest.raises(IntegrityError, match=SIDECAR):
        open_package(package, grant=pristine[1], key=grantee, purpose=PURPOSE)
    with pytest.raises(IntegrityError, match="shard-00000"):
        verify_package(package)


def test_the_other_shard_still_reads_when_one_is_changed(opened: Any, grantee: KeyPair,
                                                         pristine: Any) -> None:
    with opened() as (package, _handle):
        only_second = open_package(package, grant=pristine[1], key=grantee, purpose=PURPOSE, shards=[1])
        data = bytearray((package / SHARD).read_bytes())
        data[-1] ^= 1
        (package / SHARD).write_bytes(bytes(data))
        assert only_second.num_rows == len(only_second.to_pandas()) == 8000
