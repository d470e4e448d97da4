"""Known-answer vectors (tests/vectors/package/stream-v1.json).

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

from dataprotocol.package._manifest import shard_context
from dataprotocol.package._stream import encrypt_bytes
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
