"""User-level DP-SGD: the unit of privacy is a person (all rows sharing a ``privacy_unit``
value), not a row.

The method is DP-FedSGD-style user sampling (McMahan, Ramage, Talwar & Zhang 2018,
"Learning Differentially Private Recurrent Language Models", Alg. 1 with one local
step; also the user-level DP-SGD of dp-transformers' author-level example):

1. each step samples *units*, every unit independently with probability
   ``q = batch_size / num_units`` (Poisson over people, so the accountant's
   amplification analysis applies per unit -- the event's sample rate is q);
2. a sampled unit brings all its rows; each row's gradient is computed (Opacus hooks),
   and the unit's gradient is their mean -- the gradient of the unit's mean loss;
3. that unit gradient is clipped to norm C (Opacus' DPOptimizer clips its
   ``grad_sample``, whose rows are now units), the clipped sums are added, Gaussian
   noise of std sigma * C is added once per step, and the sum is divided by the
   expected number of units per step.

Adding or removing one person changes the clipped sum by at most C however many rows
they have, so (epsilon, delta) holds for the add-or-remove-one-person relation; row-level
DP gives a person with k rows only group privacy (about k * epsilon).
Physical batches are cut at unit boundaries (a unit's rows are never split across two
clipping calls, which would clip parts of a person separately); a unit larger than
the physical batch is processed alone.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass

import torch

__all__ = ["UnitIndex", "unit_steps", "combine_unit_gradients"]


@dataclass(frozen=True)
class UnitIndex:
    """Which rows belong to which unit (dense unit ids in first-seen order)."""

    unit_of_row: tuple[int, ...]
    rows_of_unit: tuple[tuple[int, ...], ...]

    @classmethod
    def from_values(cls, values: Sequence[Hashable]) -> UnitIndex:
        ids: dict[Hashable, int] = {}
        unit_of_row = tuple(ids.setdefault(value, len(ids)) for value in values)
        rows: list[list[int]] = [[] for _ in ids]
        for row, unit in enumerate(unit_of_row):
            rows[unit].append(row)
        return cls(unit_of_row=unit_of_row, rows_of_unit=tuple(tuple(r) for r in rows))

    @property
    def num_units(self) -> int:
        return len(self.rows_of_unit)

    @property
    def max_rows(self) -> int:
        return max((len(r) for r in self.rows_of_unit), default=0)


def unit_steps(index: UnitIndex, *, sample_rate: float, steps: int, physical_rows: int,
               generator: torch.Generator | None) -> Iterator[list[list[int]]]:
    """Per step, the physical chunks of row ids: whole units sampled with probability
    ``sample_rate`` each (an empty step is one empty chunk: noise only, it still counts)."""
    for _ in range(steps):
        mask = torch.rand(index.num_units, generator=generator) < sample_rate
        chunks: list[list[int]] = []
        current: list[int] = []
        for unit in mask.nonzero().flatten().tolist():
            rows = list(index.rows_of_unit[unit])
            if current and len(current) + len(rows) > physical_rows:
                chunks.append(current)
                current = []
            current += rows
        chunks.append(current)
        yield chunks


def combine_unit_gradients(params: Sequence[torch.Tensor], unit_of_row: torch.Tensor) -> int:
    """Replace each parameter's per-row ``grad_sample`` [rows, ...] by the per-unit mean
    [units, ...] (units renumbered 0..u-1 in this batch); returns u.

    Called after backward and before the DP optimizer clips: it then clips per unit.
    """
    units, local = torch.unique(unit_of_row, return_inverse=True)
    count = int(units.numel())
    rows_per_unit = torch.bincount(local, minlength=count)
    for param in params:
        per_row = getattr(param, "grad_sample", None)
        if per_row is None:
            continue
        summed = torch.zeros((count, *per_row.shape[1:]), dtype=per_row.dtype,
                             device=per_row.device)
        summed.index_add_(0, local.to(per_row.device), per_row)
        scale = rows_per_unit.to(per_row.device, per_row.dtype).view(
            -1, *([1] * (per_row.dim() - 1)))
        setattr(param, "grad_sample", summed / scale)  # what DPOptimizer clips
    return count

