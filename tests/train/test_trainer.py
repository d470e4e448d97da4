"""DPTrainer on a tiny BERT: accounting, every clipping mode, LoRA, resume, sampler."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from dataprotocol.errors import InputError
from dataprotocol.train import DPConfig, DPTrainer
from tests.train.conftest import make_texts


def _cfg(**kw: object) -> DPConfig:
    base: dict[str, object] = dict(noise_multiplier=1.0, delta=1e-5, epochs=1, batch_size=16,
                                   max_length=16, seed=0, progress=False)
    base.update(kw)
    return DPConfig(**base)  # type: ignore[arg-type]


def test_epsilon_equals_opacus_accountant_for_recorded_events(tiny_model: Path,
                                                              tiny_data: tuple) -> None:
    from opacus.accountants import PRVAccountant, RDPAccountant

    texts, labels = tiny_data
    result = DPTrainer(tiny_model, num_labels=2, config=_cfg(epochs=2)).fit(texts, labels)
    (event,) = result.events
    assert event.sampler == "poisson"
    assert event.sample_rate == pytest.approx(16 / len(texts))
    assert event.steps == 2 * 6 == result.mechanism["steps"]
    rdp, prv = RDPAccountant(), PRVAccountant()
    rdp.history = prv.history = [(event.noise_multiplier, event.sample_rate, event.steps)]
    expected = {"rdp": rdp.get_epsilon(delta=1e-5), "prv": prv.get_epsilon(delta=1e-5)}
    acc = result.accounting
    assert acc["epsilon"] == pytest.approx(expected[acc["accountant"]], rel=1e-6)
    assert acc["alternatives"]["rdp"] == pytest.approx(expected["rdp"], rel=1e-6)


def test_target_epsilon_calibrates_noise_for_the_planned_run(tiny_model: Path) -> None:
    trainer = DPTrainer(tiny_model, num_labels=2,
                        config=_cfg(noise_multiplier=None, target_epsilon=3.0, epochs=3))
    plan = trainer.plan(200)
    from dataprotocol.budget import compute_epsilon

    spent = compute_epsilon(plan.events(), delta=1e-5, accountant="prv")
    assert spent <= 3.0 + 1e-6
    assert spent > 2.8  # not wastefully noisy


def test_without_poisson_sampling_the_card_says_shuffle_and_no_amplification(
        tiny_model: Path, tiny_data: tuple) -> None:
    texts, labels = tiny_data
    shuffle = DPTrainer(tiny_model, num_labels=2, config=_cfg(poisson=False)).fit(texts, labels)
    poisson = DPTrainer(tiny_model, num_labels=2, config=_cfg()).fit(texts, labels)
    assert shuffle.events[0].sampler == "shuffle"
    assert shuffle.mechanism["sampler"] == "shuffle"
    assert shuffle.accounting["epsilon"] > 3 * poisson.accounting["epsilon"]


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["ghost", "hooks", "bookkeeping"])
def test_each_clipping_mode_learns(tiny_model: Path, mode: str) -> None:
    texts, labels = make_texts(160, seed=1)
    held_texts, held_labels = make_texts(64, seed=2)
    cfg = _cfg(noise_multiplier=1e-3, epochs=3, batch_size=32, max_physical_batch=16,
               lr=5e-3, clipping=mode)
    result = DPTrainer(tiny_model, num_labels=2, config=cfg).fit(
        texts, labels, eval_texts=held_texts, eval_labels=held_labels)
    assert result.mechanism["clipping_mode"] == mode
    assert result.mechanism["physical_batch_size"] == 16
    assert result.metrics["eval_accuracy"] >= 0.9


def test_auto_clipping_is_bookkeeping_with_hooks_fallback(tiny_model: Path) -> None:
    from dataprotocol.train._private import make_private_step

    assert _cfg().resolved_clipping() == _cfg(lora=True).resolved_clipping() == "bookkeeping"

    class Scale(torch.nn.Module):  # a layer with no per-example rule in Opacus
        def __init__(self) -> None:
            super().__init__()
            self.weight = torch.nn.Parameter(torch.ones(3))

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return x * self.weight

    model = torch.nn.Sequential(torch.nn.Linear(3, 3), Scale()).train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    _, mode = make_private_step(model, optimizer, mode="bookkeeping", noise_multiplier=1.0,
                                max_grad_norm=1.0, expected_batch_size=4, secure_mode=False,
                                generator=None, per_example_loss=lambda y, t: y.sum(-1))
    assert mode == "hooks"


@pytest.mark.parametrize("mode", ["hooks", "bookkeeping"])
def test_lora_weights_change_after_one_dp_step(tiny_model: Path, mode: str) -> None:
    from transformers import AutoModelForSequenceClassification

    texts, labels = make_texts(16, seed=3)
    cfg = _cfg(lora=True, clipping=mode, batch_size=16, noise_multiplier=0.5, lr=1e-2)
    result = DPTrainer(tiny_model, num_labels=2, config=cfg).fit(texts, labels)
    assert result.mechanism["steps"] == 1
    base = AutoModelForSequenceClassification.from_pretrained(tiny_model, num_labels=2)
    after = dict(result.model.named_parameters())
    before = dict(base.named_parameters())
    query = "bert.encoder.layer.0.attention.self.query.weight"
    key = "bert.encoder.layer.0.attention.self.key.weight"
    # LoRA B starts at zero: the merged query weight moves only if the adapter trained.
    assert not torch.allclose(after[query], before[query])
    assert torch.equal(after[key], before[key])  # not an adapter target: frozen


def test_resume_continues_the_same_run_and_counts_every_step(
        tiny_model: Path, tiny_data: tuple, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import dataprotocol.train._trainer as trainer_module

    texts, labels = tiny_data
    cfg = _cfg(epochs=2)
    real = trainer_module.run_epoch

    def crash_in_second_epoch(*args: object, **kwargs: object) -> tuple[int, float]:
        if kwargs["epoch"] == 1:
            raise KeyboardInterrupt("killed")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(trainer_module, "run_epoch", crash_in_second_epoch)
    with pytest.raises(KeyboardInterrupt):
        DPTrainer(tiny_model, num_labels=2, config=cfg).fit(
            texts, labels, checkpoint_dir=tmp_path, run_id="run-resume")
    monkeypatch.setattr(trainer_module, "run_epoch", real)
    resumed = DPTrainer(tiny_model, num_labels=2, config=cfg).fit(
        texts, labels, checkpoint_dir=tmp_path, run_id="another-id-is-ignored")
    assert resumed.run_id == "run-resume"
    assert [h["epoch"] for h in resumed.history] == [0.0, 1.0]
    assert resumed.events[0].steps == 12  # both epochs, counted once each
    fresh = DPTrainer(tiny_model, num_labels=2, config=cfg).fit(texts, labels)
    assert resumed.accounting["epsilon"] == pytest.approx(fresh.accounting["epsilon"])


def test_resume_refuses_a_checkpoint_of_other_data(tiny_model: Path, tiny_data: tuple,
                                                   tmp_path: Path) -> None:
    texts, labels = tiny_data
    DPTrainer(tiny_model, num_labels=2, config=_cfg()).fit(texts, labels, checkpoint_dir=tmp_path)
    with pytest.raises(InputError, match="checkpoint"):
        DPTrainer(tiny_model, num_labels=2, config=_cfg()).fit(
            texts[:48], labels[:48], checkpoint_dir=tmp_path)


def test_bad_inputs_raise_input_error(tiny_model: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError):
        DPConfig(target_epsilon=1.0, noise_multiplier=1.0)
    with pytest.raises(InputError):
        DPConfig(noise_multiplier=1.0, clipping="magic")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        DPTrainer(tmp_path / "missing", num_labels=2, config=_cfg())
    trainer = DPTrainer(tiny_model, num_labels=2, config=_cfg())
    with pytest.raises(InputError, match="label"):
        trainer.fit(["good movie"] * 20, [0] * 19 + [5])


@pytest.mark.parametrize("mode", ["hooks", "ghost", "bookkeeping"])
def test_empty_poisson_batches_are_noise_only_steps_that_count(tiny_model: Path,
                                                               mode: str) -> None:
    texts, labels = make_texts(16, seed=4)
    # q = 1/16: about a third of the 16 batches are empty; each is still a step.
    cfg = _cfg(batch_size=1, max_length=8, clipping=mode)
    result = DPTrainer(tiny_model, num_labels=2, config=cfg).fit(texts, labels)
    assert result.events[0].steps == 16
    assert result.events[0].sample_rate == pytest.approx(1 / 16)
