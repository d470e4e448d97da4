"""User-level DP for queries: bound each privacy unit's contribution to k rows.

A card with ``privacy_unit: user_id`` makes a person (all rows with one ``user_id``) the
unit of privacy: neighbouring datasets differ by one person's rows, however many. The
mechanisms bound one row's influence, so each unit's rows are first cut to at most
``k`` (contribution bounding, as in Wilson et al. 2020 "Differentially private SQL with
bounded user contribution" and OpenDP's Polars ``truncate_per_group``); neighbours then
differ by at most k rows and OpenDP's privacy maps at d_in = k give the cost.

Which k rows: the k with the smallest HMAC-SHA256(key, unit id, the row's ordinal among
that unit's rows) -- a keyed sample, deterministic for a key, that does not favour
early or late rows. The score of a row depends only on its own unit's rows, so adding or
removing one unit never changes which rows another unit keeps (the stability the
argument above needs). Rows without a unit id are dropped (a missing id could hide any
number of one person's rows). OpenDP 0.16 offers this truncation only on Polars
LazyFrames (``SymmetricIdDistance``); our framework-API measurements take vectors, so
the cut is done here, before them, with pandas.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from dataprotocol.errors import InputError

__all__ = ["bound_contributions"]


def bound_contributions(frame: Any, *, column: str, max_rows: int, key: bytes) -> Any:
    """``frame`` with at most ``max_rows`` rows per value of ``column`` (rows with no
    value dropped), chosen by a keyed hash; row order otherwise kept."""
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 1:
        raise InputError("rows per privacy unit must be an integer >= 1",
                         field="--rows-per-unit")
    if column not in frame.columns:
        raise InputError(f"privacy-unit column {column!r} not in the package",
                         field="privacy_unit", expected=", ".join(map(str, frame.columns)))
    present = frame[frame[column].notna()]
    units = present[column].astype(str)
    ordinal = units.groupby(units, sort=False).cumcount()
    scores = [hmac.new(key, f"{len(u)}:{u}:{i}".encode(), hashlib.sha256).hexdigest()
              for u, i in zip(units.tolist(), ordinal.tolist())]
    ranked = present.assign(__dataprotocol_unit=units.values, __dataprotocol_score=scores)
    rank = ranked.groupby("__dataprotocol_unit", sort=False)["__dataprotocol_score"] \
        .rank(method="first")
    kept = ranked[rank.values <= max_rows]
    return kept.drop(columns=["__dataprotocol_unit", "__dataprotocol_score"])
