"""The record every audit check returns (shared by ``_audit`` and ``_audit_ledger``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Check"]


@dataclass(frozen=True)
class Check:
    """One audit check: a stable ``name``, whether it ``passed``, and why."""

    name: str
    passed: bool
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "passed": self.passed, "detail": self.detail}
