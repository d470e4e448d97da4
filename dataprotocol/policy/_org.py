"""Organisation policies: what a steward's institution allows at most (YAML data).

An organisation policy can only *narrow* what the license, the card and the grant
allow: actions it never permits, the purposes it serves, the longest grant it signs and
conditions every grant must carry. ``check_grant_request`` applies it before a grant is
signed; ``org_reasons`` adds its denials to a decision.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from dataprotocol._files import line_of, load_yaml
from dataprotocol.errors import InputError
from dataprotocol.policy._licenses import GRANT_ACTIONS, PROFILES
from dataprotocol.policy._purposes import default_vocabulary

__all__ = ["OrgPolicy", "load_org_policy"]

_KEYS = {"name", "description", "profile", "deny_actions", "allowed_purposes", "max_grant_days",
         "require_conditions"}


@dataclass(frozen=True)
class OrgPolicy:
    name: str
    profile: str = "conservative"
    deny_actions: tuple[str, ...] = ()
    allowed_purposes: tuple[str, ...] | None = None
    max_grant_days: int | None = None
    require_conditions: tuple[str, ...] = ()
    description: str = ""

    def reasons(self, *, action: str, purpose: str) -> list[str]:
        """Why the organisation does not allow this (empty when it does)."""
        out = []
        if action in self.deny_actions:
            out.append(f"org-denies: organisation policy {self.name} never allows {action}")
        if self.allowed_purposes is not None:
            why = default_vocabulary().match(self.allowed_purposes, purpose)
            if why is not None:
                out.append(f"org-purpose: organisation policy {self.name}: {why}")
        return out

    def grant_reasons(self, *, actions: Sequence[str], purposes: Sequence[str], not_before: datetime,
                      not_after: datetime, conditions: Mapping[str, Any]) -> list[str]:
        """Every way a grant would break this policy (empty when it would not)."""
        problems = [r for a in actions for p in purposes for r in self.reasons(action=a, purpose=p)]
        if self.max_grant_days is not None and (not_after - not_before).total_seconds() > self.max_grant_days * 86400:
            problems.append(f"grants last at most {self.max_grant_days} days")
        missing = [c for c in self.require_conditions if c not in conditions]
        if missing:
            problems.append("grants must carry the conditions " + ", ".join(missing))
        return list(dict.fromkeys(problems))

    def check_grant_request(self, *, actions: Sequence[str], purposes: Sequence[str], not_before: datetime,
                            not_after: datetime, conditions: Mapping[str, Any]) -> None:
        """Raise :class:`InputError` listing every way a grant would break this policy
        (``policy.authorize_grant`` raises the typed ``GrantRefused`` instead)."""
        problems = self.grant_reasons(actions=actions, purposes=purposes, not_before=not_before,
                                      not_after=not_after, conditions=conditions)
        if problems:
            raise InputError("; ".join(problems), field="grant",
                             expected=f"a grant that organisation policy {self.name} allows")


def _strs(doc: Mapping[str, Any], key: str, path: str, allowed: Sequence[str] | None = None) -> tuple[str, ...]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError("must be a list of strings", file=path, line=line_of(doc, key), field=key)
    for v in value:
        if allowed is not None and v not in allowed:
            raise InputError(f"unknown value {v!r}", file=path, line=line_of(doc, key), field=key,
                             expected="one of " + ", ".join(allowed))
    return tuple(value)


def load_org_policy(path: str | Path) -> OrgPolicy:
    """Read an organisation policy YAML file (errors name file, line and field)."""
    src = str(path)
    doc = load_yaml(path, what="organisation policy")
    if not isinstance(doc, Mapping) or not isinstance(doc.get("name"), str):
        raise InputError("missing name", file=src, field="name", expected="a mapping with a name")
    for key in doc:
        if key not in _KEYS:
            raise InputError(f"unknown key {key!r}", file=src, line=line_of(doc, key), field=str(key),
                             expected="one of " + ", ".join(sorted(_KEYS)))
    profile = doc.get("profile", "conservative")
    if profile not in PROFILES:
        raise InputError(f"unknown profile {profile!r}", file=src, line=line_of(doc, "profile"), field="profile",
                         expected=" | ".join(PROFILES))
    purposes = _strs(doc, "allowed_purposes", src) if "allowed_purposes" in doc else None
    for p in purposes or ():
        try:
            default_vocabulary().parse_allowance(p)
        except InputError as exc:
            raise InputError(exc.detail, file=src, line=line_of(doc, "allowed_purposes"),
                             field="allowed_purposes") from exc
    days = doc.get("max_grant_days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days <= 0):
        raise InputError("must be a positive integer", file=src, line=line_of(doc, "max_grant_days"),
                         field="max_grant_days")
    from dataprotocol.policy._grants import KNOWN_CONDITIONS

    return OrgPolicy(
        name=doc["name"], profile=profile, deny_actions=_strs(doc, "deny_actions", src, GRANT_ACTIONS),
        allowed_purposes=purposes, max_grant_days=days,
        require_conditions=_strs(doc, "require_conditions", src, sorted(KNOWN_CONDITIONS)),
        description=str(doc.get("description") or ""),
    )
