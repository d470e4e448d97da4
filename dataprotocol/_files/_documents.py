"""YAML and JSON documents with locations, parsed so that no input can crash them
(see ``dataprotocol._files``)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import yaml

from dataprotocol._files._reads import MAX_DEPTH, MAX_INT_DIGITS, MAX_YAML_NODES, read_text
from dataprotocol.errors import InputError


class _LineDict(dict):  # type: ignore[type-arg]
    """A dict that remembers the 1-based source line of each key (see :func:`line_of`)."""

    lines: dict[Any, int]
    start_line: int


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that refuses deep nesting while composing: PyYAML's composer recurses
    once per level, so 5,000 nested ``[`` would otherwise take seconds to hit Python's
    recursion limit."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise yaml.composer.ComposerError(
                    None, None, f"nested deeper than {MAX_DEPTH} levels", mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    loader.flatten_mapping(node)
    result = _LineDict()
    result.lines = {}
    result.start_line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)  # type: ignore[arg-type]


def load_yaml(path: str | Path, *, what: str = "YAML file", text: str | None = None) -> Any:
    """Parse YAML safely; mappings remember key lines. Errors name file and line."""
    source = read_text(path, what=what) if text is None else text
    try:
        value = yaml.load(source, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"malformed {what}: {exc.problem or exc}", file=path, line=line) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"malformed {what}: {exc}", file=path) from exc
    except RecursionError as exc:
        raise _too_deep(path, what=what) from exc
    except ValueError as exc:  # e.g. a 5,000-digit integer (Python's int() refuses it)
        raise InputError(f"malformed {what}: a value is out of range", file=path,
                         expected=f"integers of at most {MAX_INT_DIGITS} digits") from exc
    check_document(value, source=path, what=what, max_nodes=MAX_YAML_NODES)
    return value


def _too_deep(path: str | Path, *, what: str) -> InputError:
    return InputError(f"{what} is nested too deeply", file=path,
                      expected=f"at most {MAX_DEPTH} levels of lists and mappings")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("a number too large for a float")
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"an integer longer than {MAX_INT_DIGITS} digits")
    return int(text)


def parse_json(text: str | bytes, *, source: str | Path, what: str = "JSON file") -> Any:
    """Strict JSON (RFC 8259): no NaN/Infinity, finite floats, bounded integers and depth,
    no lone surrogates. Every failure is an ``InputError`` naming ``source``."""
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        value = json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float,
                           parse_int=_bounded_int)
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} is not valid UTF-8 (byte {exc.start})", file=source) from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed {what}: {exc.msg}", file=source, line=exc.lineno) from exc
    except ValueError as exc:
        raise InputError(f"malformed {what}: {exc}", file=source,
                         expected="finite numbers (no NaN/Infinity), integers of at most "
                         f"{MAX_INT_DIGITS} digits") from exc
    except RecursionError as exc:
        raise _too_deep(source, what=what) from exc
    check_document(value, source=source, what=what)
    return value


def load_json(path: str | Path, *, what: str = "JSON file") -> Any:
    return parse_json(read_text(path, what=what), source=path, what=what)


def check_document(value: Any, *, source: str | Path, what: str = "document",
                   max_nodes: int | None = None) -> None:
    """Walk a parsed document (iteratively): bounded depth and size, UTF-8-encodable text,
    finite floats. Shared YAML aliases are counted each time they are reached, so an
    alias bomb is refused instead of blowing up whoever walks the document next."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    nodes = 0
    while stack:
        item, depth = stack.pop()
        nodes += 1
        if max_nodes is not None and nodes > max_nodes:
            raise InputError(f"{what} has too many values (YAML aliases?)", file=source,
                             expected=f"at most {max_nodes:,} values")
        if isinstance(item, dict):
            children: list[Any] = [*item.keys(), *item.values()]
        elif isinstance(item, (list, tuple)):
            children = list(item)
        else:
            _check_scalar(item, source=source, what=what)
            continue
        if depth >= MAX_DEPTH:
            raise _too_deep(source, what=what)
        stack.extend((child, depth + 1) for child in children)


def _check_scalar(item: Any, *, source: str | Path, what: str) -> None:
    if isinstance(item, str):
        try:
            item.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputError(f"{what} holds text that is not valid Unicode (a lone surrogate)",
                             file=source, expected="UTF-8 text") from exc
    elif isinstance(item, float) and not math.isfinite(item):
        raise InputError(f"{what} holds a number that is not finite (NaN or infinity)",
                         file=source, expected="finite numbers")


def line_of(mapping: Any, key: Any) -> int | None:
    """Source line of ``key`` in a mapping loaded by :func:`load_yaml`, if known."""
    lines = getattr(mapping, "lines", None)
    if isinstance(lines, dict) and key in lines:
        return int(lines[key])
    return getattr(mapping, "start_line", None)
