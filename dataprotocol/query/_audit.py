"""``budget audit RELEASE``: the records layer's checks plus ``mechanism`` -- each
recorded noise scale rebuilt into its OpenDP measurement, whose privacy map must give
the event the ledger was charged (a record claiming less noise than it cost fails)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dataprotocol.keys import PublicIdentity
from dataprotocol.query._mechanisms import privacy_cost
from dataprotocol.query._spec import Query

if TYPE_CHECKING:
    from dataprotocol.records import AuditReport

__all__ = ["audit_query_release"]


def _query_of(item: dict[str, Any]) -> Query:
    bounds = item.get("bounds")
    categories = item.get("categories")
    return Query(kind=item["kind"], text=str(item["text"]), column=item.get("column"),
                 bounds=(float(bounds[0]), float(bounds[1])) if bounds else None,
                 quantile=float(item["quantile"]) if item.get("quantile") is not None else None,
                 categories=tuple(str(c) for c in categories) if categories else None,
                 bounds_from=item.get("bounds_from"))


def _mechanism_checks(record: Any) -> list[Any]:
    from dataprotocol.budget import event_from_dict
    from dataprotocol.records import Check

    pure = record.measure == "pure"
    problems, count = [], 0
    bound = int(record.privacy_unit["max_rows_per_unit"]) if record.privacy_unit else 1
    for item in record.queries:
        query = _query_of(dict(item))
        for part in item["parts"]:
            event = event_from_dict(part["event"])
            if int(part.get("d_in", 1)) != bound:
                problems.append(f"{item['text']} ({part['part']}): calibrated for "
                                f"{part.get('d_in', 1)} row(s) per unit, the record's "
                                f"privacy unit allows {bound}")
            claimed = getattr(event, "epsilon" if pure else "rho", None)
            cost = privacy_cost(query, str(part["part"]), scale=float(part["scale"]), pure=pure,
                                d_in=int(part.get("d_in", 1)))
            count += 1
            if claimed is None or not math.isclose(cost, float(claimed), rel_tol=1e-9):
                problems.append(f"{query.text} ({part['part']}): scale {part['scale']} costs "
                                f"{cost:.6g}, the record charged {claimed}")
    if problems:
        return [Check("mechanism", False, "; ".join(problems))]
    return [Check("mechanism", True, f"{count} OpenDP measurement(s) rebuilt from the "
                  "recorded scales; their privacy maps match the events charged "
                  f"(privacy unit: {record.unit_description})")]


def audit_query_release(path: str | Path, *, ledger: Any = None,
                        signer_identity: PublicIdentity | None = None) -> AuditReport:
    """Audit the signed query release record at ``path`` (records.audit_release + mechanism)."""
    from dataprotocol.records import audit_release

    return audit_release(path, ledger=ledger, signer_identity=signer_identity,
                         extra_checks=[("mechanism", _mechanism_checks)])
