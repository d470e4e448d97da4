"""Wrapping a shard's data key to a principal's X25519 key.

An HPKE-like ephemeral-static construction (RFC 9180 §4.1 DHKEM in spirit; the same
shape as age's X25519 recipient stanza): a fresh X25519 key pair per wrapped key, the
shared secret (RFC 7748) is fed to HKDF-SHA256 (RFC 5869) with
``salt = ephemeral_public || recipient_public`` and a versioned label, which yields a
single-use 256-bit AES-GCM key and its nonce. Because every wrapping key is used once,
a derived nonce is safe. The associated data binds the package, the shard index and the
recipient's key id, so a wrapped key can't be replayed for another shard or package.

Token format (base64url, no padding): ``version 0x01 (1) | ephemeral public (32) |
AES-256-GCM(data key) (32 + 16)``. Every failure to unwrap -- wrong recipient,
tampered token, wrong context, a low-order ephemeral point -- is one opaque
:class:`DecryptionError`.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from dataprotocol.errors import DecryptionError
from dataprotocol.keys import b64d, b64e, canonical_json

__all__ = ["WRAP_SCHEME", "wrap_key", "unwrap_key", "wrap_context"]

WRAP_SCHEME = "X25519-HKDF-SHA256-AES256GCM"
_VERSION = 1
_LABEL = b"dataprotocol/key-wrap/v1"
_TOKEN_SIZE = 1 + 32 + 32 + 16


def wrap_context(*, package_id: str, shard: int, recipient_key_id: str) -> bytes:
    """Associated data of one wrapped key."""
    return canonical_json({"package_id": package_id, "shard": shard, "recipient": recipient_key_id})


def _raw(public: X25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _derive(shared: bytes, ephemeral: bytes, recipient: bytes) -> tuple[AESGCM, bytes]:
    okm = HKDF(algorithm=hashes.SHA256(), length=32 + 12, salt=ephemeral + recipient,
               info=_LABEL).derive(shared)
    return AESGCM(okm[:32]), okm[32:]


def wrap_key(data_key: bytes, recipient: X25519PublicKey, *, context: bytes) -> str:
    """Encrypt ``data_key`` so only the holder of ``recipient``'s private key can read it."""
    if len(data_key) != 32:
        raise ValueError("data keys are 32 bytes")
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _raw(ephemeral.public_key())
    aead, nonce = _derive(ephemeral.exchange(recipient), ephemeral_public, _raw(recipient))
    return b64e(bytes([_VERSION]) + ephemeral_public + aead.encrypt(nonce, data_key, context))


def unwrap_key(token: str, recipient: X25519PrivateKey, *, context: bytes,
               where: str | None = None) -> bytes:
    """Recover a data key; any failure is one opaque :class:`DecryptionError`."""
    try:
        raw = b64d(token)
        if len(raw) != _TOKEN_SIZE or raw[0] != _VERSION:
            raise ValueError("bad token")
        ephemeral_public = raw[1:33]
        # cryptography raises ValueError for an all-zero shared secret (RFC 7748 §6.1).
        shared = recipient.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        aead, nonce = _derive(shared, ephemeral_public, _raw(recipient.public_key()))
        return aead.decrypt(nonce, raw[33:], context)
    except (InvalidTag, ValueError, TypeError) as exc:
        raise DecryptionError(where) from exc
