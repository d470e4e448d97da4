"""Secret Sharer canary exposure: the statistics (records, torch-free), the audit's
recomputation, and on a tiny LLaMA that the audit can fail -- a memorising
non-private run is far above chance, the DP run of the same data and steps is not."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol.errors import AuditFailed
from dataprotocol.records import chance_exposure, exposure, exposure_block, exposure_check, exposure_p_value
from dataprotocol.train import CausalLMTask, DPConfig, DPTrainer
from dataprotocol.train._exposure import CanaryFormat, ExposureCanaries
from tests.train.conftest import make_lm_texts

pytestmark = pytest.mark.filterwarnings("ignore:Full backward hook is firing")


def test_exposure_known_values() -> None:
    assert exposure(0, 1023) == pytest.approx(10.0)  # beats all 1023: log2(1024)
    assert exposure(1023, 1023) == pytest.approx(0.0)  # beaten by all
    assert exposure(511, 1023) == pytest.approx(1.0)
    # uniform rank on 1..4: mean of log2(4/r) = (2 + 1 + 0.585 + 0) / 4
    assert chance_exposure(3) == pytest.approx((2 + 1 + math.log2(4 / 3)) / 4)
    assert chance_exposure(10**5) == pytest.approx(1 / math.log(2), abs=1e-3)


@given(ranks=st.lists(st.integers(1, 1001), min_size=1, max_size=20),
       epsilon=st.floats(0.01, 10), repeats=st.integers(1, 4))
def test_p_value_is_monotone_in_epsilon_and_in_the_ranks(
        ranks: list[int], epsilon: float, repeats: int) -> None:
    p, _ = exposure_p_value(ranks, candidates=1000, epsilon=epsilon, delta=1e-5,
                            repeats=repeats)
    larger, _ = exposure_p_value(ranks, candidates=1000, epsilon=epsilon * 2, delta=1e-5,
                                 repeats=repeats)
    worse, _ = exposure_p_value([min(1001, r * 2) for r in ranks], candidates=1000,
                                epsilon=epsilon, delta=1e-5, repeats=repeats)
    assert 0 <= p <= larger <= 1 and p <= worse <= 1


def test_the_audit_recomputes_the_block_and_catches_edits() -> None:
    block = exposure_block([999, 400, 10], candidates=1000, repeats=1, canary_format="f",
                           epsilon=1.0, delta=1e-5)
    payload = {"accounting": {"epsilon": 1.0, "delta": 1e-5}, "canary_exposure": block}
    assert exposure_check(payload).passed
    assert exposure_check({"accounting": payload["accounting"]}).passed  # optional
    edited = {**block, "mean_exposure": block["mean_exposure"] + 1}
    assert not exposure_check({**payload, "canary_exposure": edited}).passed
    # ranks that contradict the card's epsilon (all canaries beat every candidate)
    memorised = {**block, "ranks": [1, 1, 1], "mean_exposure": exposure(0, 1000)}
    check = exposure_check({**payload, "canary_exposure": memorised})
    assert not check.passed and "contradict" not in check.detail and "p =" in check.detail
    with pytest.raises(AuditFailed):
        exposure_block([0, 0, 0], candidates=1000, repeats=1, canary_format="f",
                       epsilon=1.0, delta=1e-5)


@pytest.mark.slow
def test_exposure_audit_fails_a_memorising_run_and_passes_the_dp_run(
        tiny_llama: Path) -> None:
    """Same rows (32 texts + 16 canaries x 2), same steps; only the privacy differs."""
    canaries = ExposureCanaries(16, repeats=2, candidates=4000,
                                canary_format=CanaryFormat(length=5), seed=1)
    rows = make_lm_texts(32) + canaries.rows(instruction=False)
    results = {}
    for name, privacy in [("memorising", dict(noise_multiplier=1e-6, max_grad_norm=1e6)),
                          ("dp", dict(target_epsilon=2.0))]:
        config = DPConfig(batch_size=16, epochs=10, lr=2e-2, max_length=16, seed=0,
                          progress=False, **privacy)  # type: ignore[arg-type]
        trainer = DPTrainer(tiny_llama, config=config, task=CausalLMTask(), device="cpu")
        result = trainer.fit(rows)
        beaten = canaries.beaten_by(trainer.task, result.model, trainer.tokenizer,
                                    device=torch.device("cpu"), instruction=False,
                                    max_length=16)
        results[name] = (beaten, result.accounting["epsilon"])
    chance = chance_exposure(4000)
    memorised, _ = results["memorising"]
    figures = exposure_block(memorised, candidates=4000, repeats=2, canary_format="digits",
                             epsilon=None, delta=1e-5)
    assert figures["mean_exposure"] > chance + 2.5  # far above chance (~1.44 bits)
    # a card claiming epsilon 0.5 for this model is contradicted: the audit FAILS
    with pytest.raises(AuditFailed):
        exposure_block(memorised, candidates=4000, repeats=2, canary_format="digits",
                       epsilon=0.5, delta=1e-5)
    private, epsilon = results["dp"]
    dp = exposure_block(private, candidates=4000, repeats=2, canary_format="digits",
                        epsilon=epsilon, delta=1e-5)
    assert dp["consistent"] and dp["mean_exposure"] < chance + 1.0
    assert dp["mean_exposure"] < figures["mean_exposure"] - 2
