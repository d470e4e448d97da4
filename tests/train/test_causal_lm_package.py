"""The whole chain for a causal LM: grant/license/budget gate before step one, ledger
reserve -> commit, checkpoint/resume, signed privacy.json, the card, budget audit --
through the CLI (``dataprotocol train --task causal-lm``) and the library."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dataprotocol.budget import Ledger
from dataprotocol.errors import BudgetExceeded, InputError
from dataprotocol.keys import KeyPair, generate_keypair, save_keypair
from dataprotocol.train import DPConfig
from dataprotocol.train._package import train_on_package
from tests.train.conftest import make_lm_texts

pytestmark = pytest.mark.filterwarnings("ignore:Full backward hook is firing")
PURPOSE = "nlp-research"


@pytest.fixture(scope="module")
def keys() -> dict[str, KeyPair]:
    return {"steward": generate_keypair("steward"), "partner": generate_keypair("partner")}


def _package(tmp: Path, keys: dict[str, KeyPair], *, epsilon: float = 8.0) -> Path:
    from dataprotocol.package import publish
    from dataprotocol.policy import DatasetCard

    card = DatasetCard.from_dict({
        "dataset_id": f"notes-{epsilon}", "version": "1", "title": "Tiny notes",
        "license": "CC-BY-4.0",
        "attribution": {"creator": "Example Lab", "source": "https://example.org/notes"},
        "purposes": [PURPOSE], "contains_pii": False,
        "budget": {"epsilon": epsilon, "delta": 1e-5},
        "publisher": keys["steward"].public_document(),
    }, source="test card")
    texts = make_lm_texts(48, seed=3)
    frame = pd.DataFrame({"text": texts, "question": ["where did it go"] * 48,
                          "answer": [t.split(" ", 2)[2] for t in texts]})
    frame.to_csv(tmp / "notes.csv", index=False)
    publish(tmp / "notes.csv", card=card, publisher=keys["steward"], out=tmp / "pkg", shards=2)
    return tmp / "pkg"


def _grant(package: Path, keys: dict[str, KeyPair], actions: list[str]) -> dict[str, Any]:
    from dataprotocol.package import issue_package_grant

    return issue_package_grant(package, issuer=keys["steward"], grantee=keys["partner"].public,
                               actions=actions, purposes=[PURPOSE],
                               not_after=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1))


def test_cli_train_causal_lm_commits_and_writes_an_auditable_text_generation_card(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_llama: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from dataprotocol.cli.main import main
    from dataprotocol.records import audit_model_dir

    package = _package(tmp_path, keys)
    grant_path = tmp_path / "grant.json"
    grant_path.write_text(json.dumps(_grant(package, keys, ["read", "train", "publish-model"])))
    key_path, _ = save_keypair(keys["partner"], tmp_path / "keys")
    ledger_path = tmp_path / "ledger.sqlite"
    code = main(["train", str(package), "--grant", str(grant_path), "--key", str(key_path),
                 "--purpose", PURPOSE, "--model", str(tiny_llama), "--task", "causal-lm",
                 "--text-column", "text", "--target-epsilon", "4", "--batch-size", "8",
                 "--max-length", "16", "--ledger", str(ledger_path), "--seed", "0",
                 "--audit-canaries", "4", "--canary-candidates", "300",
                 "--out", str(tmp_path / "model"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0, out
    assert out["metrics"]["eval_perplexity"] > 1 and "labels" not in out["metrics"]
    ledger = Ledger(ledger_path)
    assert {e.run_id for e in ledger.entries()} == {out["run_id"]}
    assert ledger.entry(out["run_id"]).state == "committed"
    privacy = json.loads((tmp_path / "model" / "privacy.json").read_text())
    assert '"task": "causal-lm"' in json.dumps(privacy, sort_keys=True)
    from dataprotocol.records import read_front_matter

    meta = read_front_matter(tmp_path / "model")
    assert meta["pipeline_tag"] == "text-generation"
    exposure = out["canary_exposure"]
    assert exposure["canaries"] == 4 and exposure["candidates"] == 300
    assert exposure["consistent"] and len(exposure["ranks"]) == 4
    assert meta["differential_privacy"]["canary_exposure"]["mean_exposure"] == \
        pytest.approx(exposure["mean_exposure"])
    report = audit_model_dir(tmp_path / "model", ledger=ledger,
                             trainer_identity=keys["partner"].public)
    assert report.passed, [c for c in report.checks if not c.passed]
    assert any(c.name == "canary-exposure" and "mean exposure" in c.detail
               for c in report.checks)
    _synthesize_from(tmp_path / "model", tmp_path, key_path, ledger_path, tiny_llama, capsys)


def _synthesize_from(model: Path, tmp_path: Path, key_path: Path, ledger_path: Path,
                     base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """synthesize: a signed, scrubbed table that inherits the model's guarantee; refused
    for a non-DP model, a model failing audit, and templates reading private fields."""
    from dataprotocol.cli.main import main
    from dataprotocol.records import read_privacy_document, verify_synthetic

    table = tmp_path / "synthetic.parquet"
    common = ["--rows", "3", "--key", str(key_path), "--max-new-tokens", "6", "--seed", "1"]
    code = main(["synthesize", str(model), "--out", str(table), "--ledger", str(ledger_path),
                 "--json", *common])
    out = json.loads(capsys.readouterr().out)
    assert code == 0, out
    frame = pd.read_parquet(table)
    assert list(frame.columns) == ["text"] and len(frame) == 3
    record = verify_synthetic(table.with_suffix(".provenance.json"), table)
    claimed = read_privacy_document(model)["payload"]
    assert record.epsilon == claimed["accounting"]["epsilon"]
    assert record.model_run_id == claimed["run_id"] and record.scrub["scrubbed"]
    assert record.sources[0]["manifest_id"] == claimed["data"][0]["manifest_id"]
    assert record.prompts == [] and "post-processing" in record.guarantee
    # refused: a plain (non-DP) checkpoint; a card edited after signing; private fields
    assert main(["synthesize", str(base), "--out", str(tmp_path / "a.parquet"), *common]) == 1
    readme = model / "README.md"
    readme.write_text(readme.read_text().replace("text-generation", "text-classification"))
    assert main(["synthesize", str(model), "--out", str(tmp_path / "b.parquet"), *common]) == 1
    assert main(["synthesize", str(model), "--out", str(tmp_path / "c.parquet"),
                 "--prompt-template", "note about {text}", *common]) == 2
    assert not any((tmp_path / n).exists() for n in ("a.parquet", "b.parquet", "c.parquet"))


@pytest.mark.slow
def test_instruction_rows_train_and_resume_without_spending_twice(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_gpt2: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import dataprotocol.train._trainer as trainer_module

    package = _package(tmp_path, keys)
    ledger = Ledger(tmp_path / "ledger.sqlite")
    real = trainer_module.run_epoch

    def killed_in_second_epoch(*args: Any, **kwargs: Any) -> tuple[int, float]:
        if kwargs["epoch"] == 1:
            raise KeyboardInterrupt("killed")
        return real(*args, **kwargs)

    common: dict[str, Any] = dict(
        grant=_grant(package, keys, ["read", "train"]), key=keys["partner"], purpose=PURPOSE,
        model_path=tiny_gpt2, task="causal-lm", prompt_column="question",
        response_column="answer", out=tmp_path / "model", ledger=ledger,
        checkpoint_dir=tmp_path / "ckpt",
        config=DPConfig(target_epsilon=4.0, epochs=2, batch_size=8, max_length=16, seed=0,
                        progress=False, lora=True, lora_target_modules=("c_attn",),
                        lora_output="adapter"))
    monkeypatch.setattr(trainer_module, "run_epoch", killed_in_second_epoch)
    with pytest.raises(KeyboardInterrupt):
        train_on_package(package, **common)
    monkeypatch.setattr(trainer_module, "run_epoch", real)
    trained = train_on_package(package, **common)
    assert {e.run_id for e in ledger.entries()} == {trained.run_id}  # one run, not two
    entry = ledger.entry(trained.run_id)
    assert entry.state == "committed"
    assert trained.payload["mechanism"]["output"] == "adapter"
    assert trained.payload["columns"] == {"task": "causal-lm", "prompt": "question",
                                          "response": "answer"}
    assert (trained.model_dir / "adapter_config.json").exists()
    assert sum(e.steps for e in entry.events) == trained.payload["mechanism"]["steps"]
    from dataprotocol.records import audit_model_dir, read_front_matter

    assert read_front_matter(trained.model_dir)["library_name"] == "peft"
    report = audit_model_dir(trained.model_dir, ledger=ledger,
                             trainer_identity=keys["partner"].public)
    assert report.passed, [c for c in report.checks if not c.passed]


def test_a_refused_causal_lm_run_spends_nothing(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_llama: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import dataprotocol.train._trainer as trainer_module

    package = _package(tmp_path, keys, epsilon=1.0)
    ledger = Ledger(tmp_path / "ledger.sqlite")

    def no_training(*args: object, **kwargs: object) -> None:
        raise AssertionError("a step ran although the budget refused the run")

    monkeypatch.setattr(trainer_module, "run_epoch", no_training)
    with pytest.raises(BudgetExceeded):
        train_on_package(package, grant=_grant(package, keys, ["read", "train"]),
                         key=keys["partner"], purpose=PURPOSE, model_path=tiny_llama,
                         task="causal-lm", text_column="text", out=tmp_path / "model",
                         ledger=ledger, config=DPConfig(target_epsilon=3.0, batch_size=8,
                                                        progress=False))
    assert ledger.entries() == []
    assert not (tmp_path / "model").exists()


@pytest.mark.parametrize("columns", [
    dict(text_column="text", label_column="label"),
    dict(prompt_column="question"),
    dict(text_column="text", prompt_column="question", response_column="answer"),
])
def test_causal_lm_column_choices_are_checked_before_anything_opens(
        tmp_path: Path, keys: dict[str, KeyPair], columns: dict[str, str]) -> None:
    with pytest.raises(InputError):
        train_on_package(tmp_path / "absent", grant={}, key=keys["partner"], purpose=PURPOSE,
                         model_path=tmp_path, task="causal-lm", out=tmp_path / "m",
                         config=DPConfig(target_epsilon=1.0), **columns)  # type: ignore[arg-type]
