"""``demo --llm`` runs the generative story end to end (here on a tiny LLaMA instead of
SmolLM2, same commands): DP-LoRA charged to the ledger, generate, synthesize from the
card's categories, publish the table as a package carrying its guarantee, audit it."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.filterwarnings("ignore:Full backward hook is firing")


@pytest.mark.slow
def test_demo_llm_publishes_an_audited_synthetic_package(tmp_path: Path, tiny_llama: Path) -> None:
    from dataprotocol.budget import Ledger
    from dataprotocol.cli.main import main
    from dataprotocol.package import read_manifest, synthetic_claim
    from dataprotocol.records import read_privacy_document

    out = tmp_path / "demo"
    assert main(["demo", "--llm", "--model", str(tiny_llama), "--out", str(out),
                 "--llm-batch-size", "150"]) == 0
    privacy = read_privacy_document(out / "model-llm")["payload"]
    assert privacy["task"] == "causal-lm"
    assert Ledger(out / "ledger.sqlite").entry(privacy["run_id"]).state == "committed"
    frame = pd.read_parquet(out / "synthetic" / "messages.parquet")
    assert list(frame.columns) == ["topic", "message"] and len(frame) == 8
    block = synthetic_claim(read_manifest(out / "synthetic-package"))
    assert block is not None
    assert block["epsilon"] == privacy["accounting"]["epsilon"]
    assert {"non-commercial", "attribution"} <= {o["kind"] for o in block["obligations"]}
    # published as publish-data under the grant the model was trained under
    assert [g["grant_id"] for g in block["grants"]] == [d["grant_id"] for d in privacy["data"]]
    assert block["grants"][0]["action"] == "publish-data"
    assert not (out / "model").exists()  # the classifier story is the plain demo's
    assert json.loads((out / "synthetic-package" / "manifest.json").read_text())["payload"][
        "dataset"]["license"] == "CC-BY-NC-4.0"
