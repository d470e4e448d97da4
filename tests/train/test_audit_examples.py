"""examples/gate_access.py on a real package and grant: allowed, denied, bad input."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dataprotocol.keys import generate_keypair, save_keypair

PURPOSE = "nlp-research"


def _example(repo_root: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, repo_root / "examples" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from dataprotocol.package import issue_package_grant, publish
    from dataprotocol.policy import DatasetCard

    tmp = tmp_path_factory.mktemp("gate")
    steward, partner = generate_keypair("steward"), generate_keypair("partner")
    _, steward_pub = save_keypair(steward, tmp / "keys")
    partner_key, _ = save_keypair(partner, tmp / "keys")
    card_yaml = tmp / "card.yaml"
    card_yaml.write_text(
        "dataset_id: toy-notes\nversion: '1'\ntitle: Toy notes\nlicense: CC-BY-NC-4.0\n"
        "attribution: {creator: Example Lab, source: 'https://example.org'}\n"
        f"purposes: [{PURPOSE}]\ncontains_pii: false\n"
        "budget: {epsilon: 4.0, delta: 1.0e-5}\npublisher: keys/steward.pub\n")
    csv = tmp / "notes.csv"
    pd.DataFrame({"text": [f"note {i}" for i in range(20)], "label": [i % 2 for i in range(20)]}
                 ).to_csv(csv, index=False)
    from dataprotocol.policy import load_dataset_card

    card: DatasetCard = load_dataset_card(card_yaml)
    publish(csv, card=card, publisher=steward, out=tmp / "pkg", shards=2)
    grant = issue_package_grant(tmp / "pkg", issuer=steward, grantee=partner.public,
                                actions=["read", "train"], purposes=[PURPOSE],
                                not_after=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1))
    (tmp / "grant.json").write_text(json.dumps(grant))
    assert steward_pub.exists()
    return {"pkg": tmp / "pkg", "grant": tmp / "grant.json", "key": partner_key,
            "card": card_yaml}


def _argv(world: dict[str, Path], *extra: str) -> list[str]:
    return ["--grant", str(world["grant"]), "--key", str(world["key"]), *extra]


def test_open_package_through_a_grant(repo_root: Path, world: dict[str, Path],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    gate = _example(repo_root, "gate_access")
    assert gate.main([str(world["pkg"]), *_argv(world, "--purpose", PURPOSE)]) == 0
    out = capsys.readouterr().out
    assert "allowed: 20 rows x 2 columns" in out and "note 3" not in out
    assert gate.main([str(world["pkg"]), *_argv(world, "--purpose", "marketing")]) == 1
    assert "denied" in capsys.readouterr().out


def test_gate_my_own_loader_with_decide(repo_root: Path, world: dict[str, Path],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    gate = _example(repo_root, "gate_access")
    card = ["--card", str(world["card"])]
    assert gate.main([*card, *_argv(world, "--purpose", PURPOSE, "--action", "train")]) == 0
    assert "allowed: train toy-notes" in capsys.readouterr().out
    assert gate.main([*card, *_argv(world, "--purpose", PURPOSE,
                                    "--action", "publish-data")]) == 1
    assert "denied:" in capsys.readouterr().out


def test_bad_input_exits_2(repo_root: Path, world: dict[str, Path], tmp_path: Path) -> None:
    gate = _example(repo_root, "gate_access")
    assert gate.main(["--card", str(tmp_path / "missing.yaml"),
                      *_argv(world, "--purpose", PURPOSE)]) == 2
