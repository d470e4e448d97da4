"""Grants: signed, scoped, expiring permissions for one grantee on one dataset.

A grant is a ``keys.sign_document`` envelope of type ``dataprotocol-grant/1`` signed by
the dataset's publisher. It names the grantee (full public identity, so a package can
wrap shard keys to its X25519 key), the dataset id and version, the shards (all or a
set), actions, purposes, a validity window and optional conditions. A condition the
verifier does not know makes the grant invalid: ignoring it could grant more than the
issuer meant (the same rule as X.509 critical extensions, RFC 5280 section 4.2).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from dataprotocol._files import load_json
from dataprotocol.errors import InputError, PolicyError, SignatureError
from dataprotocol.keys import KeyPair, PublicIdentity, b64d, b64e, sign_document, verify_document
from dataprotocol.policy._combine import check_action
from dataprotocol.policy._duo import MODIFIERS, REVIEW_FLAGS
from dataprotocol.policy._identity import identity_body, identity_from_body
from dataprotocol.policy._purposes import default_vocabulary
from dataprotocol.policy._time import format_time, now, parse_time, utc

__all__ = ["GRANT_TYPE", "KNOWN_CONDITIONS", "Grant", "issue_grant", "verify_grant", "load_grant",
           "check_conditions", "check_signature_encoding"]

GRANT_TYPE = "dataprotocol-grant/1"
_FORMAT = 1


def _positive(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def _probability(value: Any) -> bool:
    return _positive(value) and value < 1


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


#: condition name -> (validator, what is expected); anything else invalidates the grant
def _review_codes(value: Any) -> bool:
    known = {code for code, m in MODIFIERS.items() if m.kind == "review"} | REVIEW_FLAGS | {"none"}
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v in known for v in value)


KNOWN_CONDITIONS = {
    "max_epsilon": (_positive, "a number > 0: the most epsilon this grantee may spend"),
    "max_delta": (_probability, "a number in (0, 1): the largest delta per run"),
    "max_runs": (_count, "an integer > 0: how many training runs the grant covers"),
    "reviewed": (_review_codes, "a list of what the issuer reviewed: DUO codes (COL, IRB, GS, US, PS, IS, "
                                "GSO) or purpose flags (pediatric, controls, ...)"),
}


def check_conditions(conditions: Mapping[str, Any]) -> list[str]:
    """Problems with ``conditions`` (empty when all are known and well-formed)."""
    problems = []
    for name, value in conditions.items():
        spec = KNOWN_CONDITIONS.get(name)
        if spec is None:
            problems.append(f"unknown condition {name!r} (known: {', '.join(sorted(KNOWN_CONDITIONS))})")
        elif not spec[0](value):
            problems.append(f"condition {name!r} = {value!r} is invalid (expected {spec[1]})")
    return problems


@dataclass(frozen=True)
class Grant:
    """A verified grant's payload, parsed."""

    grant_id: str
    issuer_key_id: str
    grantee_key_id: str
    grantee: PublicIdentity
    dataset_id: str
    dataset_version: str
    shards: tuple[int, ...] | None
    actions: tuple[str, ...]
    purposes: tuple[str, ...]
    not_before: datetime
    not_after: datetime
    conditions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    manifest_id: str | None = None
    attachments: Mapping[str, Any] = field(default_factory=dict, hash=False, repr=False)
    issued_at: datetime | None = None

    @property
    def expires_at(self) -> datetime:
        return self.not_after

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able summary (no attachments: they may hold wrapped keys)."""
        return {"grant_id": self.grant_id, "issuer_key_id": self.issuer_key_id,
                "grantee_key_id": self.grantee_key_id, "grantee_name": self.grantee.name,
                "dataset_id": self.dataset_id, "dataset_version": self.dataset_version,
                "shards": list(self.shards) if self.shards is not None else None,
                "actions": list(self.actions), "purposes": list(self.purposes),
                "not_before": format_time(self.not_before), "not_after": format_time(self.not_after),
                "conditions": dict(self.conditions), "manifest_id": self.manifest_id}


def _check_issue(actions: Sequence[str], purposes: Sequence[str], shards: Sequence[int] | None,
                 conditions: Mapping[str, Any]) -> None:
    if not actions:
        raise InputError("a grant needs at least one action", field="actions")
    for action in actions:
        check_action(action)
    if not purposes:
        raise InputError("a grant needs at least one purpose", field="purposes")
    vocab = default_vocabulary()
    for purpose in purposes:
        vocab.parse_allowance(purpose)
    if shards is not None and not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in shards):
        raise InputError(f"invalid shard ids {list(shards)!r}", field="shards", expected="integers >= 0")
    problems = check_conditions(conditions)
    if problems:
        raise InputError("; ".join(problems), field="conditions")


def issue_grant(
    issuer: KeyPair,
    *,
    grantee: PublicIdentity,
    dataset_id: str,
    dataset_version: str,
    actions: Sequence[str],
    purposes: Sequence[str],
    not_after: datetime,
    not_before: datetime | None = None,
    shards: Sequence[int] | None = None,
    conditions: Mapping[str, Any] | None = None,
    manifest_id: str | None = None,
    attachments: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Sign a grant; return the envelope (write it with ``json.dumps``)."""
    conditions = dict(conditions or {})
    _check_issue(actions, purposes, shards, conditions)
    issued = now().replace(microsecond=0)
    start = utc(not_before) if not_before is not None else issued
    end = utc(not_after)
    if end <= start:
        raise InputError("not_after must be later than not_before", field="not_after")
    payload = {
        "format": _FORMAT, "grant_id": str(uuid.uuid4()), "issued_at": format_time(issued),
        "issuer_key_id": issuer.key_id, "grantee": identity_body(grantee), "grantee_key_id": grantee.key_id,
        "dataset_id": dataset_id, "dataset_version": str(dataset_version),
        "shards": sorted(set(shards)) if shards is not None else None,
        "actions": list(dict.fromkeys(actions)), "purposes": list(dict.fromkeys(purposes)),
        "not_before": format_time(start), "not_after": format_time(end),
        "conditions": conditions, "manifest_id": manifest_id, "attachments": dict(attachments or {}),
    }
    return sign_document(GRANT_TYPE, payload, issuer)


def _strs(payload: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = payload[key]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} must be a non-empty list of strings")
    return tuple(value)


_PAYLOAD_KEYS = {"format", "grant_id", "issued_at", "issuer_key_id", "grantee", "grantee_key_id", "dataset_id",
                 "dataset_version", "shards", "actions", "purposes", "not_before", "not_after", "conditions",
                 "manifest_id", "attachments"}


def _parse(payload: Mapping[str, Any]) -> Grant:
    if payload.get("format") != _FORMAT:
        raise ValueError(f"unsupported grant format {payload.get('format')!r}")
    unknown = sorted(set(payload) - _PAYLOAD_KEYS)
    if unknown:  # a field this verifier does not understand might restrict the grant: refuse
        raise ValueError(f"unknown grant fields {unknown}")
    shards = payload["shards"]
    if shards is not None and (not isinstance(shards, list) or not all(
            isinstance(s, int) and not isinstance(s, bool) for s in shards)):
        raise ValueError("shards must be null or a list of integers")
    conditions, attachments = payload["conditions"], payload["attachments"]
    if not isinstance(conditions, dict) or not isinstance(attachments, dict):
        raise ValueError("conditions and attachments must be objects")
    grantee = identity_from_body(payload["grantee"], source="grant grantee")
    if grantee.key_id != payload["grantee_key_id"]:
        raise ValueError("grantee_key_id does not match the grantee identity")
    for action in _strs(payload, "actions"):
        check_action(action)
    return Grant(
        grant_id=str(payload["grant_id"]), issuer_key_id=str(payload["issuer_key_id"]),
        grantee_key_id=grantee.key_id, grantee=grantee, dataset_id=str(payload["dataset_id"]),
        dataset_version=str(payload["dataset_version"]),
        shards=tuple(shards) if shards is not None else None, actions=_strs(payload, "actions"),
        purposes=_strs(payload, "purposes"), not_before=parse_time(payload["not_before"]),
        not_after=parse_time(payload["not_after"]), conditions=conditions,
        manifest_id=payload.get("manifest_id"), attachments=attachments,
        issued_at=parse_time(payload["issued_at"]) if payload.get("issued_at") else None,
    )


def check_signature_encoding(document: Any) -> None:
    """Reject a signature whose base64 text is not the canonical encoding of its bytes.

    The last base64 character carries unused bits; without this check two different
    files would carry "the same" valid signature (a malleability a byte-level tamper
    check must not have).
    """
    try:
        value = document["signature"]["value"]
        canonical = b64e(b64d(value)) == value
    except (KeyError, TypeError, ValueError) as exc:
        raise SignatureError("document is not a signed envelope (signature.value)") from exc
    if not canonical:
        raise SignatureError("signature value is not canonically encoded")


def verify_grant(document: Any, issuer: PublicIdentity) -> Grant:
    """Check signature and structure. Raises SignatureError or PolicyError (never returns bad)."""
    check_signature_encoding(document)
    payload = verify_document(document, issuer, doc_type=GRANT_TYPE)
    if payload.get("issuer_key_id") != issuer.key_id:
        raise SignatureError(f"grant names issuer {payload.get('issuer_key_id')}, signed by {issuer.key_id}")
    try:
        grant = _parse(payload)
    except (KeyError, TypeError, ValueError, InputError, PolicyError) as exc:
        detail = exc.detail if isinstance(exc, InputError) else str(exc)
        raise PolicyError(f"malformed grant: {type(exc).__name__}: {detail}") from exc
    problems = check_conditions(grant.conditions)
    if problems:
        raise PolicyError(f"grant {grant.grant_id} is invalid: " + "; ".join(problems))
    return grant


def load_grant(path: str | Path) -> dict[str, Any]:
    """Read a grant file (JSON). Only the structure is checked here, not the signature."""
    doc = load_json(path, what="grant file")
    if not isinstance(doc, dict) or doc.get("type") != GRANT_TYPE:
        raise InputError("not a dataprotocol grant", file=path, field="type", expected=repr(GRANT_TYPE))
    return doc
