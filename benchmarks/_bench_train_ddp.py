"""``bench_train.py --nproc N``: DP-SGD per-step wall time on N processes (torchrun,
Opacus DPDDP, gloo/NCCL) against 1 process, at the same global logical batch.

The 1-process figure runs the same code with world size 1 (batch B on one process);
the N-process figure runs it under ``torch.distributed.run`` (B/N examples per rank,
noise on rank 0, all-reduce of the noisy sums). Wall time per step (median), each
process with ``--threads`` torch threads; rank 0 reports. Ratio < 1 is a speed-up.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def ddp_worker(args: argparse.Namespace) -> None:
    """One rank (or the single process): time ``args.steps`` steps, rank 0 writes JSON."""
    import torch

    sys.path.insert(0, str(ROOT))
    from bench_train import _model_path  # type: ignore[import-not-found]

    from dataprotocol.train import DPConfig, DPTrainer
    from dataprotocol.train._distributed import init_world
    from dataprotocol.train._private import make_private_step
    from dataprotocol.train._trainer import _replica

    torch.set_num_threads(args.threads)
    world = init_world(args.device)
    torch.manual_seed(0)
    trainer = DPTrainer(_model_path(args.model), num_labels=2, device=args.device,
                        config=DPConfig(noise_multiplier=1.0, progress=False))
    model = trainer._build_model()
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-4)
    local = args.batch // world.size
    step, used = make_private_step(
        _replica(model, world), optimizer, mode=args.clipping, noise_multiplier=1.0,
        max_grad_norm=1.0, expected_batch_size=local, secure_mode=False, generator=None,
        per_example_loss=trainer.task.per_example_loss, distributed=world.distributed)
    ids = torch.randint(1000, int(trainer.tokenizer.vocab_size), (local, args.seq))
    batch = {"input_ids": ids, "attention_mask": torch.ones_like(ids),
             "position_ids": torch.arange(args.seq).expand(local, args.seq).contiguous(),
             "token_type_ids": torch.zeros_like(ids), "labels": torch.randint(0, 2, (local,))}
    batch = {k: v.to(trainer.device) for k, v in batch.items()}
    times = []
    for i in range(args.warmup + args.steps):
        start = time.perf_counter()
        step.backward(lambda m: trainer.task.outputs(m, batch), batch_size=local)
        step.optimizer.step()
        step.optimizer.zero_grad(set_to_none=True)
        if trainer.device.type == "cuda":
            torch.cuda.synchronize()
        if i >= args.warmup:
            times.append(time.perf_counter() - start)
    if world.is_main:
        Path(args.ddp_out).write_text(json.dumps({"world": world.size, "mode": used,
                                                  "step_s": statistics.median(times)}))


def compare(args: argparse.Namespace) -> None:
    """Print the N-process vs 1-process per-step time at global batch ``args.batch``."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for nproc in (1, args.nproc):
            out = Path(tmp) / f"{nproc}.json"
            base = [str(ROOT / "benchmarks" / "bench_train.py"), "--ddp-worker",
                    "--ddp-out", str(out), "--batch", str(args.batch), "--seq", str(args.seq),
                    "--steps", str(args.steps), "--warmup", str(args.warmup),
                    "--threads", str(args.threads), "--device", args.device,
                    "--clipping", args.clipping] + (["--model", args.model] if args.model else [])
            launcher = [sys.executable] if nproc == 1 else [
                sys.executable, "-m", "torch.distributed.run", "--standalone",
                f"--nproc-per-node={nproc}"]
            env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": str(args.threads)}
            subprocess.run(launcher + base, check=True, env=env)
            results[nproc] = json.loads(out.read_text())
    one, many = results[1], results[args.nproc]
    print(f"global batch {args.batch}, seq {args.seq}, clipping {one['mode']}, "
          f"{args.threads} thread(s) per process, device {args.device}")
    print(f"  1 process   : {one['step_s'] * 1e3:8.1f} ms/step")
    print(f"  {args.nproc} processes : {many['step_s'] * 1e3:8.1f} ms/step "
          f"(batch {args.batch // args.nproc} per rank)")
    print(f"  ratio {args.nproc} vs 1  : {many['step_s'] / one['step_s']:.2f} "
          f"(ideal {1 / args.nproc:.2f}; needs {args.nproc} free cores or devices)")
