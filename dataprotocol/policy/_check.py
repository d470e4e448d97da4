"""check_grant: does a signed grant hold right now -- signature, validity window, revocation?

The answer is the point (``dataprotocol grant verify`` prints it), so this returns a
:class:`GrantCheck` naming every problem instead of raising on the first; it raises
only :class:`~dataprotocol.errors.InputError` for input it cannot read. Opening data
never uses it: the decision engine applies the same window and revocation rules and
raises (``PolicyDenied``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from dataprotocol.errors import DataProtocolError, InputError
from dataprotocol.keys import PublicIdentity
from dataprotocol.policy._grants import verify_grant
from dataprotocol.policy._revocations import load_revocations, verify_revocations

__all__ = ["GrantCheck", "check_grant"]


@dataclass(frozen=True)
class GrantCheck:
    """``valid`` when there are no ``problems``; ``grant``: the verified grant's summary."""

    problems: tuple[str, ...]
    grant: Mapping[str, Any] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {"valid": self.valid, "problems": list(self.problems), "grant": dict(self.grant)}


def check_grant(document: Any, issuer: PublicIdentity, *, at: datetime | None = None,
                revocations: Mapping[str, Any] | str | Path | None = None) -> GrantCheck:
    """Verify ``document`` against ``issuer``; is it valid at ``at`` (default: now) and
    not revoked by ``revocations`` (a signed revocation list, or its file)?"""
    problems: list[str] = []
    summary: dict[str, Any] = {}
    try:
        parsed = verify_grant(document, issuer)
        summary = parsed.to_dict()
        now = at or datetime.now(timezone.utc)
        if now < parsed.not_before:
            problems.append(f"not valid before {summary['not_before']}")
        if now >= parsed.not_after:
            problems.append(f"expired at {summary['not_after']}")
        if revocations is not None:
            listed = (load_revocations(revocations) if isinstance(revocations, (str, Path))
                      else revocations)
            if parsed.grant_id in verify_revocations(listed, issuer):
                problems.append("revoked")
    except InputError:
        raise
    except DataProtocolError as exc:
        problems.append(str(exc))
    return GrantCheck(problems=tuple(problems), grant=summary)
