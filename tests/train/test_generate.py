"""``dataprotocol generate`` is transformers' greedy generate, for full and adapter-only
model folders; bad input exits 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from dataprotocol.train import load_generator
from dataprotocol.train._causal_lm import load_causal_lm, load_tokenizer


def _reference(model: torch.nn.Module, tokenizer: object, prompt: str, n: int) -> str:
    enc = tokenizer(prompt, return_tensors="pt")  # type: ignore[operator]
    with torch.no_grad():
        ids = model.generate(**enc, max_new_tokens=n, do_sample=False,  # type: ignore[operator]
                             pad_token_id=0)
    return str(tokenizer.decode(ids[0, enc["input_ids"].shape[1]:],  # type: ignore[attr-defined]
                                skip_special_tokens=True))


def test_cli_generate_is_greedy_generate(tiny_llama: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from dataprotocol.cli.main import main

    code = main(["generate", str(tiny_llama), "--prompt", "the cat", "--prompt",
                 "my account number is", "--max-new-tokens", "5", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    model, tok = load_causal_lm(tiny_llama), load_tokenizer(tiny_llama)
    model.eval()
    assert [c["text"] for c in out["completions"]] == [
        _reference(model, tok, "the cat", 5), _reference(model, tok, "my account number is", 5)]
    assert all(c["text"] for c in out["completions"])


def test_an_adapter_only_folder_generates_like_its_merged_model(
        tiny_llama: Path, tmp_path: Path) -> None:
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(0)
    peft_model = get_peft_model(load_causal_lm(tiny_llama),  # type: ignore[arg-type]
                                LoraConfig(r=4, target_modules=["q_proj", "v_proj"]))
    with torch.no_grad():
        for name, param in peft_model.named_parameters():
            if "lora_B" in name:
                param.normal_(0, 0.5)
    peft_model.save_pretrained(str(tmp_path / "adapter"))
    load_tokenizer(tiny_llama).save_pretrained(str(tmp_path / "adapter"))
    merged = peft_model.merge_and_unload()
    merged.eval()
    generator = load_generator(tmp_path / "adapter", device="cpu")
    assert generator.complete(["the dog"], max_new_tokens=6) == [
        _reference(merged, load_tokenizer(tiny_llama), "the dog", 6)]


def test_generate_bad_input_exits_2(tmp_path: Path) -> None:
    from dataprotocol.cli.main import main

    assert main(["generate", str(tmp_path / "absent"), "--prompt", "x"]) == 2
    (tmp_path / "adapter_config.json").write_text('{"base_model_name_or_path": "/nowhere"}')
    assert main(["generate", str(tmp_path), "--prompt", "x"]) == 2
