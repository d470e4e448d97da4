"""End to end on a tiny BERT: DP-SGD with canaries at a large epsilon, the one-run
empirical lower bound stays below the theoretical epsilon, and the resulting model
directory (real trainer output) passes the audit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dataprotocol.keys import generate_keypair
from dataprotocol.records._audit import audit_model_dir
from dataprotocol.records._canary import CanaryAudit
from dataprotocol.records._card import write_model_dir
from dataprotocol.train import DPConfig, DPTrainer
from tests.train.conftest import WORDS, make_texts

DELTA = 1e-5


def _canary_scores(model: Any, tokenizer: Any, texts: list[str], labels: list[int]) -> list[float]:
    """Minus each canary's loss under its label: higher = more likely trained on."""
    import torch

    model.eval()
    enc = tokenizer(texts, padding=True, truncation=True, max_length=16, return_tensors="pt")
    with torch.no_grad():
        logits = model(**{k: v.to(model.device) for k, v in enc.items()}).logits
        loss = torch.nn.functional.cross_entropy(
            logits.float().cpu(), torch.tensor(labels), reduction="none")
    return [-float(x) for x in loss]


@pytest.mark.slow
def test_empirical_bound_on_a_tiny_model_is_below_the_theory(tiny_model: Path,
                                                              tmp_path: Path) -> None:
    texts, labels = make_texts(96, seed=3)
    canaries = CanaryAudit(64, num_labels=2, seed=5, words=WORDS)
    extra_texts, extra_labels = canaries.inserted()
    config = DPConfig(noise_multiplier=0.5, delta=DELTA, epochs=2, batch_size=16,
                      max_length=16, seed=0, progress=False, lr=5e-3)
    result = DPTrainer(tiny_model, num_labels=2, config=config).fit(
        texts + extra_texts, labels + extra_labels)
    theory = float(result.accounting["epsilon"])
    scores = _canary_scores(result.model, result.tokenizer, canaries.texts, canaries.labels)
    block = canaries.evaluate(scores, delta=DELTA, theoretical_epsilon=theory)
    assert 0.0 <= block["epsilon_lower_bound"] <= theory
    assert block["epsilon_lower_bound"] <= block["max_certifiable_epsilon"]
    assert block["canaries"] == 64 and block["inserted"] == len(extra_texts)

    payload = {
        "run_id": result.run_id or "run-canary", "base_model": "tiny-bert",
        "task": "sequence-classification",
        "data": [{"dataset_id": "toy", "dataset_version": "1", "manifest_id": None,
                  "license": "CC0-1.0", "grant_id": None}],
        "license": {"output_licenses": ["CC0-1.0"], "obligations": [], "attribution": []},
        "mechanism": result.mechanism, "events": [e.to_dict() for e in result.events],
        "accounting": result.accounting, "ledger": None, "empirical_audit": block,
        "metrics": result.metrics,
    }
    model_dir = write_model_dir(tmp_path / "model", model=result.model,
                                tokenizer=result.tokenizer, signer=generate_keypair("t"),
                                payload=payload)
    report = audit_model_dir(model_dir)
    assert report.passed, report.to_dict()
    assert "canaries" in next(c for c in report.checks if c.name == "empirical-audit").detail
