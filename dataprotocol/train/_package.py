"""train_on_package: policy gate -> ledger reserve -> DP-SGD -> commit -> model card.

Nothing is spent unless the run may happen: the policy engine must allow
``action=train`` for the purpose (and, when the grant allows publishing the model, the
data licenses must combine into an output license), and the ledger must hold enough
budget for the *planned* run. Both are checked before step one; a refusal carries every
reason and leaves the ledger untouched. A crashed run keeps its reservation (the ledger
is conservative); resuming it reuses the run id, so it cannot spend twice.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from collections.abc import Mapping
from typing import Any

from dataprotocol.errors import BudgetError, InputError, PolicyDenied
from dataprotocol.keys import KeyPair
from dataprotocol.train._checkpoint import load_checkpoint
from dataprotocol.train._config import DPConfig, TrainResult
from dataprotocol.train._trainer import DPTrainer

__all__ = ["train_on_package", "TrainedModel"]


@dataclass
class TrainedModel:
    """Where the model went, what the run spent, and the ledger's view afterwards."""

    model_dir: Path
    run_id: str
    result: TrainResult
    payload: dict[str, Any]


def train_on_package(package: str | Path, *, grant: dict[str, Any] | str | Path,
                     key: KeyPair, purpose: str, model_path: str | Path,
                     text_column: str | None = None, label_column: str | None = None,
                     config: DPConfig, out: str | Path,
                     ledger: Any = None, audit_canaries: int = 0,
                     eval_fraction: float = 0.1, checkpoint_dir: str | Path | None = None,
                     overwrite: bool = False, device: str = "auto",
                     task: str = "sequence-classification", prompt_column: str | None = None,
                     response_column: str | None = None) -> TrainedModel:
    """Fine-tune ``model_path`` on a granted package under DP-SGD; write ``out``.

    ``task="sequence-classification"`` reads ``text_column`` and ``label_column``;
    ``task="causal-lm"`` reads ``text_column`` (next-token loss on the whole row) or
    ``prompt_column`` + ``response_column`` (loss on the response tokens only).
    """
    from dataprotocol.budget import DEFAULT_LEDGER, Ledger
    from dataprotocol.package import open_package
    from dataprotocol.train._rows import ColumnSpec, read_rows, task_for

    spec = ColumnSpec(task=task, text=text_column, label=label_column, prompt=prompt_column,
                      response=response_column)
    spec.check()  # bad column choices are input errors before anything is opened
    handle = open_package(package, grant=grant, key=key, purpose=purpose, action="train")
    handle.decision.raise_if_denied()
    card, grant_obj = handle.card, handle.decision.grant
    license_block = _license_block(card, grant_obj, purpose)
    texts, labels, names = read_rows(handle.to_pandas(), spec)
    train, held = _split(texts, labels, eval_fraction=eval_fraction, seed=config.seed)
    canaries = None
    if audit_canaries:
        from dataprotocol.train._canary import CanaryAudit

        canaries = CanaryAudit(audit_canaries, num_labels=max(len(names), 2), seed=config.seed)
        extra_texts, extra_labels = canaries.inserted()
        train = (train[0] + extra_texts, (train[1] + extra_labels) if names else [])
    trainer = DPTrainer(model_path, num_labels=len(names) or None, config=config,
                        device=device, task=task_for(spec))
    plan = trainer.plan(len(train[0]))
    book = ledger if isinstance(ledger, Ledger) else Ledger(ledger or DEFAULT_LEDGER)
    book.register_dataset(card.dataset_id, epsilon_cap=card.budget_epsilon,
                          delta_cap=card.budget_delta)
    previous = load_checkpoint(checkpoint_dir) if checkpoint_dir else None
    run_id = previous.run_id if previous else "run-" + secrets.token_hex(8)
    grant_id = grant_obj.grant_id if grant_obj else None
    if previous is None or not _has_entry(book, run_id):
        _enforce_grant_conditions(handle.decision.conditions, book=book, grant_id=grant_id,
                                  dataset_id=card.dataset_id, run_id=run_id,
                                  events=plan.events(), delta=config.delta)
        # Raises BudgetExceeded with reasons, recording nothing: refused before step one.
        book.reserve(card.dataset_id, run_id=run_id, events=plan.events(),
                     delta=config.delta,
                     meta={"purpose": purpose, "planned": True, "grant_id": grant_id})
    result = trainer.fit(train[0], train[1] if names else None, eval_texts=held[0] or None,
                         eval_labels=(held[1] or None) if names else None,
                         checkpoint_dir=checkpoint_dir, run_id=run_id, plan=plan)
    entry = book.commit(run_id, events=result.events,
                        meta={"purpose": purpose, "epsilon": result.accounting["epsilon"],
                              "grant_id": grant_id})
    audit_block = _audit(canaries, trainer, result, config) if canaries else None
    status = book.status(card.dataset_id)
    payload = {
        "run_id": run_id, "base_model": Path(model_path).name,
        "task": trainer.task.name,
        "data": [{"dataset_id": card.dataset_id, "dataset_version": card.version,
                  "manifest_id": handle.manifest.manifest_id, "license": card.license,
                  "grant_id": grant_obj.grant_id if grant_obj else None,
                  "title": card.title, **card.attribution.to_dict()}],
        "license": license_block, "mechanism": result.mechanism,
        "events": [e.to_dict() for e in result.events], "accounting": result.accounting,
        "ledger": {"path_hint": Path(str(book.path)).name, "run_id": run_id,
                   "entry_hash": entry.entry_hash,
                   "cumulative_epsilon": status.spent_epsilon,
                   "epsilon_cap": status.epsilon_cap, "delta_cap": status.delta_cap},
        "empirical_audit": audit_block,
        "metrics": {**result.metrics, **({"labels": names} if names else {}),
                    "trained_at": datetime.now(timezone.utc).isoformat()},
        "columns": spec.to_dict(),
    }
    from dataprotocol.train._card import write_model_dir

    if names:
        _set_label_names(result.model, names)
    model_dir = write_model_dir(out, model=result.model, tokenizer=result.tokenizer,
                                signer=key, payload=payload, overwrite=overwrite)
    return TrainedModel(model_dir=Path(model_dir), run_id=run_id, result=result,
                        payload=payload)


def _enforce_grant_conditions(conditions: Mapping[str, Any], *, book: Any, grant_id: str | None,
                              dataset_id: str, run_id: str, events: list[Any],
                              delta: float) -> None:
    """The grant's conditions bound what this grantee may spend, across all its runs.

    ``max_epsilon`` caps the planned run plus every earlier run under the same grant
    (naive sum of each run's own epsilon -- an upper bound on their composition);
    ``max_delta`` caps each run's delta; ``max_runs`` counts runs under the grant,
    crashed and refused-at-commit ones included. Checked before the reservation, so a
    refusal spends nothing.
    """
    if not conditions:
        return
    from dataprotocol.budget import account

    earlier = [r for r in book.status(dataset_id).runs
               if r.meta.get("grant_id") == grant_id and r.run_id != run_id]
    reasons: list[str] = []
    if "max_delta" in conditions and delta > float(conditions["max_delta"]):
        reasons.append(f"grant-max-delta: delta {delta:g} exceeds the grant's max_delta "
                       f"{float(conditions['max_delta']):g}")
    if "max_runs" in conditions and len(earlier) + 1 > int(conditions["max_runs"]):
        reasons.append(f"grant-max-runs: the grant covers {int(conditions['max_runs'])} "
                       f"run(s) and {len(earlier)} already ran")
    if "max_epsilon" in conditions:
        planned = account(events, delta=delta).epsilon
        before = sum(account(list(r.events), delta=r.delta).epsilon for r in earlier)
        cap = float(conditions["max_epsilon"])
        if before + planned > cap * (1 + 1e-9):
            reasons.append(f"grant-max-epsilon: this run needs epsilon {planned:.3f}, earlier "
                           f"runs under the grant spent {before:.3f}; the grant allows {cap:g}")
    if reasons:
        raise PolicyDenied(f"the grant's conditions refuse run {run_id} (nothing spent)", reasons)


def _license_block(card: Any, grant: Any, purpose: str) -> dict[str, Any]:
    """The model's license: policy.combine over the data licenses. With a publish-model
    grant, no possible output license means the run is refused (before any spend).

    A card licensed ``A OR B`` is used under the alternative the policy chose for this
    purpose (``data_licenses``, e.g. ``["CC-BY-4.0"]``); ``A AND B`` under both. An
    unpublished model's nominal license is then the chosen data license(s)."""
    from dataprotocol.policy import combine

    publish = grant is not None and "publish-model" in tuple(grant.actions)
    combination = combine([card.license], action="publish-model" if publish else "train",
                          purpose=purpose)
    if publish and (not combination.allowed or not combination.output_licenses):
        raise PolicyDenied("no license allows publishing this model",
                           list(combination.reasons) or ["no output license"])
    if not combination.allowed:  # the engine allowed train: only a changed registry gets here
        raise PolicyDenied("the data license does not allow training", list(combination.reasons))
    outputs = list(combination.output_licenses) or list(combination.chosen_licenses)
    return {"output_licenses": outputs, "data_licenses": list(combination.chosen_licenses),
            "obligations": [o.to_dict() for o in combination.obligations],
            "attribution": list(combination.attribution), "publish": publish}


def _split(texts: list[Any], labels: list[int], *, eval_fraction: float, seed: int | None
           ) -> tuple[tuple[list[str], list[int]], tuple[list[str], list[int]]]:
    import random

    order = list(range(len(texts)))
    random.Random(seed if seed is not None else 0).shuffle(order)
    cut = int(len(order) * eval_fraction)
    held, train = order[:cut], order[cut:]
    if not labels:  # a causal LM: rows only
        return ([texts[i] for i in train], []), ([texts[i] for i in held], [])
    return ([texts[i] for i in train], [labels[i] for i in train]), \
        ([texts[i] for i in held], [labels[i] for i in held])


def _has_entry(book: Any, run_id: str) -> bool:
    try:
        book.entry(run_id)
    except BudgetError:
        return False
    return True


def _audit(canaries: Any, trainer: DPTrainer, result: TrainResult, config: DPConfig
           ) -> dict[str, Any]:
    """Steinke-Nasr-Jagielski one-run audit: score = minus each canary's loss."""
    import torch

    data = trainer.task.encode(trainer.tokenizer, canaries.texts, canaries.labels,
                               max_length=config.max_length)
    model = result.model.to(trainer.device)
    scores: list[float] = []
    with torch.no_grad():
        for start in range(0, len(data), config.eval_batch_size):
            items = [data[i] for i in range(start, min(start + config.eval_batch_size, len(data)))]
            batch = {k: v.to(trainer.device) for k, v in trainer.task.collate(items).items()}
            logits, targets = trainer.task.outputs(model, batch)
            scores += (-trainer.task.per_example_loss(logits, targets)).tolist()
    block: dict[str, Any] = canaries.evaluate(scores, delta=config.delta,
                                              theoretical_epsilon=result.accounting["epsilon"])
    return block


def _set_label_names(model: Any, names: list[str]) -> None:
    model.config.id2label = dict(enumerate(names))
    model.config.label2id = {name: i for i, name in enumerate(names)}
