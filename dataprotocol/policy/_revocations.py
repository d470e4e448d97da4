"""Signed revocation lists: the issuer's list of grant ids that no longer hold.

Type ``dataprotocol-revocations/1``. Each new list carries every earlier entry and a
higher ``sequence`` number, so a verifier that remembers the last sequence it saw can
refuse a rolled-back list. A list also says when it was issued (``updated_at``) and
when the next one is due (``next_update``), as a CRL does (RFC 5280 section 5.1.2.5):
a reader that gets an older list than the publisher's current one -- an attacker
withholding the list that revokes its grant -- notices once ``next_update`` passes.
:func:`check_revocations_current` makes that a denial.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from dataprotocol._files import load_json
from dataprotocol.errors import DataProtocolError, InputError, PolicyDenied, PolicyError, SignatureError
from dataprotocol.keys import KeyPair, PublicIdentity, sign_document, verify_document
from dataprotocol.policy._grants import check_signature_encoding
from dataprotocol.policy._time import format_time, now, parse_time

__all__ = ["REVOCATION_TYPE", "DEFAULT_NEXT_UPDATE", "RevocationList", "revoke_grants",
           "verify_revocations", "load_revocations", "check_revocations_current"]

REVOCATION_TYPE = "dataprotocol-revocations/1"
#: how long a new list stays current unless the issuer says otherwise
DEFAULT_NEXT_UPDATE = timedelta(days=7)


@dataclass(frozen=True)
class RevocationList:
    """A verified revocation list: grant id -> (revoked_at, reason)."""

    issuer_key_id: str
    sequence: int
    updated_at: datetime
    revoked: Mapping[str, tuple[datetime, str]] = field(default_factory=dict, hash=False)
    #: when the issuer's next list is due (None: an older list that does not say)
    next_update: datetime | None = None

    def __contains__(self, grant_id: object) -> bool:
        return grant_id in self.revoked

    def to_dict(self) -> dict[str, Any]:
        return {"issuer_key_id": self.issuer_key_id, "sequence": self.sequence,
                "updated_at": format_time(self.updated_at),
                "next_update": format_time(self.next_update) if self.next_update else None,
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
        nxt = payload.get("next_update")
        return RevocationList(issuer_key_id=issuer.key_id, sequence=int(payload["sequence"]),
                              updated_at=parse_time(payload["updated_at"]), revoked=revoked,
                              next_update=parse_time(nxt) if nxt is not None else None)
    except (KeyError, TypeError, ValueError) as exc:
        raise PolicyError(f"malformed revocation list: {type(exc).__name__}: {exc}") from exc


def revoke_grants(
    issuer: KeyPair,
    grant_ids: Iterable[str],
    *,
    previous: Mapping[str, Any] | None = None,
    reason: str = "",
    at: datetime | None = None,
    next_update: timedelta | datetime = DEFAULT_NEXT_UPDATE,
) -> dict[str, Any]:
    """A new signed list: ``previous`` (verified with the issuer's key) plus ``grant_ids``.

    No ``grant_ids`` re-issues the list as it is (a refresh before ``next_update``).
    ``next_update``: when the next list is due, as a time or a delay from now.
    """
    entries: list[dict[str, Any]] = []
    sequence = 0
    if previous is not None:
        old = verify_revocations(previous, issuer.public)
        entries = old.to_dict()["revoked"]
        sequence = old.sequence
    issued = at or now()
    stamp = format_time(issued)
    due = next_update if isinstance(next_update, datetime) else issued + next_update
    if due <= issued:
        raise InputError("next_update must be later than the issue time", field="next_update")
    known = {e["grant_id"] for e in entries}
    for grant_id in grant_ids:
        if not isinstance(grant_id, str) or not grant_id:
            raise InputError(f"invalid grant id {grant_id!r}", field="grant_id")
        if grant_id not in known:
            entries.append({"grant_id": grant_id, "revoked_at": stamp, "reason": reason})
            known.add(grant_id)
    payload = {"format": 1, "issuer_key_id": issuer.key_id, "sequence": sequence + 1,
               "updated_at": stamp, "next_update": format_time(due), "revoked": entries}
    return sign_document(REVOCATION_TYPE, payload, issuer)


def load_revocations(path: str | Path) -> dict[str, Any]:
    doc = load_json(path, what="revocation list")
    if not isinstance(doc, dict) or doc.get("type") != REVOCATION_TYPE:
        raise InputError("not a dataprotocol revocation list", file=path, field="type",
                         expected=repr(REVOCATION_TYPE))
    return doc


def check_revocations_current(document: Any, issuer: PublicIdentity, *, at: datetime | None = None,
                  source: str = "revocation list") -> RevocationList:
    """The issuer's list, verified and current at ``at`` -- else PolicyDenied with reasons.

    A list that does not verify, names no ``next_update`` or whose ``next_update`` has
    passed tells nothing about grants revoked since: a reader must not take it as "no
    grant revoked" (deny by default).
    """
    when = at or now()
    try:
        current = verify_revocations(document, issuer)
    except DataProtocolError as exc:
        raise PolicyDenied("the revocation list cannot be trusted", [
            f"revocations-invalid: {source} does not verify with the publisher's key ({exc})"]
        ) from exc
    if current.next_update is None:
        raise PolicyDenied("the revocation list is stale", [
            f"revocations-stale: {source} (sequence {current.sequence}) names no next_update; "
            "the publisher must re-issue it (dataprotocol grant revoke --list ...)"])
    if when >= current.next_update:
        raise PolicyDenied("the revocation list is stale", [
            f"revocations-stale: {source} (sequence {current.sequence}, issued "
            f"{format_time(current.updated_at)}) expired at {format_time(current.next_update)}; "
            "the publisher must refresh it"])
    if when < current.updated_at:
        raise PolicyDenied("the revocation list is from the future", [
            f"revocations-invalid: {source} is issued at {format_time(current.updated_at)}, "
            "later than now (clock skew or a forged time)"])
    return current
