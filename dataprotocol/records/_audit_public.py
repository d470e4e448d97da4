"""Audit checks on what a model directory says in the clear, outside the DP guarantee.

* ``labels``: the label names a classifier ships (``config.json`` ``id2label``) must
  be the public label set the publisher declared in the dataset card
  (``categories``) -- DP-SGD covers the weights, not names read from the rows; with a
  free-text column as "label" they would be training text. The set is recorded in
  privacy.json (trainer-signed); with the package's manifest (publisher-signed) the
  audit checks it against the publisher's own declaration.
* ``readme-body``: every ε / δ the README body states must be one the signed payload
  implies -- the front matter is checked field by field, the prose must not say
  something else (e.g. an edited "ε = 0.1").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from dataprotocol._files import load_json, read_text
from dataprotocol.records._audit_check import Check
from dataprotocol.records._card_text import README_FILE, _fmt

__all__ = ["check_labels", "check_readme_body"]

#: names transformers gives when nobody set any: they carry nothing from the data
_DEFAULT_LABEL = re.compile(r"^LABEL_\d+$")
_STATED = re.compile(r"([εδ])\s*(?:=|≥)\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)")


def _id2label(model_dir: Path) -> list[str] | None:
    path = model_dir / "config.json"
    if not path.exists() and not path.is_symlink():
        return None
    config = load_json(path, what="config.json")  # bounded, regular files only
    mapping = config.get("id2label") if isinstance(config, dict) else None
    if not isinstance(mapping, dict):
        return None
    return [str(mapping[k]) for k in sorted(mapping, key=lambda k: int(k))]


def check_labels(model_dir: Path, payload: dict[str, Any], *, manifest: Any = None) -> Check:
    names = _id2label(model_dir)
    data = payload["data"][0]
    column = data.get("label_column")
    declared = (data.get("categories") or {}).get(column) if column else None
    if names is None:
        return Check("labels", True, "no label names released (config.json has no id2label)")
    if declared is None:
        if all(_DEFAULT_LABEL.match(n) for n in names):
            return Check("labels", True, f"{len(names)} default label names (LABEL_i)")
        return Check("labels", False, f"config.json names {len(names)} labels but privacy.json "
                     "records no publisher-declared label set (data[0].categories): label "
                     "names read from the data are released outside DP")
    problems = []
    if names != [str(v) for v in declared]:
        problems.append("config.json id2label is not the declared label set "
                        f"categories.{column} ({len(names)} vs {len(declared)} names)")
    recorded = (payload.get("metrics") or {}).get("labels")
    if recorded is not None and [str(v) for v in recorded] != names:
        problems.append("privacy.json metrics.labels differ from config.json id2label")
    if manifest is not None:
        problems += _against_manifest(manifest, data, column, declared)
    if problems:
        return Check("labels", False, "; ".join(problems))
    vouched = "the publisher's signed manifest" if manifest is not None else \
        "privacy.json (trainer-signed; pass --package to check the publisher's card)"
    return Check("labels", True, f"id2label is the declared set categories.{column} "
                 f"({len(names)} labels), per {vouched}")


def _against_manifest(manifest: Any, data: dict[str, Any], column: str,
                      declared: list[Any]) -> list[str]:
    problems = []
    if manifest.manifest_id != data.get("manifest_id"):
        problems.append(f"the package's manifest {manifest.manifest_id} is not the one the "
                        f"model was trained on ({data.get('manifest_id')})")
    published = manifest.card.categories.get(column)
    if published is None or list(published) != [str(v) for v in declared]:
        problems.append(f"the publisher's card does not declare categories.{column} as "
                        "recorded in privacy.json")
    return problems


def _allowed_epsilons(payload: dict[str, Any]) -> set[str]:
    acc = payload["accounting"]
    values: list[Any] = [acc.get("epsilon"), *(acc.get("alternatives") or {}).values()]
    audit = payload.get("empirical_audit") or {}
    values.append(audit.get("epsilon_lower_bound"))
    return {_fmt(float(v)) for v in values if isinstance(v, (int, float))}


def _same(stated: str, allowed: set[str]) -> bool:
    try:
        value = float(stated)
    except ValueError:
        return False
    return any(abs(value - float(a)) <= 1e-12 + 1e-9 * abs(value) for a in allowed
               if a not in ("n/a",))


def check_readme_body(model_dir: Path, payload: dict[str, Any]) -> Check:
    text = read_text(model_dir / README_FILE, what="model card README.md")
    body = text.split("\n---", 2)[-1] if text.startswith("---") else text
    acc = payload["accounting"]
    claim = (f"(ε = {_fmt(acc.get('epsilon'))}, δ = {_fmt(acc.get('delta'))})"
             "-differential privacy")
    problems = [] if claim in body else [
        "the body does not state the signed guarantee " + claim]
    allowed = {"ε": _allowed_epsilons(payload), "δ": {_fmt(acc.get("delta"))}}
    for symbol, number in _STATED.findall(body):
        if not _same(number, allowed[symbol]):
            problems.append(f"the body states {symbol} = {number}, which privacy.json does "
                            "not")
    if problems:
        return Check("readme-body", False, "; ".join(dict.fromkeys(problems)))
    return Check("readme-body", True, "every ε and δ the README body states is the signed one")
