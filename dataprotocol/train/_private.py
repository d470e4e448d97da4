"""Wiring one DP-SGD step for each clipping mode on top of Opacus.

* ``hooks``: Opacus ``GradSampleModule`` materialises per-example gradients
  (cheap when few parameters train, e.g. LoRA);
* ``ghost``: Opacus fast gradient clipping (Li et al. 2022): per-example norms without
  per-example gradients, then a second backward on the re-weighted loss;
* ``bookkeeping``: one backward (Bu et al. 2023), see :mod:`._bookkeeping`;
* ``none``: no privacy at all -- only for benchmarks' baselines.

All modes end in an Opacus DP optimizer, which adds Gaussian noise of std
``noise_multiplier * max_grad_norm`` to the clipped sum and divides by the *expected*
batch size (with Poisson sampling the real batch size is itself private).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import nn

from dataprotocol.train._bookkeeping import BookkeepingClipper, BookkeepingUnsupported

__all__ = ["PrivateStep", "make_private_step"]

LossFn = Callable[[nn.Module], tuple[torch.Tensor, torch.Tensor]]


class PrivateStep:
    """forward + backward of one physical batch; ``optimizer.step()`` is the caller's."""

    def __init__(self, *, mode: str, model: nn.Module, optimizer: Any,
                 per_example_loss: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
                 criterion: Any = None, clipper: BookkeepingClipper | None = None) -> None:
        self.mode = mode
        self.model = model
        self.optimizer = optimizer
        self.per_example_loss = per_example_loss
        self.criterion = criterion
        self.clipper = clipper

    def backward(self, outputs: Callable[[nn.Module], tuple[torch.Tensor, torch.Tensor]],
                 *, batch_size: int) -> float:
        """Run forward and backward; leave what the optimizer needs. Returns mean loss."""
        if batch_size == 0:
            self._empty()
            return float("nan")
        if self.mode == "bookkeeping":
            assert self.clipper is not None
            losses = self.clipper.forward_backward(
                lambda: self.per_example_loss(*outputs(self.model)))
            return float(losses.mean())
        logits, targets = outputs(self.model)
        per_example = self.per_example_loss(logits, targets)
        if self.mode == "ghost":
            from opacus.utils.fast_gradient_clipping_utils import DPTensorFastGradientClipping

            # The task's own per-example loss (a causal LM averages over the tokens that
            # carry loss), wrapped as Opacus' criterion would wrap its output: the
            # double backward (norms, then the re-weighted loss) happens in .backward().
            loss: Any = DPTensorFastGradientClipping(self.model, self.optimizer, per_example,
                                                     "mean")
        else:
            loss = per_example.mean()
        loss.backward()
        return float(loss.item())

    def _empty(self) -> None:
        """An empty Poisson batch: the step is noise only (and still counts)."""
        for param in self.optimizer.params:
            if self.mode == "hooks":
                param.grad_sample = torch.zeros((0, *param.shape), device=param.device,
                                                dtype=param.dtype)
            else:
                param.grad = torch.zeros_like(param)


def make_private_step(model: nn.Module, optimizer: torch.optim.Optimizer, *, mode: str,
                      noise_multiplier: float, max_grad_norm: float,
                      expected_batch_size: int, secure_mode: bool,
                      generator: torch.Generator | None,
                      per_example_loss: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
                      distributed: bool = False) -> tuple[PrivateStep, str]:
    """Wrap ``model`` / ``optimizer`` for ``mode``; returns the step and the mode used
    (book-keeping falls back to hooks for models it cannot handle).

    ``distributed``: ``model`` is a DPDDP replica; Opacus' distributed optimizers add
    the noise on rank 0 only and all-reduce the noisy sums (``_distributed``), and
    ``expected_batch_size`` is this rank's share of the logical batch."""
    from opacus import optimizers as opt
    from opacus.grad_sample import GradSampleModule, GradSampleModuleFastGradientClipping
    from opacus.validators import ModuleValidator

    from dataprotocol.train._noise import ClippedSumDPOptimizer

    DPOptimizer = opt.DistributedDPOptimizer if distributed else opt.DPOptimizer
    # Opacus' distributed optimizer noises on rank 0 only: kept as it is
    DPOptimizerFastGradientClipping = (opt.DistributedDPOptimizerFastGradientClipping
                                       if distributed else ClippedSumDPOptimizer)

    if mode == "none":
        return PrivateStep(mode=mode, model=model, optimizer=optimizer,
                           per_example_loss=per_example_loss), mode
    errors = ModuleValidator.validate(model, strict=False)
    if errors:
        from dataprotocol.errors import InputError

        raise InputError("model has layers DP-SGD cannot train: " +
                         "; ".join(str(e) for e in errors), field="model")
    from dataprotocol.train._lm_layers import register_lm_layers

    register_lm_layers(model)  # GPT-2 Conv1D, Llama-family RMSNorm: exact per-example rules
    if mode == "ghost" and _has_tied_parameters(model):
        # Opacus ghost clipping refuses tied weights (an LM's input/output embeddings);
        # book-keeping computes the same clipped sum for them in one backward.
        mode = "bookkeeping"
    noise = dict(noise_multiplier=noise_multiplier, max_grad_norm=max_grad_norm,
                 expected_batch_size=expected_batch_size, loss_reduction="mean",
                 secure_mode=secure_mode, generator=generator)
    if mode == "bookkeeping":
        try:
            clipper = BookkeepingClipper(model, max_grad_norm=max_grad_norm)
        except BookkeepingUnsupported:
            mode = "hooks"
        else:
            dp_opt = DPOptimizerFastGradientClipping(optimizer, **noise)
            return PrivateStep(mode=mode, model=model, optimizer=dp_opt,
                               per_example_loss=per_example_loss, clipper=clipper), mode
    if mode == "ghost":
        gsm = GradSampleModuleFastGradientClipping(
            model, batch_first=True, loss_reduction="mean", max_grad_norm=max_grad_norm,
            use_ghost_clipping=True)
        dp_opt = DPOptimizerFastGradientClipping(optimizer, **noise)
        return PrivateStep(mode=mode, model=gsm, optimizer=dp_opt,
                           per_example_loss=per_example_loss), mode
    gsm_hooks = GradSampleModule(model, batch_first=True, loss_reduction="mean")
    dp_optimizer = DPOptimizer(optimizer, **noise)
    return PrivateStep(mode="hooks", model=gsm_hooks, optimizer=dp_optimizer,
                       per_example_loss=per_example_loss), "hooks"


def _has_tied_parameters(model: nn.Module) -> bool:
    seen: set[int] = set()
    for module in model.modules():
        for param in module.parameters(recurse=False):
            if param.requires_grad and id(param) in seen:
                return True
            seen.add(id(param))
    return False
