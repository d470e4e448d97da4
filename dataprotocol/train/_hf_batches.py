"""What a ``transformers.Trainer`` needs to run DP-SGD correctly: Poisson logical batches
cut into the Trainer's gradient-accumulation micro-batches, empty batches that still
collate, and a per-example loss.

Poisson sampling (Abadi et al. 2016; the RDP/PRV amplification analyses assume it) draws
each *logical* batch -- the one the optimizer steps on and the noise is added to -- by
including every example independently with probability ``q``. Gradient accumulation
must not change that: sampling each micro-batch on its own at rate ``q / k`` would make
an example appear twice in one step, which the accountant does not model. So one
Poisson draw per logical step is split into exactly ``k`` micro-batches (the Trainer
counts ``k`` per optimizer step), as Opacus' ``BatchMemoryManager`` splits a logical
batch into physical ones; noise is added once per logical step.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Callable, Iterator
from typing import Any

import torch
from torch import nn

__all__ = ["PoissonMicroBatches", "EmptyAwareCollator", "per_example_losses", "batch_rows",
           "is_causal_lm", "logical_plan"]


class PoissonMicroBatches:
    """A batch sampler: ``steps`` Poisson logical batches, each yielded as ``k`` chunks."""

    def __init__(self, *, num_samples: int, sample_rate: float, steps: int,
                 micro_batches: int, seed: int | None = None) -> None:
        self.num_samples = num_samples
        self.sample_rate = sample_rate
        self.steps = steps
        self.micro_batches = micro_batches
        # The sampling must be unpredictable to whoever knows the code: a seed is for
        # reproducible tests only (the batches are then known to whoever knows it).
        self._seed = seed if seed is not None else secrets.randbits(62)
        self._epoch = 0

    def set_epoch(self, epoch: int) -> None:
        self._epoch = epoch

    def __len__(self) -> int:
        return self.steps * self.micro_batches

    def __iter__(self) -> Iterator[list[int]]:
        generator = torch.Generator().manual_seed(self._seed + self._epoch)
        for _ in range(self.steps):
            mask = torch.rand(self.num_samples, generator=generator) < self.sample_rate
            chosen = mask.nonzero().flatten()
            for chunk in torch.tensor_split(chosen, self.micro_batches):
                yield chunk.tolist()


class EmptyAwareCollator:
    """The user's collator; an empty (Poisson) batch becomes a zero-row batch of the
    right keys and shapes -- collated from one example, then sliced to zero rows."""

    def __init__(self, collate: Callable[[list[Any]], Any], example: Any) -> None:
        self.collate = collate
        self.example = example

    def __call__(self, items: list[Any]) -> Any:
        if items:
            return self.collate(items)
        batch = self.collate([self.example])
        return {key: value[:0] if isinstance(value, torch.Tensor) else value
                for key, value in batch.items()}


def batch_rows(inputs: dict[str, Any]) -> int:
    for value in inputs.values():
        if isinstance(value, torch.Tensor) and value.dim() > 0:
            return int(value.shape[0])
    return 0


def is_causal_lm(model: nn.Module) -> bool:
    from transformers.models.auto.modeling_auto import MODEL_FOR_CAUSAL_LM_MAPPING_NAMES

    base: Any = model
    if hasattr(base, "get_base_model"):  # peft
        base = base.get_base_model()
    return type(base).__name__ in set(MODEL_FOR_CAUSAL_LM_MAPPING_NAMES.values())


def per_example_losses(model: nn.Module, inputs: dict[str, Any], *, accepted: set[str]
                       ) -> torch.Tensor:
    """[B] losses, one per example (the unit DP-SGD clips).

    The model's own ``loss`` averages over every token of the batch, which weights an
    example by its length inside the clipped gradient; a causal LM's per-example loss
    here is the mean over that example's (shifted) target tokens, a classifier's the
    cross-entropy (MSE for one regression output) of its label.
    """
    labels = inputs["labels"]
    kwargs = {k: v for k, v in inputs.items() if k != "labels" and k in accepted}
    ids = kwargs.get("input_ids")
    if isinstance(ids, torch.Tensor) and ids.dim() == 2:
        # Opacus computes per-example gradients of position / token-type embeddings only
        # from per-example [B, T] inputs, not the [1, T] buffer BERT broadcasts.
        rows, length = ids.shape
        if "position_ids" in accepted and "position_ids" not in kwargs:
            kwargs["position_ids"] = torch.arange(length, device=ids.device).expand(
                rows, length).contiguous()
        if "token_type_ids" in accepted and "token_type_ids" not in kwargs:
            kwargs["token_type_ids"] = torch.zeros_like(ids)
    logits = model(**kwargs).logits.float()
    if logits.dim() == 3:
        if is_causal_lm(model):
            logits, labels = logits[:, :-1], labels[:, 1:]
        tokens = nn.functional.cross_entropy(logits.transpose(1, 2), labels,
                                             ignore_index=-100, reduction="none")
        mask = (labels != -100).to(tokens.dtype)
        return (tokens * mask).sum(1) / mask.sum(1).clamp(min=1.0)
    if logits.shape[-1] == 1:
        return nn.functional.mse_loss(logits.squeeze(-1), labels.float(), reduction="none")
    return nn.functional.cross_entropy(logits, labels, reduction="none")


def logical_plan(*, dataset_size: int, per_device_batch: int, accumulation: int,
                 epochs: float, max_steps: int) -> tuple[float, int, int]:
    """(sample rate, steps per epoch, total steps) for a Trainer's arguments."""
    logical = per_device_batch * accumulation
    steps_per_epoch = math.ceil(dataset_size / logical)
    total = max_steps if max_steps > 0 else math.ceil(epochs * steps_per_epoch)
    return logical / dataset_size, steps_per_epoch, total
