"""DP synthetic data release end to end on a tiny LLaMA: DP training charged to the
ledger -> synthesize -> ``publish --synthetic`` -> ``card audit`` holds the package's
claim against the generator's signed privacy record and the ledger, and fails when
either does not back it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from dataprotocol.budget import Ledger
from dataprotocol.keys import KeyPair, generate_keypair, save_keypair
from dataprotocol.train import DPConfig
from tests._ledgers import pinned_ledger
from tests.train.conftest import make_lm_texts

pytestmark = pytest.mark.filterwarnings("ignore:Full backward hook is firing")
PURPOSE = "nlp-research"


def _card(publisher: KeyPair, dataset_id: str, license_id: str) -> dict[str, object]:
    return {"dataset_id": dataset_id, "version": "1", "title": f"{dataset_id} notes",
            "license": license_id,
            "attribution": {"creator": "Example Lab", "source": "https://example.org/notes"},
            "purposes": [PURPOSE], "contains_pii": False,
            "budget": {"epsilon": 8.0, "delta": 1e-5}, "publisher": publisher.public_document(),
            "categories": {"topic": ["harbour", "market", "school"]}}


def test_a_synthetic_package_audits_against_its_generator_and_the_ledger(
        tmp_path: Path, tiny_llama: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dataprotocol.cli.main import main
    from dataprotocol.package import issue_package_grant, publish
    from dataprotocol.policy import DatasetCard
    from dataprotocol.train import synthesize, train_on_package

    steward, partner = generate_keypair("steward"), generate_keypair("partner")
    card = DatasetCard.from_dict(_card(steward, "notes", "CC-BY-SA-4.0"), source="card")
    pd.DataFrame({"topic": ["harbour", "market", "school", "harbour"] * 8,
                  "text": make_lm_texts(32, seed=5)}).to_csv(tmp_path / "notes.csv", index=False)
    publish(tmp_path / "notes.csv", card=card, publisher=steward, out=tmp_path / "pkg",
            ledger=pinned_ledger(tmp_path / "ledger.sqlite", card=card, publisher=steward,
                                 package=tmp_path / "pkg"))
    grant = issue_package_grant(tmp_path / "pkg", issuer=steward, grantee=partner.public,
                                actions=["read", "train", "publish-model", "publish-data"], purposes=[PURPOSE],
                                not_after=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1))
    ledger = Ledger(tmp_path / "ledger.sqlite")
    trained = train_on_package(
        tmp_path / "pkg", grant=grant, key=partner, purpose=PURPOSE, model_path=tiny_llama,
        task="causal-lm", text_column="text", out=tmp_path / "model", ledger=ledger,
        config=DPConfig(target_epsilon=4.0, batch_size=8, max_length=16, seed=0, progress=False))
    # no template given: the default one comes from the source card's public categories
    table = synthesize(trained.model_dir, rows=4, out=tmp_path / "synthetic.parquet", key=partner,
                       max_new_tokens=6, seed=1, ledger=ledger, source_package=tmp_path / "pkg")
    frame = pd.read_parquet(table.table)
    assert list(frame.columns) == ["topic", "text"]
    assert list(frame["topic"]) == ["harbour", "market", "school", "harbour"]
    assert table.record.prompts == ["topic: {topic}\ntext: "]
    assert table.record.extra["template_source"] == "card-categories"
    # a user template may name the card's category column too, but nothing private
    from dataprotocol.errors import InputError

    named = synthesize(trained.model_dir, rows=2, out=tmp_path / "named.parquet", key=partner,
                       max_new_tokens=4, seed=1, source_package=tmp_path / "pkg",
                       prompt_templates=["A note about the {topic}:"])
    assert named.frame["prompt"].tolist() == ["A note about the harbour:", "A note about the market:"]
    with pytest.raises(InputError) as caught:
        synthesize(trained.model_dir, rows=2, out=tmp_path / "bad.parquet", key=partner,
                   source_package=tmp_path / "pkg", prompt_templates=["{topic} {text}"])
    assert caught.value.field == "prompt_template"

    key_path, pub_path = save_keypair(partner, tmp_path / "keys")
    synthetic_card = _card(partner, "notes-synthetic", "CC-BY-SA-4.0")
    synthetic_card["publisher"] = str(pub_path)
    (tmp_path / "synthetic.yaml").write_text(yaml.safe_dump(synthetic_card))
    (tmp_path / "grant.json").write_text(json.dumps(grant))
    # the signed provenance names the training grant: publishing is publish-data under it
    assert table.record.sources[0]["grant_id"] == grant["payload"]["grant_id"]
    assert main(["publish", str(table.table), "--synthetic", "--dataset-card",
                 str(tmp_path / "synthetic.yaml"), "--key", str(key_path),
                 "--grant", str(tmp_path / "grant.json"), "--source-package", str(tmp_path / "pkg"),
                 "--purpose", PURPOSE, "--out", str(tmp_path / "spkg"), "--json"]) == 0
    published = json.loads(capsys.readouterr().out)["synthetic"]
    assert published["epsilon"] == pytest.approx(trained.payload["accounting"]["epsilon"])
    assert "share-alike" in {o["kind"] for o in published["obligations"]}

    audit = ["card", "audit", str(tmp_path / "spkg"), "--generator", str(trained.model_dir),
             "--trainer-key", str(pub_path), "--json"]
    assert main([*audit, "--ledger", str(tmp_path / "ledger.sqlite")]) == 0, capsys.readouterr().out
    report = json.loads(capsys.readouterr().out)
    names = {c["name"] for c in report["checks"]}
    assert {"synthetic-generator", "synthetic-ledger", "generator/epsilon-opacus",
            "synthetic-obligations"} <= names
    # no ledger: the claimed spend is unbacked, so the audit does not pass
    assert main(audit) == 1
    assert "synthetic-ledger" in json.loads(capsys.readouterr().out)["failures"]
    # another generator (a copy whose privacy.json claims a smaller epsilon) backs nothing
    other = tmp_path / "other-model"
    shutil.copytree(trained.model_dir, other)
    privacy = json.loads((other / "privacy.json").read_text())
    privacy["payload"]["accounting"]["epsilon"] = 0.5
    (other / "privacy.json").write_text(json.dumps(privacy))
    audit[4] = str(other)
    assert main([*audit, "--ledger", str(tmp_path / "ledger.sqlite")]) == 1
    failures = json.loads(capsys.readouterr().out)["failures"]
    assert "synthetic-generator" in failures and "generator/signature" in failures
