"""Book-keeping (BK) clipping: DP-SGD with a single backward pass.

Bu, Wang, Zha, Karypis, "Differentially Private Optimization on Large Model at Small
Cost" (ICML 2023). Ghost clipping (Li et al. 2022; Opacus ``grad_sample_mode="ghost"``)
runs backward twice: once for per-example gradient norms, once more for the
re-weighted loss. BK keeps ("book-keeps") each trainable layer's input activations
``a`` and output gradients ``g`` from ONE backward, computes per-example norms from them
(ghost norm ``<a a^T, g g^T>`` or the per-example gradient, whichever is cheaper for the
layer's shapes -- the paper's hybrid rule), then forms the clipped sum directly:
``grad W = sum_i c_i g_i^T a_i`` with ``c_i = min(1, C / ||grad_i||)``.

During the forward/backward the trainable parameters are frozen so that autograd does
not waste time on the (unclipped) weight gradients it would otherwise compute; only the
gradients with respect to layer *outputs* flow, which is all BK needs.

Per-layer norm and per-example gradient functions come from Opacus' registries
(``NORM_SAMPLERS`` / ``GRAD_SAMPLERS``; :mod:`._lm_layers` adds GPT-2's Conv1D and the
Llama-family RMSNorm). Tied input/output embeddings -- one ``(vocab, d)`` matrix used by
an ``nn.Embedding`` and the ``nn.Linear`` LM head -- are handled exactly: a row's
gradient of the shared matrix is the *sum* of both uses, so its squared norm is
``||E||^2 + ||L||^2 + 2 <E, L>``, the cross term computed from the same book-kept
tensors without any (vocab x d) per-example copy (:func:`_tied_cross_term`). Any other
parameter sharing is not supported: callers fall back to Opacus hooks
(:class:`BookkeepingUnsupported`).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import torch
from torch import nn

__all__ = ["BookkeepingClipper", "BookkeepingUnsupported"]


class BookkeepingUnsupported(NotImplementedError):
    """The model has a layer book-keeping cannot handle (e.g. tied parameters)."""


def _own_trainable(module: nn.Module) -> list[nn.Parameter]:
    return [p for p in module.parameters(recurse=False) if p.requires_grad]


def _own_frozen(module: nn.Module, frozen: set[int]) -> list[nn.Parameter]:
    return [p for p in module.parameters(recurse=False) if id(p) in frozen]


class _Gram:
    """``a a^T`` per example, computed once for the layers that read the same input
    (query/key/value; Llama's gate/up projections)."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value: torch.Tensor | None = None


class _Record:
    """One layer's book-kept tensors. ``per_example`` replaces activation and backprop
    for a layer whose per-example gradient is cheaper than its ghost norm."""

    __slots__ = ("activation", "backprop", "gram", "per_example")

    def __init__(self, activation: torch.Tensor, gram: _Gram) -> None:
        self.activation: torch.Tensor | None = activation
        self.backprop: torch.Tensor | None = None
        self.gram = gram
        self.per_example: dict[nn.Parameter, torch.Tensor] | None = None


class BookkeepingClipper:
    """Hooks a model for BK clipping. Use :meth:`backward` instead of ``loss.backward()``.

    After :meth:`backward`, every trainable parameter's ``.grad`` holds the *sum over
    the batch of the clipped per-example gradients* -- what Opacus'
    ``DPOptimizerFastGradientClipping`` expects (it adds noise and averages).
    """

    def __init__(self, model: nn.Module, *, max_grad_norm: float) -> None:
        self.model = model
        self.max_grad_norm = float(max_grad_norm)
        from opacus.grad_sample import GradSampleModule

        from dataprotocol.train._lm_layers import register_lm_layers

        register_lm_layers(model)
        known = set(GradSampleModule.GRAD_SAMPLERS)
        self.modules: list[nn.Module] = []
        seen: dict[int, tuple[str, nn.Module]] = {}
        self.ties: list[tuple[nn.Embedding, nn.Linear]] = []
        for name, module in model.named_modules():
            params = _own_trainable(module)
            if not params:
                continue
            if type(module) not in known:  # only layers Opacus has a per-example rule for
                raise BookkeepingUnsupported(f"{name}: {type(module).__name__}")
            for param in params:
                if id(param) in seen:
                    self.ties.append(_tie(seen[id(param)], (name, module)))
                seen[id(param)] = (name, module)
            self.modules.append(module)
        self._tied = {id(m) for pair in self.ties for m in pair}
        self.params = list({id(p): p for m in self.modules for p in _own_trainable(m)}.values())
        self._records: dict[int, _Record] = {}
        self._active = False
        self._squared: torch.Tensor | None = None
        self._frozen_ids: set[int] = set()
        self._inputs: dict[int, tuple[weakref.ref[torch.Tensor], _Gram]] = {}
        self._handles = [m.register_forward_hook(self._forward_hook) for m in self.modules]
        self.last_norms: torch.Tensor | None = None

    def remove(self) -> None:
        for handle in self._handles:
            handle.remove()
        self._handles = []

    # -- capture ---------------------------------------------------------------------
    def _forward_hook(self, module: nn.Module, inputs: tuple[Any, ...], output: Any) -> Any:
        if not self._active:
            return None
        if not isinstance(output, torch.Tensor) or not inputs:
            raise BookkeepingUnsupported(f"{type(module).__name__} output is not a tensor")
        if id(module) in self._records:
            raise BookkeepingUnsupported(f"{type(module).__name__} called twice per step")
        source = inputs[0]
        shared = self._inputs.get(id(source))
        if shared is None or shared[0]() is not source:  # weakly held: no memory kept
            shared = (weakref.ref(source), _Gram())
            self._inputs[id(source)] = shared
        record = _Record(source.detach(), shared[1])
        self._records[id(module)] = record
        if not output.requires_grad:  # the first trainable layer: its params are frozen
            output = output.detach().requires_grad_()

        def keep(grad: torch.Tensor) -> None:
            record.backprop = grad.detach()
            own = _own_frozen(module, self._frozen_ids)
            for param in own:  # Opacus' samplers skip a parameter that needs no grad
                param.requires_grad_(True)
            try:
                self._arrived(module, record)
            finally:
                for param in own:
                    param.requires_grad_(False)

        output.register_hook(keep)
        return output

    def _add_squared(self, part: torch.Tensor) -> None:
        part = part.float()
        self._squared = part if self._squared is None else self._squared + part

    def _arrived(self, module: nn.Module, record: _Record) -> None:
        """A layer's output gradient has arrived (mid-backward): add its per-example
        squared norms to the running [B] total now, while the backward is still going,
        and keep only what the clipped sum will need. A layer whose per-example gradient
        is the cheaper rule keeps that and lets go of its activation and backprop."""
        if id(module) in self._tied:
            pair = next(p for p in self.ties if module in p)
            emb, head = self._pair_records(pair)
            if module is pair[0]:
                assert emb is not None and emb.activation is not None
                self._add_squared(_embedding_ghost_squared(emb.activation, record.backprop))  # type: ignore[arg-type]
            else:
                squares, _ = _layer_squared_norms(pair[1], record, force_ghost=True)
                self._add_squared(squares[0])
            if emb is not None and head is not None:  # the second of the two to arrive
                self._add_squared(2 * _tied_cross_term(emb, head))
            return
        squares, per_example = _layer_squared_norms(module, record)
        for square in squares:
            self._add_squared(square)
        if per_example is not None:
            record.per_example = per_example
            record.activation = record.backprop = None

    @contextmanager
    def _frozen(self) -> Iterator[None]:
        for param in self.params:
            param.requires_grad_(False)
        self._frozen_ids = {id(p) for p in self.params}
        try:
            yield
        finally:
            self._frozen_ids = set()
            for param in self.params:
                param.requires_grad_(True)

    # -- the step --------------------------------------------------------------------
    def forward_backward(self, run: Any) -> torch.Tensor:
        """``run()`` returns per-example losses [B]; one backward; sets clipped ``.grad``.

        Returns the per-example losses (detached).
        """
        self._records.clear()
        self._inputs.clear()
        self._squared = None
        self._active = True
        try:
            with self._frozen():
                losses = run()
                if losses.numel():
                    losses.sum().backward()
            self._clip_and_sum(batch_size=int(losses.shape[0]))
        finally:
            self._active = False
            self._records.clear()
            self._inputs.clear()
            self._squared = None
        return losses.detach()

    def _clip_and_sum(self, *, batch_size: int) -> None:
        """The norms are complete once backward returns; each layer's clipped sum is then
        formed and its book-kept tensors dropped at once, so the weight gradients being
        allocated replace, rather than add to, what was kept (the tied LM head -- the
        (batch x seq x vocab) logits gradient -- goes first)."""
        if batch_size == 0:
            for param in self.params:
                param.grad = torch.zeros_like(param)
            return
        squared = self._squared
        if squared is None:
            squared = torch.zeros(batch_size, device=self.params[0].device)
        self._squared = None
        total = squared.clamp(min=0).sqrt()
        self.last_norms = total
        coef = (self.max_grad_norm / (total + 1e-6)).clamp(max=1.0)
        for embedding, head in self.ties:
            self._tied_clipped_sum(embedding, head, coef)
            self._records.pop(id(embedding), None)
            self._records.pop(id(head), None)
        for module in self.modules:
            if id(module) in self._tied:
                continue
            record = self._records.pop(id(module), None)
            if record is None or (record.backprop is None and record.per_example is None):
                for param in _own_trainable(module):
                    param.grad = torch.zeros_like(param)
                continue
            _clipped_sum(module, record, coef)
            del record

    # -- tied input/output embeddings ---------------------------------------------------
    def _pair_records(self, pair: tuple[nn.Embedding, nn.Linear]
                      ) -> tuple[_Record | None, _Record | None]:
        records = [self._records.get(id(m)) for m in pair]
        return tuple(r if r is not None and r.backprop is not None else None  # type: ignore
                     for r in records)

    def _tied_clipped_sum(self, embedding: nn.Embedding, head: nn.Linear,
                          coef: torch.Tensor) -> None:
        emb, out = self._pair_records((embedding, head))
        grad = torch.zeros(embedding.weight.shape, dtype=torch.float32,
                           device=embedding.weight.device)
        if out is not None:  # scale the (.., d) activations, never the (.., vocab) backprop
            assert out.backprop is not None and out.activation is not None
            grad += torch.mm(out.backprop.float().reshape(-1, out.backprop.shape[-1]).t(),
                             _scaled(out.activation, coef).reshape(-1, grad.shape[1]))
            out.activation = out.backprop = None
        if emb is not None:
            assert emb.backprop is not None and emb.activation is not None
            grad.index_add_(0, emb.activation.reshape(-1),
                            _scaled(emb.backprop, coef).reshape(-1, embedding.embedding_dim))
            emb.activation = emb.backprop = None
        embedding.weight.grad = grad.to(embedding.weight.dtype)


def _scaled(values: torch.Tensor, coef: torch.Tensor) -> torch.Tensor:
    """values [B, ...] (as float32) times the per-example coefficient."""
    return values.float() * coef.view(-1, *([1] * (values.dim() - 1)))


def _tie(first: tuple[str, nn.Module], second: tuple[str, nn.Module]
         ) -> tuple[nn.Embedding, nn.Linear]:
    """The one sharing BK supports: an Embedding and a bias-free Linear LM head."""
    modules = {type(first[1]): first[1], type(second[1]): second[1]}
    embedding, head = modules.get(nn.Embedding), modules.get(nn.Linear)
    if not isinstance(embedding, nn.Embedding) or not isinstance(head, nn.Linear) or \
            head.bias is not None or embedding.weight is not head.weight:
        raise BookkeepingUnsupported(f"parameter shared by {first[0]} and {second[0]}")
    return embedding, head


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
        out.append(grads.sum(1).square().sum(1))
    return out


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
    norm_samplers = GradSampleModuleFastGradientClipping.NORM_SAMPLERS
    acts = [activation.float() if activation.is_floating_point() else activation]
    if type(module) in norm_samplers and not _is_linear_like(module):
        norms = norm_samplers[type(module)](module, acts, backprop.float())
        return [norm.float() ** 2 for norm in norms.values()], None
    sampler = GradSampleModule.GRAD_SAMPLERS.get(type(module), ft_compute_per_sample_gradient)
    per_example = sampler(module, acts, backprop.float())
    squares = [gs.reshape(gs.shape[0], -1).float().square().sum(1) for gs in per_example.values()]
    return squares, per_example


def _clipped_sum(module: nn.Module, record: _Record, coef: torch.Tensor) -> None:
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
        rows = backprop.float().reshape(-1, backprop.shape[-1])  # [B*T, out]
        inputs = activation.float().reshape(-1, activation.shape[-1])  # [B*T, in]
        # the coefficient scales whichever side is narrower: one small temporary
        if rows.shape[1] <= inputs.shape[1]:
            rows = _scaled(backprop, coef).reshape(rows.shape)
        else:
            inputs = _scaled(activation, coef).reshape(inputs.shape)
        if layer.weight.requires_grad:  # one GEMM over all (example, position) rows
            grad = torch.mm(rows.t(), inputs) if isinstance(module, nn.Linear) \
                else torch.mm(inputs.t(), rows)  # GPT-2's Conv1D stores weight [in, out]
            layer.weight.grad = grad.to(layer.weight.dtype)
        if layer.bias is not None and layer.bias.requires_grad:
            per_row = backprop.float().reshape(backprop.shape[0], -1, backprop.shape[-1]).sum(1)
            layer.bias.grad = (coef.to(per_row.dtype) @ per_row).to(layer.bias.dtype)
    elif isinstance(module, nn.Embedding):
        grad = torch.zeros(module.weight.shape, dtype=torch.float32, device=backprop.device)
        grad.index_add_(0, activation.reshape(-1),
                        _scaled(backprop, coef).reshape(-1, module.embedding_dim))
        module.weight.grad = grad.to(module.weight.dtype)
    else:  # pragma: no cover - only Linear/Embedding have norm samplers today
        raise BookkeepingUnsupported(f"no clipped-sum rule for {type(module).__name__}")
