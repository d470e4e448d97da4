"""Revocation enforced where data is read: the publisher's current list, every time.

``open_package`` (and so ``train``, and queries) fetches the revocation list from where
the signed grant -- else the signed manifest -- says it lives, verifies it with the
publisher's key and requires it to be current (``updated_at <= now < next_update``).
A missing, unverifiable or stale list is a denial with a reason: "no list" must never
read as "nothing revoked". The only way past is explicit: ``unsafe_allow_stale_revocations``
-- logged as a warning and recorded in the handle (and by ``train`` in privacy.json).
"""

from __future__ import annotations

import json
import logging
import posixpath
from dataclasses import dataclass, field
from typing import Any

import fsspec

from dataprotocol.errors import PolicyDenied
from dataprotocol.package._manifest import Manifest
from dataprotocol.package._storage import Location
from dataprotocol.policy import Grant, RevocationList, RevocationsRef, check_revocations_current

__all__ = ["RevocationStatus", "current_revocations", "pin_revocation_list", "MAX_LIST_BYTES"]

def format_time(value: Any) -> str:
    return str(value.isoformat().replace("+00:00", "Z"))


_log = logging.getLogger("dataprotocol.package")
#: a revocation list larger than this is refused (bounded read)
MAX_LIST_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class RevocationStatus:
    """What the revocation check found: ``status`` is "current" or "override"."""

    location: str | None
    status: str
    sequence: int | None = None
    updated_at: str | None = None
    next_update: str | None = None
    reasons: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"location": self.location, "status": self.status, "sequence": self.sequence,
                "updated_at": self.updated_at, "next_update": self.next_update,
                "reasons": list(self.reasons)}


def _read(location: Location, where: str) -> bytes:
    """The list's bytes: a URL as given, else a path relative to the package folder."""
    if "://" in where:
        opener: Any = fsspec.open(where, "rb")
    elif location.is_local:
        opener = open(posixpath.normpath(posixpath.join(location.root, where)), "rb")
    else:
        opener = location.fs.open(posixpath.normpath(location.root.rstrip("/") + "/" + where),
                                  "rb")
    with opener as handle:
        data: bytes = handle.read(MAX_LIST_BYTES + 1)
    if len(data) > MAX_LIST_BYTES:
        raise ValueError(f"larger than {MAX_LIST_BYTES} bytes")
    return data


def _load(location: Location, ref: RevocationsRef) -> Any:
    try:
        raw = _read(location, ref.location)
    except FileNotFoundError as exc:
        raise PolicyDenied("the publisher's revocation list is missing", [
            f"revocations-missing: no revocation list at {ref.location} (pinned by the "
            "publisher); revocation status unknown"]) from exc
    except (OSError, ValueError, ImportError) as exc:
        raise PolicyDenied("the publisher's revocation list cannot be read", [
            f"revocations-missing: cannot read {ref.location} ({type(exc).__name__}); "
            "revocation status unknown"]) from exc
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise PolicyDenied("the publisher's revocation list is corrupt", [
            f"revocations-invalid: {ref.location} is not a JSON revocation list"]) from exc


def _status(ref: RevocationsRef, current: RevocationList, status: str,
            reasons: tuple[str, ...] = ()) -> RevocationStatus:
    return RevocationStatus(
        location=ref.location, status=status, sequence=current.sequence,
        updated_at=format_time(current.updated_at),
        next_update=format_time(current.next_update) if current.next_update else None,
        reasons=reasons)


def current_revocations(location: Location, manifest: Manifest, grant: Grant, *,
                        unsafe_allow_stale_revocations: bool = False
                        ) -> tuple[RevocationList | None, RevocationStatus]:
    """The publisher's current list for this read, or PolicyDenied with the reasons.

    With ``unsafe_allow_stale_revocations`` a missing, stale or invalid list is allowed
    through (logged, and reported in the returned status as "override"); a stale list
    that verifies is still honoured for the grants it does revoke.
    """
    ref = grant.revocations or manifest.revocations
    publisher = manifest.card.publisher
    try:
        if ref is None:
            raise PolicyDenied("no revocation list to check", [
                "revocations-unpinned: neither the grant nor the manifest says where the "
                "publisher's revocation list lives; republish with --revocations"])
        document = _load(location, ref)
        current = check_revocations_current(document, publisher, source=ref.location)
        return current, _status(ref, current, "current")
    except PolicyDenied as denied:
        if not unsafe_allow_stale_revocations:
            raise
        _log.warning("revocation check overridden (unsafe_allow_stale_revocations): %s",
                     "; ".join(denied.reasons))
        stale = _stale_but_verified(location, ref, publisher)
        if stale is not None and ref is not None:
            return stale, _status(ref, stale, "override", denied.reasons)
        return None, RevocationStatus(location=ref.location if ref else None,
                                      status="override", reasons=denied.reasons)


def _stale_but_verified(location: Location, ref: RevocationsRef | None,
                        publisher: Any) -> RevocationList | None:
    """A list that verifies but is out of date still revokes what it names."""
    from dataprotocol.policy import verify_revocations

    if ref is None:
        return None
    try:
        return verify_revocations(_load(location, ref), publisher)
    except Exception:  # noqa: BLE001 - nothing usable: the override already said so
        return None


def pin_revocation_list(path: str, *, publisher: Any, package: str) -> tuple[RevocationsRef, bool]:
    """The pin a new package carries for its publisher's revocation list: (ref, created).

    A local ``path`` that does not exist yet gets a signed, empty list (sequence 1,
    current for ``DEFAULT_NEXT_UPDATE``); an existing one must verify with the
    publisher's key. The manifest names a local list relative to the package folder;
    a URL is kept as given (the publisher serves the list there).
    """
    import os

    from dataprotocol._files import atomic_write_text
    from dataprotocol.policy import load_revocations, revoke_grants, verify_revocations

    if "://" in path:
        return RevocationsRef(location=path), False
    location = (path if "://" in package else
                os.path.relpath(os.path.abspath(path), os.path.abspath(package)))
    if os.path.exists(path):
        verify_revocations(load_revocations(path), publisher.public)
        return RevocationsRef(location=location), False
    document = revoke_grants(publisher, [])
    atomic_write_text(path, json.dumps(document, indent=2, sort_keys=True) + "\n")
    return RevocationsRef(location=location), True
