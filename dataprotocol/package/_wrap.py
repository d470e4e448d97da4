"""Wrapping a shard's data key to a principal's X25519 key: RFC 9180 HPKE.

HPKE base mode with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-256-GCM
(RFC 9180 §5.1, single-shot ``Seal``/``Open`` of §6.1), from pyca/cryptography's
``hpke.Suite`` -- a maintained implementation, interoperable with every other RFC 9180
library. The ``info`` parameter binds the wrap to its context (the package, the shard
index and the recipient's key id, plus a versioned label), so a wrapped key cannot be
replayed for another shard, package or principal.

Token format 2 (base64url, no padding): ``version 0x02 (1) | enc (32) | ciphertext
(32 + 16)``. Format 1 (an HPKE-like construction of our own, before RFC 9180 landed in
cryptography) is refused with a clear message: re-publish the package. Every failure to
unwrap a format-2 token -- wrong recipient, tampered token, wrong context -- is one
opaque :class:`DecryptionError`.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from dataprotocol.errors import DecryptionError, IntegrityError
from dataprotocol.keys import b64d, b64e, canonical_json

__all__ = ["WRAP_SCHEME", "LEGACY_WRAP_SCHEMES", "wrap_key", "unwrap_key", "wrap_context", "check_wrap_scheme"]

WRAP_SCHEME = "HPKE-RFC9180/base/X25519-HKDF-SHA256/HKDF-SHA256/AES-256-GCM"
LEGACY_WRAP_SCHEMES = ("X25519-HKDF-SHA256-AES256GCM",)
_VERSION = 2
_INFO_LABEL = b"dataprotocol/key-wrap/v2\x00"
_TOKEN_SIZE = 1 + 32 + 32 + 16
_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)


def wrap_context(*, package_id: str, shard: int, recipient_key_id: str) -> bytes:
    """The context one wrapped key is bound to (HPKE ``info``)."""
    return canonical_json({"package_id": package_id, "shard": shard, "recipient": recipient_key_id})


def check_wrap_scheme(scheme: object, *, where: str) -> None:
    """A manifest or grant names its key-wrap scheme; an old or unknown one is refused clearly."""
    if scheme == WRAP_SCHEME:
        return
    if scheme in LEGACY_WRAP_SCHEMES:
        raise IntegrityError(f"{where}: shard keys are wrapped with key-wrap format 1 ({scheme}), which this "
                             "version no longer reads; re-publish the package (format 2 is RFC 9180 HPKE)")
    raise IntegrityError(f"{where}: unknown key-wrap scheme {scheme!r} (expected {WRAP_SCHEME})")


def wrap_key(data_key: bytes, recipient: X25519PublicKey, *, context: bytes) -> str:
    """Encrypt ``data_key`` so only the holder of ``recipient``'s private key can read it."""
    if len(data_key) != 32:
        raise ValueError("data keys are 32 bytes")
    sealed = _SUITE.encrypt(data_key, recipient, info=_INFO_LABEL + context)
    return b64e(bytes([_VERSION]) + sealed)


def unwrap_key(token: str, recipient: X25519PrivateKey, *, context: bytes,
               where: str | None = None) -> bytes:
    """Recover a data key; any failure is one opaque :class:`DecryptionError`."""
    try:
        raw = b64d(token)
        if len(raw) != _TOKEN_SIZE or raw[0] != _VERSION:
            raise ValueError("bad token")
        return _SUITE.decrypt(raw[1:], recipient, info=_INFO_LABEL + context)
    except (InvalidTag, ValueError, TypeError) as exc:
        raise DecryptionError(where) from exc
