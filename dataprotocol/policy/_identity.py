"""Public identity documents inside policy documents (cards, grants).

A card embeds its publisher's identity document *with* its self-signature; a grant
embeds the grantee's identity body (the issuer's signature over the grant vouches for
it). Both parse to a :class:`PublicIdentity` whose key id must match its key.
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from dataprotocol.errors import KeyFileError, PolicyError
from dataprotocol.keys import PublicIdentity, b64d, b64e

__all__ = ["identity_body", "identity_from_body"]

_FORMAT = "dataprotocol-identity/1"


def identity_body(identity: PublicIdentity) -> dict[str, Any]:
    """The identity document without its self-signature (JSON-able)."""
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    return {
        "format": _FORMAT,
        "name": identity.name,
        "key_id": identity.key_id,
        "signing_key": {"alg": "ed25519", "public": b64e(identity.signing_public.public_bytes(*raw))},
        "encryption_key": {"alg": "x25519", "public": b64e(identity.encryption_public.public_bytes(*raw))},
    }


def identity_from_body(doc: Any, *, source: str) -> PublicIdentity:
    """Parse an identity document; a self-signature, when present, must verify."""
    if isinstance(doc, dict) and "self_signature" in doc:
        return PublicIdentity.from_dict(doc, source=source)
    try:
        if doc.get("format") != _FORMAT:
            raise KeyError("format")
        ident = PublicIdentity(
            name=str(doc["name"]),
            signing_public=Ed25519PublicKey.from_public_bytes(b64d(doc["signing_key"]["public"])),
            encryption_public=X25519PublicKey.from_public_bytes(b64d(doc["encryption_key"]["public"])),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PolicyError(f"{source}: malformed public identity ({type(exc).__name__}: {exc})") from exc
    if doc.get("key_id") != ident.key_id:
        raise PolicyError(f"{source}: key_id does not match the signing key")
    return ident


def parse_identity_or_input_error(doc: Any, *, source: str) -> PublicIdentity:
    try:
        return identity_from_body(doc, source=source)
    except PolicyError as exc:
        raise KeyFileError(str(exc), file=source) from exc
