"""DP statistics on data packages, charged to the dataset's one ledger.

Recipe: :func:`query_package` -- counts, bounded sums and means, group-by counts over
public categories and quantiles, answered with OpenDP's mechanisms through a grant
that allows ``action=query``, each release reserved and committed on the same ledger
(and under the same Rényi-filter cap) as DP-SGD runs. :func:`audit_query_release`
checks a signed release record offline (``dataprotocol budget audit RELEASE``).

Depends on ``policy``, ``package``, ``budget`` and ``records``.
"""

from __future__ import annotations

from dataprotocol.query._audit import audit_query_release
from dataprotocol.query._mechanisms import (
    QUANTILE_CANDIDATES,
    Calibrated,
    calibrate,
    total_rho,
)
from dataprotocol.query._release import OTHER
from dataprotocol.query._run import QueryResult, answers_csv, query_package
from dataprotocol.query._spec import QUERY_SYNTAX, Query, parse_query, resolve_query

__all__ = [
    "OTHER",
    "QUANTILE_CANDIDATES",
    "QUERY_SYNTAX",
    "Calibrated",
    "Query",
    "QueryResult",
    "answers_csv",
    "audit_query_release",
    "calibrate",
    "parse_query",
    "query_package",
    "resolve_query",
    "total_rho",
]
