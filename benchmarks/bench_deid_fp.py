"""False positives on text with (almost) no PII: findings per 1,000 words, scrubber vs vanilla.

The leak-rate corpora measure recall on labelled PII; they cannot show what the
scrubber takes from ordinary prose, because their filler text is ours. This runs both
on paragraphs of the Python language reference (``pydoc_data.topics``, shipped with
every CPython: offline, real English, written by people who never saw this code) and
prints findings per 1,000 words per entity type, side by side, plus the most frequent
flagged strings (they are not PII, so printing them is safe). A handful of real names
occur in that text (authors credited in examples), so the figure is an upper bound on
false positives.

Chinese: the same on ``data/deid/zh_prose.txt`` (everyday prose with no personal
data, written for this benchmark), per 1,000 characters (Chinese has no spaces);
vanilla Presidio has no Chinese pipeline, so its English one runs on the text, as
it would for a user who does not configure anything.

    python benchmarks/bench_deid_fp.py [--paragraphs 1500]
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from dataprotocol.deid import Scrubber
from dataprotocol.deid._eval import vanilla_outputs


def paragraphs(n: int, seed: int = 1) -> list[str]:
    import pydoc_data.topics as topics

    found = [p.strip() for text in topics.topics.values() for p in text.split("\n\n")
             if len(p.split()) > 8 and not p.startswith("   ")]
    random.Random(seed).shuffle(found)
    return found[:n]


ZH_PROSE = Path(__file__).resolve().parent / "data" / "deid" / "zh_prose.txt"


def _table(texts: list[str], outputs: dict[str, list[tuple[str, object]]], *, unit: int, unit_name: str,
           top: int) -> None:
    counts: dict[str, Counter[str]] = {name: Counter() for name in outputs}
    flagged: dict[str, Counter[str]] = {name: Counter() for name in outputs}
    for name, found in outputs.items():
        for text, (_, findings) in zip(texts, found):
            for f in findings:  # type: ignore[attr-defined]
                counts[name][f.entity_type] += 1
                flagged[name][f"{f.entity_type}:{text[f.start:f.end]}"] += 1
    print(f"{'entity type':24s} {'scrubber /1k ' + unit_name:>20s} {'vanilla /1k ' + unit_name:>20s}")
    for etype in sorted(set(counts["scrubber"]) | set(counts["vanilla"])):
        print(f"{etype:24s} {1000 * counts['scrubber'][etype] / unit:20.2f} "
              f"{1000 * counts['vanilla'][etype] / unit:20.2f}")
    total = {k: 1000 * sum(v.values()) / unit for k, v in counts.items()}
    print(f"{'all':24s} {total['scrubber']:20.2f} {total['vanilla']:20.2f}")
    ratio = total["scrubber"] / total["vanilla"] if total["vanilla"] else float("inf")
    print(f"findings per 1k {unit_name}, scrubber / vanilla: {ratio:.2f}x")
    for name in ("scrubber", "vanilla"):
        print(f"most flagged by {name}: " + ", ".join(f"{s} ({c})" for s, c in flagged[name].most_common(top)))


def chinese(scrubber: Scrubber, top: int) -> None:
    texts = [line for line in ZH_PROSE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    chars = sum(map(len, texts))
    print(f"\n{len(texts)} paragraphs, {chars} characters of Chinese prose (no personal data)")
    _table(texts, {"scrubber": [(r.text, r.findings) for r in scrubber.scrub_many(texts)],
                   "vanilla": vanilla_outputs(texts, scrubber.config.model)}, unit=chars, unit_name="chars", top=top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paragraphs", type=int, default=1500, help="paragraphs to scan (default 1500)")
    parser.add_argument("--top", type=int, default=15, help="most frequent flagged strings to print")
    args = parser.parse_args()
    texts = paragraphs(args.paragraphs)
    words = sum(len(t.split()) for t in texts)
    scrubber = Scrubber()
    ours = [(r.text, r.findings) for r in scrubber.scrub_many(texts)]
    vanilla = vanilla_outputs(texts, scrubber.config.model)
    print(f"{len(texts)} paragraphs, {words} words of the Python language reference (no labelled PII)")
    _table(texts, {"scrubber": ours, "vanilla": vanilla}, unit=words, unit_name="words", top=args.top)
    chinese(scrubber, args.top)

if __name__ == "__main__":
    main()
