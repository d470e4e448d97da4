"""Audit checks against the budget ledger: it is the dataset's own (publisher-created,
``_audit_identity``), the run is recorded with the card's events, the hash chain is
intact and holds every anchor, and the dataset's composed epsilon is within its cap."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dataprotocol.budget import MechanismEvent
from dataprotocol.errors import DataProtocolError, IntegrityError
from dataprotocol.records._audit_check import Check
from dataprotocol.records._audit_identity import check_ledger_anchors, check_ledger_identity
from dataprotocol.records._privacy import PrivacyRecord

if TYPE_CHECKING:
    from dataprotocol.budget import Ledger
    from dataprotocol.keys import PublicIdentity

__all__ = ["check_ledger"]


def _ledger_entry_check(ledger: Ledger, record: PrivacyRecord,
                        events: list[MechanismEvent]) -> tuple[Check, Any]:
    run_id = record.run_id
    try:
        entry = ledger.entry(run_id)
    except IntegrityError as exc:
        return Check("ledger-run", False, f"cannot trust the ledger to look up run {run_id}: "
                     f"{exc}"), None
    except (DataProtocolError, KeyError, LookupError) as exc:
        return Check("ledger-run", False, f"run {run_id} not in the ledger ({exc})"), None
    problems = []
    if entry.state != "committed":
        problems.append(f"entry state is {entry.state!r}, not 'committed'")
    if [e.to_dict() for e in entry.events] != [e.to_dict() for e in events]:
        problems.append("the ledger's events differ from the card's")
    datasets = [d.dataset_id for d in record.data]
    if entry.dataset_id not in datasets:
        problems.append(f"ledger dataset {entry.dataset_id} is not among the card's {datasets}")
    if not math.isclose(float(entry.delta), record.accounting.delta, rel_tol=1e-9):
        problems.append(f"ledger delta {entry.delta:g} differs from the card's")
    recorded_hash = record.ledger.entry_hash if record.ledger is not None else None
    if recorded_hash and recorded_hash != entry.entry_hash:
        problems.append("the card's ledger entry_hash differs from the ledger's")
    if problems:
        return Check("ledger-run", False, "; ".join(problems)), entry
    return Check("ledger-run", True, f"run {run_id} committed with the card's "
                 f"{len(events)} event(s) on {entry.dataset_id}"), entry


def _ledger_cap_check(ledger: Ledger, dataset_id: str, record: PrivacyRecord,
                      tolerance: float) -> Check:
    try:
        status = ledger.status(dataset_id)
    except DataProtocolError as exc:
        return Check("ledger-cap", False, f"no budget status for {dataset_id}: {exc}")
    spent, cap = float(status.spent_epsilon), float(status.epsilon_cap)
    problems = []
    if spent > cap * (1 + 1e-9):
        problems.append(f"composed epsilon {spent:.4f} exceeds the cap {cap:.4f}")
    card_cumulative = record.ledger.cumulative_epsilon if record.ledger is not None else None
    if card_cumulative is not None and float(card_cumulative) > spent * (1 + tolerance) + 1e-9:
        # the ledger only grows: less spent now than the card saw means a rollback
        problems.append(f"the card saw cumulative epsilon {float(card_cumulative):.4f} but the "
                        f"ledger now holds {spent:.4f} (rolled back?)")
    if problems:
        return Check("ledger-cap", False, "; ".join(problems))
    return Check("ledger-cap", True, f"{dataset_id}: composed epsilon {spent:.4f} within cap "
                 f"{cap:.4f} over {len(status.runs)} run(s)")


def check_ledger(ledger: Ledger, record: PrivacyRecord, events: list[MechanismEvent], *,
                 tolerance: float, publisher: PublicIdentity | None = None,
                 heads: Sequence[Any] = (), manifest: Any = None) -> list[Check]:
    identity_check, signer = check_ledger_identity(ledger, record, publisher=publisher,
                                                   manifest=manifest)
    run_check, entry = _ledger_entry_check(ledger, record, events)
    try:
        ledger.verify_chain()
        chain = Check("ledger-chain", True, "hash chain intact")
    except DataProtocolError as exc:
        chain = Check("ledger-chain", False, str(exc))
    dataset_id = entry.dataset_id if entry is not None else record.data[0].dataset_id
    return [identity_check, run_check, chain,
            check_ledger_anchors(ledger, record, signer=signer, heads=heads),
            _ledger_cap_check(ledger, dataset_id, record, tolerance)]
