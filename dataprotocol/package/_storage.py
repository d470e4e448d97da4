"""Where packages live: a local folder by default, any fsspec URL (s3://, gs://, ...) else.

Nothing half-written (DESIGN.md): locally the package is built in a hidden sibling
folder and renamed into place when complete. On object stores, which have no atomic
rename of a folder, shards are written first and ``manifest.json`` last: a package
without its manifest is not a package, so a crash leaves nothing a reader would accept.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import fsspec
from fsspec.implementations.local import LocalFileSystem

from dataprotocol._files import (
    MAX_DOCUMENT_BYTES,
    check_input_file,
    check_write_target,
    make_staging_folder,
    read_bytes,
)
from dataprotocol.errors import InputError

__all__ = ["Location", "locate", "staged_package", "MANIFEST_NAME"]

MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class Location:
    """A package root on some filesystem."""

    fs: Any
    root: str
    display: str

    @property
    def is_local(self) -> bool:
        return isinstance(self.fs, LocalFileSystem)

    def path(self, relative: str) -> str:
        if relative.startswith("/") or ".." in relative.split("/"):
            raise InputError("path escapes the package folder", field=relative)
        return self.root.rstrip("/") + "/" + relative

    def name(self, relative: str) -> str:
        """A human-readable name of a file of the package (for error messages)."""
        return self.display.rstrip("/") + "/" + relative

    def open(self, relative: str, mode: str = "rb") -> IO[bytes]:
        if self.is_local and "r" in mode and os.path.exists(self.path(relative)):
            check_input_file(self.path(relative), what=relative)  # a FIFO would block forever
        return _remote(self, lambda: self.fs.open(self.path(relative), mode))  # type: ignore[no-any-return]

    def exists(self, relative: str) -> bool:
        return bool(_remote(self, lambda: self.fs.exists(self.path(relative))))

    def root_exists(self) -> bool:
        """Whether the root itself (a package folder, or an input file) exists."""
        return bool(_remote(self, lambda: self.fs.exists(self.root)))

    def size(self, relative: str) -> int:
        return int(_remote(self, lambda: self.fs.size(self.path(relative))))

    def read_bytes(self, relative: str, *, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
        """A whole small file (a manifest): regular files only, at most ``limit`` bytes."""
        if self.is_local:
            if not os.path.exists(self.path(relative)):
                raise FileNotFoundError(self.path(relative))
            return read_bytes(self.path(relative), what=relative, limit=limit)
        with self.open(relative) as handle:
            data: bytes = _remote(self, lambda: handle.read(limit + 1))
        if len(data) > limit:
            raise InputError(f"{relative} is too large", file=self.name(relative),
                             expected=f"at most {limit:,} bytes")
        return data


def _remote(location: Location, call: Callable[[], Any]) -> Any:
    """Run a storage call; a remote store's failure (unreachable host, refused
    credentials -- each backend raises its own types) is an ``InputError`` naming it."""
    if location.is_local:
        return call()
    try:
        return call()
    except (InputError, FileNotFoundError):
        raise
    except Exception as exc:  # noqa: BLE001 - fsspec backends raise arbitrary types
        raise InputError(f"storage location unreachable: {type(exc).__name__}",
                         file=location.display) from exc


def locate(package: str | Path) -> Location:
    """Resolve a local path or fsspec URL to a :class:`Location`."""
    text = str(package)
    try:
        fs, root = fsspec.core.url_to_fs(text)
    except (ImportError, ValueError, TypeError) as exc:
        raise InputError(f"cannot open storage location: {exc}", file=text,
                         expected="a local path or a URL of an installed fsspec protocol") from exc
    except Exception as exc:  # noqa: BLE001 - a backend's constructor may fail in any way
        raise InputError(f"cannot open storage location: {type(exc).__name__}", file=text) from exc
    return Location(fs=fs, root=root, display=text)


@contextlib.contextmanager
def staged_package(out: str | Path) -> Iterator[Location]:
    """Yield a location to build a package in; it appears at ``out`` only on success."""
    final = locate(out)
    if final.is_local:  # a file, a device or a symlink at ``out`` is not ours to replace
        check_write_target(final.root, what="output package", replace_folder=True)
        if Path(final.root).exists() and not Path(final.root).is_dir():
            raise InputError("output package path is a file", file=final.display,
                             expected="a path that does not exist yet (or an empty folder)")
    if final.root_exists() and (not final.is_local or os.listdir(final.root)):
        raise InputError("output package already exists", file=final.display,
                         expected="a path that does not exist yet (or an empty folder)")
    if not final.is_local:
        yield final
        return
    target = Path(final.root)
    staging = make_staging_folder(target, what="output package")
    try:
        yield Location(fs=final.fs, root=str(staging), display=final.display)
        if target.exists():
            target.rmdir()  # empty, checked above
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
