"""The task layer: what a model reads and how its per-example loss is computed.

DP-SGD needs the loss *per example* (the unit of privacy), so a task says how to turn
texts into per-example tensors, how to batch them, and how to get (logits, targets)
whose criterion can be reduced per example. Sequence classification is implemented;
causal-LM fine-tuning fits the same protocol (targets = shifted input ids, the
per-example loss averages over tokens -- Opacus' ``shape=`` argument of the ghost
criterion exists for exactly that).
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import torch
from torch import nn
from torch.utils.data import Dataset

__all__ = ["Task", "SequenceClassificationTask", "EncodedDataset", "accepted_arguments"]

Batch = dict[str, torch.Tensor]


class EncodedDataset(Dataset[dict[str, torch.Tensor]]):
    """Per-example tensors (unpadded input ids and a label)."""

    def __init__(self, items: list[dict[str, torch.Tensor]]) -> None:
        self.items = items

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> dict[str, torch.Tensor]:
        return self.items[index]


class Task(Protocol):
    """A fine-tuning task: tokenization, batching, and a per-example loss."""

    name: str
    #: whether rows carry a class label (classification) or not (language modelling)
    labelled: bool
    #: peft's TaskType name for LoRA on this task
    peft_task_type: str
    #: the model card's Hub ``pipeline_tag``
    pipeline_tag: str

    def load_model(self, model_path: str | Path, *, num_labels: int) -> nn.Module: ...

    def encode(self, tokenizer: Any, texts: Sequence[Any], labels: Sequence[int] | None,
               *, max_length: int) -> EncodedDataset: ...

    def collate(self, items: list[dict[str, torch.Tensor]]) -> Batch: ...

    def outputs(self, model: nn.Module, batch: Batch) -> tuple[torch.Tensor, torch.Tensor]: ...

    def criterion(self) -> nn.Module: ...

    def per_example_loss(self, logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor: ...


class SequenceClassificationTask:
    """``AutoModelForSequenceClassification`` with cross-entropy on one label per text."""

    name = "sequence-classification"
    labelled = True
    peft_task_type = "SEQ_CLS"
    pipeline_tag = "text-classification"

    def __init__(self, *, pad_token_id: int = 0) -> None:
        self.pad_token_id = pad_token_id
        self._accepts: set[str] | None = None

    def load_model(self, model_path: str | Path, *, num_labels: int) -> nn.Module:
        from transformers import AutoModelForSequenceClassification
        from transformers.utils import logging as hf_logging

        # A fresh classification head is expected, not news: keep transformers' load
        # report and weight-loading bar off the user's terminal.
        verbosity = hf_logging.get_verbosity()
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        try:
            # Offline and safetensors only: no hub access, no pickle-based weights.
            model = AutoModelForSequenceClassification.from_pretrained(
                str(model_path), num_labels=num_labels, local_files_only=True,
                use_safetensors=True)
        finally:
            hf_logging.set_verbosity(verbosity)
            hf_logging.enable_progress_bar()
        return model  # type: ignore[no-any-return]

    def encode(self, tokenizer: Any, texts: Sequence[str], labels: Sequence[int] | None,
               *, max_length: int) -> EncodedDataset:
        encoded = tokenizer(list(texts), truncation=True, max_length=max_length,
                            padding=False)
        items = []
        for index, ids in enumerate(encoded["input_ids"]):
            item = {"input_ids": torch.tensor(ids, dtype=torch.long)}
            item["labels"] = torch.tensor(int(labels[index]) if labels is not None else -1)
            items.append(item)
        return EncodedDataset(items)

    def collate(self, items: list[dict[str, torch.Tensor]]) -> Batch:
        """Pad to the longest example of the batch; per-example ids of shape [B, T].

        BERT-family models broadcast a [1, T] ``position_ids`` / ``token_type_ids``
        buffer over the batch; Opacus then computes per-sample gradients of the wrong
        shape for those embeddings (and ghost clipping needs them contiguous), so we
        always pass explicit, contiguous [B, T] tensors.
        """
        size = len(items)
        length = max((len(item["input_ids"]) for item in items), default=1)
        input_ids = torch.full((size, length), self.pad_token_id, dtype=torch.long)
        attention = torch.zeros((size, length), dtype=torch.long)
        for row, item in enumerate(items):
            ids = item["input_ids"]
            input_ids[row, : len(ids)] = ids
            attention[row, : len(ids)] = 1
        labels = torch.stack([item["labels"] for item in items]) if items else \
            torch.zeros(0, dtype=torch.long)
        return {
            "input_ids": input_ids,
            "attention_mask": attention,
            "position_ids": torch.arange(length).expand(size, length).contiguous(),
            "token_type_ids": torch.zeros((size, length), dtype=torch.long),
            "labels": labels,
        }

    def outputs(self, model: nn.Module, batch: Batch) -> tuple[torch.Tensor, torch.Tensor]:
        if self._accepts is None:
            self._accepts = accepted_arguments(model)
        accepted = self._accepts
        kwargs = {k: v for k, v in batch.items() if k != "labels" and k in accepted}
        logits = model(**kwargs).logits
        return logits, batch["labels"]

    def criterion(self) -> nn.Module:
        return nn.CrossEntropyLoss(reduction="mean")

    def per_example_loss(self, logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        return nn.functional.cross_entropy(logits.float(), targets, reduction="none")


def accepted_arguments(model: nn.Module) -> set[str]:
    """Names the underlying transformers model's ``forward`` takes (GPT-2 has no
    ``token_type_ids`` use, DistilBERT no ``position_ids``...)."""
    base: Any = model
    while True:  # Opacus' GradSampleModule (_module) and DPDDP (module) wrappers
        inner = getattr(base, "_module", None)
        if inner is None and type(base).__name__ == "DifferentiallyPrivateDistributedDataParallel":
            inner = base.module
        if inner is None:
            break
        base = inner
    if hasattr(base, "get_base_model"):  # a peft model: ask the transformers model
        base = base.get_base_model()
    return set(inspect.signature(base.forward).parameters)
