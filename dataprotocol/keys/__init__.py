"""Principals' keys: Ed25519 for signatures, X25519 for key agreement (shard keys).

Recipes: :func:`generate_keypair`, :func:`save_keypair`, :func:`load_keypair`,
:func:`load_identity`, :func:`sign_document`, :func:`verify_document`.
"""

from __future__ import annotations

from dataprotocol._canonical import canonical_json
from dataprotocol.keys._files import load_identity, load_keypair, save_identity, save_keypair
from dataprotocol.keys._identity import KeyPair, PublicIdentity, b64d, b64e, generate_keypair, key_id_of
from dataprotocol.keys._signed import sign_document, signer_key_id, verify_document

__all__ = [
    "KeyPair",
    "PublicIdentity",
    "generate_keypair",
    "key_id_of",
    "save_keypair",
    "load_keypair",
    "load_identity",
    "save_identity",
    "sign_document",
    "verify_document",
    "signer_key_id",
    "canonical_json",
    "b64e",
    "b64d",
]
