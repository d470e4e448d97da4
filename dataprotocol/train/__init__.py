"""DP-SGD fine-tuning of transformers models with Opacus, gated by policy and budget.

Recipes: :class:`DPTrainer` (library) and :func:`train_on_package` (policy gate ->
ledger reserve -> fit -> commit -> model directory with a signed privacy card);
:func:`private_run` (the same gate, ledger and card around a user's own Opacus loop)
and :class:`PrivateTrainer` (a ``transformers.Trainer`` made private, gated, ledgered).
"""

from __future__ import annotations

# The card, its audit and the canary audit moved to the torch-free ``records`` layer;
# re-exported here so ``from dataprotocol.train import audit_model_dir`` keeps working.
from dataprotocol.records import (
    AuditReport,
    CanaryAudit,
    Check,
    audit_model_dir,
    read_privacy_document,
    write_model_dir,
)
from dataprotocol.train._causal_lm import CausalLMTask
from dataprotocol.train._config import ClippingMode, DPConfig, TrainResult
from dataprotocol.train._distributed import DistributedError, launch_distributed
from dataprotocol.train._generate import Generator, generate, load_generator
from dataprotocol.train._package import TrainedModel, train_on_package
from dataprotocol.train._plan import TrainPlan
from dataprotocol.train._private_run import FinishedRun, PrivateRun, RunPlan, private_run
from dataprotocol.train._synthesize import SyntheticTable, fill_templates, schema_templates, synthesize
from dataprotocol.train._task import SequenceClassificationTask, Task
from dataprotocol.train._trainer import DPTrainer, pick_device

__all__ = [
    "DPConfig",
    "DPTrainer",
    "TrainResult",
    "TrainPlan",
    "ClippingMode",
    "Task",
    "SequenceClassificationTask",
    "CausalLMTask",
    "generate",
    "load_generator",
    "Generator",
    "synthesize",
    "schema_templates",
    "fill_templates",
    "SyntheticTable",
    "pick_device",
    "train_on_package",
    "TrainedModel",
    "write_model_dir",
    "read_privacy_document",
    "audit_model_dir",
    "AuditReport",
    "Check",
    "CanaryAudit",
    "private_run",
    "PrivateRun",
    "RunPlan",
    "FinishedRun",
    "PrivateTrainer",
    "launch_distributed",
    "DistributedError",
]


def __getattr__(name: str) -> object:
    # transformers.Trainer is a heavy import: load the integration only when asked for.
    if name == "PrivateTrainer":
        from dataprotocol.train._hf_trainer import PrivateTrainer

        return PrivateTrainer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
