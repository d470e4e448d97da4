"""Reused zero tensors for the largest book-kept gradients (embedding tables) on CPU.

An embedding table's clipped sum is formed in a fresh ``(vocab x d)`` float32 zero tensor
every step (MiniLM: 30522 x 384, 47 MB; SmolLM2's tied table: 113 MB). glibc serves an
allocation that size with a fresh ``mmap`` (above its 32 MiB ``M_MMAP_THRESHOLD`` cap)
and returns it on free, so every step pays a page fault per 4 KiB page and the kernel's
zeroing: measured 23.7 ms for ``torch.zeros(30522, 384)`` against 2.5 ms for ``zero_()``
of a held one (1 thread, loaded machine). The clipper keeps the last such gradient and
hands it out again, zeroed, once nothing else holds its storage any more -- the
optimizer has consumed it and ``zero_grad`` dropped every view (``p.grad``,
``p.summed_grad``). A gradient a caller still holds is never overwritten: then a fresh one
is made. The held tensor is the gradient the step would allocate anyway, at the point
where the step's memory peaks (all book-kept tensors still alive), so peak memory does not
grow; between steps it stays resident. CUDA's caching allocator already reuses memory:
only CPU tensors are kept.
"""

from __future__ import annotations

import torch
from torch import nn

#: tensors from this many elements (32 MiB of float32: glibc's mmap threshold cap) are kept
_REUSE_NUMEL = 1 << 23


def _unshared(tensor: torch.Tensor) -> bool:
    """Nothing but ``tensor`` itself holds its storage (no view, no other tensor)."""
    use_count = getattr(torch._C, "_storage_Use_Count", None)
    if use_count is None:  # pragma: no cover - a torch without it: never reuse
        return False
    storage = tensor.untyped_storage()
    return int(use_count(storage._cdata)) == 2  # the tensor and this `storage` object


class _GradBuffers:
    """``zeros(module, shape, device)``: a float32 zero tensor, reused across steps. The
    held tensor is never handed out itself, only a ``detach()`` of it (a second tensor on
    the same storage): every tensor a caller or the optimizer keeps then shows in the
    storage's use count, however it is referenced."""

    def __init__(self) -> None:
        self._held: dict[int, torch.Tensor] = {}

    def __call__(self, module: nn.Module, shape: torch.Size, device: torch.device) -> torch.Tensor:
        held = self._held.pop(id(module), None)
        if held is not None and held.shape == shape and held.device == device and \
                _unshared(held):
            held.zero_()
        else:
            held = torch.zeros(shape, dtype=torch.float32, device=device)
        if held.device.type == "cpu" and held.numel() >= _REUSE_NUMEL:
            self._held[id(module)] = held
            return held.detach()
        return held
