"""``dataprotocol card export``: a dataset card in another metadata format."""

from __future__ import annotations

from pathlib import Path

import typer

from dataprotocol.cli._common import console, emit_json
from dataprotocol.errors import InputError
from dataprotocol.package import export_croissant

card_app = typer.Typer(help="Dataset cards: show, export to other metadata formats, audit a synthetic package's DP claim.", no_args_is_help=True)

FORMATS = ("croissant",)


@card_app.command("export")
def card_export(
    source: str = typer.Argument(..., help="A package directory (or URL), or a dataset card YAML."),
    fmt: str = typer.Option("croissant", "--format", help="croissant (MLCommons Croissant 1.0 JSON-LD, with RAI)."),
    out: Path = typer.Option(..., "--out", help="File to write (e.g. croissant.json)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Export the dataset card (licence, intended uses, personal information, DP budget, shards)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}", field="--format", expected=" | ".join(FORMATS))
    doc = export_croissant(source, out)
    if as_json:
        emit_json({"format": fmt, "out": str(out), "name": doc["name"],
                   "files": len(doc.get("distribution", [])),
                   "fields": sum(len(r["field"]) for r in doc.get("recordSet", []))})
    else:
        console.print(f"wrote {out} (Croissant 1.0 + RAI) for dataset {doc['name']}")


@card_app.command("show")
def card_show(
    package: str = typer.Argument(..., metavar="PKG", help="Package folder (path or fsspec URL)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Show a package's signed dataset card, and a synthetic package's DP guarantee."""
    from rich.markup import escape

    from dataprotocol.package import read_manifest, synthetic_claim

    manifest = read_manifest(package)
    card, block = manifest.card, synthetic_claim(manifest)
    if as_json:
        emit_json({"package": package, "manifest_id": manifest.manifest_id, "rows": manifest.rows,
                   "card": card.to_dict(), "synthetic": block})
        return
    console.print(f"[bold]{escape(card.title)}[/] ({card.dataset_id} v{card.version}), "
                  f"{manifest.rows} rows, licence {card.license}", highlight=False)
    console.print(f"  cite as: {escape(card.credit())}", highlight=False)
    console.print(f"  purposes: {', '.join(card.purposes)}; budget ε {card.budget_epsilon:g}, "
                  f"δ {card.budget_delta:g}", highlight=False)
    if block is None:
        return
    console.print(f"  [bold]synthetic data[/]: inherits (ε = {block['epsilon']:.4g}, "
                  f"δ = {block['delta']:g}, {block['accountant']}) of generator run "
                  f"{block['model_run_id']}", highlight=False)
    console.print(f"    generator privacy.json sha256 {block['model_privacy_sha256']}; ledger "
                  f"entry {block.get('ledger_entry')}", highlight=False)
    for src in block["sources"]:
        console.print(f"    source {escape(str(src.get('dataset_id')))} "
                      f"v{escape(str(src.get('dataset_version')))} ({src.get('license')})",
                      highlight=False)
    for item in block["obligations"]:
        console.print(f"    obligation ({item['kind']}, {item['license']}): {escape(item['text'])}",
                      highlight=False)


@card_app.command("audit")
def card_audit(
    package: str = typer.Argument(..., metavar="PKG", help="A synthetic package folder (path or URL)."),
    generator: Path = typer.Option(..., "--generator", help="The generator model directory (its signed privacy.json)."),
    ledger: Path | None = typer.Option(None, "--ledger", help="The source dataset's ledger (SQLite path or URL); without it the spend check fails."),
    trainer_key: Path | None = typer.Option(None, "--trainer-key", help="The trainer's public identity (.pub) to pin."),
    publisher: Path | None = typer.Option(None, "--publisher", help="The synthetic package's publisher identity (.pub) to pin."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Check a synthetic package's DP claim against its generator's signed privacy record and
    the ledger (exit 1 when any check fails)."""
    from rich.table import Table

    from dataprotocol.budget import Ledger
    from dataprotocol.keys import load_identity
    from dataprotocol.records import audit_synthetic_package

    report = audit_synthetic_package(
        package, model_dir=generator, ledger=Ledger(str(ledger)) if ledger is not None else None,
        trainer_identity=load_identity(trainer_key) if trainer_key is not None else None,
        publisher=load_identity(publisher) if publisher is not None else None)
    if as_json:
        emit_json(report.to_dict())
    else:
        table = Table(title=f"synthetic audit: {package} (generator run {report.run_id})")
        for column in ("check", "result", "detail"):
            table.add_column(column, overflow="fold")
        for check in report.checks:
            table.add_row(check.name, "[green]pass[/]" if check.passed else "[bold red]FAIL[/]",
                          check.detail)
        console.print(table)
        console.print("[green]audit passed[/]" if report.passed else
                      "[bold red]audit failed[/]: " + ", ".join(c.name for c in report.failures))
    if not report.passed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(card_app, name="card")
