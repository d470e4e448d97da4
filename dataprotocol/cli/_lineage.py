"""``dataprotocol lineage``: what was made from a package, under a grant, or a model's sources."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from dataprotocol.cli._common import console, emit_json
from dataprotocol.errors import InputError

if TYPE_CHECKING:
    from dataprotocol.lineage import LineageAnswer, RevocationImpact


def _grant_id(value: str) -> str:
    """A grant id, or a grant file (its payload's grant_id, read unverified)."""
    path = Path(value)
    if not path.is_file():
        return value
    from dataprotocol._files import load_json

    document = load_json(path, what="grant")
    try:
        return str(document["payload"]["grant_id"])
    except (KeyError, TypeError) as exc:
        raise InputError("not a signed grant", file=path, field="payload.grant_id") from exc


def lineage(
    package: str | None = typer.Option(None, "--package", help="Data package: everything made from its manifest."),
    manifest: str | None = typer.Option(None, "--manifest", help="A manifest id (instead of --package)."),
    grant: str | None = typer.Option(None, "--grant", help="A grant id or grant file: everything made under it (what revoking it touches)."),
    model: Path | None = typer.Option(None, "--model", help="A model directory: its data, grants, licences and budget."),
    ledger: str | None = typer.Option(None, "--ledger", help="The dataset's ledger (SQLite file or URL)."),
    records: list[Path] = typer.Option([], "--records", help="Folder or file of signed records: model dirs, *.release.json, synthetic provenance, packages published from synthetic tables (repeatable)."),
    dot: Path | None = typer.Option(None, "--dot", help="Also draw the answer: .dot/.gv (DOT source), .svg/.png (rendered by Graphviz' dot)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Answer lineage questions from the ledger and the signed records alone.

    Exactly one of --package/--manifest, --grant, --model. Exit 2 on bad input.
    """
    from dataprotocol import lineage as lin
    from dataprotocol.budget import Ledger

    chosen = [x for x in (package or manifest, grant, model) if x]
    if len(chosen) != 1:
        raise InputError("ask one question", field="--package/--manifest/--grant/--model",
                         expected="exactly one of them")
    book = Ledger(ledger) if ledger else None
    graph = lin.build_lineage(ledger=book, records=[*records, *([model] if model else [])])
    answer = _ask(lin, graph, book, package=package, manifest=manifest, grant=grant,
                  model=model)
    if dot is not None:
        lin.write_picture(answer.graph, dot)
    if as_json:
        emit_json(answer.to_dict())
    else:
        _render(answer, dot)


def _ask(lin: Any, graph: Any, book: Any, *, package: str | None, manifest: str | None,
         grant: str | None, model: Path | None) -> LineageAnswer:
    if grant:
        return lin.made_under_grant(graph, grant_id=_grant_id(grant))  # type: ignore[no-any-return]
    if model:
        return lin.model_lineage(graph, model_dir=model, ledger=book)  # type: ignore[no-any-return]
    if package:
        from dataprotocol.package import read_manifest

        found = read_manifest(package)
        manifest_id, dataset_id = found.manifest_id, found.card.dataset_id
    else:
        node = graph.nodes.get(f"manifest:{manifest}")
        manifest_id = str(manifest)
        dataset_id = str(node.attrs.get("dataset_id")) if node else ""
    return lin.made_from_package(graph, manifest_id=manifest_id,  # type: ignore[no-any-return]
                                 dataset_id=str(dataset_id))


def _render(answer: LineageAnswer, dot: Path | None) -> None:
    from rich.table import Table

    table = Table("kind", "id", "spend / state", "ε", "detail",
                  title=f"{answer.question}: {answer.subject}")
    for node in answer.items():
        a = node.attrs
        spend = f"{a.get('spend', '')} {a.get('state', '')}".strip()
        detail = "; ".join(a.get("queries") or []) or a.get("path") or ""
        if a.get("verified") is False:
            detail = f"DOES NOT VERIFY ({a['problem']}) {detail}" if a.get("problem") \
                else f"SIGNATURE DOES NOT VERIFY {detail}"
        eps = a.get("epsilon")
        table.add_row(node.kind, node.label, spend, "" if eps is None else f"{float(eps):.3g}",
                      str(detail))
    console.print(table)
    sources = [n for n in answer.graph.nodes.values() if n.kind in ("dataset", "manifest", "grant")]
    console.print("from: " + ", ".join(f"{n.kind} {n.label}" for n in sources))
    if answer.budget:
        b = answer.budget
        console.print(f"budget of {b['dataset_id']}: spent ε={b['spent_epsilon']:.3f} of "
                      f"{b['epsilon_cap']:g} (δ={b['delta_cap']:g})")
    if dot is not None:
        console.print(f"picture: {dot}")


def revocation_impact(grant_ids: list[str], *, ledger: str | None,
                      records: list[Path]) -> RevocationImpact:
    """``grant revoke --impact``: the library answer for these grants."""
    from dataprotocol import lineage as lin
    from dataprotocol.budget import Ledger

    if not ledger and not records:
        raise InputError("nothing to look in for the impact", field="--impact",
                         expected="--ledger LEDGER and/or --records DIR")
    return lin.revocation_impact(grant_ids=grant_ids, ledger=Ledger(ledger) if ledger else None,
                                 records=records)


def print_impact(impact: RevocationImpact) -> None:
    """The impact as a table: one row per affected artefact, then what was not counted."""
    from rich.table import Table

    table = Table("kind", "id", "spend / state", "ε", "detail",
                  title=f"revoking {', '.join(impact.grant_ids)} touches")
    for node in impact.affected:
        a = node.attrs
        eps = a.get("epsilon")
        table.add_row(node.kind, node.label,
                      f"{a.get('spend', '')} {a.get('state', '')}".strip(),
                      "" if eps is None else f"{float(eps):.3g}",
                      "; ".join(a.get("queries") or []) or str(a.get("path") or ""))
    console.print(table)
    counts = impact.counts()
    console.print("impact: " + ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
                  if any(counts.values()) else "impact: nothing found")
    for node in impact.unverified:
        why = node.attrs.get("problem") or "signature does not verify"
        console.print(f"not counted ({why}): {node.kind} {node.attrs.get('path')}", soft_wrap=True)
    for grant in impact.unknown_grants:
        console.print(f"grant {grant}: nothing in the ledger or records names it")


def register(app: typer.Typer) -> None:
    app.command("lineage")(lineage)
