"""examples/trainer_integration.py and examples/user_level_dp.py run for real (tiny model)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from dataprotocol.budget import Ledger
from dataprotocol.keys import KeyPair, save_keypair
from dataprotocol.records import audit_model_dir
from tests.train.test_package_training import PURPOSE, _grant, _package, keys  # noqa: F401


def _example(repo_root: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, repo_root / "examples" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_trainer_script_differs_from_a_stock_one_in_at_most_ten_lines(
        repo_root: Path) -> None:
    source = (repo_root / "examples" / "trainer_integration.py").read_text()
    changed = [line for line in source.splitlines() if line.rstrip().endswith("# DP")
               or "# DP (" in line]
    assert 1 <= len(changed) <= 10
    assert "Trainer(" not in source.replace("PrivateTrainer(", "")


@pytest.mark.slow
def test_the_trainer_integration_example_trains_and_its_card_passes_the_audit(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path, repo_root: Path) -> None:
    package = _package(tmp_path, keys)
    grant_path = tmp_path / "grant.json"
    grant_path.write_text(json.dumps(_grant(package, keys, ["read", "train", "publish-model"])))
    key_path, _ = save_keypair(keys["partner"], tmp_path / "keys")
    Ledger(tmp_path / "ledger.sqlite")
    done = _example(repo_root, "trainer_integration").main([
        "--package", str(package), "--grant", str(grant_path), "--key", str(key_path),
        "--purpose", PURPOSE, "--ledger", str(tmp_path / "ledger.sqlite"),
        "--out", str(tmp_path / "model"), "--model", str(tiny_model), "--epsilon", "3",
        "--epochs", "1", "--batch-size", "8", "--accumulation", "2"])
    assert sum(e.steps for e in done.events) == 6 and done.accounting["epsilon"] <= 3 * 1.01
    report = audit_model_dir(tmp_path / "model", ledger=Ledger(tmp_path / "ledger.sqlite"))
    assert report.passed, [c.to_dict() for c in report.failures]


@pytest.mark.slow
def test_the_user_level_example_refuses_row_level_and_trains_per_reviewer(
        tmp_path: Path, tiny_model: Path, repo_root: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    module = _example(repo_root, "user_level_dp")
    rows = module.reviewer_table(200)
    people = {r["reviewer_id"] for r in rows}
    assert len(people) < len(rows) / 2  # many rows per person: the case user-level DP is for
    summary = module.main(["--out", str(tmp_path), "--model", str(tiny_model),
                           "--train-size", "200", "--epochs", "1", "--batch-size", "8"])
    assert "row-level run refused: privacy-unit:" in capsys.readouterr().out
    assert summary["audit_passed"] and "reviewer_id" in summary["audit_privacy_unit"]
    assert summary["units"] < summary["rows"]
