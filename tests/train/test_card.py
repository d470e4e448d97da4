"""The model directory: write_model_dir and audit_model_dir on honest and tampered cards.

Payloads are built by hand from MechanismEvents (no trainer involved) with epsilons from
the real accountants, on a tiny BERT built from a config and an offline tokenizer.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataprotocol.budget import MechanismEvent
from dataprotocol.errors import AuditFailed, InputError, SignatureError
from dataprotocol.keys import KeyPair, generate_keypair, sign_document, verify_document
from dataprotocol.records._audit import audit_model_dir, opacus_epsilon
from dataprotocol.records._card import (
    PRIVACY_DOC_TYPE,
    read_front_matter,
    read_privacy_document,
    write_model_dir,
)

DELTA = 1e-5
EVENTS = [MechanismEvent(noise_multiplier=1.1, sample_rate=0.02, steps=150),
          MechanismEvent(noise_multiplier=1.3, sample_rate=0.02, steps=50)]
_VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "patient", "note", "good", "bad"]


def tiny_model_and_tokenizer(work: Path) -> tuple[Any, Any]:
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    work.mkdir(parents=True, exist_ok=True)
    (work / "vocab.txt").write_text("\n".join(_VOCAB) + "\n")
    tokenizer = BertTokenizerFast(vocab_file=str(work / "vocab.txt"), do_lower_case=True)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(_VOCAB), hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64,
                        max_position_embeddings=32, num_labels=2)
    return BertForSequenceClassification(config), tokenizer


@functools.lru_cache(maxsize=None)
def _epsilons(events: tuple[MechanismEvent, ...],
              delta: float) -> tuple[tuple[float, str], tuple[float, str]]:
    return (opacus_epsilon(events, delta=delta, accountant="prv"),
            opacus_epsilon(events, delta=delta, accountant="rdp"))


def make_payload(*, events: list[MechanismEvent] = EVENTS, delta: float = DELTA,
                 epsilon: float | None = None, run_id: str = "run-honest",
                 data_license: str = "CC-BY-4.0",
                 ledger: dict[str, Any] | None = None,
                 empirical_audit: dict[str, Any] | None = None) -> dict[str, Any]:
    (eps, used), (rdp, _) = _epsilons(tuple(events), delta)
    return {
        "run_id": run_id, "base_model": "tiny-bert", "task": "sequence-classification",
        "data": [{"dataset_id": "clinic-notes", "dataset_version": "1.0",
                  "manifest_id": "mf-123", "license": data_license, "grant_id": "gr-1"}],
        "license": {"output_licenses": ["CC-BY-4.0"], "obligations": ["attribution"],
                    "attribution": [{"title": "Clinic notes", "creator": "St. Example",
                                     "source": "https://example.org", "license": "CC-BY-4.0"}]},
        "mechanism": {"clipping_norm": 1.0, "noise_multiplier": events[0].noise_multiplier,
                      "sampler": events[0].sampler, "sample_rate": events[0].sample_rate,
                      "steps": sum(e.steps for e in events), "epochs": 4,
                      "logical_batch_size": 20, "physical_batch_size": 10,
                      "clipping_mode": "ghost", "dataset_size": 1000},
        "events": [e.to_dict() for e in events],
        "accounting": {"accountant": used, "epsilon": eps if epsilon is None else epsilon,
                       "delta": delta, "alternatives": {"prv": eps, "rdp": rdp}},
        "ledger": ledger, "empirical_audit": empirical_audit, "metrics": {"accuracy": 0.75},
    }


def write_card(out: Path, signer: KeyPair, **payload_args: Any) -> Path:
    model, tokenizer = tiny_model_and_tokenizer(out.parent / "tiny-src")
    return write_model_dir(out, model=model, tokenizer=tokenizer, signer=signer,
                           payload=make_payload(**payload_args))


def failing(report: Any) -> set[str]:
    return {c.name for c in report.failures}


def rewrite_privacy(model_dir: Path, edit: Any, *, resign_with: KeyPair | None = None) -> None:
    path = model_dir / "privacy.json"
    document = json.loads(path.read_text())
    edit(document["payload"])
    if resign_with is not None:
        document = sign_document(PRIVACY_DOC_TYPE, document["payload"], resign_with)
    path.write_text(json.dumps(document))


@pytest.fixture(scope="module")
def trainer() -> KeyPair:
    return generate_keypair("trainer")


@pytest.fixture(scope="module")
def honest_dir(tmp_path_factory: pytest.TempPathFactory, trainer: KeyPair) -> Path:
    return write_card(tmp_path_factory.mktemp("card") / "model", trainer)


@pytest.fixture()
def card(honest_dir: Path, tmp_path: Path) -> Path:
    """A fresh copy of the honest model directory to tamper with."""
    return Path(shutil.copytree(honest_dir, tmp_path / "model"))


# --- writing --------------------------------------------------------------------------------

def test_model_dir_layout_and_signed_payload(honest_dir: Path, trainer: KeyPair) -> None:
    names = {p.name for p in honest_dir.iterdir()}
    assert {"model.safetensors", "config.json", "README.md", "privacy.json"} <= names
    assert any(n.startswith("tokenizer") for n in names)
    payload = verify_document(read_privacy_document(honest_dir), trainer.public,
                              doc_type=PRIVACY_DOC_TYPE)
    assert payload["format"] == 1 and payload["trainer"]["key_id"] == trainer.key_id
    assert set(payload["weights"]) == {"model.safetensors"}
    assert "config.json" in payload["files"]
    assert [MechanismEvent.from_dict(e) for e in payload["events"]] == EVENTS


def test_front_matter_follows_the_checklist(honest_dir: Path) -> None:
    meta = read_front_matter(honest_dir)
    assert meta["license"] == "cc-by-4.0"
    # Hub conventions: our dataset ids are not Hub datasets; a local base has no Hub id
    assert meta["dataprotocol"]["datasets"] == ["clinic-notes"] and "datasets" not in meta
    assert "base_model" not in meta
    assert {"differential-privacy", "dp-sgd"} <= set(meta["tags"])
    dp = meta["differential_privacy"]
    assert dp["setting"] == "central" and "add-or-remove" in dp["neighbouring_relation"]
    assert dp["unit_of_privacy"].startswith("example") and "all checkpoints" in dp["output_covered"]
    for key in ("clipping_norm", "noise_multiplier", "sampler", "sample_rate", "steps", "epochs",
                "logical_batch_size", "physical_batch_size"):
        assert key in dp["mechanism"], key
    assert set(dp["accounting"]) >= {"accountant", "epsilon", "delta", "alternative_epsilons"}
    text = (honest_dir / "README.md").read_text()
    assert "## Privacy" in text and "### Attribution" in text and "modified:" in text


def test_card_loads_in_huggingface_hub_with_hub_fields(tmp_path: Path, trainer: KeyPair) -> None:
    from huggingface_hub import ModelCard

    from dataprotocol.records import audit_model_dir

    payload = make_payload(run_id="run-hub")
    payload["base_model"] = "sentence-transformers/all-MiniLM-L6-v2"
    payload["metrics"] = {"eval_accuracy": 0.9, "eval_loss": 0.31, "train_loss": 0.4}
    model, tokenizer = tiny_model_and_tokenizer(tmp_path / "src")
    out = write_model_dir(tmp_path / "model", model=model, tokenizer=tokenizer, signer=trainer, payload=payload)
    card = ModelCard.load(out / "README.md")
    assert card.data.license == "cc-by-4.0" and card.data.base_model == "sentence-transformers/all-MiniLM-L6-v2"
    assert card.data.pipeline_tag == "text-classification" and card.data.library_name == "transformers"
    results = {r.metric_type: r.metric_value for r in card.data.eval_results}
    assert results == {"accuracy": 0.9, "loss": 0.31}  # model-index: held-out metrics only
    assert card.data.eval_results[0].dataset_type == "clinic-notes"
    assert card.data.model_name == "all-MiniLM-L6-v2-dp-clinic-notes"
    text = card.text
    assert text.lstrip().startswith("# all-MiniLM-L6-v2-dp-clinic-notes")
    assert all(f"## {s}" in text for s in ("Uses", "Limitations", "How to use", "Privacy"))
    assert audit_model_dir(out).passed


def test_a_licence_the_hub_lacks_is_other_with_name_and_link(tmp_path: Path, trainer: KeyPair) -> None:
    from huggingface_hub import ModelCard

    payload = make_payload(run_id="run-other", data_license="CC-BY-ND-3.0")
    payload["license"]["output_licenses"] = ["CC-BY-ND-3.0"]
    model, tokenizer = tiny_model_and_tokenizer(tmp_path / "src")
    out = write_model_dir(tmp_path / "model", model=model, tokenizer=tokenizer, signer=trainer, payload=payload)
    data = ModelCard.load(out / "README.md").data
    assert (data.license, data.license_name) == ("other", "cc-by-nd-3.0")
    assert data.license_link == "https://creativecommons.org/licenses/by-nd/3.0/"


def test_refuses_to_overwrite_and_leaves_no_temp(tmp_path: Path, trainer: KeyPair) -> None:
    first = write_card(tmp_path / "model", trainer)
    with pytest.raises(InputError, match="exists"):
        write_card(first, trainer)
    again = write_model_dir(first, model=tiny_model_and_tokenizer(tmp_path / "src")[0],
                            tokenizer=None, signer=trainer, overwrite=True,
                            payload=make_payload(run_id="run-2"))
    assert read_privacy_document(again)["payload"]["run_id"] == "run-2"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


class _ExplodingModel:
    def save_pretrained(self, path: str) -> None:
        (Path(path) / "model.safetensors").write_bytes(b"half")
        raise RuntimeError("disk full")


def test_a_failed_write_leaves_nothing(tmp_path: Path, trainer: KeyPair) -> None:
    with pytest.raises(RuntimeError, match="disk full"):
        write_model_dir(tmp_path / "model", model=_ExplodingModel(), tokenizer=None,
                        signer=trainer, payload=make_payload())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("edit, message", [
    (lambda p: p.pop("events"), "lacks events"),
    (lambda p: p.update(weights={}), "must not set weights"),
    (lambda p: p.update(files={}), "must not set files"),
    (lambda p: p["license"].update(output_licenses=[]), "no output license"),
])
def test_rejects_bad_payloads(tmp_path: Path, trainer: KeyPair, edit: Any, message: str) -> None:
    payload = make_payload()
    edit(payload)
    with pytest.raises(InputError, match=message):
        write_model_dir(tmp_path / "m", model=_ExplodingModel(), tokenizer=None,
                        signer=trainer, payload=payload)


# --- auditing -------------------------------------------------------------------------------

def test_honest_card_passes(honest_dir: Path, trainer: KeyPair) -> None:
    report = audit_model_dir(honest_dir, trainer_identity=trainer.public)
    assert report.passed, report.to_dict()
    names = {c.name for c in report.checks}
    assert {"signature", "weights-sha256", "epsilon-opacus", "epsilon-independent",
            "front-matter", "license", "delta", "empirical-audit"} <= names
    assert set(report.facts["dp_accounting"]) == {"rdp", "pld"}
    report.raise_if_failed()


def test_consistently_lowered_epsilon_fails(tmp_path: Path, trainer: KeyPair) -> None:
    # A dishonest trainer: every file agrees and is signed, only the claim is too small.
    honest = make_payload()["accounting"]["epsilon"]
    model_dir = write_card(tmp_path / "model", trainer, epsilon=honest * 0.8)
    report = audit_model_dir(model_dir)
    assert failing(report) == {"epsilon-opacus", "epsilon-independent"}
    with pytest.raises(AuditFailed, match="epsilon-opacus"):
        report.raise_if_failed()


def test_a_model_license_the_data_does_not_allow_fails(tmp_path: Path, trainer: KeyPair) -> None:
    # Signed and self-consistent, but NonCommercial data released as a CC-BY model.
    model_dir = write_card(tmp_path / "model", trainer, data_license="CC-BY-NC-4.0")
    report = audit_model_dir(model_dir)
    assert failing(report) == {"license"}
    assert "CC-BY-4.0 is not one the data licenses" in report.failures[0].detail


def test_epsilon_edited_after_signing_fails(card: Path) -> None:
    rewrite_privacy(card, lambda p: p["accounting"].update(epsilon=0.1))
    assert {"signature", "epsilon-opacus", "epsilon-independent", "front-matter",
            "readme-body"} == failing(
        audit_model_dir(card))


def test_flipped_weights_byte_fails(card: Path) -> None:
    weights = card / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0x01
    weights.write_bytes(bytes(data))
    report = audit_model_dir(card)
    assert failing(report) == {"weights-sha256"}
    assert "model.safetensors altered" in report.failures[0].detail


@settings(max_examples=8, deadline=None)
@given(which=st.sampled_from(["model.safetensors", "config.json"]),
       where=st.floats(0, 1), bit=st.integers(0, 7))
def test_any_flipped_bit_in_a_model_file_fails(honest_dir: Path, tmp_path_factory: Any,
                                               which: str, where: float, bit: int) -> None:
    card = Path(shutil.copytree(honest_dir, tmp_path_factory.mktemp("flip") / "m"))
    path = card / which
    data = bytearray(path.read_bytes())
    data[min(int(where * len(data)), len(data) - 1)] ^= 1 << bit
    path.write_bytes(bytes(data))
    expected = "weights-sha256" if which.endswith(".safetensors") else "files-sha256"
    assert expected in failing(audit_model_dir(card))


def test_extra_unlisted_weights_file_fails(card: Path) -> None:
    shutil.copy(card / "model.safetensors", card / "extra.safetensors")
    assert failing(audit_model_dir(card)) == {"weights-sha256"}


def test_stripped_signature_fails(card: Path) -> None:
    path = card / "privacy.json"
    document = json.loads(path.read_text())
    del document["signature"]
    path.write_text(json.dumps(document))
    report = audit_model_dir(card)
    assert failing(report) == {"signature"}
    path.write_text(json.dumps(document["payload"]))  # bare payload, envelope gone
    assert failing(audit_model_dir(card)) == {"signature"}


def test_resigned_by_another_key_fails_against_the_pinned_trainer(card: Path,
                                                                   trainer: KeyPair) -> None:
    impostor = generate_keypair("impostor")
    rewrite_privacy(card, lambda p: p.update(trainer=impostor.public_document()),
                    resign_with=impostor)
    assert "signature" not in failing(audit_model_dir(card))  # self-consistent on its own...
    assert "signature" in failing(audit_model_dir(card, trainer_identity=trainer.public))


def test_edited_front_matter_fails(card: Path) -> None:
    readme = card / "README.md"
    text = readme.read_text()
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("epsilon:"))
    lines[index] = lines[index].split(":")[0] + ": 0.01"
    readme.write_text("\n".join(lines) + "\n")
    report = audit_model_dir(card)
    assert failing(report) == {"front-matter"}
    assert "differential_privacy.accounting.epsilon" in report.failures[0].detail


def test_edited_license_in_front_matter_fails(card: Path) -> None:
    readme = card / "README.md"
    readme.write_text(readme.read_text().replace("license: cc-by-4.0", "license: mit", 1))
    assert failing(audit_model_dir(card)) == {"front-matter"}


def test_missing_or_malformed_input_is_an_input_error(card: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError):
        audit_model_dir(tmp_path / "nowhere")
    (card / "privacy.json").write_text("{not json")
    with pytest.raises(InputError, match="privacy.json"):
        audit_model_dir(card)
    with pytest.raises(InputError, match="tolerance"):
        audit_model_dir(card, tolerance=2.0)


@pytest.mark.parametrize("edit, field", [
    (lambda p: p["accounting"].update(epsilon="3.6"), "accounting.epsilon"),
    (lambda p: p.pop("events"), "events"),
    (lambda p: p["data"].append({"title": "no id"}), "data[1].dataset_id"),
    (lambda p: p["events"][0].pop("noise_multiplier"), "noise_multiplier"),
])
def test_a_malformed_record_is_one_failing_check_naming_the_field(card: Path, trainer: KeyPair, edit: Any,
                                                                  field: str) -> None:
    rewrite_privacy(card, edit, resign_with=trainer)  # signed as it is: only the record is wrong
    report = audit_model_dir(card, trainer_identity=trainer.public)
    assert failing(report) == {"privacy-record"} and not report.passed
    assert [c.name for c in report.checks] == ["signature", "privacy-record"]
    assert field in report.failures[0].detail
    assert report.to_dict()["failures"] == ["privacy-record"]
    rewrite_privacy(card, lambda p: p["accounting"].update(delta=True))  # edited after signing
    assert failing(audit_model_dir(card, trainer_identity=trainer.public)) == {"signature", "privacy-record"}


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*prefix, index))
    return out


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                     | st.text(max_size=5), lambda inner: st.lists(inner, max_size=2)
                     | st.dictionaries(st.text(max_size=3), inner, max_size=2), max_leaves=4)


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("DP_AUDIT_FUZZ_EXAMPLES", "10")), deadline=None)
@given(data=st.data())
def test_any_edited_payload_field_fails_or_is_bad_input(honest_dir: Path, trainer: KeyPair,
                                                        tmp_path_factory: Any,
                                                        data: st.DataObject) -> None:
    card = Path(shutil.copytree(honest_dir, tmp_path_factory.mktemp("edit") / "m"))
    document = json.loads((card / "privacy.json").read_text())
    path = data.draw(st.sampled_from(_paths(document["payload"])))
    value = data.draw(_JSON)
    target = document["payload"]
    for key in path[:-1]:
        target = target[key]
    if target[path[-1]] == value:
        return
    target[path[-1]] = value
    (card / "privacy.json").write_text(json.dumps(document))
    try:
        report = audit_model_dir(card, trainer_identity=trainer.public)
    except InputError:
        return  # malformed beyond auditing: exit 2, never a traceback
    assert "signature" in failing(report)


def test_known_answer_privacy_document(repo_root: Path) -> None:
    from dataprotocol.keys import PublicIdentity
    from dataprotocol.records._audit import independent_epsilons
    from dataprotocol.records._card_text import front_matter_v1

    vector = json.loads((repo_root / "tests/vectors/audit/privacy_v1.json").read_text())
    identity = PublicIdentity.from_dict(vector["identity"])
    payload = verify_document(vector["document"], identity, doc_type=PRIVACY_DOC_TYPE)
    assert front_matter_v1(payload) == vector["front_matter"]  # released layout-1 cards still audit
    events = [MechanismEvent.from_dict(e) for e in payload["events"]]
    claimed = payload["accounting"]["epsilon"]
    assert opacus_epsilon(events, delta=1e-5, accountant="prv")[0] == pytest.approx(claimed,
                                                                                    rel=1e-3)
    assert min(independent_epsilons(events, delta=1e-5).values()) <= claimed * 1.01
    tampered = json.loads(json.dumps(vector["document"]))
    tampered["payload"]["accounting"]["epsilon"] = claimed / 2
    with pytest.raises(SignatureError):
        verify_document(tampered, identity, doc_type=PRIVACY_DOC_TYPE)


def test_model_license_is_one_of_the_possible_output_licenses() -> None:
    from dataprotocol.records._card_text import front_matter, model_license

    payload = make_payload()
    payload["license"]["output_licenses"] = ["CC-BY-SA-4.0", "CC-BY-4.0", "CC0-1.0"]
    assert model_license(payload) == "CC-BY-4.0"  # the data's own license, when possible
    payload["data"][0]["license"] = "ODC-By-1.0"
    assert model_license(payload) == "CC-BY-SA-4.0"  # else the policy engine's first
    payload["license"]["chosen"] = "CC0-1.0"
    assert model_license(payload) == "CC0-1.0"
    payload["license"]["chosen"] = "MIT"
    with pytest.raises(InputError, match="not a possible output license"):
        model_license(payload)
    payload["license"].pop("chosen")
    payload.update(trainer={"key_id": "dp1:x"}, weights={})
    assert front_matter(payload)["license"] == "cc-by-sa-4.0"


def test_attribution_credits_each_dataset_with_a_modified_note(honest_dir: Path) -> None:
    text = (honest_dir / "README.md").read_text()
    line = next(x for x in text.splitlines() if x.startswith("- Clinic notes by St. Example"))
    assert "(https://example.org)" in line and "— modified:" in line
    assert "Model license: **CC-BY-4.0**" in text


def test_shuffle_sampler_card_claims_no_amplification_and_passes(tmp_path: Path,
                                                                   trainer: KeyPair) -> None:
    events = [MechanismEvent(noise_multiplier=8.0, sample_rate=0.02, steps=20, sampler="shuffle")]
    model_dir = write_card(tmp_path / "model", trainer, events=events)
    report = audit_model_dir(model_dir)
    assert report.passed, report.to_dict()
    # sample rate 1 for the accountant: far more than Poisson sampling at 0.02 would give
    poisson = [MechanismEvent(noise_multiplier=8.0, sample_rate=0.02, steps=20)]
    assert report.facts["claimed_epsilon"] > 5 * opacus_epsilon(poisson, delta=DELTA)[0]
    mechanism = read_front_matter(model_dir)["differential_privacy"]["mechanism"]
    assert mechanism["sampler"] == "shuffle" and mechanism["amplification"].startswith("none")


def test_a_mechanism_block_that_misdescribes_the_events_fails(tmp_path: Path,
                                                              trainer: KeyPair) -> None:
    payload = make_payload()
    payload["mechanism"].update(noise_multiplier=5.0, steps=20)  # README would read "σ = 5"
    model, tokenizer = tiny_model_and_tokenizer(tmp_path / "src")
    model_dir = write_model_dir(tmp_path / "model", model=model, tokenizer=tokenizer,
                                signer=trainer, payload=payload)
    report = audit_model_dir(model_dir)
    assert failing(report) == {"mechanism"}
    assert "noise_multiplier 5.0" in report.failures[0].detail
    assert "200 steps" in report.failures[0].detail


def test_layout_1_cards_still_audit_and_edits_still_fail(tmp_path: Path, trainer: KeyPair) -> None:
    import yaml

    from dataprotocol.records import audit_model_dir, front_matter_v1, read_privacy_document

    out = write_card(tmp_path / "model", trainer)
    payload = read_privacy_document(out)["payload"]
    body = (out / "README.md").read_text().split("\n---\n", 1)[1]
    legacy = front_matter_v1(payload)
    (out / "README.md").write_text(f"---\n{yaml.safe_dump(legacy)}---\n{body}")
    assert audit_model_dir(out).passed  # a card released before the Hub layout
    legacy["base_model"] = "someone/else"
    (out / "README.md").write_text(f"---\n{yaml.safe_dump(legacy)}---\n{body}")
    assert "front-matter" in failing(audit_model_dir(out))


def test_model_dir_loads_with_transformers_auto_classes_and_pipeline(tmp_path: Path, trainer: KeyPair) -> None:
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, pipeline

    out = write_card(tmp_path / "model", trainer)
    model = AutoModelForSequenceClassification.from_pretrained(out)
    tokenizer = AutoTokenizer.from_pretrained(out)
    assert model.config.num_labels == 2
    predictions = pipeline("text-classification", model=model, tokenizer=tokenizer)(["the cat sat"])
    assert predictions[0]["label"] in {model.config.id2label[0], model.config.id2label[1]}
    assert 0.0 <= predictions[0]["score"] <= 1.0
