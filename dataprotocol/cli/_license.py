"""``dataprotocol license list | show | combine``: the license registry and expressions.

Thin commands: parse, one library call, format. ``show`` and ``combine`` take SPDX
expressions too (``"CC-BY-4.0 OR ODbL-1.0"``); a malformed one, a ``WITH`` or an
unknown id inside one exits 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from dataprotocol.cli._common import console, emit_json
from dataprotocol.errors import InputError
from dataprotocol.policy import (
    ACTIONS,
    GRANT_ACTIONS,
    PROFILES,
    LicenseExpression,
    LicenseRegistry,
    combine,
    default_vocabulary,
    parse_license_expression,
    unknown_license_text,
)

license_app = typer.Typer(help="License definitions: list, show, combine.", no_args_is_help=True)

JSON_OPT = typer.Option(False, "--json", help="Print one JSON object.")
LICENSES_OPT = typer.Option(None, "--licenses", help="Extra folder of license YAML files (repeatable).")
PROFILE_OPT = typer.Option("conservative", "--profile", help="Interpretation profile: " + " | ".join(PROFILES))


def load_registry(folders: Optional[list[Path]]) -> LicenseRegistry:
    return LicenseRegistry.load(*(folders or []))


def action_option(value: str) -> str:
    if value not in GRANT_ACTIONS:
        raise InputError(f"unknown action {value!r}", field="--action",
                         expected=" | ".join(GRANT_ACTIONS))
    return value


def purpose_option(value: str) -> str:
    """A purpose text the vocabulary knows; an unknown one is bad input (exit 2), not a denial."""
    default_vocabulary().parse(value)
    return value


def license_list(
    licenses: Optional[list[Path]] = LICENSES_OPT, profile: str = PROFILE_OPT, as_json: bool = JSON_OPT,
) -> None:
    """List the known licenses and what each allows per action."""
    if profile not in PROFILES:
        raise InputError(f"unknown profile {profile!r}", field="--profile", expected=" | ".join(PROFILES))
    reg = load_registry(licenses)
    rows = [lic.to_dict() for lic in reg]
    if as_json:
        emit_json({"profile": profile, "licenses": rows})
        return
    table = Table("id", "commercial", "attribution", "share-alike", *ACTIONS)
    for lic in reg:
        table.add_row(lic.id, _yn(lic.commercial), _yn(lic.attribution), lic.share_alike or "-",
                      *(_yn(lic.rule(a).allowed_in(profile)) for a in ACTIONS))
    console.print(table)


def _yn(flag: bool) -> str:
    return "yes" if flag else "no"


def license_show(
    license_id: str = typer.Argument(..., help='SPDX id, e.g. CC-BY-4.0, or an expression, e.g. "CC-BY-4.0 OR ODbL-1.0".'),
    licenses: Optional[list[Path]] = LICENSES_OPT, as_json: bool = JSON_OPT,
) -> None:
    """Show one license definition (conditions, per-action rules, obligations), or an
    expression's alternatives and the licenses it names."""
    registry = load_registry(licenses)
    expression = parse_license_expression(license_id, field="LICENSE_ID")
    if not expression.is_single:
        _show_expression(expression, registry, as_json=as_json)
        return
    lic = registry[expression.ids()[0]]
    if as_json:
        emit_json(lic.to_dict())
        return
    console.print(f"[bold]{lic.id}[/] {lic.name}" + (f"\n{lic.url}" if lic.url else ""))
    console.print(f"commercial use: {_yn(lic.commercial)}  attribution: {_yn(lic.attribution)}  "
                  f"share-alike: {lic.share_alike or 'no'}  no-derivatives: {_yn(lic.no_derivatives)}  "
                  f"results exempt: {_yn(lic.results_exempt)}")
    table = Table("action", *PROFILES, "obligations", "note")
    for action in ACTIONS:
        rule = lic.rule(action)
        table.add_row(action, *(_yn(rule.allowed_in(p)) for p in PROFILES),
                      ", ".join(rule.obligations) or "-", rule.reason or "")
    console.print(table)


def _show_expression(expression: LicenseExpression, registry: LicenseRegistry, *, as_json: bool) -> None:
    """An expression: each alternative (the licensee picks one; all of its ids apply)."""
    unknown = [i for i in expression.ids() if i not in registry]
    if unknown:
        raise InputError("; ".join(unknown_license_text(i) for i in unknown) + f" (in {expression.text!r})",
                         field="LICENSE_ID", expected="ids the license registry defines: " + ", ".join(registry.ids()))
    alternatives = [[registry[i].id for i in alt] for alt in expression.alternatives]
    named = [registry[i] for i in expression.ids()]
    if as_json:
        emit_json({"expression": expression.text, "alternatives": alternatives,
                   "licenses": [lic.to_dict() for lic in named]})
        return
    console.print(f"[bold]{expression.text}[/]: {len(alternatives)} alternative(s); the licensee chooses one, "
                  "and every license in it applies")
    for number, alt in enumerate(alternatives, 1):
        console.print(f"  {number}. " + " AND ".join(alt))
    table = Table("id", "commercial", "share-alike", *ACTIONS)
    for lic in named:
        table.add_row(lic.id, _yn(lic.commercial), lic.share_alike or "-",
                      *("/".join(_yn(lic.rule(a).allowed_in(p)) for p in PROFILES) for a in ACTIONS))
    console.print(table)
    console.print("(actions: allowed in the " + " / ".join(PROFILES) + " profile; "
                  "`license show ID` for one license's obligations)")


def license_combine(
    license_ids: list[str] = typer.Argument(
        ..., help='Each dataset\'s license: an SPDX id or a quoted expression ("CC-BY-4.0 OR ODbL-1.0").'),
    action: str = typer.Option(..., "--action", help="read | train | publish-model | publish-data"),
    purpose: Optional[str] = typer.Option(None, "--purpose", help="Purpose, e.g. research+commercial."),
    profile: str = PROFILE_OPT, licenses: Optional[list[Path]] = LICENSES_OPT, as_json: bool = JSON_OPT,
) -> None:
    """May ACTION be done with material derived from datasets under these licenses? Exit 1 if not."""
    result = combine(license_ids, action=action_option(action), purpose=purpose, profile=profile,
                     registry=load_registry(licenses))
    if as_json:
        emit_json(result.to_dict())
    else:
        console.print("[bold green]allowed[/]" if result.allowed else "[bold red]not allowed[/]")
        for reason in result.reasons:
            console.print(f"  - {reason}")
        if len(result.alternatives) > 1 and result.chosen_licenses:
            console.print(f"chosen: {' AND '.join(result.chosen_licenses)} "
                          f"(fewest obligations of {len(result.alternatives)} alternatives)")
        if result.output_licenses:
            console.print("output may carry: " + ", ".join(result.output_licenses))
        for ob in result.obligations:
            console.print(f"  obligation [{ob.license}] {ob.kind}: {ob.text}")
    if not result.allowed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Attach the license commands to the root app."""
    license_app.command("list")(license_list)
    license_app.command("show")(license_show)
    license_app.command("combine")(license_combine)
    app.add_typer(license_app, name="license")
