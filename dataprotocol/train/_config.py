"""Configuration and result records of a DP-SGD run."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from dataprotocol.budget import MechanismEvent
from dataprotocol.errors import InputError

__all__ = ["DPConfig", "TrainResult", "ClippingMode"]

ClippingMode = Literal["auto", "bookkeeping", "ghost", "hooks"]
_MODES = ("auto", "bookkeeping", "ghost", "hooks")


@dataclass(frozen=True, kw_only=True)
class DPConfig:
    """Hyper-parameters of one DP-SGD run. Every number is keyword-only.

    Give either ``target_epsilon`` (the noise multiplier is then calibrated for the
    *planned* number of steps, as Opacus' ``make_private_with_epsilon`` does) or an
    explicit ``noise_multiplier``.
    """

    target_epsilon: float | None = None
    delta: float = 1e-5
    noise_multiplier: float | None = None
    max_grad_norm: float = 1.0
    epochs: int = 1
    batch_size: int = 32
    max_physical_batch: int | None = None
    lr: float = 5e-4
    weight_decay: float = 0.0
    max_length: int = 128
    #: Poisson sampling -- the accountants' amplification analysis assumes it (Abadi
    #: et al. 2016). Turning it off is recorded as sampler="shuffle" and accounted
    #: without amplification (sample rate 1).
    poisson: bool = True
    clipping: ClippingMode = "auto"
    lora: bool = False
    lora_rank: int = 8
    lora_alpha: int = 16
    lora_target_modules: tuple[str, ...] | None = None
    #: what a LoRA run releases: the base weights with the adapters merged in, or the
    #: adapter weights alone (smaller; needs the base model to run). The card says which.
    lora_output: Literal["merged", "adapter"] = "merged"
    accountant: Literal["prv", "rdp"] = "prv"
    seed: int | None = None
    #: Opacus' secure_mode: noise from a CSPRNG robust to floating-point attacks
    #: (slower; recommended for releases).
    secure_mode: bool = False
    progress: bool = True
    eval_batch_size: int = 64

    def __post_init__(self) -> None:
        if (self.target_epsilon is None) == (self.noise_multiplier is None):
            raise InputError("give exactly one of target_epsilon and noise_multiplier",
                             field="target_epsilon")
        if self.target_epsilon is not None and not self.target_epsilon > 0:
            raise InputError("target epsilon must be > 0", field="target_epsilon")
        if self.noise_multiplier is not None and not self.noise_multiplier > 0:
            raise InputError("noise multiplier must be > 0", field="noise_multiplier")
        if not 0 < self.delta < 1:
            raise InputError("delta must be in (0, 1)", field="delta")
        for name in ("max_grad_norm", "lr"):
            if not getattr(self, name) > 0 or not math.isfinite(getattr(self, name)):
                raise InputError(f"{name} must be a positive number", field=name)
        for name in ("epochs", "batch_size", "max_length", "eval_batch_size"):
            if int(getattr(self, name)) < 1:
                raise InputError(f"{name} must be >= 1", field=name)
        if self.max_physical_batch is not None and self.max_physical_batch < 1:
            raise InputError("max_physical_batch must be >= 1", field="max_physical_batch")
        if self.lora_output not in ("merged", "adapter"):
            raise InputError(f"unknown LoRA output {self.lora_output!r}", field="lora_output",
                             expected="merged | adapter")
        if self.clipping not in _MODES:
            raise InputError(f"unknown clipping mode {self.clipping!r}", field="clipping",
                             expected=" | ".join(_MODES))

    @property
    def physical_batch(self) -> int:
        return min(self.max_physical_batch or self.batch_size, self.batch_size)

    def resolved_clipping(self) -> str:
        """'auto' -> single-backward book-keeping clipping, for full fine-tuning and LoRA
        alike (measured on MiniLM, benchmarks/bench_train.py: 1.19x a non-private step
        vs ghost 1.83x and hooks 4.4x; with LoRA 0.97x vs hooks 1.14x, ghost 1.51x).
        Models with layers it cannot handle fall back to Opacus hooks."""
        if self.clipping != "auto":
            return self.clipping
        return "bookkeeping"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if data["lora_target_modules"] is not None:
            data["lora_target_modules"] = list(data["lora_target_modules"])
        return data


@dataclass
class TrainResult:
    """What :meth:`DPTrainer.fit` returns. ``model`` is a plain transformers model
    (LoRA adapters merged); ``events`` cover every step this run (and the runs it
    resumed) took."""

    events: list[MechanismEvent]
    accounting: dict[str, Any]
    mechanism: dict[str, Any]
    metrics: dict[str, Any]
    model: Any
    tokenizer: Any
    run_id: str = ""
    history: list[dict[str, float]] = field(default_factory=list)
