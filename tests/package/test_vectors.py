"""Known-answer vectors (tests/vectors/package/stream-v1.json, shard-digest-v2.json).

Each vector is checked twice: against the implementation, and against a ~10-line
reference that follows the format description in docs/package.md using raw AESGCM --
so the file pins the format, not just whatever the code happens to do.
"""

from __future__ import annotations

import hashlib
import json
import struct
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from dataprotocol.errors import IntegrityError
from dataprotocol.package._digest import BLAKE3, SHA256, new_digest
from dataprotocol.package._manifest import ShardEntry, shard_context
from dataprotocol.package._read import check_shard
from dataprotocol.package._segments import sidecar_path
from dataprotocol.package._storage import locate
from dataprotocol.package._stream import StreamWriter, encrypt_bytes
from dataprotocol.package._stream_read import decrypt_bytes
from dataprotocol.package._wrap import unwrap_key, wrap_context

VECTORS = json.loads((Path(__file__).resolve().parents[1] / "vectors" / "package" / "stream-v1.json")
                     .read_text(encoding="utf-8"))
STREAM = VECTORS["stream"]


def _pattern(n: int) -> bytes:
    return bytes((i * 7 + 3) % 256 for i in range(n))


def _reference_encrypt(plaintext: bytes, key: bytes, prefix: bytes, seg: int, context: bytes) -> bytes:
    header = b"DPSG" + bytes([1]) + struct.pack(">I", seg) + prefix
    pieces = [plaintext[i : i + seg] for i in range(0, len(plaintext), seg)] or [b""]
    out = [header]
    for index, piece in enumerate(pieces):
        nonce = prefix + struct.pack(">I", index) + bytes([index == len(pieces) - 1])
        out.append(AESGCM(key).encrypt(nonce, piece, header + context))
    return b"".join(out)


@pytest.mark.parametrize("case", STREAM["cases"], ids=lambda c: c["name"])
def test_stream_vector(case: dict[str, Any]) -> None:
    key, prefix = bytes.fromhex(STREAM["key_hex"]), bytes.fromhex(STREAM["nonce_prefix_hex"])
    context = shard_context(**STREAM["context"])
    assert context.hex() == STREAM["context_bytes_hex"]
    plaintext = _pattern(case["plaintext_length"])
    ours = encrypt_bytes(plaintext, key, context=context, segment_size=STREAM["segment_size"],
                         unsafe_nonce_prefix=prefix)
    reference = _reference_encrypt(plaintext, key, prefix, STREAM["segment_size"], context)
    assert ours == reference
    assert len(ours) == case["ciphertext_length"]
    assert hashlib.sha256(ours).hexdigest() == case["ciphertext_sha256"]
    if "ciphertext_hex" in case:
        assert ours.hex() == case["ciphertext_hex"]
    assert bytes(decrypt_bytes(ours, key, context=context)) == plaintext


def test_wrap_vector() -> None:
    wrap = VECTORS["wrap"]
    recipient = X25519PrivateKey.from_private_bytes(bytes.fromhex(wrap["recipient_private_hex"]))
    context = wrap_context(**wrap["context"])
    assert unwrap_key(wrap["token"], recipient, context=context).hex() == wrap["data_key_hex"]


DIGESTS = json.loads((Path(__file__).resolve().parents[1] / "vectors" / "package" / "shard-digest-v2.json")
                     .read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", DIGESTS["blake3_reference"], ids=lambda c: str(c["input_length"]))
def test_blake3_matches_the_specification(case: dict[str, Any]) -> None:
    digest = new_digest(BLAKE3)
    digest.update(bytes(i % 251 for i in range(case["input_length"])))
    assert digest.hexdigest() == case["blake3"]


@pytest.mark.parametrize("case", DIGESTS["shards"], ids=lambda c: c["name"])
def test_shard_digest_vector(case: dict[str, Any]) -> None:
    """The stream-v1 ciphertexts, hashed as format 1 (SHA-256) and format 2 (BLAKE3) record them."""
    key, prefix = bytes.fromhex(STREAM["key_hex"]), bytes.fromhex(STREAM["nonce_prefix_hex"])
    length = next(c["plaintext_length"] for c in STREAM["cases"] if c["name"] == case["name"])
    ours = encrypt_bytes(_pattern(length), key, context=shard_context(**STREAM["context"]),
                         segment_size=STREAM["segment_size"], unsafe_nonce_prefix=prefix)
    for algorithm in (SHA256, BLAKE3):
        digest = new_digest(algorithm)
        digest.update(ours)
        assert digest.hexdigest() == case[f"ciphertext_{algorithm}"]


@pytest.mark.parametrize("case", DIGESTS["shards"], ids=lambda c: c["name"])
def test_segment_digest_vector(case: dict[str, Any]) -> None:
    """Format 2's per-segment digests and their commitment, as the writer computes them
    (the vector file was cut from the ciphertext by make_segments_v2.py, not by the writer)."""
    import io

    length = next(c["plaintext_length"] for c in STREAM["cases"] if c["name"] == case["name"])
    writer = StreamWriter(io.BytesIO(), bytes.fromhex(STREAM["key_hex"]),
                          context=shard_context(**STREAM["context"]), segment_size=STREAM["segment_size"],
                          unsafe_nonce_prefix=bytes.fromhex(STREAM["nonce_prefix_hex"]),
                          digest_algorithm=BLAKE3, segment_digests=True)
    writer.write(_pattern(length))
    writer.finish()
    assert writer.segment_digests.hex() == "".join(case["segment_blake3"])
    assert writer.segments_digest == case["segments_blake3"]
    assert writer.digest == case["ciphertext_blake3"]


@pytest.mark.parametrize("fmt", [1, 2])
def test_manifest_entry_vector_checks_its_shard(tmp_path: Path, fmt: int) -> None:
    """A signed entry of either format parses and passes check_shard on its ciphertext; one
    byte changed fails."""
    entry = ShardEntry.from_dict(DIGESTS["entries"][f"format_{fmt}"], manifest_format=fmt)
    assert entry.algorithm == (SHA256 if fmt == 1 else BLAKE3)
    length = next(c["plaintext_length"] for c in STREAM["cases"]
                  if c["name"] == DIGESTS["entries"]["ciphertext_of"])
    ours = bytearray(encrypt_bytes(_pattern(length), bytes.fromhex(STREAM["key_hex"]),
                                   context=shard_context(**STREAM["context"]),
                                   segment_size=STREAM["segment_size"],
                                   unsafe_nonce_prefix=bytes.fromhex(STREAM["nonce_prefix_hex"])))
    (tmp_path / "shards").mkdir()
    (tmp_path / entry.path).write_bytes(bytes(ours))
    if fmt == 2:
        assert entry.segments_path == sidecar_path(entry.path)
        case = next(c for c in DIGESTS["shards"] if c["name"] == DIGESTS["entries"]["ciphertext_of"])
        (tmp_path / entry.segments_path).write_bytes(bytes.fromhex("".join(case["segment_blake3"])))
    check_shard(locate(tmp_path), entry)
    ours[len(ours) // 2] ^= 1
    (tmp_path / entry.path).write_bytes(bytes(ours))
    with pytest.raises(IntegrityError, match="does not match"):
        check_shard(locate(tmp_path), entry)
