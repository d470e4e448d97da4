"""``dataprotocol budget show | init | vouch | grant-append-only``: a dataset's ledger --
its spend, its creation by the publisher (signed genesis), the heads the publisher vouches
for, and the PostgreSQL role a grantee writes with."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from dataprotocol.cli._common import budget_app, console, emit_json, passphrase_from_env

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

    book = Ledger(ledger)
    ids = [dataset] if dataset else book.datasets()
    statuses = [book.status(dataset_id, with_prv=not no_prv) for dataset_id in ids]
    over = [s.dataset_id for s in statuses if s.remaining_epsilon < 0]
    if as_json:
        emit_json({"ledger": book.location, "chain_verified": True,
                   "identity": book.identity().to_dict(), "head": book.head().to_dict(),
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


def init(
    dataset_card: Path = typer.Option(..., "--dataset-card", help="The dataset card (its id, budget and publisher)."),
    key: Path = typer.Option(..., "--key", help="The publisher's private key: signs the ledger's genesis."),
    ledger: str = typer.Option(..., "--ledger", help="Ledger to create (path or sqlite:/// URL); must not exist, its folder must."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Create the dataset's ledger with a genesis entry signed by its publisher.

    (``publish --ledger`` does this too.) Every spend on the dataset must go to this
    ledger: manifests and grants pin its id, and train refuses any other.
    """
    from dataprotocol.keys import load_keypair
    from dataprotocol.policy import load_dataset_card
    from dataprotocol.records import create_dataset_ledger

    book, ref = create_dataset_ledger(ledger, card=load_dataset_card(dataset_card),
                                      publisher=load_keypair(key, passphrase=passphrase_from_env()))
    if as_json:
        emit_json({"ledger": str(book.path), **ref.to_dict()})
        return
    console.print(f"created ledger [cyan]{ref.ledger_id}[/] at {book.path} "
                  f"(genesis {ref.genesis_hash[:16]}, publisher {ref.publisher_key_id})")


def vouch(
    ledger: str = typer.Option(..., "--ledger", help="The dataset's ledger (path or URL)."),
    key: Path = typer.Option(..., "--key", help="The publisher's private key (the genesis' signer)."),
    out: Path = typer.Option(..., "--out", help="Where to write the signed head (JSON); keep a copy outside the ledger."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Sign the ledger's current head (seq + entry hash) as its publisher.

    ``budget audit --head FILE`` then fails a ledger truncated below that head, and a
    copy or fork of the ledger that diverged before it.
    """
    from dataprotocol._files import atomic_write_text
    from dataprotocol.budget import Ledger
    from dataprotocol.keys import load_keypair
    from dataprotocol.records import vouch_ledger_head

    document = vouch_ledger_head(Ledger(ledger),
                                 publisher=load_keypair(key, passphrase=passphrase_from_env()))
    atomic_write_text(out, json.dumps(document, indent=2, sort_keys=True) + "\n")
    payload = document["payload"]
    if as_json:
        emit_json({"head": str(out), "ledger_id": payload["ledger_id"], "seq": payload["seq"],
                   "entry_hash": payload["entry_hash"]})
        return
    console.print(f"vouched for {payload['ledger_id']} up to seq {payload['seq']} "
                  f"({payload['entry_hash'][:16]}) -> {out}")
def grant_append_only(
    ledger: str = typer.Option(..., "--ledger", envvar=LEDGER_ENV,
                               help="The PostgreSQL ledger (postgresql://OWNER@host[:port]/db), "
                                    "connected to as its owner."),
    role: str = typer.Option(..., "--role", help="The grantee's PostgreSQL role (must exist)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Let a grantee's PostgreSQL role read the ledger and append entries, nothing else.

    SELECT on the ledger's tables and INSERT on its entries; PUBLIC and the role lose
    every other right (the append-only trigger refuses UPDATE/DELETE/TRUNCATE to every
    role anyway). Run as the ledger's owner. Exit 2 for a ledger that is not PostgreSQL.
    """
    from dataprotocol.budget import grant_append_only as grant
    from dataprotocol.budget import redact_ledger_url as redact

    grant(ledger, role)
    if as_json:
        emit_json({"ledger": redact(ledger), "role": role,
                   "rights": {"ledger_info": ["SELECT"], "datasets": ["SELECT"],
                              "entries": ["SELECT", "INSERT"]}})
        return
    console.print(f"role [cyan]{role}[/] may read {redact(ledger)} and append entries "
                  "(no UPDATE, DELETE or TRUNCATE)")


def _run_label(run: object) -> str:
    queries = getattr(run, "meta", {}).get("queries")
    run_id = str(getattr(run, "run_id", ""))
    return f"{run_id}\n" + "; ".join(map(str, queries)) if queries else run_id


def register(app: typer.Typer) -> None:
    """Attach ``budget show``, ``init``, ``vouch`` and ``grant-append-only`` to the shared ``budget`` group."""
    budget_app.command("show")(show)
    budget_app.command("init")(init)
    budget_app.command("vouch")(vouch)
    budget_app.command("grant-append-only")(grant_append_only)
