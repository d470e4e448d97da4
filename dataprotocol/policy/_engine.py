"""The decision engine: deny by default, every failing rule a reason.

:class:`PolicyEngine` verifies grants once, at load, and indexes them by
``(grantee key id, dataset id)``: a decision is a dict lookup plus a few comparisons,
never a scan or a signature check. :func:`decide` is the one-shot recipe on top.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Union

from dataprotocol.errors import DataProtocolError, InputError, IntegrityError, PolicyError, SignatureError
from dataprotocol.keys import PublicIdentity, signer_key_id
from dataprotocol.policy._card import DatasetCard
from dataprotocol.policy._combine import Combination, Obligation, check_profile, combine
from dataprotocol.policy._decision import Decision, Request
from dataprotocol.policy._grants import Grant, verify_grant
from dataprotocol.policy._licenses import GRANT_ACTIONS, LicenseRegistry, default_registry
from dataprotocol.policy._log import append_decision, default_log_path
from dataprotocol.policy._org import OrgPolicy
from dataprotocol.policy._purposes import NEEDS_REVIEW, PurposeVocabulary, default_vocabulary
from dataprotocol.policy._revocations import RevocationList, verify_revocations
from dataprotocol.policy._time import format_time, now

__all__ = ["PolicyEngine", "decide", "Revocations"]

#: a verified list, a signed document, or several of them
Revocations = Union[RevocationList, Mapping[str, Any], Sequence[Union[RevocationList, Mapping[str, Any]]], None]


def _verified_lists(revocations: Revocations, issuers: Mapping[str, PublicIdentity]) -> list[RevocationList]:
    """Every list, verified against the issuer that signed it (raises on a bad one)."""
    if revocations is None:
        return []
    items = [revocations] if isinstance(revocations, (RevocationList, Mapping)) else list(revocations)
    out = []
    for item in items:
        if not isinstance(item, RevocationList):
            signer = issuers.get(signer_key_id(item))
            if signer is None:
                raise SignatureError(f"revocation list signed by unknown key {signer_key_id(item)}")
            item = verify_revocations(item, signer)
        if item.issuer_key_id in issuers:
            out.append(item)
    return out


def _revoked_ids(revocations: Revocations, issuers: Mapping[str, PublicIdentity]) -> frozenset[str]:
    """Grant ids revoked by a list signed by one of ``issuers`` (raises on a bad list)."""
    return frozenset(g for rl in _verified_lists(revocations, issuers) for g in rl.revoked)


class PolicyEngine:
    """Grants verified once and indexed; :meth:`decide` answers requests fast."""

    def __init__(
        self,
        grants: Iterable[Mapping[str, Any] | Grant] = (),
        *,
        issuers: PublicIdentity | Iterable[PublicIdentity],
        revocations: Revocations = None,
        licenses: LicenseRegistry | None = None,
        profile: str = "conservative",
        log_path: str | Path | None = None,
        purposes: PurposeVocabulary | None = None,
        org: OrgPolicy | None = None,
    ) -> None:
        check_profile(profile)
        self.org = org
        idents = [issuers] if isinstance(issuers, PublicIdentity) else list(issuers)
        self.issuers: dict[str, PublicIdentity] = {i.key_id: i for i in idents}
        self.licenses = licenses if licenses is not None else default_registry()
        self.purposes = purposes if purposes is not None else default_vocabulary()
        self.profile = profile
        self.log_path = log_path
        #: highest revocation-list sequence seen per issuer (rollback detection)
        self.revocation_sequences: dict[str, int] = {}
        self.revoked: frozenset[str] = frozenset()
        self.set_revocations(revocations)
        self.grants: list[Grant] = []
        #: (index in the input, why the grant was rejected at load)
        self.rejected: list[tuple[int, str]] = []
        self._index: dict[tuple[str, str], list[Grant]] = {}
        self._licence_cache: dict[tuple[str, str, str | None], Combination] = {}
        self._purpose_cache: dict[str, str | None] = {}
        self._window_texts: dict[str, tuple[str, str]] = {}
        self._obligation_cache: dict[tuple[str, str, str, str, str], tuple[Obligation, ...]] = {}
        for number, doc in enumerate(grants):
            self.add(doc, number=number)

    def set_revocations(self, revocations: Revocations) -> None:
        """Replace the revocation state (verified against the engine's issuers; raises if bad).

        A list whose sequence number is lower than one this engine has seen from the same
        issuer is a rollback -- an attacker replaying an older list to un-revoke grants --
        and raises :class:`IntegrityError`.
        """
        lists = _verified_lists(revocations, self.issuers)
        for rl in lists:
            if rl.sequence < self.revocation_sequences.get(rl.issuer_key_id, 0):
                raise IntegrityError(f"revocation list of {rl.issuer_key_id} rolled back: sequence "
                                     f"{rl.sequence} < {self.revocation_sequences[rl.issuer_key_id]} seen before")
        for rl in lists:
            self.revocation_sequences[rl.issuer_key_id] = rl.sequence
        self.revoked = frozenset(g for rl in lists for g in rl.revoked)

    def add(self, document: Mapping[str, Any] | Grant, *, number: int = -1) -> Grant | None:
        """Verify one grant (signed document) and index it; a bad one goes to ``rejected``."""
        try:
            grant = document if isinstance(document, Grant) else self._verify(document)
        except (SignatureError, PolicyError) as exc:
            self.rejected.append((number, str(exc)))
            return None
        self.grants.append(grant)
        # the deny path must stay as cheap as the allow path: format these once, at load
        self._window_texts[grant.grant_id] = (
            f"grant-not-yet-valid: grant {grant.grant_id} is valid from {format_time(grant.not_before)}",
            f"grant-expired: grant {grant.grant_id} expired at {format_time(grant.not_after)}")
        self._index.setdefault((grant.grantee_key_id, grant.dataset_id), []).append(grant)
        return grant

    def _verify(self, document: Mapping[str, Any]) -> Grant:
        issuer = self.issuers.get(signer_key_id(document))
        if issuer is None:
            raise SignatureError(f"grant signed by key {signer_key_id(document)}, not a known issuer")
        return verify_grant(document, issuer)

    def grants_for(self, principal: str, dataset_id: str) -> list[Grant]:
        return self._index.get((principal, dataset_id), [])

    def _license(self, card: DatasetCard, action: str, purpose: str | None) -> Combination:
        key = (card.license, action, purpose)
        hit = self._licence_cache.get(key)
        if hit is None:
            try:
                hit = combine([card.license], action=action, purpose=purpose, profile=self.profile,
                              registry=self.licenses)
            except InputError as exc:  # a bad expression in the card: say which card
                raise InputError(exc.detail, file=card.source or f"dataset card {card.dataset_id}",
                                 field="license", expected=exc.expected) from exc
            self._licence_cache[key] = hit
        return hit

    def _grant_failures(self, grant: Grant, request: Request, at: datetime, purpose_ok: bool) -> list[str]:
        card, gid = request.dataset, grant.grant_id
        out = []
        if grant.issuer_key_id != card.publisher_key_id:
            out.append(f"wrong-issuer: grant {gid} was issued by {grant.issuer_key_id}, "
                       f"not by the dataset's publisher {card.publisher_key_id}")
        if grant.dataset_version not in (card.version, "*"):
            out.append(f"wrong-version: grant {gid} is for version {grant.dataset_version}, "
                       f"not {card.version}")
        if at < grant.not_before:
            out.append(self._window_texts[gid][0])
        if at >= grant.not_after:
            out.append(self._window_texts[gid][1])
        if gid in self.revoked:
            out.append(f"grant-revoked: grant {gid} has been revoked")
        if request.action not in grant.actions:
            out.append(f"action-not-granted: grant {gid} allows {', '.join(grant.actions)}, "
                       f"not {request.action}")
        if purpose_ok:
            why = self.purposes.match(grant.purposes, request.purpose)
            if why is not None and not why.startswith(NEEDS_REVIEW):
                out.append(f"purpose-not-granted: grant {gid}: {why}")
        if grant.shards is not None:
            if request.shards is None:
                out.append(f"shards-not-covered: grant {gid} covers shards {list(grant.shards)}, "
                           "the request asks for all")
            else:
                missing = sorted(set(request.shards) - set(grant.shards))
                if missing:
                    out.append(f"shards-not-covered: grant {gid} does not cover shards {missing}")
        return out

    def _purpose_problem(self, purpose: str) -> str | None:
        """Why ``purpose`` is not a valid purpose text (None if it is); memoised."""
        if purpose in self._purpose_cache:
            return self._purpose_cache[purpose]
        try:
            self.purposes.parse(purpose)
            problem = None
        except InputError as exc:
            problem = exc.detail
        if len(self._purpose_cache) < 4096:
            self._purpose_cache[purpose] = problem
        return problem

    def _dataset_checks(self, request: Request, reasons: list[str], reviews: list[tuple[str, str]],
                        at: datetime) -> bool:
        """License and dataset-purpose rules; returns whether the purpose is known.

        What only a person may decide goes to ``reviews`` as (code, reason): a grant whose
        ``conditions.reviewed`` names the code records that review (the publisher's DAC).
        """
        card = request.dataset
        if request.action not in GRANT_ACTIONS:
            reasons.append(f"action-unknown: {request.action!r} is not one of "
                           f"{', '.join(GRANT_ACTIONS)}")
            return True
        unknown = self._purpose_problem(request.purpose)
        if unknown is not None:
            reasons.append(f"purpose-unknown: {unknown}")
            lic = self._license(card, request.action, None)
            reasons.extend(lic.reasons)
            return False
        lic = self._license(card, request.action, request.purpose)
        reasons.extend(lic.reasons)
        if self.org is not None:
            reasons.extend(self.org.reasons(action=request.action, purpose=request.purpose))
        why = self.purposes.match(card.purposes, request.purpose)
        if why is not None and why.startswith(NEEDS_REVIEW):
            req = self.purposes.parse(request.purpose)
            for code in req.flags or ("none",):
                reviews.append((code.split(":")[0], f"needs-review: dataset {card.dataset_id}: "
                                                     f"{why[len(NEEDS_REVIEW):]}"))
        elif why is not None:
            reasons.append(f"dataset-purpose: dataset {card.dataset_id} does not allow it: {why}")
        self._modifier_checks(card, at, reasons, reviews)
        return True

    def _modifier_checks(self, card: DatasetCard, at: datetime, reasons: list[str],
                         reviews: list[tuple[str, str]]) -> None:
        """DUO modifiers: review-only terms (COL, IRB, ...) and time limits (TS)."""
        allow = self.purposes.allowances(tuple(card.purposes))
        for modifier, until in allow.modifiers:
            if modifier.kind == "review":
                reviews.append((modifier.code, f"needs-review: dataset {card.dataset_id} requires "
                                               f"{modifier.code} ({modifier.text})"))
            elif modifier.kind == "time-limit" and until is not None and at.date() > until:
                reasons.append(f"data-use-expired: dataset {card.dataset_id} allows use only until "
                               f"{until.isoformat()} ({modifier.code})")

    def decide(self, request: Request, *, log: bool = True) -> Decision:
        """Deny by default; allowed only when license, dataset purposes and a grant all allow."""
        at = request.at if request.at is not None else now()
        if at.tzinfo is None:  # a naive time is taken as UTC (comparing naive with aware would raise)
            at = at.replace(tzinfo=timezone.utc)
        reasons: list[str] = []
        reviews: list[tuple[str, str]] = []
        purpose_ok = self._dataset_checks(request, reasons, reviews, at)
        card = request.dataset
        grants = self._index.get((request.principal, card.dataset_id))
        chosen = None
        if not grants:
            reasons.append(f"no-grant: no grant for dataset {card.dataset_id} held by key {request.principal}")
        else:
            failures: list[str] = []
            for grant in grants:
                problems = self._grant_failures(grant, request, at, purpose_ok)
                if not problems:
                    chosen = grant
                    break
                failures.extend(problems)
            if chosen is None:
                reasons.extend(failures)
        reviewed = _reviewed(chosen)
        reasons.extend(text for code, text in reviews if code not in reviewed)
        decision = self._decision(request, at, reasons, chosen)
        if log:
            self.log(decision)
        return decision

    def _decision(self, request: Request, at: datetime, reasons: list[str], grant: Grant | None) -> Decision:
        card = request.dataset
        allowed = not reasons
        return Decision._trusted({
            "allowed": allowed, "reasons": tuple(reasons),
            "obligations": self._obligations(request) if allowed else (),
            "grant": grant if allowed else None,
            "conditions": dict(grant.conditions) if allowed and grant is not None else {},
            "principal": request.principal, "dataset_id": card.dataset_id, "dataset_version": card.version,
            "action": request.action, "purpose": request.purpose, "shards": request.shards, "at": at,
            "chosen_licenses": self._license(card, request.action, request.purpose).chosen_licenses
            if allowed else (),
        })

    def _obligations(self, request: Request) -> tuple[Obligation, ...]:
        card = request.dataset
        key = (card.dataset_id, card.version, card.license, request.action, request.purpose)
        hit = self._obligation_cache.get(key)
        if hit is None:
            base = self._license(card, request.action, request.purpose).obligations
            hit = tuple(Obligation(o.kind, o.license, f"{o.text}: {card.credit()}")
                        if o.kind == "attribution" else o for o in base) + self._duo_obligations(card)
            self._obligation_cache[key] = hit
        return hit

    def _duo_obligations(self, card: DatasetCard) -> tuple[Obligation, ...]:
        """PUB, RTN, MOR and TS travel with what is produced, like license terms."""
        out = []
        for modifier, until in self.purposes.allowances(tuple(card.purposes)).modifiers:
            if modifier.kind in ("obligation", "time-limit"):
                text = modifier.text + (f": {until.isoformat()}" if until else "")
                out.append(Obligation(_OBLIGATION_KINDS[modifier.code], f"{modifier.code} ({modifier.duo})",
                                      text))
        return tuple(out)

    def log(self, decision: Decision) -> None:
        path = self.log_path if self.log_path is not None else default_log_path()
        if path is not None:
            append_decision(path, decision, profile=self.profile)


_OBLIGATION_KINDS = {"PUB": "publication-required", "RTN": "return-derived-data",
                     "MOR": "publication-moratorium", "TS": "time-limit"}


def _reviewed(grant: Grant | None) -> frozenset[str]:
    """The review codes a grant records (``conditions.reviewed``): the DAC has looked."""
    if grant is None:
        return frozenset()
    value = grant.conditions.get("reviewed", ())
    return frozenset(str(v) for v in value) if isinstance(value, (list, tuple)) else frozenset()


def _mismatches(engine: PolicyEngine, request: Request) -> list[str]:
    """For a one-shot decision: why each presented grant does not even apply."""
    out = []
    for grant in engine.grants:
        if grant.grantee_key_id != request.principal:
            out.append(f"wrong-grantee: grant {grant.grant_id} is for key {grant.grantee_key_id}, "
                       f"not {request.principal}")
        if grant.dataset_id != request.dataset.dataset_id:
            out.append(f"wrong-dataset: grant {grant.grant_id} is for dataset {grant.dataset_id}, "
                       f"not {request.dataset.dataset_id}")
    return out


def decide(
    request: Request,
    *,
    grants: Sequence[Mapping[str, Any]] = (),
    revocations: Revocations = None,
    licenses: LicenseRegistry | None = None,
    profile: str = "conservative",
    log_path: str | Path | None = None,
    org: OrgPolicy | None = None,
) -> Decision:
    """One decision. Each grant is verified against the dataset's publisher; a grant or
    revocation list that fails verification is a reason to deny, never ignored. ``org``
    (an organisation policy) can only add reasons to deny."""
    extra: list[str] = []
    try:
        revoked = _revoked_ids(revocations, {request.dataset.publisher.key_id: request.dataset.publisher})
    except DataProtocolError as exc:
        extra.append(f"revocations-invalid: the revocation list does not verify ({exc}); "
                     "revocation status unknown")
        revoked = frozenset()
    engine = PolicyEngine((), issuers=request.dataset.publisher, licenses=licenses, profile=profile,
                          log_path=log_path, org=org)
    engine.revoked = revoked  # already verified above (a bad list became a reason, not an error)
    for number, doc in enumerate(grants):
        engine.add(doc, number=number)
    decision = engine.decide(request, log=False)
    if not decision.allowed or extra:
        invalid = [f"grant-invalid: grant #{n + 1}: {why}" for n, why in engine.rejected]
        reasons = (*invalid, *_mismatches(engine, request), *decision.reasons, *extra)
        decision = engine._decision(request, decision.at or now(), list(reasons), None)
    engine.log(decision)
    return decision
