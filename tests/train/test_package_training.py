"""train_on_package end to end on a real package, ledger and signed model card; and
refusal before step one (nothing spent) when policy, license or budget says no."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dataprotocol.budget import Ledger
from dataprotocol.errors import BudgetExceeded, PolicyDenied
from dataprotocol.keys import KeyPair, generate_keypair, save_keypair
from dataprotocol.train import DPConfig
from dataprotocol.train._package import train_on_package
from tests.train.conftest import make_texts

PURPOSE = "nlp-research"


def _card(publisher: KeyPair, *, license_id: str = "CC-BY-4.0", epsilon: float = 8.0) -> Any:
    from dataprotocol.policy import DatasetCard

    return DatasetCard.from_dict({
        "dataset_id": f"reviews-{license_id.lower().replace(' ', '-')}-{epsilon}", "version": "1",
        "title": "Tiny reviews", "license": license_id,
        "attribution": {"creator": "Example Lab", "source": "https://example.org/reviews"},
        "purposes": [PURPOSE], "contains_pii": False,
        "budget": {"epsilon": epsilon, "delta": 1e-5},
        "publisher": publisher.public_document(),
    }, source="test card")


@pytest.fixture(scope="module")
def keys() -> dict[str, KeyPair]:
    return {"steward": generate_keypair("steward"), "partner": generate_keypair("partner")}


def _package(tmp: Path, keys: dict[str, KeyPair], **card_kw: Any) -> Path:
    from dataprotocol.package import publish

    texts, labels = make_texts(96, seed=5)
    csv = tmp / "reviews.csv"
    pd.DataFrame({"text": texts, "label": ["pos" if y else "neg" for y in labels]}
                 ).to_csv(csv, index=False)
    out = tmp / "pkg"
    publish(csv, card=_card(keys["steward"], **card_kw), publisher=keys["steward"], out=out,
            shards=2)
    return out


def _grant(package: Path, keys: dict[str, KeyPair], actions: list[str]) -> dict[str, Any]:
    from dataprotocol.package import issue_package_grant

    return issue_package_grant(package, issuer=keys["steward"], grantee=keys["partner"].public,
                               actions=actions, purposes=[PURPOSE],
                               not_after=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1))


def _config(**kw: Any) -> DPConfig:
    base: dict[str, Any] = dict(target_epsilon=2.0, delta=1e-5, epochs=1, batch_size=16,
                                max_length=16, seed=0, progress=False)
    base.update(kw)
    return DPConfig(**base)


@pytest.mark.slow
def test_train_on_package_reserves_commits_and_writes_an_auditable_card(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path) -> None:
    package = _package(tmp_path, keys)
    grant = _grant(package, keys, ["read", "train", "publish-model"])
    ledger = Ledger(tmp_path / "ledger.sqlite")
    trained = train_on_package(package, grant=grant, key=keys["partner"], purpose=PURPOSE,
                               model_path=tiny_model, text_column="text", label_column="label",
                               config=_config(), out=tmp_path / "model", ledger=ledger,
                               audit_canaries=8)
    entry = ledger.entry(trained.run_id)
    assert entry.state == "committed"
    assert [e.to_dict() for e in entry.events] == trained.payload["events"]
    privacy = json.loads((trained.model_dir / "privacy.json").read_text())
    assert "model.safetensors" in json.dumps(privacy)
    assert trained.payload["ledger"]["entry_hash"] == entry.entry_hash
    assert trained.payload["empirical_audit"]["canaries"] == 8
    assert trained.result.accounting["epsilon"] <= 2.0 + 1e-6
    from dataprotocol.records._audit import audit_model_dir

    report = audit_model_dir(trained.model_dir, ledger=ledger,
                             trainer_identity=keys["partner"].public)
    assert report.passed, [c for c in report.checks if not c.passed]


def test_refused_before_step_one_when_the_grant_lacks_train(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path) -> None:
    package = _package(tmp_path, keys)
    grant = _grant(package, keys, ["read"])
    ledger = Ledger(tmp_path / "ledger.sqlite")
    with pytest.raises(PolicyDenied):
        train_on_package(package, grant=grant, key=keys["partner"], purpose=PURPOSE,
                         model_path=tiny_model, text_column="text", label_column="label",
                         config=_config(), out=tmp_path / "model", ledger=ledger)
    assert ledger.entries() == []
    assert not (tmp_path / "model").exists()


def test_refused_when_no_license_allows_publishing_the_model(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path) -> None:
    package = _package(tmp_path, keys, license_id="CC-BY-ND-4.0")
    grant = _grant(package, keys, ["read", "train", "publish-model"])
    ledger = Ledger(tmp_path / "ledger.sqlite")
    from dataprotocol.policy import combine

    if combine(["CC-BY-ND-4.0"], action="publish-model", purpose=PURPOSE).allowed:
        pytest.skip("the license registry allows publishing ND-derived models")
    with pytest.raises(PolicyDenied):
        train_on_package(package, grant=grant, key=keys["partner"], purpose=PURPOSE,
                         model_path=tiny_model, text_column="text", label_column="label",
                         config=_config(), out=tmp_path / "model", ledger=ledger)
    assert ledger.entries() == []


def test_refused_before_step_one_when_the_budget_is_too_small(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import dataprotocol.train._trainer as trainer_module

    package = _package(tmp_path, keys, epsilon=1.0)
    grant = _grant(package, keys, ["read", "train"])
    ledger = Ledger(tmp_path / "ledger.sqlite")

    def no_training(*args: object, **kwargs: object) -> None:
        raise AssertionError("a step ran although the budget refused the run")

    monkeypatch.setattr(trainer_module, "run_epoch", no_training)
    with pytest.raises(BudgetExceeded) as refused:
        train_on_package(package, grant=grant, key=keys["partner"], purpose=PURPOSE,
                         model_path=tiny_model, text_column="text", label_column="label",
                         config=_config(target_epsilon=3.0), out=tmp_path / "model",
                         ledger=ledger)
    assert "epsilon" in str(refused.value).lower() or "ε" in str(refused.value)
    assert ledger.entries() == []
    assert not (tmp_path / "model").exists()


def test_cli_train_refuses_with_exit_1_and_reasons(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from dataprotocol.cli.main import main

    package = _package(tmp_path, keys)
    grant_path = tmp_path / "grant.json"
    grant_path.write_text(json.dumps(_grant(package, keys, ["read"])))
    key_path, _ = save_keypair(keys["partner"], tmp_path / "keys")
    code = main(["train", str(package), "--grant", str(grant_path), "--key", str(key_path),
                 "--purpose", PURPOSE, "--model", str(tiny_model), "--text-column", "text",
                 "--label-column", "label", "--target-epsilon", "1", "--delta", "1e-5",
                 "--epochs", "1", "--batch-size", "16", "--ledger",
                 str(tmp_path / "l.sqlite"), "--out", str(tmp_path / "model"), "--no-progress"])
    assert code == 1
    assert "train" in capsys.readouterr().err


def test_cli_train_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dataprotocol.cli.main import main

    code = main(["train", str(tmp_path / "nope"), "--grant", str(tmp_path / "g.json"),
                 "--key", str(tmp_path / "k.key"), "--purpose", PURPOSE, "--model",
                 str(tmp_path), "--text-column", "t", "--label-column", "l",
                 "--target-epsilon", "1", "--out", str(tmp_path / "m")])
    assert code == 2


@pytest.mark.slow
def test_a_resumed_run_keeps_its_reservation_and_commits_once(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import dataprotocol.train._trainer as trainer_module

    package = _package(tmp_path, keys)
    grant = _grant(package, keys, ["read", "train"])
    ledger = Ledger(tmp_path / "ledger.sqlite")
    real = trainer_module.run_epoch

    def killed_in_second_epoch(*args: object, **kwargs: object) -> tuple[int, float]:
        if kwargs["epoch"] == 1:
            raise KeyboardInterrupt("killed")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    common: dict[str, Any] = dict(grant=grant, key=keys["partner"], purpose=PURPOSE,
                                  model_path=tiny_model, text_column="text",
                                  label_column="label", config=_config(epochs=2),
                                  out=tmp_path / "model", ledger=ledger,
                                  checkpoint_dir=tmp_path / "ckpt")
    monkeypatch.setattr(trainer_module, "run_epoch", killed_in_second_epoch)
    with pytest.raises(KeyboardInterrupt):
        train_on_package(package, **common)
    (reserved,) = ledger.entries()
    assert reserved.state == "reserved"  # the killed run's planned spend stays counted
    spent_while_crashed = ledger.status(reserved.dataset_id).spent_epsilon
    monkeypatch.setattr(trainer_module, "run_epoch", real)
    trained = train_on_package(package, **common)
    assert trained.run_id == reserved.run_id
    states = [e.state for e in ledger.entries()]
    assert states == ["reserved", "committed"]
    assert ledger.entry(trained.run_id).events == reserved.events  # planned == actual
    assert ledger.status(reserved.dataset_id).spent_epsilon == pytest.approx(
        spent_while_crashed)


@pytest.mark.slow
def test_cli_train_writes_the_model_dir_and_prints_json(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from dataprotocol.cli.main import main

    package = _package(tmp_path, keys)
    grant_path = tmp_path / "grant.json"
    grant_path.write_text(json.dumps(_grant(package, keys, ["read", "train"])))
    key_path, _ = save_keypair(keys["partner"], tmp_path / "keys")
    code = main(["train", str(package), "--grant", str(grant_path), "--key", str(key_path),
                 "--purpose", PURPOSE, "--model", str(tiny_model), "--text-column", "text",
                 "--label-column", "label", "--target-epsilon", "2", "--epochs", "1",
                 "--batch-size", "16", "--max-length", "16", "--ledger",
                 str(tmp_path / "l.sqlite"), "--out", str(tmp_path / "model"), "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["accounting"]["epsilon"] <= 2.0 + 1e-6
    assert report["mechanism"]["sampler"] == "poisson"
    assert report["ledger"]["cumulative_epsilon"] > 0
    assert (tmp_path / "model" / "privacy.json").exists()
