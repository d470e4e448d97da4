"""Principals: an Ed25519 signing key plus an X25519 key-agreement key.

A principal's *key id* is a stable fingerprint of its Ed25519 public key:
``"dp1:" + hex(SHA-256(raw public key))[:32]`` (128 bits). The X25519 key is bound
to the identity by a self-signature in the public identity file, so nobody can swap
in their own encryption key under someone else's name.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from dataprotocol._canonical import canonical_json
from dataprotocol.errors import KeyFileError, SignatureError

__all__ = ["PublicIdentity", "KeyPair", "generate_keypair", "key_id_of", "b64e", "b64d"]

IDENTITY_FORMAT = "dataprotocol-identity/1"


def b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _raw(public: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id_of(signing_public: Ed25519PublicKey) -> str:
    return "dp1:" + hashlib.sha256(_raw(signing_public)).hexdigest()[:32]


@dataclass(frozen=True)
class PublicIdentity:
    """What others know about a principal: name, key id, and the two public keys."""

    name: str
    signing_public: Ed25519PublicKey
    encryption_public: X25519PublicKey

    @property
    def key_id(self) -> str:
        return key_id_of(self.signing_public)

    def verify(self, signature: bytes, data: bytes) -> None:
        """Raise :class:`SignatureError` unless ``signature`` is this key's over ``data``."""
        try:
            self.signing_public.verify(signature, data)
        except InvalidSignature as exc:
            raise SignatureError(f"signature does not verify for key {self.key_id}") from exc

    def body(self) -> dict[str, Any]:
        """The identity document without its self-signature: what the self-signature
        covers, and what a grant embeds for its grantee (the issuer's signature vouches)."""
        return {
            "format": IDENTITY_FORMAT,
            "name": self.name,
            "key_id": self.key_id,
            "signing_key": {"alg": "ed25519", "public": b64e(_raw(self.signing_public))},
            "encryption_key": {"alg": "x25519", "public": b64e(_raw(self.encryption_public))},
        }

    @classmethod
    def from_body(cls, doc: Any) -> PublicIdentity:
        """Name and public keys of an identity document (format checked; nothing verified).

        Raises KeyError, TypeError, ValueError or AttributeError on a malformed document:
        the caller says where it came from and what that means (a bad key file, a bad grant).
        """
        if doc.get("format") != IDENTITY_FORMAT:
            raise KeyError("format")
        for block, alg in (("signing_key", "ed25519"), ("encryption_key", "x25519")):
            if doc[block].get("alg") != alg:  # outside the self-signed body: check it here
                raise ValueError(f"{block}.alg must be {alg!r}")
        return cls(name=str(doc["name"]),
                   signing_public=Ed25519PublicKey.from_public_bytes(b64d(doc["signing_key"]["public"])),
                   encryption_public=X25519PublicKey.from_public_bytes(b64d(doc["encryption_key"]["public"])))

    @classmethod
    def from_dict(cls, doc: Any, *, source: str = "identity") -> PublicIdentity:
        """Parse and check a public identity document (self-signature included)."""
        try:
            if doc.get("format") != IDENTITY_FORMAT:
                raise KeyFileError(
                    "not a dataprotocol public identity", file=source, field="format",
                    expected=repr(IDENTITY_FORMAT),
                )
            ident = cls.from_body(doc)
            self_sig = b64d(doc["self_signature"])
        except KeyFileError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise KeyFileError(
                f"malformed public identity ({type(exc).__name__}: {exc})", file=source,
                expected="name, key_id, signing_key.public, encryption_key.public, self_signature",
            ) from exc
        if doc.get("key_id") != ident.key_id:
            raise SignatureError(f"{source}: key_id does not match the signing key")
        try:
            ident.verify(self_sig, canonical_json(ident.body()))
        except SignatureError as exc:  # say which file: a user may hold dozens of .pub files
            raise SignatureError(f"{source}: the self-signature does not verify (the identity "
                                 "was edited after it was created)") from exc
        return ident


@dataclass(frozen=True)
class KeyPair:
    """A principal's private keys. Never serialised except by :func:`save_keypair`."""

    name: str
    signing_key: Ed25519PrivateKey
    encryption_key: X25519PrivateKey

    @property
    def public(self) -> PublicIdentity:
        return PublicIdentity(
            name=self.name,
            signing_public=self.signing_key.public_key(),
            encryption_public=self.encryption_key.public_key(),
        )

    @property
    def key_id(self) -> str:
        return key_id_of(self.signing_key.public_key())

    def sign(self, data: bytes) -> bytes:
        return self.signing_key.sign(data)

    def public_document(self) -> dict[str, Any]:
        body = self.public.body()
        body["self_signature"] = b64e(self.sign(canonical_json(body)))
        return body


def generate_keypair(name: str) -> KeyPair:
    """Fresh keys from the OS CSPRNG (``cryptography`` uses it for key generation)."""
    return KeyPair(name=name, signing_key=Ed25519PrivateKey.generate(),
                   encryption_key=X25519PrivateKey.generate())
