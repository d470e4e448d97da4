"""CausalLMTask on tiny LLaMA- and GPT-2-style models: which tokens carry loss, exact
book-keeping clipping (tied embeddings, RMSNorm, Conv1D) against a per-example
autograd reference, LoRA that really updates, and epsilon equal to Opacus' own."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch

from dataprotocol.train import DPConfig, DPTrainer
from dataprotocol.train._bookkeeping import BookkeepingClipper
from dataprotocol.train._causal_lm import IGNORE, CausalLMTask
from tests.train.conftest import make_lm_texts

pytestmark = pytest.mark.filterwarnings("ignore:Full backward hook is firing",
                                        "ignore:Using a non-full backward hook")


def _trainer(path: Path, **kw: object) -> DPTrainer:
    base: dict[str, object] = dict(noise_multiplier=1.0, batch_size=8, progress=False, seed=0)
    base.update(kw)
    return DPTrainer(path, config=DPConfig(**base), task=CausalLMTask(),  # type: ignore[arg-type]
                     device="cpu")


def test_prompt_and_padding_tokens_carry_no_loss(tiny_llama: Path) -> None:
    trainer = _trainer(tiny_llama)
    task, tok = trainer.task, trainer.tokenizer
    rows = [("my account number is", "one two three"), "the cat sat on the mat",
            ("the dog", "ran")]
    data = task.encode(tok, rows, None, max_length=32)
    batch = task.collate([data[i] for i in range(len(rows))])
    labels, ids = batch["labels"], batch["input_ids"]
    prompt_len = len(tok("my account number is")["input_ids"])  # with <s>
    # row 0: prompt ignored, response + </s> carried, then padding ignored
    assert (labels[0, :prompt_len] == IGNORE).all()
    assert labels[0, prompt_len:prompt_len + 4].tolist() == \
        tok("one two three", add_special_tokens=False)["input_ids"] + [tok.eos_token_id]
    assert (labels[0, prompt_len + 4:] == IGNORE).all()
    # row 1 (plain text): every real token carried, ending with </s>; padding ignored
    real = batch["attention_mask"][1] == 1
    assert (labels[1][real] == ids[1][real]).all() and labels[1][real][-1] == tok.eos_token_id
    assert (labels[1][~real] == IGNORE).all() and (~real).any()
    assert (labels[2][batch["attention_mask"][2] == 0] == IGNORE).all()

    model = task.load_model(tiny_llama)
    model.eval()
    logits, targets = task.outputs(model, batch)
    losses = task.per_example_loss(logits, targets)
    # changing the logits at positions whose target is ignored changes nothing ...
    noisy = logits.detach().clone()
    noisy[targets == IGNORE] += 100 * torch.randn_like(noisy[targets == IGNORE])
    torch.testing.assert_close(task.per_example_loss(noisy, targets), losses.detach())
    # ... and the gradient w.r.t. them is exactly zero
    leaf = logits.detach().requires_grad_()
    task.per_example_loss(leaf, targets).sum().backward()
    assert leaf.grad is not None and (leaf.grad[targets == IGNORE] == 0).all()
    assert (leaf.grad[targets != IGNORE] != 0).any()
    # a row's loss is the mean over its carried tokens: the same alone as in a padded batch
    alone = task.collate([data[2]])
    alone_loss = task.per_example_loss(*task.outputs(model, alone))
    torch.testing.assert_close(alone_loss[0], losses[2].detach(), rtol=1e-5, atol=1e-6)


def _reference_clipped_sum(task: CausalLMTask, model: torch.nn.Module,
                           batch: dict[str, torch.Tensor], max_grad_norm: float
                           ) -> dict[str, torch.Tensor]:
    """Slow, independent: autograd per row, clip, sum (tied weights sum both uses)."""
    params = {n: p for n, p in model.named_parameters() if p.requires_grad}
    losses = task.per_example_loss(*task.outputs(model, batch))
    total = {n: torch.zeros_like(p) for n, p in params.items()}
    for i in range(losses.shape[0]):
        grads = torch.autograd.grad(losses[i], list(params.values()), retain_graph=True,
                                    allow_unused=True)
        grads = [torch.zeros_like(p) if g is None else g for g, p in zip(grads, params.values())]
        norm = torch.sqrt(sum((g.float() ** 2).sum() for g in grads))
        coef = min(1.0, max_grad_norm / (float(norm) + 1e-6))
        for name, grad in zip(params, grads):
            total[name] += coef * grad
    return total


@pytest.mark.parametrize("kind", ["llama", "gpt2"])
@pytest.mark.parametrize("max_grad_norm", [0.05, 1e4])
def test_bookkeeping_equals_per_row_reference_with_tied_embeddings(
        kind: str, max_grad_norm: float, tiny_llama: Path, tiny_gpt2: Path) -> None:
    path = tiny_llama if kind == "llama" else tiny_gpt2
    trainer = _trainer(path)
    task = trainer.task
    assert isinstance(task, CausalLMTask)
    model = trainer._build_model()
    for module in model.modules():
        if isinstance(module, torch.nn.Dropout):
            module.p = 0.0
    rows = [*make_lm_texts(3, seed=1), ("my account number is", "four five")]
    data = task.encode(trainer.tokenizer, rows, None, max_length=16)
    batch = task.collate([data[i] for i in range(len(rows))])
    clipper = BookkeepingClipper(model, max_grad_norm=max_grad_norm)
    assert clipper.ties, "the tiny models tie input and output embeddings"
    clipper.forward_backward(lambda: task.per_example_loss(*task.outputs(model, batch)))
    clipper.remove()
    fast = {n: p.grad.clone() for n, p in model.named_parameters() if p.requires_grad}
    model.zero_grad(set_to_none=True)
    slow = _reference_clipped_sum(task, model, batch, max_grad_norm)
    assert fast.keys() == slow.keys()
    for name in slow:
        torch.testing.assert_close(fast[name], slow[name], rtol=2e-4, atol=2e-6,
                                   msg=lambda m: f"{name}: {m}")


def test_reused_tied_table_gradient_equals_the_reference_on_the_next_step(
        tiny_llama: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tied (vocab x d) gradient is zeroed and handed out again on the next step
    (_bookkeeping_buffers; tiny tables qualify here): still the per-row reference."""
    from dataprotocol.train import _bookkeeping_buffers

    monkeypatch.setattr(_bookkeeping_buffers, "_REUSE_NUMEL", 0)
    trainer = _trainer(tiny_llama)
    task = trainer.task
    model = trainer._build_model()
    for module in model.modules():
        if isinstance(module, torch.nn.Dropout):
            module.p = 0.0
    batches = []
    for seed in (1, 2):
        rows = make_lm_texts(3, seed=seed)
        data = task.encode(trainer.tokenizer, rows, None, max_length=16)
        batches.append(task.collate([data[i] for i in range(len(rows))]))
    clipper = BookkeepingClipper(model, max_grad_norm=0.05)
    embedding = clipper.ties[0][0]
    for batch in batches:
        model.zero_grad(set_to_none=True)
        clipper.forward_backward(lambda: task.per_example_loss(*task.outputs(model, batch)))
        if batch is batches[0]:
            held = clipper._zeros._held[id(embedding)]
    assert clipper._zeros._held[id(embedding)] is held, "the first step's table was reused"
    clipper.remove()
    fast = {n: p.grad.clone() for n, p in model.named_parameters() if p.requires_grad}
    model.zero_grad(set_to_none=True)
    slow = _reference_clipped_sum(task, model, batches[1], 0.05)
    for name in slow:
        torch.testing.assert_close(fast[name], slow[name], rtol=2e-4, atol=2e-6,
                                   msg=lambda m: f"{name}: {m}")


@pytest.mark.parametrize("kind,mode", [("llama", "hooks"), ("gpt2", "bookkeeping")])
def test_dp_lora_on_a_causal_lm_changes_the_adapter_weights(
        kind: str, mode: str, tiny_llama: Path, tiny_gpt2: Path) -> None:
    path = tiny_llama if kind == "llama" else tiny_gpt2
    targets = ("q_proj", "v_proj") if kind == "llama" else ("c_attn",)
    trainer = _trainer(path, lora=True, clipping=mode, lr=5e-2, epochs=2,
                       lora_target_modules=targets, lora_output="adapter")
    result = trainer.fit(make_lm_texts(32))
    assert result.mechanism["clipping_mode"] == mode and result.mechanism["output"] == "adapter"
    lora_b = [p for n, p in result.model.named_parameters() if "lora_B" in n]
    assert lora_b and all(float(p.abs().max()) > 0 for p in lora_b)  # zero-initialised


def test_ghost_on_tied_embeddings_falls_back_to_bookkeeping_and_says_so(
        tiny_llama: Path) -> None:
    result = _trainer(tiny_llama, clipping="ghost").fit(make_lm_texts(16),
                                                         eval_texts=make_lm_texts(4, seed=9))
    assert result.mechanism["clipping_mode"] == "bookkeeping"
    assert math.isfinite(result.metrics["eval_perplexity"])
    assert result.metrics["eval_perplexity"] == pytest.approx(
        math.exp(result.metrics["eval_loss"]))


@pytest.mark.parametrize("accountant", ["prv", "rdp"])
def test_epsilon_equals_opacus_accountant_for_the_recorded_events(
        tiny_gpt2: Path, accountant: str) -> None:
    from opacus.accountants import PRVAccountant, RDPAccountant

    trainer = _trainer(tiny_gpt2, noise_multiplier=None, target_epsilon=3.0,
                       accountant=accountant, epochs=2)
    result = trainer.fit(make_lm_texts(32))
    (event,) = result.events
    assert event.steps == 2 * math.ceil(32 / 8) and event.sample_rate == 8 / 32
    reference = (PRVAccountant if accountant == "prv" else RDPAccountant)()
    reference.history = [(event.noise_multiplier, event.sample_rate, event.steps)]
    expected = reference.get_epsilon(delta=1e-5)
    assert result.accounting["epsilon"] == pytest.approx(expected, rel=1e-6)
    assert result.accounting["epsilon"] <= 3.0 * (1 + 1e-3)
