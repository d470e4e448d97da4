"""Audit a released model directory offline: does its privacy claim hold up?

:func:`audit_model_dir` never trusts the card's numbers. It recomputes epsilon from the
recorded mechanism events with Opacus' accountant *and* with Google's independent
``dp_accounting`` (RDP and PLD); checks the SHA-256 of every weights file and the
trainer's signature over ``privacy.json``; checks that README.md's front matter is the
one the signed payload implies; that the mechanism block describes the events; that the
model license is one the data licenses allow for a published model; with a ledger, that
the run is recorded with the same events, the hash chain is intact and the dataset's
composed epsilon is within its cap; and that an empirical audit's lower bound does not
exceed the theoretical epsilon.
Every check runs (a failure does not hide the next one), so the report names them all.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dataprotocol.budget import MechanismEvent, account, recompute_independent
from dataprotocol.errors import AuditFailed, DataProtocolError, InputError
from dataprotocol.keys import PublicIdentity, verify_document
from dataprotocol.records._audit_check import Check
from dataprotocol.records._audit_ledger import check_ledger
from dataprotocol.records._audit_public import check_labels, check_readme_body
from dataprotocol.records._canary import epsilon_lower_bound
from dataprotocol.records._card import PRIVACY_DOC_TYPE, hash_model_files, read_front_matter, read_privacy_document
from dataprotocol.records._card_text import expected_front_matter, model_license
from dataprotocol.records._exposure import exposure_check
from dataprotocol.records._privacy import DataUse, PrivacyRecord

if TYPE_CHECKING:
    from dataprotocol.budget import Ledger

__all__ = ["Check", "AuditReport", "audit_model_dir", "opacus_epsilon", "independent_epsilons"]

@dataclass(frozen=True)
class AuditReport:
    """Every check that ran; ``passed`` only when all did."""

    model_dir: str
    run_id: str | None
    checks: tuple[Check, ...]
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failures(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.passed)

    def to_dict(self) -> dict[str, Any]:
        return {"model_dir": self.model_dir, "run_id": self.run_id, "passed": self.passed,
                "failures": [c.name for c in self.failures],
                "checks": [c.to_dict() for c in self.checks], "facts": self.facts}

    def raise_if_failed(self) -> None:
        """Raise :class:`AuditFailed` naming every failing check."""
        if not self.passed:
            raise AuditFailed(f"audit of {self.model_dir} failed",
                              [f"{c.name}: {c.detail}" for c in self.failures])


# --- accountants -------------------------------------------------------------------------

def opacus_epsilon(events: Sequence[MechanismEvent], *, delta: float,
                   accountant: str = "prv") -> tuple[float, str]:
    """(epsilon, accountant used) from Opacus' accountant the card names (via
    :func:`dataprotocol.budget.account`: PRV falls back to RDP when it fails)."""
    prefer = accountant if accountant in ("prv", "rdp") else "rdp"
    result = account(list(events), delta=delta, prefer=prefer)
    return float(result.epsilon), result.accountant


def independent_epsilons(events: Sequence[MechanismEvent], *, delta: float) -> dict[str, float]:
    """Google ``dp_accounting`` RDP and PLD epsilons (no Opacus code involved)."""
    return {k: float(v) for k, v in recompute_independent(list(events), delta=delta).items()}


# --- individual checks ---------------------------------------------------------------------

def _check_signature(document: dict[str, Any], trainer: Any, pinned: PublicIdentity | None) -> Check:
    """``trainer``: the payload's embedded identity (the typed record's ``trainer``, or the
    raw block when the payload is not a record -- the signature is checked either way)."""
    if not isinstance(document.get("signature"), dict) or "payload" not in document:
        return Check("signature", False, "privacy.json is not signed (signature missing)")
    embedded_id = str(trainer.get("key_id", "?")) if isinstance(trainer, Mapping) else "?"
    try:
        if pinned is not None:
            verify_document(document, pinned, doc_type=PRIVACY_DOC_TYPE)
            if embedded_id != pinned.key_id:
                return Check("signature", False, f"embedded trainer {embedded_id} is not the "
                             f"pinned key {pinned.key_id}")
            return Check("signature", True, f"signed by the pinned trainer key {pinned.key_id}")
        embedded = PublicIdentity.from_dict(dict(trainer) if isinstance(trainer, Mapping) else trainer,
                                            source="privacy.json trainer")
        verify_document(document, embedded, doc_type=PRIVACY_DOC_TYPE)
    except DataProtocolError as exc:
        return Check("signature", False, str(exc))
    return Check("signature", True, f"signed by the embedded trainer identity {embedded.key_id} "
                 f"({embedded.name}); self-asserted: pin it with --trainer-key")


def _compare_hashes(label: str, recorded: Mapping[str, Any], actual: dict[str, str]) -> Check:
    problems = [f"{name} altered" for name in sorted(recorded)
                if name in actual and actual[name] != recorded[name]]
    problems += [f"{name} missing" for name in sorted(recorded) if name not in actual]
    problems += [f"{name} not listed in privacy.json" for name in sorted(actual)
                 if name not in recorded]
    if problems:
        return Check(label, False, "; ".join(problems))
    return Check(label, True, f"{len(recorded)} file(s) match their SHA-256")


def _check_files(model_dir: Path, record: PrivacyRecord) -> list[Check]:
    weights, files = hash_model_files(model_dir)
    listed = record.weights or {}  # PrivacyRecord.read refuses a record without weights
    checks = [_compare_hashes("weights-sha256", listed, weights)]
    if not listed:
        checks[0] = Check("weights-sha256", False, "privacy.json lists no weights file")
    if record.files is not None:
        checks.append(_compare_hashes("files-sha256", record.files, files))
    return checks


def _check_epsilon(record: PrivacyRecord, events: list[MechanismEvent], *,
                   tolerance: float) -> tuple[list[Check], dict[str, Any]]:
    acc = record.accounting
    claimed, delta = float(acc.epsilon), float(acc.delta)
    floor = 1.0 - tolerance
    eps_opacus, used = opacus_epsilon(events, delta=delta, accountant=str(acc.accountant))
    independent = independent_epsilons(events, delta=delta)
    # Every accountant gives a valid upper bound, so a claim is supported when it is at
    # least the tightest one (minus the tolerance); smaller than all of them is not.
    tightest = min(independent.values())
    facts = {"claimed_epsilon": claimed, "delta": delta, "opacus": {used: eps_opacus},
             "dp_accounting": independent, "tolerance": tolerance}
    ok_opacus = math.isfinite(claimed) and claimed >= eps_opacus * floor - 1e-9
    ok_indep = math.isfinite(claimed) and claimed >= tightest * floor - 1e-9
    others = ", ".join(f"{k} {v:.4f}" for k, v in sorted(independent.items()))
    return [
        Check("epsilon-opacus", ok_opacus, f"card claims {claimed:.4f}; Opacus {used} "
              f"recomputes {eps_opacus:.4f} at delta {delta:g}"
              + ("" if ok_opacus else " (card claims less privacy loss than the events imply)")),
        Check("epsilon-independent", ok_indep, f"card claims {claimed:.4f}; dp_accounting "
              f"{others}" + ("" if ok_indep else " (card claims less than every accountant)")),
    ], facts


def _check_mechanism(record: PrivacyRecord, events: list[MechanismEvent]) -> Check:
    """The human-facing mechanism block must describe the events the epsilon comes from."""
    mech = record.mechanism
    problems = []
    total = sum(e.steps for e in events)
    if "steps" in mech and int(mech["steps"]) != total:
        problems.append(f"mechanism.steps {mech['steps']} but the events hold {total} steps")
    for name in ("noise_multiplier", "sample_rate"):
        values = [float(getattr(e, name)) for e in events]
        if name in mech and not any(math.isclose(float(mech[name]), v, rel_tol=1e-9)
                                    for v in values):
            problems.append(f"mechanism.{name} {mech[name]} is not an event's ({values})")
    samplers = {e.sampler for e in events}
    if "sampler" in mech and mech["sampler"] not in samplers:
        problems.append(f"mechanism.sampler {mech['sampler']} but the events use "
                        f"{', '.join(sorted(samplers))}")
    if problems:
        return Check("mechanism", False, "; ".join(problems))
    return Check("mechanism", True, f"{len(events)} event(s), {total} steps, as described")


def _check_delta(record: PrivacyRecord) -> Check:
    delta = float(record.accounting.delta)
    problems = []
    if not 0 < delta < 1:
        problems.append(f"delta {delta:g} not in (0, 1)")
    # n is the number of privacy units: people at user level, rows otherwise
    what = "units" if record.mechanism.get("units") is not None else "dataset_size"
    size = record.mechanism.get(what)
    if isinstance(size, int) and size > 0 and delta >= 1 / size:
        # delta >= 1/n permits "release one random example in the clear" (Ponomareva et al.)
        problems.append(f"delta {delta:g} >= 1/{what} (1/{size})")
    cap = record.ledger.delta_cap if record.ledger is not None else None
    if cap is not None and delta > float(cap) * (1 + 1e-9):
        problems.append(f"delta {delta:g} exceeds the dataset's cap {float(cap):g}")
    if problems:
        return Check("delta", False, "; ".join(problems))
    return Check("delta", True, f"delta {delta:g}")


def _check_privacy_unit(mechanism: Mapping[str, Any], data: Sequence[DataUse]) -> Check:
    """The unit of privacy the run used (``record.mechanism``), and the one each dataset's
    card requires (``record.data``): a row-level run on a dataset whose unit is a person
    protects that person only by group privacy, which is not the claim the card makes."""
    unit = mechanism.get("privacy_unit")
    required = sorted({str(d.privacy_unit) for d in data if d.privacy_unit})
    units = mechanism.get("units")
    problems = []
    if required and (unit is None or [str(unit)] != required):
        problems.append(f"the dataset requires user-level DP over {', '.join(required)} but "
                        f"the run's unit is {unit or 'one row'}")
    if unit is not None and (isinstance(units, bool) or not isinstance(units, int) or units < 1):
        problems.append(f"user-level run over {unit} does not record its number of units")
    if problems:
        return Check("privacy-unit", False, "; ".join(problems))
    if unit is None:
        return Check("privacy-unit", True, "unit of privacy: one row (the dataset names no unit)")
    return Check("privacy-unit", True, f"unit of privacy: {unit} ({units} units sampled "
                 f"by Poisson, clipped per unit)" + (" as the dataset requires" if required else ""))


def _check_license(record: PrivacyRecord, payload: dict[str, Any]) -> Check:
    """The model license must be one the data licenses allow for a published model."""
    from dataprotocol.policy import combine

    ids = [str(d.license) for d in record.data]
    chosen = model_license(payload)  # the card text's own rule (a function of the payload)
    combination = combine(ids, action="publish-model")
    used = record.license.data_licenses
    if used and tuple(map(str, used)) != combination.chosen_licenses:
        # a dual-licensed dataset used under another alternative than the default choice
        # (e.g. the one a commercial purpose needs): check that alternative
        if tuple(map(str, used)) not in combination.alternatives:
            return Check("license", False, f"the data was not licensed {' AND '.join(map(str, used))}: "
                         f"the data licenses ({', '.join(ids)}) offer "
                         + " | ".join(" AND ".join(a) for a in combination.alternatives))
        combination = combine(list(map(str, used)), action="publish-model")
        ids = list(map(str, used))
    if not combination.allowed:
        return Check("license", False, "the data licenses do not allow publishing a model: "
                     + "; ".join(combination.reasons))
    if chosen not in combination.output_licenses:
        return Check("license", False, f"model license {chosen} is not one the data licenses "
                     f"({', '.join(ids)}) allow: {', '.join(combination.output_licenses)}")
    return Check("license", True, f"{chosen} is allowed for a model trained on {', '.join(ids)}")


def _diff(expected: Any, actual: Any, path: str) -> list[str]:
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in sorted(set(expected) | set(actual), key=str):
            out += _diff(expected.get(key), actual.get(key), f"{path}.{key}" if path else str(key))
        return out
    return [] if expected == actual else [path or "(root)"]


def _check_front_matter(model_dir: Path, payload: dict[str, Any]) -> Check:
    try:
        actual = read_front_matter(model_dir)
    except InputError as exc:
        return Check("front-matter", False, str(exc))
    expected = expected_front_matter(payload, actual)
    differing = [p for key in expected for p in _diff(expected[key], actual.get(key), key)]
    tags = actual.get("tags") or []
    missing_tags = [t for t in ("differential-privacy", "dp-sgd") if t not in tags]
    if differing or missing_tags:
        what = differing + [f"tag {t} missing" for t in missing_tags]
        return Check("front-matter", False, "README.md disagrees with privacy.json at "
                     + ", ".join(what[:8]) + (" ..." if len(what) > 8 else ""))
    return Check("front-matter", True, "README.md front matter matches privacy.json")


def _check_empirical(record: PrivacyRecord) -> Check:
    block = record.empirical_audit
    if not block:
        return Check("empirical-audit", True, "none recorded (optional)")
    try:
        bound = float(block["epsilon_lower_bound"])
        again = epsilon_lower_bound(m=int(block["canaries"]), r=int(block["guesses"]),
                                    v=int(block["correct"]),
                                    delta=float(block.get("delta", record.accounting.delta)),
                                    alpha=float(block.get("alpha", 0.05)))
    except (KeyError, TypeError, ValueError, InputError) as exc:
        return Check("empirical-audit", False, f"malformed empirical_audit block: {exc}")
    theory = float(record.accounting.epsilon)
    problems = []
    if abs(again - bound) > 1e-3 + 1e-3 * again:
        problems.append(f"recorded lower bound {bound:.4f} but the counts give {again:.4f}")
    if max(bound, again) > theory * (1 + 1e-9):
        problems.append(f"lower bound {max(bound, again):.4f} exceeds the theoretical epsilon "
                        f"{theory:.4f}: the trainer or its accounting is broken")
    if problems:
        return Check("empirical-audit", False, "; ".join(problems))
    return Check("empirical-audit", True, f"{block['correct']}/{block['guesses']} guesses on "
                 f"{block['canaries']} canaries: epsilon >= {bound:.4f} <= theory {theory:.4f}")


# --- the recipe --------------------------------------------------------------------------

def _payload_of(document: dict[str, Any], where: Path) -> dict[str, Any]:
    # A stripped envelope may leave a bare payload: audit it (the signature check fails).
    payload = document.get("payload", document)
    if not isinstance(payload, dict):
        raise InputError("privacy.json payload is not an object", file=where, field="payload")
    return payload


def _malformed(root: Path, document: dict[str, Any], payload: dict[str, Any], error: InputError,
               pinned: PublicIdentity | None) -> AuditReport:
    """A payload that is not a ``PrivacyRecord``: one ``privacy-record`` failure naming the
    fields (no other check can read it), and the signature, which does not need it."""
    run_id = payload.get("run_id")
    checks = (_guarded("signature", lambda: [_check_signature(document, payload.get("trainer"), pinned)])
              + [Check("privacy-record", False, error.detail + (f" (expected {error.expected})"
                                                                 if error.expected else ""))])
    return AuditReport(model_dir=str(root), run_id=run_id if isinstance(run_id, str) else None,
                       checks=tuple(checks))


def audit_model_dir(model_dir: str | Path, *, ledger: Ledger | None = None,
                    trainer_identity: PublicIdentity | None = None,
                    tolerance: float = 0.01, publisher: PublicIdentity | None = None,
                    heads: Sequence[Any] = (), manifest: Any = None) -> AuditReport:
    """Run every check on ``model_dir``; return the report (never raises on a failed check).

    ``ledger``: a :class:`dataprotocol.budget.Ledger` to check the run against -- it
    must be the dataset's, created by its publisher.
    ``publisher``: the dataset publisher's identity to pin (else the one the ledger's
    genesis embeds, checked against the card's record of it).
    ``heads``: publisher-vouched ledger heads (signed documents): the ledger must
    contain each as recorded (no truncation, no fork).
    ``manifest``: the package's verified manifest (``package.read_manifest``): the
    declared label set and the ledger pin are then checked against what the
    publisher signed.
    ``trainer_identity``: the trainer's pinned public identity; without it the identity
    embedded in privacy.json is used, which proves integrity but not who trained.
    ``tolerance``: relative slack when comparing epsilons (0.01 = 1%).
    A payload that does not parse as a :class:`PrivacyRecord` (a missing key, a field
    of the wrong type, a malformed event) is one failing ``privacy-record`` check naming
    the fields, next to the signature check. Raises :class:`InputError` only for input
    it cannot read: no directory, privacy.json not JSON or its payload not an object.
    """
    if not 0 <= tolerance < 1:
        raise InputError(f"tolerance {tolerance} not in [0, 1)", field="tolerance")
    root = Path(model_dir)
    document = read_privacy_document(root)
    payload = _payload_of(document, root / "privacy.json")
    try:  # parsed once: every check below reads the typed record
        record = PrivacyRecord.read(payload, file=root / "privacy.json")
        events = record.mechanism_events()
    except InputError as exc:
        return _malformed(root, document, payload, exc, trainer_identity)
    facts: dict[str, Any] = {}

    def epsilon_checks() -> list[Check]:
        found, numbers = _check_epsilon(record, events, tolerance=tolerance)
        facts.update(numbers)
        return found

    checks = _guarded("signature", lambda: [_check_signature(document, record.trainer, trainer_identity)])
    checks += _guarded("weights-sha256", lambda: _check_files(root, record))
    checks += _guarded("epsilon-opacus", epsilon_checks)
    checks += _guarded("mechanism", lambda: [_check_mechanism(record, events)])
    checks += _guarded("delta", lambda: [_check_delta(record)])
    checks += _guarded("privacy-unit", lambda: [_check_privacy_unit(record.mechanism, record.data)])
    facts["privacy_unit"] = record.mechanism.get("privacy_unit") or "row"
    checks += _guarded("front-matter", lambda: [_check_front_matter(root, payload)])
    checks += _guarded("license", lambda: [_check_license(record, payload)])
    checks += _guarded("labels", lambda: [check_labels(root, payload, manifest=manifest)])
    checks += _guarded("readme-body", lambda: [check_readme_body(root, payload)])
    if ledger is not None:
        checks += _guarded("ledger-run", lambda: check_ledger(
            ledger, record, events, tolerance=tolerance, publisher=publisher, heads=heads,
            manifest=manifest))
    checks += _guarded("empirical-audit", lambda: [_check_empirical(record)])
    checks += _guarded("canary-exposure", lambda: [exposure_check(payload)])
    return AuditReport(model_dir=str(root), run_id=record.run_id, checks=tuple(checks),
                       facts=facts)


def _guarded(name: str, run: Callable[[], list[Check]]) -> list[Check]:
    """Run checks; a field of the wrong shape deep in the payload fails them, not the CLI."""
    try:
        return run()
    except (KeyError, TypeError, ValueError, AttributeError, InputError) as exc:
        return [Check(name, False, f"malformed privacy.json field ({type(exc).__name__}: {exc})")]
