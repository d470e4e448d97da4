"""The base of every typed record: frozen, ``to_dict`` / ``from_dict``, unknown keys kept.

A signed record outlives the code that wrote it, and a newer writer may add keys an
older reader does not know. So a record parsed from JSON keeps every key it does not
model in ``extra`` and remembers which modelled keys were present: ``to_dict`` gives
back exactly the mapping it was parsed from (no key gained, none lost, a ``null`` stays
``null``). A record built in code writes every field except ``None``-valued ones marked
:func:`optional` -- so a new optional field leaves older payloads byte-for-byte as they
were until it is set.

Parsing is by the field annotations (``str``, ``int``, ``float``, ``bool``, ``X | None``,
a nested :class:`Record`, ``tuple[X, ...]``, ``Mapping[str, Any]``, ``Any``); every
problem is collected with its dotted path, and :meth:`Record.from_dict` raises one
:class:`~dataprotocol.errors.InputError` naming them all.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from dataprotocol.errors import InputError

__all__ = ["Record", "optional"]

R = TypeVar("R", bound="Record")
_OMIT = "dataprotocol.omit_none"


def optional(default: Any = None) -> Any:
    """A field old records lack: defaults to ``default``; not written while ``None``."""
    return field(default=default, metadata={_OMIT: True})


class _Problems:
    def __init__(self) -> None:
        self.missing: list[str] = []
        self.wrong: list[str] = []


@dataclass(frozen=True, kw_only=True)
class Record:
    """Frozen record; subclasses are ``@dataclass(frozen=True, kw_only=True)``."""

    #: keys this record does not model, kept verbatim (written back by ``to_dict``)
    extra: Mapping[str, Any] = field(default_factory=dict, repr=False)
    #: modelled keys present in the parsed mapping; ``None`` for a record built in code
    present: frozenset[str] | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.extra)
        for f in _fields(type(self)):
            value = getattr(self, f.name)
            if self.present is not None:
                if f.name not in self.present and value is None:
                    continue
            elif value is None and f.metadata.get(_OMIT):
                continue
            out[f.name] = _plain(value)
        return out

    @classmethod
    def from_dict(cls: type[R], data: Any, *, what: str = "record",
                  file: str | Path | None = None, expected: str | None = None) -> R:
        """Parse ``data``; :class:`InputError` naming every missing or malformed key."""
        problems = _Problems()
        record = _parse_record(cls, data, "", problems)
        if problems.missing:
            raise InputError(f"{what} lacks {', '.join(problems.missing)}", file=file,
                             expected=expected)
        if problems.wrong or record is None:
            raise InputError(f"malformed {what} at {', '.join(problems.wrong or ['(root)'])}",
                             file=file, expected=expected)
        return record


def _fields(cls: type) -> list[dataclasses.Field[Any]]:
    return [f for f in dataclasses.fields(cls) if f.name not in ("extra", "present")]


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if hasattr(value, "to_dict") and callable(value.to_dict):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _hints(cls: type) -> dict[str, Any]:
    module = sys.modules[cls.__module__]
    return typing.get_type_hints(cls, globalns=vars(module))


def _parse_record(cls: type[R], data: Any, path: str, problems: _Problems) -> R | None:
    if not isinstance(data, Mapping):
        problems.wrong.append(path or "(root)")
        return None
    hints, values = _hints(cls), {}
    known = {f.name for f in _fields(cls)}
    for f in _fields(cls):
        where = f"{path}.{f.name}" if path else f.name
        if f.name not in data:
            required = (f.default is dataclasses.MISSING
                        and f.default_factory is dataclasses.MISSING)
            if required:
                problems.missing.append(where)
            continue
        values[f.name] = _parse_value(hints[f.name], data[f.name], where, problems)
    extra = {k: v for k, v in data.items() if k not in known}
    try:
        return cls(**values, extra=extra, present=frozenset(k for k in known if k in data))
    except (TypeError, ValueError, InputError):
        problems.wrong.append(path or "(root)")
        return None


def _parse_value(hint: Any, value: Any, where: str, problems: _Problems) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return value
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return _parse_value(inner, value, where, problems)
    if isinstance(hint, type) and issubclass(hint, Record):
        return _parse_record(hint, value, where, problems)
    if origin is tuple:
        if not isinstance(value, list):
            problems.wrong.append(where)
            return ()
        return tuple(_parse_value(args[0], v, f"{where}[{i}]", problems)
                     for i, v in enumerate(value))
    if origin in (Mapping, dict) or hint in (Mapping, dict):
        if not isinstance(value, Mapping):
            problems.wrong.append(where)
            return {}
        return dict(value)
    if hasattr(hint, "from_dict"):  # e.g. budget.MechanismEvent
        try:
            return hint.from_dict(value)
        except InputError:
            problems.wrong.append(where)
            return None
    return _parse_scalar(hint, value, where, problems)


def _parse_scalar(hint: Any, value: Any, where: str, problems: _Problems) -> Any:
    if hint is float:  # an int is a float here; kept as written so to_dict round-trips
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.wrong.append(where)
            return None
        return value
    if hint is int or hint is bool:
        if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
            problems.wrong.append(where)
            return None
        return value
    if hint is str:
        if not isinstance(value, str):
            problems.wrong.append(where)
            return None
        return value
    raise TypeError(f"unsupported record field type {hint!r} at {where}")  # a coding error
