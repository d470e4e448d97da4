"""The gate every training path goes through: policy -> license -> grant conditions ->
ledger reservation, then commit and the signed card's payload.

:func:`train_on_package` (our trainer), :func:`private_run` (the user's own Opacus loop)
and :class:`PrivateTrainer` (a ``transformers.Trainer``) all open data through
:func:`open_gate` and spend through :meth:`Gate.reserve` / :meth:`Gate.commit`, so a
rule added here (a ledger pinned by the publisher, a revocation list, a required privacy
unit) holds for every one of them.

Nothing is spent unless the run may happen: the publisher's current revocation list
(fetched from where the manifest / grant pins it) must not revoke the grant, the policy
engine must allow ``action=train`` for the purpose (and, when the grant allows
publishing the model, the data licenses must combine into an output license), the
ledger must be *the dataset's* ledger -- the one the signed manifest and grant pin, whose
genesis the publisher signed; never a fresh file, never created here -- the grant's
conditions must allow the planned run, and that ledger must hold enough budget for it.
A refusal carries every reason and leaves the ledger untouched. A crashed run keeps its
reservation (the ledger is conservative).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dataprotocol.budget import MechanismEvent, enforce_grant_conditions
from dataprotocol.errors import BudgetError, PolicyDenied
from dataprotocol.keys import KeyPair
from dataprotocol.records import Accounting, DataUse, LedgerRef, LicenseTerms, PrivacyRecord

if TYPE_CHECKING:
    from dataprotocol.budget import Ledger, LedgerEntry
    from dataprotocol.package import PackageHandle
    from dataprotocol.policy import DatasetCard

__all__ = ["Gate", "open_gate", "check_privacy_unit", "dataset_ledger"]


@dataclass
class Gate:
    """An allowed training request: the opened package, its ledger, the model license."""

    handle: PackageHandle
    key: KeyPair
    purpose: str
    #: None on the non-zero ranks of a distributed run (only rank 0 spends)
    book: Ledger | None
    license_block: dict[str, Any]

    def _ledger(self) -> Ledger:
        if self.book is None:
            raise BudgetError("this process opened no ledger (a non-zero rank of a "
                              "distributed run: rank 0 reserves, commits and writes the card)")
        return self.book

    @property
    def card(self) -> DatasetCard:
        return self.handle.card

    @property
    def grant_id(self) -> str | None:
        grant = self.handle.decision.grant
        return grant.grant_id if grant is not None else None

    def has_entry(self, run_id: str) -> bool:
        try:
            self._ledger().entry(run_id)
        except BudgetError:
            return False
        return True

    def reserve(self, *, run_id: str, events: Sequence[MechanismEvent], delta: float,
                meta: Mapping[str, Any] | None = None) -> None:
        """Grant conditions, then the ledger's reservation; raises with reasons and
        records nothing when either refuses (refused before step one)."""
        enforce_grant_conditions(self.handle.decision.conditions, book=self._ledger(),
                                 grant_id=self.grant_id, dataset_id=self.card.dataset_id,
                                 run_id=run_id, events=list(events), delta=delta)
        self._ledger().reserve(self.card.dataset_id, run_id=run_id, events=list(events),
                          delta=delta, meta={"purpose": self.purpose, "planned": True,
                                             "grant_id": self.grant_id,
                                             "manifest_id": self.handle.manifest.manifest_id,
                                             **(meta or {})})

    def commit(self, run_id: str, *, events: Sequence[MechanismEvent], epsilon: float,
               meta: Mapping[str, Any] | None = None) -> LedgerEntry:
        """The events the run actually took replace its reservation."""
        return self._ledger().commit(run_id, events=list(events),
                                meta={"purpose": self.purpose, "epsilon": epsilon,
                                      "grant_id": self.grant_id,
                                      # lineage: which package version the run spent from
                                      "manifest_id": self.handle.manifest.manifest_id,
                                      **(meta or {})})

    def payload(self, *, run_id: str, base_model: str, task: str, entry: LedgerEntry,
                mechanism: Mapping[str, Any], events: Sequence[MechanismEvent],
                accounting: Mapping[str, Any], metrics: Mapping[str, Any],
                empirical_audit: Mapping[str, Any] | None = None,
                labels: tuple[str, Sequence[str]] | None = None) -> dict[str, Any]:
        """The privacy payload (``write_model_dir``'s input) of a committed run.

        ``labels``: (label column, names) of a classifier -- the publisher's declared
        set, recorded so ``budget audit`` can check the model's ``id2label`` against it.
        """
        card, manifest = self.card, self.handle.manifest
        status = self._ledger().status(card.dataset_id)
        data = DataUse.from_dict({
            "dataset_id": card.dataset_id, "dataset_version": card.version,
            "manifest_id": manifest.manifest_id, "license": card.license,
            "grant_id": self.grant_id, "title": card.title, **card.attribution.to_dict(),
            **({"privacy_unit": card.privacy_unit} if getattr(card, "privacy_unit", None) else {}),
            "publisher_key_id": card.publisher_key_id,
            **({"label_column": labels[0], "categories": {labels[0]: list(labels[1])}}
               if labels is not None else {}),
        }, what="dataset card")
        ledger = LedgerRef(path_hint=_ledger_hint(self._ledger()), run_id=run_id,
                           entry_hash=entry.entry_hash, seq=entry.seq,
                           cumulative_epsilon=status.spent_epsilon,
                           epsilon_cap=status.epsilon_cap, delta_cap=status.delta_cap,
                           **_ledger_pin(manifest))
        revocations = self.handle.revocations
        record = PrivacyRecord(
            run_id=run_id, base_model=base_model, task=task, data=(data,),
            license=LicenseTerms.from_dict(self.license_block, what="license block"),
            mechanism=dict(mechanism), events=tuple(e.to_dict() for e in events),
            accounting=Accounting.from_dict(dict(accounting), what="accounting"),
            ledger=ledger, empirical_audit=dict(empirical_audit) if empirical_audit else None,
            metrics={**metrics, "trained_at": datetime.now(timezone.utc).isoformat()},
            revocations=revocations.to_dict() if revocations is not None else None)
        return record.to_dict()


def open_gate(package: str | Path, *, grant: dict[str, Any] | str | Path, key: KeyPair,
              purpose: str, ledger: Any = None, privacy_unit: str | None = None,
              with_ledger: bool = True, unsafe_allow_stale_revocations: bool = False) -> Gate:
    """Open ``package`` for ``action=train``; raise :class:`PolicyDenied` with every
    reason when the revocation list, the policy, the license, the dataset's privacy
    unit or the ledger says no.

    ``ledger`` only says where to find the dataset's ledger if it is not at the pinned
    location (a path, URL or :class:`~dataprotocol.budget.Ledger`); it must be the
    pinned ledger. ``unsafe_allow_stale_revocations``: proceed although the publisher's
    revocation list is missing or out of date (logged; recorded in privacy.json).
    ``with_ledger=False`` (the non-zero ranks of a distributed run) opens no ledger:
    such a gate can read the data but neither reserve, commit nor write a card."""
    from dataprotocol.package import open_package

    handle = open_package(package, grant=grant, key=key, purpose=purpose, action="train",
                          unsafe_allow_stale_revocations=unsafe_allow_stale_revocations)
    handle.decision.raise_if_denied()
    check_privacy_unit(handle.card, privacy_unit)
    license_block = _license_block(handle.card, handle.decision.grant, purpose)
    book = dataset_ledger(handle, ledger) if with_ledger else None
    return Gate(handle=handle, key=key, purpose=purpose, book=book,
                license_block=license_block)


def dataset_ledger(handle: Any, ledger: Any = None) -> Any:
    """The dataset's ledger (pinned by the grant, else the manifest), checked; never created.

    ``ledger`` only says where to look; any other ledger than the pinned one -- a fresh
    file, a ledger of another dataset or publisher -- is refused with the reasons.
    """
    from dataprotocol.budget import Ledger
    from dataprotocol.records import open_dataset_ledger

    grant = handle.decision.grant
    ref = (grant.ledger if grant is not None and grant.ledger is not None
           else handle.manifest.ledger)
    where = ledger.location if isinstance(ledger, Ledger) else ledger
    return open_dataset_ledger(ref, publisher=handle.card.publisher,
                               dataset_id=handle.card.dataset_id, base=handle.location,
                               location=str(where) if where is not None else None)


def _ledger_pin(manifest: Any) -> dict[str, Any]:
    ref = manifest.ledger
    return {} if ref is None else {"ledger_id": ref.ledger_id, "genesis_hash": ref.genesis_hash,
                                   "publisher_key_id": ref.publisher_key_id,
                                   "location": ref.location}


def check_privacy_unit(card: Any, privacy_unit: str | None) -> None:
    """A dataset whose card names a privacy unit (``privacy_unit: patient_id``) is only
    trained on with DP over that unit: row-level DP would protect a person with k rows
    only by group privacy (epsilon x k)."""
    required = getattr(card, "privacy_unit", None)
    if required and privacy_unit != required:
        what = "at row level" if privacy_unit is None else f"over {privacy_unit!r}"
        raise PolicyDenied(f"dataset {card.dataset_id!r} requires user-level DP", [
            f"privacy-unit: the dataset card makes {required!r} the unit of privacy; this run "
            f"is {what} (train with privacy_unit={required!r} / --privacy-unit {required})"])


def _license_block(card: Any, grant: Any, purpose: str) -> dict[str, Any]:
    """The model's license: policy.combine over the data licenses. With a publish-model
    grant, no possible output license means the run is refused (before any spend).

    A card licensed ``A OR B`` is used under the alternative the policy chose for this
    purpose (``data_licenses``, e.g. ``["CC-BY-4.0"]``); ``A AND B`` under both. An
    unpublished model's nominal license is then the chosen data license(s)."""
    from dataprotocol.policy import combine

    publish = grant is not None and "publish-model" in tuple(grant.actions)
    combination = combine([card.license], action="publish-model" if publish else "train",
                          purpose=purpose)
    if publish and (not combination.allowed or not combination.output_licenses):
        raise PolicyDenied("no license allows publishing this model",
                           list(combination.reasons) or ["no output license"])
    if not combination.allowed:  # the engine allowed train: only a changed registry gets here
        raise PolicyDenied("the data license does not allow training", list(combination.reasons))
    outputs = list(combination.output_licenses) or list(combination.chosen_licenses)
    return {"output_licenses": outputs, "data_licenses": list(combination.chosen_licenses),
            "obligations": [o.to_dict() for o in combination.obligations],
            "attribution": list(combination.attribution), "publish": publish}


def _ledger_hint(book: Any) -> str:
    """The ledger's file name, or its (password-free) PostgreSQL location."""
    path = getattr(book, "path", None)
    return Path(path).name if path is not None else str(book.location)
