"""A copy or fork of the dataset's ledger does not help (issue 10, item 1): a run that
spent only in a copy fails ``budget audit`` against the publisher's ledger, and against
the copy once the publisher has vouched for a later head."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dataprotocol.budget import Ledger, MechanismEvent
from dataprotocol.cli.main import main
from dataprotocol.keys import KeyPair, generate_keypair, save_identity
from dataprotocol.records import audit_model_dir, vouch_ledger_head
from tests.train.test_package_training import PURPOSE, _config, _grant, _package


@pytest.fixture(scope="module")
def keys() -> dict[str, KeyPair]:
    return {"steward": generate_keypair("steward"), "partner": generate_keypair("partner")}


def _failing(report: object) -> set[str]:
    return {c.name for c in report.failures}  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_run_recorded_only_in_a_copy_fails_the_audit(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from dataprotocol.train._package import train_on_package

    package = _package(tmp_path, keys)
    publishers = Ledger(tmp_path / "ledger.sqlite")
    (tmp_path / "mine").mkdir()
    copy = Ledger(shutil.copy(publishers.path, tmp_path / "mine" / "ledger.sqlite"))
    trained = train_on_package(
        package, grant=_grant(package, keys, ["read", "train"]), key=keys["partner"],
        purpose=PURPOSE, model_path=tiny_model, text_column="text", label_column="label",
        config=_config(), out=tmp_path / "model", ledger=copy)  # same identity: accepted
    assert trained.payload["ledger"]["ledger_id"] == publishers.identity().ledger_id
    # against the publisher's ledger: the run is not there, its entry is not in the chain
    report = audit_model_dir(trained.model_dir, ledger=publishers,
                             publisher=keys["steward"].public)
    assert {"ledger-run", "ledger-anchors"} <= _failing(report)
    assert "ledger-identity" not in _failing(report)
    # the publisher's own ledger moves on (another grantee spends) and the publisher vouches
    event = MechanismEvent(noise_multiplier=1.0, sample_rate=0.02, steps=100)
    publishers.reserve(publishers.identity().dataset_id, run_id="other-run", events=[event],
                       delta=1e-5)
    head = tmp_path / "head.json"
    head.write_text(json.dumps(vouch_ledger_head(publishers, publisher=keys["steward"])))
    save_identity(keys["steward"].public_document(), tmp_path / "steward.pub")
    argv = ["budget", "audit", str(trained.model_dir), "--ledger", str(copy.path),
            "--publisher", str(tmp_path / "steward.pub"), "--package", str(package), "--json"]
    assert main(argv) == 0  # the copy alone looks consistent ...
    capsys.readouterr()
    assert main([*argv, "--head", str(head)]) == 1  # ... until the publisher's head is shown
    result = json.loads(capsys.readouterr().out)
    assert result["failures"] == ["ledger-anchors"]
    detail = next(c["detail"] for c in result["checks"] if c["name"] == "ledger-anchors")
    assert "fork" in detail
