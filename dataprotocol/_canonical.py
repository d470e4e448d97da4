"""Canonical JSON: the exact bytes that get signed or hashed.

:func:`canonical_json` is RFC 8785, the JSON Canonicalization Scheme (JCS), through
the maintained ``rfc8785`` implementation: object members sorted by the UTF-16 code
units of their names, numbers in ECMAScript ``Number.prototype.toString`` form
(``1e-05`` -> ``0.00001``, ``1.0`` -> ``1``, ``-0.0`` -> ``0``), strings in UTF-8 with
only the mandatory escapes, no insignificant whitespace; NaN, Infinity, integers
outside +-(2**53 - 1), non-string keys and lone surrogates are refused (``ValueError``).
A JCS verifier in any language reproduces these bytes. Signing the canonical bytes of a
parsed document, not the file's bytes, means re-indenting a file does not break its
signature while changing any value does.

Documents written before the switch were canonicalised by :func:`_legacy_canonical_json`
(Python's ``json.dumps`` with sorted keys): it differs from JCS only in numbers (floats
spelled by ``repr``, big integers allowed) and in the order of object keys that mix
astral-plane characters with U+E000..U+FFFF; strings are spelled identically. It is kept,
private, so that signatures and hash chains written in that form still verify; each
document kind says in a signed field which form it uses (see ``keys._signed``,
``budget._chain``), so a new document cannot be relabelled as old.

A base module (like ``_files``) that every layer may import: ``budget`` hashes its
ledger chain with it without depending on ``keys``; ``keys.canonical_json`` re-exports it.
"""

from __future__ import annotations

import json
from typing import Any

import rfc8785

__all__ = ["CANON_RFC8785", "canonical_json", "canonical_json_parsed", "plain_json"]

#: the marker a signed envelope carries (``"canon": "rfc8785"``) when its bytes are JCS
CANON_RFC8785 = "rfc8785"


def canonical_json(value: Any) -> bytes:
    """The RFC 8785 (JCS) bytes of ``value``; ``ValueError`` if it has no JCS form."""
    return rfc8785.dumps(value)  # its CanonicalizationError is a ValueError


_SAFE = 2**53 - 1


def _as_doubles(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, dict, list, tuple)):
        return value
    if isinstance(value, int):
        if -_SAFE <= value <= _SAFE:
            return value
        try:
            return float(value)
        except OverflowError as exc:
            raise ValueError(f"a {value.bit_length()}-bit integer is beyond any IEEE double") from exc
    if isinstance(value, dict):
        return {k: _as_doubles(v) for k, v in value.items()}
    return [_as_doubles(v) for v in value]


def canonical_json_parsed(value: Any) -> bytes:
    """:func:`canonical_json` of a value *parsed* from JSON text, read as JCS reads it.

    JCS numbers are IEEE doubles: the double 2.390142718165001e+16 is spelled
    ``23901427181650010``, which Python's ``json`` parses back as an int beyond 2**53
    (refused by :func:`canonical_json`). A verifier re-canonicalising what it parsed
    therefore takes such an int as the double it denotes; signers never produce one
    except from a float (:func:`canonical_json` refuses big ints on the way in).
    """
    return canonical_json(_as_doubles(value))


def plain_json(value: Any) -> bytes:
    """Compact sorted JSON that keeps Python's number spellings (``8.0`` stays a float).

    For *storing* values whose hash or signature is recomputed after parsing (the ledger's
    ``events`` and ``meta`` columns): parsing it back gives the same Python values, so a
    signed document embedded in it -- RFC 8785 or legacy -- re-verifies. RFC 8785 text
    would not do for a legacy document: ``8.0`` would come back as ``8``.
    """
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def _legacy_canonical_json(value: Any) -> bytes:
    """The pre-RFC 8785 form: only for verifying documents written in it."""
    return plain_json(value)
