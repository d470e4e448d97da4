"""Format 2 opens segments with AES-CTR after one full AES-GCM check, and ``read_shard``
decrypts a whole shard ahead of the parser (``PrefetchReader``).

CTR must give exactly AESGCM.decrypt's plaintext (the GCM specification's vectors, and
Hypothesis over keys, nonces and lengths); a wrong key or context must still fail (the
first segment is a full GCM check); every tamper still yields the one opaque
``DecryptionError`` and no byte of a failing segment. Real files, real crypto.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import given, settings
from hypothesis import strategies as st

from dataprotocol.errors import DecryptionError
from dataprotocol.package import _prefetch, _stream_read
from dataprotocol.package._prefetch import PrefetchReader
from dataprotocol.package._read import read_table_from
from dataprotocol.package._segments import SegmentList
from dataprotocol.package._stream import HEADER_SIZE, TAG_SIZE, StreamWriter
from dataprotocol.package._stream_read import SegmentReader, ctr_open_into

VECTORS = json.loads((Path(__file__).resolve().parents[1] / "vectors" / "package" / "stream-ctr.json")
                     .read_text(encoding="utf-8"))
SEG = 64 * 1024
KEY = bytes(range(32))
CONTEXT = b'{"test":"ctr"}'
PLAIN = os.urandom(9 * SEG + 1234)  # 10 segments, the last one short


@pytest.mark.parametrize("case", VECTORS["gcm_spec"], ids=lambda c: c["name"])
def test_ctr_opens_the_gcm_specification_vectors(case: dict[str, Any]) -> None:
    key, iv = bytes.fromhex(case["key_hex"]), bytes.fromhex(case["iv_hex"])
    sealed = bytes.fromhex(case["ciphertext_hex"] + case["tag_hex"])
    plaintext = bytes.fromhex(case["plaintext_hex"])
    assert AESGCM(key).decrypt(iv, sealed, bytes.fromhex(case["aad_hex"]) or None) == plaintext
    out = bytearray(len(plaintext))
    ctr_open_into(algorithms.AES(key), iv, sealed, out)
    assert out == plaintext


@settings(max_examples=200, deadline=None)
@given(key=st.binary(min_size=32, max_size=32), nonce=st.binary(min_size=12, max_size=12),
       aad=st.binary(max_size=64),
       length=st.one_of(st.integers(0, 70), st.integers(0, 3 * SEG + 17), st.sampled_from([SEG, 1 << 20])))
def test_ctr_equals_aesgcm_decrypt(key: bytes, nonce: bytes, aad: bytes, length: int) -> None:
    plaintext = os.urandom(length)
    sealed = AESGCM(key).encrypt(nonce, plaintext, aad)
    out = bytearray(length)
    ctr_open_into(algorithms.AES(key), nonce, memoryview(sealed), memoryview(out))
    assert out == AESGCM(key).decrypt(nonce, sealed, aad) == plaintext


def _encrypt(plain: bytes, *, key: bytes = KEY) -> tuple[bytes, SegmentList]:
    sink = io.BytesIO()
    writer = StreamWriter(sink, key, context=CONTEXT, segment_size=SEG, unsafe_nonce_prefix=b"\x02" * 7,
                          digest_algorithm="blake3", segment_digests=True)
    writer.write(plain)
    writer.finish()
    return sink.getvalue(), SegmentList(digests=writer.segment_digests, commitment=writer.segments_digest)


CIPHER, SEGMENTS = _encrypt(PLAIN)


@pytest.fixture
def shard(tmp_path: Path) -> Path:
    path = tmp_path / "shard.dps"
    path.write_bytes(CIPHER)
    return path


def _tampered(path: Path, segment: int, offset: int = 3) -> Path:
    data = bytearray(path.read_bytes())
    data[HEADER_SIZE + segment * (SEG + TAG_SIZE) + offset] ^= 0x40
    path.write_bytes(bytes(data))
    return path


def test_the_first_segment_is_a_full_gcm_check_then_ctr(shard: Path) -> None:
    with open(shard, "rb") as source, SegmentReader(source, KEY, context=CONTEXT, size=len(CIPHER),
                                                     segments=SEGMENTS) as reader:
        assert not reader._confirmed
        assert bytes(reader.read(10)) == PLAIN[:10]
        assert reader._confirmed  # key and context confirmed: later segments are CTR
        reader.seek(0)
        assert bytes(reader.read()) == PLAIN
    with open(shard, "rb") as source, SegmentReader(source, KEY, context=CONTEXT, size=len(CIPHER)) as reader:
        assert bytes(reader.read()) == PLAIN
        assert not reader._confirmed  # format 1: every segment's tag is its only check


@pytest.mark.parametrize("prefetch", [False, True])
@pytest.mark.parametrize("wrong", ["key", "context"])
def test_a_wrong_key_or_context_still_fails_in_format_2(shard: Path, prefetch: bool, wrong: str) -> None:
    """The digests match (the bytes are the publisher's); the one GCM check is what refuses."""
    key = bytes(32) if wrong == "key" else KEY
    context = b'{"test":"other"}' if wrong == "context" else CONTEXT
    with open(shard, "rb") as source, pytest.raises(DecryptionError, match="shard.dps"):
        reader = (PrefetchReader if prefetch else SegmentReader)(
            source, key, context=context, size=len(CIPHER), where="shard.dps", segments=SEGMENTS)
        with reader:
            reader.read()


@pytest.mark.parametrize("segment", [0, 4, 9])
@pytest.mark.parametrize("offset", [3, SEG + 2])  # a ciphertext byte, a tag byte
def test_tampering_after_the_key_is_confirmed_still_fails(shard: Path, segment: int, offset: int) -> None:
    if segment == 9:
        offset = min(offset, 1234 + 2)
    with open(shard, "rb") as source, SegmentReader(source, KEY, context=CONTEXT, size=len(CIPHER),
                                                     where="shard.dps", segments=SEGMENTS) as reader:
        reader.seek(len(PLAIN) - 5)
        assert bytes(reader.read()) == PLAIN[-5:]  # the footer first, as Parquet does: confirmed
        _tampered(shard, segment, offset)
        target = bytearray(len(PLAIN))
        reader.seek(0)
        with pytest.raises(DecryptionError, match="shard.dps"):
            reader.readinto(target)
        start = segment * SEG
        assert target[start : start + SEG] in (bytes(SEG), bytes(len(PLAIN) - start))


@settings(max_examples=60, deadline=None)
@given(reads=st.lists(st.tuples(st.integers(0, len(PLAIN) + 10), st.integers(-1, 3 * SEG)), max_size=6),
       cpus=st.sampled_from([1, 2]), positional=st.booleans(), format2=st.booleans())
def test_prefetch_reads_match_the_plaintext(tmp_path_factory: pytest.TempPathFactory,
                                            reads: list[tuple[int, int]], cpus: int, positional: bool,
                                            format2: bool) -> None:
    path = tmp_path_factory.mktemp("prefetch") / "shard.dps"
    path.write_bytes(CIPHER)
    saved = _stream_read._run_cpus
    _stream_read._run_cpus = _prefetch._run_cpus = lambda: cpus  # both readers' thread counts
    try:
        with open(path, "rb") as handle:
            source = handle if positional else io.BytesIO(CIPHER)
            with PrefetchReader(source, KEY, context=CONTEXT, size=len(CIPHER),  # type: ignore[arg-type]
                                segments=SEGMENTS if format2 else None) as reader:
                assert reader._positional is positional
                for offset, size in reads:
                    reader.seek(offset)
                    got = reader.read(size)
                    assert bytes(got) == PLAIN[offset:][: None if size < 0 else size]
                    reader.seek(offset)
                    into = bytearray(max(size, 0))
                    count = reader.readinto(into)
                    assert into[:count] == PLAIN[offset:][: max(size, 0)]
                reader.finish()
                reader.seek(0)
                assert isinstance(reader.read(), pa.Buffer)
    finally:
        _stream_read._run_cpus = _prefetch._run_cpus = saved


@pytest.mark.parametrize("format2", [True, False])
@pytest.mark.parametrize("segment", [0, 5, 8])
def test_prefetch_never_hands_out_a_failing_segment(shard: Path, format2: bool, segment: int) -> None:
    _tampered(shard, segment)
    with open(shard, "rb") as source, PrefetchReader(source, KEY, context=CONTEXT, size=len(CIPHER),
                                                      where="shard.dps",
                                                      segments=SEGMENTS if format2 else None) as reader:
        reader.seek(segment * SEG + 1)  # inside the failing segment
        with pytest.raises(DecryptionError, match="shard.dps"):
            reader.read(10)
        reader.seek(0)
        with pytest.raises(DecryptionError, match="shard.dps"):  # once one failed, nothing more
            reader.read(10)
        with pytest.raises(DecryptionError, match="shard.dps"):
            reader.finish()


def test_prefetch_refuses_a_shard_even_where_nothing_was_read(shard: Path) -> None:
    _tampered(shard, 7)
    with open(shard, "rb") as source, PrefetchReader(source, KEY, context=CONTEXT, size=len(CIPHER),
                                                      where="shard.dps", segments=SEGMENTS) as reader:
        try:  # segment 0 is authentic: it may be read, unless the threads already reached 7
            assert bytes(reader.read(100)) == PLAIN[:100]
        except DecryptionError:
            pass
        with pytest.raises(DecryptionError, match="shard.dps"):
            reader.finish()


def test_a_tampered_last_segment_fails_when_the_reader_is_made(shard: Path) -> None:
    _tampered(shard, 9)
    with open(shard, "rb") as source, pytest.raises(DecryptionError, match="shard.dps"):
        PrefetchReader(source, KEY, context=CONTEXT, size=len(CIPHER), where="shard.dps", segments=SEGMENTS)


def test_close_stops_the_threads_midway(shard: Path) -> None:
    with open(shard, "rb") as source:
        reader = PrefetchReader(source, KEY, context=CONTEXT, size=len(CIPHER), segments=SEGMENTS)
        reader.close()
        assert reader.closed and reader._pool is None
        with pytest.raises(ValueError):
            reader.read(1)


def _parquet(tmp_path: Path) -> tuple[pa.Table, Path, SegmentList]:
    table = pa.table({"id": list(range(60_000)), "note": [f"row {i}" for i in range(60_000)]})
    sink = io.BytesIO()
    pq.write_table(table, sink, row_group_size=7_000)
    cipher, segments = _encrypt(sink.getvalue())
    path = tmp_path / "table.dps"
    path.write_bytes(cipher)
    return table, path, segments


@pytest.mark.parametrize("columns", [None, ["note"]])
def test_read_table_from_matches_and_fails_closed(tmp_path: Path, columns: list[str] | None) -> None:
    table, path, segments = _parquet(tmp_path)
    with open(path, "rb") as source:
        got = read_table_from(source, KEY, context=CONTEXT, size=path.stat().st_size, segments=segments,
                              columns=columns)
    assert got.equals(table.select(columns) if columns else table)
    for segment in (0, 3):
        bad = tmp_path / f"bad-{segment}.dps"
        bad.write_bytes(path.read_bytes())
        _tampered(bad, segment)
        with open(bad, "rb") as source, pytest.raises(DecryptionError, match="bad"):
            read_table_from(source, KEY, context=CONTEXT, size=bad.stat().st_size, where=bad.name,
                            segments=segments, columns=columns)


@pytest.mark.parametrize("length", [0, 1, SEG - 1, SEG, SEG + 1, 2 * SEG])
@pytest.mark.parametrize("format2", [True, False])
def test_prefetch_at_segment_edges(length: int, format2: bool) -> None:
    """An empty stream (one empty final segment), one segment, and exact boundaries."""
    plain = os.urandom(length)
    cipher, segments = _encrypt(plain)
    with PrefetchReader(io.BytesIO(cipher), KEY, context=CONTEXT, size=len(cipher),
                        segments=segments if format2 else None) as reader:
        assert bytes(reader.read()) == plain
        reader.finish()
