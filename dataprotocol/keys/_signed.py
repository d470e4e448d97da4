"""Signed JSON documents: ``{"payload": {...}, "signature": {...}}``.

Used for grants, revocation lists, package manifests and ``privacy.json``. The
signature covers the canonical JSON of ``{"type": TYPE, "payload": PAYLOAD}`` so a
signature made for one document type can never be replayed as another.
"""

from __future__ import annotations

from typing import Any

from dataprotocol._canonical import canonical_json
from dataprotocol.errors import SignatureError
from dataprotocol.keys._identity import KeyPair, PublicIdentity, b64d, b64e

__all__ = ["sign_document", "verify_document", "signer_key_id"]


def _signed_bytes(doc_type: str, payload: Any) -> bytes:
    return canonical_json({"type": doc_type, "payload": payload})


def sign_document(doc_type: str, payload: dict[str, Any], keypair: KeyPair) -> dict[str, Any]:
    """Return a signed envelope for ``payload`` (a JSON-compatible dict)."""
    signature = keypair.sign(_signed_bytes(doc_type, payload))
    return {
        "type": doc_type,
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
    identity.verify(value, _signed_bytes(doc_type, payload))
    return payload
