"""``issue_package_grant``: a policy grant that also carries the granted shards' keys.

The publisher unwraps its own copies of the data keys (kept in the manifest) and wraps
exactly the granted shards' keys to the grantee's X25519 key; the wrapped keys travel
as the grant's signed ``attachments`` and the grant pins the manifest id (and repeats
the manifest's ledger and revocation-list pins). Granting
again, to someone else or after a key rotation of a grantee, never re-encrypts data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from dataprotocol.errors import InputError
from dataprotocol.keys import KeyPair, PublicIdentity
from dataprotocol.package._manifest import Manifest, load_manifest
from dataprotocol.package._open import WRAPPED_KEYS
from dataprotocol.package._storage import locate
from dataprotocol.package._wrap import WRAP_SCHEME, check_wrap_scheme, unwrap_key, wrap_context, wrap_key
from dataprotocol.policy import GrantRequest, LicenseRegistry, OrgPolicy, authorize_grant, issue_grant

__all__ = ["issue_package_grant", "WRAPPED_KEYS_FORMAT"]

WRAPPED_KEYS_FORMAT = "dataprotocol-wrapped-keys/1"


def _granted(manifest: Manifest, shards: Sequence[int] | None) -> list[int]:
    count = len(manifest.shards)
    if shards is None:
        return list(range(count))
    chosen = sorted(set(shards))
    if not chosen:
        raise InputError("a grant for no shards grants nothing", field="shards",
                         expected="at least one shard index, or None for all")
    for index in chosen:
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < count:
            raise InputError(f"no shard {index!r} in this package", field="shards",
                             expected=f"integers 0..{count - 1}")
    return chosen


def rewrap_keys(manifest: Manifest, *, publisher: KeyPair, grantee: PublicIdentity,
                shards: Sequence[int]) -> dict[str, Any]:
    """The ``wrapped_keys`` attachment: the keys of ``shards``, wrapped to ``grantee``."""
    check_wrap_scheme(manifest.encryption.get("key_wrap"), where="manifest")
    wrapped: dict[str, str] = {}
    for index in shards:
        own = wrap_context(package_id=manifest.package_id, shard=index,
                           recipient_key_id=publisher.key_id)
        data_key = unwrap_key(manifest.publisher_keys[str(index)], publisher.encryption_key,
                              context=own, where=f"publisher key of shard {index}")
        theirs = wrap_context(package_id=manifest.package_id, shard=index,
                              recipient_key_id=grantee.key_id)
        wrapped[str(index)] = wrap_key(data_key, grantee.encryption_public, context=theirs)
    return {"format": WRAPPED_KEYS_FORMAT, "scheme": WRAP_SCHEME, "package_id": manifest.package_id,
            "manifest_id": manifest.manifest_id, "recipient": grantee.key_id, "keys": wrapped}


def issue_package_grant(
    package: str | Path,
    *,
    issuer: KeyPair,
    grantee: PublicIdentity,
    actions: Sequence[str],
    purposes: Sequence[str],
    not_after: datetime,
    not_before: datetime | None = None,
    shards: Sequence[int] | None = None,
    conditions: Mapping[str, Any] | None = None,
    org: OrgPolicy | None = None,
    licenses: LicenseRegistry | None = None,
) -> dict[str, Any]:
    """Sign a grant for the package at ``package`` (path or fsspec URL).

    ``issuer`` must be the package's publisher (only it can unwrap the data keys).
    ``shards=None`` grants every shard. Returns the signed grant document.
    ``policy.authorize_grant`` runs first: ``org`` (an organisation policy) may refuse
    the request (``GrantRefused``, every reason), and the card's license must be defined
    in ``licenses`` (default: the built-in registry).
    """
    location = locate(package)
    manifest = load_manifest(location)
    request = GrantRequest(grantee, tuple(actions), tuple(purposes), not_after, not_before,
                           None if shards is None else tuple(shards), dict(conditions or {}))
    # the publisher is checked below, against the key that can unwrap the shard keys
    authorize_grant(request, card=manifest.card, issuer_key_id=issuer.key_id, org=org, licenses=licenses,
                    check_publisher=False, source=str(package).rstrip("/") + "/manifest.json")
    if issuer.key_id != manifest.card.publisher.key_id:
        raise InputError(f"{issuer.key_id} is not this package's publisher "
                         f"({manifest.card.publisher.key_id})", field="issuer",
                         expected="the publisher's private key (it holds the shard keys)")
    chosen = _granted(manifest, shards)
    attachment = rewrap_keys(manifest, publisher=issuer, grantee=grantee, shards=chosen)
    return issue_grant(
        issuer, grantee=grantee, dataset_id=manifest.card.dataset_id,
        dataset_version=manifest.card.version, actions=actions, purposes=purposes,
        not_after=not_after, not_before=not_before,
        shards=chosen if shards is not None else None, conditions=conditions,
        manifest_id=manifest.manifest_id, attachments={WRAPPED_KEYS: attachment},
        ledger=manifest.ledger, revocations=manifest.revocations,
    )
