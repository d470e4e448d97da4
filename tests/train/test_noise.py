"""ClippedSumDPOptimizer == Opacus' DPOptimizerFastGradientClipping, bit for bit: same
noisy, averaged gradients from the same generator seed, over accumulated micro-batches,
in both noise modes; and Opacus' guard against reusing a clipped sum still holds."""

from __future__ import annotations

import pytest
import torch
from opacus.optimizers import DPOptimizerFastGradientClipping

from dataprotocol.train._noise import _BLOCK, _CHUNK, ClippedSumDPOptimizer


def _params(seed: int) -> list[torch.nn.Parameter]:
    generator = torch.Generator().manual_seed(seed)
    return [torch.nn.Parameter(torch.randn(shape, generator=generator))
            for shape in [(7, 5), (5,), (33,),  # below one chunk; then chunked draws:
                          (2 * _CHUNK + 40,), (_CHUNK + _BLOCK + 3,), (_CHUNK + _BLOCK,),
                          (3, _CHUNK // 2 + 5)]]


def _run(kind: type, *, secure: bool, micro_batches: int, std: float = 1.0,
         reduction: str = "mean") -> list[list[torch.Tensor]]:
    params = _params(0)
    optimizer = kind(torch.optim.SGD(params, lr=0.1), noise_multiplier=std,
                     max_grad_norm=0.5, expected_batch_size=6, secure_mode=secure,
                     loss_reduction=reduction,
                     generator=torch.Generator().manual_seed(7))
    data = torch.Generator().manual_seed(3)
    seen = []
    for _ in range(2):  # two optimizer steps
        for micro in range(micro_batches):
            for param in params:  # what book-keeping leaves: the clipped sum, a new tensor
                param.grad = torch.randn(param.shape, generator=data)
            if micro < micro_batches - 1:
                optimizer.signal_skip_step(do_skip=True)
            optimizer.step()
            if micro == micro_batches - 1:
                seen.append([p.grad.clone() for p in params])
            optimizer.zero_grad(set_to_none=True)
        seen.append([p.detach().clone() for p in params])
    return seen


@pytest.mark.parametrize("secure", [False, True])
@pytest.mark.parametrize("micro_batches", [1, 3])
@pytest.mark.parametrize("std", [1.0, 0.0])
@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_same_noisy_gradients_and_updates_as_opacus(secure: bool, micro_batches: int,
                                                    std: float, reduction: str) -> None:
    """Also the scaling: ours divides by the batch size chunk by chunk inside the noise
    loop ("mean"), Opacus in scale_grad afterwards; "sum" divides by nothing."""
    ours = _run(ClippedSumDPOptimizer, secure=secure, micro_batches=micro_batches, std=std,
                reduction=reduction)
    theirs = _run(DPOptimizerFastGradientClipping, secure=secure,
                  micro_batches=micro_batches, std=std, reduction=reduction)
    for mine, reference in zip(ours, theirs, strict=True):
        for a, b in zip(mine, reference, strict=True):
            assert torch.equal(a, b)


def test_noise_is_added_with_the_configured_std() -> None:
    param = torch.nn.Parameter(torch.zeros(200_000))
    optimizer = ClippedSumDPOptimizer(torch.optim.SGD([param], lr=0.0), noise_multiplier=2.0,
                                      max_grad_norm=0.5, expected_batch_size=1)
    param.grad = torch.zeros_like(param)
    optimizer.step()
    assert param.grad is not None
    assert abs(float(param.grad.std()) - 1.0) < 0.02  # sigma * C / expected batch size


def test_a_used_clipped_sum_is_refused_without_zero_grad() -> None:
    param = torch.nn.Parameter(torch.zeros(4))
    optimizer = ClippedSumDPOptimizer(torch.optim.SGD([param], lr=0.1), noise_multiplier=1.0,
                                      max_grad_norm=1.0, expected_batch_size=2)
    param.grad = torch.ones(4)
    optimizer.step()
    param.grad = torch.ones(4)  # the next micro-batch, but zero_grad was never called
    with pytest.raises(ValueError, match="zero_grad"):
        optimizer.step()
