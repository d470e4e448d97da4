"""Canonical JSON: the exact bytes that get signed.

Sorted keys, no insignificant whitespace, UTF-8, no NaN/Infinity -- in the spirit of
RFC 8785 (JCS) for the value types we use (str, int, bool, None, lists, dicts, and
floats that round-trip through ``repr``). Signing the canonical bytes of a parsed
document, not the file's bytes, means re-indenting a file does not break its signature
while changing any value does.

A base module (like ``_files``) that every layer may import: ``budget`` hashes its
ledger chain with it without depending on ``keys``; ``keys.canonical_json`` re-exports it.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["canonical_json"]


def canonical_json(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")
