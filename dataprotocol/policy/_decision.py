"""Requests and decisions: the engine's input and output records."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from dataprotocol.errors import PolicyDenied
from dataprotocol.policy._card import DatasetCard
from dataprotocol.policy._combine import Obligation
from dataprotocol.policy._grants import Grant
from dataprotocol.policy._time import format_time

__all__ = ["Request", "Decision"]


@dataclass(frozen=True)
class Request:
    """May ``principal`` (a key id) do ``action`` on ``dataset`` for ``purpose``?

    ``shards`` None means every shard; ``at`` None means now.
    """

    dataset: DatasetCard
    principal: str
    action: str
    purpose: str
    shards: tuple[int, ...] | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class Decision:
    """Allowed or not, every reason why not, and what an allowed user must do in return.

    ``chosen_licenses``: when allowed, the license ids the use falls under -- for a card
    licensed ``A OR B``, the alternative chosen; for ``A AND B``, both.
    """

    allowed: bool
    reasons: tuple[str, ...]
    obligations: tuple[Obligation, ...] = ()
    grant: Grant | None = None
    conditions: Mapping[str, Any] = field(default_factory=dict, hash=False)
    principal: str = ""
    dataset_id: str = ""
    dataset_version: str = ""
    action: str = ""
    purpose: str = ""
    shards: tuple[int, ...] | None = None
    at: datetime | None = None
    chosen_licenses: tuple[str, ...] = ()

    @classmethod
    def _trusted(cls, fields: dict[str, Any]) -> Decision:
        """Build from every field at once, skipping the frozen per-field ``__setattr__``.

        For the engine's hot path only: ``fields`` must name every field.
        """
        obj = object.__new__(cls)
        obj.__dict__.update(fields)
        return obj

    @property
    def outcome(self) -> str:
        """``allowed``, ``needs-review`` (only a person may decide: denied for automated
        use) or ``denied``."""
        if self.allowed:
            return "allowed"
        if self.reasons and all(r.startswith("needs-review:") for r in self.reasons):
            return "needs-review"
        return "denied"

    def raise_if_denied(self) -> Decision:
        """Raise :class:`PolicyDenied` listing every reason; return self when allowed."""
        if not self.allowed:
            raise PolicyDenied(f"{self.action} on dataset {self.dataset_id} denied", self.reasons)
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed, "outcome": self.outcome, "reasons": list(self.reasons),
            "obligations": [o.to_dict() for o in self.obligations],
            "grant_id": self.grant.grant_id if self.grant else None,
            "conditions": dict(self.conditions), "principal": self.principal,
            "dataset_id": self.dataset_id, "dataset_version": self.dataset_version,
            "action": self.action, "purpose": self.purpose,
            "shards": list(self.shards) if self.shards is not None else None,
            "at": format_time(self.at) if self.at else None,
            "chosen_licenses": list(self.chosen_licenses),
        }
