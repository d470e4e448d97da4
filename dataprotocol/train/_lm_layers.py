"""Per-example gradient rules for the two layer kinds LLMs use that Opacus does not know.

* ``transformers.pytorch_utils.Conv1D`` (GPT-2's projections): ``y = x W + b`` with
  ``W`` stored [in, out] -- a linear layer with the weight transposed, so its
  per-example gradient is ``a^T g`` and its ghost norm is the linear one.
* RMSNorm as the model families define it (``LlamaRMSNorm``, ``Qwen2RMSNorm``, ... are
  not ``nn.RMSNorm``): ``y = w * x / rms(x)``; the per-example gradient of ``w`` is
  ``sum_t g_t * x_t / rms(x_t)``. A class is registered only after checking on a random
  input that its forward really is that formula; any other norm keeps Opacus' functorch
  fallback (correct, slower).

Without these, Opacus hooks and ghost clipping fall back to functorch for them and
book-keeping refuses the model. Registration is global (Opacus' registries) and never
overwrites an existing rule.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

__all__ = ["register_lm_layers", "is_conv1d", "rms_normalise"]


def is_conv1d(module: nn.Module) -> bool:
    weight = getattr(module, "weight", None)
    return type(module).__name__ == "Conv1D" and hasattr(module, "nf") and \
        isinstance(weight, torch.Tensor) and weight.dim() == 2


def _epsilon(module: nn.Module) -> float | None:
    for name in ("variance_epsilon", "eps"):
        value = getattr(module, name, None)
        if isinstance(value, float):
            return value
    return None


def rms_normalise(module: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """x / rms(x) in float32, cast back to x's dtype (what the Llama family computes)."""
    eps = _epsilon(module)
    assert eps is not None
    x32 = x.float()
    return (x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + eps)).to(x.dtype)


def _is_rms_norm(module: nn.Module) -> bool:
    weight = getattr(module, "weight", None)
    if not type(module).__name__.endswith("RMSNorm") or not isinstance(weight, nn.Parameter) \
            or weight.dim() != 1 or _epsilon(module) is None or isinstance(module, nn.RMSNorm):
        return False
    probe = torch.randn(2, 3, weight.shape[0], generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        probe = probe.to(weight.device, weight.dtype)
        expected = weight * rms_normalise(module, probe)
        try:
            actual = module(probe)
        except Exception:  # an unusual signature: leave it to functorch
            return False
    return isinstance(actual, torch.Tensor) and torch.allclose(actual, expected, atol=1e-5,
                                                               rtol=1e-4)


def _rms_grad_sample(layer: Any, activations: list[torch.Tensor],
                     backprops: torch.Tensor) -> dict[nn.Parameter, torch.Tensor]:
    normalised = rms_normalise(layer, activations[0]).to(backprops.dtype)
    if not layer.weight.requires_grad:
        return {}
    return {layer.weight: torch.einsum("n...d,n...d->nd", backprops, normalised)}


def _conv1d_grad_sample(layer: Any, activations: list[torch.Tensor],
                        backprops: torch.Tensor) -> dict[nn.Parameter, torch.Tensor]:
    acts = activations[0].to(backprops.dtype)
    out: dict[nn.Parameter, torch.Tensor] = {}
    if layer.weight.requires_grad:
        out[layer.weight] = torch.einsum("n...i,n...j->nij", acts, backprops)
    if layer.bias is not None and layer.bias.requires_grad:
        out[layer.bias] = torch.einsum("n...k->nk", backprops)
    return out


def register_lm_layers(model: nn.Module) -> list[str]:
    """Register rules for the Conv1D / RMSNorm classes ``model`` uses; returns their names."""
    from opacus.grad_sample import GradSampleModule
    from opacus.grad_sample.grad_sample_module_fast_gradient_clipping import (
        GradSampleModuleFastGradientClipping,
    )
    from opacus.grad_sample.linear import compute_linear_norm_sample

    grad_rules: dict[Any, Any] = GradSampleModule.GRAD_SAMPLERS
    norm_rules: dict[Any, Any] = GradSampleModuleFastGradientClipping.NORM_SAMPLERS
    added: list[str] = []
    for module in model.modules():
        kind = type(module)
        if kind in grad_rules:
            continue
        if is_conv1d(module):
            grad_rules[kind] = _conv1d_grad_sample
            # ||a^T g||_F = ||g^T a||_F: the linear ghost norm reads weight/bias by name
            norm_rules.setdefault(kind, compute_linear_norm_sample)
        elif _is_rms_norm(module):
            grad_rules[kind] = _rms_grad_sample
        else:
            continue
        added.append(kind.__name__)
    return added
