"""``dataprotocol publish``, ``dataprotocol open`` and ``dataprotocol verify``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.markup import escape

from dataprotocol.cli._common import console, emit_json, err_console, passphrase_from_env
from dataprotocol.errors import InputError


def _pii_columns(values: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        column, sep, entity = item.partition("=")
        if not sep or not column or not entity:
            raise InputError(f"bad --pii-column {item!r}", field="--pii-column",
                             expected="COLUMN=ENTITY_TYPE, e.g. email=EMAIL_ADDRESS")
        out[column] = entity.strip().upper()
    return out


def _synthetic_options(synthetic: bool, *, provenance: Path | None, grant: list[Path],
                       source_package: list[str], purpose: str | None) -> None:
    """--provenance/--grant/--source-package/--purpose go with --synthetic, and it needs
    the last three: publishing derived data is publish-data under the source's grant."""
    given = {"--provenance": provenance is not None, "--grant": bool(grant),
             "--source-package": bool(source_package), "--purpose": purpose is not None}
    if not synthetic:
        extra = [name for name, present in given.items() if present]
        if extra:
            raise InputError(f"{', '.join(extra)} only go with a synthetic table",
                             field=extra[0], expected="--synthetic as well")
        return
    missing = [name for name in ("--grant", "--source-package", "--purpose") if not given[name]]
    if missing:
        raise InputError("publishing a synthetic table is publish-data on its source: give "
                         + ", ".join(missing), field=missing[0],
                         expected="the grant the generator was trained under (it must allow "
                         "publish-data), the source package and the purpose")


def publish_cmd(
    input_path: str = typer.Argument(..., metavar="INPUT", help="CSV, JSONL or Parquet file (path or fsspec URL)."),
    dataset_card: Path = typer.Option(..., "--dataset-card", help="Dataset card YAML (license, purposes, budget, publisher)."),
    key: Path = typer.Option(..., "--key", help="The publisher's private key file (NAME.key)."),
    out: str = typer.Option(..., "--out", help="Package folder to create (path or fsspec URL); must not exist."),
    shards: int | None = typer.Option(None, "--shards", help="Split the rows into N shards of equal size."),
    rows_per_shard: int | None = typer.Option(None, "--rows-per-shard", help="Put R rows in each shard."),
    text_column: list[str] = typer.Option([], "--text-column", help="Free-text column to scan for PII and scrub (repeatable)."),
    pii_column: list[str] = typer.Option([], "--pii-column", help="COLUMN=ENTITY_TYPE: a column whose every value is PII (repeatable)."),
    pseudonym_key: Path | None = typer.Option(None, "--pseudonym-key", help="Key file (hex) for keyed pseudonyms instead of placeholders."),
    ledger: str | None = typer.Option(None, "--ledger", help="The dataset's budget ledger (SQLite path or URL): created with a genesis you sign if missing, else reused; pinned in the manifest. Without it the package cannot be trained on."),
    revocations: str | None = typer.Option(None, "--revocations", help="Where your signed revocation list lives (path or URL): an empty list is created if missing; pinned in the manifest. open and train require it."),
    licenses: list[Path] = typer.Option([], "--licenses", help="Extra folder of license YAML files (repeatable)."),
    engine: str = typer.Option("local", "--engine", help="Where scrubbing runs: local (this process) or ray (a Ray Data actor pool; needs dataprotocol[ray])."),
    ray_address: str | None = typer.Option(None, "--ray-address", envvar="RAY_ADDRESS", help="Ray cluster to attach to with --engine ray (default: start a local Ray)."),
    ray_actors: int | None = typer.Option(None, "--ray-actors", help="Ray actors with --engine ray, each with its own scrubber (default: every CPU Ray has free)."),
    synthetic: bool = typer.Option(False, "--synthetic", help="INPUT is a DP synthetic table from 'synthesize': check it against its signed provenance and carry its (ε, δ) guarantee and the source licence obligations into the new package's card."),
    provenance: Path | None = typer.Option(None, "--provenance", help="With --synthetic: the table's provenance record (default: INPUT with suffix .provenance.json)."),
    grant: list[Path] = typer.Option([], "--grant", help="With --synthetic: the grant the generator was trained under (repeatable, one per source); it must allow publish-data for --purpose to the --key holder."),
    source_package: list[str] = typer.Option([], "--source-package", help="With --synthetic: the package the generator was trained on (repeatable): its manifest names the key that signed the grant and the revocation list."),
    purpose: str | None = typer.Option(None, "--purpose", help="With --synthetic: why you publish the derived data (a purpose id the grant allows)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Scrub, shard, encrypt and sign a table into a data package."""
    from dataprotocol.keys import load_keypair
    from dataprotocol.package import pin_revocation_list, prepare_synthetic, publish
    from dataprotocol.policy import LicenseRegistry, load_dataset_card
    from dataprotocol.records import pin_dataset_ledger

    if engine != "local" or ray_actors is not None:
        from dataprotocol.deid import check_engine

        check_engine(engine, ray_actors=ray_actors)  # before any key, ledger or file is touched
    card = load_dataset_card(dataset_card)
    LicenseRegistry.load(*licenses).require_known(card.license, file=dataset_card)
    _synthetic_options(synthetic, provenance=provenance, grant=grant,
                       source_package=source_package, purpose=purpose)
    publisher = load_keypair(key, passphrase=passphrase_from_env())
    # checked before any ledger or list is created: a refused table leaves nothing behind
    release = prepare_synthetic(
        input_path, card=card, provenance=provenance, grants=grant, source_packages=source_package,
        principal=publisher.key_id, purpose=str(purpose)) if synthetic else None

    secret = None
    if pseudonym_key is not None:
        from dataprotocol.deid import load_key_file

        secret = load_key_file(pseudonym_key)
    ledger_ref, created = (pin_dataset_ledger(ledger, card=card, publisher=publisher, package=out)
                           if ledger else (None, False))
    list_ref, _ = (pin_revocation_list(revocations, publisher=publisher, package=out)
                   if revocations else (None, False))
    manifest = publish(
        input_path, card=card, publisher=publisher, out=out, shards=shards,
        rows_per_shard=rows_per_shard, text_columns=text_column,
        pii_columns=_pii_columns(pii_column), pseudonym_key=secret, ledger=ledger_ref,
        revocations=list_ref, synthetic=release, engine=engine, ray_address=ray_address,
        ray_actors=ray_actors)
    summary = {"package": out, "manifest_id": manifest.manifest_id,
               "dataset_id": manifest.card.dataset_id, "version": manifest.card.version,
               "rows": manifest.rows, "shards": len(manifest.shards), "scrub": manifest.scrub,
               "ledger": ledger_ref.to_dict() if ledger_ref else None, "ledger_created": created,
               "revocations": list_ref.to_dict() if list_ref else None,
               "synthetic": release.block if release is not None else None}
    if as_json:
        emit_json(summary)
        return
    console.print(f"published [bold]{manifest.card.dataset_id}[/] v{manifest.card.version} -> {out}")
    console.print(f"  {manifest.rows} rows in {len(manifest.shards)} encrypted shards")
    console.print(f"  manifest id [cyan]{manifest.manifest_id}[/]")
    if ledger_ref is not None:
        console.print(f"  ledger {ledger_ref.ledger_id} ({'created' if created else 'reused'}) "
                      f"at {ledger}")
    else:
        console.print("  [yellow]no --ledger: this package cannot be trained on[/]")
    if release is not None:
        b = release.block
        console.print(f"  synthetic: inherits (ε = {b['epsilon']:.4g}, δ = {b['delta']:g}) of run "
                      f"{b['model_run_id']}; obligations carried: "
                      + (", ".join(f"{o['kind']} ({o['license']})" for o in b["obligations"]) or "none"),
                      highlight=False)
    if manifest.scrub is not None:
        counts = ", ".join(f"{k} {v}" for k, v in manifest.scrub["entities"].items()) or "none found"
        console.print(f"  scrubbed: {counts}")


def open_cmd(
    package: str = typer.Argument(..., metavar="PKG", help="Package folder (path or fsspec URL)."),
    grant: Path = typer.Option(..., "--grant", help="The signed grant file you were given."),
    key: Path = typer.Option(..., "--key", help="Your private key file (the grantee's)."),
    purpose: str = typer.Option(..., "--purpose", help="Why you read the data (a purpose id, e.g. health-research)."),
    out: Path = typer.Option(..., "--out", help="Where to write the rows: .parquet, .csv or .jsonl."),
    shard: list[int] = typer.Option([], "--shard", help="Read only this shard (repeatable; default: all granted)."),
    allow_stale_revocations: bool = typer.Option(False, "--allow-stale-revocations", help="UNSAFE: read although the publisher's revocation list is missing or out of date (logged and reported)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Open a package through a grant: revocation check, policy decision, verification, decryption."""
    from dataprotocol.keys import load_keypair
    from dataprotocol.package import open_package, write_table

    handle = open_package(package, grant=grant, key=load_keypair(key, passphrase=passphrase_from_env()),
                          purpose=purpose, shards=shard or None,
                          unsafe_allow_stale_revocations=allow_stale_revocations)
    rows = write_table(handle, out)
    obligations = [o.to_dict() for o in handle.decision.obligations]
    if as_json:
        emit_json({"package": package, "out": str(out), "rows": rows, "shards": list(handle.shards),
                   "manifest_id": handle.manifest.manifest_id, "obligations": obligations,
                   "revocations": handle.revocations.to_dict() if handle.revocations else None})
        return
    if handle.revocations is not None and handle.revocations.status == "override":
        err_console.print("[bold yellow]warning:[/] revocation check overridden: "
                          + "; ".join(handle.revocations.reasons), soft_wrap=True)
    console.print(f"opened {handle.card.dataset_id} v{handle.card.version}: {rows} rows from "
                  f"shards {list(handle.shards)} -> {out}")
    for item in handle.decision.obligations:
        console.print(f"  obligation ({item.kind}, {item.license}): {item.text}")


def _signature_line(report: Any) -> str:
    who = f"{escape(report.publisher_name)!s} (key id {report.publisher_key_id})"
    if report.publisher_pinned:
        return f"signature valid: signed by {who}, the publisher you pinned with --publisher"
    return (f"signature valid: signed by {who} -- [bold yellow]self-asserted[/]: the manifest "
            "names its own publisher, so this proves integrity, not who published it; "
            "pass --publisher FILE.pub to pin the publisher you expect")


def verify_cmd(
    package: str = typer.Argument(..., metavar="PKG", help="Package folder (path or fsspec URL)."),
    publisher: Path | None = typer.Option(None, "--publisher", help="Expected publisher identity (.pub); default: the one in the card."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Check a package's signature and every shard's size and SHA-256 (no keys needed)."""
    from rich.table import Table

    from dataprotocol.keys import load_identity
    from dataprotocol.package import verify_package

    expected = load_identity(publisher) if publisher is not None else None
    report = verify_package(package, publisher=expected, raise_on_failure=False)
    if as_json:
        emit_json(report.to_dict())
    else:
        table = Table(title=f"{report.dataset_id} v{report.version} — manifest {report.manifest_id[:23]}…")
        for column in ("shard", "file", "result"):
            table.add_column(column)
        for check in report.shards:
            mark = "[green]ok[/]" if check.passed else "[red]FAILED[/]"
            table.add_row(str(check.index), check.path, f"{mark} {check.detail}")
        console.print(_signature_line(report))
        console.print(table)
        if report.synthetic_check is not None:
            mark = "[green]ok[/]" if report.synthetic_check.passed else "[red]FAILED[/]"
            console.print(f"synthetic data: {mark} {escape(report.synthetic_check.detail)}",
                          highlight=False)
    if not report.passed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Attach this layer's commands to the root app."""
    app.command("publish")(publish_cmd)
    app.command("open")(open_cmd)
    app.command("verify")(verify_cmd)
