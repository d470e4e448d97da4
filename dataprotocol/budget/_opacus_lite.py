"""Opacus' accountants without importing torch.

Opacus keeps its accounting (``opacus/accountants``: the RDP of the sampled Gaussian,
Mironov et al. 2019; PRV discretisation and FFT composition, Gopi, Lee & Wutschitz
2021) in numpy/scipy code, but ``import opacus.accountants`` first runs
``opacus/__init__`` (PrivacyEngine, grad samplers: torch, ~3 s on 2 cores), and the
accountants' base class ``IAccountant`` imports the DP optimizer (torch) for one type
annotation. An auditor recomputing epsilon, or a ledger composing runs, needs none of
that.

So we load Opacus' own ``accountants`` files from the installed distribution under a
private package name, with ``accountant.IAccountant`` answered by a base class that
holds ``history`` -- the only thing ``RDPAccountant`` and ``PRVAccountant`` take from
it. Every number still comes from Opacus' code (tests check the classes agree with
``opacus.accountants`` on the same history); ``opacus`` itself stays unimported, so a
later ``import opacus`` in a training process is the real, untouched package.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from pathlib import Path
from typing import Any

__all__ = ["opacus_module"]

_PKG = "dataprotocol.budget._opacus_accountants"
_LOCK = threading.Lock()


class _IAccountant:
    """What Opacus' accountants inherit from ``IAccountant``: the step history."""

    def __init__(self) -> None:
        self.history: list[tuple[float, float, int]] = []


def _install() -> None:
    # find_spec on a top-level name locates the package without executing __init__
    spec = importlib.util.find_spec("opacus")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("Opacus is not installed (pip install 'dataprotocol[train]')")
    root = Path(next(iter(spec.submodule_search_locations))) / "accountants"
    package = types.ModuleType(_PKG, "Opacus' accountants, loaded without torch")
    package.__path__ = [str(root)]
    package.__package__ = _PKG
    base = types.ModuleType(f"{_PKG}.accountant")
    setattr(base, "IAccountant", _IAccountant)
    sys.modules[f"{_PKG}.accountant"] = base
    sys.modules[_PKG] = package


def opacus_module(name: str) -> Any:
    """Opacus' ``opacus.accountants.<name>`` module (e.g. ``rdp``, ``prv``, ``analysis.rdp``)."""
    with _LOCK:
        if _PKG not in sys.modules:
            _install()
        return importlib.import_module(f"{_PKG}.{name}")
