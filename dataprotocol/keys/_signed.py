"""Signed JSON documents: ``{"type": T, "canon": "rfc8785", "payload": {...}, "signature": {...}}``.

Used for grants, revocation lists, package manifests, ledger genesis/heads, release
records and ``privacy.json``. The signature covers the RFC 8785 (JCS) bytes of
``{"type": TYPE, "canon": "rfc8785", "payload": PAYLOAD}``: the type, so a signature
made for one document type can never be replayed as another; the ``canon`` marker, so
a verifier knows which canonical form was signed and nobody can strip it.

An envelope without ``canon`` was written before RFC 8785 (format 1): its signature
covers the legacy canonical bytes of ``{"type": TYPE, "payload": PAYLOAD}`` and still
verifies. A new envelope relabelled as old (``canon`` removed) does not: the signed
bytes held the marker. Any other ``canon`` value is refused.
"""

from __future__ import annotations

from typing import Any

from dataprotocol._canonical import (
    CANON_RFC8785,
    _legacy_canonical_json,
    canonical_json,
    canonical_json_parsed,
)
from dataprotocol.errors import SignatureError
from dataprotocol.keys._identity import KeyPair, PublicIdentity, b64d, b64e

__all__ = ["sign_document", "verify_document", "signer_key_id", "signed_bytes", "envelope_canon"]


def signed_bytes(doc_type: str, payload: Any, canon: str | None = CANON_RFC8785, *,
                 parsed: bool = False) -> bytes:
    """The bytes an envelope's signature covers; ``canon=None``: a legacy envelope.

    ``parsed``: ``payload`` was read from JSON text (integers beyond 2**53 are the
    doubles JCS spelled that way, see ``_canonical.canonical_json_parsed``)."""
    if canon is None:
        return _legacy_canonical_json({"type": doc_type, "payload": payload})
    if canon != CANON_RFC8785:
        raise SignatureError(f"unsupported canonicalisation {canon!r} in field 'canon' "
                             f"(expected {CANON_RFC8785!r}, or no field for a legacy document)")
    encode = canonical_json_parsed if parsed else canonical_json
    return encode({"type": doc_type, "canon": canon, "payload": payload})


def envelope_canon(document: Any) -> str | None:
    """The canonical form an envelope says it was signed in (None: legacy, pre-RFC 8785)."""
    if not isinstance(document, dict) or "canon" not in document:
        return None
    canon = document["canon"]
    if canon != CANON_RFC8785:
        raise SignatureError(f"unsupported canonicalisation {canon!r} in field 'canon' "
                             f"(expected {CANON_RFC8785!r})")
    return CANON_RFC8785


def sign_document(doc_type: str, payload: dict[str, Any], keypair: KeyPair) -> dict[str, Any]:
    """Return a signed envelope for ``payload`` (a JSON-compatible dict)."""
    signature = keypair.sign(signed_bytes(doc_type, payload))
    return {
        "type": doc_type,
        "canon": CANON_RFC8785,
        "payload": payload,
        "signature": {"alg": "ed25519", "key_id": keypair.key_id, "value": b64e(signature)},
    }


def signer_key_id(document: Any) -> str:
    """The key id a document *claims* to be signed by (unverified)."""
    try:
        return str(document["signature"]["key_id"])
    except (KeyError, TypeError) as exc:
        raise SignatureError("document is not signed (no signature.key_id)") from exc


def verify_document(document: Any, identity: PublicIdentity, *, doc_type: str) -> dict[str, Any]:
    """Check type and signature; return the payload. Raises :class:`SignatureError`."""
    try:
        sig = document["signature"]
        payload = document["payload"]
        claimed_type = document["type"]
        value = b64d(sig["value"])
        alg = sig["alg"]
        key_id = sig["key_id"]
    except (KeyError, TypeError, ValueError) as exc:
        raise SignatureError("document is not a signed envelope (type, payload, signature)") from exc
    canon = envelope_canon(document)
    if claimed_type != doc_type:
        raise SignatureError(f"document type is {claimed_type!r}, expected {doc_type!r}")
    if b64e(value) != sig["value"]:
        # base64 can spell the same bytes several ways (unused low bits of the last
        # character); accept only the canonical spelling, so a signed file has one form.
        raise SignatureError("signature value is not canonical unpadded base64url")
    if alg != "ed25519":
        raise SignatureError(f"unsupported signature algorithm {alg!r}")
    if key_id != identity.key_id:
        raise SignatureError(f"signed by key {key_id}, expected {identity.key_id}")
    if not isinstance(payload, dict):
        raise SignatureError("payload is not an object")
    try:
        data = signed_bytes(doc_type, payload, canon, parsed=True)
    except ValueError as exc:  # e.g. an integer beyond 2**53 edited in: it was never signed
        raise SignatureError(f"payload has no canonical form ({exc})") from exc
    identity.verify(value, data)
    return payload
