"""False positives on text with (almost) no PII: findings per 1,000 words, scrubber vs vanilla.

The leak-rate corpora measure recall on labelled PII; they cannot show what the
scrubber takes from ordinary prose, because their filler text is ours. This runs both
on paragraphs of the Python language reference (``pydoc_data.topics``, shipped with
every CPython: offline, real English, written by people who never saw this code) and
prints findings per 1,000 words per entity type, side by side, plus the most frequent
flagged strings (they are not PII, so printing them is safe). A handful of real names
occur in that text (authors credited in examples), so the figure is an upper bound on
false positives.

    python benchmarks/bench_deid_fp.py [--paragraphs 1500]
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from dataprotocol.deid import Scrubber
from dataprotocol.deid._eval import vanilla_outputs


def paragraphs(n: int, seed: int = 1) -> list[str]:
    import pydoc_data.topics as topics

    found = [p.strip() for text in topics.topics.values() for p in text.split("\n\n")
             if len(p.split()) > 8 and not p.startswith("   ")]
    random.Random(seed).shuffle(found)
    return found[:n]


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
    counts: dict[str, Counter[str]] = {"scrubber": Counter(), "vanilla": Counter()}
    flagged: dict[str, Counter[str]] = {"scrubber": Counter(), "vanilla": Counter()}
    for name, outputs in (("scrubber", ours), ("vanilla", vanilla)):
        for text, (_, findings) in zip(texts, outputs):
            for f in findings:
                counts[name][f.entity_type] += 1
                flagged[name][f"{f.entity_type}:{text[f.start:f.end]}"] += 1
    print(f"{'entity type':24s} {'scrubber /1k words':>20s} {'vanilla /1k words':>20s}")
    for etype in sorted(set(counts["scrubber"]) | set(counts["vanilla"])):
        print(f"{etype:24s} {1000 * counts['scrubber'][etype] / words:20.2f} "
              f"{1000 * counts['vanilla'][etype] / words:20.2f}")
    total = {k: 1000 * sum(v.values()) / words for k, v in counts.items()}
    print(f"{'all':24s} {total['scrubber']:20.2f} {total['vanilla']:20.2f}")
    ratio = total["scrubber"] / total["vanilla"] if total["vanilla"] else float("inf")
    print(f"findings per 1k words, scrubber / vanilla: {ratio:.2f}x")
    for name in ("scrubber", "vanilla"):
        print(f"most flagged by {name}: " + ", ".join(f"{s} ({c})" for s, c in flagged[name].most_common(args.top)))


if __name__ == "__main__":
    main()
