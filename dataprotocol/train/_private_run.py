"""``private_run``: the gate, the ledger and the signed card around the user's own loop.

A user with their own model, optimizer and DataLoader keeps their training loop::

    with private_run(package, grant=g, key=k, purpose="nlp-research", ledger=book,
                     target_epsilon=3.0, delta=1e-5, epochs=2) as run:
        frame = run.to_pandas()                       # the granted rows, nothing else
        model, optimizer, loader = run.make_private(model, optimizer, loader,
                                                    max_grad_norm=1.0)
        for epoch in range(2):
            for batch in loader: ...                  # a plain Opacus loop
        run.finish(out="model-dir", tokenizer=tok)

``private_run`` decides the request (policy, license, privacy unit) through the same
:func:`open_gate` as ``train_on_package`` -- a refusal raises before anything is read or
reserved. ``make_private`` fixes the mechanism (noise calibrated to ``target_epsilon``
for ``epochs`` passes at Opacus' sample rate ``1 / len(data_loader)``), reserves it in
the ledger, and only then returns Opacus' ``(GradSampleModule, DPOptimizer,
DataLoader)``. ``finish`` commits the events Opacus' accountant actually recorded and
writes the model directory with the signed ``privacy.json`` and model card. A run that
raises, is interrupted or killed never commits: its reservation stays spent.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from dataprotocol.budget import MechanismEvent
from dataprotocol.errors import BudgetExceeded, InputError
from dataprotocol.keys import KeyPair
from dataprotocol.train._accounting import account_events, calibrate_noise
from dataprotocol.train._gate import Gate, open_gate

if TYPE_CHECKING:
    import pandas as pd
    from torch import nn

__all__ = ["PrivateRun", "RunPlan", "private_run", "FinishedRun"]

_MODES = ("hooks", "functorch", "ew")


@dataclass(frozen=True)
class RunPlan:
    """The mechanism reserved in the ledger before step one."""

    noise_multiplier: float
    sample_rate: float
    steps: int
    sampler: Literal["poisson", "shuffle"]
    dataset_size: int
    expected_batch_size: float

    def events(self) -> list[MechanismEvent]:
        return [MechanismEvent(noise_multiplier=self.noise_multiplier,
                               sample_rate=self.sample_rate, steps=self.steps,
                               sampler=self.sampler)]


@dataclass(frozen=True)
class FinishedRun:
    """What :meth:`PrivateRun.finish` wrote and committed."""

    run_id: str
    model_dir: Path | None
    events: tuple[MechanismEvent, ...]
    accounting: dict[str, Any]
    payload: dict[str, Any] | None


def private_run(package: str | Path, *, grant: dict[str, Any] | str | Path, key: KeyPair,
                purpose: str, ledger: Any, target_epsilon: float | None = None,
                delta: float, epochs: float, noise_multiplier: float | None = None,
                accountant: Literal["prv", "rdp"] = "prv", secure_mode: bool = False
                ) -> PrivateRun:
    """Decide the request now (raises :class:`PolicyDenied` with every reason, nothing
    read or spent); return the run whose :meth:`PrivateRun.make_private` reserves.

    The run is row-level DP: a dataset whose card names a ``privacy_unit`` is refused
    here with the reason (user-level DP: ``train_on_package(privacy_unit=...)``)."""
    if (target_epsilon is None) == (noise_multiplier is None):
        raise InputError("give exactly one of target_epsilon and noise_multiplier",
                         field="target_epsilon")
    if not 0 < delta < 1:
        raise InputError("delta must be in (0, 1)", field="delta")
    if not epochs > 0:
        raise InputError("epochs must be > 0", field="epochs")
    gate = open_gate(package, grant=grant, key=key, purpose=purpose, ledger=ledger)
    return PrivateRun(gate, target_epsilon=target_epsilon, delta=delta, epochs=epochs,
                      noise_multiplier=noise_multiplier, accountant=accountant,
                      secure_mode=secure_mode)


class PrivateRun:
    """One gated DP training run; see :func:`private_run`. A context manager."""

    def __init__(self, gate: Gate, *, target_epsilon: float | None, delta: float,
                 epochs: float, noise_multiplier: float | None, accountant: str,
                 secure_mode: bool) -> None:
        self.gate = gate
        self.target_epsilon = target_epsilon
        self.delta = float(delta)
        self.epochs = epochs
        self.noise_multiplier = noise_multiplier
        self.accountant_name = accountant
        self.secure_mode = secure_mode
        self.run_id = "run-" + secrets.token_hex(8)
        self.plan: RunPlan | None = None
        self.mechanism: dict[str, Any] = {}
        self.model: Any = None
        self._accountant: Any = None
        self._done = False

    # -- data ------------------------------------------------------------------------
    @property
    def handle(self) -> Any:
        """The opened package (``to_pandas``, ``to_dataset``, ``iter_record_batches``)."""
        return self.gate.handle

    def to_pandas(self, **kwargs: Any) -> pd.DataFrame:
        return self.gate.handle.to_pandas(**kwargs)

    def to_dataset(self, **kwargs: Any) -> Any:
        return self.gate.handle.to_dataset(**kwargs)

    # -- planning + reservation ----------------------------------------------------------
    def reserve(self, *, dataset_size: int, sample_rate: float, steps: int,
                sampler: Literal["poisson", "shuffle"] = "poisson",
                expected_batch_size: float, mechanism: dict[str, Any]) -> RunPlan:
        """Calibrate the noise, then reserve the planned events (raises, recording
        nothing, when the grant or the ledger refuses). Integrations call this."""
        if self.plan is not None:
            raise InputError("this run already reserved its mechanism (one make_private "
                             "per run)", field="make_private")
        sigma = self.noise_multiplier
        if sigma is None:
            assert self.target_epsilon is not None
            sigma = calibrate_noise(target_epsilon=self.target_epsilon, delta=self.delta,
                                    sample_rate=sample_rate, steps=steps, sampler=sampler,
                                    accountant=self.accountant_name)
        plan = RunPlan(noise_multiplier=float(sigma), sample_rate=sample_rate, steps=steps,
                       sampler=sampler, dataset_size=dataset_size,
                       expected_batch_size=expected_batch_size)
        self.gate.reserve(run_id=self.run_id, events=plan.events(), delta=self.delta)
        self.plan = plan
        self.mechanism = {"noise_multiplier": plan.noise_multiplier, "sampler": sampler,
                          "sample_rate": sample_rate, "epochs": self.epochs,
                          "dataset_size": dataset_size, "secure_mode": self.secure_mode,
                          "logical_batch_size": expected_batch_size, **mechanism}
        return plan

    def make_private(self, model: nn.Module, optimizer: Any, data_loader: Any, *,
                     max_grad_norm: float, poisson_sampling: bool = True,
                     grad_sample_mode: str = "hooks", noise_generator: Any = None
                     ) -> tuple[Any, Any, Any]:
        """Reserve, then Opacus' ``PrivacyEngine.make_private``: returns the
        ``(GradSampleModule, DPOptimizer, DataLoader)`` to train with."""
        from opacus import PrivacyEngine

        if grad_sample_mode not in _MODES:
            raise InputError(f"grad_sample_mode {grad_sample_mode!r} is not supported here "
                             "(ghost clipping returns a wrapped criterion too)",
                             field="grad_sample_mode", expected=" | ".join(_MODES))
        if not max_grad_norm > 0:
            raise InputError("max_grad_norm must be > 0", field="max_grad_norm")
        batches = len(data_loader)
        if batches < 1:
            raise InputError("the data loader yields no batch", field="data_loader")
        size = len(data_loader.dataset)
        steps = round(self.epochs * batches)
        # Opacus' own rule: sample rate 1 / len(data_loader). Without Poisson sampling
        # no amplification is claimed (the event's effective rate is 1).
        plan = self.reserve(dataset_size=size, sample_rate=1.0 / batches, steps=steps,
                            sampler="poisson" if poisson_sampling else "shuffle",
                            expected_batch_size=size / batches, mechanism={
                                "clipping_norm": float(max_grad_norm),
                                "clipping_mode": grad_sample_mode, "steps": steps,
                                "integration": "private_run"})
        engine = PrivacyEngine(accountant=self.accountant_name, secure_mode=self.secure_mode)
        model.train()  # Opacus checks train mode when wrapping
        wrapped, dp_optimizer, loader = engine.make_private(
            module=model, optimizer=optimizer, data_loader=data_loader,
            noise_multiplier=plan.noise_multiplier, max_grad_norm=max_grad_norm,
            poisson_sampling=poisson_sampling, grad_sample_mode=grad_sample_mode,
            noise_generator=noise_generator)
        self.attach(dp_optimizer, engine.accountant, model=model)
        return wrapped, dp_optimizer, loader

    def attach(self, dp_optimizer: Any, accountant: Any, *, model: Any,
               sample_rate: float | None = None) -> None:
        """Count ``dp_optimizer``'s steps with ``accountant``; refuse a step beyond the
        reserved plan before the optimizer applies it (the ledger holds only the plan)."""
        assert self.plan is not None
        plan = self.plan
        if sample_rate is not None:
            dp_optimizer.attach_step_hook(accountant.get_optimizer_hook_fn(sample_rate))
        counted = dp_optimizer.step_hook

        def guarded(optim: Any) -> None:
            if self.steps_taken() >= plan.steps:
                raise BudgetExceeded(f"run {self.run_id} reserved {plan.steps} steps and "
                                     "tried one more; the update was not applied")
            counted(optim)

        dp_optimizer.attach_step_hook(guarded)
        self._accountant = accountant
        self.model = model

    # -- progress ----------------------------------------------------------------------
    def steps_taken(self) -> int:
        history = getattr(self._accountant, "history", None) or []
        return int(sum(steps for _, _, steps in history))

    def events(self) -> list[MechanismEvent]:
        """The events Opacus' accountant recorded (what the ledger commits)."""
        assert self.plan is not None
        history = getattr(self._accountant, "history", None) or []
        return [MechanismEvent(noise_multiplier=float(sigma), sample_rate=float(rate),
                               steps=int(steps), sampler=self.plan.sampler)
                for sigma, rate, steps in history if steps]

    def epsilon(self) -> float:
        """Epsilon spent so far (the budget layer's accountant on the recorded events)."""
        if self.plan is None:
            return 0.0
        return float(account_events(self.events(), delta=self.delta,
                                    accountant=self.accountant_name)["epsilon"])

    # -- the end -----------------------------------------------------------------------
    def commit(self) -> tuple[Any, list[MechanismEvent], dict[str, Any]]:
        """Commit the recorded events (no card); returns (entry, events, accounting)."""
        if self.plan is None:
            raise InputError("nothing to commit: make_private was never called",
                             field="make_private")
        if self._done:
            raise InputError(f"run {self.run_id} is already finished", field="finish")
        events = self.events()
        accounting = account_events(events, delta=self.delta, accountant=self.accountant_name)
        self._done = True
        entry = self.gate.commit(self.run_id, events=events, epsilon=accounting["epsilon"])
        return entry, events, accounting

    def finish(self, out: str | Path | None = None, *, model: Any = None,
               tokenizer: Any = None, base_model: str | None = None, task: str = "custom",
               metrics: dict[str, Any] | None = None, overwrite: bool = False) -> FinishedRun:
        """Commit what Opacus recorded; with ``out``, write the model directory (weights,
        tokenizer, signed ``privacy.json`` and ``README.md``) -- atomically."""
        entry, events, accounting = self.commit()
        if out is None:
            return FinishedRun(self.run_id, None, tuple(events), accounting, None)
        from dataprotocol.records import write_model_dir
        from dataprotocol.train._savable import savable

        final = savable(_unwrapped(model if model is not None else self.model))
        mechanism = {**self.mechanism, "steps": sum(e.steps for e in events)}
        payload = self.gate.payload(
            run_id=self.run_id, base_model=base_model or _model_name(final), task=task,
            entry=entry, mechanism=mechanism, events=events, accounting=accounting,
            metrics=metrics or {})
        model_dir = write_model_dir(out, model=final, tokenizer=tokenizer,
                                    signer=self.gate.key, payload=payload,
                                    overwrite=overwrite)
        return FinishedRun(self.run_id, Path(model_dir), tuple(events), accounting, payload)

    def __enter__(self) -> PrivateRun:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        """Leaving normally commits what ran (if ``finish`` did not); leaving by an
        exception (Ctrl-C included) commits nothing: the reservation stays spent."""
        if kind is None and self.plan is not None and not self._done:
            self.commit()


def _unwrapped(model: Any) -> Any:
    while hasattr(model, "_module"):  # Opacus' GradSampleModule / DPDDP wrappers
        model = model._module
    return model


def _model_name(model: Any) -> str:
    config = getattr(model, "config", None)
    name = getattr(config, "_name_or_path", "") if config is not None else ""
    return str(name) or type(model).__name__
