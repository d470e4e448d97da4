"""Grant issuance and access checks as whole recipes: every rule the commands apply.

``dataprotocol grant issue`` is :func:`authorize_grant` + signing
(:func:`issue_dataset_grant` for a dataset card; ``package.issue_package_grant`` for a
package, which also wraps the shard keys); ``dataprotocol check`` is
:func:`check_request`. The command only parses its options and formats the answer.

A refused grant request raises :class:`~dataprotocol.errors.GrantRefused` listing every
reason; the error names the *field* at fault, never a file the caller read it from (a
caller that knows the file -- the CLI's ``--key`` -- adds it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from dataprotocol.errors import GrantRefused, InputError
from dataprotocol.keys import KeyPair, PublicIdentity
from dataprotocol.policy._card import DatasetCard
from dataprotocol.policy._decision import Decision, Request
from dataprotocol.policy._engine import Revocations, decide
from dataprotocol.policy._grants import issue_grant
from dataprotocol.policy._licenses import LicenseRegistry, default_registry
from dataprotocol.policy._org import OrgPolicy
from dataprotocol.policy._time import now, utc

__all__ = ["GrantRequest", "authorize_grant", "issue_dataset_grant", "resolve_principal", "check_request"]


@dataclass(frozen=True)
class GrantRequest:
    """What a grant would give: to whom, which actions and purposes, for how long.

    ``not_before=None``: from the moment it is signed; ``shards=None``: every shard."""

    grantee: PublicIdentity
    actions: tuple[str, ...]
    purposes: tuple[str, ...]
    not_after: datetime
    not_before: datetime | None = None
    shards: tuple[int, ...] | None = None
    conditions: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def issue_arguments(self) -> dict[str, Any]:
        """The keyword arguments of ``issue_grant`` / ``issue_package_grant`` (less the
        dataset and the issuer)."""
        return {"grantee": self.grantee, "actions": list(self.actions), "purposes": list(self.purposes),
                "not_after": self.not_after, "not_before": self.not_before,
                "shards": None if self.shards is None else list(self.shards),
                "conditions": dict(self.conditions)}


def authorize_grant(
    request: GrantRequest,
    *,
    card: DatasetCard,
    issuer_key_id: str,
    org: OrgPolicy | None = None,
    licenses: LicenseRegistry | None = None,
    check_publisher: bool = True,
    source: str | Path | None = None,
) -> None:
    """May ``issuer_key_id`` sign ``request`` for the dataset of ``card``? Return if so.

    In this order: the organisation policy ``org`` (every reason at once; raises
    :class:`GrantRefused` with ``field="grant"``), the card's license must be defined
    in ``licenses`` (default: the built-in registry; :class:`InputError` naming
    ``source``, default ``card.source``), and the issuer must be the dataset's publisher
    (:class:`GrantRefused` with ``field="issuer"``; ``check_publisher=False`` where the
    caller checks it itself, as ``issue_package_grant`` does against the manifest).
    """
    if org is not None:
        start = utc(request.not_before) if request.not_before is not None else now()
        reasons = org.grant_reasons(actions=request.actions, purposes=request.purposes, not_before=start,
                                    not_after=utc(request.not_after), conditions=request.conditions)
        if reasons:
            raise GrantRefused(reasons, field="grant", expected=f"a grant that organisation policy {org.name} allows")
    registry = licenses if licenses is not None else default_registry()
    registry.require_known(card.license, file=source if source is not None else (card.source or None))
    if check_publisher and issuer_key_id != card.publisher.key_id:
        raise GrantRefused([f"the key is {issuer_key_id}, the dataset's publisher is {card.publisher.key_id}"],
                           field="issuer", expected="the publisher's private key")


def issue_dataset_grant(
    card: DatasetCard,
    issuer: KeyPair,
    request: GrantRequest,
    *,
    org: OrgPolicy | None = None,
    licenses: LicenseRegistry | None = None,
) -> dict[str, Any]:
    """:func:`authorize_grant`, then sign the grant for ``card``'s dataset; return the envelope."""
    authorize_grant(request, card=card, issuer_key_id=issuer.key_id, org=org, licenses=licenses)
    return issue_grant(issuer, dataset_id=card.dataset_id, dataset_version=card.version,
                       **request.issue_arguments())


def resolve_principal(grants: Sequence[Any], requester: PublicIdentity | None = None) -> str:
    """Whose request this is: ``requester``'s key id, else the grantee the first grant
    names (a claim only -- the decision still verifies each grant)."""
    if requester is not None:
        return requester.key_id
    for doc in grants:
        payload = doc.get("payload") if isinstance(doc, Mapping) else None
        claimed = payload.get("grantee_key_id") if isinstance(payload, Mapping) else None
        if isinstance(claimed, str):
            return claimed
    raise InputError("no principal: give the requester's identity (or a grant naming its grantee)",
                     field="requester", expected="a public identity")


def check_request(
    card: DatasetCard,
    *,
    action: str,
    purpose: str,
    grants: Sequence[Mapping[str, Any]] = (),
    requester: PublicIdentity | None = None,
    shards: Sequence[int] | None = None,
    revocations: Revocations = None,
    licenses: LicenseRegistry | None = None,
    profile: str | None = None,
    org: OrgPolicy | None = None,
    log_path: str | Path | None = None,
    at: datetime | None = None,
    source: str | Path | None = None,
) -> Decision:
    """Decide one request: the card's license must be defined (else :class:`InputError`
    naming ``source``, default ``card.source``), the principal is ``requester`` or the
    grantee the grants name (:func:`resolve_principal`), the profile defaults to the
    organisation policy's, else ``conservative``; then :func:`decide`."""
    registry = licenses if licenses is not None else default_registry()
    registry.require_known(card.license, file=source if source is not None else (card.source or None))
    request = Request(card, resolve_principal(grants, requester), action, purpose,
                      shards=tuple(shards) if shards is not None else None, at=at)
    return decide(request, grants=grants, revocations=revocations, licenses=registry,
                  profile=profile or (org.profile if org else "conservative"), log_path=log_path, org=org)
