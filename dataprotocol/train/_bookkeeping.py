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
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import torch
from torch import nn

from dataprotocol.train._bookkeeping_buffers import _GradBuffers
from dataprotocol.train._bookkeeping_norms import (
    BookkeepingUnsupported,
    _clipped_sum,
    _embedding_ghost_squared,
    _Gram,
    _layer_squared_norms,
    _Record,
    _scaled,
    _tied_cross_term,
)

__all__ = ["BookkeepingClipper", "BookkeepingUnsupported"]


def _own_trainable(module: nn.Module) -> list[nn.Parameter]:
    return [p for p in module.parameters(recurse=False) if p.requires_grad]


def _own_frozen(module: nn.Module, frozen: set[int]) -> list[nn.Parameter]:
    return [p for p in module.parameters(recurse=False) if id(p) in frozen]


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
        self._zeros = _GradBuffers()
        self._handles = [m.register_forward_hook(self._forward_hook) for m in self.modules]
        self.last_norms: torch.Tensor | None = None

    def remove(self) -> None:
        for handle in self._handles:
            handle.remove()
        self._handles = []
        self._zeros = _GradBuffers()

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
        _mark_own_backprops(list(self._records.values()))
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
            _clipped_sum(module, record, coef, self._zeros)
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
        grad = self._zeros(embedding, embedding.weight.shape, embedding.weight.device)
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


def _mark_own_backprops(records: list[_Record]) -> None:
    """A backprop whose storage no other book-kept tensor shares may be scaled in place.
    Shared ones exist: the outputs of modules that are added (BERT's word and token-type
    embeddings; a LoRA adapter and its base layer) receive one gradient tensor."""
    tensors = [t for r in records for t in (r.activation, r.backprop) if t is not None]
    uses = Counter(t.untyped_storage().data_ptr() for t in tensors)
    for record in records:
        record.own_backprop = record.backprop is not None and \
            uses[record.backprop.untyped_storage().data_ptr()] == 1


def _tie(first: tuple[str, nn.Module], second: tuple[str, nn.Module]
         ) -> tuple[nn.Embedding, nn.Linear]:
    """The one sharing BK supports: an Embedding and a bias-free Linear LM head."""
    modules = {type(first[1]): first[1], type(second[1]): second[1]}
    embedding, head = modules.get(nn.Embedding), modules.get(nn.Linear)
    if not isinstance(embedding, nn.Embedding) or not isinstance(head, nn.Linear) or \
            head.bias is not None or embedding.weight is not head.weight:
        raise BookkeepingUnsupported(f"parameter shared by {first[0]} and {second[0]}")
    return embedding, head
