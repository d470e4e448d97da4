"""``dataprotocol generate`` and ``dataprotocol synthesize``: text out of a causal LM."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from dataprotocol.cli._common import console, emit_json


def generate(
    model_dir: Path = typer.Argument(..., help="Causal LM directory (written by 'train --task causal-lm', or any local AutoModelForCausalLM folder)."),
    prompt: list[str] = typer.Option(..., "--prompt", help="Prompt to continue (repeat for several)."),
    max_new_tokens: int = typer.Option(64, "--max-new-tokens", help="Most tokens to generate per prompt."),
    temperature: float = typer.Option(0.0, "--temperature", help="0 = greedy decoding; > 0 samples."),
    seed: int | None = typer.Option(None, "--seed", help="Seed for sampling (reproducible output)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Continue prompts with a causal LM (a thin wrapper over transformers' generate)."""
    from dataprotocol.train import generate as run_generate

    texts = run_generate(model_dir, prompt, max_new_tokens=max_new_tokens,
                         temperature=temperature, seed=seed)
    if as_json:
        emit_json({"model_dir": str(model_dir),
                   "completions": [{"prompt": p, "text": t} for p, t in zip(prompt, texts)]})
        return
    for p, t in zip(prompt, texts):
        console.print(f"[bold]{escape(p)}[/]{escape(t)}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("generate")(generate)
