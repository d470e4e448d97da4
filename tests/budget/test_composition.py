"""Composition across runs: the adaptive Rényi filter, against the naive sum."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataprotocol.budget import FILTER_ORDERS, MechanismEvent, compose_runs, filter_epsilon

events_st = st.builds(
    MechanismEvent,
    noise_multiplier=st.floats(0.6, 5.0),
    sample_rate=st.floats(0.001, 1.0),
    steps=st.integers(1, 2000),
    sampler=st.sampled_from(["poisson", "shuffle"]),
)
runs_st = st.lists(st.lists(events_st, min_size=1, max_size=3), min_size=1, max_size=5)
delta_st = st.sampled_from([1e-8, 1e-6, 1e-5, 1e-4])


@settings(max_examples=30)
@given(runs=runs_st, delta=delta_st)
def test_filter_epsilon_is_at_most_the_naive_sum_and_monotone_in_runs(runs, delta):
    composed = [filter_epsilon(runs[:k], delta=delta) for k in range(1, len(runs) + 1)]
    naive = sum(filter_epsilon([run], delta=delta) for run in runs)
    assert composed[-1] <= naive * (1 + 1e-9)
    assert all(a <= b * (1 + 1e-12) for a, b in zip(composed, composed[1:]))
    assert all(eps > 0 for eps in composed)


@settings(max_examples=20)
@given(runs=runs_st, delta=delta_st)
def test_non_adaptive_rdp_composition_beats_the_naive_sum(runs, delta):
    result = compose_runs([(run, delta) for run in runs], delta=delta, with_prv=False)
    assert result.rdp_epsilon <= result.naive_sum_epsilon * (1 + 1e-9)
    assert result.naive_sum_delta == pytest.approx(delta * len(runs))


def test_union_bound_over_orders_costs_a_bounded_premium():
    run = [MechanismEvent(noise_multiplier=1.0, sample_rate=0.01, steps=1000)]
    result = compose_runs([(run, 1e-5)], delta=1e-5)
    # filter = RDP at delta/|orders|: dearer than plain RDP, by less than a third
    assert result.rdp_epsilon < result.filter_epsilon < 1.35 * result.rdp_epsilon
    assert result.prv_epsilon is not None and result.prv_epsilon < result.rdp_epsilon
    assert len(FILTER_ORDERS) == len(set(FILTER_ORDERS)) and min(FILTER_ORDERS) > 1


def test_ten_runs_compose_far_below_their_naive_sum():
    run = [MechanismEvent(noise_multiplier=1.0, sample_rate=0.05, steps=100)]
    result = compose_runs([(run, 1e-5)] * 10, delta=1e-5)
    assert result.filter_epsilon < 0.5 * result.naive_sum_epsilon
    assert result.prv_epsilon is not None and result.prv_epsilon < result.filter_epsilon


def test_no_runs_spend_nothing():
    assert filter_epsilon([], delta=1e-5) == 0.0
    assert compose_runs([], delta=1e-5).filter_epsilon == 0.0


def test_filter_weights_are_a_distribution_fixed_by_the_cap():
    from dataprotocol.budget import filter_weights

    for cap in (None, 0.5, 3.0, 8.0, 50.0):
        weights = filter_weights(cap, 1e-5)
        assert len(weights) == len(FILTER_ORDERS) and all(w > 0 for w in weights)
        assert sum(weights) == pytest.approx(1.0)
    assert filter_weights(8.0, 1e-5) == filter_weights(8.0, 1e-5)  # a pure function
    big = max(range(len(FILTER_ORDERS)), key=filter_weights(8.0, 1e-5).__getitem__)
    small = max(range(len(FILTER_ORDERS)), key=filter_weights(0.5, 1e-5).__getitem__)
    assert FILTER_ORDERS[big] < FILTER_ORDERS[small]  # a large cap anchors at a low order


def test_anchored_filter_is_cheaper_near_the_cap_and_never_below_rdp():
    run = [MechanismEvent(noise_multiplier=1.98, sample_rate=0.237, steps=25)]
    runs = [run] * 10
    even = filter_epsilon(runs, delta=1e-5)
    anchored = filter_epsilon(runs, delta=1e-5, epsilon_cap=12.0)
    rdp = compose_runs([(r, 1e-5) for r in runs], delta=1e-5, with_prv=False).rdp_epsilon
    assert rdp < anchored < even
