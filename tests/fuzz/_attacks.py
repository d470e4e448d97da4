"""Hypothesis strategies for hostile inputs: mutated bytes, poisoned JSON/YAML values,
ragged or mis-encoded tables. Shared by the fuzz tests and the adversarial benchmark."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from tests.fuzz._world import MARKER

#: JSON texts that must never be accepted in a signed document (issue 10, item 11)
POISON_JSON = {
    "nan": "NaN",
    "infinity": "-Infinity",
    "overflow": "1e999",
    "huge-int": "9" * 5000,
    "lone-surrogate": '"\\ud800"',
    "deep": "[" * 5000 + "]" * 5000,
    "deep-object": '{"a":' * 3000 + "1" + "}" * 3000,
    "null": "null",
    "list": "[1, 2, 3]",
    "object": '{"x": {"y": []}}',
    "bool": "true",
    "empty": '""',
}

#: YAML texts that a card or config must refuse cleanly
POISON_YAML = {
    "deep": "[" * 5000 + "]" * 5000,
    "nan": ".nan",
    "inf": "-.inf",
    "huge-int": "9" * 5000,
    "python-tag": "!!python/object/apply:os.system ['true']",
    "binary": "!!binary aGVsbG8=",
    "date": "2024-01-01",
    "null": "null",
    "list": "[1, 2]",
    "object": "{a: {b: []}}",
}

ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}]\n" for i in range(9))


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """One random corruption of ``data``: flip, truncate, insert, delete, splice or replace."""
    kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "duplicate", "random"]))
    if not data or kind == "random":
        return draw(st.binary(min_size=0, max_size=200))
    at = draw(st.integers(0, len(data) - 1))
    if kind == "flip":
        bit = draw(st.integers(0, 7))
        return data[:at] + bytes([data[at] ^ (1 << bit)]) + data[at + 1:]
    if kind == "truncate":
        return data[:at]
    if kind == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
    if kind == "delete":
        end = draw(st.integers(at + 1, min(len(data), at + 64)))
        return data[:at] + data[end:]
    end = draw(st.integers(at + 1, min(len(data), at + 64)))
    return data[:end] + data[at:]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, prefix + (index,))
    return out


_SLOT = "\u0000POISON\u0000"


def poisoned_json(document: Any, path: tuple[Any, ...], poison: str) -> str:
    """``document`` as JSON text with the value at ``path`` replaced by raw ``poison``."""
    copy = json.loads(json.dumps(document))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = _SLOT
    return json.dumps(copy, indent=2).replace(json.dumps(_SLOT), poison)


def changes(text: str, document: Any) -> bool:
    """Whether ``text`` parses to something other than ``document`` (a poison equal to the
    value it replaces -- ``null`` over ``null`` -- changes nothing)."""
    try:
        return bool(json.loads(text) != document)
    except (ValueError, RecursionError):
        return True


@st.composite
def json_attack(draw: st.DrawFn, document: Any) -> tuple[str, bool]:
    """(text, certainly_changed): a poisoned field, or a mutated serialisation."""
    if draw(st.booleans()):
        path = draw(st.sampled_from(_paths(document)))
        name = draw(st.sampled_from(sorted(POISON_JSON)))
        text = poisoned_json(document, path, POISON_JSON[name])
        return text, changes(text, document)
    raw = json.dumps(document, indent=2).encode("utf-8")
    text = draw(mutated_bytes(raw))
    return text.decode("utf-8", "surrogateescape"), not _same(text, document)


def _same(text: str | bytes, document: Any) -> bool:
    try:
        return bool(json.loads(text) == document)
    except (ValueError, RecursionError):
        return False


@st.composite
def yaml_attack(draw: st.DrawFn, mapping: dict[str, Any]) -> tuple[str, bool]:
    """(YAML text, certainly_bad) for a card-like mapping."""
    import yaml

    choice = draw(st.sampled_from(["poison", "bomb", "mutate", "deep-document"]))
    if choice == "bomb":
        return ALIAS_BOMB, True
    if choice == "deep-document":
        return "a: " + "[" * 5000 + "]" * 5000 + "\n", True
    if choice == "poison":
        key = draw(st.sampled_from(sorted(mapping)))
        name = draw(st.sampled_from(sorted(POISON_YAML)))
        lines = [f"{k}: {POISON_YAML[name] if k == key else json.dumps(v)}" for k, v in mapping.items()]
        # a required field holding a number, a list, a date... is bad; "null" may be optional
        return "\n".join(lines) + "\n", name not in ("null",) or key in ("dataset_id", "license")
    raw = yaml.safe_dump(mapping).encode("utf-8")
    return draw(mutated_bytes(raw)).decode("utf-8", "surrogateescape"), False


# -- tables -----------------------------------------------------------------------------
_CELL_CHARS = st.sampled_from(list("abcXYZ019 ,;\"'\n\t\\é✓ÿ"))


@st.composite
def table_cells(draw: st.DrawFn) -> list[list[str]]:
    """Rows of marker cells with random decorations; ragged rows are possible."""
    columns = draw(st.integers(1, 4))
    rows = draw(st.integers(1, 6))
    out = []
    for r in range(rows):
        width = columns if draw(st.integers(0, 5)) else draw(st.integers(1, columns + 2))
        out.append([f"{MARKER}{r}{c}" + "".join(draw(st.lists(_CELL_CHARS, max_size=4)))
                    for c in range(width)])
    return out


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """Naive CSV (no quoting): commas or quotes in cells make it ragged on purpose."""
    return "\n".join([",".join(header), *(",".join(row) for row in rows)]) + "\n"


@st.composite
def csv_input(draw: st.DrawFn) -> tuple[bytes, bool, str]:
    """(bytes, certainly_bad, why) for a CSV file."""
    rows = draw(table_cells())
    width = max(len(r) for r in rows)
    header = [f"col{i}" for i in range(len(rows[0]))]
    text = csv_text(header, rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "latin-1", "utf-16", "cp1252"]))
    data = text.encode(encoding, "replace")
    ragged = any(len(r) != len(header) for r in rows) or width != len(header)
    try:
        data.decode("utf-8")
        not_utf8 = False
    except UnicodeDecodeError:
        not_utf8 = True
    if draw(st.integers(0, 4)) == 0:
        data = draw(mutated_bytes(data))
        return data, False, "mutated"
    # ragged only counts when pyarrow sees it: quotes may join fields; only the
    # encoding is certain
    return data, not_utf8, "not UTF-8" if not_utf8 else ("ragged?" if ragged else "plain")


@st.composite
def jsonl_input(draw: st.DrawFn) -> tuple[bytes, bool, str]:
    rows = draw(table_cells())
    lines = []
    for row in rows:
        kind = draw(st.sampled_from(["object", "object", "object", "list", "garbage", "type-change"]))
        if kind == "object":
            lines.append(json.dumps({f"c{i}": v for i, v in enumerate(row)}, ensure_ascii=False))
        elif kind == "list":
            lines.append(json.dumps(row, ensure_ascii=False))
        elif kind == "type-change":
            lines.append(json.dumps({"c0": len(row)}))
        else:
            lines.append(row[0] + " {")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if draw(st.booleans()):
        data = data.replace(b"\xc3\xa9", b"\xe9")  # a Latin-1 é: invalid UTF-8
    bad = any(not line.startswith("{") for line in lines) or b"\xe9" in data.replace(b"\xc3\xa9", b"")
    return data, bad, "jsonl"
