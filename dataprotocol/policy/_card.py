"""The dataset card: what a steward says about a dataset, in YAML.

It names the dataset (id, version, title), its license (an SPDX id, or an SPDX
expression such as ``CC-BY-4.0 OR ODbL-1.0``) and attribution, the
purposes it may be used for, whether it contains PII, its total privacy budget
(epsilon, delta), optionally its unit of privacy (``privacy_unit: patient_id``: the
column whose value identifies one person; every training run must then be user-level
DP over it) and the publisher's public identity -- embedded, or a ``.pub`` file
named relative to the card. The package layer embeds ``to_dict()`` in its manifest.

``categories`` (``{column: [values...]}``) declares the *public* value sets of label /
category columns. Anything derived from a column's values and released outside DP --
a classifier's label names, a group-by's keys -- must come from this declared set,
which the publisher signs with the manifest, never from the data: DP covers the
weights, not a label set read off the rows (a free-text "label" would leak rows).
``bounds`` (``{column: [low, high]}``) declares public ranges of numeric columns, which
DP sums, means and quantiles clamp to (bounds read off the data would leak the
extremes); a query may also state its own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dataprotocol._files import line_of, load_json, load_yaml
from dataprotocol.errors import InputError
from dataprotocol.keys import PublicIdentity
from dataprotocol.policy._expression import parse_license_expression
from dataprotocol.policy._identity import parse_identity_or_input_error
from dataprotocol.policy._purposes import default_vocabulary

__all__ = ["Attribution", "DatasetCard", "load_dataset_card", "CARD_FORMAT"]

CARD_FORMAT = "dataprotocol-dataset-card/1"
_KEYS = {"format", "dataset_id", "version", "title", "license", "attribution", "purposes",
         "contains_pii", "budget", "publisher", "description", "privacy_unit", "categories",
         "bounds"}
_ATTR_KEYS = {"creator", "source", "year", "notice"}


@dataclass(frozen=True)
class Attribution:
    """Who to credit: the creator, where the data comes from, and an optional notice."""

    creator: str
    source: str
    year: int | None = None
    notice: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"creator": self.creator, "source": self.source}
        if self.year is not None:
            out["year"] = self.year
        if self.notice:
            out["notice"] = self.notice
        return out


@dataclass(frozen=True)
class DatasetCard:
    """A parsed dataset card. ``publisher_document`` keeps the signed identity document."""

    dataset_id: str
    version: str
    title: str
    license: str
    attribution: Attribution
    purposes: tuple[str, ...]
    contains_pii: bool
    budget_epsilon: float
    budget_delta: float
    publisher: PublicIdentity
    description: str = ""
    #: the column whose value is one privacy unit (a person); None: one row
    privacy_unit: str | None = None
    publisher_document: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    #: where the card was read from (for error messages; not part of the card)
    source: str = field(default="", compare=False, repr=False)
    #: public value sets of label / category columns: column -> values, in order
    categories: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    #: public ranges of numeric columns: column -> (low, high)
    bounds: Mapping[str, tuple[float, float]] = field(default_factory=dict, hash=False)
    #: the publisher's key id, computed once (a SHA-256 per decision would dominate it)
    publisher_key_id: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "publisher_key_id", self.publisher.key_id)

    def credit(self) -> str:
        """One attribution line, as licenses with a BY clause ask for."""
        year = f", {self.attribution.year}" if self.attribution.year else ""
        line = f'"{self.title}" by {self.attribution.creator}{year} ({self.attribution.source}), {self.license}'
        return line + (f"; {self.attribution.notice}" if self.attribution.notice else "")

    def to_dict(self) -> dict[str, Any]:
        """JSON-able, with the publisher's identity document embedded."""
        return {
            "format": CARD_FORMAT, "dataset_id": self.dataset_id, "version": self.version,
            "title": self.title, "description": self.description, "license": self.license,
            "attribution": self.attribution.to_dict(), "purposes": list(self.purposes),
            "contains_pii": self.contains_pii,
            "budget": {"epsilon": self.budget_epsilon, "delta": self.budget_delta},
            "publisher": dict(self.publisher_document),
            # only when set: manifests signed before the field existed keep their bytes
            **({"privacy_unit": self.privacy_unit} if self.privacy_unit else {}),
            **({"categories": {c: list(v) for c, v in self.categories.items()}}
               if self.categories else {}),
            **({"bounds": {c: list(v) for c, v in self.bounds.items()}} if self.bounds else {}),
        }

    @classmethod
    def from_dict(cls, d: Any, *, source: str | Path = "dataset card") -> DatasetCard:
        """Parse and check a card mapping; a string ``publisher`` is a .pub path next to ``source``."""
        return _parse_card(d, str(source))


def _err(msg: str, m: Any, key: str, src: str, expected: str | None = None, fld: str | None = None) -> InputError:
    return InputError(msg, file=src, line=line_of(m, key), field=fld or key, expected=expected)


def _text(m: Mapping[str, Any], key: str, src: str, *, allow_int: bool = False, fld: str | None = None) -> str:
    value = m.get(key)
    if allow_int and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        raise _err("missing" if value is None else f"must be a string, not {value!r}", m, key, src,
                   "a non-empty (quoted) string", fld)
    return value.strip()


def _number(m: Mapping[str, Any], key: str, src: str, lo: float, hi: float) -> float:
    value = m.get(key)
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            pass
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not lo < value < hi:
        raise _err(f"invalid value {value!r}", m, key, src, f"a number in ({lo}, {hi})", f"budget.{key}")
    return float(value)


def _license(m: Mapping[str, Any], src: str) -> str:
    """The license text, checked as an SPDX expression (ids are checked when deciding:
    the registry in use -- built-ins plus the user's folders -- says which exist)."""
    text = _text(m, "license", src)
    parse_license_expression(text, file=src, line=line_of(m, "license"), field="license")
    return text


def _publisher(m: Mapping[str, Any], src: str) -> tuple[PublicIdentity, dict[str, Any]]:
    value = m.get("publisher")
    if isinstance(value, str):
        base = Path(src).parent if Path(src).exists() else Path(".")
        path = base / value
        doc = load_json(path, what="publisher identity file")
        return parse_identity_or_input_error(doc, source=str(path)), dict(doc)
    if isinstance(value, Mapping):
        if "self_signature" not in value:
            raise _err("embedded publisher identity has no self_signature", m, "publisher", src,
                       "the content of the publisher's .pub file")
        return parse_identity_or_input_error(dict(value), source=src), dict(value)
    raise _err("missing or malformed", m, "publisher", src, "a .pub file path or an identity document")


def _categories(d: Mapping[str, Any], src: str) -> dict[str, tuple[str, ...]]:
    """``categories: {column: [values...]}``: at least two distinct values per column.

    Numbers and booleans are taken as their text (labels are compared as text)."""
    value = d.get("categories")
    if value is None:
        return {}
    expected = "a mapping of column name -> list of at least two distinct values"
    if not isinstance(value, Mapping):
        raise _err("must be a mapping", d, "categories", src, expected)
    out: dict[str, tuple[str, ...]] = {}
    for column, values in value.items():
        where = f"categories.{column}"
        if not isinstance(column, str) or not column.strip():
            raise _err("column names must be non-empty strings", d, "categories", src, expected)
        if not isinstance(values, list) or len(values) < 2 or not all(
                isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in values):
            raise _err("must be a list of at least two strings or numbers", value, column, src,
                       expected, where)
        texts = tuple(v if isinstance(v, str) else str(v) for v in values)
        if len(set(texts)) != len(texts) or any(not t.strip() or len(t) > 200 for t in texts):
            raise _err("values must be distinct, non-empty and at most 200 characters", value,
                       column, src, expected, where)
        out[column] = texts
    return out


def _bounds(d: Mapping[str, Any], src: str) -> dict[str, tuple[float, float]]:
    """``bounds: {column: [low, high]}`` with finite numbers, low < high."""
    value = d.get("bounds")
    if value is None:
        return {}
    expected = "a mapping of column name -> [low, high] (finite numbers, low < high)"
    if not isinstance(value, Mapping):
        raise _err("must be a mapping", d, "bounds", src, expected)
    out: dict[str, tuple[float, float]] = {}
    for column, pair in value.items():
        ok = (isinstance(column, str) and column.strip() and isinstance(pair, list)
              and len(pair) == 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                         and math.isfinite(v) for v in pair)
              and pair[0] < pair[1])
        if not ok:
            raise _err("must be [low, high]", value, column, src, expected, f"bounds.{column}")
        out[column] = (float(pair[0]), float(pair[1]))
    return out


def _parse_card(d: Any, src: str) -> DatasetCard:
    if not isinstance(d, Mapping):
        raise InputError("a dataset card must be a mapping", file=src, expected="a YAML mapping")
    for key in d:
        if key not in _KEYS:
            raise _err(f"unknown key {key!r}", d, key, src, "one of " + ", ".join(sorted(_KEYS)))
    if d.get("format", CARD_FORMAT) != CARD_FORMAT:
        raise _err(f"unsupported format {d.get('format')!r}", d, "format", src, repr(CARD_FORMAT))
    attr = d.get("attribution")
    if not isinstance(attr, Mapping) or set(attr) - _ATTR_KEYS:
        raise _err("malformed attribution", d, "attribution", src, "a mapping with creator, source[, year, notice]")
    purposes = d.get("purposes")
    if not isinstance(purposes, list) or not purposes or not all(isinstance(p, str) for p in purposes):
        raise _err("must be a non-empty list of purposes", d, "purposes", src, "e.g. [health-research]")
    vocab = default_vocabulary()
    for p in purposes:
        try:
            vocab.parse_allowance(p)
        except InputError as exc:
            raise _err(exc.detail, d, "purposes", src, exc.expected) from exc
    budget = d.get("budget")
    if not isinstance(budget, Mapping):
        raise _err("missing or malformed", d, "budget", src, "a mapping with epsilon and delta")
    if not isinstance(d.get("contains_pii"), bool):
        raise _err("missing or not true/false", d, "contains_pii", src, "true or false")
    publisher, pub_doc = _publisher(d, src)
    categories = _categories(d, src)
    year = attr.get("year")
    return DatasetCard(
        dataset_id=_text(d, "dataset_id", src), version=_text(d, "version", src, allow_int=True),
        title=_text(d, "title", src), license=_license(d, src),
        attribution=Attribution(
            creator=_text(attr, "creator", src, fld="attribution.creator"),
            source=_text(attr, "source", src, fld="attribution.source"),
            year=int(year) if isinstance(year, int) and not isinstance(year, bool) else None,
            notice=str(attr["notice"]) if attr.get("notice") else None),
        purposes=tuple(p.strip() for p in purposes), contains_pii=bool(d["contains_pii"]),
        budget_epsilon=_number(budget, "epsilon", src, 0.0, math.inf),
        budget_delta=_number(budget, "delta", src, 0.0, 1.0),
        publisher=publisher, description=str(d.get("description") or ""), publisher_document=pub_doc,
        privacy_unit=_text(d, "privacy_unit", src) if d.get("privacy_unit") is not None else None,
        source=src, categories=categories, bounds=_bounds(d, src),
    )


def load_dataset_card(path: str | Path) -> DatasetCard:
    """Read a dataset card YAML file (errors name file, line and field)."""
    return _parse_card(load_yaml(path, what="dataset card"), str(path))
