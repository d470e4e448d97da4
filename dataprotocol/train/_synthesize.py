"""DP synthetic data: sample a table from a DP-fine-tuned causal LM, scrub it, sign its
provenance. Post-processing keeps the model's (epsilon, delta) only if no private text
enters generation, so this function *cannot* see any: it takes no package, no grant and
no rows -- only the model directory and the user's prompt templates, which may use no
placeholder but ``{i}`` (the row number) and are recorded verbatim.

With the source package (``source_package``: its *signed, public* manifest only -- no
grant, no key, no shard is opened) the templates may also name the card's declared
category columns (``{topic}``), filled in turn with the publisher's public values, and
when no template is given a default one is derived from them
(:func:`schema_templates`); the table then carries those columns too."""

from __future__ import annotations

import math
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from dataprotocol.errors import AuditFailed, InputError
from dataprotocol.keys import KeyPair, PublicIdentity

__all__ = ["synthesize", "SyntheticTable", "schema_templates", "fill_templates"]


@dataclass
class SyntheticTable:
    table: Path
    provenance: Path
    record: Any
    frame: Any


def _dp_payload(model_dir: Path, *, ledger: Any, trainer_identity: PublicIdentity | None
                ) -> dict[str, Any]:
    """The model's privacy payload, only if it is a DP causal LM whose card passes audit."""
    from dataprotocol.records import audit_model_dir, read_privacy_document

    if not (model_dir / "privacy.json").is_file():
        raise AuditFailed("refusing to synthesize", [f"{model_dir} has no signed privacy.json: "
                                                     "not a DP-trained model"])
    report = audit_model_dir(model_dir, ledger=ledger, trainer_identity=trainer_identity)
    if not report.passed:
        raise AuditFailed("refusing to synthesize: the model's card fails audit",
                          [f"{c.name}: {c.detail}" for c in report.checks if not c.passed])
    payload: dict[str, Any] = dict(read_privacy_document(model_dir)["payload"])
    epsilon = float(payload["accounting"]["epsilon"])
    noisy = all(float(e.get("noise_multiplier", 0)) > 0 for e in payload["events"])
    if payload.get("task") != "causal-lm":
        raise InputError("synthesize needs a causal LM", file=model_dir / "privacy.json",
                         field="task", expected="causal-lm")
    if not noisy or not math.isfinite(epsilon):
        raise AuditFailed("refusing to synthesize", ["the model's training was not DP "
                                                     "(no noise, or an unbounded epsilon)"])
    return payload


def _check_templates(templates: Sequence[str], public: Sequence[str] = ()) -> None:
    allowed = {"i", *public}
    for index, template in enumerate(templates):
        try:
            fields = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
        except ValueError as exc:
            raise InputError(f"prompt template {index} is not a format string: {exc}",
                             field="prompt_template", expected="text with {i} or {column}") from exc
        if fields - allowed:
            names = ", ".join("{" + f + "}" for f in sorted(allowed))
            raise InputError(f"prompt template {index} uses {sorted(fields - allowed)}: only "
                             f"{names} (the row number and the card's public category "
                             "columns) may be filled in -- nothing from the private rows "
                             "enters generation", field="prompt_template")


def schema_templates(categories: Mapping[str, Sequence[str]], *, text_column: str = "text"
                     ) -> list[str]:
    """The default prompt template from a dataset card's public schema: one
    ``column: {column}`` line per declared category column, then the text column's name
    (the model continues after it). Empty when the card declares no categories."""
    if not categories:
        return []
    lines = [f"{column}: {{{column}}}" for column in categories]
    return ["\n".join([*lines, f"{text_column}:"]) + " "]


def fill_templates(templates: Sequence[str], rows: int,
                   categories: Mapping[str, Sequence[str]]) -> tuple[list[str], dict[str, list[str]]]:
    """(prompts, category values per row): row ``i`` uses template ``i mod len`` and the
    ``i``-th combination of public category values (mixed radix, first column fastest),
    so every value appears before any repeats."""
    values: dict[str, list[str]] = {c: [] for c in categories}
    prompts = []
    for i in range(rows):
        chosen, rest = {}, i
        for column, options in categories.items():
            chosen[column] = str(options[rest % len(options)])
            rest //= len(options)
            values[column].append(chosen[column])
        prompts.append(templates[i % len(templates)].format(i=i, **chosen))
    return prompts, values


def _public_categories(source_package: str | Path | None, payload: dict[str, Any]
                       ) -> dict[str, list[str]]:
    """The source card's declared categories, from its verified manifest (public)."""
    if source_package is None:
        return {}
    from dataprotocol.package import read_manifest

    manifest = read_manifest(source_package)
    trained_on = {str(d.get("manifest_id")) for d in payload["data"]}
    if manifest.manifest_id not in trained_on:
        raise InputError("the model was not trained on this package", file=str(source_package),
                         field="source_package", expected="the package named in the model's "
                         "privacy.json (data[].manifest_id)")
    return {str(c): [str(v) for v in vs] for c, vs in manifest.card.categories.items() if vs}


def synthesize(model_dir: str | Path, *, rows: int, out: str | Path, key: KeyPair,
               prompt_templates: Sequence[str] = (), max_new_tokens: int = 128,
               temperature: float = 1.0, top_p: float = 0.95, seed: int | None = None,
               ledger: Any = None, trainer_identity: PublicIdentity | None = None,
               device: str = "auto", overwrite: bool = False,
               source_package: str | Path | None = None) -> SyntheticTable:
    """Write ``out`` (Parquet) with ``rows`` sampled rows and ``out``.provenance.json.

    ``source_package``: the package the model was trained on; only its signed manifest
    (public card) is read, for the category columns templates may name (see the module
    docstring). Without templates, a card with categories gives the default template.
    """
    from dataprotocol._files import atomic_path, check_write_target
    from dataprotocol.train._generate import load_generator

    root = Path(model_dir)
    if rows < 1:
        raise InputError("rows must be >= 1", field="rows")
    target, provenance = Path(out), Path(out).with_suffix(".provenance.json")
    for path in (target, provenance):
        if path.exists() and not overwrite:
            raise InputError("output exists", file=path, expected="a new path or overwrite")
        check_write_target(path, what="synthetic table")
    if source_package is None:
        _check_templates(prompt_templates)  # before any file is read: no card to consult
    payload = _dp_payload(root, ledger=ledger, trainer_identity=trainer_identity)
    columns = dict(payload.get("columns") or {})
    categories = _public_categories(source_package, payload)
    _check_templates(prompt_templates, list(categories))
    derived = not prompt_templates and bool(categories)
    if derived:
        prompt_templates = schema_templates(
            categories, text_column=str(columns.get("prompt") or columns.get("text") or "text"))
    if columns.get("prompt") and not prompt_templates:
        raise InputError("the model was trained on prompt/response rows: give the prompts "
                         "(--prompt-template); they must not come from the private data",
                         field="prompt_template")
    generator = load_generator(root, device=device)
    tok = generator.tokenizer
    start = tok.bos_token or tok.eos_token or ""
    prompts, values = fill_templates(prompt_templates, rows, categories) \
        if prompt_templates else ([start] * rows, {})
    texts = generator.complete(prompts, max_new_tokens=max_new_tokens, temperature=temperature,
                               top_p=top_p, seed=seed)
    # a text model prompted from the card keeps the card's columns + its text, no prompt
    keep_prompts = bool(prompt_templates) and not (derived and not columns.get("prompt"))
    frame, scrub_report = _scrubbed_frame(columns, prompts if keep_prompts else None, texts)
    for position, (column, column_values) in enumerate(values.items()):
        if column not in frame.columns:  # public values, first, as in the source schema
            frame.insert(position, column, column_values)
    with atomic_path(target, what="synthetic table") as tmp:
        frame.to_parquet(tmp, index=False)
    record = _record(payload, root, target, frame, prompt_templates, scrub_report, dict(
        max_new_tokens=max_new_tokens, temperature=temperature, top_p=top_p,
        seeded=seed is not None, start_token=None if prompt_templates else start),
        extra={"template_source": "card-categories" if derived else
               ("user" if prompt_templates else "none"),
               **({"categories": categories} if categories else {})})
    from dataprotocol.records import write_provenance

    write_provenance(provenance, record, signer=key)
    return SyntheticTable(table=target, provenance=provenance, record=record, frame=frame)


def _scrubbed_frame(columns: dict[str, Any], prompts: list[str] | None, texts: list[str]
                    ) -> tuple[Any, dict[str, int]]:
    import pandas as pd

    from dataprotocol.deid import Scrubber

    if prompts is not None:
        data = {str(columns.get("prompt") or "prompt"): prompts,
                str(columns.get("response") or "response"): texts}
    else:
        data = {str(columns.get("text") or "text"): [re.sub(r"\s+$", "", t) for t in texts]}
    frame = pd.DataFrame(data)
    result = Scrubber().scrub_frame(frame, text_columns=list(data))
    return result.frame, dict(result.report)


def _record(payload: dict[str, Any], root: Path, table: Path, frame: Any,
            templates: Sequence[str], scrub: dict[str, int], generation: dict[str, Any],
            extra: dict[str, Any]) -> Any:
    from dataprotocol.records import SyntheticProvenance, sha256_file

    lic = dict(payload["license"])
    return SyntheticProvenance(
        model_run_id=str(payload["run_id"]),
        model_privacy_sha256=sha256_file(root / "privacy.json"),
        epsilon=float(payload["accounting"]["epsilon"]),
        delta=float(payload["accounting"]["delta"]),
        accountant=str(payload["accounting"].get("accountant")),
        ledger_entry=(payload.get("ledger") or {}).get("entry_hash"),
        # grant_id: publishing the table is publish-data under that grant, which
        # publish --synthetic verifies (package._synthetic_grant)
        sources=[{k: d.get(k) for k in ("dataset_id", "dataset_version", "manifest_id",
                                        "license", "title", "creator", "source", "grant_id")}
                 for d in payload["data"]],
        license={"output_licenses": lic.get("output_licenses", []),
                 "obligations": lic.get("obligations", []),
                 "attribution": lic.get("attribution", [])},
        rows=int(len(frame)), columns=[str(c) for c in frame.columns],
        prompts=list(templates), generation=generation,
        scrub={"scrubbed": True, "entities": scrub},
        table_file=table.name, table_sha256=sha256_file(table),
        created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"), extra=extra)
