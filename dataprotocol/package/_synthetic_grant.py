"""Publishing a synthetic table is ``publish-data`` under the source's grant: check it.

A table sampled from a model trained on a package is data derived from that package, so
publishing it is the action ``publish-data`` on the source dataset -- which the grant
the model was trained under must allow, for the purpose the publisher states.

The design choice: the grant *itself* is required and verified here, not a list of
actions copied into the provenance record. A copied list would be the trainer's word
(the trainer signs the record) about what the publisher granted, frozen at synthesis
time -- it could not show a revocation or an expiry after that, and nothing ties it to
the publisher's key. The grant is signed by the source's publisher (whose identity is
in the source's signed manifest), and its revocation status is read from the
publisher's current list, so every check is made now, against the party who granted:

1. the provenance record (signed, checked by the caller) names, per source, the
   manifest and the grant the model was trained under (``sources[].grant_id``);
2. that source package's manifest verifies; the grant given with that id verifies
   against its publisher and pins that manifest (and its ledger);
3. the publisher's revocation list is current and does not name the grant;
4. the policy engine decides ``publish-data`` for ``purpose`` by the publishing key
   (the grantee): window, action, purpose, version, licence -- deny by default, every
   reason listed (``PolicyDenied``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dataprotocol.errors import InputError, IntegrityError
from dataprotocol.package._manifest import Manifest, load_manifest
from dataprotocol.package._open import _pinned_grant, load_grant_document
from dataprotocol.package._revocation_check import current_revocations
from dataprotocol.package._storage import Location, locate
from dataprotocol.policy import Request, decide

__all__ = ["PUBLISH_ACTION", "check_publish_grants"]

PUBLISH_ACTION = "publish-data"


def _source_packages(packages: Sequence[str | Path]) -> dict[str, tuple[Location, Manifest]]:
    found: dict[str, tuple[Location, Manifest]] = {}
    for package in packages:
        location = locate(package)
        manifest = load_manifest(location)
        found[manifest.manifest_id] = (location, manifest)
    return found


def _grant_ids(documents: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Grant documents by the id they claim (verified below, against the publisher)."""
    out: dict[str, dict[str, Any]] = {}
    for document in documents:
        payload = document.get("payload")
        if isinstance(payload, dict) and isinstance(payload.get("grant_id"), str):
            out[payload["grant_id"]] = document
    return out


def _claimed(source: Any, index: int, file: Path) -> tuple[str, str]:
    field = f"payload.sources[{index}]"
    manifest_id = source.get("manifest_id") if isinstance(source, dict) else None
    grant_id = source.get("grant_id") if isinstance(source, dict) else None
    if not isinstance(manifest_id, str) or not manifest_id:
        raise InputError("the provenance record names no source manifest", file=file,
                         field=f"{field}.manifest_id", expected="the source package's manifest id")
    if not isinstance(grant_id, str) or not grant_id:
        raise InputError("the provenance record names no grant for its source: publishing "
                         "derived data needs the grant the generator was trained under",
                         file=file, field=f"{field}.grant_id",
                         expected="a record written by 'synthesize' from a model trained "
                         "under a grant (synthesize again with this version)")
    return manifest_id, grant_id


def _same_source(source: dict[str, Any], manifest: Manifest, index: int, file: Path) -> None:
    """The record (the trainer's word) must say what the publisher's manifest says: the
    licence decides which obligations are carried forward."""
    card = manifest.card
    for key, actual in (("dataset_id", card.dataset_id), ("dataset_version", card.version),
                        ("license", card.license)):
        if source.get(key) is not None and str(source.get(key)) != str(actual):
            raise IntegrityError(f"{file}: payload.sources[{index}].{key} is "
                                 f"{source.get(key)!r}, but the source manifest "
                                 f"{manifest.manifest_id} says {actual!r}")


def check_publish_grants(sources: Sequence[Any], *, grants: Sequence[dict[str, Any] | str | Path],
                         source_packages: Sequence[str | Path], principal: str, purpose: str,
                         file: Path) -> list[dict[str, Any]]:
    """Every source's grant allows ``publish-data`` for ``purpose`` by ``principal``, now.

    ``sources``: the signed provenance record's ``sources``; ``file``: that record (for
    messages). Returns one summary per source (grant id, manifest id, action, purpose,
    revocation list sequence) for the new manifest's synthetic block. Raises
    :class:`InputError` (exit 2) when a grant or source package is not given,
    ``SignatureError`` / ``IntegrityError`` when one does not verify or pins another
    manifest, and ``PolicyDenied`` (exit 1) with every reason when the decision is no.
    """
    if not sources:
        raise InputError("the provenance record names no source", file=file,
                         field="payload.sources", expected="the datasets the generator was trained on")
    packages = _source_packages(source_packages)
    documents = _grant_ids([load_grant_document(g) for g in grants])
    checked = []
    for index, source in enumerate(sources):
        manifest_id, grant_id = _claimed(source, index, file)
        if manifest_id not in packages:
            raise InputError(f"the source package (manifest {manifest_id}) was not given",
                             field="source_packages (--source-package)",
                             expected="the package the generator was trained on: its signed "
                             "manifest holds the publisher's key that signed the grant")
        if grant_id not in documents:
            raise InputError(f"grant {grant_id} was not given: the generator was trained "
                             f"under it, and publishing its synthetic table is "
                             f"{PUBLISH_ACTION} under it", field="grants (--grant)",
                             expected=f"the signed grant file of grant {grant_id}")
        location, manifest = packages[manifest_id]
        _same_source(source, manifest, index, file)
        document = documents[grant_id]
        grant = _pinned_grant(document, manifest, source=location.display,
                              grant_source=f"grant {grant_id}")
        current, status = current_revocations(location, manifest, grant)
        request = Request(dataset=manifest.card, principal=principal, action=PUBLISH_ACTION,
                          purpose=purpose, shards=grant.shards)
        decide(request, grants=[document],
               revocations=[current] if current is not None else None).raise_if_denied()
        checked.append({"grant_id": grant_id, "manifest_id": manifest_id,
                        "dataset_id": manifest.card.dataset_id, "action": PUBLISH_ACTION,
                        "purpose": purpose, "revocations_sequence": status.sequence})
    return checked
