"""Canary exposure for generative models (Carlini, Liu, Erlingsson, Kos & Song 2019,
"The Secret Sharer", USENIX Security) -- the statistics and their audit; no torch.

A canary is a random secret in a fixed format ("my account number is 3 1 4 1 5 9")
inserted ``repeats`` times into the training rows. After training, the canary's
log-perplexity is ranked among ``m`` random *candidates* of the same format (fresh
secrets the model never saw). Exposure = log2(m + 1) - log2(rank): ~1.4 bits on average
for a model that learnt nothing about the canary (its rank is uniform), up to
log2(m + 1) when the canary beats every candidate (memorised).

Why DP bounds it (the check :func:`exposure_check` runs): the event "the canary ranks in
the best fraction t of candidates" is a post-processing of the model. Without the
canary in the data, the canary is just another random candidate, so the event has
probability <= t. Inserting it ``k`` times is a change of ``k`` rows, so (group privacy,
Dwork & Roth 2014, Thm 2.2) an (eps, delta)-DP run gives it probability at most
``e^{k eps} t + k e^{(k-1) eps} delta`` =: b. The ``n`` canaries share one training run,
so they are not independent; Markov's inequality needs no independence: the expected
number of canaries in the best fraction t is at most ``n b``, so seeing ``h`` of them has
probability at most ``n b / h``. When that is below 0.05 (Bonferroni over the thresholds
tried) the run's claimed epsilon is contradicted -- the audit FAILS. Like every black-box
audit it can only catch a gross violation (at eps = 8 the bound is vacuous unless the
candidate set is huge); the exposure figures are recorded either way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from dataprotocol.errors import AuditFailed, InputError
from dataprotocol.records._audit_check import Check

__all__ = ["EXPOSURE_METHOD", "exposure", "chance_exposure", "exposure_block",
           "exposure_p_value", "exposure_check"]

EXPOSURE_METHOD = "secret-sharer-exposure"
_ALPHA = 0.05
#: best-fraction thresholds tested (as multiples of 1/(m+1)), Bonferroni-corrected
_THRESHOLDS = (1, 10, 100)


def exposure(beaten_by: int, candidates: int) -> float:
    """Exposure in bits from the number of candidates with a lower log-perplexity than
    the canary (its rank is ``beaten_by + 1`` among ``candidates + 1`` sequences)."""
    if not 0 <= beaten_by <= candidates or candidates < 1:
        raise InputError(f"need 0 <= beaten_by ({beaten_by}) <= candidates ({candidates})")
    return math.log2(candidates + 1) - math.log2(beaten_by + 1)


def chance_exposure(candidates: int) -> float:
    """Mean exposure of a canary the model knows nothing about (rank uniform on 1..m+1)."""
    total = candidates + 1
    return math.log2(total) - sum(math.log2(r) for r in range(1, total + 1)) / total


def exposure_p_value(ranks: Sequence[int], *, candidates: int, epsilon: float, delta: float,
                     repeats: int) -> tuple[float, int]:
    """(p-value, threshold): the most significant of the thresholds tried, Bonferroni-
    corrected, that ``ranks`` (1 = best) are this good under (epsilon, delta)-DP."""
    n, total = len(ranks), candidates + 1
    group_eps = repeats * epsilon
    group_delta = repeats * math.exp(min((repeats - 1) * epsilon, 700.0)) * delta
    best, best_threshold = 1.0, _THRESHOLDS[0]
    thresholds = [t for t in _THRESHOLDS if t < total] or [1]
    for threshold in thresholds:
        fraction = threshold / total
        bound = min(1.0, math.exp(min(group_eps, 700.0)) * fraction + group_delta)
        hits = sum(1 for r in ranks if r <= threshold)
        p = min(1.0, n * bound / hits) if hits else 1.0  # Markov: no independence assumed
        if p < best:
            best, best_threshold = p, threshold
    return min(1.0, best * len(thresholds)), best_threshold


def exposure_block(beaten_by: Sequence[int], *, candidates: int, repeats: int,
                   canary_format: str, epsilon: float | None, delta: float) -> dict[str, Any]:
    """The ``canary_exposure`` block of privacy.json (raises AuditFailed if DP is
    contradicted). ``epsilon`` None: a non-private run -- figures only, nothing to check."""
    if not beaten_by:
        raise InputError("need at least one canary", field="canaries")
    values = [exposure(b, candidates) for b in beaten_by]
    block: dict[str, Any] = {
        "method": EXPOSURE_METHOD, "canaries": len(values), "repeats": repeats,
        "candidates": candidates, "format": canary_format,
        "ranks": [b + 1 for b in beaten_by],
        "exposures": [round(v, 4) for v in values],
        "mean_exposure": sum(values) / len(values), "max_exposure": max(values),
        "chance_mean_exposure": chance_exposure(candidates),
        "max_measurable_exposure": math.log2(candidates + 1),
        "epsilon": epsilon, "delta": delta, "alpha": _ALPHA,
    }
    if epsilon is not None:
        p, threshold = exposure_p_value(block["ranks"], candidates=candidates, epsilon=epsilon,
                                        delta=delta, repeats=repeats)
        block.update(p_value=p, threshold_rank=threshold, consistent=p >= _ALPHA)
        if p < _ALPHA:
            raise AuditFailed("canary exposure contradicts the privacy guarantee",
                              _reasons(block))
    return block


def _reasons(block: dict[str, Any]) -> list[str]:
    return [f"{sum(1 for r in block['ranks'] if r <= block['threshold_rank'])} of "
            f"{block['canaries']} canaries (each inserted {block['repeats']}x) rank in the top "
            f"{block['threshold_rank']} of {block['candidates'] + 1}: p = {block['p_value']:.2g} "
            f"under epsilon {block['epsilon']:.4g} (mean exposure {block['mean_exposure']:.2f} "
            f"bits, chance {block['chance_mean_exposure']:.2f})"]


def exposure_check(payload: dict[str, Any]) -> Check:
    """``budget audit``: recompute the exposure figures and the DP consistency test from
    the recorded ranks, against the card's own epsilon."""
    block = payload.get("canary_exposure")
    if not block:
        return Check("canary-exposure", True, "none recorded (optional)")
    try:
        ranks = [int(r) for r in block["ranks"]]
        candidates, repeats = int(block["candidates"]), int(block["repeats"])
        epsilon = float(payload["accounting"]["epsilon"])
        delta = float(payload["accounting"]["delta"])
        again = [exposure(r - 1, candidates) for r in ranks]
    except (KeyError, TypeError, ValueError, InputError) as exc:
        return Check("canary-exposure", False, f"malformed canary_exposure block: {exc}")
    problems = []
    if abs(sum(again) / len(again) - float(block["mean_exposure"])) > 1e-6:
        problems.append("recorded mean exposure does not follow from the recorded ranks")
    p, threshold = exposure_p_value(ranks, candidates=candidates, epsilon=epsilon, delta=delta,
                                    repeats=repeats)
    if p < _ALPHA:
        problems += _reasons({**block, "p_value": p, "threshold_rank": threshold,
                              "epsilon": epsilon, "mean_exposure": sum(again) / len(again)})
    if problems:
        return Check("canary-exposure", False, "; ".join(problems))
    return Check("canary-exposure", True,
                 f"{len(ranks)} canaries x{repeats}: mean exposure "
                 f"{sum(again) / len(again):.2f} bits (chance {chance_exposure(candidates):.2f}, "
                 f"max measurable {math.log2(candidates + 1):.1f}); consistent with epsilon "
                 f"{epsilon:.4g} (p = {p:.2g})")
