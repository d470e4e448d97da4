"""Safe write targets, staging folders and atomic writes (see ``dataprotocol._files``)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from dataprotocol._files._reads import _os_error
from dataprotocol.errors import InputError

_TMP_SUFFIX = ".tmp"


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
