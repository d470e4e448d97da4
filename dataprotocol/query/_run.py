"""query_package: policy gate -> calibrate -> ledger reserve -> read -> release -> commit.

The same order as a training run, so nothing is spent and no row is read unless the
release may happen: the policy engine must allow ``action=query`` for the purpose (the
license rules of ``read``), the grant's conditions (``max_epsilon``, ``max_runs``) must
allow it, the queries must name public bounds / categories, and the dataset's ledger
must hold the budget -- composed with every training run, query and synthetic release
on the dataset by the ledger's Rényi filter. Only then are the shards decrypted.
Queries charge exactly their reservation (the events are known before the data is).
"""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from dataprotocol.budget import (
    Ledger,
    enforce_grant_conditions,
    run_epsilon,
)
from dataprotocol.errors import InputError, PolicyDenied
from dataprotocol.keys import KeyPair
from dataprotocol.query._mechanisms import Calibrated, calibrate
from dataprotocol.query._release import evaluate
from dataprotocol.query._spec import Query, parse_query, resolve_query
from dataprotocol.query._units import bound_contributions

__all__ = ["QueryResult", "answers_csv", "query_package"]


@dataclass(frozen=True)
class QueryResult:
    """A committed release: its answers, the signed record's payload and where it went."""

    release_id: str
    answers: tuple[Any, ...]
    payload: dict[str, Any]
    record_path: Path
    answers_path: Path | None

    def to_dict(self) -> dict[str, Any]:
        return {"release_id": self.release_id, "record": str(self.record_path),
                "answers_file": str(self.answers_path) if self.answers_path else None,
                **self.payload}


def _columns(handle: Any) -> list[str]:
    return [str(f["name"]) for f in handle.manifest.schema.get("fields", [])]


def _plan(handle: Any, texts: Sequence[str | Query], *, epsilon: float,
          delta: float | None, d_in: int = 1) -> list[Calibrated]:
    card = handle.card
    queries = [resolve_query(parse_query(t) if isinstance(t, str) else t,
                             columns=_columns(handle), bounds=getattr(card, "bounds", {}),
                             categories=getattr(card, "categories", {}),
                             source=card.source or f"dataset card {card.dataset_id}")
               for t in texts]
    return calibrate(queries, epsilon=epsilon, delta=delta, d_in=d_in)


def _ledger(handle: Any, ledger: Any) -> Ledger:
    """The dataset's ledger, as the training gate gets it (train/_gate.dataset_ledger): the
    one the grant / manifest pins, its genesis signed by the dataset's publisher; never a
    fresh file, never created. ``ledger`` only says where it is."""
    from dataprotocol.records import open_dataset_ledger

    grant = handle.decision.grant
    pin = grant.ledger if grant is not None and grant.ledger is not None else handle.manifest.ledger
    where = ledger.location if isinstance(ledger, Ledger) else ledger
    return open_dataset_ledger(pin, publisher=handle.card.publisher,
                               dataset_id=handle.card.dataset_id, base=handle.location,
                               location=str(where) if where is not None else None)


def query_package(package: str | Path, *, grant: dict[str, Any] | str | Path, key: KeyPair,
                  purpose: str, queries: Sequence[str | Query], epsilon: float,
                  delta: float | None = None, ledger: Any = None,
                  record: str | Path | None = None,
                  answers_out: str | Path | None = None,
                  rows_per_unit: int | None = None) -> QueryResult:
    """Answer ``queries`` on a granted package with DP, spending ``epsilon`` (and
    ``delta``: Gaussian noise; without it pure-DP Laplace) from the dataset's ledger.

    Writes the signed release record to ``record`` (default
    ``<answers_out>.release.json`` or ``<release_id>.release.json``) and, with
    ``answers_out``, the answers as CSV. Raises PolicyDenied / BudgetRefused (nothing
    spent, nothing read) or InputError (bad query, no public bounds/categories).

    A card naming a ``privacy_unit`` makes the guarantee user-level: ``rows_per_unit``
    (k, required then) bounds each unit to k rows, and every mechanism is calibrated to
    one unit = k rows; the record states the unit and k.
    """
    from dataprotocol.package import open_package

    handle = open_package(package, grant=grant, key=key, purpose=purpose, action="query")
    handle.decision.raise_if_denied()
    unit = _privacy_unit(handle.card, rows_per_unit, columns=_columns(handle))
    plan = _plan(handle, queries, epsilon=epsilon, delta=delta,
                 d_in=unit["max_rows_per_unit"] if unit else 1)
    events = [event for calibrated in plan for event in calibrated.events]
    run_delta = 0.0 if delta is None else float(delta)
    book = _ledger(handle, ledger)
    grant_obj = handle.decision.grant
    grant_id = grant_obj.grant_id if grant_obj is not None else None
    release_id = "query-" + secrets.token_hex(8)
    meta = {"kind": "query", "purpose": purpose, "grant_id": grant_id,
            "manifest_id": handle.manifest.manifest_id,
            "queries": [c.query.text for c in plan],
            **({"privacy_unit": unit} if unit else {})}
    enforce_grant_conditions(handle.decision.conditions, book=book, grant_id=grant_id,
                             dataset_id=handle.card.dataset_id, run_id=release_id,
                             events=events, delta=run_delta)
    book.reserve(handle.card.dataset_id, run_id=release_id, events=events, delta=run_delta,
                 meta={**meta, "planned": True})
    frame = handle.to_pandas()  # the only read of the rows
    if unit:  # a fresh secret key per release: the sample is keyed, never guessable
        frame = bound_contributions(frame, column=unit["column"],
                                    max_rows=unit["max_rows_per_unit"],
                                    key=secrets.token_bytes(32))
    answers = evaluate(plan, frame)
    entry = book.commit(release_id, events=events, meta=meta)
    return _write(handle, key, plan, answers, entry=entry, book=book, release_id=release_id,
                  delta=run_delta, record=record, answers_out=answers_out, unit=unit)


def _privacy_unit(card: Any, rows_per_unit: int | None, *,
                  columns: Sequence[str]) -> dict[str, Any] | None:
    """The card's unit of privacy and the contribution bound, checked before any spend.

    Our mechanisms bound one *row*'s influence; a card that makes a person with many rows
    the unit of privacy is answered at user level (k rows per unit, d_in = k), never at
    row level (that would protect a person only by group privacy, epsilon x their rows)."""
    column = getattr(card, "privacy_unit", None)
    if not column:
        if rows_per_unit is not None:
            raise InputError(f"dataset {card.dataset_id!r} names no privacy unit",
                             field="--rows-per-unit",
                             expected="no --rows-per-unit (row-level DP), or a card with "
                             "privacy_unit: COLUMN")
        return None
    if rows_per_unit is None:
        raise PolicyDenied(f"dataset {card.dataset_id!r} requires user-level DP", [
            f"privacy-unit: the dataset card makes {column!r} the unit of privacy; give "
            "rows_per_unit / --rows-per-unit K (each unit's contribution is bounded to K rows)"])
    if isinstance(rows_per_unit, bool) or not isinstance(rows_per_unit, int) \
            or not 1 <= rows_per_unit <= 10_000:
        raise InputError(f"invalid rows per unit {rows_per_unit!r}", field="--rows-per-unit",
                         expected="an integer in [1, 10000]")
    if column not in columns:
        raise InputError(f"privacy-unit column {column!r} not in the package",
                         field="privacy_unit", expected=", ".join(columns))
    return {"column": str(column), "max_rows_per_unit": rows_per_unit}


def answers_csv(plan_or_queries: Sequence[Any], answers: Sequence[Any]) -> str:
    """The answers as CSV rows ``query,key,value`` (``key`` is a category or empty)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["query", "key", "value"])
    for item, answer in zip(plan_or_queries, answers):
        text = item.query.text if isinstance(item, Calibrated) else str(item["text"])
        if isinstance(answer, dict):
            for name, value in answer.items():
                writer.writerow([text, name, value])
        else:
            writer.writerow([text, "", answer])
    return out.getvalue()


def _write(handle: Any, key: KeyPair, plan: list[Calibrated], answers: list[Any], *,
           entry: Any, book: Ledger, release_id: str, delta: float,
           record: str | Path | None, answers_out: str | Path | None,
           unit: dict[str, Any] | None = None) -> QueryResult:
    from dataprotocol._files import atomic_write_text
    from dataprotocol.records import QueryReleaseRecord, file_sha256, write_release

    answers_path = None
    if answers_out is not None:
        answers_path = atomic_write_text(answers_out, answers_csv(plan, answers))
    record_path = Path(record) if record is not None else (
        answers_path.with_name(answers_path.name + ".release.json") if answers_path
        else Path(f"{release_id}.release.json"))
    card, status = handle.card, book.status(handle.card.dataset_id, with_prv=False)
    events = tuple(event for calibrated in plan for event in calibrated.events)
    payload = QueryReleaseRecord(
        release_id=release_id, created_at=datetime.now(timezone.utc).isoformat(),
        querier=key.public_document(),
        data={"dataset_id": card.dataset_id, "dataset_version": card.version,
              "manifest_id": handle.manifest.manifest_id, "license": card.license,
              "grant_id": entry.meta.get("grant_id"), "title": card.title,
              "purpose": entry.meta.get("purpose"), **card.attribution.to_dict()},
        queries=tuple({**c.query.to_dict(), "parts": [p.to_dict() for p in c.parts],
                       "answer": a} for c, a in zip(plan, answers)),
        events=events, epsilon=run_epsilon(events, delta=delta), delta=delta,
        measure="pure" if delta == 0 else "zcdp",
        ledger={"path_hint": Path(str(book.path)).name, "run_id": release_id,
                "entry_hash": entry.entry_hash, "seq": entry.seq,
                "cumulative_epsilon": status.spent_epsilon,
                "epsilon_cap": status.epsilon_cap, "delta_cap": status.delta_cap},
        license={"data_licenses": list(handle.decision.chosen_licenses),
                 "obligations": [o.to_dict() for o in handle.decision.obligations]},
        answers_file={"name": answers_path.name, "sha256": file_sha256(answers_path)}
        if answers_path else None,
        privacy_unit=unit)
    write_release(record_path, payload, signer=key)
    return QueryResult(release_id=release_id, answers=tuple(answers),
                       payload=payload.to_dict(), record_path=record_path,
                       answers_path=answers_path)
