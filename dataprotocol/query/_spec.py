"""Query texts: ``count``, ``sum(col[, lo, hi])``, ``mean(col[, lo, hi])``,
``count_by(col)`` (alias ``histogram``), ``quantile(col, q[, lo, hi])`` (``median(col)``).

Every number that shapes a mechanism is *public*: bounds come from the query text or
the dataset card's ``bounds``, group-by categories from the card's ``categories``, and
never from the data -- a bound or a category set read off the rows would release the
extreme values or the rare labels outside any DP guarantee.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from dataprotocol.errors import InputError

__all__ = ["QUERY_SYNTAX", "Query", "QueryKind", "parse_query", "resolve_query"]

QueryKind = Literal["count", "sum", "mean", "count_by", "quantile"]

QUERY_SYNTAX = ("count | sum(COL[, LO, HI]) | mean(COL[, LO, HI]) | count_by(COL) | "
                "histogram(COL) | quantile(COL, Q[, LO, HI]) | median(COL[, LO, HI])")

_CALL = re.compile(r"^\s*([a-z_]+)\s*(?:\(\s*(.*?)\s*\))?\s*$")
_ALIASES = {"histogram": "count_by", "median": "quantile"}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_. -]{0,127}$")


@dataclass(frozen=True)
class Query:
    """One DP statistic, as asked. ``bounds``/``categories`` are filled by
    :func:`resolve_query` from the query text or the dataset card."""

    kind: QueryKind
    text: str
    column: str | None = None
    bounds: tuple[float, float] | None = None
    quantile: float | None = None
    categories: tuple[str, ...] | None = None
    bounds_from: str | None = None  # "query" | "dataset card"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.column is not None:
            out["column"] = self.column
        if self.bounds is not None:
            out["bounds"] = list(self.bounds)
            out["bounds_from"] = self.bounds_from
        if self.quantile is not None:
            out["quantile"] = self.quantile
        if self.categories is not None:
            out["categories"] = list(self.categories)
        return out


def _bad(text: str, why: str) -> InputError:
    return InputError(f"query {text!r}: {why}", field="QUERY", expected=QUERY_SYNTAX)


def _number(text: str, value: str, what: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise _bad(text, f"{what} must be a number") from None
    if not math.isfinite(number):
        raise _bad(text, f"{what} must be finite")
    return number


def _bounds(text: str, args: Sequence[str]) -> tuple[float, float] | None:
    if not args:
        return None
    if len(args) != 2:
        raise _bad(text, "bounds are two numbers: LO, HI")
    low, high = (_number(text, a, "a bound") for a in args)
    if not low < high:
        raise _bad(text, "the lower bound must be below the upper bound")
    return low, high


def parse_query(text: str) -> Query:
    """Parse one query text; InputError (naming the query) when malformed."""
    match = _CALL.match(text or "")
    if not match:
        raise _bad(text, "not a query")
    name, inner = _ALIASES.get(match.group(1), match.group(1)), match.group(2)
    args = [a.strip() for a in inner.split(",")] if inner else []
    if name == "count":
        if args:
            raise _bad(text, "count takes no arguments (it counts rows)")
        return Query(kind="count", text=text.strip())
    if name not in ("sum", "mean", "count_by", "quantile"):
        raise _bad(text, f"unknown statistic {match.group(1)!r}")
    if not args or not _NAME.match(args[0]):
        raise _bad(text, "the first argument must be a column name")
    column, rest = args[0], args[1:]
    if name == "count_by":
        if rest:
            raise _bad(text, "count_by takes one column; its categories come from the card")
        return Query(kind="count_by", text=text.strip(), column=column)
    quantile = None
    if name == "quantile":
        if match.group(1) == "median":
            quantile = 0.5
        else:
            if not rest:
                raise _bad(text, "quantile needs the quantile Q in (0, 1)")
            quantile, rest = _number(text, rest[0], "Q"), rest[1:]
            if not 0 < quantile < 1:
                raise _bad(text, "Q must be in (0, 1)")
    kind: QueryKind = "quantile" if name == "quantile" else ("sum" if name == "sum" else "mean")
    return Query(kind=kind, text=text.strip(), column=column, bounds=_bounds(text, rest),
                 quantile=quantile, bounds_from="query" if rest else None)


def resolve_query(query: Query, *, columns: Sequence[str],
                  bounds: Mapping[str, tuple[float, float]],
                  categories: Mapping[str, Sequence[str]], source: str) -> Query:
    """Fill in public bounds / categories from the dataset card (``source`` names it);
    InputError when a column is unknown or has no public bounds / categories."""
    if query.column is None:
        return query
    if query.column not in columns:
        raise InputError(f"query {query.text!r}: no column {query.column!r} in the package",
                         field="QUERY", expected="one of " + ", ".join(columns))
    if query.kind == "count_by":
        values = categories.get(query.column)
        if not values:
            raise InputError(
                f"query {query.text!r}: column {query.column!r} has no public categories",
                file=source, field=f"categories.{query.column}",
                expected="the column's values declared in the dataset card "
                         "(categories: {column: [values...]}); they are never read off the data")
        return Query(**{**query.__dict__, "categories": tuple(str(v) for v in values)})
    if query.bounds is not None:
        return query
    declared = bounds.get(query.column)
    if declared is None:
        raise InputError(
            f"query {query.text!r}: column {query.column!r} has no public bounds",
            file=source, field=f"bounds.{query.column}",
            expected="bounds in the query (e.g. sum(age, 0, 120)) or in the dataset card "
                     "(bounds: {column: [low, high]}); they are never inferred from the data")
    return Query(**{**query.__dict__, "bounds": (float(declared[0]), float(declared[1])),
                    "bounds_from": "dataset card"})
