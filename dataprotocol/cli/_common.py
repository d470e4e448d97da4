"""What every CLI command shares: consoles, JSON output, passphrase lookup.

Commands are thin (sqlite-utils style): parse, one library call, format. Library
errors become clean messages and exit codes only in :func:`dataprotocol.cli.main.main`.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import typer
from rich.console import Console

__all__ = [
    "console",
    "err_console",
    "emit_json",
    "passphrase_from_env",
    "PASSPHRASE_ENV",
    "budget_app",
]

def _console(*, stderr: bool = False) -> Console:
    """Piped output (a file, another program) is never hard-wrapped at 80 columns: lines keep
    their length (key ids, paths and reasons stay whole) and tables get room to fit."""
    stream = sys.stderr if stderr else sys.stdout
    piped = not stream.isatty() and "COLUMNS" not in os.environ
    return Console(stderr=stderr, highlight=False, soft_wrap=piped, width=240 if piped else None)


console = _console()
err_console = _console(stderr=True)

#: environment variable holding the passphrase of a private key file
PASSPHRASE_ENV = "DATAPROTOCOL_PASSPHRASE"


def emit_json(obj: Any) -> None:
    """Write one JSON object on stdout (the ``--json`` contract)."""
    sys.stdout.write(json.dumps(obj, indent=2, sort_keys=True, default=str) + "\n")
    sys.stdout.flush()


def passphrase_from_env() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None


#: ``dataprotocol budget ...``: shared by ``_budget`` (show) and ``_audit`` (audit).
budget_app = typer.Typer(
    help="Privacy budgets: the per-dataset ledger and model-card audits.", no_args_is_help=True
)


#: the arguments of the running ``main()`` call (``train --nproc`` relaunches them)
_ARGV: list[str] = []


def set_argv(args: list[str]) -> None:
    _ARGV[:] = args


def current_argv() -> list[str]:
    return list(_ARGV)
