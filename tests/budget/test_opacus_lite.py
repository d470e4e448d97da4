"""Opacus' accountants loaded without torch are Opacus' code, and leave ``opacus`` intact."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from dataprotocol.budget import MechanismEvent, compute_epsilon
from dataprotocol.budget._opacus_lite import opacus_module


def test_lite_modules_are_the_installed_opacus_files() -> None:
    import opacus.accountants.prv
    import opacus.accountants.rdp

    for name, real in (("rdp", opacus.accountants.rdp), ("prv", opacus.accountants.prv)):
        lite = opacus_module(name)
        assert Path(inspect.getfile(lite)) == Path(inspect.getfile(real))
        assert lite is not real  # a private copy: the real package is untouched
    assert (opacus_module("rdp").RDPAccountant.DEFAULT_ALPHAS
            == opacus.accountants.RDPAccountant.DEFAULT_ALPHAS)


@pytest.mark.parametrize("events", [
    [MechanismEvent(noise_multiplier=1.1, sample_rate=0.01, steps=300)],
    [MechanismEvent(noise_multiplier=0.8, sample_rate=0.05, steps=40),
     MechanismEvent(noise_multiplier=2.0, sample_rate=0.05, steps=60)],
])
def test_lite_and_real_accountants_give_the_same_epsilon(events: list[MechanismEvent]) -> None:
    from opacus.accountants import PRVAccountant, RDPAccountant

    history = [(e.noise_multiplier, e.sample_rate, e.steps) for e in events]
    for name, real_cls in (("rdp", RDPAccountant), ("prv", PRVAccountant)):
        lite_cls = getattr(opacus_module(name), real_cls.__name__)
        lite, real = lite_cls(), real_cls()
        lite.history, real.history = list(history), list(history)
        assert lite.get_epsilon(delta=1e-5) == real.get_epsilon(delta=1e-5)
        assert compute_epsilon(events, delta=1e-5, accountant=name) == pytest.approx(
            real.get_epsilon(delta=1e-5), rel=1e-12)
