"""A grant's conditions (max_epsilon, max_delta, max_runs) refuse a run before step one,
each with its own reason, and spend nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from dataprotocol.budget import Ledger
from dataprotocol.errors import PolicyDenied
from dataprotocol.keys import KeyPair, generate_keypair
from dataprotocol.train._package import train_on_package
from tests.train.test_package_training import PURPOSE, _config, _package, spent


@pytest.fixture(scope="module")
def keys() -> dict[str, KeyPair]:
    return {"steward": generate_keypair("steward"), "partner": generate_keypair("partner")}


def _grant(package: Path, keys: dict[str, KeyPair], conditions: dict[str, Any]) -> dict[str, Any]:
    from dataprotocol.package import issue_package_grant

    return issue_package_grant(package, issuer=keys["steward"], grantee=keys["partner"].public,
                               actions=["read", "train"], purposes=[PURPOSE],
                               conditions=conditions,
                               not_after=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1))


@pytest.mark.parametrize(("conditions", "config", "code"), [
    ({"max_epsilon": 1.0}, {"target_epsilon": 2.0}, "grant-max-epsilon"),
    ({"max_delta": 1e-6}, {"delta": 1e-5}, "grant-max-delta"),
])
def test_condition_refuses_before_step_one(tmp_path: Path, keys: dict[str, KeyPair],
                                           tiny_model: Path, conditions: dict[str, Any],
                                           config: dict[str, Any], code: str) -> None:
    package = _package(tmp_path, keys)
    ledger = Ledger(tmp_path / "ledger.sqlite")
    with pytest.raises(PolicyDenied) as info:
        train_on_package(package, grant=_grant(package, keys, conditions), key=keys["partner"],
                         purpose=PURPOSE, model_path=tiny_model, text_column="text",
                         label_column="label", config=_config(**config),
                         out=tmp_path / "model", ledger=ledger)
    assert any(r.startswith(code + ":") for r in info.value.reasons), info.value.reasons
    assert spent(ledger) == []
    assert not (tmp_path / "model").exists()


@pytest.mark.slow
def test_max_runs_and_max_epsilon_count_earlier_runs(tmp_path: Path, keys: dict[str, KeyPair],
                                                     tiny_model: Path) -> None:
    package = _package(tmp_path, keys)
    ledger = Ledger(tmp_path / "ledger.sqlite")
    grant = _grant(package, keys, {"max_runs": 1, "max_epsilon": 3.0})
    common = dict(grant=grant, key=keys["partner"], purpose=PURPOSE, model_path=tiny_model,
                  text_column="text", label_column="label", ledger=ledger)
    first = train_on_package(package, config=_config(target_epsilon=2.0),
                             out=tmp_path / "m1", **common)
    assert ledger.entry(first.run_id).state == "committed"
    with pytest.raises(PolicyDenied) as info:
        train_on_package(package, config=_config(target_epsilon=2.0), out=tmp_path / "m2",
                         **common)
    codes = {r.split(":")[0] for r in info.value.reasons}
    assert codes == {"grant-max-runs", "grant-max-epsilon"}
    assert [e.run_id for e in spent(ledger)] == [first.run_id, first.run_id]
