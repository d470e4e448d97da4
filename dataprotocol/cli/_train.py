"""``dataprotocol train``: DP-SGD fine-tuning on a granted package."""

from __future__ import annotations

from pathlib import Path

import typer

from dataprotocol.cli._common import console, current_argv, emit_json, passphrase_from_env


def train(
    package: str = typer.Argument(..., help="Data package directory (contains manifest.json)."),
    grant: Path = typer.Option(..., "--grant", help="Signed grant file allowing action 'train'."),
    key: Path = typer.Option(..., "--key", help="Your private key file (the grantee; signs the card)."),
    purpose: str = typer.Option(..., "--purpose", help="Purpose of the run (must be granted)."),
    model: Path = typer.Option(..., "--model", help="Local checkpoint directory (safetensors or GGUF): AutoModelForSequenceClassification, or AutoModelForCausalLM with --task causal-lm; or a bundled model name (smollm2-135m-instruct)."),
    base_model_id: str | None = typer.Option(
        None, "--base-model-id", help="The base model's Hugging Face Hub id for the card's base_model "
        "(default: known for bundled models, else the checkpoint's _name_or_path when it is one)."),
    task: str = typer.Option("sequence-classification", "--task", help="sequence-classification | causal-lm (next-token loss; prompt tokens and padding carry none)."),
    text_column: str | None = typer.Option(None, "--text-column", help="Column holding the input text (causal-lm: the whole row is the target)."),
    label_column: str | None = typer.Option(None, "--label-column", help="Column holding the label (classification)."),
    prompt_column: str | None = typer.Option(None, "--prompt-column", help="causal-lm instruction rows: the prompt column (carries no loss)."),
    response_column: str | None = typer.Option(None, "--response-column", help="causal-lm instruction rows: the response column (the loss covers only it)."),
    out: Path = typer.Option(..., "--out", help="Model directory to write (weights, tokenizer, README.md, privacy.json)."),
    target_epsilon: float = typer.Option(..., "--target-epsilon", help="Epsilon this run may spend; the noise is calibrated to it."),
    delta: float = typer.Option(1e-5, "--delta", help="Delta of the (epsilon, delta) guarantee."),
    epochs: int = typer.Option(1, "--epochs", help="Passes over the data (in expectation, with Poisson sampling)."),
    batch_size: int = typer.Option(32, "--batch-size", help="Logical (expected) batch size."),
    max_physical_batch: int | None = typer.Option(None, "--max-physical-batch", help="Largest batch in memory; larger logical batches are split."),
    max_grad_norm: float = typer.Option(1.0, "--max-grad-norm", help="Per-example clipping norm C."),
    lr: float = typer.Option(5e-4, "--lr", help="Learning rate (AdamW)."),
    max_length: int = typer.Option(128, "--max-length", help="Maximum tokens per text."),
    clipping: str = typer.Option("auto", "--clipping", help="auto | ghost | hooks | bookkeeping."),
    lora: bool = typer.Option(False, "--lora", help="Train LoRA adapters (peft) instead of all weights."),
    lora_output: str = typer.Option("merged", "--lora-output", help="With --lora: 'merged' (full weights, adapters merged in) or 'adapter' (adapter weights only; the card says which)."),
    no_poisson: bool = typer.Option(False, "--no-poisson", help="Shuffle instead of Poisson sampling (recorded; no amplification)."),
    ledger: str | None = typer.Option(None, "--ledger", envvar="DATAPROTOCOL_LEDGER", help="Where the dataset's ledger is, if not at the location the manifest pins (SQLite path, sqlite:/// or postgresql:// URL). It must be the pinned ledger: any other is refused; none is ever created."),
    allow_stale_revocations: bool = typer.Option(False, "--allow-stale-revocations", help="UNSAFE: train although the publisher's revocation list is missing or out of date (logged; recorded in privacy.json)."),
    audit_canaries: int = typer.Option(0, "--audit-canaries", help="Insert N canaries and record an empirical audit (classifier: one-run Steinke-Nasr-Jagielski; causal-lm: Secret Sharer exposure)."),
    canary_repeats: int = typer.Option(1, "--canary-repeats", help="causal-lm: times each canary is inserted."),
    canary_candidates: int = typer.Option(1000, "--canary-candidates", help="causal-lm: random secrets each canary is ranked among (exposure measurable up to log2 of this + 1 bits)."),
    checkpoint_dir: Path | None = typer.Option(None, "--checkpoint-dir", help="Checkpoint each epoch here; an existing checkpoint is resumed (same run id)."),
    privacy_unit: str | None = typer.Option(None, "--privacy-unit", help="User-level DP over this column (e.g. patient_id): sample and clip per unit."),
    seed: int | None = typer.Option(None, "--seed", help="Seed for sampling and noise (testing only; omit for releases)."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing model directory."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show the progress bar."),
    nproc: int = typer.Option(1, "--nproc", help="Train on N processes (launches torchrun; Opacus DPDDP, gloo on CPU, NCCL on GPU); --batch-size stays the global logical batch."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Fine-tune a model on a granted package with DP-SGD and write a signed privacy card.

    Refused before step one (exit 1, nothing spent) unless the publisher's current
    revocation list does not revoke the grant, the policy allows action 'train' for the
    purpose, the label column has a public label set in the dataset card (categories),
    and the dataset's own ledger (pinned by the manifest) holds the planned run's budget.
    """
    from dataprotocol.keys import load_keypair
    from dataprotocol.train import DPConfig, launch_distributed, train_on_package

    launched = launch_distributed(current_argv(), nproc=nproc)
    if launched is not None:  # the torchrun children did the work and reported it
        raise typer.Exit(launched)

    config = DPConfig(target_epsilon=target_epsilon, delta=delta, epochs=epochs,
                      batch_size=batch_size, max_physical_batch=max_physical_batch,
                      max_grad_norm=max_grad_norm, lr=lr, max_length=max_length,
                      clipping=clipping, lora=lora, poisson=not no_poisson,  # type: ignore[arg-type]
                      lora_output=lora_output,  # type: ignore[arg-type]
                      seed=seed, progress=progress and not as_json)
    keypair = load_keypair(key, passphrase=passphrase_from_env())
    trained = train_on_package(package, grant=grant, key=keypair, purpose=purpose,
                               model_path=model, text_column=text_column,
                               label_column=label_column, config=config, out=out,
                               ledger=ledger, audit_canaries=audit_canaries,
                               canary_repeats=canary_repeats,
                               canary_candidates=canary_candidates,
                               checkpoint_dir=checkpoint_dir, overwrite=overwrite, task=task,
                               prompt_column=prompt_column, response_column=response_column,
                               privacy_unit=privacy_unit, base_model_id=base_model_id,
                               unsafe_allow_stale_revocations=allow_stale_revocations)
    payload = trained.payload
    if not payload:  # a non-zero rank of a distributed run: rank 0 reports
        return
    if as_json:
        emit_json({"model_dir": str(trained.model_dir), "run_id": trained.run_id,
                   "accounting": payload["accounting"], "mechanism": payload["mechanism"],
                   "ledger": payload["ledger"], "metrics": payload["metrics"],
                   "empirical_audit": payload["empirical_audit"],
                   "canary_exposure": payload.get("canary_exposure")})
        return
    acc, ledger_info = payload["accounting"], payload["ledger"]
    console.print(f"[bold]trained[/] {trained.model_dir}  run {trained.run_id}")
    console.print(f"  ε = {acc['epsilon']:.3f} (δ = {acc['delta']:g}, {acc['accountant']}); "
                  f"dataset cumulative ε = {ledger_info['cumulative_epsilon']:.3f} of "
                  f"{ledger_info['epsilon_cap']:g}")
    if "eval_accuracy" in payload["metrics"]:
        console.print(f"  held-out accuracy {payload['metrics']['eval_accuracy']:.3f}")
    if "eval_perplexity" in payload["metrics"]:
        console.print(f"  held-out perplexity {payload['metrics']['eval_perplexity']:.3f}")


def register(app: typer.Typer) -> None:
    """Attach this layer's commands to the root app."""
    app.command("train")(train)
    from dataprotocol.cli import _generate

    _generate.register(app)  # generate / synthesize: what a trained causal LM is for
