"""Text generation from a (DP-fine-tuned) causal LM directory: a thin layer over
transformers' ``generate``, which also loads adapter-only (PEFT) releases."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dataprotocol.errors import InputError

__all__ = ["load_generator", "generate", "Generator"]


class Generator:
    """A loaded model + tokenizer; :meth:`complete` continues prompts."""

    def __init__(self, model: Any, tokenizer: Any, *, device: Any) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.device = device

    def complete(self, prompts: Sequence[str], *, max_new_tokens: int = 64,
                 temperature: float = 0.0, top_p: float = 1.0, seed: int | None = None,
                 batch_size: int = 16) -> list[str]:
        """One continuation per prompt (the new text only). ``temperature`` 0 = greedy."""
        import torch

        if max_new_tokens < 1:
            raise InputError("max_new_tokens must be >= 1", field="max_new_tokens")
        if temperature < 0 or not 0 < top_p <= 1:
            raise InputError("need temperature >= 0 and 0 < top_p <= 1", field="temperature")
        if seed is not None:
            torch.manual_seed(seed)
        tok = self.tokenizer
        tok.padding_side = "left"  # decoder-only models continue from the right end
        pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
        options: dict[str, Any] = {"max_new_tokens": max_new_tokens, "pad_token_id": pad,
                                   "do_sample": temperature > 0}
        if temperature > 0:
            options.update(temperature=temperature, top_p=top_p, top_k=0)
        out: list[str] = []
        for start in range(0, len(prompts), batch_size):
            chunk = list(prompts[start:start + batch_size])
            if tok.pad_token_id is None:
                tok.pad_token = tok.eos_token
            enc = tok(chunk, return_tensors="pt", padding=True).to(self.device)
            with torch.no_grad():
                ids = self.model.generate(**enc, **options)
            new = ids[:, enc["input_ids"].shape[1]:]
            out += [tok.decode(row, skip_special_tokens=True) for row in new]
        return out


def load_generator(model_dir: str | Path, *, device: str = "auto") -> Generator:
    """Load a model directory written by ``dataprotocol train --task causal-lm`` (full or
    merged weights, or a LoRA adapter on a local base model), or any causal LM folder."""
    from dataprotocol.train._bundled import resolve_model_path
    from dataprotocol.train._causal_lm import load_causal_lm, load_tokenizer
    from dataprotocol.train._trainer import pick_device

    path = resolve_model_path(model_dir)
    if not path.is_dir():
        raise InputError("model directory not found", file=path, expected="a folder")
    adapter = path / "adapter_config.json"
    if adapter.is_file():
        from peft import PeftModel

        try:
            base_path = Path(json.loads(adapter.read_text(encoding="utf-8"))
                             ["base_model_name_or_path"])
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError("adapter_config.json names no base model", file=adapter,
                             field="base_model_name_or_path") from exc
        if not base_path.is_dir():
            raise InputError("the adapter's base model is not on this machine", file=adapter,
                             field="base_model_name_or_path", expected="a local folder")
        model: Any = PeftModel.from_pretrained(load_causal_lm(base_path), str(path))
    else:
        model = load_causal_lm(path)
    torch_device = pick_device(device)
    model.to(torch_device)
    model.eval()
    return Generator(model, load_tokenizer(path), device=torch_device)


def generate(model_dir: str | Path, prompts: Sequence[str], *, max_new_tokens: int = 64,
             temperature: float = 0.0, seed: int | None = None, device: str = "auto"
             ) -> list[str]:
    """Continue each prompt with the model in ``model_dir`` (greedy unless temperature > 0)."""
    generator = load_generator(model_dir, device=device)
    return generator.complete(prompts, max_new_tokens=max_new_tokens,
                              temperature=temperature, seed=seed)
