"""DPTrainer: DP-SGD fine-tuning of a transformers checkpoint with Opacus."""

from __future__ import annotations

import math
import secrets
import warnings
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import torch
from torch import nn

from dataprotocol.errors import InputError
from dataprotocol.train._accounting import account_events, calibrate_noise
from dataprotocol.train._bundled import resolve_model_path
from dataprotocol.train._causal_lm import load_tokenizer
from dataprotocol.train._checkpoint import Checkpoint, load_checkpoint, save_checkpoint
from dataprotocol.train._config import DPConfig, TrainResult
from dataprotocol.train._distributed import World, current_world, parameter_digest
from dataprotocol.train._loop import evaluate, run_epoch, run_unit_epoch
from dataprotocol.train._plan import TrainPlan
from dataprotocol.train._private import make_private_step
from dataprotocol.train._task import SequenceClassificationTask, Task
from dataprotocol.train._units import UnitIndex

__all__ = ["DPTrainer", "TrainPlan", "pick_device"]


def pick_device(device: str = "auto") -> torch.device:
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(device)


class DPTrainer:
    """Fine-tune ``model_path`` with DP-SGD under ``config``: by default an
    ``AutoModelForSequenceClassification`` directory (safetensors, loaded offline) with
    ``num_labels`` classes; with ``task=CausalLMTask()`` any ``AutoModelForCausalLM``
    directory (then rows have no labels)."""

    def __init__(self, model_path: str | Path, *, num_labels: int | None = None,
                 config: DPConfig, device: str = "auto", task: Task | None = None) -> None:
        path = resolve_model_path(model_path)
        if not path.is_dir():
            raise InputError("model checkpoint directory not found", file=path,
                             expected="a transformers checkpoint directory")
        self.model_path = path
        self.config = config
        self.device = pick_device(device)
        self.tokenizer = load_tokenizer(path)
        self.task: Task = task or SequenceClassificationTask(
            pad_token_id=int(self.tokenizer.pad_token_id or 0))
        if self.task.labelled and (num_labels is None or num_labels < 2):
            raise InputError("need at least 2 labels", field="num_labels")
        self.num_labels = int(num_labels or 0)

    # -- planning ------------------------------------------------------------------
    def plan(self, dataset_size: int, *, units: int | None = None) -> TrainPlan:
        """Noise multiplier, sample rate and steps for ``dataset_size`` examples; with
        ``units`` (user-level DP), ``batch_size`` counts units and the sample rate is
        per unit (:mod:`._units`)."""
        cfg = self.config
        population = dataset_size if units is None else units
        what = "training examples" if units is None else "privacy units"
        if population < cfg.batch_size:
            raise InputError(f"{population} {what} is fewer than one batch",
                             field="batch_size", expected=f"<= {population}")
        sample_rate = cfg.batch_size / population
        steps_per_epoch = math.ceil(population / cfg.batch_size)
        sampler = "poisson" if cfg.poisson else "shuffle"
        sigma = cfg.noise_multiplier
        if sigma is None:
            assert cfg.target_epsilon is not None
            # Without Poisson sampling there is no amplification (the budget layer
            # accounts a "shuffle" event at sample rate 1).
            sigma = calibrate_noise(target_epsilon=cfg.target_epsilon, delta=cfg.delta,
                                    sample_rate=sample_rate, sampler=sampler,
                                    steps=steps_per_epoch * cfg.epochs,
                                    accountant=cfg.accountant)
        return TrainPlan(noise_multiplier=float(sigma), sample_rate=sample_rate,
                         steps_per_epoch=steps_per_epoch, epochs=cfg.epochs,
                         sampler=sampler, dataset_size=dataset_size, units=units)

    # -- training ------------------------------------------------------------------
    def fit(self, train_texts: Sequence[Any], train_labels: Sequence[int] | None = None, *,
            eval_texts: Sequence[Any] | None = None,
            eval_labels: Sequence[int] | None = None,
            checkpoint_dir: str | Path | None = None, run_id: str | None = None,
            plan: TrainPlan | None = None,
            units: Sequence[Hashable] | None = None) -> TrainResult:
        """Train; returns the merged model, the mechanism events and the accounting.

        ``units``: one privacy-unit value per training example (e.g. its patient id):
        user-level DP-SGD over units instead of rows (:mod:`._units`).

        With ``checkpoint_dir``, a checkpoint is written after every epoch and an
        existing one is resumed: same run id, same mechanism, and events that count
        every step already taken (a resumed run can never spend twice).
        """
        cfg = self.config
        if self.task.labelled:
            _check_data(train_texts, train_labels or [], self.num_labels, what="train")
            if eval_texts is not None:
                _check_data(eval_texts, eval_labels or [], self.num_labels, what="eval")
        if cfg.seed is not None:
            torch.manual_seed(cfg.seed)
        index = _unit_index(units, len(train_texts), cfg)
        plan = plan or self.plan(len(train_texts),
                                 units=index.num_units if index is not None else None)
        if (plan.units is None) != (index is None) or (
                index is not None and plan.units != index.num_units):
            raise InputError("the plan's privacy units do not match the data's", field="units")
        ckpt = load_checkpoint(checkpoint_dir) if checkpoint_dir else None
        if checkpoint_dir and current_world().distributed:
            # Rank 0 writes the checkpoint; every rank must resume from the same one, or
            # the ranks would take different numbers of steps (a deadlocked all-reduce).
            current_world().agree(
                None if ckpt is None else (ckpt.run_id, ckpt.epoch, ckpt.steps),
                what="the checkpoint to resume (--checkpoint-dir must be storage every "
                     "rank reads)")
        if ckpt is not None:
            plan = _resume_plan(ckpt, plan)
            run_id = ckpt.run_id
        run_id = run_id or "run-" + secrets.token_hex(8)
        model = self._build_model()
        trainable = [p for p in model.parameters() if p.requires_grad]
        optimizer = torch.optim.AdamW(trainable, lr=cfg.lr, weight_decay=cfg.weight_decay)
        if ckpt is not None:
            ckpt.restore(model, optimizer)
        generator = _generator(cfg, self.device)
        world = _check_world(plan, index)
        step, mode = make_private_step(
            _replica(model, world), optimizer,
            mode="hooks" if index is not None else cfg.resolved_clipping(),
            noise_multiplier=plan.noise_multiplier,
            max_grad_norm=cfg.max_grad_norm,
            # each rank's share of the logical batch; Opacus divides the summed clipped
            # gradients by it and the all-reduce averages over ranks: the global mean
            expected_batch_size=(cfg.batch_size if not world.distributed  # type: ignore[arg-type]
                                 else cfg.batch_size / world.size),
            secure_mode=cfg.secure_mode, generator=generator,
            per_example_loss=self.task.per_example_loss, distributed=world.distributed)
        data = self.task.encode(self.tokenizer, train_texts, train_labels,
                                max_length=cfg.max_length)
        steps_done = ckpt.steps if ckpt else 0
        history: list[dict[str, float]] = list(ckpt.history) if ckpt else []
        for epoch in range((ckpt.epoch + 1) if ckpt else 0, plan.epochs):
            with warnings.catch_warnings():
                # Opacus' module hooks on the first layer see no input requiring grad: fine.
                warnings.filterwarnings("ignore", message="Full backward hook is firing")
                common: dict[str, Any] = dict(task=self.task, plan=plan, config=cfg,
                                              device=self.device, epoch=epoch,
                                              steps_before=steps_done, delta=cfg.delta)
                taken, losses = (run_epoch(step, data, **common) if index is None else
                                 run_unit_epoch(step, data, index, **common))
            steps_done += taken
            history.append({"epoch": float(epoch), "steps": float(steps_done),
                            "train_loss": losses})
            if checkpoint_dir and world.is_main:  # the replicas are identical: one writer
                save_checkpoint(checkpoint_dir, model=model, optimizer=optimizer, run_id=run_id,
                                epoch=epoch, steps=steps_done, plan=plan, history=history)
        result = self._result(model, plan, steps_done, mode, run_id, history,
                              eval_texts, eval_labels)
        if world.distributed:
            _agree_on_result(world, model, result)
        return result

    def _result(self, model: nn.Module, plan: TrainPlan, steps: int, mode: str, run_id: str,
                history: list[dict[str, float]], eval_texts: Sequence[Any] | None,
                eval_labels: Sequence[int] | None) -> TrainResult:
        cfg = self.config
        events = plan.events(steps)
        accounting = account_events(events, delta=cfg.delta, accountant=cfg.accountant)
        metrics: dict[str, Any] = {}
        if history:
            metrics["train_loss"] = history[-1]["train_loss"]
        if eval_texts is not None and (eval_labels is not None or not self.task.labelled):
            eval_data = self.task.encode(self.tokenizer, eval_texts, eval_labels,
                                         max_length=cfg.max_length)
            metrics.update(evaluate(model, eval_data, task=self.task, device=self.device,
                                    batch_size=cfg.eval_batch_size))
        final = model if cfg.lora and cfg.lora_output == "adapter" else _merged(model)
        final.eval()
        mechanism = {
            "clipping_norm": cfg.max_grad_norm, "noise_multiplier": plan.noise_multiplier,
            "sampler": plan.sampler, "sample_rate": plan.sample_rate, "steps": steps,
            "epochs": cfg.epochs, "logical_batch_size": cfg.batch_size,
            "physical_batch_size": cfg.physical_batch, "clipping_mode": mode,
            "dataset_size": plan.dataset_size, "lora": cfg.lora, "learning_rate": cfg.lr,
            "max_length": cfg.max_length, "secure_mode": cfg.secure_mode,
            "output": cfg.lora_output if cfg.lora else "full",
        }
        if plan.units is not None:
            mechanism["units"] = plan.units
        world = current_world()
        mechanism["world_size"] = world.size  # logical_batch_size is the global batch
        mechanism["global_logical_batch_size"] = cfg.batch_size
        return TrainResult(events=events, accounting=accounting, mechanism=mechanism,
                           metrics=metrics, model=final, tokenizer=self.tokenizer,
                           run_id=run_id, history=history)

    def _build_model(self) -> nn.Module:
        model = self.task.load_model(self.model_path, num_labels=self.num_labels)
        if self.config.lora:
            model = _with_lora(model, self.config, task_type=self.task.peft_task_type)
        model.to(self.device)
        model.train()  # Opacus needs train mode before wrapping (hooks check .training)
        return model


def _check_world(plan: TrainPlan, index: UnitIndex | None) -> World:
    world = current_world()
    if world.distributed and (plan.sampler != "poisson" or index is not None):
        raise InputError("multi-process training needs row-level Poisson sampling (the "
                         "distributed sampler); run --no-poisson or --privacy-unit in one "
                         "process", field="nproc", expected="1")
    return world


def _replica(model: nn.Module, world: World) -> nn.Module:
    """DPDDP: rank 0's initial weights on every rank; gradients are synchronised by the
    distributed DP optimizer (after clipping and noise), not by DDP hooks."""
    if not world.distributed:
        return model
    from opacus.distributed import DifferentiallyPrivateDistributedDataParallel

    return DifferentiallyPrivateDistributedDataParallel(model)


def _agree_on_result(world: World, model: nn.Module, result: TrainResult) -> None:
    """Every rank: the same events and epsilon, and bit-identical trained parameters."""
    world.agree([e.to_dict() for e in result.events], what="the mechanism events")
    world.agree(result.accounting["epsilon"], what="epsilon")
    digest = world.agree(parameter_digest(model), what="the trained parameters")
    result.mechanism["replica_parameters_sha256"] = digest


def _with_lora(model: nn.Module, cfg: DPConfig, *, task_type: str) -> nn.Module:
    from peft import LoraConfig, TaskType, get_peft_model

    lora = LoraConfig(task_type=TaskType[task_type], r=cfg.lora_rank, lora_alpha=cfg.lora_alpha,
                      lora_dropout=0.0,
                      target_modules=list(cfg.lora_target_modules)
                      if cfg.lora_target_modules else None)
    return get_peft_model(model, lora)  # type: ignore[arg-type, no-any-return]


def _merged(model: nn.Module) -> nn.Module:
    """A plain transformers model: LoRA adapters merged, back in eval mode."""
    merge = getattr(model, "merge_and_unload", None)
    if callable(merge):
        model = merge()
    model.eval()
    return model


def _generator(cfg: DPConfig, device: torch.device) -> torch.Generator | None:
    if cfg.seed is None or cfg.secure_mode:
        return None
    return torch.Generator(device=device).manual_seed(cfg.seed)


def _resume_plan(ckpt: Checkpoint, plan: TrainPlan) -> TrainPlan:
    if ckpt.plan.dataset_size != plan.dataset_size or ckpt.plan.epochs != plan.epochs:
        raise InputError("checkpoint is from a run with other data or epochs",
                         field="checkpoint_dir",
                         expected=f"{ckpt.plan.dataset_size} examples, {ckpt.plan.epochs} epochs")
    return ckpt.plan  # the mechanism stays what the ledger reserved


def _unit_index(units: Sequence[Hashable] | None, rows: int, cfg: DPConfig
                ) -> UnitIndex | None:
    if units is None:
        return None
    if len(units) != rows:
        raise InputError(f"{len(units)} privacy-unit values for {rows} examples", field="units")
    if cfg.clipping not in ("auto", "hooks"):
        raise InputError(f"user-level DP clips each unit's combined gradient, which needs "
                         f"per-example gradients: clipping {cfg.clipping!r} cannot",
                         field="clipping", expected="auto | hooks")
    return UnitIndex.from_values(units)


def _check_data(texts: Sequence[Any], labels: Sequence[int], num_labels: int, *,
                what: str) -> None:
    if len(texts) != len(labels):
        raise InputError(f"{len(texts)} {what} texts but {len(labels)} labels",
                         field=f"{what}_labels")
    for index, label in enumerate(labels):
        if not 0 <= int(label) < num_labels:
            raise InputError(f"label {label!r} of {what} example {index} out of range",
                             field=f"{what}_labels", expected=f"0..{num_labels - 1}")
