"""What revoking a grant touches: :func:`revocation_impact`.

The answer to "which models and releases were made from this data under this grant?"
before (or as) the grant is revoked. It counts only facts: ledger entries (hash-chained)
and signed records whose signature verifies. A record that names the grant but does not
verify is not a fact -- anyone can write a file claiming a grant -- so it is listed apart
(``unverified``) for the steward to look at, and nothing is walked through it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dataprotocol.lineage._graph import LineageGraph, Node, build_lineage

__all__ = ["RevocationImpact", "revocation_impact", "IMPACT_KINDS"]

#: the artefact kinds a revocation can touch, in report order ("package": a package
#: published from a synthetic table made under the grant)
IMPACT_KINDS = ("run", "model", "query", "synthetic", "package")


@dataclass(frozen=True)
class RevocationImpact:
    """Everything made under ``grant_ids``, by kind; ``unverified``: records that claim
    one of the grants but whose signature does not verify (not counted)."""

    grant_ids: tuple[str, ...]
    affected: tuple[Node, ...]
    unverified: tuple[Node, ...] = ()
    unknown_grants: tuple[str, ...] = ()
    graph: LineageGraph = field(default_factory=LineageGraph, compare=False)

    def of_kind(self, kind: str) -> list[Node]:
        return [n for n in self.affected if n.kind == kind]

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in IMPACT_KINDS}

    def to_dict(self) -> dict[str, Any]:
        return {"grant_ids": list(self.grant_ids), "counts": self.counts(),
                "affected": [n.to_dict() for n in self.affected],
                "unverified": [n.to_dict() for n in self.unverified],
                "unknown_grants": list(self.unknown_grants), **self.graph.to_dict()}


def _facts_only(graph: LineageGraph) -> LineageGraph:
    """The graph without signed records that failed verification (nor their edges)."""
    keep = [i for i, n in graph.nodes.items() if n.attrs.get("verified", True) is not False]
    return graph.subgraph(keep)


def revocation_impact(*, grant_ids: Sequence[str], ledger: Any = None,
                      records: Sequence[str | Path] = (),
                      graph: LineageGraph | None = None) -> RevocationImpact:
    """What revoking ``grant_ids`` touches: every ledger spend (training run, query,
    synthetic release), model, query release, synthetic table and derived package made
    under them, directly or from something made under them (a table sampled from a model
    trained under the grant). Built from ``ledger`` and the signed records under
    ``records`` (or a ``graph`` already built from them)."""
    full = graph if graph is not None else build_lineage(ledger=ledger, records=records)
    facts = _facts_only(full)
    starts = [f"grant:{g}" for g in grant_ids]
    reach = [i for i in facts.descendants(starts) if facts.nodes[i].kind in IMPACT_KINDS]
    affected = sorted((facts.nodes[i] for i in reach),
                      key=lambda n: (IMPACT_KINDS.index(n.kind), n.label))
    claimed = [full.nodes[i] for i in full.descendants(starts)
               if full.nodes[i].attrs.get("verified", True) is False]
    shown = [i for i in [*starts, *reach, *facts.ancestors(reach)] if i in facts.nodes]
    return RevocationImpact(
        grant_ids=tuple(grant_ids), affected=tuple(affected),
        unverified=tuple(sorted(claimed, key=lambda n: n.label)),
        unknown_grants=tuple(g for g in grant_ids if f"grant:{g}" not in full.nodes),
        graph=facts.subgraph(shown))
