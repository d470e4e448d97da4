"""The policy layer: licenses, purposes, dataset cards, signed grants and decisions.

Recipes: :func:`combine` (what may be done with data under these licenses, SPDX ids
or expressions such as ``CC-BY-4.0 OR ODbL-1.0``),
:func:`issue_grant` / :func:`verify_grant` / :func:`revoke_grants`, and
:func:`decide` -- deny by default, every failing rule a reason, obligations on allow.
Whole commands: :func:`issue_dataset_grant` (:func:`authorize_grant`: organisation
policy, license, publisher; then sign) behind ``grant issue``, :func:`check_request`
behind ``check``, :func:`check_grant` behind ``grant verify``.
:class:`PolicyEngine` verifies many grants once and decides by index lookup.
"""

from __future__ import annotations

from dataprotocol.policy._card import CARD_FORMAT, Attribution, DatasetCard, load_dataset_card
from dataprotocol.policy._check import GrantCheck, check_grant
from dataprotocol.policy._combine import Combination, Obligation, combine
from dataprotocol.policy._decision import Decision, Request
from dataprotocol.policy._engine import PolicyEngine, decide
from dataprotocol.policy._expression import LicenseExpression, parse_license_expression
from dataprotocol.policy._grants import GRANT_TYPE, KNOWN_CONDITIONS, Grant, issue_grant, load_grant, verify_grant
from dataprotocol.policy._issue import (
    GrantRequest,
    authorize_grant,
    check_request,
    issue_dataset_grant,
    resolve_principal,
)
from dataprotocol.policy._licenses import (
    ACTIONS,
    GRANT_ACTIONS,
    LICENSE_KINDS,
    OBLIGATION_TEXTS,
    PROFILES,
    RULE_OF,
    UNSPECIFIED,
    ActionRule,
    License,
    LicenseRegistry,
    default_registry,
    is_spdx_id,
    load_license_file,
    unknown_license_text,
)
from dataprotocol.policy._log import LOG_ENV, append_decision, read_decision_log
from dataprotocol.policy._org import OrgPolicy, load_org_policy
from dataprotocol.policy._paths import POLICIES_ENV, builtin_policies_dir
from dataprotocol.policy._pins import LedgerPin, RevocationsRef
from dataprotocol.policy._purposes import Purpose, PurposeRequest, PurposeVocabulary, default_vocabulary
from dataprotocol.policy._revocations import (
    DEFAULT_NEXT_UPDATE,
    REVOCATION_TYPE,
    RevocationList,
    check_revocations_current,
    load_revocations,
    revoke_grants,
    verify_revocations,
)

__all__ = [
    "ACTIONS",
    "GRANT_ACTIONS",
    "RULE_OF",
    "PROFILES",
    "UNSPECIFIED",
    "OBLIGATION_TEXTS",
    "CARD_FORMAT",
    "GRANT_TYPE",
    "REVOCATION_TYPE",
    "KNOWN_CONDITIONS",
    "LOG_ENV",
    "POLICIES_ENV",
    "ActionRule",
    "License",
    "LicenseRegistry",
    "default_registry",
    "load_license_file",
    "LICENSE_KINDS",
    "is_spdx_id",
    "unknown_license_text",
    "LicenseExpression",
    "parse_license_expression",
    "builtin_policies_dir",
    "Purpose",
    "PurposeRequest",
    "PurposeVocabulary",
    "default_vocabulary",
    "Attribution",
    "DatasetCard",
    "load_dataset_card",
    "Obligation",
    "Combination",
    "combine",
    "Grant",
    "issue_grant",
    "GrantRequest",
    "authorize_grant",
    "issue_dataset_grant",
    "resolve_principal",
    "check_request",
    "verify_grant",
    "check_grant",
    "GrantCheck",
    "load_grant",
    "LedgerPin",
    "RevocationsRef",
    "RevocationList",
    "DEFAULT_NEXT_UPDATE",
    "check_revocations_current",
    "revoke_grants",
    "verify_revocations",
    "load_revocations",
    "Request",
    "Decision",
    "decide",
    "PolicyEngine",
    "OrgPolicy",
    "load_org_policy",
    "append_decision",
    "read_decision_log",
]
