"""The signed provenance record of a DP synthetic table (``dataprotocol-synthetic/1``).

A table sampled from a DP-fine-tuned model inherits the model's (epsilon, delta)
guarantee by post-processing (Dwork & Roth 2014, Prop. 2.1) -- *provided nothing
private enters generation*. So the record names exactly what did: the model (its run
id, the SHA-256 of its signed privacy.json, its ledger entry), the prompts (user
templates, recorded verbatim), and the sampling settings. It carries the source
package's manifest ids and license obligations forward, says that the rows were
scrubbed afterwards (a DP model can still emit a name it saw often; DP bounds what one
row contributes, not what many rows share), and the SHA-256 of the table file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dataprotocol.errors import InputError, IntegrityError
from dataprotocol.keys import KeyPair, PublicIdentity, sign_document, verify_document

__all__ = ["SYNTHETIC_DOC_TYPE", "SyntheticProvenance", "write_provenance", "read_provenance",
           "verify_synthetic", "sha256_file"]

SYNTHETIC_DOC_TYPE = "dataprotocol-synthetic/1"
_GUARANTEE = ("the table is a post-processing of a model trained with (epsilon, delta)-DP "
              "DP-SGD; no private row entered generation (prompts are the user templates "
              "recorded here); it inherits the model's guarantee for one training row")
_SCRUB = ("rows were passed through the dataprotocol scrubber (Presidio + spaCy, offline) "
          "after generation: a DP model can still emit identifiers many rows shared; "
          "scrubbing is statistical, not a guarantee")


@dataclass(frozen=True, kw_only=True)
class SyntheticProvenance:
    """Every fact an auditor needs about a synthetic table. Numbers are keyword-only."""

    model_run_id: str
    model_privacy_sha256: str
    epsilon: float
    delta: float
    accountant: str
    ledger_entry: str | None
    sources: list[dict[str, Any]]
    license: dict[str, Any]
    rows: int
    columns: list[str]
    prompts: list[str]
    generation: dict[str, Any]
    scrub: dict[str, Any]
    table_file: str
    table_sha256: str
    created_at: str
    guarantee: str = _GUARANTEE
    scrub_statement: str = _SCRUB
    format: int = 1
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.epsilon >= 0 or not 0 <= self.delta < 1:
            raise InputError("synthetic provenance needs epsilon >= 0 and 0 <= delta < 1",
                             field="epsilon")
        if self.rows < 0 or not self.table_sha256:
            raise InputError("synthetic provenance needs rows >= 0 and the table's SHA-256",
                             field="rows")

    def to_dict(self) -> dict[str, Any]:
        return json.loads(json.dumps(asdict(self), allow_nan=False))  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, source: str | Path = "provenance") -> SyntheticProvenance:
        known = set(cls.__dataclass_fields__)
        try:
            return cls(**{k: v for k, v in data.items() if k in known})
        except TypeError as exc:
            raise InputError(f"malformed synthetic provenance: {exc}", file=source,
                             expected=SYNTHETIC_DOC_TYPE) from exc


def sha256_file(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_provenance(path: str | Path, record: SyntheticProvenance, *, signer: KeyPair) -> Path:
    """Sign ``record`` and write it atomically to ``path``."""
    from dataprotocol._files import atomic_write_text

    document = sign_document(SYNTHETIC_DOC_TYPE, record.to_dict(), signer)
    document["signer"] = signer.public_document()
    return atomic_write_text(path, json.dumps(document, indent=2, sort_keys=True) + "\n")


def read_provenance(path: str | Path) -> tuple[dict[str, Any], SyntheticProvenance]:
    from dataprotocol._files import load_json

    document = load_json(path, what="synthetic provenance")
    if not isinstance(document, dict) or document.get("type") != SYNTHETIC_DOC_TYPE:
        raise InputError("not a synthetic provenance record", file=path,
                         expected=SYNTHETIC_DOC_TYPE)
    return document, SyntheticProvenance.from_dict(dict(document.get("payload") or {}),
                                                   source=path)


def verify_synthetic(provenance_path: str | Path, table_path: str | Path, *,
                     signer: PublicIdentity | None = None) -> SyntheticProvenance:
    """Check the signature (against ``signer`` when pinned, else the embedded identity)
    and that the table file is the one the record describes. Raises on any mismatch."""
    document, record = read_provenance(provenance_path)
    identity = signer or PublicIdentity.from_dict(document.get("signer"), source=str(provenance_path))
    verify_document(document, identity, doc_type=SYNTHETIC_DOC_TYPE)
    if sha256_file(table_path) != record.table_sha256:
        raise IntegrityError("the synthetic table is not the one its provenance describes")
    return record
