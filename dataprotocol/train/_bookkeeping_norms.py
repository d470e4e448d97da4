"""Book-keeping clipping's per-layer math: per-example squared gradient norms from the
book-kept tensors (ghost norm or per-example gradient, the hybrid rule of Bu et al. 2023,
sec. 3.3) and the clipped sum ``sum_i c_i g_i^T a_i``; the driver is
:class:`._bookkeeping.BookkeepingClipper`."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

__all__ = ["BookkeepingUnsupported"]


class BookkeepingUnsupported(NotImplementedError):
    """The model has a layer book-keeping cannot handle (e.g. tied parameters)."""


class _Gram:
    """``a a^T`` per example, computed once for the layers that read the same input
    (query/key/value; Llama's gate/up projections)."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value: torch.Tensor | None = None


class _Record:
    """One layer's book-kept tensors. ``per_example`` replaces activation and backprop
    for a layer whose per-example gradient is cheaper than its ghost norm. ``bias_rows``
    [B, out]: a ghost-norm layer's per-example bias gradients, formed once for the norm
    and reused by the clipped sum. ``own_backprop``: no other record shares the
    backprop's storage, so the clipped sum may scale it in place (no full-size copy)."""

    __slots__ = ("activation", "backprop", "bias_rows", "gram", "own_backprop", "per_example")

    def __init__(self, activation: torch.Tensor, gram: _Gram) -> None:
        self.activation: torch.Tensor | None = activation
        self.backprop: torch.Tensor | None = None
        self.bias_rows: torch.Tensor | None = None
        self.gram = gram
        self.own_backprop = False
        self.per_example: dict[nn.Parameter, torch.Tensor] | None = None


def _scaled(values: torch.Tensor, coef: torch.Tensor) -> torch.Tensor:
    """values [B, ...] (as float32) times the per-example coefficient."""
    return values.float() * coef.view(-1, *([1] * (values.dim() - 1)))


def _tied_cross_term(emb: _Record, head: _Record) -> torch.Tensor:
    """<E_i, L_i> with E_i = sum_t onehot(id_t) ge_t^T and L_i = sum_s gl_s a_s^T:
    sum_{t,s} gl_s[id_t] <ge_t, a_s> -- O(T^2 (d + 1)) per row, no (vocab x d) tensor."""
    assert emb.backprop is not None and head.backprop is not None
    assert emb.activation is not None and head.activation is not None
    ids = emb.activation.reshape(emb.activation.shape[0], -1)  # [B, T]
    ge = emb.backprop.float().reshape(ids.shape[0], ids.shape[1], -1)  # [B, T, d]
    gl = head.backprop.float().reshape(ids.shape[0], -1, head.backprop.shape[-1])  # [B, S, V]
    acts = head.activation.float().reshape(ids.shape[0], gl.shape[1], -1)  # [B, S, d]
    picked = torch.gather(gl, 2, ids[:, None, :].expand(-1, gl.shape[1], -1))  # [B, S, T]
    inner = torch.bmm(acts, ge.transpose(1, 2))  # [B, S, T]: <a_s, ge_t>
    return (picked * inner).sum((1, 2))


def _linear_ghost_cheaper(module: nn.Module, backprop: torch.Tensor) -> bool:
    """Hybrid rule (Bu et al. 2023, sec. 3.3): ghost norm costs O(T^2) per example,
    the per-example gradient O(d_in * d_out)."""
    if backprop.dim() == 2:
        return True
    steps = 1
    for size in backprop.shape[1:-1]:
        steps *= int(size)
    weight: Any = module.weight
    return 2 * steps * steps < weight.numel()


def _is_linear_like(module: nn.Module) -> bool:
    from dataprotocol.train._lm_layers import is_conv1d

    return isinstance(module, nn.Linear) or is_conv1d(module)


def _embedding_ghost_squared(ids: torch.Tensor, backprop: torch.Tensor) -> torch.Tensor:
    """||sum_t onehot(id_t) g_t||^2 = sum_{t,t'} [id_t = id_t'] <g_t, g_t'>: O(T^2 d)
    per example, no per-example copy of the (vocab x d) table."""
    ids = ids.reshape(ids.shape[0], -1)
    grads = backprop.reshape(ids.shape[0], ids.shape[1], -1).float()
    same = (ids[:, :, None] == ids[:, None, :]).to(grads.dtype)
    return (torch.bmm(grads, grads.transpose(1, 2)) * same).sum((1, 2)).clamp(min=0)


def _linear_ghost_squared(module: nn.Module, record: _Record) -> list[torch.Tensor]:
    """Squared per-example norms of a Linear/Conv1D's weight and bias gradients.

    Weight: ``<a a^T, g g^T>`` (Li et al. 2022), the input Gram shared by the layers
    that read the same input. Bias: ``||sum_t g_t||^2``, O(T d) -- Opacus' norm sampler
    forms ``g g^T`` a second time for it."""
    backprop, activation = record.backprop, record.activation
    assert backprop is not None and activation is not None
    layer: Any = module
    out: list[torch.Tensor] = []
    size = backprop.shape[0]
    grads = backprop.float().reshape(size, -1, backprop.shape[-1])  # [B, T, out]
    if layer.weight.requires_grad:
        acts = activation.float().reshape(size, -1, activation.shape[-1])  # [B, T, in]
        if grads.shape[1] == 1:
            out.append(grads.square().sum((1, 2)) * acts.square().sum((1, 2)))
        else:
            gram = record.gram.value
            if gram is None:
                gram = record.gram.value = torch.bmm(acts, acts.transpose(1, 2))
            ggt = torch.bmm(grads, grads.transpose(1, 2))
            out.append((ggt * gram).sum((1, 2)).clamp(min=0))
    if layer.bias is not None and layer.bias.requires_grad:
        record.bias_rows = _sum_over_steps(grads)
        out.append(record.bias_rows.square().sum(1))
    return out


def _sum_over_steps(grads: torch.Tensor) -> torch.Tensor:
    """[B, T, d] -> [B, d], sum over T as a batched GEMM with a ones row: on CPU up to
    4x faster than ``sum(1)``, a strided reduction, for d = 1536."""
    ones = grads.new_ones(grads.shape[0], 1, grads.shape[1])
    return torch.bmm(ones, grads).squeeze(1)


def _layer_squared_norms(module: nn.Module, record: _Record, *, force_ghost: bool = False
                         ) -> tuple[list[torch.Tensor], dict[nn.Parameter, torch.Tensor] | None]:
    """Per-example squared gradient norms [B] of each trainable parameter of the layer,
    and its per-example gradients where that rule was the cheaper one."""
    from opacus.grad_sample import GradSampleModule
    from opacus.grad_sample.functorch import ft_compute_per_sample_gradient
    from opacus.grad_sample.grad_sample_module_fast_gradient_clipping import (
        GradSampleModuleFastGradientClipping,
    )

    backprop, activation = record.backprop, record.activation
    assert backprop is not None and activation is not None
    if isinstance(module, nn.Embedding) and type(module) is nn.Embedding:
        return [_embedding_ghost_squared(activation, backprop)], None
    if _is_linear_like(module) and (force_ghost or _linear_ghost_cheaper(module, backprop)):
        return _linear_ghost_squared(module, record), None
    if type(module) is nn.LayerNorm and len(module.normalized_shape) == 1 and \
            backprop.dim() >= 3:
        per_example = _layer_norm_per_example(module, activation, backprop)
        return [grads.square().sum(1) for grads in per_example.values()], per_example
    norm_samplers = GradSampleModuleFastGradientClipping.NORM_SAMPLERS
    acts = [activation.float() if activation.is_floating_point() else activation]
    if type(module) in norm_samplers and not _is_linear_like(module):
        norms = norm_samplers[type(module)](module, acts, backprop.float())
        return [norm.float() ** 2 for norm in norms.values()], None
    sampler = GradSampleModule.GRAD_SAMPLERS.get(type(module), ft_compute_per_sample_gradient)
    per_example = sampler(module, acts, backprop.float())
    squares = [gs.reshape(gs.shape[0], -1).float().square().sum(1) for gs in per_example.values()]
    return squares, per_example


def _layer_norm_per_example(module: nn.LayerNorm, activation: torch.Tensor,
                            backprop: torch.Tensor) -> dict[nn.Parameter, torch.Tensor]:
    """Opacus' LayerNorm rule (weight: ``sum_t g_t * xhat_t``, bias: ``sum_t g_t``) with
    the sums over positions as GEMMs (:func:`_sum_over_steps`) and no second temporary."""
    size, width = backprop.shape[0], backprop.shape[-1]
    grads = backprop.float().reshape(size, -1, width)
    out: dict[nn.Parameter, torch.Tensor] = {}
    if module.weight is not None and module.weight.requires_grad:
        normed = torch.nn.functional.layer_norm(
            activation.float().reshape(size, -1, width), module.normalized_shape,
            eps=module.eps)
        out[module.weight] = _sum_over_steps(normed.mul_(grads))
    if module.bias is not None and module.bias.requires_grad:
        out[module.bias] = _sum_over_steps(grads)
    return out


def _fresh_zeros(module: nn.Module, shape: torch.Size, device: torch.device) -> torch.Tensor:
    return torch.zeros(shape, dtype=torch.float32, device=device)


def _clipped_sum(module: nn.Module, record: _Record, coef: torch.Tensor,
                 zeros: Any = _fresh_zeros) -> None:
    """``zeros(module, shape, device)``: the float32 zero tensor an embedding's gradient
    is summed into (the clipper hands out a reused one, see ``_GradBuffers``)."""
    if record.per_example is not None:
        for param, grads in record.per_example.items():
            param.grad = torch.einsum("n,n...->...", coef.to(grads.dtype), grads
                                      ).to(param.dtype)
        record.per_example = None
        return
    backprop, activation = record.backprop, record.activation
    assert backprop is not None and activation is not None
    record.backprop = record.activation = None
    if _is_linear_like(module):
        layer: Any = module
        bias_rows = record.bias_rows
        record.bias_rows = None
        if layer.bias is not None and layer.bias.requires_grad and bias_rows is None:
            bias_rows = _sum_over_steps(backprop.float().reshape(
                backprop.shape[0], -1, backprop.shape[-1]))
        rows = backprop.float().reshape(-1, backprop.shape[-1])  # [B*T, out]
        inputs = activation.float().reshape(-1, activation.shape[-1])  # [B*T, in]
        # the coefficient scales whichever side is narrower; the backprop -- autograd's
        # gradient, seen by nobody once backward has returned -- in place when no other
        # record shares it (a fresh full-size copy per layer costs page faults on CPU)
        if rows.shape[1] <= inputs.shape[1]:
            if rows.is_contiguous() and (record.own_backprop or
                                         rows.data_ptr() != backprop.data_ptr()):
                rows.view(coef.shape[0], -1).mul_(coef.to(rows.dtype).unsqueeze(1))
            else:
                rows = _scaled(backprop, coef).reshape(rows.shape)
        else:
            inputs = _scaled(activation, coef).reshape(inputs.shape)
        if layer.weight.requires_grad:  # one GEMM over all (example, position) rows
            grad = torch.mm(rows.t(), inputs) if isinstance(module, nn.Linear) \
                else torch.mm(inputs.t(), rows)  # GPT-2's Conv1D stores weight [in, out]
            layer.weight.grad = grad.to(layer.weight.dtype)
        if bias_rows is not None:
            layer.bias.grad = (coef.to(bias_rows.dtype) @ bias_rows).to(layer.bias.dtype)
    elif isinstance(module, nn.Embedding):
        grad = zeros(module, module.weight.shape, backprop.device)
        grad.index_add_(0, activation.reshape(-1),
                        _scaled(backprop, coef).reshape(-1, module.embedding_dim))
        module.weight.grad = grad.to(module.weight.dtype)
    else:  # pragma: no cover - only Linear/Embedding have norm samplers today
        raise BookkeepingUnsupported(f"no clipped-sum rule for {type(module).__name__}")
