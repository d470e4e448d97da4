"""train_on_package: policy gate -> ledger reserve -> DP-SGD -> commit -> model card.

Nothing is spent unless the run may happen: the publisher's current revocation list
must not revoke the grant, the policy engine must allow ``action=train`` for the
purpose (and, when the grant allows publishing the model, the data licenses must
combine into an output license), the label set must be the public one the publisher
declared in the card (``categories``), the ledger must be *the dataset's* ledger (the
one the signed manifest and grant pin, created by the publisher) and it must hold
enough budget for the *planned* run. All are checked before step one; a refusal carries
every reason and leaves the ledger untouched. A crashed run keeps its reservation (the
ledger is conservative); resuming it reuses the run id, so it cannot spend twice.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dataprotocol._files import check_output_folder
from dataprotocol.errors import BudgetError, InputError
from dataprotocol.keys import KeyPair
from dataprotocol.train._checkpoint import load_checkpoint
from dataprotocol.train._config import DPConfig, TrainResult
from dataprotocol.train._gate import Gate, open_gate
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
                     response_column: str | None = None,
                     privacy_unit: str | None = None, canary_repeats: int = 1,
                     canary_candidates: int = 1000, canary_format: Any = None,
                     base_model_id: str | None = None,
                     unsafe_allow_stale_revocations: bool = False) -> TrainedModel:
    """Fine-tune ``model_path`` on a granted package under DP-SGD; write ``out``.

    ``task="sequence-classification"`` reads ``text_column`` and ``label_column``;
    ``task="causal-lm"`` reads ``text_column`` (next-token loss on the whole row) or
    ``prompt_column`` + ``response_column`` (loss on the response tokens only).
    ``privacy_unit``: a column whose value is one person; user-level DP over it (the
    dataset card's ``privacy_unit``, when it names one, requires it).
    ``ledger``: where to find the dataset's ledger when it is not at the location the
    manifest pins (a path, URL or :class:`~dataprotocol.budget.Ledger`); it must still
    be the pinned ledger. ``unsafe_allow_stale_revocations``: train although the
    publisher's revocation list is missing or stale (logged; recorded in privacy.json).

    ``audit_canaries``: a classifier gets the one-run Steinke-Nasr-Jagielski audit; a
    causal LM gets the Secret Sharer exposure audit -- that many random canaries of
    ``canary_format`` inserted ``canary_repeats`` times each, ranked after training
    among ``canary_candidates`` fresh secrets of the same format.
    """
    from dataprotocol.train._rows import ColumnSpec, declared_labels, read_rows, task_for

    spec = ColumnSpec(task=task, text=text_column, label=label_column, prompt=prompt_column,
                      response=response_column)
    spec.check()  # bad column choices are input errors before anything is opened
    _check_outputs(out, checkpoint_dir, overwrite=overwrite)  # before anything is spent
    from dataprotocol.train._distributed import init_world

    world = init_world(device)  # torchrun: join the group; only rank 0 touches the ledger
    gate = open_gate(package, grant=grant, key=key, purpose=purpose, ledger=ledger,
                     privacy_unit=privacy_unit, with_ledger=world.is_main,
                     unsafe_allow_stale_revocations=unsafe_allow_stale_revocations)
    if world.distributed:  # one canary set and split for all ranks, even without a seed
        config = replace(config, seed=world.broadcast(
            config.seed if config.seed is not None else secrets.randbits(31)))
    declared = declared_labels(gate.card, spec.label) if spec.label else None
    frame = gate.handle.to_pandas()
    texts, labels, names = read_rows(frame, spec, declared=declared)
    units = _read_units(frame, privacy_unit)
    train, held = _split(texts, labels, units, eval_fraction=eval_fraction, seed=config.seed)
    canaries, exposure = None, None
    if audit_canaries and spec.task == "causal-lm":
        from dataprotocol.train._exposure import ExposureCanaries

        exposure = ExposureCanaries(audit_canaries, repeats=canary_repeats,
                                    candidates=canary_candidates, canary_format=canary_format,
                                    seed=config.seed)
        extra = exposure.rows(instruction=spec.instruction)
        # at user level each canary (all its repeats) is one more person
        train = (train[0] + extra, [], None if train[2] is None else
                 train[2] + [f"canary-{i // canary_repeats}" for i in range(len(extra))])
    elif audit_canaries:
        from dataprotocol.records import CanaryAudit

        canaries = CanaryAudit(audit_canaries, num_labels=max(len(names), 2), seed=config.seed)
        extra_texts, extra_labels = canaries.inserted()
        extra_units = [f"canary-{i}" for i in range(len(extra_texts))]  # one unit each
        train = (train[0] + extra_texts, (train[1] + extra_labels) if names else [],
                 None if train[2] is None else train[2] + extra_units)
    trainer = DPTrainer(model_path, num_labels=len(names) or None, config=config,
                        device=device, task=task_for(spec))
    plan = trainer.plan(len(train[0]), units=None if train[2] is None else len(set(train[2])))
    plan = world.agree(plan, what="the plan (noise multiplier, sample rate, steps)")
    previous = load_checkpoint(checkpoint_dir) if checkpoint_dir else None
    run_id = world.broadcast(previous.run_id if previous else "run-" + secrets.token_hex(8))
    _reserve_on_rank_0(world, gate, previous, run_id=run_id, plan=plan, delta=config.delta)
    result = trainer.fit(train[0], train[1] if names else None, eval_texts=held[0] or None,
                         eval_labels=(held[1] or None) if names else None,
                         checkpoint_dir=checkpoint_dir, run_id=run_id, plan=plan,
                         units=train[2])
    if privacy_unit:
        result.mechanism["privacy_unit"] = privacy_unit
    if not world.is_main:  # the card and the ledger are rank 0's
        return TrainedModel(model_dir=Path(out), run_id=run_id, result=result, payload={})
    entry = gate.commit(run_id, events=result.events, epsilon=result.accounting["epsilon"])
    audit_block = _audit(canaries, trainer, result, config) if canaries else None
    payload = gate.payload(run_id=run_id, base_model=base_model_id or _base_model_name(model_path),
                           task=trainer.task.name, entry=entry, mechanism=result.mechanism,
                           events=result.events, accounting=result.accounting,
                           metrics={**result.metrics, **({"labels": names} if names else {})},
                           empirical_audit=audit_block,
                           labels=(spec.label, names) if spec.label and names else None)
    payload["columns"] = spec.to_dict()
    if exposure is not None:
        payload["canary_exposure"] = _exposure_audit(exposure, trainer, result, config,
                                                     instruction=spec.instruction)
    from dataprotocol.records import write_model_dir

    if names:
        _set_label_names(result.model, names)
    model_dir = write_model_dir(out, model=result.model, tokenizer=result.tokenizer,
                                signer=key, payload=payload, overwrite=overwrite)
    return TrainedModel(model_dir=Path(model_dir), run_id=run_id, result=result,
                        payload=payload)


def _reserve_on_rank_0(world: Any, gate: Gate, previous: Any, *, run_id: str, plan: Any,
                       delta: float) -> None:
    """Rank 0 reserves (raising with reasons, recording nothing, when refused) and tells
    the other ranks, which stop before step one too when it was refused."""
    refusal: str | None = None
    if world.is_main:
        try:
            if previous is None or not gate.has_entry(run_id):
                gate.reserve(run_id=run_id, events=plan.events(), delta=delta)
        except BaseException as exc:
            world.broadcast(f"{type(exc).__name__}: {exc}")
            raise
        world.broadcast(None)
        return
    refusal = world.broadcast(None)
    if refusal is not None:
        raise BudgetError(f"rank 0 did not start the run: {refusal}")


def _check_outputs(out: str | Path, checkpoint_dir: str | Path | None, *,
                   overwrite: bool) -> None:
    """Every path the run will write, checked before the reservation: a run that
    trains, spends and only then finds ``--out`` taken has burnt budget for nothing."""
    check_output_folder(out, what="model directory", overwrite=overwrite)
    if checkpoint_dir is not None:  # an existing checkpoint folder is resumed
        check_output_folder(checkpoint_dir, what="checkpoint folder", overwrite=True)


def _read_units(frame: Any, privacy_unit: str | None) -> list[str] | None:
    if privacy_unit is None:
        return None
    if privacy_unit not in frame.columns:
        raise InputError(f"privacy-unit column {privacy_unit!r} not in the package",
                         field="privacy_unit", expected=", ".join(map(str, frame.columns)))
    values = frame[privacy_unit]
    if values.isna().any():
        # a row with no unit would be a unit of its own -- or silently merged with others
        raise InputError(f"privacy-unit column {privacy_unit!r} has empty values",
                         field="privacy_unit", expected="a unit id on every row")
    return [str(v) for v in values.tolist()]


Split = tuple[list[Any], list[int], list[str] | None]


def _split(texts: list[Any], labels: list[int], units: list[str] | None, *,
           eval_fraction: float, seed: int | None) -> tuple[Split, Split]:
    """Hold out ``eval_fraction`` of the rows -- of the units at user level, so that no
    person is in both the training and the evaluation split. A causal LM has no labels."""
    import random

    rng = random.Random(seed if seed is not None else 0)
    if units is None:
        order = list(range(len(texts)))
        rng.shuffle(order)
        cut = int(len(order) * eval_fraction)
        held, train = order[:cut], order[cut:]
    else:
        people = sorted(set(units))
        rng.shuffle(people)
        out = set(people[:int(len(people) * eval_fraction)])
        held = [i for i, u in enumerate(units) if u in out]
        train = [i for i, u in enumerate(units) if u not in out]

    def pick(rows: list[int]) -> Split:
        return ([texts[i] for i in rows], [labels[i] for i in rows] if labels else [],
                None if units is None else [units[i] for i in rows])

    return pick(train), pick(held)


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





def _base_model_name(model_path: str | Path) -> str:
    """The Hub id of the base model (what a card's base_model means): a bundled model's,
    else the checkpoint's own ``_name_or_path`` when it is a Hub id, else the folder name."""
    import json

    from dataprotocol.train._bundled import hub_id_for, resolve_model_path

    path = resolve_model_path(model_path)
    known = hub_id_for(path)
    if known:
        return known
    try:
        named = json.loads((path / "config.json").read_text(encoding="utf-8")).get("_name_or_path")
    except (OSError, ValueError, AttributeError):
        named = None
    if isinstance(named, str) and re.fullmatch(r"[A-Za-z0-9][\w.-]*/[\w.-]+", named) and not Path(named).exists():
        return named
    return path.name


def _exposure_audit(canaries: Any, trainer: DPTrainer, result: TrainResult, config: DPConfig,
                    *, instruction: bool) -> dict[str, Any]:
    """Rank every canary among the candidates; raises AuditFailed when DP is contradicted."""
    from dataprotocol.records import exposure_block

    model = result.model.to(trainer.device)
    beaten = canaries.beaten_by(trainer.task, model, trainer.tokenizer, device=trainer.device,
                                instruction=instruction, max_length=config.max_length)
    block: dict[str, Any] = exposure_block(
        beaten, candidates=len(canaries.candidates), repeats=canaries.repeats,
        canary_format=canaries.format.describe(), epsilon=result.accounting["epsilon"],
        delta=config.delta)
    return block
