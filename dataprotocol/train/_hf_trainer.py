"""``PrivateTrainer``: an existing ``transformers.Trainer`` script, private, gated, ledgered.

    run = private_run(package, grant=g, key=k, purpose=p, ledger=book,
                      target_epsilon=8.0, delta=1e-5, epochs=args.num_train_epochs)
    trainer = PrivateTrainer(run=run, model=model, args=args, train_dataset=ds, ...)
    trainer.train()                                  # refused before step one, or DP-SGD
    trainer.finish("model-dir")                      # commit + signed privacy card

Compared with dp-transformers' ``OpacusDPTrainer`` + ``PrivacyEngineCallback`` (the
anchor): the run is decided by the policy engine and reserved in the dataset's ledger
before step one; Poisson sampling is over *logical* batches, split into the Trainer's
gradient-accumulation micro-batches (not one Poisson draw per micro-batch); the
per-example loss does not weight examples by length; the model is not wrapped (Opacus'
hooks attach to it, so ``save_pretrained``, the column filter and the callbacks see the
user's model); epsilon goes to every logger the Trainer reports to; settings we cannot
account for are refused with the reason instead of silently mis-accounted.
"""

from __future__ import annotations

import inspect
from typing import Any, Literal

import torch
from torch import nn
from transformers import Trainer, TrainerCallback

from dataprotocol.errors import InputError
from dataprotocol.train._hf_batches import (
    EmptyAwareCollator,
    PoissonMicroBatches,
    batch_rows,
    is_causal_lm,
    logical_plan,
    per_example_losses,
)
from dataprotocol.train._private_run import FinishedRun, PrivateRun

__all__ = ["PrivateTrainer", "unsupported_settings"]


def unsupported_settings(args: Any, *, run: PrivateRun, dataset: Any) -> list[str]:
    """Every reason these TrainingArguments cannot be accounted for as planned."""
    reasons = []
    if getattr(args, "world_size", 1) > 1:
        reasons.append(f"world_size {args.world_size}: several processes would each sample "
                       "and account alone; distributed DP needs Opacus' DPDDP (dataprotocol "
                       "train --nproc)")
    if getattr(args, "n_gpu", 1) > 1:
        reasons.append(f"n_gpu {args.n_gpu}: DataParallel splits a batch across GPUs and "
                       "Opacus' per-example hooks do not follow it; use one GPU")
    if getattr(args, "fp16", False):
        reasons.append("fp16: the loss scaler scales per-example gradients before they are "
                       "clipped; use bf16 (no scaler) or fp32")
    if getattr(args, "gradient_checkpointing", False):
        reasons.append("gradient_checkpointing: re-running the forward pass re-captures "
                       "activations and Opacus' hooks would count examples twice")
    if getattr(args, "torch_compile", False):
        reasons.append("torch_compile: compiled graphs bypass Opacus' per-example hooks")
    strategy = getattr(args, "train_sampling_strategy", "random")
    if strategy != "random":
        reasons.append(f"train_sampling_strategy {strategy!r}: DP-SGD's accounting assumes "
                       "Poisson sampling, which PrivateTrainer does itself; use 'random'")
    if isinstance(dataset, torch.utils.data.IterableDataset) or not hasattr(dataset, "__len__"):
        reasons.append("an iterable train_dataset: Poisson sampling needs random access and "
                       "the number of examples")
    epochs = float(args.num_train_epochs)
    if args.max_steps <= 0 and abs(epochs - float(run.epochs)) > 1e-9:
        reasons.append(f"num_train_epochs {epochs:g} but the run reserved "
                       f"{float(run.epochs):g} epochs: pass epochs=args.num_train_epochs")
    return reasons


class _DPCallback(TrainerCallback):
    """Opacus virtual steps: each micro-batch but the last clips and accumulates; the
    Trainer's own optimizer.step() on the last adds the noise once (Opacus'
    ``signal_skip_step``, as BatchMemoryManager does)."""

    def __init__(self, trainer: PrivateTrainer) -> None:
        self.trainer = trainer

    def on_substep_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> Any:
        optimizer = self.trainer.dp_optimizer
        optimizer.signal_skip_step(do_skip=True)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)  # keeps the accumulated clipped sum
        return control

    def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> Any:
        # The Trainer calls model.zero_grad(), which leaves Opacus' per-example grads.
        self.trainer.dp_optimizer.zero_grad(set_to_none=True)
        return control


class PrivateTrainer(Trainer):
    """A ``transformers.Trainer`` that trains with DP-SGD under ``run``'s reservation.

    ``max_grad_norm``: the per-example clipping norm C (default: ``args.max_grad_norm``;
    the Trainer's own global-norm clipping is replaced by it). ``clipping``:
    ``"bookkeeping"`` (default; one backward pass, Bu et al. 2023 -- falls back to hooks
    for layers it cannot handle) or ``"hooks"`` (Opacus per-example gradients).
    ``sampling_seed``: make the Poisson batches reproducible (tests only -- whoever knows
    it knows the batches).
    """

    def __init__(self, *args: Any, run: PrivateRun, max_grad_norm: float | None = None,
                 clipping: Literal["bookkeeping", "hooks"] = "bookkeeping",
                 sampling_seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if clipping not in ("bookkeeping", "hooks"):
            raise InputError(f"unknown clipping mode {clipping!r}", field="clipping",
                             expected="bookkeeping | hooks")
        self.clipping = clipping
        self._clipper: Any = None
        self.run = run
        self.per_example_norm = float(max_grad_norm if max_grad_norm is not None
                                      else self.args.max_grad_norm or 1.0)
        if not self.per_example_norm > 0:
            raise InputError("the per-example clipping norm must be > 0", field="max_grad_norm")
        self.sampling_seed = sampling_seed
        self.dp_optimizer: Any = None
        self._hooks: Any = None
        self._accepted: set[str] | None = None
        self._epsilon_at: tuple[int, float] = (-1, 0.0)
        self.add_callback(_DPCallback(self))

    # -- before step one --------------------------------------------------------------
    def train(self, resume_from_checkpoint: str | bool | None = None, trial: Any = None,
              ignore_keys_for_eval: list[str] | None = None) -> Any:
        """Refuse what cannot be accounted for, reserve the plan, then train."""
        if resume_from_checkpoint:
            raise InputError("PrivateTrainer does not resume checkpoints: the accountant's "
                             "history would restart", field="resume_from_checkpoint")
        if self.run.plan is not None:
            raise InputError(f"run {self.run.run_id} already trained (one reservation "
                             "per run)", field="run")
        dataset = self.train_dataset
        reasons = unsupported_settings(self.args, run=self.run, dataset=dataset)
        if reasons:
            raise InputError("PrivateTrainer cannot account for these TrainingArguments: "
                             + "; ".join(reasons), field="args")
        self._reserve(len(dataset))  # type: ignore[arg-type]
        return super().train(trial=trial, ignore_keys_for_eval=ignore_keys_for_eval)

    def _reserve(self, dataset_size: int) -> None:
        args = self.args
        batch, accumulation = args.per_device_train_batch_size, args.gradient_accumulation_steps
        rate, per_epoch, total = logical_plan(
            dataset_size=dataset_size, per_device_batch=batch, accumulation=accumulation,
            epochs=float(args.num_train_epochs), max_steps=args.max_steps)
        if args.max_steps > 0 and total != logical_plan(
                dataset_size=dataset_size, per_device_batch=batch, accumulation=accumulation,
                epochs=float(self.run.epochs), max_steps=-1)[2]:
            raise InputError(f"max_steps {args.max_steps} is not the run's {self.run.epochs:g} "
                             f"epochs of {per_epoch} steps: set one of them to match",
                             field="max_steps")
        if rate > 1:
            raise InputError(f"a logical batch of {batch * accumulation} is more than the "
                             f"{dataset_size} training examples", field="per_device_train_batch_size")
        self.run.reserve(dataset_size=dataset_size, sample_rate=rate, steps=total,
                         expected_batch_size=float(batch * accumulation), mechanism={
                             "clipping_norm": self.per_example_norm,
                             "clipping_mode": self.clipping,
                             "steps": total, "physical_batch_size": batch,
                             "gradient_accumulation_steps": accumulation,
                             "learning_rate": args.learning_rate,
                             "integration": "transformers.Trainer"})

    # -- Poisson logical batches ------------------------------------------------------
    def get_train_dataloader(self) -> Any:
        plan = self.run.plan
        if plan is None:
            raise InputError("call train(): the run reserves its plan first", field="train")
        dataset, collator = self.train_dataset, self.data_collator
        import datasets

        if isinstance(dataset, datasets.Dataset):
            dataset = self._remove_unused_columns(dataset, description="training")
        else:
            collator = self._get_collator_with_removed_columns(collator, description="training")
        sampler = PoissonMicroBatches(
            num_samples=plan.dataset_size, sample_rate=plan.sample_rate,
            steps=logical_plan(dataset_size=plan.dataset_size,
                               per_device_batch=self.args.per_device_train_batch_size,
                               accumulation=self.args.gradient_accumulation_steps,
                               epochs=1.0, max_steps=-1)[1],
            micro_batches=self.args.gradient_accumulation_steps, seed=self.sampling_seed)
        return torch.utils.data.DataLoader(
            dataset, batch_sampler=sampler,  # type: ignore[arg-type]
            collate_fn=EmptyAwareCollator(collator, dataset[0]),  # type: ignore[index]
            num_workers=self.args.dataloader_num_workers,
            pin_memory=self.args.dataloader_pin_memory)

    # -- the DP optimizer -------------------------------------------------------------
    def create_optimizer(self, model: nn.Module | None = None) -> Any:
        from opacus.accountants import create_accountant

        if self.dp_optimizer is not None:
            return self.optimizer
        plan = self.run.plan
        assert plan is not None and self.model is not None
        base = super().create_optimizer(model)
        self.model.train()  # Opacus' validator and hooks check .training
        noise = dict(noise_multiplier=plan.noise_multiplier, max_grad_norm=self.per_example_norm,
                     expected_batch_size=int(round(plan.expected_batch_size)),
                     loss_reduction="mean", secure_mode=self.run.secure_mode)
        self.dp_optimizer = self._dp_optimizer(base, noise)
        self.run.attach(self.dp_optimizer, create_accountant(self.run.accountant_name),
                        model=self.model, sample_rate=plan.sample_rate)
        self.optimizer = self.dp_optimizer
        return self.optimizer

    def _dp_optimizer(self, base: Any, noise: dict[str, Any]) -> Any:
        """Book-keeping clipping (one backward) where the model allows, else Opacus hooks;
        both end in an Opacus DP optimizer, which adds the noise."""
        from opacus.grad_sample import GradSampleHooks
        from opacus.optimizers import DPOptimizer
        from opacus.validators import ModuleValidator

        from dataprotocol.train._bookkeeping import BookkeepingClipper, BookkeepingUnsupported
        from dataprotocol.train._noise import ClippedSumDPOptimizer

        assert self.model is not None
        errors = ModuleValidator.validate(self.model, strict=False)
        if errors:
            raise InputError("model has layers DP-SGD cannot train: "
                             + "; ".join(map(str, errors)), field="model")
        mode = self.clipping
        if mode == "bookkeeping":
            try:
                self._clipper = BookkeepingClipper(self.model, max_grad_norm=self.per_example_norm)
            except BookkeepingUnsupported:
                mode = "hooks"
        self.run.mechanism["clipping_mode"] = mode
        if self._clipper is not None:
            return ClippedSumDPOptimizer(base, **noise)
        self._hooks = GradSampleHooks(self.model, batch_first=True, loss_reduction="mean")
        return DPOptimizer(base, **noise)

    # -- one micro-batch ----------------------------------------------------------------
    def training_step(self, model: nn.Module, inputs: dict[str, Any],
                      num_items_in_batch: Any = None) -> torch.Tensor:
        model.train()
        inputs = self._prepare_inputs(inputs)
        if batch_rows(inputs) == 0:  # an empty Poisson micro-batch: noise only, still a step
            self._empty_batch()
            return torch.zeros((), device=self.args.device)
        names = self._forward_names()
        with self.compute_loss_context_manager():
            if self._clipper is not None:  # one backward; .grad = the clipped sum
                losses = self._clipper.forward_backward(
                    lambda: per_example_losses(model, inputs, accepted=names))
                return losses.mean() / self.args.gradient_accumulation_steps
            loss = per_example_losses(model, inputs, accepted=names).mean()
        # Not accelerator.backward: it would divide by the accumulation steps, and Opacus'
        # per-example gradients must be those of each example's own loss.
        loss.backward()
        return loss.detach() / self.args.gradient_accumulation_steps

    def _empty_batch(self) -> None:
        for param in self.dp_optimizer.params:
            if self._clipper is not None:
                param.grad = torch.zeros_like(param)
            else:
                param.grad_sample = torch.zeros((0, *param.shape), device=param.device,
                                                dtype=param.dtype)

    def _forward_names(self) -> set[str]:
        if self._accepted is None:
            base: Any = self.model
            if hasattr(base, "get_base_model"):
                base = base.get_base_model()
            self._accepted = set(inspect.signature(base.forward).parameters)
        return self._accepted

    def _clip_grad_norm(self, model: nn.Module) -> None:
        return None  # per-example clipping happens in the DP optimizer

    def _get_grad_norm(self, model: nn.Module, grad_norm: Any = None) -> None:
        # The norm of the non-private gradient would leak through the logs.
        return None

    # -- epsilon in every logger ------------------------------------------------------
    def log(self, logs: dict[str, float], start_time: float | None = None) -> None:
        if self.run.plan is not None and self.dp_optimizer is not None:
            logs = {**logs, "epsilon": self._epsilon()}
        super().log(logs, start_time)

    def _epsilon(self) -> float:
        steps = self.run.steps_taken()
        if self._epsilon_at[0] != steps:
            self._epsilon_at = (steps, self.run.epsilon())
        return self._epsilon_at[1]

    # -- the end ------------------------------------------------------------------------
    def finish(self, out: str | None = None, *, overwrite: bool = False,
               base_model: str | None = None) -> FinishedRun:
        """Commit what the accountant recorded; with ``out``, write the signed model dir."""
        if self._hooks is not None:
            self._hooks.cleanup()
            self._hooks = None
        if self._clipper is not None:
            self._clipper.remove()
            self._clipper = None
        metrics = {k: v for k, v in (self.state.log_history[-1] if self.state.log_history
                                     else {}).items() if isinstance(v, (int, float))}
        assert self.model is not None
        task = "causal-lm" if is_causal_lm(self.model) else "sequence-classification"
        return self.run.finish(out, model=self.model, tokenizer=self.processing_class,
                               base_model=base_model, task=task, metrics=metrics,
                               overwrite=overwrite)

