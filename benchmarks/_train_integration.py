"""bench_train.py's Trainer path and user-level utility (imported by bench_train.py).

``trainer_ratio``: DP step / non-private step for the same model, batch and sequence
length through the transformers integration (``PrivateTrainer`` vs a stock ``Trainer``)
next to the same ratio through ``DPTrainer``'s step, for each clipping mode (book-keeping,
the default of both, and Opacus hooks). Per-step CPU time from Trainer callbacks, one torch
thread, median over the timed steps; the integration's Poisson batches have random size
(mean = the batch), the stock Trainer's are fixed. The gate is real (a published
package, a grant, a ledger); the timed data are random token ids of fixed length.

``user_level_utility``: accuracy on examples/data/reviews_test.csv at the same epsilon
for row-level DP and user-level DP over examples/user_level_dp.py's skewed
``reviewer_id``, with the same expected rows per step.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import statistics
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PURPOSE = "nlp-research"


def _world(folder: Path) -> dict[str, Any]:
    import pandas as pd

    from dataprotocol.budget import Ledger
    from dataprotocol.keys import generate_keypair
    from dataprotocol.package import issue_package_grant, publish
    from dataprotocol.policy import DatasetCard

    steward, partner = generate_keypair("steward"), generate_keypair("partner")
    csv = folder / "rows.csv"
    pd.DataFrame({"text": ["a b", "c d"] * 8, "label": [0, 1] * 8}).to_csv(csv, index=False)
    card = DatasetCard.from_dict({
        "dataset_id": "bench", "version": "1", "title": "bench", "license": "CC-BY-4.0",
        "attribution": {"creator": "bench", "source": "bench"}, "purposes": [PURPOSE],
        "contains_pii": False, "budget": {"epsilon": 1000.0, "delta": 1e-5},
        "publisher": steward.public_document()}, source="bench card")
    publish(csv, card=card, publisher=steward, out=folder / "pkg", shards=1)
    grant = issue_package_grant(folder / "pkg", issuer=steward, grantee=partner.public,
                                actions=["read", "train"], purposes=[PURPOSE],
                                not_after=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1))
    return {"package": folder / "pkg", "grant": grant, "key": partner,
            "ledger": Ledger(folder / "ledger.sqlite")}


def _timed_trainer(args: argparse.Namespace, folder: Path, *, private: str | None,
                   world: dict[str, Any]) -> list[float]:
    import datasets
    import torch
    from transformers import (
        AutoModelForSequenceClassification,
        AutoTokenizer,
        DataCollatorWithPadding,
        Trainer,
        TrainerCallback,
        TrainingArguments,
    )

    from dataprotocol.train import PrivateTrainer, private_run

    steps = args.warmup + args.steps
    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(args.model_path)
    model = AutoModelForSequenceClassification.from_pretrained(args.model_path, num_labels=2)
    rows = args.batch * steps
    ids = torch.randint(1000, int(tokenizer.vocab_size), (rows, args.seq)).tolist()
    data = datasets.Dataset.from_dict({"input_ids": ids, "attention_mask": [[1] * args.seq] * rows,
                                       "label": [i % 2 for i in range(rows)]})
    times: list[float] = []

    class Clock(TrainerCallback):
        def on_step_begin(self, a: Any, state: Any, control: Any, **kw: Any) -> Any:
            self.start = time.process_time()
            return control

        def on_step_end(self, a: Any, state: Any, control: Any, **kw: Any) -> Any:
            times.append(time.process_time() - self.start)
            return control

    training = TrainingArguments(output_dir=str(folder / (private or "plain")),
                                 per_device_train_batch_size=args.batch, num_train_epochs=1,
                                 learning_rate=1e-4, report_to=[], save_strategy="no",
                                 logging_steps=10**6, use_cpu=args.device == "cpu",
                                 disable_tqdm=True)
    common = dict(model=model, args=training, train_dataset=data,
                  data_collator=DataCollatorWithPadding(tokenizer), callbacks=[Clock()])
    if private:
        run = private_run(world["package"], grant=world["grant"], key=world["key"],
                          purpose=PURPOSE, ledger=world["ledger"], noise_multiplier=1.0,
                          delta=1e-5, epochs=1)
        trainer: Any = PrivateTrainer(run=run, sampling_seed=0, clipping=private, **common)
    else:
        trainer = Trainer(**common)
    trainer.train()
    return times[args.warmup:]


def trainer_ratio(args: argparse.Namespace, interleaved_times: Any) -> dict[str, float]:
    import torch

    warnings.filterwarnings("ignore")
    torch.set_num_threads(args.threads)
    folder = Path(tempfile.mkdtemp(prefix="bench-trainer-"))
    world = _world(folder)
    plain = statistics.median(_timed_trainer(args, folder, private=None, world=world))
    own = interleaved_times(args, ["none", "hooks", "bookkeeping"])
    out: dict[str, float] = {"trainer_plain_s": plain}
    print(f"\nTrainer path: MiniLM, batch {args.batch} (Poisson, mean), seq {args.seq}, median "
          f"of {args.steps} steps, {args.threads} thread(s), CPU time per step")
    for mode in ("bookkeeping", "hooks"):
        private = statistics.median(_timed_trainer(args, folder, private=mode, world=world))
        ratio, reference = private / plain, own[mode] / own["none"]
        out.update({f"trainer_{mode}_s": private, f"integration_{mode}_ratio": ratio,
                    f"dptrainer_{mode}_ratio": reference,
                    f"integration_vs_dptrainer_{mode}": ratio / reference})
        print(f"  {mode:11}  PrivateTrainer / Trainer {ratio:.2f}x ({private:.3f} s / "
              f"{plain:.3f} s)   DPTrainer {mode} / none {reference:.2f}x   "
              f"ratio of ratios {ratio / reference:.3f} (goal 0.95-1.05)")
    return out


def _reviewer_table(train_size: int) -> list[dict[str, str]]:
    spec = importlib.util.spec_from_file_location("user_level_dp",
                                                  ROOT / "examples" / "user_level_dp.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.reviewer_table(train_size)  # type: ignore[no-any-return]


def user_level_utility(args: argparse.Namespace) -> dict[str, Any]:
    """Row-level vs user-level DP at the same epsilon, same expected rows per step."""
    import pandas as pd

    from dataprotocol.train import DPConfig, DPTrainer

    warnings.filterwarnings("ignore")
    rows = _reviewer_table(args.train_size)
    texts = [r["text"] for r in rows]
    labels = [int(r["label"] == "positive") for r in rows]
    units = [r["reviewer_id"] for r in rows]
    test = pd.read_csv(ROOT / "examples/data/reviews_test.csv")
    test_labels = [int(v == "positive") for v in test["label"]]
    people = len(set(units))
    unit_batch = max(1, round(args.utility_batch * people / len(rows)))
    out: dict[str, Any] = {"rows": len(rows), "units": people, "max_rows_per_unit":
                           max(units.count(u) for u in set(units))}
    for name, batch, by_unit in [("row-level", args.utility_batch, None),
                                 ("user-level", unit_batch, units)]:
        config = DPConfig(target_epsilon=8.0, delta=1e-5, epochs=args.epochs, batch_size=batch,
                          max_physical_batch=64, max_length=32, lr=args.dp_lr, seed=0,
                          progress=False, clipping="hooks", lora=args.lora)
        start = time.perf_counter()
        trainer = DPTrainer(args.model_path, num_labels=2, config=config, device=args.device)
        fitted = trainer.fit(texts, labels, eval_texts=list(test["text"]),
                             eval_labels=test_labels, units=by_unit)
        out[name] = {"accuracy": fitted.metrics["eval_accuracy"],
                     "epsilon": fitted.accounting["epsilon"], "batch": batch,
                     "sigma": fitted.mechanism["noise_multiplier"],
                     "seconds": round(time.perf_counter() - start, 1)}
        print(f"  {name}: accuracy {out[name]['accuracy']:.3f} at epsilon "
              f"{out[name]['epsilon']:.2f} (batch {batch}, sigma {out[name]['sigma']:.3f})",
              flush=True)
    print(f"\nuser level vs row level at epsilon 8 ({len(rows)} rows, {people} reviewers, up to "
          f"{out['max_rows_per_unit']} rows each; {args.epochs} epochs, ~{args.utility_batch} "
          f"rows/step): user-level {out['user-level']['accuracy']:.3f}, row-level "
          f"{out['row-level']['accuracy']:.3f} -- the row-level epsilon protects a reviewer "
          f"only as {out['max_rows_per_unit']} x 8 (group privacy)")
    return out
