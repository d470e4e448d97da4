"""Running calibrated measurements on the opened rows, and post-processing their output.

Rows are pre-processed row by row only (a value that is missing or not a number is
dropped; a label outside the card's categories goes to an ``(other)`` bucket), which
changes each row independently: neighbouring tables stay neighbours (1-stable), so
the measurements' privacy maps hold for the table as opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dataprotocol.query._mechanisms import Calibrated

__all__ = ["OTHER", "evaluate"]

#: the group-by bucket for values outside the declared categories (noised like the rest;
#: refusing instead would reveal, outside DP, that such a value exists)
OTHER = "(other)"


def _numbers(frame: Any, column: str) -> list[float]:
    import pandas as pd

    values = pd.to_numeric(frame[column], errors="coerce").dropna()
    return [float(v) for v in values.tolist()]


def _run_part(part: Any, calibrated: Calibrated, frame: Any) -> Any:
    query = calibrated.query
    if part.name == "count":
        return part.measurement([""] * len(frame))
    if part.name == "count_by":
        assert query.column is not None
        return part.measurement([str(v) for v in frame[query.column].tolist()])
    assert query.column is not None
    return part.measurement(_numbers(frame, query.column))


def _answer(calibrated: Calibrated, outputs: Sequence[Any]) -> Any:
    query = calibrated.query
    if query.kind == "count":
        return int(outputs[0])
    if query.kind == "count_by":
        names = [*(query.categories or ()), OTHER]
        return {name: int(count) for name, count in zip(names, outputs[0])}
    if query.kind == "mean":
        noisy_sum, noisy_count = float(outputs[0]), float(outputs[1])
        # post-processing: a noisy count below one would blow the ratio up; clamp the
        # result to the public bounds (Bun & Steinke's standard DP mean estimator shape)
        assert query.bounds is not None
        mean = noisy_sum / max(noisy_count, 1.0)
        return min(max(mean, query.bounds[0]), query.bounds[1])
    return float(outputs[0])


def evaluate(plan: Sequence[Calibrated], frame: Any) -> list[Any]:
    """Each query's DP answer on ``frame`` (the one place the data is touched)."""
    answers = []
    for calibrated in plan:
        outputs = [_run_part(part, calibrated, frame) for part in calibrated.parts]
        answers.append(_answer(calibrated, outputs))
    return answers
