"""Two-process DP-SGD under torchrun (gloo, CPU) through ``dataprotocol train --nproc 2``:
one ledger run (rank 0 only), bit-identical replicas, and the epsilon, sigma, q and steps
a single process plans and reports for the same global batch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from dataprotocol.budget import Ledger, MechanismEvent, compute_epsilon
from dataprotocol.keys import generate_keypair, save_keypair
from tests.train.conftest import make_texts

pytestmark = pytest.mark.slow
PURPOSE = "nlp-research"
REPO = Path(__file__).resolve().parents[2]


def _package(tmp: Path) -> dict[str, Path]:
    from dataprotocol.cli.main import main

    save_keypair(generate_keypair("steward"), tmp)
    save_keypair(generate_keypair("partner"), tmp)
    card = {"dataset_id": "reviews", "version": "1", "title": "Tiny reviews",
            "license": "CC-BY-4.0", "purposes": [PURPOSE], "contains_pii": False,
            "attribution": {"creator": "Example Lab", "source": "https://example.org"},
            "budget": {"epsilon": 8.0, "delta": 1e-5}, "publisher": "steward.pub",
            "categories": {"label": ["neg", "pos"]}}
    (tmp / "card.yaml").write_text(yaml.safe_dump(card), encoding="utf-8")
    texts, labels = make_texts(80, seed=4)
    pd.DataFrame({"text": texts, "label": ["pos" if y else "neg" for y in labels]}
                 ).to_csv(tmp / "in.csv", index=False)
    assert main(["publish", str(tmp / "in.csv"), "--dataset-card", str(tmp / "card.yaml"),
                 "--key", str(tmp / "steward.key"), "--out", str(tmp / "pkg"),
                 "--ledger", str(tmp / "ledger.sqlite")]) == 0
    assert main(["grant", "issue", str(tmp / "pkg"), "--to", str(tmp / "partner.pub"),
                 "--key", str(tmp / "steward.key"), "--action", "read", "--action", "train",
                 "--purpose", PURPOSE, "--until", "2099-01-01",
                 "--out", str(tmp / "grant.json")]) == 0
    return {"pkg": tmp / "pkg", "grant": tmp / "grant.json", "key": tmp / "partner.key"}


def _single_process_plan(tiny_model: Path, *, epochs: int):
    """What one process plans for the same global batch (q = 16/72 rows)."""
    from dataprotocol.train import DPConfig, DPTrainer

    return DPTrainer(tiny_model, num_labels=2, config=DPConfig(
        target_epsilon=3.0, delta=1e-5, batch_size=16, max_length=16, seed=0,
        epochs=epochs)).plan(72)


def _assert_spend_and_replicas(payload: dict, single, model: Path) -> None:
    """The card's steps and epsilon are the single-process plan's, and rank 0's saved
    weights carry the parameter digest every rank agreed on."""
    from transformers import AutoModelForSequenceClassification

    from dataprotocol.train._distributed import parameter_digest

    mechanism = payload["mechanism"]
    assert mechanism["steps"] == single.steps
    events = [MechanismEvent(noise_multiplier=single.noise_multiplier,
                             sample_rate=single.sample_rate, steps=single.steps)]
    assert payload["accounting"]["epsilon"] == pytest.approx(
        compute_epsilon(events, delta=1e-5, accountant=payload["accounting"]["accountant"]),
        rel=1e-9)
    saved = AutoModelForSequenceClassification.from_pretrained(model, local_files_only=True)
    assert parameter_digest(saved) == mechanism["replica_parameters_sha256"]


def test_two_gloo_processes_train_one_run_with_identical_replicas(tmp_path, tiny_model):
    files = _package(tmp_path)
    ledger, model = tmp_path / "ledger.sqlite", tmp_path / "model"
    env = {**os.environ, "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1",
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "dataprotocol", "train", str(files["pkg"]), "--nproc", "2",
         "--grant", str(files["grant"]), "--key", str(files["key"]), "--purpose", PURPOSE,
         "--model", str(tiny_model), "--text-column", "text", "--label-column", "label",
         "--out", str(model), "--target-epsilon", "3", "--batch-size", "16",
         "--max-length", "16", "--seed", "0", "--ledger", str(ledger), "--no-progress",
         "--json"], env=env, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    (tmp_path / "stderr.txt").write_text(proc.stderr)
    assert proc.returncode == 0, proc.stderr[-3000:]
    payload = json.loads((model / "privacy.json").read_text())["payload"]
    mechanism = payload["mechanism"]
    assert mechanism["world_size"] == 2 and mechanism["global_logical_batch_size"] == 16
    # one run in the ledger, written by rank 0 alone: reserved, then committed
    book = Ledger(ledger)
    assert [(e.run_id, e.state) for e in book.entries() if e.is_run] == [
        (payload["run_id"], "reserved"), (payload["run_id"], "committed")]
    # what one process would plan and report for the same global batch (q = 16/72 rows)
    single = _single_process_plan(tiny_model, epochs=1)
    assert mechanism["sample_rate"] == single.sample_rate
    # equal up to the last bits: PRV's convolutions go through BLAS, whose summation order
    # (and so the last bits of sigma) follows its thread count -- 1 in the ranks, the
    # machine's cores here (1.2148796877405343 vs ...417363 measured on 2 cores)
    assert mechanism["noise_multiplier"] == pytest.approx(single.noise_multiplier, rel=1e-9)
    _assert_spend_and_replicas(payload, single, model)


def test_a_crashed_two_process_run_resumes_from_rank_0s_checkpoint(tmp_path, tiny_model):
    """Rank 0 alone writes the checkpoint; a run killed in epoch 2 resumes under torchrun
    as the same ledger run (reserved once), counting every step once, replicas identical."""
    files = _package(tmp_path)
    ledger, model, ckpt = tmp_path / "ledger.sqlite", tmp_path / "model", tmp_path / "ckpt"
    env = {**os.environ, "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1",
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "DP_TEST_CRASH_AT_EPOCH": "1"}
    train = ["train", str(files["pkg"]), "--grant", str(files["grant"]), "--key",
             str(files["key"]), "--purpose", PURPOSE, "--model", str(tiny_model),
             "--text-column", "text", "--label-column", "label", "--out", str(model),
             "--target-epsilon", "3", "--epochs", "2", "--batch-size", "16",
             "--max-length", "16", "--seed", "0", "--ledger", str(ledger),
             "--checkpoint-dir", str(ckpt), "--no-progress", "--json"]
    crashed = subprocess.run(
        [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node=2",
         str(REPO / "tests" / "train" / "_crash_worker.py"), *train],
        env=env, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert crashed.returncode != 0, "the first run was meant to die in its second epoch"
    assert (ckpt / "dp-checkpoint.pt").exists() and not (model / "privacy.json").exists()
    book = Ledger(ledger)
    [reserved] = [e for e in book.entries() if e.is_run]
    assert reserved.state == "reserved"  # the crashed run's reservation stays spent
    env.pop("DP_TEST_CRASH_AT_EPOCH")
    # a rank that cannot see rank 0's checkpoint: refused on every rank, not a deadlock
    split = subprocess.run(
        [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node=2",
         str(REPO / "tests" / "train" / "_crash_worker.py"), *train],
        env={**env, "DP_TEST_NO_CHECKPOINT_ON_RANK": "1"}, capture_output=True, text=True,
        timeout=600, cwd=tmp_path)
    assert split.returncode != 0 and "disagree with rank 0 on the checkpoint" in split.stderr
    assert not (model / "privacy.json").exists()
    resumed = subprocess.run([sys.executable, "-m", "dataprotocol", *train, "--nproc", "2"],
                             env=env, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    payload = json.loads((model / "privacy.json").read_text())["payload"]
    assert payload["run_id"] == reserved.run_id
    assert [(e.run_id, e.state) for e in Ledger(ledger).entries() if e.is_run] == [
        (reserved.run_id, "reserved"), (reserved.run_id, "committed")]
    mechanism = payload["mechanism"]
    assert mechanism["world_size"] == 2
    # both epochs, each step counted once; the epsilon of those steps; identical replicas
    _assert_spend_and_replicas(payload, _single_process_plan(tiny_model, epochs=2), model)
