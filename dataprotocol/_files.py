"""Small file helpers shared by every layer: atomic writes and YAML/JSON with locations.

Nothing half-written (DESIGN.md): every file goes to a temporary name in the same
folder and is renamed into place only when complete, so a crash or an error leaves
either the old file or no file -- never a truncated one.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import yaml

from dataprotocol.errors import InputError

__all__ = [
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_path",
    "atomic_open",
    "load_yaml",
    "load_json",
    "line_of",
    "read_text",
]


@contextlib.contextmanager
def atomic_path(path: str | Path, *, mode: int | None = None) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it onto ``path`` on success.

    On any exception the temporary file is removed and ``path`` is left untouched.
    ``mode`` (e.g. ``0o600``) is applied before the rename, so the final name never
    exists with looser permissions.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "wb", *, file_mode: int | None = None) -> Iterator[IO[Any]]:
    """Open a temporary file for writing; it replaces ``path`` only if the block succeeds."""
    with atomic_path(path, mode=file_mode) as tmp:
        handle: IO[Any]
        with open(tmp, mode, encoding=None if "b" in mode else "utf-8") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())


def atomic_write_bytes(path: str | Path, data: bytes, *, file_mode: int | None = None) -> Path:
    with atomic_open(path, "wb", file_mode=file_mode) as handle:
        handle.write(data)
    return Path(path)


def atomic_write_text(path: str | Path, text: str, *, file_mode: int | None = None) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"), file_mode=file_mode)


def read_text(path: str | Path, *, what: str = "file") -> str:
    """Read a UTF-8 text file, turning every OS/decoding failure into an ``InputError``."""
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"{what} not found", file=p) from exc
    except IsADirectoryError as exc:
        raise InputError(f"{what} is a directory", file=p, expected="a file") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} is not valid UTF-8 (byte {exc.start})", file=p) from exc
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror}", file=p) from exc


class _LineDict(dict):  # type: ignore[type-arg]
    """A dict that remembers the 1-based source line of each key (see :func:`line_of`)."""

    lines: dict[Any, int]
    start_line: int


class _LineLoader(yaml.SafeLoader):
    pass


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
        return yaml.load(source, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"malformed {what}: {exc.problem or exc}", file=path, line=line) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"malformed {what}: {exc}", file=path) from exc


def load_json(path: str | Path, *, what: str = "JSON file") -> Any:
    source = read_text(path, what=what)
    try:
        return json.loads(source)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed {what}: {exc.msg}", file=path, line=exc.lineno) from exc


def line_of(mapping: Any, key: Any) -> int | None:
    """Source line of ``key`` in a mapping loaded by :func:`load_yaml`, if known."""
    lines = getattr(mapping, "lines", None)
    if isinstance(lines, dict) and key in lines:
        return int(lines[key])
    return getattr(mapping, "start_line", None)
