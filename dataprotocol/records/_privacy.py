"""Typed ``privacy.json`` payload (``dataprotocol-privacy/1``) and README front matter.

The privacy numbers an auditor recomputes travel typed from the ledger to the card:
:class:`Accounting` (epsilon, delta, accountant), :class:`LedgerRef` (the ledger entry,
the dataset's composed epsilon and caps), the mechanism events. Blocks whose shape
varies by trainer (``mechanism``, ``metrics``, ``empirical_audit``) stay mappings.
Keys a reader does not model are kept (``extra``), so a card written by a newer
version round-trips and an older card still loads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dataprotocol.budget import MechanismEvent
from dataprotocol.errors import InputError
from dataprotocol.records._record import Record, optional

__all__ = ["Accounting", "LedgerRef", "DataUse", "LicenseTerms", "PrivacyRecord", "FrontMatter",
           "PRIVACY_EXPECTED"]

PRIVACY_EXPECTED = "the dataprotocol-privacy/1 payload (docs/formats.md)"
#: added by write_model_dir when it signs (a payload handed to it must not set them)
SIGNED_KEYS = ("format", "created_at", "trainer", "weights", "files")


@dataclass(frozen=True, kw_only=True)
class Accounting(Record):
    """The claimed guarantee: (epsilon, delta) from ``accountant``, and the others' epsilons."""

    epsilon: float
    delta: float
    accountant: str | None = None
    alternatives: Mapping[str, Any] | None = optional()


@dataclass(frozen=True, kw_only=True)
class LedgerRef(Record):
    """The run's ledger entry and the dataset's budget after it (``privacy.json`` ``ledger``)."""

    path_hint: str | None = None
    run_id: str | None = None
    entry_hash: str | None = None
    cumulative_epsilon: float | None = None
    epsilon_cap: float | None = None
    delta_cap: float | None = None
    #: the committed entry's position: with ``entry_hash`` an anchor of the chain
    seq: int | None = optional()
    #: the manifest's pin of the dataset's ledger (``policy.LedgerPin``)
    ledger_id: str | None = optional()
    genesis_hash: str | None = optional()
    publisher_key_id: str | None = optional()
    location: str | None = optional()


@dataclass(frozen=True, kw_only=True)
class DataUse(Record):
    """One dataset the run read: which version, under which license and grant."""

    dataset_id: str
    dataset_version: str | None = None
    manifest_id: str | None = None
    license: str | None = None
    grant_id: str | None = None
    title: str | None = None
    privacy_unit: str | None = optional()
    #: the dataset's publisher (whose genesis the ledger must carry)
    publisher_key_id: str | None = optional()
    #: a classifier's label column and the publisher-declared set its id2label is
    label_column: str | None = optional()
    categories: Mapping[str, Any] | None = optional()


@dataclass(frozen=True, kw_only=True)
class LicenseTerms(Record):
    """policy.combine's answer for the data: the possible model licenses and obligations."""

    output_licenses: tuple[str, ...]
    chosen: str | None = optional()
    data_licenses: tuple[str, ...] | None = optional()
    obligations: tuple[Any, ...] | None = optional()
    attribution: tuple[Any, ...] | None = optional()


@dataclass(frozen=True, kw_only=True)
class PrivacyRecord(Record):
    """The payload of ``privacy.json``; ``SIGNED_KEYS`` are set only once signed."""

    run_id: str
    base_model: str
    task: str | None = optional()
    data: tuple[DataUse, ...]
    license: LicenseTerms
    mechanism: Mapping[str, Any]
    events: tuple[Mapping[str, Any], ...]
    accounting: Accounting
    # written as null when unset (the trainer always states them); absent in old cards
    ledger: LedgerRef | None = None
    empirical_audit: Mapping[str, Any] | None = None
    metrics: Mapping[str, Any] | None = None
    format: int | None = optional()
    created_at: str | None = optional()
    trainer: Mapping[str, Any] | None = optional()
    weights: Mapping[str, Any] | None = optional()
    files: Mapping[str, Any] | None = optional()
    #: the revocation check at read time (``package.RevocationStatus``)
    revocations: Mapping[str, Any] | None = optional()

    def mechanism_events(self) -> list[MechanismEvent]:
        """The events epsilon is recomputed from (InputError if one is malformed)."""
        return [MechanismEvent.from_dict(e) for e in self.events]

    @classmethod
    def read(cls, payload: Any, *, file: str | Path | None = None) -> PrivacyRecord:
        """A signed payload as the audit reads it: the signing additions must be there."""
        record = cls.from_dict(payload, what="privacy.json", file=file, expected=PRIVACY_EXPECTED)
        missing = [k for k in ("trainer", "weights") if getattr(record, k) is None]
        if missing:
            raise InputError(f"privacy.json lacks {', '.join(missing)}", file=file,
                             expected=PRIVACY_EXPECTED)
        return record

    @classmethod
    def unsigned(cls, payload: Any) -> PrivacyRecord:
        """A payload handed to ``write_model_dir``: complete but not yet signed."""
        if isinstance(payload, Mapping):
            missing = [k for k in ("task",) if k not in payload]
            if missing:
                raise InputError(f"privacy payload lacks {', '.join(missing)}", field="payload",
                                 expected="run_id, base_model, task, data, license, mechanism, "
                                 "events, accounting")
        record = cls.from_dict(payload, what="privacy payload",
                               expected="run_id, base_model, task, data, license, mechanism, "
                               "events, accounting")
        clashing = [k for k in SIGNED_KEYS if getattr(record, k) is not None
                    or k in (record.present or ())]
        if clashing:
            raise InputError(f"privacy payload must not set {', '.join(clashing)} "
                             "(write_model_dir adds them)", field="payload")
        if not record.license.output_licenses:
            raise InputError("no output license is possible for this model", field="license",
                             expected="a non-empty license.output_licenses from policy.combine")
        return record


@dataclass(frozen=True, kw_only=True)
class FrontMatter(Record):
    """README.md's YAML front matter (Hugging Face model card metadata + our blocks)."""

    license: str
    library_name: str
    pipeline_tag: str
    tags: tuple[str, ...]
    differential_privacy: Mapping[str, Any]
    dataprotocol: Mapping[str, Any]
    #: a Hub repository id; absent when the base model is a local checkpoint with none
    base_model: str | None = optional()
    #: Hub dataset ids (cards before issue 17 put our dataset ids here; now under dataprotocol)
    datasets: tuple[str, ...] | None = optional()
    #: with ``license: other`` (Hub convention)
    license_name: str | None = optional()
    license_link: str | None = optional()
    # ``model-index`` (the held-out metrics) is kept verbatim in ``extra``: its key has a hyphen
