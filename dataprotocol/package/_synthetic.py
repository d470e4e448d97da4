"""A DP synthetic table published as a new package whose card carries its guarantee.

:func:`publish_synthetic` takes the Parquet table ``dataprotocol synthesize`` wrote and
its signed provenance record (``TABLE.provenance.json``). Before anything is written it
checks that the record is there, that its signature holds and that it describes *this*
table (SHA-256); then the policy engine decides what the new package may be: a synthetic
copy is data derived from the source datasets (action ``publish-data``), so the card's
license must be one the sources allow for it, and every obligation the source licenses
impose (attribution, share-alike, ...) is carried forward into the signed manifest and
the dataset card (README.md), next to the (epsilon, delta) the table inherits.

The provenance record itself travels inside the package (``synthetic.provenance.json``),
pinned by its SHA-256 in the signed manifest, so ``verify_package`` can check it without
keys and ``records.audit_synthetic_package`` can hold the claim against the generator's
signed ``privacy.json`` and the ledger.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dataprotocol.errors import DataProtocolError, InputError, IntegrityError
from dataprotocol.keys import KeyPair, PublicIdentity, verify_document
from dataprotocol.policy import DatasetCard

__all__ = ["SyntheticRelease", "publish_synthetic", "prepare_synthetic", "synthetic_claim",
           "check_synthetic_attachment", "PROVENANCE_NAME", "SYNTHETIC_FORMAT"]

#: where the signed provenance record is kept inside the package
PROVENANCE_NAME = "synthetic.provenance.json"
SYNTHETIC_FORMAT = 1
_DOC_TYPE = "dataprotocol-synthetic/1"  # records.SYNTHETIC_DOC_TYPE (records imports package lazily)


@dataclass(frozen=True)
class SyntheticRelease:
    """What ``publish`` adds for a synthetic table: the manifest block, the provenance
    file (bytes, verbatim) and the dataset card's section about the guarantee."""

    block: dict[str, Any]
    provenance_bytes: bytes

    def readme_section(self) -> str:
        b = self.block
        lines = ["", "## Differential privacy guarantee (synthetic data)", "",
                 f"This table ({b['rows']} rows) was sampled from a causal language model "
                 f"fine-tuned with DP-SGD: it inherits that model's "
                 f"**(ε = {b['epsilon']:.4g}, δ = {b['delta']:g})** guarantee for one training "
                 f"row by post-processing (accountant: {b['accountant']}).", "",
                 f"- generator run: `{b['model_run_id']}`; its signed privacy record "
                 f"(privacy.json) SHA-256 `{b['model_privacy_sha256']}`",
                 f"- ledger entry: `{b['ledger_entry']}`" if b.get("ledger_entry")
                 else "- ledger entry: none recorded",
                 f"- provenance record: `{PROVENANCE_NAME}` (SHA-256 `{b['provenance_sha256']}`, "
                 f"signed by key {b['provenance_signer']})",
                 f"- scrubbed after generation: {'yes' if b['scrubbed'] else 'no'}"]
        lines += [f"- published as `{g['action']}` for `{g['purpose']}` under grant "
                  f"`{g['grant_id']}` on `{g['dataset_id']}` (verified against its publisher "
                  "and revocation list)" for g in b.get("grants") or []] + [""]
        lines.append("Source datasets:")
        for s in b["sources"]:
            lines.append(f"- `{s.get('dataset_id')}` v{s.get('dataset_version')} "
                         f"({s.get('license')}), manifest `{s.get('manifest_id')}`")
        lines += ["", "Obligations carried forward from the source licenses:"]
        lines += [f"- {o['kind']} ({o['license']}): {o['text']}" for o in b["obligations"]] or ["- none"]
        if b["attribution"]:
            lines += ["", "Attribution:"] + [f"- {a}" for a in b["attribution"]]
        lines += ["", b["guarantee"], ""]
        return "\n".join(lines)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _table_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _load_provenance(path: Path) -> tuple[dict[str, Any], bytes]:
    from dataprotocol._files import parse_json

    if not path.is_file():
        raise InputError("the synthetic table has no provenance record", file=path,
                         field="provenance", expected="the signed TABLE.provenance.json that "
                         "'dataprotocol synthesize' wrote next to the table")
    raw = path.read_bytes()
    document = parse_json(raw.decode("utf-8", errors="strict"), source=path,
                          what="synthetic provenance")
    if not isinstance(document, dict) or document.get("type") != _DOC_TYPE:
        raise InputError("not a synthetic provenance record", file=path, field="type",
                         expected=_DOC_TYPE)
    if not isinstance(document.get("payload"), dict):
        raise InputError("the provenance record has no payload", file=path, field="payload",
                         expected="a mapping")
    return document, raw


def _signed_payload(document: dict[str, Any], *, source: str,
                    signer: PublicIdentity | None) -> tuple[dict[str, Any], PublicIdentity]:
    identity = signer or PublicIdentity.from_dict(document.get("signer"), source=source)
    payload = verify_document(document, identity, doc_type=_DOC_TYPE)
    return payload, identity


def _require(payload: dict[str, Any], key: str, kind: type | tuple[type, ...], file: Path) -> Any:
    value = payload.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise InputError("the provenance record lacks a valid value", file=file,
                         field=f"payload.{key}", expected=getattr(kind, "__name__", str(kind)))
    return value


def _obligations(payload: dict[str, Any], card: DatasetCard, file: Path
                 ) -> tuple[list[dict[str, str]], list[str], list[str]]:
    """(obligations, attribution lines, output licenses) per the policy engine."""
    from dataprotocol.policy import combine

    sources = _require(payload, "sources", list, file)
    ids = [str(s.get("license")) for s in sources if isinstance(s, dict)]
    if not ids or len(ids) != len(sources):
        raise InputError("the provenance record names no source license", file=file,
                         field="payload.sources[].license", expected="the source datasets' licenses")
    credits = [f"\"{s.get('title')}\" by {s.get('creator')} ({s.get('source')}), {s.get('license')}"
               if s.get("creator") else None for s in sources]
    combination = combine(ids, action="publish-data",
                          credits=[c or "" for c in credits] if any(credits) else None)
    if not combination.allowed:
        raise InputError("the source licenses do not allow publishing data derived from "
                         "them: " + "; ".join(combination.reasons), file=card.source or None,
                         field="license", expected="source datasets whose licenses allow publish-data")
    if card.license not in combination.output_licenses:
        raise InputError(f"license {card.license} is not one the source licenses "
                         f"({', '.join(ids)}) allow for derived data",
                         file=card.source or None, field="license",
                         expected=" | ".join(combination.output_licenses))
    carried = {(o.kind, o.license): o.to_dict() for o in combination.obligations}
    lic = payload.get("license") if isinstance(payload.get("license"), dict) else {}
    for item in (lic or {}).get("obligations", []) or []:  # the model stage's, kept too
        if isinstance(item, dict) and {"kind", "license", "text"} <= set(item):
            carried.setdefault((str(item["kind"]), str(item["license"])),
                               {k: str(item[k]) for k in ("kind", "license", "text")})
    attribution = list(dict.fromkeys([*combination.attribution,
                                      *map(str, (lic or {}).get("attribution", []) or [])]))
    return list(carried.values()), attribution, list(combination.output_licenses)


def prepare_synthetic(table: str | Path, *, card: DatasetCard,
                      grants: Sequence[dict[str, Any] | str | Path],
                      source_packages: Sequence[str | Path], principal: str, purpose: str,
                      provenance: str | Path | None = None,
                      signer: PublicIdentity | None = None) -> SyntheticRelease:
    """Check ``table`` against its provenance and the policy engine; return the release.

    Publishing the table is ``publish-data`` on each source dataset under the grant the
    generator was trained under (the signed record names it): ``grants`` must hold that
    grant, ``source_packages`` the source package (its manifest: the publisher's key and
    revocation list), and the policy engine must allow ``principal`` (the key id that
    will sign the new package: the grantee) ``publish-data`` for ``purpose``
    (:mod:`dataprotocol.package._synthetic_grant` says why the grant itself, not a copy).

    Raises :class:`InputError` (exit 2) naming the file and field when the provenance
    record is missing, malformed or describes another file, when a grant or source
    package is not given, or when the card's license is not one the sources allow;
    :class:`SignatureError` when the record's signature fails (against ``signer`` when
    pinned, else the identity the record embeds) or a grant's does;
    :class:`PolicyDenied` (exit 1) with every reason when the grant does not allow it.
    """
    from dataprotocol.package._synthetic_grant import check_publish_grants

    table_path = Path(table)
    prov_path = Path(provenance) if provenance is not None else table_path.with_suffix(".provenance.json")
    if not table_path.is_file():
        raise InputError("synthetic table not found", file=table_path, expected="a Parquet file")
    document, raw = _load_provenance(prov_path)
    payload, identity = _signed_payload(document, source=str(prov_path), signer=signer)
    claimed = _require(payload, "table_sha256", str, prov_path)
    if _table_sha256(table_path) != claimed:
        raise InputError(f"the provenance record describes another file, not {table_path.name}",
                         file=prov_path, field="payload.table_sha256",
                         expected=f"the SHA-256 of {table_path}")
    epsilon = float(_require(payload, "epsilon", (int, float), prov_path))
    delta = float(_require(payload, "delta", (int, float), prov_path))
    if card.contains_pii:
        raise InputError("a synthetic package's card may not say it contains PII: the "
                         "guarantee is for released rows", file=card.source or None,
                         field="contains_pii", expected="false")
    obligations, attribution, outputs = _obligations(payload, card, prov_path)
    granted = check_publish_grants(payload["sources"], grants=grants,
                                   source_packages=source_packages, principal=principal,
                                   purpose=purpose, file=prov_path)
    sources = [{k: s.get(k) for k in ("dataset_id", "dataset_version", "manifest_id", "license",
                                      "grant_id")}
               for s in payload["sources"]]
    block = {
        "format": SYNTHETIC_FORMAT, "provenance": PROVENANCE_NAME,
        "provenance_sha256": _sha256(raw), "provenance_signer": identity.key_id,
        "table_sha256": claimed, "rows": int(_require(payload, "rows", int, prov_path)),
        "columns": list(_require(payload, "columns", list, prov_path)),
        "model_run_id": str(_require(payload, "model_run_id", str, prov_path)),
        "model_privacy_sha256": str(_require(payload, "model_privacy_sha256", str, prov_path)),
        "epsilon": epsilon, "delta": delta, "accountant": str(payload.get("accountant")),
        "ledger_entry": payload.get("ledger_entry"), "sources": sources,
        "obligations": obligations, "attribution": attribution, "output_licenses": outputs,
        "scrubbed": bool((payload.get("scrub") or {}).get("scrubbed")),
        "guarantee": str(payload.get("guarantee", "")),
        "grants": granted,  # publish-data checked under each (package._synthetic_grant)
    }
    return SyntheticRelease(block=block, provenance_bytes=raw)


def publish_synthetic(table: str | Path, *, card: DatasetCard, publisher: KeyPair, out: str | Path,
                      grants: Sequence[dict[str, Any] | str | Path],
                      source_packages: Sequence[str | Path], purpose: str,
                      provenance: str | Path | None = None, signer: PublicIdentity | None = None,
                      **publish_options: Any) -> Any:
    """Publish a DP synthetic ``table`` as a new package carrying its guarantee.

    Everything :func:`prepare_synthetic` checks runs before anything is written -- the
    ``publish-data`` decision under ``grants`` with ``publisher`` as the grantee
    included; ``publish_options`` go to :func:`dataprotocol.package.publish` (shards,
    ledger, ...). Returns the package's :class:`Manifest`.
    """
    from dataprotocol.package._publish import publish

    release = prepare_synthetic(table, card=card, grants=grants, source_packages=source_packages,
                                principal=publisher.key_id, purpose=purpose,
                                provenance=provenance, signer=signer)
    return publish(table, card=card, publisher=publisher, out=out, synthetic=release,
                   **publish_options)


def synthetic_claim(manifest: Any) -> dict[str, Any] | None:
    """The synthetic block of a (verified) manifest, or None for an ordinary package."""
    block = manifest.document.get("payload", {}).get("synthetic")
    return dict(block) if isinstance(block, dict) else None


def check_synthetic_attachment(location: Any, manifest: Any) -> tuple[bool, str, dict[str, Any]]:
    """(passed, detail, provenance payload) for a package's attached provenance record:
    pinned by SHA-256 in the manifest, signed by the key the manifest names, and saying
    the same numbers as the manifest's block."""
    block = synthetic_claim(manifest)
    if block is None:
        return True, "not a synthetic package", {}
    try:
        raw = location.read_bytes(PROVENANCE_NAME)
    except (DataProtocolError, OSError) as exc:
        return False, f"{PROVENANCE_NAME} missing ({exc})", {}
    if _sha256(raw) != block.get("provenance_sha256"):
        return False, f"{PROVENANCE_NAME} is not the record the manifest pins", {}
    try:
        document = json.loads(raw)
        identity = PublicIdentity.from_dict(document.get("signer"), source=PROVENANCE_NAME)
        if identity.key_id != block.get("provenance_signer"):
            raise IntegrityError("signed by another key than the manifest names")
        payload = verify_document(document, identity, doc_type=_DOC_TYPE)
    except (DataProtocolError, ValueError, AttributeError) as exc:
        return False, f"{PROVENANCE_NAME}: {exc}", {}
    mismatched = [k for k in ("epsilon", "delta", "model_run_id", "model_privacy_sha256",
                              "table_sha256", "rows", "ledger_entry") if payload.get(k) != block.get(k)]
    if int(manifest.rows) != int(block.get("rows", -1)):
        mismatched.append("rows (manifest)")
    if mismatched:
        return False, f"the manifest's synthetic claim differs from {PROVENANCE_NAME}: " \
            + ", ".join(mismatched), payload
    return True, (f"synthetic: (ε = {block['epsilon']:.4g}, δ = {block['delta']:g}) from run "
                  f"{block['model_run_id']}, provenance signed by {identity.key_id}"), payload

