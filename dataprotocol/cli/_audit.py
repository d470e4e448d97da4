"""``dataprotocol budget audit MODEL_DIR``: check a released model's privacy claim offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from dataprotocol.cli._common import budget_app, console, emit_json
from dataprotocol.errors import InputError


def _open_ledger(location: str) -> Any:
    # Never create a ledger while auditing: a missing file is a typo, not an empty ledger.
    if "://" not in location and not Path(location).is_file():
        raise InputError("ledger not found", file=location, expected="an existing ledger file")
    from dataprotocol.budget import Ledger

    return Ledger(location, create=False)


def _print_report(report: Any) -> None:
    from rich.table import Table

    table = Table(title=f"budget audit: {report.model_dir} (run {report.run_id})")
    table.add_column("check")
    table.add_column("result")
    table.add_column("detail", overflow="fold")
    for check in report.checks:
        table.add_row(check.name, "[green]pass[/]" if check.passed else "[bold red]FAIL[/]",
                      check.detail)
    console.print(table)
    if report.passed:
        console.print("[green]audit passed[/]: every check holds")
    else:
        names = ", ".join(c.name for c in report.failures)
        console.print(f"[bold red]audit failed[/]: {names}")


def audit(
    model_dir: Path = typer.Argument(..., help="Model directory with privacy.json and README.md, "
                                     "or a query release record (*.release.json)."),
    ledger: str | None = typer.Option(
        None, "--ledger",
        help="Budget ledger (SQLite file, sqlite:/// or postgresql:// URL) to check the run, "
        "its hash chain and the cap against.",
    ),
    trainer_key: Path | None = typer.Option(
        None, "--trainer-key",
        help="The trainer's public identity (.pub) to pin; default: the identity embedded in "
        "privacy.json (proves integrity, not who trained).",
    ),
    tolerance: float = typer.Option(
        0.01, "--tolerance", help="Relative slack when comparing epsilons (0.01 = 1%)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Audit a model card: recompute epsilon (Opacus and dp_accounting), check weights
    hashes, the signature, the README front matter, the ledger and the empirical audit.
    Or audit a DP query release record: signature, epsilon, each OpenDP mechanism
    rebuilt from its recorded scale, the answers file's hash and the ledger entry.

    Exit 0 when every check passes, 1 when any fails (each named), 2 on bad input.
    """
    from dataprotocol.keys import load_identity
    from dataprotocol.records import audit_model_dir

    identity = load_identity(trainer_key) if trainer_key is not None else None
    ledger_obj = _open_ledger(ledger) if ledger is not None else None
    if model_dir.is_file():  # a release record (a model is a directory)
        from dataprotocol.query import audit_query_release

        report = audit_query_release(model_dir, ledger=ledger_obj, signer_identity=identity)
    else:
        report = audit_model_dir(model_dir, ledger=ledger_obj, trainer_identity=identity,
                                 tolerance=tolerance)
    if as_json:
        emit_json(report.to_dict())
    else:
        _print_report(report)
    if not report.passed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Attach ``budget audit`` to the shared ``budget`` group."""
    budget_app.command("audit")(audit)
