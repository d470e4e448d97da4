#!/usr/bin/env python3
"""Dump everything the default scrubber outputs on the dev corpora, to compare two versions.

A speed change must not change any output. Run this before and after it and compare:

    PYTHONPATH=OLD .venv/bin/python benchmarks/scrub_fingerprint.py --out /tmp/before.jsonl
    PYTHONPATH=NEW .venv/bin/python benchmarks/scrub_fingerprint.py --out /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl   # or --compare /tmp/before.jsonl

One line per document: corpus, index, language, output text and every finding
(start, end, type, score, recognizer). Every document goes through
``scrub_many(n_process=1)`` (the batched path) with the default configuration; every
7th also through ``scrub`` (the one-document path) and through a keyed configuration
(pseudonym / surrogate / mask operators), so operator caching is covered too.

Two things vary from run to run in the scrubber itself, so they are held still here:
string hashing (which of two recognizers with equal scores is named on a finding
depends on set order: the script re-runs itself with ``PYTHONHASHSEED=0``), and the
DATE_TIME surrogate (Faker's ``date()`` draws between 1970 and *now*, so the same seed
gives another date later in the day; DATE_TIME is pseudonymised here instead).
The blind sets (``heldout12``, ``heldout_zh3``, ``deid_heldout3/``) are never read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "deid"
BLIND = {"heldout12.jsonl", "heldout_zh3.jsonl"}


def corpora() -> list[Path]:
    return [p for p in sorted(DATA.glob("*.jsonl")) if p.name not in BLIND]


def _row(corpus: str, index: int, path: str, result: object) -> str:
    return json.dumps({"corpus": corpus, "i": index, "path": path, "language": result.language,  # type: ignore
                       "configured": result.configured, "text": result.text,  # type: ignore[attr-defined]
                       "findings": [[f.start, f.end, f.entity_type, repr(f.score), f.recognizer]
                                    for f in result.findings]},  # type: ignore[attr-defined]
                      ensure_ascii=False)


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":  # set order decides ties (see above)
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="JSONL dump to write")
    parser.add_argument("--compare", type=Path, help="an earlier dump: report the first difference")
    parser.add_argument("--limit", type=int, default=0, help="documents per corpus (0: all)")
    parser.add_argument("--corpus", action="append", help="only these corpora (file stems; repeatable)")
    parser.add_argument("--processes", type=int, default=1, help="scrub_many worker processes (batch rows)")
    args = parser.parse_args()

    from dataprotocol.deid import Scrubber, ScrubConfig

    default = Scrubber()
    keyed = default.reconfigured(ScrubConfig(key=b"fingerprint-key-0123456789", operators={
        "PERSON": "pseudonym", "LOCATION": "surrogate", "PHONE_NUMBER": "mask", "EMAIL_ADDRESS": "surrogate",
        "DATE_TIME": "pseudonym", "DEFAULT": "replace"}))
    lines: list[str] = []
    for path in corpora():
        if args.corpus and path.stem not in args.corpus:
            continue
        texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts = texts[:args.limit] if args.limit else texts
        for i, result in enumerate(default.scrub_many(texts, n_process=args.processes)):
            lines.append(_row(path.stem, i, "batch", result))
        for i in range(0, len(texts), 7):
            lines.append(_row(path.stem, i, "single", default.scrub(texts[i])))
            lines.append(_row(path.stem, i, "keyed", keyed.scrub(texts[i])))
        print(f"{path.name}: {len(texts)} documents", file=sys.stderr)
    if not lines:
        print("no documents read", file=sys.stderr)
        return 2
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.compare is None:
        return 0
    return _compare(args.compare, lines)


def _compare(earlier: Path, lines: list[str]) -> int:
    """Each line of this run against the earlier dump's line for the same document and
    path (an earlier full run also serves a ``--limit``/``--corpus`` run)."""
    def key(line: str) -> tuple[str, int, str]:
        row = json.loads(line)
        return row["corpus"], row["i"], row["path"]

    before = {key(line): line for line in earlier.read_text(encoding="utf-8").splitlines()}
    missing = [line for line in lines if key(line) not in before]
    different = [line for line in lines if key(line) in before and before[key(line)] != line]
    for line in different[:3]:
        print(f"DIFFERENT {key(line)}:\n  before {before[key(line)]}\n  after  {line}")
    if missing or different:
        print(f"{len(different)} of {len(lines)} lines differ, {len(missing)} not in {earlier}")
        return 1
    print(f"IDENTICAL: {len(lines)} lines")
    return 0

if __name__ == "__main__":
    sys.exit(main())
