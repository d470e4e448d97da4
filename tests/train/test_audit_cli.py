"""``dataprotocol budget audit``: exit codes 0 / 1 / 2, the table and --json."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from dataprotocol.cli.main import main
from dataprotocol.keys import KeyPair, generate_keypair, save_keypair
from tests.train.test_card import write_card


@pytest.fixture(scope="module")
def trainer() -> KeyPair:
    return generate_keypair("trainer")


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory, trainer: KeyPair) -> Path:
    return write_card(tmp_path_factory.mktemp("cli") / "model", trainer)


def test_honest_card_exits_0(model_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["budget", "audit", str(model_dir)]) == 0
    out = capsys.readouterr().out
    assert "audit passed" in out and "epsilon-independent" in out


def test_json_report(model_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["budget", "audit", str(model_dir), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] is True and report["failures"] == []
    assert {c["name"] for c in report["checks"]} >= {"signature", "weights-sha256",
                                                     "epsilon-opacus", "front-matter"}


def test_tampered_card_exits_1_naming_the_failure(model_dir: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    card = Path(shutil.copytree(model_dir, tmp_path / "m"))
    weights = card / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    weights.write_bytes(bytes(data))
    assert main(["budget", "audit", str(card)]) == 1
    assert "audit failed" in capsys.readouterr().out
    assert main(["budget", "audit", str(card), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["failures"] == ["weights-sha256"]


def test_pinned_trainer_key(model_dir: Path, tmp_path: Path, trainer: KeyPair,
                            capsys: pytest.CaptureFixture[str]) -> None:
    _, right = save_keypair(trainer, tmp_path / "right")
    _, wrong = save_keypair(generate_keypair("someone-else"), tmp_path / "wrong")
    assert main(["budget", "audit", str(model_dir), "--trainer-key", str(right)]) == 0
    assert "audit passed" in capsys.readouterr().out
    assert main(["budget", "audit", str(model_dir), "--trainer-key", str(wrong), "--json"]) == 1
    assert "signature" in json.loads(capsys.readouterr().out)["failures"]


@pytest.mark.parametrize("extra", [
    ["--ledger", "no-such-ledger.sqlite"],
    ["--trainer-key", "no-such.pub"],
    ["--tolerance", "5"],
])
def test_bad_input_exits_2(model_dir: Path, extra: list[str],
                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["budget", "audit", str(model_dir), *extra]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_missing_model_dir_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["budget", "audit", str(tmp_path / "nope")]) == 2
    assert "model directory not found" in capsys.readouterr().err


def _example(repo_root: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, repo_root / "examples" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_audit_in_ci_example(repo_root: Path, model_dir: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    example = _example(repo_root, "audit_in_ci")
    report_path = tmp_path / "report.json"
    assert example.main([str(model_dir), "--report", str(report_path)]) == 0
    assert json.loads(report_path.read_text())["passed"] is True
    card = Path(shutil.copytree(model_dir, tmp_path / "m"))
    (card / "README.md").write_text("---\nlicense: mit\n---\n")
    assert example.main([str(card)]) == 1
    assert "::error::privacy audit failed: front-matter" in capsys.readouterr().out
    assert example.main([str(tmp_path / "missing")]) == 2
