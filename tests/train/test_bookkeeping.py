"""Book-keeping clipping == the slow reference: Opacus hooks' per-example gradients,
clipped and summed by hand, on a tiny BERT (full fine-tuning and LoRA)."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from dataprotocol.train import DPConfig, DPTrainer
from dataprotocol.train._bookkeeping import BookkeepingClipper
from tests.train.conftest import make_texts

pytestmark = pytest.mark.filterwarnings("ignore:Full backward hook is firing")


def _model_and_batch(tiny_model: Path, *, lora: bool, size: int, seed: int
                     ) -> tuple[DPTrainer, torch.nn.Module, dict[str, torch.Tensor]]:
    cfg = DPConfig(noise_multiplier=1.0, lora=lora, progress=False)
    trainer = DPTrainer(tiny_model, num_labels=2, config=cfg, device="cpu")
    torch.manual_seed(seed)
    model = trainer._build_model()
    for module in model.modules():  # deterministic forward for both passes
        if isinstance(module, torch.nn.Dropout):
            module.p = 0.0
    if lora:  # give LoRA B non-zero values so every adapter gradient is non-trivial
        with torch.no_grad():
            for name, param in model.named_parameters():
                if "lora_B" in name:
                    param.normal_(0, 0.1)
    texts, labels = make_texts(size, seed=seed)
    data = trainer.task.encode(trainer.tokenizer, texts, labels, max_length=16)
    batch = trainer.task.collate([data[i] for i in range(size)])
    return trainer, model, batch


def _reference(trainer: DPTrainer, model: torch.nn.Module, batch: dict[str, torch.Tensor],
               max_grad_norm: float) -> dict[str, torch.Tensor]:
    from opacus.grad_sample import GradSampleModule

    gsm = GradSampleModule(model, batch_first=True, loss_reduction="sum")
    logits, targets = trainer.task.outputs(gsm, batch)
    trainer.task.per_example_loss(logits, targets).sum().backward()
    named = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    flat = torch.stack([p.grad_sample.reshape(len(targets), -1).norm(dim=1) for _, p in named])
    coef = (max_grad_norm / (flat.norm(dim=0) + 1e-6)).clamp(max=1.0)
    out = {n: torch.einsum("n,n...->...", coef, p.grad_sample) for n, p in named}
    gsm._close()
    return out


def _bookkept(trainer: DPTrainer, model: torch.nn.Module, batch: dict[str, torch.Tensor],
              max_grad_norm: float) -> dict[str, torch.Tensor]:
    clipper = BookkeepingClipper(model, max_grad_norm=max_grad_norm)
    clipper.forward_backward(lambda: trainer.task.per_example_loss(
        *trainer.task.outputs(model, batch)))
    clipper.remove()
    return {n: p.grad.clone() for n, p in model.named_parameters() if p.requires_grad}


@pytest.mark.parametrize("lora", [False, True])
@pytest.mark.parametrize("max_grad_norm", [0.05, 1e4])
def test_bookkeeping_clipped_sum_equals_per_example_reference(
        tiny_model: Path, lora: bool, max_grad_norm: float) -> None:
    trainer, model, batch = _model_and_batch(tiny_model, lora=lora, size=6, seed=0)
    fast = _bookkept(trainer, model, batch, max_grad_norm)
    model.zero_grad(set_to_none=True)
    slow = _reference(trainer, model, batch, max_grad_norm)
    assert fast.keys() == slow.keys() and fast
    for name in slow:
        torch.testing.assert_close(fast[name], slow[name], rtol=1e-4, atol=1e-6,
                                   msg=lambda m: f"{name}: {m}")


@settings(max_examples=4, deadline=None)
@given(size=st.integers(1, 7), seed=st.integers(0, 1000),
       max_grad_norm=st.floats(0.01, 10.0))
def test_bookkeeping_matches_reference_for_any_batch(tiny_model: Path, size: int, seed: int,
                                                     max_grad_norm: float) -> None:
    trainer, model, batch = _model_and_batch(tiny_model, lora=False, size=size, seed=seed)
    fast = _bookkept(trainer, model, batch, max_grad_norm)
    model.zero_grad(set_to_none=True)
    slow = _reference(trainer, model, batch, max_grad_norm)
    for name in slow:
        torch.testing.assert_close(fast[name], slow[name], rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("max_grad_norm", [0.05, 1e4])
def test_norms_gathered_during_backward_equal_opacus_per_example_norms(
        tiny_model: Path, max_grad_norm: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """The [B] norms are summed in the backward hooks; a layer on the per-example rule
    has already dropped its activation and backprop when the backward returns."""
    from opacus.grad_sample import GradSampleModule

    trainer, model, batch = _model_and_batch(tiny_model, lora=False, size=5, seed=3)
    clipper = BookkeepingClipper(model, max_grad_norm=max_grad_norm)
    kept: dict[str, tuple[bool, bool]] = {}
    names = {id(m): n for n, m in model.named_modules()}
    original = clipper._clip_and_sum

    def spy(*, batch_size: int) -> None:
        for key, record in clipper._records.items():
            kept[names[key]] = (record.activation is not None, record.per_example is not None)
        original(batch_size=batch_size)

    monkeypatch.setattr(clipper, "_clip_and_sum", spy)
    clipper.forward_backward(lambda: trainer.task.per_example_loss(
        *trainer.task.outputs(model, batch)))
    clipper.remove()
    assert clipper.last_norms is not None and not clipper._records
    per_example_rule = [n for n, (act, per) in kept.items() if per]
    assert per_example_rule, "the tiny BERT has layers on the per-example rule"
    assert all(not kept[n][0] for n in per_example_rule)
    assert any(act for act, _ in kept.values()), "ghost-norm layers keep a and g"
    model.zero_grad(set_to_none=True)
    gsm = GradSampleModule(model, batch_first=True, loss_reduction="sum")
    logits, targets = trainer.task.outputs(gsm, batch)
    trainer.task.per_example_loss(logits, targets).sum().backward()
    flat = torch.stack([p.grad_sample.reshape(len(targets), -1).norm(dim=1)
                        for p in model.parameters() if p.requires_grad])
    gsm._close()
    torch.testing.assert_close(clipper.last_norms, flat.norm(dim=0), rtol=1e-4, atol=1e-6)


class _SummedLinears(torch.nn.Module):
    """Two Linear layers whose outputs are added: autograd hands both the SAME output
    gradient tensor, which the clipped sum must not scale in place for one of them."""

    def __init__(self) -> None:
        super().__init__()
        self.left = torch.nn.Linear(8, 6)
        self.right = torch.nn.Linear(8, 6)
        self.own = torch.nn.Linear(8, 6)  # its backprop is its own: scaled in place
        self.norm = torch.nn.LayerNorm(6)
        self.head = torch.nn.Linear(6, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        hidden = self.norm(self.left(x) + self.right(x)) * torch.tanh(self.own(x))
        return self.head(hidden).sum(1)


@pytest.mark.parametrize("max_grad_norm", [0.05, 1e4])
def test_layers_sharing_one_output_gradient_match_the_reference(max_grad_norm: float) -> None:
    from opacus.grad_sample import GradSampleModule

    from dataprotocol.train._bookkeeping_norms import _linear_ghost_cheaper

    torch.manual_seed(0)
    model = _SummedLinears()
    x, y = torch.randn(5, 3, 8), torch.randn(5, 2)
    assert _linear_ghost_cheaper(model.left, torch.zeros(5, 3, 6)), "ghost rule, 3-D input"

    def losses(module: torch.nn.Module) -> torch.Tensor:
        return (module(x) - y).square().sum(1)

    clipper = BookkeepingClipper(model, max_grad_norm=max_grad_norm)
    clipper.forward_backward(lambda: losses(model))
    clipper.remove()
    fast = {n: p.grad.clone() for n, p in model.named_parameters()}
    model.zero_grad(set_to_none=True)
    gsm = GradSampleModule(model, batch_first=True, loss_reduction="sum")
    losses(gsm).sum().backward()
    named = list(model.named_parameters())
    flat = torch.stack([p.grad_sample.reshape(5, -1).norm(dim=1) for _, p in named])
    coef = (max_grad_norm / (flat.norm(dim=0) + 1e-6)).clamp(max=1.0)
    assert max_grad_norm > 1 or float(coef.max()) < 1, "clipping is active"
    for name, param in named:
        torch.testing.assert_close(fast[name], torch.einsum("n,n...->...", coef,
                                                            param.grad_sample),
                                   rtol=1e-4, atol=1e-6, msg=lambda m: f"{name}: {m}")
    gsm._close()


def test_reused_embedding_gradient_is_correct_and_never_overwrites_a_held_one(
        tiny_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The clipper zeroes and hands out again an embedding gradient whose storage nobody
    else holds (_bookkeeping_buffers; tiny tables qualify here): the second step's
    gradients equal a fresh clipper's, the storage is reused once released, and a
    gradient a caller kept is left as it was and not reused."""
    from dataprotocol.train import _bookkeeping_buffers

    monkeypatch.setattr(_bookkeeping_buffers, "_REUSE_NUMEL", 0)
    trainer, model, batch = _model_and_batch(tiny_model, lora=False, size=5, seed=1)
    _, _, other = _model_and_batch(tiny_model, lora=False, size=5, seed=2)
    table = model.get_input_embeddings().weight
    clipper = BookkeepingClipper(model, max_grad_norm=0.1)

    def step(inputs: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
        model.zero_grad(set_to_none=True)
        clipper.forward_backward(lambda: trainer.task.per_example_loss(
            *trainer.task.outputs(model, inputs)))
        return {n: p.grad for n, p in model.named_parameters() if p.requires_grad}

    embedding = model.get_input_embeddings()
    first = step(batch)
    held = clipper._zeros._held[id(embedding)]
    kept = first["bert.embeddings.word_embeddings.weight"]
    kept_copy = kept.clone()
    del first
    second = step(other)  # the caller still holds `kept`: a fresh table, `kept` untouched
    assert clipper._zeros._held[id(embedding)] is not held
    assert second["bert.embeddings.word_embeddings.weight"].data_ptr() != kept.data_ptr()
    assert torch.equal(kept, kept_copy)
    held = clipper._zeros._held[id(embedding)]
    del second, kept
    third = step(other)  # nothing holds the table's gradient now: its storage is reused
    assert clipper._zeros._held[id(embedding)] is held
    assert table.grad.data_ptr() == held.data_ptr()
    clipper.remove()
    model.zero_grad(set_to_none=True)
    fresh = _bookkept(trainer, model, other, 0.1)
    for name, grad in fresh.items():
        torch.testing.assert_close(third[name], grad, rtol=1e-5, atol=1e-7,
                                   msg=lambda m: f"{name}: {m}")
