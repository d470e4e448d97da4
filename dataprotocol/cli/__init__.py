"""The ``dataprotocol`` command line: thin wrappers over the library."""

from __future__ import annotations

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    from dataprotocol.cli.main import main as _main

    return _main(argv)
