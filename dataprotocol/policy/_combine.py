"""What may be done with something derived from one or more licensed datasets.

Rules (from the license texts and Creative Commons' compatibility guidance):

* a license that denies the action denies the combination (ND: no shared adaptations);
* NonCommercial licenses deny commercial purposes;
* outputs that are *adaptations* must carry a license every input accepts for its
  adaptations (ShareAlike: the same family); different copyleft families (BY-SA, ODbL,
  CDLA-Sharing) cannot be combined with each other nor with NC;
* CDLA licenses exempt trained-model "Results"; ODbL asks for a notice on produced works;
* an unknown license id is treated as the most restrictive: nothing is allowed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import product
from typing import Any

from dataprotocol.errors import InputError
from dataprotocol.policy._expression import MAX_ALTERNATIVES, parse_license_expression
from dataprotocol.policy._licenses import (
    GRANT_ACTIONS,
    OBLIGATION_TEXTS,
    PROFILES,
    UNSPECIFIED,
    License,
    LicenseRegistry,
    default_registry,
    unknown_license_text,
)
from dataprotocol.policy._purposes import PurposeVocabulary, default_vocabulary

__all__ = ["Obligation", "Combination", "combine", "check_action", "check_profile", "license_choices", "choose"]

_PUBLISH = ("publish-model", "publish-data")


@dataclass(frozen=True)
class Obligation:
    """Something the user must do in return (attribute, keep share-alike, ...)."""

    kind: str
    license: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "license": self.license, "text": self.text}


@dataclass(frozen=True)
class Combination:
    """The answer of :func:`combine`. ``reasons`` lists every failing rule.

    ``alternatives`` are the ways of choosing among ``OR`` expressions (each a set of
    license ids that all apply); ``chosen_licenses`` is the one the answer is for when
    allowed (empty when denied).
    """

    allowed: bool
    output_licenses: tuple[str, ...]
    obligations: tuple[Obligation, ...]
    conflicts: tuple[str, ...]
    reasons: tuple[str, ...]
    attribution: tuple[str, ...]
    chosen_licenses: tuple[str, ...] = ()
    alternatives: tuple[tuple[str, ...], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"allowed": self.allowed, "output_licenses": list(self.output_licenses),
                "obligations": [o.to_dict() for o in self.obligations],
                "conflicts": list(self.conflicts), "reasons": list(self.reasons),
                "attribution": list(self.attribution), "chosen_licenses": list(self.chosen_licenses),
                "alternatives": [list(a) for a in self.alternatives]}


def check_action(action: str) -> None:
    if action not in GRANT_ACTIONS:
        raise InputError(f"unknown action {action!r}", field="action",
                         expected=" | ".join(GRANT_ACTIONS))


def check_profile(profile: str) -> None:
    if profile not in PROFILES:
        raise InputError(f"unknown profile {profile!r}", field="profile", expected=" | ".join(PROFILES))


def _commercial(purpose: str | None, vocab: PurposeVocabulary, reasons: list[str]) -> bool:
    if purpose is None:
        return False
    try:
        return vocab.parse(purpose).commercial
    except InputError as exc:
        reasons.append(f"purpose-unknown: {exc.detail}")
        return False


def _adaptation_conflicts(bound: list[License]) -> list[str]:
    """Share-alike family clashes, and share-alike (commercial) vs NonCommercial."""
    conflicts = []
    families: dict[str, str] = {}
    for lic in bound:
        if lic.share_alike:
            families.setdefault(lic.share_alike, lic.id)
    fams = sorted(families.items())
    for i, (fa, la) in enumerate(fams):
        for fb, lb in fams[i + 1:]:
            conflicts.append(f"share-alike-conflict: {la} ({fa}) and {lb} ({fb}) are different "
                             "share-alike families and cannot be combined")
    nc = [lic.id for lic in bound if not lic.commercial]
    for family, lic_id in fams:
        lic = next(x for x in bound if x.id == lic_id)
        if lic.commercial:
            for other in nc:
                conflicts.append(f"share-alike-conflict: {lic_id} ({family}) requires the output to "
                                 f"allow commercial use, {other} forbids it (NonCommercial)")
    return conflicts


def _output_licenses(bound: list[License], registry: LicenseRegistry, conflicts: list[str],
                     inputs: Sequence[str] = ()) -> tuple[str, ...]:
    """Licenses the output may be released under: current data licenses, and any input's own
    license (a base model's, an older CC version) -- never a software license nobody used."""
    universe = [i for i in registry.ids() if i != UNSPECIFIED
                and ((registry[i].kind == "data" and registry[i].suggest) or i in inputs)]
    allowed = set(universe)
    for lic in bound:
        if lic.adaptation_licenses is not None:
            allowed &= set(lic.adaptation_licenses)
    if bound and not allowed and not conflicts:
        conflicts.append("license-conflict: no license satisfies every input's terms for adaptations ("
                         + "; ".join(f"{x.id}: {', '.join(x.adaptation_licenses or ['any'])}" for x in bound)
                         + ")")
    return tuple(i for i in universe if i in allowed)


def _resolve(choice: Sequence[tuple[int, str]], registry: LicenseRegistry,
             reasons: list[str]) -> list[tuple[int, License]]:
    """(dataset index, license) for known ids; each unknown id becomes a reason."""
    out = []
    for index, lic_id in choice:
        lic = registry.get(lic_id)
        if lic is None:
            reasons.append(f"license-unknown: {unknown_license_text(lic_id)}; treated as the most "
                           "restrictive (nothing allowed)")
        else:
            out.append((index, lic))
    return out


def license_choices(ids: Sequence[str], registry: LicenseRegistry) -> list[tuple[tuple[int, str], ...]]:
    """Every way a licensee can choose among the datasets' ``OR``s: ``(dataset index, id)``
    pairs that then all apply. Ids are the registry's spelling.

    A malformed expression, a ``WITH`` or an id the registry lacks inside a compound
    expression raises :class:`InputError`. A lone unknown id stays a reason to deny (the
    most restrictive reading), as it always was.
    """
    per_dataset = []
    for index, text in enumerate(ids):
        fld = "license" if len(ids) == 1 else f"license_ids[{index}]"
        expr = parse_license_expression(text, field=fld)
        unknown = [i for i in expr.ids() if i not in registry]
        if unknown and not expr.is_single:
            raise InputError("; ".join(unknown_license_text(i) for i in unknown) + f" (in {expr.text!r})", field=fld,
                             expected="ids the license registry defines: " + ", ".join(registry.ids()))
        per_dataset.append([tuple((index, _spelling(i, registry)) for i in alt) for alt in expr.alternatives])
    if math.prod(len(p) for p in per_dataset) > MAX_ALTERNATIVES:
        raise InputError(f"the licenses {ids!r} have more than {MAX_ALTERNATIVES} alternatives together",
                         field="license_ids", expected="fewer OR choices")
    choices: dict[frozenset[tuple[int, str]], tuple[tuple[int, str], ...]] = {}
    for combo in product(*per_dataset):
        choice = tuple(pair for alt in combo for pair in alt)
        choices.setdefault(frozenset(choice), choice)
    return list(choices.values())


def _spelling(lic_id: str, registry: LicenseRegistry) -> str:
    lic = registry.get(lic_id)
    return lic.id if lic is not None else lic_id


def choose(results: Sequence[Combination]) -> Combination:
    """The licensee's choice among alternatives (SPDX ``OR``): of those that allow, the one
    with the fewest obligations, the first written on a tie. When none allows, every
    alternative's reasons (a reason they all share once)."""
    alternatives = tuple(r.alternatives[0] for r in results)
    allowed = [r for r in results if r.allowed]
    if allowed:
        best = min(allowed, key=lambda r: len(r.obligations))  # min keeps the first of equals
        return replace(best, alternatives=alternatives)
    shared = set.intersection(*(set(r.reasons) for r in results))

    def mark(text: str, r: Combination) -> str:
        return text if text in shared else f"{text} [alternative: {' AND '.join(r.alternatives[0])}]"

    reasons = dict.fromkeys(mark(x, r) for r in results for x in r.reasons)
    conflicts = dict.fromkeys(mark(x, r) for r in results for x in r.conflicts)
    return Combination(allowed=False, output_licenses=(), obligations=(), conflicts=tuple(conflicts),
                       reasons=tuple(reasons), attribution=tuple(dict.fromkeys(a for r in results
                                                                                for a in r.attribution)),
                       chosen_licenses=(), alternatives=alternatives)


@dataclass
class _Tally:
    """What the per-license pass of :func:`combine` collects."""

    reasons: list[str]
    obligations: dict[tuple[str, str], Obligation]
    attribution: list[str]
    bound: list[License]


def _apply(tally: _Tally, lic: License, *, action: str, profile: str, commercial: bool, credit: str | None) -> None:
    rule = lic.rule(action)
    if not rule.allowed_in(profile):
        tally.reasons.append(f"license-denies: {lic.id} does not allow {action} (profile {profile}): "
                             + (rule.reason or "denied by the license definition"))
        return
    if commercial and not lic.commercial:
        tally.reasons.append(f"license-noncommercial: {lic.id} forbids commercial use (NonCommercial)")
    adaptation = action in _PUBLISH and rule.is_adaptation(profile)
    for kind in rule.obligations:
        if kind == "share-alike" and not adaptation:
            continue  # the output is not an adaptation in this profile: SA does not bind it
        tally.obligations.setdefault((kind, lic.id), Obligation(kind, lic.id, OBLIGATION_TEXTS[kind]))
    if "attribution" in rule.obligations:
        tally.attribution.append(credit or f"{lic.id}: credit the creator and source, link the license "
                                 "and state that the material was modified")
    if adaptation:
        tally.bound.append(lic)


def _odbl_waiver(tally: _Tally, outputs: Sequence[str]) -> None:
    """CC BY material may go into an ODbL database only with the licensor's waiver of BY's
    attribution and no-technical-measures terms (CC's ODbL compatibility note; OSM's policy)."""
    cc = list(dict.fromkeys(lic.id for lic in tally.bound if lic.id.startswith("CC-BY") and lic.attribution))
    if "ODbL-1.0" in outputs and cc:
        tally.obligations[("odbl-waiver", "ODbL-1.0")] = Obligation(
            "odbl-waiver", "ODbL-1.0", OBLIGATION_TEXTS["odbl-waiver"] + f" (inputs: {', '.join(cc)})")


def _combine_one(
    choice: Sequence[tuple[int, str]], *, action: str, profile: str, commercial: bool,
    registry: LicenseRegistry, credits: Sequence[str] | None, purpose_reasons: Sequence[str],
) -> Combination:
    """The rules above for one set of licenses that all apply (``(dataset index, id)`` pairs)."""
    tally = _Tally(reasons=list(purpose_reasons), obligations={}, attribution=[], bound=[])
    for index, lic in _resolve(choice, registry, tally.reasons):
        credit = credits[index] if credits is not None and index < len(credits) else None
        _apply(tally, lic, action=action, profile=profile, commercial=commercial, credit=credit)
    conflicts: list[str] = []
    outputs: tuple[str, ...] = ()
    if action in _PUBLISH:
        conflicts = _adaptation_conflicts(tally.bound)
        outputs = _output_licenses(tally.bound, registry, conflicts, [lic_id for _, lic_id in choice])
        _odbl_waiver(tally, outputs)
        for lic in tally.bound:
            if lic.share_alike and outputs:
                tally.obligations[("share-alike", lic.id)] = Obligation(
                    "share-alike", lic.id, "license the output under " + " or ".join(outputs))
    reasons = tally.reasons + conflicts
    ids = tuple(dict.fromkeys(lic_id for _, lic_id in choice))
    return Combination(
        allowed=not reasons, output_licenses=outputs if not reasons else (),
        obligations=tuple(tally.obligations.values()) if not reasons else (),
        conflicts=tuple(conflicts), reasons=tuple(reasons),
        attribution=tuple(dict.fromkeys(tally.attribution)),
        chosen_licenses=ids if not reasons else (), alternatives=(ids,),
    )


def combine(
    license_ids: Sequence[str],
    *,
    action: str,
    purpose: str | None = None,
    profile: str = "conservative",
    registry: LicenseRegistry | None = None,
    credits: Sequence[str] | None = None,
) -> Combination:
    """May ``action`` be done with material derived from datasets under ``license_ids``?

    Each item is one dataset's license: an SPDX id or an SPDX expression (``A OR B``:
    the licensee chooses; ``A AND B``: both apply). Every way of choosing is checked; the
    answer is for the allowing choice with the fewest obligations (``chosen_licenses``).
    ``credits`` (optional, parallel to ``license_ids``) are the attribution lines of the
    datasets (see :meth:`DatasetCard.credit`); the ``attribution`` list then uses them.
    """
    check_action(action)
    check_profile(profile)
    ids = [license_ids] if isinstance(license_ids, str) else list(license_ids)
    if not ids:
        raise InputError("no license given", field="license_ids", expected="at least one SPDX id")
    registry = registry if registry is not None else default_registry()
    choices = license_choices(ids, registry)
    purpose_reasons: list[str] = []
    commercial = _commercial(purpose, default_vocabulary(), purpose_reasons)
    results = [_combine_one(choice, action=action, profile=profile, commercial=commercial,
                            registry=registry, credits=credits, purpose_reasons=purpose_reasons)
               for choice in choices]
    return results[0] if len(results) == 1 else choose(results)
