"""``dataprotocol budget show``: a dataset's cap, composed spend, remaining budget, runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from dataprotocol.cli._common import budget_app, console, emit_json

if TYPE_CHECKING:
    from dataprotocol.budget import BudgetStatus

#: environment variable naming the ledger (the default for --ledger)
LEDGER_ENV = "DATAPROTOCOL_LEDGER"


def show(
    ledger: str = typer.Option(
        "dataprotocol-ledger.sqlite", "--ledger", envvar=LEDGER_ENV,
        help=f"Ledger: a SQLite file, sqlite:///PATH or postgresql://[user@]host[:port]/db "
             f"(default ${LEDGER_ENV}, else ./dataprotocol-ledger.sqlite).",
    ),
    dataset: str | None = typer.Option(
        None, "--dataset", help="Show only this dataset id (default: every dataset)."),
    no_prv: bool = typer.Option(
        False, "--no-prv", help="Skip the PRV composition (informational; slow on long ledgers)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Show each dataset's (epsilon, delta) cap, composed spend, remaining budget and runs.

    Verifies the ledger's hash chain first. Exits 1 when the chain is broken or a dataset
    is over its cap, 2 when the ledger does not exist.
    """
    from dataprotocol.budget import Ledger

    book = Ledger(ledger, create=False)
    ids = [dataset] if dataset else book.datasets()
    statuses = [book.status(dataset_id, with_prv=not no_prv) for dataset_id in ids]
    over = [s.dataset_id for s in statuses if s.remaining_epsilon < 0]
    if as_json:
        emit_json({"ledger": book.location, "chain_verified": True,
                   "datasets": [s.to_dict() for s in statuses], "over_cap": over})
    else:
        _render(book.location, statuses)
    if over:
        raise typer.Exit(1)


def _render(path: str, statuses: list[BudgetStatus]) -> None:

    console.print(f"ledger [cyan]{path}[/] (hash chain verified)")
    if not statuses:
        console.print("no datasets registered")
    for status in statuses:
        colour = "red" if status.remaining_epsilon < 0 else "green"
        prv = "n/a" if status.prv_epsilon is None else f"{status.prv_epsilon:.3f}"
        console.print(
            f"\n[bold]{status.dataset_id}[/]  cap ε={status.epsilon_cap:g}, "
            f"δ={status.delta_cap:g}  spent ε=[bold]{status.spent_epsilon:.3f}[/] "
            f"(Rényi filter over {len(status.runs)} release(s))  "
            f"remaining ε=[{colour}]{status.remaining_epsilon:.3f}[/]")
        console.print(f"  for information: RDP {status.rdp_epsilon:.3f}, PRV {prv}, naive sum "
                      f"{status.naive_sum_epsilon:.3f} (δ sum {status.naive_sum_delta:g})")
        _runs_tables(status)


#: how ``budget show`` names each kind of spend (RunSummary.kind)
_KIND_TITLES = {"train": "training runs", "query": "query releases",
                "synthetic": "synthetic releases"}


def _runs_tables(status: BudgetStatus) -> None:
    """One table per kind of spend (training runs, query releases, synthetic tables)."""
    from rich.table import Table

    kinds = sorted({run.kind for run in status.runs}, key=lambda k: (k != "train", k))
    for kind in kinds:
        runs = [run for run in status.runs if run.kind == kind]
        table = Table(_KIND_TITLES.get(kind, kind), "state", "steps", "ε (alone)", "δ",
                      "recorded", "entry hash",
                      title=f"{_KIND_TITLES.get(kind, kind)} ({len(runs)})")
        for run in runs:
            table.add_row(_run_label(run), run.state, str(run.steps), f"{run.epsilon:.3f}",
                          f"{run.delta:g}", run.created_at[:19].replace("T", " "),
                          run.entry_hash[:12])
        console.print(table)


def _run_label(run: object) -> str:
    queries = getattr(run, "meta", {}).get("queries")
    run_id = str(getattr(run, "run_id", ""))
    return f"{run_id}\n" + "; ".join(map(str, queries)) if queries else run_id


def register(app: typer.Typer) -> None:
    """Attach ``budget show`` to the shared ``budget`` group."""
    budget_app.command("show")(show)
