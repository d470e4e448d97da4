"""What a model card says: the README's front matter and body, from the signed payload.

Everything here is a pure function of the signed ``privacy.json`` payload, so ``budget
audit`` can recompute the card and check nobody edited it. The front matter follows the
Hugging Face Hub's model-card metadata (``huggingface_hub.ModelCardData``) plus our
``differential_privacy`` block (Ponomareva et al. 2023, "How to DP-fy ML", Sec. 5.3); the
body has the Hub template's sections, the privacy statement and the licence terms.
Writing and reading model directories is ``_card``'s job.
"""

from __future__ import annotations

import json
import re
from typing import Any

from dataprotocol.errors import InputError

__all__ = ["PRIVACY_FILE", "README_FILE", "CARD_FORMAT", "model_license", "hf_license", "model_name",
           "privacy_unit", "unit_of_privacy", "neighbouring_relation", "dp_block", "front_matter",
           "front_matter_v1", "expected_front_matter", "render_readme"]

PRIVACY_FILE = "privacy.json"
README_FILE = "README.md"


def model_license(payload: dict[str, Any]) -> str:
    """The one license the model is released under, among ``output_licenses``.

    ``license.chosen`` when the trainer picked one; else the data's own license when
    every dataset shares it (least surprise for the steward); else the one license the
    data was used under (``license.data_licenses``: the alternative chosen from a card
    licensed ``A OR B``); else the first one the policy engine listed.
    """
    block = payload["license"]
    options = [str(x) for x in block["output_licenses"]]
    chosen = block.get("chosen")
    if chosen is not None:
        if str(chosen) not in options:
            raise InputError(f"chosen license {chosen} is not a possible output license",
                             field="license.chosen", expected=" | ".join(options))
        return str(chosen)
    data_licenses = {str(d.get("license")) for d in payload["data"]}
    if len(data_licenses) == 1 and next(iter(data_licenses)) in options:
        return next(iter(data_licenses))
    # a dual-licensed dataset ("A OR B"): the alternative the data was used under
    used = [str(x) for x in block.get("data_licenses") or []]
    if len(used) == 1 and used[0] in options:
        return used[0]
    return options[0]


def hf_license(payload: dict[str, Any]) -> str:
    """The Hub's ``license`` field: the licence's Hub id (``policies/licenses/*.yaml`` say
    which), or ``other`` -- then ``license_name``/``license_link`` name it (Hub convention)."""
    return _hub_license(model_license(payload))[0]


def _hub_license(license_id: str) -> tuple[str, str | None, str | None]:
    """(Hub id or "other", license_name, license_link)."""
    from dataprotocol.policy import default_registry

    lic = default_registry().get(license_id)
    if lic is not None and lic.hub_id:
        return lic.hub_id, None, None
    return "other", license_id.lower(), (lic.url if lic is not None else None)


#: a Hub repository id: "org/name" (what the Hub accepts in base_model)
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


def _model_index(payload: dict[str, Any], name: str, pipeline_tag: str) -> list[dict[str, Any]]:
    """The Hub's ``model-index``: the held-out metrics the body reports, per dataset."""
    metrics = payload.get("metrics") or {}
    found = [(key[len("eval_"):], value) for key, value in sorted(metrics.items())
             if key.startswith("eval_") and isinstance(value, (int, float)) and not isinstance(value, bool)]
    if not found:
        return []
    data = payload["data"][0] if payload["data"] else {}
    dataset = {"name": str(data.get("title") or data.get("dataset_id")), "type": str(data.get("dataset_id"))}
    return [{"name": name, "results": [{
        "task": {"type": pipeline_tag}, "dataset": dataset,
        "metrics": [{"type": metric, "value": float(value), "name": f"held-out {metric}"}
                    for metric, value in found]}]}]


def model_name(payload: dict[str, Any]) -> str:
    """A title people can read: the base model and the dataset, not the run id."""
    base = str(payload["base_model"]).rsplit("/", 1)[-1]
    data = "-".join(str(d.get("dataset_id")) for d in payload["data"]) or "data"
    return f"{base}-dp-{data}"


def privacy_unit(payload: dict[str, Any]) -> str | None:
    """The column whose value is one privacy unit (user-level DP), or None (one row)."""
    unit = payload["mechanism"].get("privacy_unit")
    return str(unit) if unit else None


def unit_of_privacy(payload: dict[str, Any]) -> str:
    unit = privacy_unit(payload)
    if unit is None:
        return "example (one row of the dataset)"
    return f"{unit} (every row sharing one {unit} value: user-level DP)"


def neighbouring_relation(payload: dict[str, Any]) -> str:
    unit = privacy_unit(payload)
    return "add-or-remove one example" if unit is None else \
        f"add-or-remove all rows of one {unit}"


def dp_block(payload: dict[str, Any]) -> dict[str, Any]:
    """The ``differential_privacy`` front-matter block (Ponomareva et al. 2023 checklist)."""
    mech = dict(payload["mechanism"])
    poisson = mech.get("sampler", "poisson") == "poisson"
    mech["algorithm"] = "DP-SGD"
    mech["amplification"] = ("Poisson subsampling" if poisson else
                             "none claimed (shuffled fixed-size batches: epsilon is reported "
                             "without amplification by subsampling)")
    accesses = [
        f"{d.get('dataset_id')}@{d.get('dataset_version')} (manifest {d.get('manifest_id')}): "
        f"every DP-SGD step of run {payload['run_id']}"
        for d in payload["data"]
    ]
    if payload.get("ledger"):
        accesses.append("all earlier runs on the same dataset (including aborted runs and "
                        "tuning trials) are composed in the dataset's budget ledger")
    accounting = payload["accounting"]
    return {
        "guarantee": "approximate (epsilon, delta)-differential privacy",
        "setting": "central",
        "unit_of_privacy": unit_of_privacy(payload),
        "neighbouring_relation": neighbouring_relation(payload),
        "output_covered": "all checkpoints (every intermediate model of training)",
        "data_accesses_covered": accesses,
        "not_covered": ["the base model's pretraining data",
                        "what the data publisher did before training (PII scrubbing is "
                        "statistical, not a guarantee)"],
        "mechanism": mech,
        "accounting": {
            "accountant": accounting.get("accountant"),
            "epsilon": accounting.get("epsilon"),
            "delta": accounting.get("delta"),
            "alternative_epsilons": accounting.get("alternatives", {}),
        },
        "ledger": payload.get("ledger"),
        "empirical_audit": payload.get("empirical_audit"),
        **({"canary_exposure": _exposure_summary(payload["canary_exposure"])}
           if payload.get("canary_exposure") else {}),
    }


def _exposure_summary(block: dict[str, Any]) -> dict[str, Any]:
    """The front matter's short form of the exposure audit (privacy.json has every rank)."""
    keys = ("method", "canaries", "repeats", "candidates", "format", "mean_exposure",
            "max_exposure", "chance_mean_exposure", "max_measurable_exposure", "p_value",
            "consistent")
    return {k: block[k] for k in keys if k in block}


_OUTPUTS = {
    "adapter": "This release holds the LoRA adapter weights only (PEFT format): load them "
               "on top of the base model. The privacy guarantee covers the adapter.",
    "merged": "LoRA adapters trained with DP-SGD, merged into the base weights.",
    "full": "All weights fine-tuned with DP-SGD.",
}
_PIPELINE_TAGS = {"sequence-classification": "text-classification",
                  "causal-lm": "text-generation"}


def _adapter_only(payload: dict[str, Any]) -> bool:
    return dict(payload.get("mechanism") or {}).get("output") == "adapter"


#: 2: Hub conventions (issue 17); cards without ``dataprotocol.card_format`` are layout 1
CARD_FORMAT = 2


def front_matter_v1(payload: dict[str, Any]) -> dict[str, Any]:
    """The layout-1 front matter (cards released before ``card_format`` 2), kept so those
    cards still pass ``budget audit``: derived from the signed payload just the same."""
    meta: dict[str, Any] = {
        "license": model_license(payload).lower(),
        "datasets": [str(d.get("dataset_id")) for d in payload["data"]],
        "base_model": str(payload["base_model"]),
        "library_name": "peft" if _adapter_only(payload) else "transformers",
        "pipeline_tag": _PIPELINE_TAGS.get(str(payload["task"]), "text-classification"),
        "tags": ["differential-privacy", "dp-sgd", "dataprotocol"],
        "differential_privacy": dp_block(payload),
        "dataprotocol": {"run_id": payload["run_id"], "privacy_file": PRIVACY_FILE,
                         "trainer_key_id": payload["trainer"].get("key_id"),
                         "weights": payload["weights"]},
    }
    return json.loads(json.dumps(meta))


def expected_front_matter(payload: dict[str, Any], actual: Any) -> dict[str, Any]:
    """What README.md must say, in the layout it declares (``dataprotocol.card_format``)."""
    block = actual.get("dataprotocol") if isinstance(actual, dict) else None
    layout = block.get("card_format") if isinstance(block, dict) else None
    return front_matter(payload) if layout == CARD_FORMAT else front_matter_v1(payload)


def front_matter(payload: dict[str, Any]) -> dict[str, Any]:
    """All YAML front-matter keys of README.md, derived from the signed payload.

    Hub conventions (huggingface_hub ``ModelCardData``): ``license`` a Hub licence id
    (``other`` + ``license_name``/``license_link`` when the Hub has none), ``base_model``
    only when it is a Hub repository id, ``model-index`` with the held-out metrics; our
    dataset ids are not Hub datasets, so they sit under ``dataprotocol`` and not in
    ``datasets``.
    """
    license_id, license_name, license_link = _hub_license(model_license(payload))
    pipeline_tag = _PIPELINE_TAGS.get(str(payload["task"]), "text-classification")
    meta: dict[str, Any] = {"license": license_id}
    if license_name:
        meta["license_name"] = license_name
    if license_link:
        meta["license_link"] = license_link
    base = str(payload["base_model"])
    if _HUB_ID.match(base):
        meta["base_model"] = base
    meta.update({
        "library_name": "peft" if _adapter_only(payload) else "transformers",
        "pipeline_tag": pipeline_tag,
        "tags": ["differential-privacy", "dp-sgd", "dataprotocol"],
        "differential_privacy": dp_block(payload),
        "dataprotocol": {"card_format": CARD_FORMAT, "run_id": payload["run_id"], "privacy_file": PRIVACY_FILE,
                         "datasets": [str(d.get("dataset_id")) for d in payload["data"]],
                         "trainer_key_id": payload["trainer"].get("key_id"),
                         "weights": payload["weights"]},
    })
    index = _model_index(payload, model_name(payload), pipeline_tag)
    if index:
        meta["model-index"] = index
    return json.loads(json.dumps(meta))


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return "n/a" if value is None else str(value)


def _relation_text(p: dict[str, Any]) -> str:
    unit = privacy_unit(p)
    if unit is None:
        return "adding or removing one training example"
    units = p["mechanism"].get("units")
    return (f"adding or removing all training rows of one {unit} (user-level DP over "
            f"{_fmt(units)} {unit} values; sampling and clipping per {unit})")


def _privacy_section(p: dict[str, Any]) -> list[str]:
    acc, mech = p["accounting"], p["mechanism"]
    alts = ", ".join(f"{k.upper()} ε = {_fmt(v)}" for k, v in acc.get("alternatives", {}).items())
    sampler = ("Poisson sampling at rate " + _fmt(mech.get("sample_rate"))
               if mech.get("sampler", "poisson") == "poisson" else
               "shuffled fixed-size batches (no amplification by subsampling claimed)")
    lines = [
        "## Privacy", "",
        f"This model was fine-tuned with DP-SGD and satisfies **(ε = {_fmt(acc.get('epsilon'))}, "
        f"δ = {_fmt(acc.get('delta'))})-differential privacy** with respect to "
        f"{_relation_text(p)} (central DP; the guarantee covers every "
        "intermediate checkpoint, not only the final weights).", "",
        f"- Accountant: {acc.get('accountant')}" + (f" (also: {alts})" if alts else ""),
        f"- Mechanism: per-example clipping to norm {_fmt(mech.get('clipping_norm'))}, "
        f"Gaussian noise multiplier {_fmt(mech.get('noise_multiplier'))}, {sampler}, "
        f"{_fmt(mech.get('steps'))} steps ({_fmt(mech.get('epochs'))} epochs), logical batch "
        f"{_fmt(mech.get('logical_batch_size'))} (physical {_fmt(mech.get('physical_batch_size'))}).",
    ]
    ledger = p.get("ledger")
    if ledger:
        lines.append(f"- Dataset budget ledger: entry `{_fmt(ledger.get('entry_hash'))[:16]}`; "
                     f"cumulative ε over all runs on the data {_fmt(ledger.get('cumulative_epsilon'))}"
                     f" of a cap of {_fmt(ledger.get('epsilon_cap'))}.")
    audit = p.get("empirical_audit")
    if audit:
        lines.append(f"- Empirical audit (Steinke, Nasr & Jagielski 2023, one run): "
                     f"{audit.get('correct')} of {audit.get('guesses')} membership guesses on "
                     f"{audit.get('canaries')} canaries correct; 95%-confidence lower bound "
                     f"ε ≥ {_fmt(audit.get('epsilon_lower_bound'))} (a lower bound: it cannot "
                     "show a model is private, only catch one that is not).")
    exposure = p.get("canary_exposure")
    if exposure:
        lines.append(f"- Canary exposure (Carlini et al. 2019, The Secret Sharer): "
                     f"{exposure.get('canaries')} canaries \"{exposure.get('format')}\" inserted "
                     f"{exposure.get('repeats')}x each, ranked among "
                     f"{exposure.get('candidates')} random candidates: mean exposure "
                     f"{_fmt(exposure.get('mean_exposure'))} bits, max "
                     f"{_fmt(exposure.get('max_exposure'))} (chance "
                     f"{_fmt(exposure.get('chance_mean_exposure'))}, at most "
                     f"{_fmt(exposure.get('max_measurable_exposure'))} measurable).")
    lines += ["", "Not covered: the base model's pretraining data, and anything the data "
              "publisher did before DP training (PII scrubbing is statistical, not a guarantee).",
              "", "Check these claims offline: `dataprotocol budget audit MODEL_DIR "
              "[--ledger LEDGER] [--trainer-key TRAINER.pub]`.", ""]
    return lines


#: the "modified" note CC licenses require (CC BY 4.0 Sec. 3(a)(1)(B))
_MODIFIED = ("used to fine-tune this model with DP-SGD, after the publisher's PII "
             "scrubbing where the dataset declares PII; no rows are included in this release")


def _attribution_line(item: Any) -> str:
    if not isinstance(item, dict):
        return f"- {item} — modified: {_MODIFIED}."
    name = item.get("title") or item.get("dataset_id") or "dataset"
    parts = [f"- {name}"]
    if item.get("creator"):
        parts.append(f" by {item['creator']}")
    if item.get("source"):
        parts.append(f" ({item['source']})")
    if item.get("license"):
        parts.append(f", licensed {item['license']}")
    note = item.get("modified") or item.get("changes") or _MODIFIED
    return "".join(parts) + f" — modified: {note}."


def _data_section(p: dict[str, Any]) -> list[str]:
    lines = ["## Data and licenses", "",
             "| dataset | version | manifest | license | grant |", "|---|---|---|---|---|"]
    for d in p["data"]:
        lines.append(f"| {d.get('dataset_id')} | {d.get('dataset_version')} | "
                     f"`{_fmt(d.get('manifest_id'))}` | {d.get('license')} | "
                     f"`{_fmt(d.get('grant_id'))}` |")
    lic = p["license"]
    others = [x for x in lic["output_licenses"] if x != model_license(p)]
    lines += ["", f"Model license: **{model_license(p)}**" + (
        f" (the data licenses would also allow: {', '.join(others)})." if others else ".")]
    used = [str(x) for x in lic.get("data_licenses") or []]
    if used and used != [str(d.get("license")) for d in p["data"]]:
        lines += ["", f"Data used under: **{' AND '.join(used)}** (chosen among the licenses the "
                  "data's SPDX license expression offers)."]
    for obligation in lic.get("obligations", []):
        if isinstance(obligation, dict):
            obligation = (f"{obligation.get('text')} ({obligation.get('license')}, "
                          f"{obligation.get('kind')})")
        lines.append(f"- Obligation: {obligation}")
    lines += ["", "### Attribution", ""]
    # Credit lines built from each dataset's own attribution beat the policy engine's
    # generic "credit the creator" reminders; fall back to those when there are none.
    credited = [d for d in p["data"] if d.get("creator")]
    items = credited or list(lic.get("attribution", []))
    lines += [_attribution_line(a) for a in items] or ["- (none required)"]
    return lines + [""]


def _usage_sections(payload: dict[str, Any]) -> list[str]:
    """Uses, Limitations and How to use (the Hub's model card template sections)."""
    task = str(payload["task"])
    pipeline = _PIPELINE_TAGS.get(task, "text-classification")
    adapter = _adapter_only(payload)
    load = ('from peft import AutoPeftModelForCausalLM\nmodel = AutoPeftModelForCausalLM.from_pretrained("MODEL_DIR")'
            if adapter else f'from transformers import pipeline\npipe = pipeline("{pipeline}", model="MODEL_DIR")\n'
            f'print(pipe("{"Hello" if pipeline == "text-generation" else "Example text"}"))')
    return [
        "## Uses", "",
        "Use only within the purposes, licence terms and obligations under which the data was "
        "granted (see *Data and licenses* below); the grant ids and dataset manifests are in "
        "privacy.json.", "",
        "## Limitations", "",
        "- Differential privacy bounds what the weights reveal about any one training example "
        "(the unit of privacy below); it does not make the model's outputs correct or fair.",
        "- DP training costs utility: compare the held-out metrics with a non-private baseline.",
        "- The guarantee holds for the stated (epsilon, delta) and sampling; `dataprotocol budget audit` "
        "recomputes it from privacy.json.", "",
        "## How to use", "", "```python", load, "```", ""]


def render_readme(payload: dict[str, Any], meta: dict[str, Any]) -> str:
    """README.md text: ``huggingface_hub.ModelCard`` with ``meta`` as YAML front matter."""
    from huggingface_hub import ModelCard, ModelCardData

    data = ModelCardData(**meta)
    body = [f"# {model_name(payload)}", "",
            f"Fine-tuned from `{payload['base_model']}` for {payload['task']} with "
            "differentially private SGD (Opacus) by dataprotocol (run `" + str(payload["run_id"]) + "`).", "",
            _OUTPUTS.get(str(dict(payload.get("mechanism") or {}).get("output")), ""), ""]
    body += _usage_sections(payload)
    body += _privacy_section(payload) + _data_section(payload)
    metrics = payload.get("metrics") or {}
    if metrics:
        body += ["## Metrics", "", "| metric | value |", "|---|---|"]
        body += [f"| {k} | {_fmt(v)} |" for k, v in sorted(metrics.items())] + [""]
    card = ModelCard(f"---\n{data.to_yaml()}\n---\n\n" + "\n".join(body))
    return str(card)
