"""A data package's card as Croissant 1.0 JSON-LD, with the Responsible-AI (RAI) fields.

Croissant (MLCommons, https://mlcommons.org/croissant/) is the metadata format dataset
hubs and loaders read; its RAI vocabulary (Croissant RAI 1.0) has fields for personal or
sensitive information, intended uses and limitations. We fill them from the signed
manifest (or a bare dataset card): licence, attribution, purposes (as intended uses),
whether the data held PII and how it was scrubbed (counts only), the DP budget, and the
encrypted shards as ``cr:FileObject``s with their SHA-256 -- never a value from the data.

Croissant asks for SHA-256 (or MD5); a format-2 manifest signs BLAKE3 digests instead
(``_digest``), so ``export_croissant`` reads each shard once, checks it against the
signed BLAKE3 and computes its SHA-256 in the same pass: the SHA-256 it writes is that
of the bytes the publisher signed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dataprotocol.package._digest import SHA256
from dataprotocol.package._manifest import Manifest
from dataprotocol.policy import DatasetCard, default_registry

__all__ = ["croissant_of", "export_croissant", "CROISSANT_CONFORMS_TO"]

CROISSANT_CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
RAI_CONFORMS_TO = "http://mlcommons.org/croissant/RAI/1.0"
#: the encrypted shard stream (docs/formats.md); no generic loader can read it without a grant
SHARD_MEDIA_TYPE = "application/vnd.dataprotocol.shard"

_CONTEXT: dict[str, Any] = {
    "@language": "en", "@vocab": "https://schema.org/", "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/", "citeAs": "cr:citeAs", "column": "cr:column",
    "conformsTo": "dct:conformsTo", "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "equivalentProperty": "cr:equivalentProperty", "extract": "cr:extract", "field": "cr:field",
    "fileObject": "cr:fileObject", "fileProperty": "cr:fileProperty",
    "fileSet": "cr:fileSet", "format": "cr:format", "includes": "cr:includes", "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath", "key": "cr:key", "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path",
    "recordSet": "cr:recordSet", "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated",
    "replace": "cr:replace", "samplingRate": "cr:samplingRate", "separator": "cr:separator",
    "source": "cr:source", "subField": "cr:subField", "transform": "cr:transform",
}


def _data_type(arrow_type: str) -> str:
    t = arrow_type.lower()
    if t.startswith(("int", "uint")):
        return "sc:Integer"
    if t.startswith(("double", "float", "halffloat", "decimal")):
        return "sc:Float"
    if t == "bool":
        return "sc:Boolean"
    if t.startswith(("timestamp", "date")):
        return "sc:Date"
    return "sc:Text"


def _rai(card: DatasetCard, scrub: dict[str, Any] | None) -> dict[str, Any]:
    sensitive = ["The source data held personal information (contains_pii: true)." if card.contains_pii
                 else "The publisher declares the data holds no personal information."]
    if scrub:
        counts = scrub.get("entities") or scrub.get("counts") or {}
        kinds = ", ".join(sorted(counts)) if isinstance(counts, dict) else ""
        sensitive.append("PII was scrubbed before packaging (Presidio-based scrubber; "
                         f"entity types found: {kinds or 'see the manifest'}).")
    budget = (f"Differential privacy budget for the whole dataset: epsilon = {card.budget_epsilon:g}, "
              f"delta = {card.budget_delta:g}, tracked by the publisher's ledger across every release.")
    return {
        "rai:personalSensitiveInformation": sensitive,
        "rai:dataUseCases": [f"Allowed purposes (GA4GH DUO-style): {', '.join(card.purposes)}.",
                             "Reading, querying and training need a signed grant from the publisher."],
        "rai:dataLimitations": [budget, "Shards are encrypted; only grantees can open them."],
        "rai:dataReleaseMaintenancePlan": f"Version {card.version}; grants can be revoked by the publisher.",
    }


def _shard_sha256(manifest: Manifest, given: Mapping[int, str] | None) -> dict[int, str]:
    known = {s.index: s.digest for s in manifest.shards if s.algorithm == SHA256}
    known.update(given or {})
    missing = [s.index for s in manifest.shards if s.index not in known]
    if missing:
        raise ValueError(f"shards {missing} have no SHA-256 in a format-2 manifest (it signs BLAKE3): "
                         "pass shard_sha256= or use export_croissant, which computes them")
    return known


def croissant_of(source: Manifest | DatasetCard, *,
                 shard_sha256: Mapping[int, str] | None = None) -> dict[str, Any]:
    """Croissant JSON-LD for a verified manifest (with shards and fields) or a bare card.

    ``shard_sha256`` (index -> hex) gives the SHA-256 of shard files whose manifest
    entry records BLAKE3 (format 2); ``export_croissant`` computes and checks them.
    """
    manifest = source if isinstance(source, Manifest) else None
    card = manifest.card if manifest is not None else source
    assert isinstance(card, DatasetCard)
    lic = default_registry().get(card.license)
    doc: dict[str, Any] = {
        "@context": _CONTEXT, "@type": "sc:Dataset",
        "conformsTo": [CROISSANT_CONFORMS_TO, RAI_CONFORMS_TO],
        "name": card.dataset_id, "alternateName": card.title,
        "description": card.description or card.title, "version": card.version,
        "license": (lic.url if lic is not None and lic.url else card.license),
        "url": card.attribution.source, "citeAs": card.credit(),
        "creator": {"@type": "sc:Organization", "name": card.attribution.creator},
        "keywords": list(card.purposes),
        **_rai(card, manifest.scrub if manifest is not None else None),
    }
    if card.attribution.year:
        doc["datePublished"] = str(card.attribution.year)
    if manifest is not None:
        sha256 = _shard_sha256(manifest, shard_sha256)
        doc["distribution"] = [
            {"@type": "cr:FileObject", "@id": f"shard-{s.index}", "name": f"shard-{s.index}",
             "contentUrl": s.path, "encodingFormat": SHARD_MEDIA_TYPE, "sha256": sha256[s.index],
             "contentSize": f"{s.ciphertext_size} B"} for s in manifest.shards]
        fields = manifest.schema.get("fields", [])
        if manifest.shards and fields:
            doc["recordSet"] = [{
                "@type": "cr:RecordSet", "@id": "rows", "name": "rows",
                "description": f"{manifest.rows} rows across {len(manifest.shards)} encrypted shards.",
                "field": [{"@type": "cr:Field", "@id": f"rows/{f['name']}", "name": str(f["name"]),
                           "dataType": _data_type(str(f["type"])),
                           "source": {"fileObject": {"@id": "shard-0"}, "extract": {"column": str(f["name"])}}}
                          for f in fields]}]
    return doc


def export_croissant(source: str | Path, out: str | Path | None = None) -> dict[str, Any]:
    """Recipe: a package directory (manifest verified) or a dataset card YAML -> Croissant
    JSON-LD, written atomically to ``out`` when given; returns the document."""
    import json

    from dataprotocol._files import atomic_write_text
    from dataprotocol.package._manifest import load_manifest
    from dataprotocol.package._read import check_shard
    from dataprotocol.package._storage import locate
    from dataprotocol.policy import load_dataset_card

    path = Path(str(source))
    if "://" in str(source) or (path / "manifest.json").exists():
        location = locate(str(source))
        manifest = load_manifest(location)
        # one pass per shard: the signed digest is checked, the SHA-256 comes with it
        sha256 = {s.index: str(check_shard(location, s, also_sha256=True)) for s in manifest.shards}
        doc = croissant_of(manifest, shard_sha256=sha256)
    else:
        doc = croissant_of(load_dataset_card(path))
    if out is not None:
        atomic_write_text(out, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    return doc
