"""Checkpoints that carry the privacy history, so a resumed run cannot spend twice.

A checkpoint stores the trainable weights, the optimizer state, the run id, the
mechanism fixed at the start (noise multiplier, sample rate, sampler, planned steps)
and the steps already taken. Resuming continues the same run: the events it reports
are cumulative, and the ledger sees the same run id.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn

from dataprotocol._files import atomic_path
from dataprotocol.errors import InputError
from dataprotocol.train._plan import TrainPlan

__all__ = ["Checkpoint", "save_checkpoint", "load_checkpoint", "CHECKPOINT_NAME"]

CHECKPOINT_NAME = "dp-checkpoint.pt"


@dataclass
class Checkpoint:
    run_id: str
    epoch: int
    steps: int
    plan: TrainPlan
    history: list[dict[str, float]]
    trainable: dict[str, torch.Tensor]
    optimizer: dict[str, Any]

    def restore(self, model: nn.Module, optimizer: torch.optim.Optimizer) -> None:
        params = dict(model.named_parameters())
        missing = [name for name in self.trainable if name not in params]
        if missing:
            raise InputError(f"checkpoint does not match the model ({len(missing)} "
                             "unknown parameters)", field="checkpoint_dir")
        with torch.no_grad():
            for name, value in self.trainable.items():
                params[name].copy_(value.to(params[name].device))
        optimizer.load_state_dict(self.optimizer)


def save_checkpoint(directory: str | Path, *, model: nn.Module,
                    optimizer: torch.optim.Optimizer, run_id: str, epoch: int, steps: int,
                    plan: TrainPlan, history: list[dict[str, float]]) -> Path:
    base = _unwrap(model)
    state = {
        "format": 1, "run_id": run_id, "epoch": epoch, "steps": steps,
        "plan": asdict(plan), "history": history,
        "trainable": {name: p.detach().cpu() for name, p in base.named_parameters()
                      if p.requires_grad},
        "optimizer": optimizer.state_dict(),
    }
    target = Path(directory) / CHECKPOINT_NAME
    with atomic_path(target) as tmp:
        torch.save(state, tmp)
    return target


def load_checkpoint(directory: str | Path) -> Checkpoint | None:
    path = Path(directory) / CHECKPOINT_NAME
    if not path.exists():
        return None
    try:
        # weights_only: a checkpoint is data, never code (no pickle execution).
        state = torch.load(path, map_location="cpu", weights_only=True)
        return Checkpoint(run_id=str(state["run_id"]), epoch=int(state["epoch"]),
                          steps=int(state["steps"]), plan=TrainPlan(**state["plan"]),
                          history=list(state["history"]), trainable=dict(state["trainable"]),
                          optimizer=dict(state["optimizer"]))
    except (KeyError, TypeError, RuntimeError, ValueError) as exc:
        raise InputError(f"unreadable checkpoint: {exc}", file=path) from exc


def _unwrap(model: nn.Module) -> nn.Module:
    base: Any = model
    while hasattr(base, "_module"):
        base = base._module
    return base  # type: ignore[no-any-return]
