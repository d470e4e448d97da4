"""Signed release records and their offline audit -- no torch.

A released model directory carries a signed ``privacy.json`` (type
``dataprotocol-privacy/1``) and a Hugging Face ``README.md`` whose front matter is a pure
function of the signed payload. This layer writes and reads them, and audits them
(:func:`audit_model_dir`: recompute epsilon with two accountants, check hashes,
signature, front matter, license, ledger, empirical audit) without importing torch, so
an auditor's ``dataprotocol budget audit`` stays light. The one-run canary audit
(Steinke, Nasr & Jagielski 2023) lives here too: its statistics are numpy/scipy only.

Depends on ``keys``, ``budget`` and (lazily, for the license check) ``policy``; ``train``
builds on it.
"""

from __future__ import annotations

from dataprotocol.records._audit import AuditReport, audit_model_dir, independent_epsilons, opacus_epsilon
from dataprotocol.records._audit_check import Check
from dataprotocol.records._canary import (
    AUDIT_METHOD,
    CanaryAudit,
    check_lower_bound,
    epsilon_lower_bound,
    guess_counts,
    max_certifiable_epsilon,
    p_value,
)
from dataprotocol.records._exposure import (
    EXPOSURE_METHOD,
    chance_exposure,
    exposure,
    exposure_block,
    exposure_check,
    exposure_p_value,
)
from dataprotocol.records._card import (
    PRIVACY_DOC_TYPE,
    PRIVACY_FILE,
    README_FILE,
    dp_block,
    front_matter,
    hash_model_files,
    model_license,
    read_front_matter,
    read_privacy_document,
    write_model_dir,
)
from dataprotocol.records._query_release import (
    QUERY_RELEASE_TYPE,
    QueryReleaseRecord,
    audit_release,
    file_sha256,
    read_release,
    write_release,
)

__all__ = [
    # model directory: privacy.json + README.md
    "PRIVACY_DOC_TYPE",
    "PRIVACY_FILE",
    "README_FILE",
    "write_model_dir",
    "read_privacy_document",
    "read_front_matter",
    "hash_model_files",
    "dp_block",
    "front_matter",
    "model_license",
    # DP query releases
    "QUERY_RELEASE_TYPE",
    "QueryReleaseRecord",
    "write_release",
    "read_release",
    "audit_release",
    "file_sha256",
    # offline audit
    "audit_model_dir",
    "AuditReport",
    "Check",
    "opacus_epsilon",
    "independent_epsilons",
    # canary exposure of generative models (Carlini et al. 2019)
    "EXPOSURE_METHOD",
    "exposure",
    "chance_exposure",
    "exposure_block",
    "exposure_check",
    "exposure_p_value",
    # one-run empirical audit
    "CanaryAudit",
    "AUDIT_METHOD",
    "p_value",
    "epsilon_lower_bound",
    "max_certifiable_epsilon",
    "guess_counts",
    "check_lower_bound",
]
