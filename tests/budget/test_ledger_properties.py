"""Hypothesis over sequences of reserve/commit calls: the cap always holds."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dataprotocol.budget import BudgetRefused, Ledger, MechanismEvent, filter_epsilon

event_st = st.builds(MechanismEvent, noise_multiplier=st.sampled_from([0.7, 1.0, 2.0]),
                     sample_rate=st.sampled_from([0.01, 0.05, 0.2]),
                     steps=st.sampled_from([10, 100, 400]))
# an action: (reserve events, commit fraction of steps or None = crash before commit)
action_st = st.tuples(st.lists(event_st, min_size=1, max_size=2),
                      st.sampled_from([None, 0.0, 0.5, 1.0]))
_counter = itertools.count()


@settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(action_st, min_size=1, max_size=6), cap=st.sampled_from([2.0, 6.0]))
def test_any_sequence_of_runs_stays_within_the_cap(tmp_path, actions, cap):
    ledger = Ledger(tmp_path / f"ledger-{next(_counter)}.sqlite")
    ledger.register_dataset("ds", epsilon_cap=cap, delta_cap=1e-5)
    counted: list[list[MechanismEvent]] = []
    for i, (events, fraction) in enumerate(actions):
        before = ledger.status("ds", with_prv=False).spent_epsilon
        try:
            ledger.reserve("ds", run_id=f"r{i}", events=events, delta=1e-5)
        except BudgetRefused:
            assert ledger.status("ds", with_prv=False).spent_epsilon == before
            continue
        if fraction is None:  # crashed: the reservation counts
            counted.append(list(events))
            continue
        ran = [MechanismEvent(noise_multiplier=e.noise_multiplier, sample_rate=e.sample_rate,
                              steps=int(e.steps * fraction)) for e in events]
        ledger.commit(f"r{i}", events=ran)  # never more than reserved: never refused
        counted.append(ran)
    status = ledger.status("ds", with_prv=False)
    assert status.spent_epsilon <= cap + 1e-9
    assert status.spent_epsilon == pytest.approx(
        filter_epsilon(counted, delta=1e-5, epsilon_cap=cap))
    assert ledger.verify_chain() == len(ledger.entries())
