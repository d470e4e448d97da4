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


def synthesize(
    model_dir: Path = typer.Argument(..., help="DP-fine-tuned causal LM directory (its signed privacy.json must pass budget audit)."),
    rows: int = typer.Option(..., "--rows", help="Number of synthetic rows to sample."),
    out: Path = typer.Option(..., "--out", help="Parquet file to write; its signed provenance goes next to it (.provenance.json)."),
    key: Path = typer.Option(..., "--key", help="Your private key file (signs the provenance record)."),
    prompt_template: list[str] = typer.Option([], "--prompt-template", help="Prompt for each row (repeat for several, used in turn); may use only {i}, the row number, and with --source-package the card's category columns. Never private text."),
    max_new_tokens: int = typer.Option(128, "--max-new-tokens", help="Most tokens per sampled row."),
    temperature: float = typer.Option(1.0, "--temperature", help="Sampling temperature (> 0)."),
    seed: int | None = typer.Option(None, "--seed", help="Seed for sampling (testing only)."),
    ledger: Path | None = typer.Option(None, "--ledger", help="The dataset's ledger, to check the model's run against it before sampling."),
    source_package: str | None = typer.Option(None, "--source-package", help="The package the model was trained on: only its signed public card is read, so templates may name its category columns ({topic}); without --prompt-template a default template is derived from them."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing table and provenance."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Sample a synthetic table from a DP model; scrub it; sign its provenance.

    Refused (exit 1) for a model without a DP card or whose card fails audit.
    """
    from dataprotocol.cli._common import passphrase_from_env
    from dataprotocol.keys import load_keypair
    from dataprotocol.train import synthesize as run_synthesize

    book = None
    if ledger is not None:
        from dataprotocol.budget import Ledger

        book = Ledger(ledger)
    table = run_synthesize(model_dir, rows=rows, out=out,
                           key=load_keypair(key, passphrase=passphrase_from_env()),
                           prompt_templates=prompt_template, max_new_tokens=max_new_tokens,
                           temperature=temperature, seed=seed, ledger=book, overwrite=overwrite,
                           source_package=source_package)
    record = table.record
    if as_json:
        emit_json({"table": str(table.table), "provenance": str(table.provenance),
                   **record.to_dict()})
        return
    console.print(f"[bold]wrote[/] {escape(str(table.table))} ({record.rows} rows) and "
                  f"{escape(str(table.provenance))}", highlight=False)
    console.print(f"  inherits (ε = {record.epsilon:.3f}, δ = {record.delta:g}) of run "
                  f"{record.model_run_id} by post-processing; scrubbed: "
                  f"{sum(record.scrub['entities'].values())} entities replaced", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("generate")(generate)
    app.command("synthesize")(synthesize)
