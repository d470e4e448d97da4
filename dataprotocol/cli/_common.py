"""What every CLI command shares: consoles, JSON output, passphrase lookup.

Commands are thin (sqlite-utils style): parse, one library call, format. Library
errors become clean messages and exit codes only in :func:`dataprotocol.cli.main.main`.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from rich.console import Console

__all__ = ["console", "err_console", "emit_json", "passphrase_from_env", "PASSPHRASE_ENV"]

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

#: environment variable holding the passphrase of a private key file
PASSPHRASE_ENV = "DATAPROTOCOL_PASSPHRASE"


def emit_json(obj: Any) -> None:
    """Write one JSON object on stdout (the ``--json`` contract)."""
    sys.stdout.write(json.dumps(obj, indent=2, sort_keys=True, default=str) + "\n")
    sys.stdout.flush()


def passphrase_from_env() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None
