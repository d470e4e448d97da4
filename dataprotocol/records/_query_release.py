"""The signed record of a DP query release (``dataprotocol-query-release/1``).

A query's answers leave the steward's data with this record beside them: which
statistics were asked (query text, column, public bounds or categories), each OpenDP
mechanism and noise scale, the events charged and the resulting (epsilon, delta), the
package manifest and grant they were made under, and the ledger entry that charged
them (run id + entry hash -- an anchor for the hash chain, as a model card's is). It is
a ``keys.sign_document`` envelope signed by the querier; ``budget audit RELEASE``
checks it like a model card (:func:`audit_release`).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dataprotocol._canonical import canonical_json
from dataprotocol._files import atomic_write_bytes, load_json
from dataprotocol.budget import event_from_dict, run_epsilon
from dataprotocol.errors import DataProtocolError, InputError
from dataprotocol.keys import KeyPair, PublicIdentity, sign_document, verify_document
from dataprotocol.records._audit import AuditReport
from dataprotocol.records._audit_check import Check
from dataprotocol.records._record import Record, optional

__all__ = [
    "QUERY_RELEASE_TYPE",
    "QueryReleaseRecord",
    "audit_release",
    "file_sha256",
    "read_release",
    "write_release",
]

QUERY_RELEASE_TYPE = "dataprotocol-query-release/1"
_FIELDS = ("format", "release_id", "created_at", "querier", "data", "queries", "events",
           "epsilon", "delta", "measure", "ledger", "license", "answers_file")
#: present only on user-level releases: {"column", "max_rows_per_unit"}
_OPTIONAL = ("privacy_unit",)


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@dataclass(frozen=True, kw_only=True)
class QueryReleaseRecord(Record):
    """A DP query release's signed facts (the envelope's payload, typed).

    On the records layer's :class:`Record` base, as the model card's ``PrivacyRecord``
    is; :meth:`from_dict` stays strict (exactly the known fields, format 1): a
    release record is read by auditors, and a key we do not check is a key we cannot
    vouch for."""

    release_id: str
    created_at: str
    querier: Mapping[str, Any]  # the signer's public identity document
    data: Mapping[str, Any]  # dataset_id, dataset_version, manifest_id, grant_id, license...
    queries: tuple[Mapping[str, Any], ...]  # query + parts (mechanism, scale, event) + answer
    #: PrivacyEvent (a union the annotation parser cannot pick from): dicts are parsed
    #: with budget.event_from_dict when the record is built
    events: tuple[Any, ...]
    epsilon: float  # the release alone at ``delta`` (what the ledger charged it)
    delta: float
    measure: str  # "pure" (Laplace / exponential) or "zcdp" (Gaussian)
    ledger: Mapping[str, Any]  # path_hint, run_id, entry_hash, cumulative_epsilon, caps
    license: Mapping[str, Any] = field(default_factory=dict)
    answers_file: Mapping[str, Any] | None = None  # {"name", "sha256"} of the CSV, if any
    #: user-level DP: the card's unit column and k, the rows each unit may contribute
    #: (None: row-level, the unit of privacy is one row; not written then)
    privacy_unit: Mapping[str, Any] | None = optional()
    format: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "events", tuple(
            event_from_dict(e) if isinstance(e, Mapping) else e for e in self.events))
        if self.privacy_unit is not None:
            _unit(self.privacy_unit)

    @property
    def unit_description(self) -> str:
        if not self.privacy_unit:
            return "row"
        return (f"{self.privacy_unit['column']} (at most "
                f"{self.privacy_unit['max_rows_per_unit']} rows each)")

    @classmethod
    def from_dict(cls, data: Any, *, what: str = "query release payload",  # type: ignore[override]
                  file: str | Path | None = None, expected: str | None = None,
                  source: str | None = None) -> QueryReleaseRecord:
        where = source if source is not None else (file or "release record")
        if not isinstance(data, dict) or not set(_FIELDS) <= set(data) <= {*_FIELDS, *_OPTIONAL} \
                or data["format"] != 1:
            raise InputError("not a query release payload", file=where,
                             expected="fields " + ", ".join(_FIELDS) + " (format 1)")
        record = super().from_dict(data, what=what, file=where,
                                   expected=expected or QUERY_RELEASE_TYPE)
        if record.measure not in ("pure", "zcdp") or not math.isfinite(record.epsilon):
            raise InputError("malformed query release payload", file=where, field="measure",
                             expected="'pure' or 'zcdp', a finite epsilon")
        return record


def _unit(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or set(value) != {"column", "max_rows_per_unit"} \
            or not isinstance(value["column"], str) or isinstance(value["max_rows_per_unit"], bool) \
            or not isinstance(value["max_rows_per_unit"], int) or value["max_rows_per_unit"] < 1:
        raise ValueError("privacy_unit must be {column: str, max_rows_per_unit: int >= 1}")
    return dict(value)


def write_release(path: str | Path, record: QueryReleaseRecord, *, signer: KeyPair) -> Path:
    """Sign ``record`` with ``signer`` and write it atomically to ``path``."""
    document = sign_document(QUERY_RELEASE_TYPE, record.to_dict(), signer)
    return atomic_write_bytes(path, canonical_json(document))  # every byte is signed


def read_release(path: str | Path) -> dict[str, Any]:
    """The signed envelope at ``path`` (InputError when it is not JSON)."""
    document = load_json(path, what="query release record")
    if not isinstance(document, dict) or document.get("type") != QUERY_RELEASE_TYPE:
        raise InputError("not a query release record", file=path,
                         expected=f"a signed {QUERY_RELEASE_TYPE} document")
    return document


ExtraCheck = Callable[[QueryReleaseRecord], list[Check]]


def audit_release(path: str | Path, *, ledger: Any = None,
                  signer_identity: PublicIdentity | None = None, tolerance: float = 1e-6,
                  extra_checks: Sequence[tuple[str, ExtraCheck]] = ()) -> AuditReport:
    """Every check on the release record at ``path``; a failed check never raises.

    Checks: ``format`` (a signed query-release document), ``signature`` (by the pinned
    querier or, self-asserted, the embedded one), ``epsilon`` (recomputed from the
    recorded events), ``answers-sha256`` (the answers CSV beside it, when recorded),
    ``ledger-entry`` (with ``ledger``: the entry exists with the same events and hash,
    and the dataset is within its cap), plus ``extra_checks`` (the query layer adds
    ``mechanism``: OpenDP's privacy map recomputed from the recorded parameters).
    """
    root = Path(path)
    try:
        document = read_release(root)
        record = QueryReleaseRecord.from_dict(document.get("payload"), source=str(root))
    except InputError as exc:
        return AuditReport(model_dir=str(root), run_id=None,
                           checks=(Check("format", False, exc.detail),))
    checks = [Check("format", True, QUERY_RELEASE_TYPE), _signature(document, record,
                                                                   signer_identity)]
    checks += _guard("epsilon", lambda: [_epsilon(record, tolerance)])
    checks += _guard("answers-sha256", lambda: _answers(root, record))
    for name, extra in extra_checks:
        checks += _guard(name, lambda extra=extra: extra(record))  # type: ignore[misc]
    if ledger is not None:
        checks += _guard("ledger-entry", lambda: [_ledger(ledger, record, tolerance)])
    return AuditReport(model_dir=str(root), run_id=record.release_id, checks=tuple(checks),
                       facts={"epsilon": record.epsilon, "delta": record.delta,
                              "privacy_unit": record.unit_description})


def _guard(name: str, run: Callable[[], list[Check]]) -> list[Check]:
    try:
        return run()
    except (DataProtocolError, KeyError, TypeError, ValueError, AttributeError) as exc:
        return [Check(name, False, f"malformed record: {exc}")]


def _signature(document: dict[str, Any], record: QueryReleaseRecord,
               pinned: PublicIdentity | None) -> Check:
    try:
        identity = pinned or PublicIdentity.from_dict(dict(record.querier),
                                                      source="release querier")
        verify_document(document, identity, doc_type=QUERY_RELEASE_TYPE)
        if pinned is not None and record.querier.get("key_id") != pinned.key_id:
            return Check("signature", False, "the embedded querier is not the pinned key")
    except DataProtocolError as exc:
        return Check("signature", False, str(exc))
    how = "the pinned querier key" if pinned else "the embedded querier identity " \
        "(self-asserted: pin it with --trainer-key)"
    return Check("signature", True, f"signed by {how} {identity.key_id}")


def _epsilon(record: QueryReleaseRecord, tolerance: float) -> Check:
    value = run_epsilon(record.events, delta=record.delta)
    part_events = [event_from_dict(p["event"]) for q in record.queries for p in q["parts"]]
    if [e.to_dict() for e in part_events] != [e.to_dict() for e in record.events]:
        return Check("epsilon", False, "the events charged are not the queries' mechanisms")
    if abs(value - record.epsilon) > tolerance * max(1.0, value):
        return Check("epsilon", False, f"recorded epsilon {record.epsilon:.6g}, the events "
                     f"give {value:.6g} at delta={record.delta:g}")
    return Check("epsilon", True, f"epsilon {value:.4g} at delta={record.delta:g} "
                 f"recomputed from {len(record.events)} event(s)")


def _answers(root: Path, record: QueryReleaseRecord) -> list[Check]:
    if not record.answers_file:
        return []
    target = root.parent / str(record.answers_file["name"])
    if not target.is_file():
        return [Check("answers-sha256", False, f"answers file {target.name} is missing")]
    if file_sha256(target) != record.answers_file["sha256"]:
        return [Check("answers-sha256", False, f"answers file {target.name} was altered")]
    return [Check("answers-sha256", True, f"{target.name} matches its recorded SHA-256")]


def _ledger(ledger: Any, record: QueryReleaseRecord, tolerance: float) -> Check:
    run_id = str(record.ledger["run_id"])
    entry = ledger.entry(run_id)  # verifies the chain; BudgetError if absent
    if entry.entry_hash != record.ledger["entry_hash"]:
        return Check("ledger-entry", False, f"entry of {run_id} has hash "
                     f"{entry.entry_hash[:12]}, the record names "
                     f"{str(record.ledger['entry_hash'])[:12]}")
    if [e.to_dict() for e in entry.events] != [e.to_dict() for e in record.events] or \
            entry.delta != record.delta:
        return Check("ledger-entry", False, "the ledger charged other events than recorded")
    status = ledger.status(entry.dataset_id, with_prv=False)
    if status.spent_epsilon > status.epsilon_cap * (1 + tolerance):
        return Check("ledger-entry", False, f"dataset {entry.dataset_id} is over its cap")
    return Check("ledger-entry", True, f"entry seq={entry.seq} ({entry.state}) of "
                 f"{entry.dataset_id}; composed {status.spent_epsilon:.3f} of cap "
                 f"{status.epsilon_cap:g}")
