"""The epoch loop (Poisson sampling, physical batches, AMP, progress) and evaluation."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import torch
from torch import nn
from torch.utils.data import DataLoader

from dataprotocol.train._task import EncodedDataset, Task
from dataprotocol.train._units import UnitIndex, combine_unit_gradients, unit_steps

if TYPE_CHECKING:
    from dataprotocol.train._config import DPConfig
    from dataprotocol.train._plan import TrainPlan
    from dataprotocol.train._private import PrivateStep

__all__ = ["run_epoch", "run_unit_epoch", "evaluate", "make_loader"]


def make_loader(data: EncodedDataset, *, task: Task, plan: TrainPlan, private: bool,
                seed: int | None) -> DataLoader[Any]:
    """Poisson sampling when the plan says so: every example joins each batch
    independently with probability q, as the RDP/PRV amplification analyses assume
    (Abadi et al. 2016); batches have random size, possibly empty."""
    from opacus.utils.uniform_sampler import UniformWithReplacementSampler

    from dataprotocol.train._distributed import current_world, distributed_batches

    world = current_world()
    if world.distributed:  # each rank its own stream: shared draws would correlate ranks
        seed = None if seed is None else seed * 1009 + world.rank
    generator = torch.Generator().manual_seed(seed) if seed is not None else None
    if private and plan.sampler == "poisson" and world.distributed:
        sampler: Any = distributed_batches(
            total_size=len(data), sample_rate=plan.sample_rate, steps=plan.steps_per_epoch,
            generator=generator)
        return DataLoader(data, batch_sampler=sampler, collate_fn=task.collate)
    if private and plan.sampler == "poisson":
        sampler = UniformWithReplacementSampler(
            num_samples=len(data), sample_rate=plan.sample_rate, generator=generator,
            steps=plan.steps_per_epoch)
        return DataLoader(data, batch_sampler=sampler, collate_fn=task.collate)
    batch = max(1, round(plan.sample_rate * plan.dataset_size))
    return DataLoader(data, batch_size=batch, shuffle=True, collate_fn=task.collate,
                      generator=generator)


def _autocast(device: torch.device) -> contextlib.AbstractContextManager[Any]:
    if device.type == "cuda" and torch.cuda.is_bf16_supported():
        return torch.autocast(device_type="cuda", dtype=torch.bfloat16)
    return contextlib.nullcontext()


@contextlib.contextmanager
def _physical(loader: DataLoader[Any], step: PrivateStep, config: DPConfig
              ) -> Iterator[DataLoader[Any]]:
    if step.mode == "none" or config.physical_batch >= config.batch_size:
        yield loader
        return
    from opacus.utils.batch_memory_manager import BatchMemoryManager

    # Logical batches larger than what fits: Opacus splits them and tells the DP
    # optimizer to accumulate clipped sums, adding noise once per logical batch.
    with BatchMemoryManager(data_loader=loader, max_physical_batch_size=config.physical_batch,
                            optimizer=step.optimizer) as physical:
        yield physical


def run_epoch(step: PrivateStep, data: EncodedDataset, *, task: Task, plan: TrainPlan,
              config: DPConfig, device: torch.device, epoch: int, steps_before: int,
              delta: float) -> tuple[int, float]:
    """One epoch; returns (logical steps taken, mean training loss)."""
    seed = None if config.seed is None else config.seed + epoch
    loader = make_loader(data, task=task, plan=plan, private=step.mode != "none", seed=seed)
    taken, total_loss, count = 0, 0.0, 0
    with _progress(config, plan, epoch) as report, _physical(loader, step, config) as batches:
        for batch in batches:
            batch = {key: value.to(device) for key, value in batch.items()}
            size = int(batch["labels"].shape[0])
            with _autocast(device):
                loss = step.backward(lambda model: task.outputs(model, batch), batch_size=size)
            step.optimizer.step()
            logical = not getattr(step.optimizer, "_is_last_step_skipped", False)
            step.optimizer.zero_grad(set_to_none=True)
            if not math.isnan(loss):
                total_loss, count = total_loss + loss * size, count + size
            if logical:
                taken += 1
                report(steps_before + taken, total_loss / max(count, 1))
    return taken, total_loss / max(count, 1)


def run_unit_epoch(step: PrivateStep, data: EncodedDataset, index: UnitIndex, *, task: Task,
                   plan: TrainPlan, config: DPConfig, device: torch.device, epoch: int,
                   steps_before: int, delta: float) -> tuple[int, float]:
    """One epoch of user-level DP-SGD (:mod:`._units`); returns (steps, mean loss).

    Each step's sampled units arrive as physical chunks of whole units; every chunk but
    the last clips and accumulates (Opacus' ``signal_skip_step``, as BatchMemoryManager
    does), the last adds the noise once."""
    seed = None if config.seed is None else config.seed + epoch
    generator = torch.Generator().manual_seed(seed) if seed is not None else None
    unit_of_row = torch.tensor(index.unit_of_row)
    physical = config.max_physical_batch or max(len(data), 1)
    taken, total_loss, count = 0, 0.0, 0
    with _progress(config, plan, epoch) as report:
        for chunks in unit_steps(index, sample_rate=plan.sample_rate,
                                 steps=plan.steps_per_epoch, physical_rows=physical,
                                 generator=generator):
            for position, rows in enumerate(chunks):
                batch = {k: v.to(device) for k, v in task.collate([data[i] for i in rows]).items()}
                with _autocast(device):
                    loss = step.backward(lambda model: task.outputs(model, batch),
                                         batch_size=len(rows))
                if rows:
                    combine_unit_gradients(step.optimizer.params, unit_of_row[rows])
                if position < len(chunks) - 1:
                    step.optimizer.signal_skip_step(do_skip=True)
                step.optimizer.step()
                step.optimizer.zero_grad(set_to_none=True)
                if not math.isnan(loss):
                    total_loss, count = total_loss + loss * len(rows), count + len(rows)
            taken += 1
            report(steps_before + taken, total_loss / max(count, 1))
    return taken, total_loss / max(count, 1)


@contextlib.contextmanager
def _progress(config: DPConfig, plan: TrainPlan, epoch: int) -> Iterator[Any]:
    """A rich progress bar: step, loss and epsilon so far (RDP, cheap to update)."""
    if not config.progress:
        yield lambda steps, loss: None
        return
    from opacus.accountants import RDPAccountant
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    accountant = RDPAccountant()
    columns = [TextColumn(f"epoch {epoch + 1}/{plan.epochs}"), BarColumn(),
               MofNCompleteColumn(), TextColumn("loss {task.fields[loss]:.4f}"),
               TextColumn("ε(RDP)≤{task.fields[eps]:.3f}")]
    with Progress(*columns, transient=False) as bar:
        task_id = bar.add_task("train", total=plan.steps_per_epoch, loss=float("nan"), eps=0.0)
        rate = plan.sample_rate if plan.sampler == "poisson" else 1.0

        def report(steps: int, loss: float) -> None:
            accountant.history = [(plan.noise_multiplier, rate, steps)]
            eps = accountant.get_epsilon(delta=config.delta)
            bar.update(task_id, advance=1, loss=loss, eps=eps)

        yield report


@torch.no_grad()
def evaluate(model: nn.Module, data: EncodedDataset, *, task: Task, device: torch.device,
             batch_size: int) -> dict[str, float]:
    """Accuracy and mean loss on a held-out split (or the task's own metrics, e.g.
    perplexity for a language model)."""
    own = getattr(task, "evaluate", None)
    if callable(own):
        with _autocast(device):
            return dict(own(model, data, device=device, batch_size=batch_size))
    was_training = model.training
    model.eval()
    correct, total, loss_sum = 0, 0, 0.0
    for batch in DataLoader(data, batch_size=batch_size, collate_fn=task.collate):
        batch = {key: value.to(device) for key, value in batch.items()}
        with _autocast(device):
            logits, targets = task.outputs(model, batch)
        loss_sum += float(task.per_example_loss(logits, targets).sum())
        correct += int((logits.argmax(-1) == targets).sum())
        total += int(targets.shape[0])
    model.train(was_training)
    return {"eval_accuracy": correct / max(total, 1), "eval_loss": loss_sum / max(total, 1),
            "eval_examples": float(total)}
