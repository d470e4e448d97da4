"""SPDX license expressions (``A OR B``, ``A AND B``, parentheses) as sets of choices.

A dataset may be dual-licensed (``CC-BY-4.0 OR ODbL-1.0``: the licensee picks one) or
carry several licenses at once (``CC-BY-4.0 AND ODbL-1.0``: all apply). Parsing follows
the SPDX grammar (SPDX 2.3, Annex D: ``AND`` binds tighter than ``OR``) through
nexB's ``license-expression``, which works offline. The policy only needs the
*alternatives* -- the expression in disjunctive normal form: each alternative is a
conjunction of license ids the licensee may choose to be bound by, in written order.

``WITH`` exceptions are refused: an exception changes what a license allows, and no
license definition here says how. A license with its exception is a new license: define
it as a ``LicenseRef-...`` YAML file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Any

from license_expression import ExpressionError, LicenseSymbol, LicenseWithExceptionSymbol, Licensing

from dataprotocol.errors import InputError

__all__ = ["LicenseExpression", "parse_license_expression", "dedupe_alternatives", "MAX_ALTERNATIVES"]

#: more alternatives than this is not a license a person wrote; refuse rather than blow up
MAX_ALTERNATIVES = 64

EXPECTED = ('an SPDX license expression: license ids joined by AND / OR, with parentheses, '
            'e.g. "CC-BY-4.0 OR ODbL-1.0"')

# No known-symbol index: the license registry, not the SPDX list, says which ids exist.
_LICENSING = Licensing()


@dataclass(frozen=True)
class LicenseExpression:
    """A parsed expression: ``text`` as written, ``alternatives`` in normal form."""

    text: str
    alternatives: tuple[tuple[str, ...], ...]

    @property
    def is_single(self) -> bool:
        """One license id, no operator (the form every card had before expressions)."""
        return len(self.alternatives) == 1 and len(self.alternatives[0]) == 1

    def ids(self) -> tuple[str, ...]:
        """Every license id named, once each, in written order."""
        return _unique(i for alt in self.alternatives for i in alt)


def _unique(ids: Any) -> tuple[str, ...]:
    """Ids once each (SPDX ids match case-insensitively), first spelling kept."""
    seen: dict[str, str] = {}
    for lic_id in ids:
        seen.setdefault(lic_id.casefold(), lic_id)
    return tuple(seen.values())


def _key(alternative: tuple[str, ...]) -> frozenset[str]:
    return frozenset(i.casefold() for i in alternative)


def dedupe_alternatives(alternatives: Any) -> tuple[tuple[str, ...], ...]:
    """Alternatives once each (``A OR A`` is ``A``; ``A AND B`` is ``B AND A``), first kept."""
    out: dict[frozenset[str], tuple[str, ...]] = {}
    for alt in alternatives:
        out.setdefault(_key(alt), alt)
    return tuple(out.values())


def _normal_form(node: Any, text: str) -> tuple[tuple[str, ...], ...]:
    if isinstance(node, LicenseWithExceptionSymbol):
        raise InputError(f"license exceptions (WITH) are not supported: {text!r}",
                         expected="license ids joined by AND / OR; define a license with its exception "
                         "as a LicenseRef-... YAML file")
    if isinstance(node, LicenseSymbol):
        return ((str(node.key),),)
    parts = [_normal_form(arg, text) for arg in node.args]
    if node.operator.strip() == "OR":
        alts = [alt for part in parts for alt in part]
    else:  # AND: one choice in every part, all of them binding at once
        size = 1
        for part in parts:
            size *= len(part)
        if size > MAX_ALTERNATIVES:
            raise _too_many(text)
        alts = [_unique(i for alt in combo for i in alt) for combo in product(*parts)]
    out = dedupe_alternatives(alts)
    if len(out) > MAX_ALTERNATIVES:
        raise _too_many(text)
    return out


def _too_many(text: str) -> InputError:
    return InputError(f"license expression {text!r} has more than {MAX_ALTERNATIVES} alternatives",
                      expected="a shorter expression")


@lru_cache(maxsize=1024)
def _parse(text: str) -> LicenseExpression:
    try:
        node = _LICENSING.parse(text, validate=False)
    except ExpressionError as exc:  # ExpressionParseError derives from it
        raise InputError(f"malformed license expression {text!r}: {exc}", expected=EXPECTED) from exc
    if node is None:
        raise InputError("empty license expression", expected=EXPECTED)
    for symbol in _LICENSING.license_symbols(node, unique=False, decompose=True):
        if any(ch.isspace() for ch in str(symbol.key)):  # "A B": two ids and no operator
            raise InputError(f"malformed license expression {text!r}: {symbol.key!r} is not one license id "
                             "(an operator is missing)", expected=EXPECTED)
    return LicenseExpression(text=text, alternatives=_normal_form(node, text))


def parse_license_expression(
    text: str, *, file: str | None = None, line: int | None = None, field: str = "license",
) -> LicenseExpression:
    """Parse ``text``; a syntax error or a ``WITH`` raises :class:`InputError` naming where.

    Ids are not checked here: the license registry in use decides which exist.
    """
    if not isinstance(text, str):
        raise InputError(f"must be a string, not {text!r}", file=file, line=line, field=field, expected=EXPECTED)
    try:
        return _parse(text.strip())
    except InputError as exc:
        raise InputError(exc.detail, file=file, line=line, field=field, expected=exc.expected) from exc
