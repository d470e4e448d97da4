"""The one-run canary audit (Steinke, Nasr & Jagielski 2023): its statistics and its guard."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol.errors import AuditFailed, InputError
from dataprotocol.records._canary import (
    AUDIT_METHOD,
    CanaryAudit,
    epsilon_lower_bound,
    guess_counts,
    max_certifiable_epsilon,
    p_value,
)

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "audit" / "lower_bounds.json"


def test_known_answer_vectors() -> None:
    for case in json.loads(VECTORS.read_text())["cases"]:
        got = epsilon_lower_bound(m=case["m"], r=case["r"], v=case["v"], delta=case["delta"],
                                  alpha=case["alpha"])
        assert got == pytest.approx(case["epsilon_lower_bound"], abs=1e-5), case


@pytest.mark.parametrize("r", [10, 50, 200, 1000])
def test_all_correct_pure_dp_matches_the_closed_form(r: int) -> None:
    # delta = 0, v = r: the p-value is q^r, so the bound solves q = 0.05^(1/r), eps = logit(q).
    q = 0.05 ** (1 / r)
    assert epsilon_lower_bound(m=r, r=r, v=r, delta=0.0) == pytest.approx(
        math.log(q / (1 - q)), rel=1e-6)


@given(r=st.integers(1, 400), frac=st.floats(0, 1), eps=st.floats(0, 8))
def test_p_value_is_a_probability_growing_with_epsilon(r: int, frac: float, eps: float) -> None:
    # a larger epsilon makes more correct guesses plausible under the null
    v = round(r * frac)
    low = p_value(m=2 * r, r=r, v=v, epsilon=eps, delta=1e-5)
    high = p_value(m=2 * r, r=r, v=v, epsilon=eps + 0.5, delta=1e-5)
    assert 0 <= low <= high + 1e-12 <= 1 + 1e-12


def test_perfect_guesses_grow_but_stay_below_the_guess_limit() -> None:
    bounds = []
    for r in (20, 100, 500, 2000):
        bound = epsilon_lower_bound(m=r, r=r, v=r, delta=1e-5)
        assert bound <= max_certifiable_epsilon(r) + 1e-9
        bounds.append(bound)
    assert bounds == sorted(bounds) and bounds[-1] > 5
    assert max_certifiable_epsilon(1000) == pytest.approx(math.log(1000 / math.log(20)))


def test_random_scores_certify_next_to_nothing() -> None:
    bounds = []
    for seed in range(10):
        audit = CanaryAudit(200, num_labels=2, seed=seed)
        rng = random.Random(1000 + seed)
        block = audit.evaluate([rng.random() for _ in range(200)], delta=1e-5,
                               theoretical_epsilon=8.0)
        bounds.append(block["epsilon_lower_bound"])
    assert sum(bounds) / len(bounds) < 0.1
    assert sum(b > 0 for b in bounds) <= 2


def test_perfect_scores_give_a_large_bound_and_the_full_block() -> None:
    audit = CanaryAudit(400, num_labels=3, seed=7)
    scores = [1.0 if inc else 0.0 for inc in audit.included]
    block = audit.evaluate(scores, delta=1e-5, theoretical_epsilon=50.0)
    assert block["method"] == AUDIT_METHOD and block["confidence"] == 0.95
    assert block["canaries"] == 400 and block["inserted"] == sum(audit.included)
    assert block["correct"] >= 0.99 * block["guesses"]
    assert 3.0 < block["epsilon_lower_bound"] <= block["max_certifiable_epsilon"]


def _randomized_response_scores(audit: CanaryAudit, *, epsilon: float,
                                rng: random.Random) -> list[float]:
    """An epsilon-DP mechanism per canary: report membership truthfully w.p. e^eps/(1+e^eps)."""
    truthful = math.exp(epsilon) / (1 + math.exp(epsilon))
    scores = []
    for included in audit.included:
        said = included if rng.random() < truthful else not included
        scores.append(float(said) + rng.random() * 1e-3)  # tiny jitter: order within a side
    return scores


@pytest.mark.parametrize("epsilon", [0.5, 1.0, 2.0])
def test_bound_stays_below_a_known_dp_mechanism(epsilon: float) -> None:
    exceed, bounds = 0, []
    for seed in range(20):
        audit = CanaryAudit(1000, num_labels=2, seed=seed)
        scores = _randomized_response_scores(audit, epsilon=epsilon, rng=random.Random(seed))
        try:
            block = audit.evaluate(scores, delta=0.0, theoretical_epsilon=epsilon)
            bounds.append(block["epsilon_lower_bound"])
        except AuditFailed:
            exceed += 1
    # a 95% lower bound may exceed the truth in at most ~5% of runs
    assert exceed <= 2
    assert max(bounds) > 0.3 * epsilon  # and the audit is not vacuous


def test_a_bound_above_the_theory_fails_loudly() -> None:
    audit = CanaryAudit(300, num_labels=2, seed=3)
    scores = [float(inc) for inc in audit.included]
    with pytest.raises(AuditFailed, match="theoretical epsilon"):
        audit.evaluate(scores, delta=1e-5, theoretical_epsilon=0.5)


def test_canaries_are_reproducible_with_a_seed_and_random_without() -> None:
    a, b = CanaryAudit(50, num_labels=4, seed=11), CanaryAudit(50, num_labels=4, seed=11)
    assert (a.texts, a.labels, a.included) == (b.texts, b.labels, b.included)
    c, d = CanaryAudit(50, num_labels=4), CanaryAudit(50, num_labels=4)
    assert c.texts != d.texts
    texts, labels = a.inserted()
    assert len(texts) == len(labels) == sum(a.included)
    assert set(texts) == {t for t, inc in zip(a.texts, a.included) if inc}
    assert all(0 <= y < 4 for y in a.labels) and len(set(a.texts)) == 50


def test_guess_counts_and_validation() -> None:
    included = [True, False, True, False]
    assert guess_counts([0.9, 0.1, 0.8, 0.2], included, k_pos=2, k_neg=2) == (4, 4)
    assert guess_counts([0.1, 0.9, 0.2, 0.8], included, k_pos=1, k_neg=1) == (2, 0)
    audit = CanaryAudit(10, num_labels=2, seed=0)
    with pytest.raises(InputError):
        audit.evaluate([0.0] * 9, delta=1e-5, theoretical_epsilon=1.0)
    with pytest.raises(InputError):
        audit.evaluate([0.0] * 10, delta=1e-5, theoretical_epsilon=1.0, k=6)
    with pytest.raises(InputError):
        CanaryAudit(1, num_labels=2)


def test_canaries_from_a_given_vocabulary() -> None:
    audit = CanaryAudit(20, num_labels=2, seed=1, words=["alpha", "beta", "gamma"])
    assert all(set(t.split()) <= {"alpha", "beta", "gamma"} for t in audit.texts)
    with pytest.raises(InputError):
        CanaryAudit(20, num_labels=2, words=["same", "same"])
