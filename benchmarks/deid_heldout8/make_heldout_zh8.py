"""Generate heldout_zh8.jsonl: a blind held-out Chinese de-identification corpus.

Usage: python make_heldout_zh8.py [OUTPUT_DIR]   (default: <repo>/benchmarks/data/deid)
Python standard library only; ``random.Random(SEED)``; no clock is read, so the output is
byte-identical on every run and every day.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from _b8common import Kind, Renderer, problems
from _zh8_kinds_a import KINDS_A
from _zh8_kinds_b import FILLERS, KINDS_B, PII_FREE_LINES
from _zh8_more import ZhValues8

SEED = 8_2026_1203_19
PER_KIND = 27
PII_FREE_DOCS = 25
FILE_NAME = "heldout_zh8.jsonl"
MAX_REDRAWS = 60


def default_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "benchmarks/data/deid"


def pii_free(rng: random.Random) -> str:
    lines = rng.sample(PII_FREE_LINES, rng.randint(3, 6))
    return rng.choice(["", "通知\n", "温馨提示\n", "【公告】"]) + rng.choice(["\n", ""]).join(lines)


def one_doc(kind: Kind, renderer: Renderer, seen: set[str]) -> dict:
    for _ in range(MAX_REDRAWS):
        text, spans = renderer.render(kind)
        if text not in seen and not problems(text, spans):
            seen.add(text)
            return {"text": text, "spans": spans, "shape": kind.name, "lang": "zh"}
    raise RuntimeError(f"{kind.name}: no valid document after {MAX_REDRAWS} draws")


def build() -> list[dict]:
    rng = random.Random(SEED)
    renderer = Renderer(rng, ZhValues8(rng), FILLERS)
    seen: set[str] = set()
    docs = [one_doc(kind, renderer, seen) for kind in KINDS_A + KINDS_B for _ in range(PER_KIND)]
    while len(docs) < len(KINDS_A + KINDS_B) * PER_KIND + PII_FREE_DOCS:
        text = pii_free(rng)
        if text not in seen:
            seen.add(text)
            docs.append({"text": text, "spans": [], "shape": "pii_free", "lang": "zh"})
    rng.shuffle(docs)
    return docs


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else default_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(doc, ensure_ascii=False) for doc in build()]
    (out_dir / FILE_NAME).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} documents to {out_dir / FILE_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
