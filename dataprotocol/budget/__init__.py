"""Privacy accounting and the per-dataset budget ledger.

Recipes: :func:`account` / :func:`compute_epsilon` (Opacus PRV with RDP fallback, or
RDP) for one run's events; :func:`noise_multiplier_for` to calibrate sigma;
:func:`recompute_independent` (Google dp_accounting) for audits; :class:`Ledger` for
the reserve -> commit ledger whose cap holds across all runs on a dataset (a SQLite
file, or PostgreSQL for a ledger shared by many machines; :func:`grant_append_only`). A ledger is
created once by the dataset's publisher (signed genesis; ``dataprotocol.records``
signs and verifies it) and is never created implicitly.
"""

from __future__ import annotations

from dataprotocol.budget._accountant import (
    Accountant,
    AccountantFailed,
    accountant_names,
    get_accountant,
    register_accountant,
)
from dataprotocol.budget._accounting import (
    Accounting,
    account,
    compute_epsilon,
    noise_multiplier_for,
)
from dataprotocol.budget._composition import (
    FILTER_ORDERS,
    Composition,
    compose_runs,
    filter_epsilon,
    filter_weights,
    run_epsilon,
)
from dataprotocol.budget._events import (
    MechanismEvent,
    PrivacyEvent,
    PureDPEvent,
    Sampler,
    ZCDPEvent,
    event_from_dict,
)
from dataprotocol.budget._grant_spend import enforce_grant_conditions
from dataprotocol.budget._identity import GENESIS_TYPE as LEDGER_GENESIS_TYPE
from dataprotocol.budget._identity import HEAD_TYPE as LEDGER_HEAD_TYPE
from dataprotocol.budget._identity import ChainHead, LedgerIdentity
from dataprotocol.budget._independent import recompute_independent
from dataprotocol.budget._ledger import BudgetRefused, Ledger
from dataprotocol.budget._records import (
    BudgetStatus,
    DryRun,
    LedgerEntry,
    Reservation,
    RunSummary,
)
from dataprotocol.budget._store import DEFAULT_LEDGER, resolve_location
from dataprotocol.budget._store_pg import grant_append_only
from dataprotocol.budget._store_pg import redact as redact_ledger_url

__all__ = [
    "MechanismEvent",
    "ZCDPEvent",
    "PureDPEvent",
    "PrivacyEvent",
    "event_from_dict",
    "Sampler",
    "Accounting",
    "account",
    "compute_epsilon",
    "noise_multiplier_for",
    "recompute_independent",
    "enforce_grant_conditions",
    "Accountant",
    "AccountantFailed",
    "register_accountant",
    "get_accountant",
    "accountant_names",
    "Composition",
    "compose_runs",
    "filter_epsilon",
    "filter_weights",
    "run_epsilon",
    "FILTER_ORDERS",
    "Ledger",
    "LedgerEntry",
    "Reservation",
    "RunSummary",
    "BudgetStatus",
    "DryRun",
    "BudgetRefused",
    "DEFAULT_LEDGER",
    "grant_append_only",
    "redact_ledger_url",
    "resolve_location",
    "LedgerIdentity",
    "ChainHead",
    "LEDGER_GENESIS_TYPE",
    "LEDGER_HEAD_TYPE",
]
