"""``dataprotocol card export``: a dataset card in another metadata format."""

from __future__ import annotations

from pathlib import Path

import typer

from dataprotocol.cli._common import console, emit_json
from dataprotocol.errors import InputError
from dataprotocol.package import export_croissant

card_app = typer.Typer(help="Dataset cards in other metadata formats.", no_args_is_help=True)

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


def register(app: typer.Typer) -> None:
    app.add_typer(card_app, name="card")
