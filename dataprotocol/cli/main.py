"""The ``dataprotocol`` command.

Each layer registers its commands from its own module (``_keys``, ``_policy``, ...);
this file only builds the root app and maps library errors to exit codes:
0 success/allowed, 1 a decision or check said no, 2 bad input or usage.
"""

from __future__ import annotations

import sys

import typer
from rich.markup import escape

from dataprotocol.cli import _audit, _budget, _deid, _demo, _keys, _license, _package, _policy, _query, _train
from dataprotocol.cli._common import budget_app, err_console
from dataprotocol.errors import DataProtocolError, InputError

__all__ = ["app", "main", "run"]

app = typer.Typer(
    name="dataprotocol",
    help="Privacy-preserving data sharing for ML: licenses, grants, PII scrubbing, "
    "encrypted packages, DP-SGD training and privacy-budget audits.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root() -> None:
    """Privacy-preserving data sharing for ML (see docs/cli.md)."""


for _module in (_keys, _license, _policy, _deid, _package, _budget, _audit, _train, _query, _demo):
    _module.register(app)
app.add_typer(budget_app, name="budget")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (used by tests and the console script)."""
    try:
        result = app(args=argv, prog_name="dataprotocol", standalone_mode=False)
        return int(result) if isinstance(result, int) else 0
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        err_console.print("aborted")
        return 1
    except InputError as exc:
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True)
        return 2
    except DataProtocolError as exc:
        err_console.print(f"[bold red]{type(exc).__name__}:[/] {escape(str(exc))}", soft_wrap=True)
        return exc.exit_code
    except KeyboardInterrupt:
        err_console.print("interrupted")
        return 130
    except OSError as exc:
        # The library turns the OS failures it expects into InputError; this is the net
        # for the rest (a file swapped mid-run, a disk filling up): name the file, the
        # reason, never a traceback. Exit 2: the environment or the input is at fault.
        where = f"{exc.filename}: " if exc.filename else ""
        reason = exc.strerror or type(exc).__name__
        err_console.print(f"[bold red]error:[/] {escape(where + reason)}", soft_wrap=True)
        return 2
    except RecursionError:
        err_console.print("[bold red]error:[/] input is nested too deeply", soft_wrap=True)
        return 2
    except Exception as exc:
        # Click's (typer-vendored) usage errors: they know how to show themselves.
        show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()
            return code
        raise


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
