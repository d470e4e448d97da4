"""``dataprotocol grant ...`` and ``dataprotocol check`` (``license ...``: ``_license``).

Thin commands: parse, one library call, format. A grant that fails verification in
``check`` is a denial with a reason (exit 1), not an error.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Optional

import typer

from dataprotocol._files import atomic_write_text, check_write_target
from dataprotocol.cli._common import console, emit_json, passphrase_from_env
from dataprotocol.cli._license import JSON_OPT, LICENSES_OPT, action_option, load_registry, purpose_option
from dataprotocol.errors import GrantRefused, InputError
from dataprotocol.keys import KeyPair, load_identity, load_keypair
from dataprotocol.policy import (
    LOG_ENV,
    Decision,
    GrantRequest,
    check_grant,
    check_request,
    issue_dataset_grant,
    load_dataset_card,
    load_grant,
    load_org_policy,
    load_revocations,
    revoke_grants,
)

grant_app = typer.Typer(help="Signed access grants: issue, verify, revoke.", no_args_is_help=True)

_DEFAULT_LOG = "dataprotocol-decisions.jsonl"

ORG_OPT = typer.Option(None, "--org-policy", help="Organisation policy YAML that can only narrow what is allowed.")


def _time(text: str, *, field: str, end_of_day: bool) -> datetime:
    """ISO date or datetime; a bare date means the start of that day, or of the next one."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            start = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
            return start + timedelta(days=1) if end_of_day else start
        value = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError as exc:
        raise InputError(f"invalid date {text!r}", field=field, expected="YYYY-MM-DD or an ISO 8601 datetime") from exc
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _shards(text: Optional[str]) -> Optional[list[int]]:
    if text is None:
        return None
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise InputError(f"invalid shard list {text!r}", field="--shards", expected="e.g. 0,1,5") from exc
    if not values or min(values) < 0:
        raise InputError(f"invalid shard list {text!r}", field="--shards", expected="integers >= 0")
    return values


def _conditions(items: Optional[list[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items or []:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"invalid condition {item!r}", field="--condition", expected="NAME=VALUE")
        try:
            out[name.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            out[name.strip()] = raw
    return out


def _keypair(path: Path) -> KeyPair:
    return load_keypair(path, passphrase=passphrase_from_env())


# ---------------------------------------------------------------- grant


def grant_issue(
    target: str = typer.Argument(..., help="Dataset card YAML, or a package (folder or fsspec URL such as s3://bucket/pkg, with manifest.json)."),
    to: Path = typer.Option(..., "--to", help="Grantee's public identity file (NAME.pub)."),
    key: Path = typer.Option(..., "--key", help="Issuer's (the publisher's) private key file."),
    action: list[str] = typer.Option(..., "--action", help="Granted action (repeatable)."),
    purpose: list[str] = typer.Option(..., "--purpose", help="Granted purpose (repeatable)."),
    until: str = typer.Option(..., "--until", help="Last valid day (YYYY-MM-DD) or exact ISO datetime."),
    start: Optional[str] = typer.Option(None, "--from", help="First valid day or datetime (default now)."),
    shards: Optional[str] = typer.Option(None, "--shards", help="Comma-separated shard ids (default all)."),
    condition: Optional[list[str]] = typer.Option(None, "--condition", help="NAME=VALUE, e.g. max_epsilon=2."),
    out: Path = typer.Option(..., "--out", help="Where to write the signed grant (JSON)."),
    org_policy: Optional[Path] = ORG_OPT,
    licenses: Optional[list[Path]] = LICENSES_OPT,
    as_json: bool = JSON_OPT,
) -> None:
    """Sign a grant giving the grantee ACTIONs for PURPOSEs on a dataset until a date."""
    check_write_target(out, what="grant file")
    issuer, grantee = _keypair(key), load_identity(to)
    request = GrantRequest(
        grantee, tuple(action_option(a) for a in action), tuple(purpose),
        not_after=_time(until, field="--until", end_of_day=True),
        not_before=_time(start, field="--from", end_of_day=False) if start else None,
        shards=None if (chosen := _shards(shards)) is None else tuple(chosen), conditions=_conditions(condition))
    org, registry = load_org_policy(org_policy) if org_policy is not None else None, load_registry(licenses)
    from dataprotocol.package import is_package

    try:
        if is_package(target):  # a local folder or an fsspec URL (s3://bucket/pkg)
            from dataprotocol.package import issue_package_grant

            document = issue_package_grant(target, issuer=issuer, **request.issue_arguments(), org=org,
                                           licenses=registry)
        else:
            document = issue_dataset_grant(load_dataset_card(target), issuer, request, org=org, licenses=registry)
    except GrantRefused as exc:  # the library names the field; the file it came from is ours to add
        raise InputError("; ".join(exc.reasons), file=key if exc.field == "issuer" else None,
                         field=None if exc.field == "issuer" else exc.field, expected=exc.expected) from exc
    atomic_write_text(out, json.dumps(document, indent=2, sort_keys=True) + "\n")
    payload = document["payload"]
    if as_json:
        emit_json({"grant": str(out), "grant_id": payload["grant_id"], "grantee_key_id": payload["grantee_key_id"],
                   "dataset_id": payload["dataset_id"], "not_after": payload["not_after"]})
    else:
        console.print(f"grant [cyan]{payload['grant_id']}[/] for {grantee.name} ({grantee.key_id}) "
                      f"on {payload['dataset_id']} until {payload['not_after']} -> {out}")


def _issuer(issuer: Optional[Path], card: Optional[Path]) -> Any:
    if (issuer is None) == (card is None):
        raise InputError("give exactly one of --issuer and --card", field="--issuer",
                         expected="the publisher's .pub file, or the dataset card naming it")
    return load_identity(issuer) if issuer else load_dataset_card(card).publisher  # type: ignore[arg-type]


def grant_verify(
    grant: Path = typer.Argument(..., help="Signed grant file."),
    issuer: Optional[Path] = typer.Option(None, "--issuer", help="Issuer's public identity file."),
    card: Optional[Path] = typer.Option(None, "--card", help="Dataset card whose publisher issued the grant."),
    revocations: Optional[Path] = typer.Option(None, "--revocations", help="Signed revocation list."),
    as_json: bool = JSON_OPT,
) -> None:
    """Check a grant's signature, validity window and revocation. Exit 1 if it does not hold."""
    identity, document = _issuer(issuer, card), load_grant(grant)
    result = check_grant(document, identity, revocations=revocations)
    problems, summary = list(result.problems), dict(result.grant)
    if as_json:
        emit_json(result.to_dict())
    elif problems:
        console.print("[bold red]invalid[/]: " + "; ".join(problems))
    else:
        console.print(f"[bold green]valid[/]: grant {summary['grant_id']} for {summary['grantee_key_id']} on "
                      f"{summary['dataset_id']} ({', '.join(summary['actions'])}) until {summary['not_after']}")
    if problems:
        raise typer.Exit(1)


def grant_revoke(
    grants: Optional[list[str]] = typer.Argument(None, help="Grant files or grant ids to revoke (none: re-issue the list as it is, to keep it current)."),
    key: Path = typer.Option(..., "--key", help="Issuer's private key file (signs the list)."),
    list_path: Path = typer.Option(..., "--list", help="Revocation list file to create or extend."),
    reason: str = typer.Option("", "--reason", help="Why (kept in the list; no personal data)."),
    next_update_days: float = typer.Option(7.0, "--next-update-days", help="Days until the next list is due; readers deny once it has passed."),
    impact: bool = typer.Option(False, "--impact", help="Also list what the revocation touches (models, query releases, synthetic tables, ledger spends), from --ledger and --records."),
    ledger: Optional[str] = typer.Option(None, "--ledger", help="With --impact: the dataset's ledger (SQLite file or URL)."),
    records: list[Path] = typer.Option([], "--records", help="With --impact: folder or file of signed records (repeatable)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change (and the impact with --impact); write nothing."),
    as_json: bool = JSON_OPT,
) -> None:
    """Add grants to the issuer's signed revocation list (created if missing), or refresh it."""
    from dataprotocol.cli._lineage import print_impact, revocation_impact

    if not 0 < next_update_days <= 3660:
        raise InputError(f"invalid --next-update-days {next_update_days!r}", field="--next-update-days",
                         expected="a number of days in (0, 3660]")
    if (ledger or records) and not impact:
        raise InputError("--ledger/--records only say where to look for the impact",
                         field="--ledger/--records", expected="--impact with them")
    issuer = _keypair(key)
    ids = [load_grant(g)["payload"]["grant_id"] if Path(g).is_file() else g for g in grants or []]
    found = revocation_impact(ids, ledger=ledger, records=records) if impact else None
    previous = load_revocations(list_path) if list_path.exists() else None
    document = revoke_grants(issuer, ids, previous=previous, reason=reason,
                             next_update=timedelta(days=next_update_days))
    if not dry_run:
        atomic_write_text(list_path, json.dumps(document, indent=2, sort_keys=True) + "\n")
    payload = document["payload"]
    if as_json:
        emit_json({"list": str(list_path), "revoked": ids, "sequence": payload["sequence"],
                   "total": len(payload["revoked"]), "next_update": payload["next_update"],
                   "dry_run": dry_run, "impact": found.to_dict() if found else None})
        return
    if found is not None:
        print_impact(found)
    if dry_run:
        console.print(f"dry run: would revoke {', '.join(ids) or 'nothing new'} in {list_path} "
                      f"(sequence {payload['sequence']}); nothing written")
    else:
        console.print(f"revoked {', '.join(ids) or 'nothing new'} -> {list_path} ({len(payload['revoked'])} "
                      f"in the list, sequence {payload['sequence']}, next update due {payload['next_update']})")


# ---------------------------------------------------------------- check


def _card_of(target: str) -> Any:
    """The dataset card of a card YAML, or of a package (its signed manifest)."""
    from dataprotocol.package import is_package, read_manifest

    if is_package(target):
        return read_manifest(target).card
    return load_dataset_card(target)


def _print_decision(decision: Decision) -> None:
    head = {"allowed": "[bold green]ALLOWED[/]", "needs-review": "[bold yellow]NEEDS REVIEW[/] (denied for "
            "automated use)"}.get(decision.outcome, "[bold red]DENIED[/]")
    console.print(f"{head} {decision.action} on {decision.dataset_id} {decision.dataset_version} "
                  f"for {decision.purpose} by {decision.principal}")
    for reason in decision.reasons:
        console.print(f"  - {reason}")
    if decision.chosen_licenses:
        console.print("  under license: " + " AND ".join(decision.chosen_licenses))
    for ob in decision.obligations:
        console.print(f"  obligation [{ob.license}] {ob.kind}: {ob.text}")
    if decision.conditions:
        console.print("  conditions: " + json.dumps(dict(decision.conditions), sort_keys=True))


def check(
    dataset_card: str = typer.Argument(..., help="Dataset card YAML, or a package (folder or fsspec URL)."),
    grant: Optional[list[Path]] = typer.Option(None, "--grant", help="Grant file (repeatable)."),
    action: str = typer.Option(..., "--action", help="read | train | publish-model | publish-data | query"),
    purpose: str = typer.Option(..., "--purpose", help="Purpose, e.g. disease:cancer or research+commercial."),
    as_key: Optional[Path] = typer.Option(None, "--as", help="Requester's public identity (default: the grantee)."),
    shards: Optional[str] = typer.Option(None, "--shards", help="Comma-separated shard ids (default all)."),
    revocations: Optional[Path] = typer.Option(None, "--revocations", help="Signed revocation list."),
    profile: Optional[str] = typer.Option(
        None, "--profile", help="Interpretation profile: conservative | permissive (default: the "
        "organisation policy's, else conservative)."),
    licenses: Optional[list[Path]] = LICENSES_OPT, org_policy: Optional[Path] = ORG_OPT,
    log: Optional[Path] = typer.Option(None, "--log", help=f"Decision log (default ${LOG_ENV} or ./{_DEFAULT_LOG})."),
    no_log: bool = typer.Option(False, "--no-log", help="Do not append this decision to the log."),
    as_json: bool = JSON_OPT,
) -> None:
    """Decide a request: exit 0 allowed, 1 denied (every reason listed), 2 bad input."""
    card, documents = _card_of(dataset_card), [load_grant(g) for g in grant or []]
    try:
        decision = check_request(
            card, action=action_option(action), purpose=purpose_option(purpose), grants=documents,
            requester=load_identity(as_key) if as_key is not None else None,
            shards=tuple(_shards(shards) or ()) if shards else None,
            revocations=load_revocations(revocations) if revocations else None, licenses=load_registry(licenses),
            profile=profile, org=load_org_policy(org_policy) if org_policy else None, source=dataset_card,
            log_path=None if no_log else (log or os.environ.get(LOG_ENV) or _DEFAULT_LOG))
    except InputError as exc:
        if exc.field != "requester":
            raise
        raise InputError("no principal: give --as KEY.pub (or a grant naming its grantee)", field="--as") from exc
    if as_json:
        emit_json(decision.to_dict())
    else:
        _print_decision(decision)
    if not decision.allowed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Attach this layer's commands to the root app."""
    grant_app.command("issue")(grant_issue)
    grant_app.command("verify")(grant_verify)
    grant_app.command("revoke")(grant_revoke)
    app.add_typer(grant_app, name="grant")
    app.command("check")(check)
