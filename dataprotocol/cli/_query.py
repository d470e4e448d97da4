"""``dataprotocol query``: DP statistics on a granted package, charged to its ledger."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from dataprotocol.cli._common import console, emit_json, passphrase_from_env

if TYPE_CHECKING:
    from dataprotocol.query import QueryResult


def query(
    package: str = typer.Argument(..., help="Data package directory (contains manifest.json)."),
    queries: list[str] = typer.Argument(..., help="Statistics: count | sum(COL[,LO,HI]) | "
                                        "mean(COL[,LO,HI]) | count_by(COL) | "
                                        "quantile(COL,Q[,LO,HI]) | median(COL)."),
    grant: Path = typer.Option(..., "--grant", help="Signed grant file allowing action 'query'."),
    key: Path = typer.Option(..., "--key", help="Your private key file (the grantee; signs the release record)."),
    purpose: str = typer.Option(..., "--purpose", help="Purpose of the queries (must be granted)."),
    epsilon: float = typer.Option(..., "--epsilon", help="Epsilon the whole batch may spend (split evenly over the queries)."),
    delta: float | None = typer.Option(None, "--delta", help="With delta: Gaussian noise (zCDP); without: pure-DP Laplace."),
    ledger: Path | None = typer.Option(None, "--ledger", help="Budget ledger SQLite file (default dataprotocol-ledger.sqlite)."),
    out: Path | None = typer.Option(None, "--out", help="Write the answers as CSV here (the release record goes beside it)."),
    record: Path | None = typer.Option(None, "--record", help="Where to write the signed release record (default OUT.release.json or RELEASE_ID.release.json)."),
    rows_per_unit: int | None = typer.Option(None, "--rows-per-unit", help="User-level DP (required when the card names a privacy_unit): keep at most K rows per unit; noise is calibrated to one unit = K rows."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Answer QUERY... with differential privacy through a grant; every release is reserved
    and committed on the dataset's ledger, composed with its training runs.

    Refused (exit 1, nothing spent, no row read) unless the policy allows action 'query'
    for the purpose and the ledger holds the budget; exit 2 for a malformed query or a
    column without public bounds / categories in the dataset card.
    """
    from dataprotocol.keys import load_keypair
    from dataprotocol.query import query_package

    keypair = load_keypair(key, passphrase=passphrase_from_env())
    result = query_package(package, grant=grant, key=keypair, purpose=purpose,
                           queries=queries, epsilon=epsilon, delta=delta, ledger=ledger,
                           record=record, answers_out=out, rows_per_unit=rows_per_unit)
    if as_json:
        emit_json(result.to_dict())
        return
    _render(result)


def _render(result: QueryResult) -> None:
    from rich.table import Table

    payload = result.payload
    table = Table("query", "answer", "mechanism", "scale", title=f"release {payload['release_id']}")
    for item in payload["queries"]:
        answer = item["answer"]
        text = ", ".join(f"{k}={v}" for k, v in answer.items()) if isinstance(answer, dict) \
            else f"{answer:.6g}" if isinstance(answer, float) else str(answer)
        parts = item["parts"]
        table.add_row(item["text"], text, " + ".join(p["mechanism"] for p in parts),
                      " / ".join(f"{p['scale']:.4g}" for p in parts))
    console.print(table)
    ledger = payload["ledger"]
    unit = payload.get("privacy_unit")
    console.print("privacy unit: " + (f"{unit['column']} (at most {unit['max_rows_per_unit']} "
                                      "rows each)" if unit else "one row"))
    console.print(f"charged ε={payload['epsilon']:.4g} (δ={payload['delta']:g}) to the ledger; "
                  f"dataset spent ε={ledger['cumulative_epsilon']:.3f} of {ledger['epsilon_cap']:g}")
    console.print(f"signed release record: {result.record_path}")


def register(app: typer.Typer) -> None:
    app.command("query")(query)
