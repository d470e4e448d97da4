"""The streaming AEAD format: round trips, random access, and every kind of tampering."""

from __future__ import annotations

import io
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol.errors import DecryptionError
from dataprotocol.package._stream import (
    HEADER_SIZE,
    MIN_SEGMENT_SIZE,
    TAG_SIZE,
    StreamWriter,
    encrypt_bytes,
)
from dataprotocol.package._stream_read import SegmentReader, decrypt_bytes

SEG = MIN_SEGMENT_SIZE
KEY = bytes(range(32))
CTX = b'{"shard":0}'
# lengths around the segment boundaries are where framing bugs live
EDGE_LENGTHS = [0, 1, SEG - 1, SEG, SEG + 1, 2 * SEG, 2 * SEG + 7, 3 * SEG - 1]


def _segments(ciphertext: bytes) -> list[bytes]:
    body = ciphertext[HEADER_SIZE:]
    step = SEG + TAG_SIZE
    return [body[i : i + step] for i in range(0, len(body), step)]


@pytest.mark.parametrize("length", EDGE_LENGTHS)
def test_round_trip_at_segment_edges(length: int) -> None:
    plaintext = os.urandom(length)
    ciphertext = encrypt_bytes(plaintext, KEY, context=CTX, segment_size=SEG)
    segments = max(1, -(-length // SEG))
    assert len(ciphertext) == HEADER_SIZE + length + segments * TAG_SIZE
    assert bytes(decrypt_bytes(ciphertext, KEY, context=CTX)) == plaintext


@given(data=st.binary(max_size=3 * SEG + 100),
       cuts=st.lists(st.integers(min_value=0, max_value=3 * SEG + 100), max_size=6))
def test_chunked_writes_equal_one_write(data: bytes, cuts: list[int]) -> None:
    """However the writer is fed, the stream decrypts to the same bytes."""
    sink = io.BytesIO()
    writer = StreamWriter(sink, KEY, context=CTX, segment_size=SEG)
    edges = sorted({0, len(data), *[c for c in cuts if c <= len(data)]})
    for start, end in zip(edges, edges[1:]):
        writer.write(data[start:end])
    writer.finish()
    assert writer.plaintext_size == len(data)
    assert writer.ciphertext_size == len(sink.getvalue())
    assert bytes(decrypt_bytes(sink.getvalue(), KEY, context=CTX)) == data


@given(offset=st.integers(min_value=0, max_value=3 * SEG), size=st.integers(min_value=0, max_value=2 * SEG))
def test_random_access_reader_matches_plaintext(offset: int, size: int) -> None:
    plaintext = bytes(i % 251 for i in range(3 * SEG - 5))
    ciphertext = encrypt_bytes(plaintext, KEY, context=CTX, segment_size=SEG)
    reader = SegmentReader(io.BytesIO(ciphertext), KEY, context=CTX, size=len(ciphertext))
    assert reader.plaintext_size == len(plaintext)
    reader.seek(offset)
    assert reader.read(size) == plaintext[offset : offset + size]
    reader.seek(-3, io.SEEK_END)
    assert reader.read() == plaintext[-3:]


_PLAIN = os.urandom(3 * SEG + 10)
_CIPHER = encrypt_bytes(_PLAIN, KEY, context=CTX, segment_size=SEG)


@given(position=st.integers(min_value=0, max_value=len(_CIPHER) - 1),
       flip=st.integers(min_value=1, max_value=255))
def test_any_flipped_byte_fails(position: int, flip: int) -> None:
    tampered = bytearray(_CIPHER)
    tampered[position] ^= flip
    with pytest.raises(DecryptionError):
        decrypt_bytes(bytes(tampered), KEY, context=CTX)
    reader = SegmentReader(io.BytesIO(bytes(tampered)), KEY, context=CTX, size=len(tampered)) \
        if position >= HEADER_SIZE else None
    if reader is not None:  # the reader fails on the segment holding the flipped byte
        reader.seek(((position - HEADER_SIZE) // (SEG + TAG_SIZE)) * SEG)
        with pytest.raises(DecryptionError):
            reader.read(1)
        with pytest.raises(DecryptionError):  # a failed segment is not kept: it fails again
            reader.read(1)
        reader.seek(0)
        with pytest.raises(DecryptionError):  # a read spanning segments decrypts into one buffer
            reader.read()


@given(cut=st.integers(min_value=1, max_value=len(_CIPHER) - 1))
def test_truncation_fails_even_at_segment_boundaries(cut: int) -> None:
    with pytest.raises(DecryptionError):
        decrypt_bytes(_CIPHER[:cut], KEY, context=CTX)


@pytest.mark.parametrize("extra", [b"\x00", os.urandom(TAG_SIZE), None],
                         ids=["one-byte", "random-tag", "copied-segment"])
def test_extension_fails(extra: bytes | None) -> None:
    # None: append a copy of the first segment (a well-formed, authentic segment)
    tail = _segments(_CIPHER)[0] if extra is None else extra
    with pytest.raises(DecryptionError):
        decrypt_bytes(_CIPHER + tail, KEY, context=CTX)


def test_reordered_or_dropped_segments_fail() -> None:
    s = _segments(_CIPHER)
    header = _CIPHER[:HEADER_SIZE]
    for body in ([s[1], s[0], *s[2:]], [s[0], *s[2:]], [s[0], s[0], *s[1:]], s[:-1]):
        with pytest.raises(DecryptionError):
            decrypt_bytes(header + b"".join(body), KEY, context=CTX)


def test_wrong_key_or_context_fails_with_one_opaque_error() -> None:
    errors = []
    for key, ctx in ((os.urandom(32), CTX), (KEY, b'{"shard":1}')):
        with pytest.raises(DecryptionError) as info:
            decrypt_bytes(_CIPHER, key, context=ctx)
        errors.append(str(info.value))
    assert errors[0] == errors[1] == "decryption failed"


def test_header_is_versioned_and_checked() -> None:
    assert _CIPHER[:5] == b"DPSG\x01"
    for position in range(HEADER_SIZE):
        bad = bytearray(_CIPHER)
        bad[position] ^= 0x80
        with pytest.raises(DecryptionError):
            decrypt_bytes(bytes(bad), KEY, context=CTX)


def test_segment_size_is_bounded_and_keys_are_256_bit() -> None:
    with pytest.raises(ValueError):
        encrypt_bytes(b"x", KEY, context=CTX, segment_size=1024)
    with pytest.raises(ValueError):
        encrypt_bytes(b"x", KEY[:16], context=CTX, segment_size=SEG)


def test_fresh_nonce_prefix_per_stream() -> None:
    one = encrypt_bytes(b"same", KEY, context=CTX, segment_size=SEG)
    two = encrypt_bytes(b"same", KEY, context=CTX, segment_size=SEG)
    assert one[9:HEADER_SIZE] != two[9:HEADER_SIZE] and one != two


@pytest.mark.parametrize("arrow_buffers", [False, True])
def test_parquet_over_a_tampered_stream_raises_decryption_error(arrow_buffers: bool) -> None:
    """The error raised inside pyarrow's read callback reaches the caller unchanged."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(pa.table({"a": list(range(100_000))}), sink)
    ciphertext = bytearray(encrypt_bytes(sink.getvalue(), KEY, context=CTX, segment_size=SEG))
    ciphertext[HEADER_SIZE + 5] ^= 1  # first segment: the Parquet magic and first pages
    reader = SegmentReader(io.BytesIO(bytes(ciphertext)), KEY, context=CTX, size=len(ciphertext),
                           where="shard-00007.dps", arrow_buffers=arrow_buffers)
    with pytest.raises(DecryptionError, match="shard-00007.dps"):
        pq.read_table(reader)


@pytest.mark.parametrize("segment", [0, 1, 3])
def test_readinto_a_tampered_segment_leaves_no_plaintext(segment: int) -> None:
    """A whole-segment readinto decrypts into the caller's buffer: on failure it's wiped."""
    plaintext = b"\xa5" * len(_PLAIN)
    tampered = bytearray(encrypt_bytes(plaintext, KEY, context=CTX, segment_size=SEG))
    tampered[HEADER_SIZE + segment * (SEG + TAG_SIZE) + 3] ^= 1
    reader = SegmentReader(io.BytesIO(bytes(tampered)), KEY, context=CTX, size=len(tampered))
    reader.seek(segment * SEG)
    buffer = bytearray(b"\x00" * (2 * SEG))
    with pytest.raises(DecryptionError):
        reader.readinto(buffer)
    assert b"\xa5" not in buffer


@given(offset=st.integers(min_value=0, max_value=3 * SEG + 10),
       size=st.integers(min_value=0, max_value=3 * SEG + 10))
def test_readinto_matches_plaintext(offset: int, size: int) -> None:
    reader = SegmentReader(io.BytesIO(_CIPHER), KEY, context=CTX, size=len(_CIPHER))
    reader.read(1)  # a cached segment must not change what readinto returns
    reader.seek(offset)
    buffer = bytearray(size)
    got = reader.readinto(buffer)
    assert bytes(buffer[:got]) == _PLAIN[offset : offset + size]
    assert reader.tell() == offset + got


@pytest.mark.parametrize("length", EDGE_LENGTHS)
@pytest.mark.parametrize("hashed", ["sha256", "blake3", None])
def test_writer_hash_and_size_describe_the_sink(length: int, hashed: str | None) -> None:
    """Whole-segment writes (sealed from the caller's buffer, last one resealed) and the
    background hash give the same bytes and digest as the reference format."""
    import hashlib

    plaintext = os.urandom(length)
    prefix = b"\x01" * 7
    sink = io.BytesIO()
    writer = StreamWriter(sink, KEY, context=CTX, segment_size=SEG, unsafe_nonce_prefix=prefix,
                          hash_ciphertext=hashed is not None, digest_algorithm=hashed or "sha256")
    for start in range(0, length, SEG):
        writer.write(plaintext[start : start + SEG])
    writer.finish()
    expected = encrypt_bytes(plaintext, KEY, context=CTX, segment_size=SEG, unsafe_nonce_prefix=prefix)
    one_copy = io.BytesIO()
    ref = StreamWriter(one_copy, KEY, context=CTX, segment_size=SEG, unsafe_nonce_prefix=prefix)
    for byte_range in range(0, length, 1000):  # small writes: through the segment buffer
        ref.write(plaintext[byte_range : byte_range + 1000])
    ref.finish()
    assert sink.getvalue() == expected == one_copy.getvalue()
    assert writer.ciphertext_size == len(expected)
    if hashed == "sha256":
        assert writer.sha256 == writer.digest == hashlib.sha256(expected).hexdigest()
    elif hashed == "blake3":
        import blake3

        assert writer.digest == blake3.blake3(expected).hexdigest()
        with pytest.raises(ValueError, match="hashes with blake3"):
            writer.sha256  # noqa: B018 - the property raises


@given(steps=st.lists(st.tuples(st.integers(min_value=0, max_value=3 * SEG + 10),
                                st.integers(min_value=1, max_value=SEG + 7)), max_size=8))
def test_mixed_sequential_and_random_reads(steps: list[tuple[int, int]]) -> None:
    """The kept segment and whole-segment reads never return stale bytes after a seek."""
    with SegmentReader(io.BytesIO(_CIPHER), KEY, context=CTX, size=len(_CIPHER)) as reader:
        assert reader.read(SEG) == _PLAIN[:SEG]
        for offset, size in steps:
            reader.seek(offset)
            assert reader.read(size) == _PLAIN[offset : offset + size]
            assert reader.read(size) == _PLAIN[offset + size : offset + 2 * size]


@pytest.mark.parametrize("segment", [1, 2, 3])
def test_a_tampered_segment_fails_after_good_ones(segment: int) -> None:
    tampered = bytearray(_CIPHER)
    tampered[HEADER_SIZE + segment * (SEG + TAG_SIZE) + 11] ^= 4
    with SegmentReader(io.BytesIO(bytes(tampered)), KEY, context=CTX, size=len(tampered)) as reader:
        for index in range(segment):
            assert reader.read(SEG) == _PLAIN[index * SEG : (index + 1) * SEG]
        with pytest.raises(DecryptionError):
            reader.read(SEG)


@given(offset=st.integers(min_value=0, max_value=3 * SEG + 10),
       size=st.integers(min_value=-1, max_value=3 * SEG + 10),
       tamper=st.one_of(st.none(), st.integers(min_value=HEADER_SIZE, max_value=len(_CIPHER) - 1)))
def test_arrow_buffer_reads_match_plaintext_or_fail(offset: int, size: int, tamper: int | None) -> None:
    """The pyarrow-facing reader (reads spanning segments return Arrow pool buffers)
    returns exactly the plaintext, or raises if any segment it touches was changed."""
    data = bytearray(_CIPHER)
    if tamper is not None:
        data[tamper] ^= 0x40
    reader = SegmentReader(io.BytesIO(bytes(data)), KEY, context=CTX, size=len(data), arrow_buffers=True)
    reader.seek(offset)
    end = len(_PLAIN) if size < 0 else min(len(_PLAIN), offset + size)
    touched = set() if end <= offset else set(range(offset // SEG, (end - 1) // SEG + 1))
    if tamper is not None and (tamper - HEADER_SIZE) // (SEG + TAG_SIZE) in touched:
        with pytest.raises(DecryptionError):
            reader.read(size)
    else:
        assert bytes(memoryview(reader.read(size))) == _PLAIN[offset:end]
