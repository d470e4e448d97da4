"""zCDP and pure-DP release events: round trips, and their accounting against
dp_accounting (an independent implementation)."""

from __future__ import annotations

import math

import pytest

from dataprotocol.budget import (
    AccountantFailed,
    MechanismEvent,
    PureDPEvent,
    ZCDPEvent,
    event_from_dict,
    filter_epsilon,
    get_accountant,
    run_epsilon,
)
from dataprotocol.budget._opacus_rdp import pure_dp_rdp
from dataprotocol.errors import InputError


def test_round_trip_and_old_events_keep_their_bytes():
    for event in (ZCDPEvent(rho=0.1, count=2), PureDPEvent(epsilon=0.5),
                  MechanismEvent(noise_multiplier=1.0, sample_rate=0.1, steps=3)):
        assert event_from_dict(event.to_dict()) == event
    # DP-SGD events carry no 'kind': ledgers and cards written before still hash the same
    assert "kind" not in MechanismEvent(noise_multiplier=1.0, sample_rate=0.1, steps=3).to_dict()
    with pytest.raises(InputError):
        event_from_dict({"kind": "laplace-ish", "epsilon": 1})


@pytest.mark.parametrize("epsilon", [0.05, 0.5, 2.0, 8.0])
def test_pure_dp_rdp_is_randomised_response(epsilon):
    orders = (1.5, 2.0, 4.0, 16.0, 256.0)
    curve = pure_dp_rdp(epsilon, orders)
    import mpmath  # the slow, arbitrary-precision reference

    mpmath.mp.dps = 50
    p = mpmath.e ** epsilon / (1 + mpmath.e ** epsilon)
    for alpha, value in zip(orders, curve):
        exact = float(mpmath.log(p ** alpha * (1 - p) ** (1 - alpha)
                                 + (1 - p) ** alpha * p ** (1 - alpha)) / (alpha - 1))
        assert value == pytest.approx(min(exact, epsilon), rel=1e-9)
        assert value <= min(epsilon, alpha * epsilon ** 2 / 2) + 1e-12
    assert curve == tuple(sorted(curve))  # Rényi divergence grows with the order


def test_query_events_against_dp_accounting():
    zcdp = [ZCDPEvent(rho=0.02, count=3)]
    assert get_accountant("rdp").epsilon(zcdp, delta=1e-6) == pytest.approx(
        get_accountant("dpa-rdp").epsilon(zcdp, delta=1e-6), rel=0.02)
    # the discrete Laplace at sensitivity 1 is exactly eps-DP: its PLD epsilon at tiny delta
    pure = [PureDPEvent(epsilon=0.7)]
    assert get_accountant("dpa-pld").epsilon(pure, delta=1e-12) == pytest.approx(0.7, abs=2e-3)
    assert run_epsilon(pure * 3, delta=0) == pytest.approx(2.1)
    with pytest.raises(AccountantFailed):
        run_epsilon(zcdp, delta=0)


def test_filter_composes_queries_with_a_run():
    run = [MechanismEvent(noise_multiplier=1.1, sample_rate=0.05, steps=500)]
    queries = [[PureDPEvent(epsilon=0.5)], [ZCDPEvent(rho=0.05)]]
    alone, both = filter_epsilon([run], delta=1e-5), filter_epsilon([run, *queries], delta=1e-5)
    assert alone < both < alone + 0.5 + math.sqrt(2 * 0.05) * 10
