"""Public identity documents inside policy documents (cards, grants).

A card embeds its publisher's identity document *with* its self-signature; a grant
embeds the grantee's identity body (the issuer's signature over the grant vouches for
it). Both parse to a :class:`PublicIdentity` whose key id must match its key.
"""

from __future__ import annotations

from typing import Any

from dataprotocol.errors import KeyFileError, PolicyError
from dataprotocol.keys import PublicIdentity

__all__ = ["identity_body", "identity_from_body"]


def identity_body(identity: PublicIdentity) -> dict[str, Any]:
    """The identity document without its self-signature (JSON-able)."""
    return identity.body()


def identity_from_body(doc: Any, *, source: str) -> PublicIdentity:
    """Parse an identity document; a self-signature, when present, must verify."""
    if isinstance(doc, dict) and "self_signature" in doc:
        return PublicIdentity.from_dict(doc, source=source)
    try:
        ident = PublicIdentity.from_body(doc)  # the keys layer owns the format
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
