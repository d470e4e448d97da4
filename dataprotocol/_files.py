"""Small file helpers shared by every layer: bounded reads, safe write targets, atomic
writes and YAML/JSON with locations.

Every file the tool reads or writes goes through here, so the rules hold everywhere:

* **Regular files only, bounded.** A FIFO would block a read forever, ``/dev/zero``
  never ends and a 10 GB "card" exhausts memory: :func:`read_bytes` opens without
  blocking, checks ``fstat`` for a regular file and reads at most ``limit`` bytes.
* **Nothing half-written** (DESIGN.md): every file goes to a temporary name in the same
  folder and is renamed into place only when complete, so a crash or an error leaves
  either the old file or no file -- never a truncated one. Temporary names carry the
  writer's pid, so the next write to the same target removes what a killed run left.
* **Replace only what is ours to replace**: ``os.replace`` would swap a device node, a
  FIFO or a symlink for a regular file; :func:`check_write_target` refuses anything
  but a regular file (a folder only where the caller says it may be replaced).
* **Parsers never crash**: deep nesting (``RecursionError``), NaN/Infinity, 5,000-digit
  integers, lone surrogates and alias bombs become an ``InputError`` naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import yaml

from dataprotocol.errors import InputError

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_path",
    "atomic_open",
    "check_input_file",
    "check_write_target",
    "check_output_folder",
    "check_distinct",
    "remove_stale_temporaries",
    "make_staging_folder",
    "temporary_prefix",
    "load_yaml",
    "load_json",
    "parse_json",
    "check_document",
    "line_of",
    "read_bytes",
    "read_text",
]

#: largest signed document / card / key / config we read (a manifest of 100k shards is ~40 MB)
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
#: deepest nesting a document may have (ours are < 10 deep)
MAX_DEPTH = 64
#: most values a YAML document may expand to: stops alias "billion laughs" (cards and
#: configs hold a few hundred; JSON has no aliases, its size is bounded by its bytes)
MAX_YAML_NODES = 100_000
#: most digits of a JSON integer (ours are counts and timestamps)
MAX_INT_DIGITS = 64
_TMP_SUFFIX = ".tmp"


def _os_error(exc: OSError, path: Path, *, action: str, what: str) -> InputError:
    """One clear message for an OS failure: what we tried, on which file, and why."""
    reason = exc.strerror or type(exc).__name__
    if exc.errno == errno.ENOSPC:
        reason = "no space left on device"
    return InputError(f"cannot {action} {what}: {reason}", file=path)


def check_input_file(path: str | Path, *, what: str = "file") -> Path:
    """``path`` exists and is a regular file (symlinks followed); else an ``InputError``."""
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError as exc:
        raise InputError(f"{what} not found", file=p) from exc
    except NotADirectoryError as exc:
        raise InputError(f"{what} not found (a parent is a file, not a folder)", file=p) from exc
    except OSError as exc:
        raise _os_error(exc, p, action="read", what=what) from exc
    _require_regular(info, p, what=what)
    return p


def _require_regular(info: os.stat_result, path: Path, *, what: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{what} is a directory", file=path, expected="a regular file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{what} is not a regular file (a FIFO, device or socket)", file=path,
                         expected="a regular file")


def read_bytes(path: str | Path, *, what: str = "file", limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """Read a regular file of at most ``limit`` bytes; every failure is an ``InputError``.

    Opened with ``O_NONBLOCK`` so a FIFO cannot block us before ``fstat`` says what it is.
    """
    p = check_input_file(path, what=what)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _os_error(exc, p, action="read", what=what) from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        _require_regular(info, p, what=what)  # swapped between stat and open
        if info.st_size > limit:
            raise _too_large(p, what=what, limit=limit)
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise _os_error(exc, p, action="read", what=what) from exc
    if len(data) > limit:
        raise _too_large(p, what=what, limit=limit)
    return data


def _too_large(path: Path, *, what: str, limit: int) -> InputError:
    return InputError(f"{what} is too large", file=path, expected=f"at most {limit:,} bytes")


def read_text(path: str | Path, *, what: str = "file", limit: int = MAX_DOCUMENT_BYTES) -> str:
    """Read a UTF-8 text file (regular, bounded); every OS/decoding failure is an ``InputError``."""
    data = read_bytes(path, what=what, limit=limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{what} is not valid UTF-8 (byte {exc.start})", file=path, line=line,
                         expected="UTF-8 text (re-encode the file, e.g. with iconv)") from exc


def check_write_target(path: str | Path, *, what: str = "output file",
                       replace_folder: bool = False) -> Path:
    """Refuse a write target that is not ours to replace: a device, FIFO, socket, symlink,
    or a folder (unless ``replace_folder``); refuse a parent that is not a folder."""
    target = Path(path)
    try:
        info = target.lstat()
    except FileNotFoundError:
        info = None
    except NotADirectoryError as exc:
        raise InputError(f"cannot write {what}: a parent is a file, not a folder", file=target) from exc
    except OSError as exc:
        raise _os_error(exc, target, action="write", what=what) from exc
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise InputError(f"{what} is a symbolic link; refusing to replace it", file=target,
                             expected="a regular file or a new path")
        if stat.S_ISDIR(info.st_mode) and not replace_folder:
            raise InputError(f"{what} is a directory", file=target, expected="a file path")
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
            raise InputError(f"{what} exists and is not a regular file (a device, FIFO or "
                             "socket); refusing to replace it", file=target,
                             expected="a regular file or a new path")
    for parent in target.parents:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                raise InputError(f"cannot write {what}: {parent} is not a folder", file=target)
            break
    return target


def check_distinct(source: str | Path, out: str | Path, *, what: str = "output") -> None:
    """``out`` must not be ``source`` (same path, a symlink or a hard link to it): writing
    it would destroy the input -- e.g. ``deid reveal --out`` over its own ciphertext."""
    src, dst = Path(source), Path(out)
    same = src.resolve() == dst.resolve()
    with contextlib.suppress(OSError):
        same = same or (src.exists() and dst.exists() and os.path.samefile(src, dst))
    if same:
        raise InputError(f"{what} would overwrite the input", file=dst,
                         expected="a different --out path")


def check_output_folder(path: str | Path, *, what: str = "output folder",
                        overwrite: bool = False) -> Path:
    """A folder we are about to fill: new, empty, or (``overwrite``) an existing folder,
    in a place we may write. Cheap, so callers run it before any expensive or
    irreversible step (training, spending budget)."""
    target = check_write_target(path, what=what, replace_folder=True)
    if target.exists() and not target.is_dir():
        raise InputError(f"{what} exists and is a file", file=target, expected="a folder path")
    if target.is_dir() and not overwrite and any(target.iterdir()):
        raise InputError(f"{what} already exists and is not empty", file=target,
                         expected="a new path, or --overwrite")
    existing = next(p for p in (target, *target.parents) if p.exists())
    if not os.access(existing, os.W_OK | os.X_OK):
        raise InputError(f"cannot write {what}: no permission to write in {existing}",
                         file=target)
    return target


def temporary_prefix(target: Path) -> str:
    """Prefix of our temporary names for ``target``: hidden, with the writer's pid."""
    return f".{target.name}.{os.getpid()}-"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(target: Path) -> int:
    """Remove temporaries a killed writer of ``target`` left behind; return how many.

    Only names we create (``.NAME.PID-XXXXXXXX.tmp``) whose process is gone are removed.
    """
    pattern = re.compile(re.escape(f".{target.name}.") + r"(\d+)-[A-Za-z0-9_]+" + re.escape(_TMP_SUFFIX) + "$")
    removed = 0
    try:
        siblings = list(target.parent.iterdir())
    except OSError:
        return 0
    for entry in siblings:
        match = pattern.match(entry.name)
        if match is None or int(match.group(1)) == os.getpid() or _pid_alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed += 1
    return removed


def make_staging_folder(target: str | Path, *, what: str = "output folder") -> Path:
    """A new hidden sibling folder of ``target`` to build it in, then rename into place.

    Named with our pid (``.NAME.PID-XXXXXXXX.tmp``) so that, when a run is killed, the next
    run for the same target removes it (:func:`remove_stale_temporaries`).
    """
    final = Path(target)
    _make_parent(final, what=what)
    remove_stale_temporaries(final)
    try:
        return Path(tempfile.mkdtemp(prefix=temporary_prefix(final), suffix=_TMP_SUFFIX,
                                     dir=final.parent))
    except OSError as exc:
        raise _os_error(exc, final, action="create", what=what) from exc


def _make_parent(target: Path, *, what: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise InputError(f"cannot write {what}: a parent is a file, not a folder", file=target) from exc
    except OSError as exc:
        raise _os_error(exc, target.parent, action="create the folder of", what=what) from exc


@contextlib.contextmanager
def atomic_path(path: str | Path, *, mode: int | None = None,
                what: str = "output file") -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it onto ``path`` on success.

    On any exception the temporary file is removed and ``path`` is left untouched; an
    OS failure while writing (full disk, permissions) becomes an ``InputError`` naming
    the file. ``mode`` (e.g. ``0o600``) is applied before the rename, so the final name
    never exists with looser permissions. ``path`` must be new or a regular file.
    """
    target = check_write_target(path, what=what)
    _make_parent(target, what=what)
    remove_stale_temporaries(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=temporary_prefix(target), suffix=_TMP_SUFFIX,
                                        dir=target.parent)
    except OSError as exc:
        raise _os_error(exc, target, action="write", what=what) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if mode is not None:
            os.chmod(tmp, mode)
        check_write_target(target, what=what)  # it may have changed while we wrote
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise _os_error(exc, target, action="write", what=what) from exc
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
