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

Typed records (``_record.Record``): frozen dataclasses with ``to_dict`` / ``from_dict``.
A parsed record keeps the keys it does not model (``extra``) and which modelled keys
were present, so ``to_dict`` returns exactly what was read -- a newer card loads in an
older reader, an older card in a newer one, and nothing signed is rewritten.

How to add a field (e.g. ``world_size`` to the mechanism, ``genesis`` to :class:`LedgerRef`)::

    genesis: str | None = optional()      # in the class, after the existing fields

``optional()`` defaults to ``None`` and is not written while ``None``, so every payload
that does not use the field stays byte-for-byte what it was, and old cards still load.
Never make a new field required: released cards without it would stop loading. If the
audit must check it, add a check in ``_audit.py`` that passes when it is absent.

How to add a record kind (a DP query release, synthetic-data provenance): a new
``records/_<kind>.py`` with ``@dataclass(frozen=True, kw_only=True) class X(Record)``, a
``doc_type`` string ``dataprotocol-<kind>/1`` for ``keys.sign_document``, a writer that
signs ``record.to_dict()`` and writes atomically, a reader that calls
``X.from_dict(payload, what=..., file=...)`` (InputError names every bad key), and
its audit checks returning :class:`Check`. Export the names here.
"""

from __future__ import annotations

from dataprotocol.records._audit import AuditReport, audit_model_dir, independent_epsilons, opacus_epsilon
from dataprotocol.records._audit_check import Check
from dataprotocol.records._audit_synthetic import audit_synthetic_package
from dataprotocol.records._canary import (
    AUDIT_METHOD,
    CanaryAudit,
    check_lower_bound,
    epsilon_lower_bound,
    guess_counts,
    max_certifiable_epsilon,
    p_value,
)
from dataprotocol.records._card import (
    PRIVACY_DOC_TYPE,
    hash_model_files,
    read_front_matter,
    read_privacy_document,
    write_model_dir,
)
from dataprotocol.records._card_text import (
    PRIVACY_FILE,
    README_FILE,
    dp_block,
    front_matter,
    front_matter_v1,
    model_license,
)
from dataprotocol.records._exposure import (
    EXPOSURE_METHOD,
    chance_exposure,
    exposure,
    exposure_block,
    exposure_check,
    exposure_p_value,
)
from dataprotocol.records._ledger_identity import (
    create_dataset_ledger,
    ledger_ref_of,
    open_dataset_ledger,
    pin_dataset_ledger,
    resolve_ledger_location,
    verify_ledger_genesis,
    verify_ledger_head,
    vouch_ledger_head,
)
from dataprotocol.records._privacy import (
    Accounting,
    DataUse,
    FrontMatter,
    LedgerRef,
    LicenseTerms,
    PrivacyRecord,
)
from dataprotocol.records._query_release import (
    QUERY_RELEASE_TYPE,
    QueryReleaseRecord,
    audit_release,
    file_sha256,
    read_release,
    write_release,
)
from dataprotocol.records._record import Record, optional
from dataprotocol.records._synthetic import (
    SYNTHETIC_DOC_TYPE,
    SyntheticProvenance,
    read_provenance,
    sha256_file,
    verify_synthetic,
    write_provenance,
)

__all__ = [
    # typed records
    "Record",
    "optional",
    "PrivacyRecord",
    "Accounting",
    "LedgerRef",
    "DataUse",
    "LicenseTerms",
    "FrontMatter",
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
    "front_matter_v1",
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
    # DP synthetic data provenance
    "SYNTHETIC_DOC_TYPE",
    "SyntheticProvenance",
    "audit_synthetic_package",
    "write_provenance",
    "read_provenance",
    "verify_synthetic",
    "sha256_file",
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
    # the dataset's ledger: publisher-signed genesis and vouched heads
    "create_dataset_ledger",
    "open_dataset_ledger",
    "vouch_ledger_head",
    "verify_ledger_genesis",
    "verify_ledger_head",
    "resolve_ledger_location",
    "ledger_ref_of",
    "pin_dataset_ledger",
]
