"""PrivateTrainer: a stock transformers Trainer script trains privately (classifier and
causal LM, gradient accumulation as Opacus virtual steps, epsilon in the logs, an
auditable card); a refused grant or budget stops it before step one; settings that
cannot be accounted for are refused with the reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dataprotocol.budget import Ledger
from dataprotocol.errors import BudgetExceeded, InputError, PolicyDenied
from dataprotocol.keys import KeyPair
from dataprotocol.records import audit_model_dir
from dataprotocol.train import PrivateTrainer, private_run
from tests.train.test_package_training import PURPOSE, _grant, _package, keys  # noqa: F401


def _dataset(run: Any, tokenizer: Any) -> Any:
    import datasets

    frame = run.to_pandas()
    data = datasets.Dataset.from_dict({"text": [str(t) for t in frame["text"]],
                                       "label": [int(v == "pos") for v in frame["label"]]})
    return data.map(lambda rows: tokenizer(rows["text"], truncation=True, max_length=16),
                    batched=True, remove_columns=["text"])


def _args(tmp: Path, **kw: Any) -> Any:
    from transformers import TrainingArguments

    base: dict[str, Any] = dict(output_dir=str(tmp / "hf"), per_device_train_batch_size=8,
                                gradient_accumulation_steps=2, num_train_epochs=2,
                                learning_rate=5e-3, logging_steps=3, report_to=[],
                                save_strategy="no", use_cpu=True, seed=0,
                                disable_tqdm=True)
    base.update(kw)
    return TrainingArguments(**base)


class _Steps:
    """Counts optimizer steps the Trainer begins."""

    def __init__(self) -> None:
        from transformers import TrainerCallback

        outer = self
        self.begun = 0

        class Counter(TrainerCallback):
            def on_step_begin(self, args: Any, state: Any, control: Any, **kw: Any) -> Any:
                outer.begun += 1
                return control

        self.callback = Counter()


def _classifier_trainer(run: Any, tiny_model: Path, tmp: Path, **args_kw: Any) -> Any:
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding

    tokenizer = AutoTokenizer.from_pretrained(str(tiny_model))
    model = AutoModelForSequenceClassification.from_pretrained(str(tiny_model), num_labels=2)
    return PrivateTrainer(run=run, model=model, args=_args(tmp, **args_kw),
                          train_dataset=_dataset(run, tokenizer),
                          data_collator=DataCollatorWithPadding(tokenizer),
                          processing_class=tokenizer, sampling_seed=0)


def _run(package: Path, keys: dict[str, KeyPair], ledger: Ledger, *, epsilon: float = 4.0,
         epochs: float = 2, actions: tuple[str, ...] = ("read", "train", "publish-model")
         ) -> Any:
    return private_run(package, grant=_grant(package, keys, list(actions)), key=keys["partner"],
                       purpose=PURPOSE, ledger=ledger, target_epsilon=epsilon, delta=1e-5,
                       epochs=epochs)


@pytest.mark.slow
def test_a_trainer_script_trains_privately_with_accumulation_as_virtual_steps(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path) -> None:
    import torch

    package = _package(tmp_path, keys)
    ledger = Ledger(tmp_path / "ledger.sqlite")
    run = _run(package, keys, ledger)
    trainer = _classifier_trainer(run, tiny_model, tmp_path)
    before = [p.detach().clone() for p in trainer.model.parameters()]
    trainer.train()
    done = trainer.finish(str(tmp_path / "model"))

    # logical batch 8 x 2 = 16 of 96 rows: rate 1/6, 6 steps an epoch, noise once per step
    assert [(e.sample_rate, e.steps) for e in done.events] == [(16 / 96, 12)]
    assert trainer.state.global_step == 12
    assert not all(torch.equal(a, b) for a, b in zip(before, trainer.model.parameters()))
    logged = [row["epsilon"] for row in trainer.state.log_history if "epsilon" in row]
    assert len(logged) >= 4 and logged == sorted(logged) and logged[0] > 0
    assert logged[-1] == pytest.approx(done.accounting["epsilon"], rel=1e-6)
    assert done.accounting["epsilon"] <= 4.0 * 1.01
    assert ledger.entry(run.run_id).state == "committed"
    report = audit_model_dir(tmp_path / "model", ledger=ledger)
    assert report.passed, [c.to_dict() for c in report.failures]
    assert done.payload is not None
    assert done.payload["mechanism"]["gradient_accumulation_steps"] == 2
    assert done.payload["mechanism"]["clipping_mode"] == "bookkeeping"


@pytest.mark.slow
def test_a_causal_lm_trains_privately_through_the_trainer(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path) -> None:
    from transformers import AutoTokenizer, DataCollatorForLanguageModeling, LlamaConfig, LlamaForCausalLM

    package = _package(tmp_path, keys)
    ledger = Ledger(tmp_path / "ledger.sqlite")
    run = _run(package, keys, ledger, epochs=1)
    tokenizer = AutoTokenizer.from_pretrained(str(tiny_model))
    config = LlamaConfig(vocab_size=tokenizer.vocab_size, hidden_size=16, intermediate_size=32,
                         num_hidden_layers=1, num_attention_heads=2, num_key_value_heads=2,
                         max_position_embeddings=32, tie_word_embeddings=False,
                         pad_token_id=tokenizer.pad_token_id)
    model = LlamaForCausalLM(config)
    data = _dataset(run, tokenizer).remove_columns(["label"])
    trainer = PrivateTrainer(run=run, model=model, train_dataset=data,
                             args=_args(tmp_path, num_train_epochs=1,
                                        gradient_accumulation_steps=1,
                                        per_device_train_batch_size=16),
                             data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False),
                             processing_class=tokenizer, sampling_seed=1, clipping="hooks")
    trainer.train()
    done = trainer.finish(str(tmp_path / "lm"))
    assert sum(e.steps for e in done.events) == trainer.state.global_step == 6
    assert done.payload is not None and done.payload["task"] == "causal-lm"
    assert done.payload["mechanism"]["clipping_mode"] == "hooks"
    report = audit_model_dir(tmp_path / "lm", ledger=ledger)
    assert report.passed, [c.to_dict() for c in report.failures]


def test_a_refused_grant_stops_the_script_before_step_one(
        tmp_path: Path, keys: dict[str, KeyPair]) -> None:
    package = _package(tmp_path, keys)
    ledger = Ledger(tmp_path / "ledger.sqlite")
    with pytest.raises(PolicyDenied) as refused:
        _run(package, keys, ledger, actions=("read",))
    assert any("train" in reason for reason in refused.value.reasons)
    assert ledger.entries() == []


def test_a_budget_refusal_stops_train_before_step_one(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path) -> None:
    package = _package(tmp_path, keys)  # the card's cap is epsilon 8
    ledger = Ledger(tmp_path / "ledger.sqlite")
    trainer = _classifier_trainer(_run(package, keys, ledger, epsilon=20.0), tiny_model,
                                  tmp_path)
    steps = _Steps()
    trainer.add_callback(steps.callback)
    with pytest.raises(BudgetExceeded):
        trainer.train()
    assert steps.begun == 0
    assert ledger.entries() == []


@pytest.mark.parametrize(("settings", "reason"), [
    ({"train_sampling_strategy": "group_by_length"}, "train_sampling_strategy"),
    ({"num_train_epochs": 3}, "num_train_epochs 3 but the run reserved 2"),
    ({"max_steps": 5}, "max_steps 5 is not the run's 2 epochs"),
], ids=["group-by-length", "epochs-mismatch", "max-steps-mismatch"])
def test_settings_that_cannot_be_accounted_for_are_refused_with_the_reason(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path,
        settings: dict[str, Any], reason: str) -> None:
    package = _package(tmp_path, keys)
    ledger = Ledger(tmp_path / "ledger.sqlite")
    trainer = _classifier_trainer(_run(package, keys, ledger), tiny_model, tmp_path,
                                  **settings)
    with pytest.raises(InputError, match=reason):
        trainer.train()
    assert ledger.entries() == []


@pytest.mark.parametrize("mode", ["hooks", "bookkeeping"])
def test_accumulation_micro_batches_give_the_update_of_one_logical_batch(mode: str) -> None:
    """The callback's virtual steps (clip + accumulate, noise once) equal one DP step on
    the whole logical batch -- checked with the noise switched off, for both modes."""
    import torch
    from opacus import GradSampleModule
    from opacus.optimizers import DPOptimizer, DPOptimizerFastGradientClipping

    from dataprotocol.train._bookkeeping import BookkeepingClipper
    from dataprotocol.train._hf_trainer import _DPCallback

    rows, targets = 5 * torch.randn((8, 4)), torch.randint(0, 2, (8,))

    def trained(chunks: list[slice]) -> list[Any]:
        torch.manual_seed(0)
        model = torch.nn.Linear(4, 2)
        kind = DPOptimizer if mode == "hooks" else DPOptimizerFastGradientClipping
        optimizer = kind(torch.optim.SGD(model.parameters(), lr=1.0), noise_multiplier=0.0,
                         max_grad_norm=0.5, expected_batch_size=8, loss_reduction="mean")
        if mode == "hooks":
            module = GradSampleModule(model, batch_first=True, loss_reduction="mean")
        else:
            clipper = BookkeepingClipper(model, max_grad_norm=0.5)
        callback = _DPCallback(type("T", (), {"dp_optimizer": optimizer})())  # type: ignore[arg-type]
        for position, chunk in enumerate(chunks):
            if chunk.stop == chunk.start:  # an empty Poisson micro-batch, as training_step does
                for param in optimizer.params:
                    if mode == "hooks":
                        param.grad_sample = torch.zeros((0, *param.shape))
                    else:
                        param.grad = torch.zeros_like(param)
            elif mode == "hooks":
                torch.nn.functional.cross_entropy(module(rows[chunk]), targets[chunk]).backward()
            else:
                clipper.forward_backward(lambda c=chunk: torch.nn.functional.cross_entropy(
                    model(rows[c]), targets[c], reduction="none"))
            if position < len(chunks) - 1:
                callback.on_substep_end(None, None, None)
        optimizer.step()
        callback.on_step_end(None, None, None)
        return [p.detach().clone() for p in model.parameters()]

    whole = trained([slice(0, 8)])
    for got, want in zip(trained([slice(0, 3), slice(3, 3), slice(3, 8)]), whole):
        assert torch.allclose(got, want, atol=1e-6)
