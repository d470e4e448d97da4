"""The released model directory: weights, tokenizer, ``README.md`` and ``privacy.json``.

``privacy.json`` is a signed envelope (``keys.sign_document``, type
``dataprotocol-privacy/1``) holding every fact an auditor needs to recompute the
privacy claim: the mechanism events, the accounting, the SHA-256 of every weights file,
the data's manifest ids and the ledger entry. ``README.md`` is a Hugging Face model
card whose YAML front matter carries the same facts in a ``differential_privacy``
block laid out after the reporting checklist of Ponomareva et al. 2023, "How to DP-fy
ML" (Sec. 5.3): setting, unit of privacy, neighbouring relation, what output and which
data accesses the guarantee covers, mechanism, accounting. The block is a pure
function of the signed payload (:func:`dp_block`), so ``budget audit`` can check that
nobody edited the card after signing.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from dataprotocol._files import check_output_folder, load_json, make_staging_folder, read_text
from dataprotocol.errors import InputError
from dataprotocol.keys import KeyPair, sign_document
from dataprotocol.records._card_text import (
    PRIVACY_FILE,
    README_FILE,
    _adapter_only,
    front_matter,
    render_readme,
)
from dataprotocol.records._privacy import PrivacyRecord

__all__ = [
    "PRIVACY_DOC_TYPE",
    "PRIVACY_FILE",
    "README_FILE",
    "write_model_dir",
    "read_privacy_document",
    "read_front_matter",
    "hash_model_files",
]

PRIVACY_DOC_TYPE = "dataprotocol-privacy/1"
PRIVACY_FORMAT = 1
#: files holding parameters; everything else (config, tokenizer) is hashed under "files"
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".ckpt", ".gguf", ".h5", ".msgpack")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_weights_file(name: str) -> bool:
    return name.endswith(WEIGHT_SUFFIXES) or name.endswith((".safetensors.index.json",
                                                            ".bin.index.json"))


def hash_model_files(model_dir: str | Path) -> tuple[dict[str, str], dict[str, str]]:
    """(weights, files): SHA-256 of every weights file and of every other model file.

    ``README.md`` and ``privacy.json`` are left out: the card describes the hashes.
    Paths are relative, with ``/`` separators, sorted.
    """
    root = Path(model_dir)
    weights: dict[str, str] = {}
    files: dict[str, str] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        if rel in (PRIVACY_FILE, README_FILE) or rel.startswith("."):
            continue
        (weights if is_weights_file(rel) else files)[rel] = _sha256(path)
    return weights, files


def _normalise(payload: dict[str, Any]) -> dict[str, Any]:
    try:
        clean = json.loads(json.dumps(payload, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise InputError(f"privacy payload is not plain JSON: {exc}", field="payload") from exc
    PrivacyRecord.unsigned(clean)  # complete, typed, not yet signed
    return clean


def _complete(payload: dict[str, Any], *, signer: KeyPair, root: Path) -> dict[str, Any]:
    weights, files = hash_model_files(root)
    if not weights:
        raise InputError("the model saved no weights file", field="model")
    return {
        **payload,
        "format": PRIVACY_FORMAT,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "trainer": signer.public_document(),
        "weights": weights,
        "files": files,
    }


def _swap_into_place(tmp: Path, out: Path) -> None:
    if out.exists():
        old = out.with_name(f".{out.name}.old-{secrets.token_hex(4)}")
        os.replace(out, old)
        os.replace(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, out)


def write_model_dir(out_dir: str | Path, *, model: Any, tokenizer: Any, signer: KeyPair,
                    payload: dict[str, Any], overwrite: bool = False) -> Path:
    """Write weights, tokenizer, signed ``privacy.json`` and ``README.md`` into ``out_dir``.

    ``payload``: the privacy payload without ``format``, ``created_at``, ``trainer``,
    ``weights``, ``files`` (added here). Everything is built in a temporary folder next to
    ``out_dir`` and renamed into place at the end: nothing half-written. An existing,
    non-empty ``out_dir`` is replaced only with ``overwrite=True``.
    """
    out = check_output_folder(out_dir, what="model directory", overwrite=overwrite)
    clean = _normalise(payload)
    tmp = make_staging_folder(out, what="model directory")  # pid-named: a killed run's is removed
    try:
        if hasattr(model, "merge_and_unload") and not _adapter_only(clean):
            # a PEFT model: release merged weights unless the user asked for the adapter
            model = model.merge_and_unload()
        model.save_pretrained(str(tmp))
        if tokenizer is not None:
            tokenizer.save_pretrained(str(tmp))
        full = _complete(clean, signer=signer, root=tmp)
        document = sign_document(PRIVACY_DOC_TYPE, full, signer)
        (tmp / PRIVACY_FILE).write_text(json.dumps(document, indent=2, sort_keys=True) + "\n",
                                        encoding="utf-8")
        (tmp / README_FILE).write_text(render_readme(full, front_matter(full)), encoding="utf-8")
        _swap_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def read_privacy_document(model_dir: str | Path) -> dict[str, Any]:
    """The raw ``privacy.json`` object (signed envelope, unverified). InputError if absent."""
    root = Path(model_dir)
    if not root.is_dir():
        raise InputError("model directory not found", file=root, expected="a folder")
    document = load_json(root / PRIVACY_FILE, what="privacy.json")
    if not isinstance(document, dict):
        raise InputError("privacy.json is not a JSON object", file=root / PRIVACY_FILE)
    return document


def read_front_matter(model_dir: str | Path) -> dict[str, Any]:
    """README.md's YAML front matter via huggingface_hub (empty dict if it has none)."""
    from huggingface_hub import ModelCard

    path = Path(model_dir) / README_FILE
    text = read_text(path, what="model card README.md")
    try:
        card = ModelCard(text)
    except Exception as exc:  # huggingface_hub raises ValueError / yaml errors
        raise InputError(f"malformed model card front matter: {exc}", file=path) from exc
    return dict(card.data.to_dict())
