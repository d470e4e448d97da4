"""Runs of whole segments (one read that spans several, as Parquet's row-group reads do)
are read, checked and decrypted on two threads: the same bytes as the one-at-a-time path,
and every tamper still yields the opaque ``DecryptionError`` with nothing handed back.

Real files (the run path needs a file descriptor), real crypto.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataprotocol.errors import DecryptionError
from dataprotocol.package import _stream_read
from dataprotocol.package._segments import SegmentList
from dataprotocol.package._stream import HEADER_SIZE, TAG_SIZE, StreamWriter
from dataprotocol.package._stream_read import SegmentReader

SEG = 64 * 1024
KEY = bytes(range(32))
CONTEXT = b'{"test":"runs"}'
PLAIN = os.urandom(9 * SEG + 1234)  # 10 segments, the last one short


@pytest.fixture(autouse=True)
def two_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs are taken only with two CPUs: make sure these tests exercise them."""
    monkeypatch.setattr(_stream_read, "_run_cpus", lambda: 2)


def _encrypt(plain: bytes, *, prefix: bytes = b"\x01" * 7) -> tuple[bytes, SegmentList]:
    sink = io.BytesIO()
    writer = StreamWriter(sink, KEY, context=CONTEXT, segment_size=SEG, unsafe_nonce_prefix=prefix,
                          digest_algorithm="blake3", segment_digests=True)
    writer.write(plain)
    writer.finish()
    return sink.getvalue(), SegmentList(digests=writer.segment_digests, commitment=writer.segments_digest)


CIPHER, SEGMENTS = _encrypt(PLAIN)


def _reader(path: Path, segments: SegmentList | None = SEGMENTS) -> SegmentReader:
    return SegmentReader(open(path, "rb"), KEY, context=CONTEXT, size=path.stat().st_size,  # noqa: SIM115
                         where=str(path), segments=segments)


def _read_all(path: Path, segments: SegmentList | None = SEGMENTS) -> bytearray:
    reader = _reader(path, segments)
    try:
        target = bytearray(len(PLAIN))
        try:
            reader.readinto(target)
        finally:
            for start in range(0, len(PLAIN), SEG):  # each segment authentic, or wiped
                assert target[start : start + SEG] in (PLAIN[start : start + SEG], bytes(SEG)[: len(PLAIN) - start])
        return target
    finally:
        reader.close()
        reader._source.close()


@pytest.fixture
def shard(tmp_path: Path) -> Path:
    path = tmp_path / "shard.dps"
    path.write_bytes(CIPHER)
    return path


def test_a_whole_read_is_one_run_and_matches(shard: Path) -> None:
    reader = _reader(shard)
    with reader:
        assert bytes(reader.read()) == PLAIN
        assert reader._pool is not None  # the threaded run path was taken
    reader._source.close()


@settings(max_examples=40, deadline=None)
@given(reads=st.lists(st.tuples(st.integers(0, len(PLAIN)), st.integers(0, 6 * SEG)), min_size=1, max_size=6),
       checked=st.booleans())
def test_runs_read_what_the_sequential_path_reads(tmp_path_factory: pytest.TempPathFactory,
                                                  reads: list[tuple[int, int]], checked: bool) -> None:
    path = tmp_path_factory.mktemp("runs") / "shard.dps"
    path.write_bytes(CIPHER)
    segments = SEGMENTS if checked else None
    in_memory = SegmentReader(io.BytesIO(CIPHER), KEY, context=CONTEXT, size=len(CIPHER), segments=segments)
    with open(path, "rb") as source:
        on_disk = SegmentReader(source, KEY, context=CONTEXT, size=len(CIPHER), segments=segments)
        with on_disk, in_memory:
            for position, size in reads:
                on_disk.seek(position)
                in_memory.seek(position)
                got = bytes(on_disk.read(size))
                assert got == bytes(in_memory.read(size)) == PLAIN[position : position + size]


@pytest.mark.parametrize("segment", [0, 4, 9])  # first, middle, last (short) segment
@pytest.mark.parametrize("where", ["ciphertext", "tag"])
def test_a_flipped_byte_in_any_segment_fails_the_run_and_wipes_it(shard: Path, segment: int, where: str) -> None:
    data = bytearray(CIPHER)
    start = HEADER_SIZE + segment * (SEG + TAG_SIZE)
    end = min(start + SEG + TAG_SIZE, len(data))
    data[start + 5 if where == "ciphertext" else end - 3] ^= 0x40
    shard.write_bytes(bytes(data))
    with pytest.raises(DecryptionError, match="shard.dps"):
        _read_all(shard)
    with pytest.raises(DecryptionError):  # without the list, AES-GCM still refuses it
        _read_all(shard, None)


def test_swapped_segments_fail_the_run(shard: Path) -> None:
    data = bytearray(CIPHER)
    a, b, cseg = HEADER_SIZE + 2 * (SEG + TAG_SIZE), HEADER_SIZE + 5 * (SEG + TAG_SIZE), SEG + TAG_SIZE
    data[a : a + cseg], data[b : b + cseg] = data[b : b + cseg], data[a : a + cseg]
    shard.write_bytes(bytes(data))
    with pytest.raises(DecryptionError):
        _read_all(shard)


def test_a_key_holders_other_stream_fails_the_run(shard: Path) -> None:
    """Same key, same nonce prefix, same length: every segment authenticates under AES-GCM;
    only the signed list tells it apart."""
    forged, _ = _encrypt(bytes(len(PLAIN)))
    shard.write_bytes(forged)
    assert _read_all(shard, None) == bytes(len(PLAIN))  # AES-GCM alone accepts it
    with pytest.raises(DecryptionError):
        _read_all(shard)


@pytest.mark.parametrize("cut", [1, 32, 64])
def test_a_truncated_or_wrong_list_is_refused(shard: Path, cut: int) -> None:
    short = SegmentList(digests=SEGMENTS.digests[:-cut], commitment=SEGMENTS.commitment)
    with pytest.raises(DecryptionError):
        _read_all(shard, short)
    wrong = bytearray(SEGMENTS.digests)
    wrong[-cut] ^= 1  # the last segment's digest: the commitment no longer matches
    with pytest.raises(DecryptionError):
        _read_all(shard, SegmentList(digests=bytes(wrong), commitment=SEGMENTS.commitment))


def test_a_shard_truncated_under_the_reader_fails_the_run(shard: Path) -> None:
    reader = _reader(shard)
    try:
        with open(shard, "r+b") as handle:  # shortened after the reader checked the size
            handle.truncate(len(CIPHER) - 100)
        target = bytearray(len(PLAIN))
        with pytest.raises(DecryptionError):
            reader.readinto(target)
        assert target == bytearray(len(PLAIN))
    finally:
        reader.close()
        reader._source.close()
