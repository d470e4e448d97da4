"""Lineage from signed facts: what was made from which package version, under which grant.

:func:`build_lineage` joins the dataset's hash-chained ledger (every training run,
query release and synthetic release, with the grant and manifest it spent under) and
the signed records found in folders (model ``privacy.json``, query release records,
synthetic-table provenance, and packages published from synthetic tables, verified).
The questions: :func:`made_from_package`,
:func:`made_under_grant`, :func:`model_lineage`; :func:`revocation_impact` (what revoking
a grant touches, from verified facts only);
:func:`to_dot` / :func:`write_picture` draw it with Graphviz.

Depends on ``budget`` (the ledger), ``records`` (reading and verifying records) and
``package`` (verifying a derived package), through their public names.
"""

from __future__ import annotations

from dataprotocol.lineage._answers import (
    LineageAnswer,
    made_from_package,
    made_under_grant,
    model_lineage,
    to_dot,
    write_picture,
)
from dataprotocol.lineage._graph import Edge, LineageGraph, Node, build_lineage
from dataprotocol.lineage._impact import IMPACT_KINDS, RevocationImpact, revocation_impact

__all__ = [
    "build_lineage",
    "LineageGraph",
    "Node",
    "Edge",
    "LineageAnswer",
    "made_from_package",
    "made_under_grant",
    "model_lineage",
    "to_dot",
    "write_picture",
    "RevocationImpact",
    "revocation_impact",
    "IMPACT_KINDS",
]
