"""Audit a DP synthetic package: is the guarantee its card claims backed?

A synthetic package's signed manifest claims (epsilon, delta) inherited from a
generator model. :func:`audit_synthetic_package` believes none of it: the package must
verify (signature, shards, the attached provenance record pinned by SHA-256 and saying
the same numbers); the generator's ``privacy.json`` must be the very file the record
hashed, signed by the key that signed the provenance, and must state the same run,
(epsilon, delta) and accountant; the generator must pass the full model audit
(epsilon recomputed from its events, and -- with the ledger -- the run committed with
those events within the dataset's cap); the ledger entry the record names must be the
run's; and the obligations the source licenses impose on derived data must all be
carried forward. Every check runs; the report names each.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dataprotocol.errors import DataProtocolError, InputError
from dataprotocol.records._audit import AuditReport
from dataprotocol.records._audit_check import Check

if TYPE_CHECKING:
    from dataprotocol.budget import Ledger
    from dataprotocol.keys import PublicIdentity

__all__ = ["audit_synthetic_package"]


def _close(a: Any, b: Any) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=0.0)
    except (TypeError, ValueError):
        return False


def _generator_check(block: dict[str, Any], model_dir: Path, document: dict[str, Any]) -> Check:
    raw = (model_dir / "privacy.json").read_bytes()
    problems = []
    if hashlib.sha256(raw).hexdigest() != block.get("model_privacy_sha256"):
        problems.append("privacy.json is not the file the provenance record hashed")
    payload = document.get("payload") or {}
    accounting = payload.get("accounting") or {}
    if str(payload.get("run_id")) != block.get("model_run_id"):
        problems.append(f"run {payload.get('run_id')} is not the claimed {block.get('model_run_id')}")
    for key in ("epsilon", "delta"):
        if not _close(accounting.get(key), block.get(key)):
            problems.append(f"claimed {key} {block.get(key)} differs from the generator's "
                            f"{accounting.get(key)}")
    if str(accounting.get("accountant")) != block.get("accountant"):
        problems.append(f"accountant {block.get('accountant')} is not the generator's "
                        f"{accounting.get('accountant')}")
    if (payload.get("ledger") or {}).get("entry_hash") != block.get("ledger_entry"):
        problems.append("the claimed ledger entry is not the generator's")
    signer = (document.get("signature") or {}).get("key_id")
    if signer != block.get("provenance_signer"):
        problems.append(f"the provenance was signed by {block.get('provenance_signer')}, "
                        f"the generator's privacy.json by {signer}")
    ids = sorted(str(d.get("manifest_id")) for d in payload.get("data") or [])
    if ids != sorted(str(s.get("manifest_id")) for s in block.get("sources") or []):
        problems.append("the claimed source packages are not the generator's training data")
    if problems:
        return Check("synthetic-generator", False, "; ".join(problems))
    return Check("synthetic-generator", True, f"claim matches the signed privacy record of run "
                 f"{block.get('model_run_id')} (ε = {float(block['epsilon']):.4g}, "
                 f"δ = {float(block['delta']):g}, {block.get('accountant')})")


def _ledger_check(block: dict[str, Any], ledger: Ledger | None) -> Check:
    if ledger is None:
        return Check("synthetic-ledger", False, "no ledger given: the claimed spend is not "
                     "checked against it (pass the source dataset's ledger)")
    run_id = str(block.get("model_run_id"))
    try:
        entry = ledger.entry(run_id)
    except (DataProtocolError, KeyError, LookupError) as exc:
        return Check("synthetic-ledger", False, f"run {run_id} not in the ledger ({exc})")
    problems = []
    if entry.state != "committed":
        problems.append(f"entry state is {entry.state!r}, not 'committed'")
    if block.get("ledger_entry") != entry.entry_hash:
        problems.append("the claimed ledger entry hash is not the ledger's")
    if not _close(entry.delta, block.get("delta")):
        problems.append(f"ledger delta {entry.delta:g} differs from the claim")
    if entry.dataset_id not in {str(s.get("dataset_id")) for s in block.get("sources") or []}:
        problems.append(f"the ledger charges {entry.dataset_id}, not a claimed source")
    if problems:
        return Check("synthetic-ledger", False, "; ".join(problems))
    return Check("synthetic-ledger", True, f"run {run_id} committed on {entry.dataset_id} "
                 f"(entry {entry.entry_hash[:16]}…)")


def _obligations_check(block: dict[str, Any], license_id: str) -> Check:
    from dataprotocol.policy import combine

    ids = [str(s.get("license")) for s in block.get("sources") or []]
    if not ids:
        return Check("synthetic-obligations", False, "the claim names no source license")
    combination = combine(ids, action="publish-data")
    if not combination.allowed:
        return Check("synthetic-obligations", False, "the source licenses do not allow "
                     "publishing derived data: " + "; ".join(combination.reasons))
    carried = {(str(o.get("kind")), str(o.get("license"))) for o in block.get("obligations") or []}
    missing = [f"{o.kind} ({o.license})" for o in combination.obligations
               if (o.kind, o.license) not in carried]
    problems = [f"obligations not carried forward: {', '.join(missing)}"] if missing else []
    if license_id not in combination.output_licenses:
        problems.append(f"license {license_id} is not one {', '.join(ids)} allow for derived "
                        f"data ({', '.join(combination.output_licenses)})")
    if problems:
        return Check("synthetic-obligations", False, "; ".join(problems))
    kinds = ", ".join(sorted({k for k, _ in carried})) or "none"
    return Check("synthetic-obligations", True, f"{license_id} allowed; obligations carried: {kinds}")


def audit_synthetic_package(package: str | Path, *, model_dir: str | Path,
                            ledger: Ledger | None = None,
                            trainer_identity: PublicIdentity | None = None,
                            publisher: PublicIdentity | None = None) -> AuditReport:
    """Every check of a synthetic package's DP claim (never raises on a failed check).

    ``model_dir``: the generator (its signed privacy.json); ``ledger``: the source
    dataset's ledger (without it the spend check fails: no unbacked claim passes);
    ``trainer_identity`` / ``publisher``: identities to pin (else self-asserted).
    Raises :class:`InputError` only for unreadable input (no package, no privacy.json).
    """
    from dataprotocol.package import read_manifest, synthetic_claim, verify_package
    from dataprotocol.records._audit import audit_model_dir
    from dataprotocol.records._card import read_privacy_document

    root = Path(model_dir)
    manifest = read_manifest(package)
    block = synthetic_claim(manifest)
    if block is None:
        raise InputError("not a synthetic package: its manifest carries no synthetic claim",
                         file=str(package), field="synthetic",
                         expected="a package written by publish --synthetic")
    report = verify_package(package, publisher=publisher, raise_on_failure=False)
    checks = [Check("synthetic-package", report.passed, "signature, shards and provenance "
                    "record verify" if report.passed else "; ".join(report.failures))]
    document = read_privacy_document(root)
    provenance_signer = str(block.get("provenance_signer"))
    if trainer_identity is not None and trainer_identity.key_id != provenance_signer:
        checks.append(Check("synthetic-signer", False, f"provenance signed by {provenance_signer}, "
                            f"not the pinned trainer {trainer_identity.key_id}"))
    else:
        checks.append(Check("synthetic-signer", True, f"provenance signed by {provenance_signer}"
                            + ("" if trainer_identity else " (self-asserted: pin --trainer-key)")))
    checks.append(_generator_check(block, root, document))
    generator = audit_model_dir(root, ledger=ledger, trainer_identity=trainer_identity)
    checks += [Check(f"generator/{c.name}", c.passed, c.detail) for c in generator.checks]
    checks.append(_ledger_check(block, ledger))
    checks.append(_obligations_check(block, manifest.card.license))
    return AuditReport(model_dir=str(package), run_id=str(block.get("model_run_id")),
                       checks=tuple(checks),
                       facts={"epsilon": block.get("epsilon"), "delta": block.get("delta"),
                              "generator": str(root), **generator.facts})
