"""Bounded reads of regular files, and the limits every parser applies (see ``dataprotocol._files``)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from dataprotocol.errors import InputError

#: largest signed document / card / key / config we read (a manifest of 100k shards is ~40 MB)
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
#: deepest nesting a document may have (ours are < 10 deep)
MAX_DEPTH = 64
#: most values a YAML document may expand to: stops alias "billion laughs" (cards and
#: configs hold a few hundred; JSON has no aliases, its size is bounded by its bytes)
MAX_YAML_NODES = 100_000
#: most digits of a JSON integer (ours are counts and timestamps)
MAX_INT_DIGITS = 64


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
