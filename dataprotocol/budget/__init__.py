"""Privacy accounting and the per-dataset budget ledger."""

from __future__ import annotations

from dataprotocol.budget._events import MechanismEvent, Sampler

__all__ = ["MechanismEvent", "Sampler"]
