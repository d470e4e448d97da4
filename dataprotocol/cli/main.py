"""The ``dataprotocol`` command.

Each layer registers its commands from its own module (``_keys``, ``_policy``, ...);
this file only builds the root app and maps library errors to exit codes:
0 success/allowed, 1 a decision or check said no, 2 bad input or usage.
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version
from typing import Optional

import typer
from rich.markup import escape

from dataprotocol.cli import (
    _audit,
    _budget,
    _card,
    _deid,
    _demo,
    _keys,
    _license,
    _lineage,
    _package,
    _policy,
    _query,
    _train,
)
from dataprotocol.cli._common import budget_app, emit_json, err_console, set_argv
from dataprotocol.errors import DataProtocolError, InputError

__all__ = ["app", "main", "run"]

app = typer.Typer(
    name="dataprotocol",
    help="Privacy-preserving data sharing for ML: licenses, grants, PII scrubbing, "
    "encrypted packages, DP-SGD training and privacy-budget audits.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish, PowerShell
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version() -> str:
    try:
        return version("dataprotocol")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"dataprotocol {_version()}")
        raise typer.Exit(0)


@app.callback()
def _root(
    show_version: Optional[bool] = typer.Option(None, "--version", callback=_show_version, is_eager=True,
                                                help="Print the version and exit."),
) -> None:
    """Privacy-preserving data sharing for ML (see docs/cli.md)."""


for _module in (_keys, _license, _policy, _deid, _package, _card, _budget, _audit, _train, _query, _lineage, _demo):
    _module.register(app)
app.add_typer(budget_app, name="budget")


def _fail(argv: list[str], message: str, code: int, kind: str) -> int:
    """One error: a line on stderr, and under ``--json`` also ``{"error", "code", "type"}`` on
    stdout, so a script that reads stdout always gets one JSON object."""
    err_console.print(message, soft_wrap=True)
    if "--json" in argv:
        plain = message.split("[/] ", 1)[-1] if message.startswith("[bold red]") else message
        emit_json({"error": plain, "code": code, "type": kind})
    return code


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (used by tests and the console script)."""
    args = list(sys.argv[1:] if argv is None else argv)
    set_argv(args)
    try:
        result = app(args=argv, prog_name="dataprotocol", standalone_mode=False)
        return int(result) if isinstance(result, int) else 0
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        return _fail(args, "aborted", 1, "Abort")
    except InputError as exc:
        return _fail(args, f"[bold red]error:[/] {escape(str(exc))}", 2, type(exc).__name__)
    except DataProtocolError as exc:
        return _fail(args, f"[bold red]{type(exc).__name__}:[/] {escape(str(exc))}", exc.exit_code,
                     type(exc).__name__)
    except KeyboardInterrupt:
        return _fail(args, "interrupted", 130, "KeyboardInterrupt")
    except OSError as exc:
        # The library turns the OS failures it expects into InputError; this is the net
        # for the rest (a file swapped mid-run, a disk filling up): name the file, the
        # reason, never a traceback. Exit 2: the environment or the input is at fault.
        where = f"{exc.filename}: " if exc.filename else ""
        reason = exc.strerror or type(exc).__name__
        return _fail(args, f"[bold red]error:[/] {escape(where + reason)}", 2, "OSError")
    except RecursionError:
        return _fail(args, "[bold red]error:[/] input is nested too deeply", 2, "InputError")
    except Exception as exc:
        # Click's (typer-vendored) usage errors: they know how to show themselves.
        show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()
            if "--json" in args:
                message = getattr(exc, "format_message", None)
                emit_json({"error": str(message() if callable(message) else exc), "code": code,
                           "type": "UsageError"})
            return code
        raise


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
