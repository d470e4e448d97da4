"""Generate heldout_zh9.jsonl: 20 Chinese document kinds x 27 + 25 PII-free documents.

Standard library only; one random.Random(SEED); no clock is read, so the output is
byte-identical on any day.  Usage: python make_heldout_zh9.py [output_dir]
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _zh9_kinds_a as ka
import _zh9_kinds_b as kb
from _zh9_engine import Doc

SEED = 9_2026_1204_17
PER_KIND = 27
PII_FREE = 25
FILE_NAME = "heldout_zh9.jsonl"
KINDS = {
    "order_export_csv": ka.order_export_csv,
    "account_opening": ka.account_opening,
    "student_aid": ka.student_aid,
    "rider_chat": ka.rider_chat,
    "number_porting": ka.number_porting,
    "outpatient_note": ka.outpatient_note,
    "handover_email": ka.handover_email,
    "policy_surrender": ka.policy_surrender,
    "property_registration": ka.property_registration,
    "freight_waybill": ka.freight_waybill,
    "tour_roster": kb.tour_roster,
    "financial_complaint": kb.financial_complaint,
    "owners_vote_tally": kb.owners_vote_tally,
    "hiking_group_chat": kb.hiking_group_chat,
    "background_check": kb.background_check,
    "residence_permit": kb.residence_permit,
    "lawyer_letter": kb.lawyer_letter,
    "traffic_violation": kb.traffic_violation,
    "birth_registration": kb.birth_registration,
    "member_export_tsv": kb.member_export_tsv,
}


def acceptable(text: str, spans: list[dict]) -> bool:
    """Reject touching spans and labelled values that recur outside any span."""
    prev_end = -1
    for sp in spans:
        if sp["start"] <= prev_end:
            return False
        prev_end = sp["end"]
    covered = [(sp["start"], sp["end"]) for sp in spans]
    for value in {text[a:b] for a, b in covered if b - a >= 3}:
        pos = text.find(value)
        while pos >= 0:
            if not any(a <= pos and pos + len(value) <= b for a, b in covered):
                return False
            pos = text.find(value, pos + 1)
    return True


def build(rng: random.Random, shape: str, fill, seen: set[str]) -> dict:
    while True:
        doc = Doc(rng)
        fill(doc)
        text, spans = doc.render()
        if text not in seen and acceptable(text, spans):
            seen.add(text)
            return {"text": text, "spans": spans, "shape": shape, "lang": "zh"}


def generate() -> list[dict]:
    rng = random.Random(SEED)
    seen: set[str] = set()
    docs = [build(rng, shape, fill, seen) for shape, fill in KINDS.items() for _ in range(PER_KIND)]
    docs += [build(rng, "pii_free", kb.pii_free, seen) for _ in range(PII_FREE)]
    rng.shuffle(docs)
    return docs


def main(argv: list[str]) -> int:
    default = Path(__file__).resolve().parents[2] / "benchmarks/data/deid"
    out_dir = Path(argv[1]) if len(argv) > 1 else default
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(doc, ensure_ascii=False) for doc in generate()]
    (out_dir / FILE_NAME).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} documents to {out_dir / FILE_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
