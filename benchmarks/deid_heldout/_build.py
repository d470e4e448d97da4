"""Shared plumbing for the held-out corpus generators: span bookkeeping and checksums.

Written without reading ``dataprotocol/deid`` (see README.md): the corpora must not
share assumptions with the recognizers they are meant to score.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

__all__ = [
    "fill",
    "join",
    "gb11643_check",
    "luhn_complete",
    "uscc_check",
    "write_jsonl",
]

_SLOT = re.compile(r"\{(\w+)\}")


def fill(
    template: str,
    values: Mapping[str, str],
    types: Mapping[str, str | None],
) -> tuple[str, list[dict[str, object]]]:
    """Expand ``{key}`` slots; a slot whose key maps to a type becomes a labelled span.

    Keys are looked up by their name with trailing digits stripped (``name2`` -> ``name``)
    when the exact key has no type, so several people/phones can share one type.
    """
    out: list[str] = []
    spans: list[dict[str, object]] = []
    pos = 0
    length = 0
    for m in _SLOT.finditer(template):
        lit = template[pos : m.start()]
        out.append(lit)
        length += len(lit)
        key = m.group(1)
        value = values[key]
        typ = types.get(key, types.get(key.rstrip("0123456789")))
        if typ is not None and value:
            spans.append({"start": length, "end": length + len(value), "type": typ})
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(template[pos:])
    return "".join(out), spans


def write_jsonl(path: Path, docs: Iterable[dict[str, object]]) -> int:
    """Write documents atomically (tmp file + rename); returns the count."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    n = 0
    with tmp.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
    tmp.replace(path)
    return n


# GB 11643-1999 resident identity number: ISO 7064 MOD 11-2 over the first 17 digits.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def gb11643_check(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


# GB 32100-2015 unified social credit code: 31-character alphabet (no I O S V Z),
# weights 3^i mod 31, check = 31 - sum mod 31 (31 -> 0).
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def gb11714_check(first8: str) -> str:
    """Organisation code (positions 9-17 of a USCC) check character, GB 11714-1997."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c, 36) * w for c, w in zip(first8, weights, strict=True))
    c = 11 - total % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


def luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:  # these digits are doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


Gen = Callable[[random.Random], str]


def join(pieces: Iterable[tuple[str, list[dict[str, object]]]], sep: str = "") -> tuple[str, list[dict[str, object]]]:
    """Concatenate filled pieces, shifting each piece's spans by its offset."""
    text_parts: list[str] = []
    spans: list[dict[str, object]] = []
    offset = 0
    for i, (text, sp) in enumerate(pieces):
        if i and sep:
            text_parts.append(sep)
            offset += len(sep)
        for s in sp:
            spans.append({"start": int(s["start"]) + offset, "end": int(s["end"]) + offset, "type": s["type"]})  # type: ignore[call-overload]
        text_parts.append(text)
        offset += len(text)
    return "".join(text_parts), spans
