"""Signed revocation lists: the issuer's list of grant ids that no longer hold.

Type ``dataprotocol-revocations/1``. Each new list carries every earlier entry and a
higher ``sequence`` number, so a verifier that remembers the last sequence it saw can
refuse a rolled-back list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from dataprotocol._files import load_json
from dataprotocol.errors import InputError, PolicyError, SignatureError
from dataprotocol.keys import KeyPair, PublicIdentity, sign_document, verify_document
from dataprotocol.policy._grants import check_signature_encoding
from dataprotocol.policy._time import format_time, now, parse_time

__all__ = ["REVOCATION_TYPE", "RevocationList", "revoke_grants", "verify_revocations", "load_revocations"]

REVOCATION_TYPE = "dataprotocol-revocations/1"


@dataclass(frozen=True)
class RevocationList:
    """A verified revocation list: grant id -> (revoked_at, reason)."""

    issuer_key_id: str
    sequence: int
    updated_at: datetime
    revoked: Mapping[str, tuple[datetime, str]] = field(default_factory=dict, hash=False)

    def __contains__(self, grant_id: object) -> bool:
        return grant_id in self.revoked

    def to_dict(self) -> dict[str, Any]:
        return {"issuer_key_id": self.issuer_key_id, "sequence": self.sequence,
                "updated_at": format_time(self.updated_at),
                "revoked": [{"grant_id": g, "revoked_at": format_time(t), "reason": r}
                            for g, (t, r) in self.revoked.items()]}


def verify_revocations(document: Any, issuer: PublicIdentity) -> RevocationList:
    """Check the signature and parse. Raises SignatureError / PolicyError."""
    check_signature_encoding(document)
    payload = verify_document(document, issuer, doc_type=REVOCATION_TYPE)
    if payload.get("issuer_key_id") != issuer.key_id:
        raise SignatureError("revocation list names another issuer than its signer")
    try:
        revoked = {str(e["grant_id"]): (parse_time(e["revoked_at"]), str(e.get("reason") or ""))
                   for e in payload["revoked"]}
        return RevocationList(issuer_key_id=issuer.key_id, sequence=int(payload["sequence"]),
                              updated_at=parse_time(payload["updated_at"]), revoked=revoked)
    except (KeyError, TypeError, ValueError) as exc:
        raise PolicyError(f"malformed revocation list: {type(exc).__name__}: {exc}") from exc


def revoke_grants(
    issuer: KeyPair,
    grant_ids: Iterable[str],
    *,
    previous: Mapping[str, Any] | None = None,
    reason: str = "",
    at: datetime | None = None,
) -> dict[str, Any]:
    """A new signed list: ``previous`` (verified with the issuer's key) plus ``grant_ids``."""
    entries: list[dict[str, Any]] = []
    sequence = 0
    if previous is not None:
        old = verify_revocations(previous, issuer.public)
        entries = old.to_dict()["revoked"]
        sequence = old.sequence
    stamp = format_time(at or now())
    known = {e["grant_id"] for e in entries}
    for grant_id in grant_ids:
        if not isinstance(grant_id, str) or not grant_id:
            raise InputError(f"invalid grant id {grant_id!r}", field="grant_id")
        if grant_id not in known:
            entries.append({"grant_id": grant_id, "revoked_at": stamp, "reason": reason})
            known.add(grant_id)
    payload = {"format": 1, "issuer_key_id": issuer.key_id, "sequence": sequence + 1,
               "updated_at": stamp, "revoked": entries}
    return sign_document(REVOCATION_TYPE, payload, issuer)


def load_revocations(path: str | Path) -> dict[str, Any]:
    doc = load_json(path, what="revocation list")
    if not isinstance(doc, dict) or doc.get("type") != REVOCATION_TYPE:
        raise InputError("not a dataprotocol revocation list", file=path, field="type",
                         expected=repr(REVOCATION_TYPE))
    return doc
