"""``dataprotocol publish / open / verify`` end to end, with the policy layer's ``grant issue``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from dataprotocol.cli.main import main
from dataprotocol.keys import generate_keypair, save_keypair

from .conftest import PURPOSE, sample_frame


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    save_keypair(generate_keypair("steward"), tmp_path)
    save_keypair(generate_keypair("partner"), tmp_path)
    card = {"dataset_id": "clinic-notes", "version": "2", "title": "Clinic notes", "license": "CC-BY-4.0",
            "attribution": {"creator": "Example Hospital", "source": "https://example.org"},
            "purposes": [PURPOSE], "contains_pii": True, "budget": {"epsilon": 8.0, "delta": 1e-5},
            "publisher": "steward.pub"}
    (tmp_path / "card.yaml").write_text(yaml.safe_dump(card), encoding="utf-8")
    sample_frame().to_csv(tmp_path / "in.csv", index=False)
    return {"dir": tmp_path, "card": tmp_path / "card.yaml", "input": tmp_path / "in.csv",
            "pkg": tmp_path / "pkg", "key": tmp_path / "steward.key", "partner": tmp_path / "partner.key",
            "partner_pub": tmp_path / "partner.pub", "grant": tmp_path / "grant.json"}


def _publish(w: dict[str, Path], *extra: str) -> int:
    return main(["publish", str(w["input"]), "--dataset-card", str(w["card"]), "--key", str(w["key"]),
                 "--out", str(w["pkg"]), *extra])


def _grant(w: dict[str, Path], *extra: str) -> int:
    return main(["grant", "issue", str(w["pkg"]), "--to", str(w["partner_pub"]), "--key", str(w["key"]),
                 "--action", "read", "--purpose", PURPOSE, "--until", "2099-01-01",
                 "--out", str(w["grant"]), *extra])


def _json(capsys: Any) -> dict[str, Any]:
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_publish_grant_open_verify(world: dict[str, Path], capsys: Any) -> None:
    assert _publish(world, "--shards", "3", "--json") == 0
    published = _json(capsys)
    assert published["rows"] == 30 and published["shards"] == 3
    assert published["manifest_id"].startswith("sha256:")
    assert _grant(world, "--shards", "0,2") == 0
    capsys.readouterr()
    out = world["dir"] / "rows.csv"
    assert main(["open", str(world["pkg"]), "--grant", str(world["grant"]), "--key", str(world["partner"]),
                 "--purpose", PURPOSE, "--out", str(out), "--json"]) == 0
    opened = _json(capsys)
    assert opened["rows"] == 20 and opened["shards"] == [0, 2]
    expected = sample_frame().iloc[list(range(0, 10)) + list(range(20, 30))].reset_index(drop=True)
    pd.testing.assert_frame_equal(pd.read_csv(out), expected)
    assert main(["verify", str(world["pkg"]), "--json"]) == 0
    assert _json(capsys)["passed"] is True
    assert main(["verify", str(world["pkg"])]) == 0
    assert "signature valid" in capsys.readouterr().out


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl"])
def test_open_output_formats(world: dict[str, Path], suffix: str) -> None:
    assert _publish(world) == 0 and _grant(world) == 0
    out = world["dir"] / f"rows{suffix}"
    assert main(["open", str(world["pkg"]), "--grant", str(world["grant"]), "--key", str(world["partner"]),
                 "--purpose", PURPOSE, "--out", str(out)]) == 0
    frame = pd.read_parquet(out) if suffix == ".parquet" else pd.read_json(out, lines=True)
    pd.testing.assert_frame_equal(frame, sample_frame(), check_dtype=False)


def test_exit_codes(world: dict[str, Path], capsys: Any) -> None:
    assert _publish(world, "--pii-column", "note") == 2  # not COLUMN=TYPE
    assert _publish(world, "--shards", "2", "--rows-per-shard", "3") == 2
    assert _publish(world) == 0 and _grant(world) == 0
    assert _publish(world) == 2  # exists
    out = world["dir"] / "rows.csv"
    base = ["open", str(world["pkg"]), "--key", str(world["partner"]), "--out", str(out)]
    assert main([*base, "--grant", str(world["grant"]), "--purpose", "clinical-care"]) == 1  # denied
    assert main([*base, "--grant", str(world["dir"] / "nope.json"), "--purpose", PURPOSE]) == 2
    assert main([*base, "--grant", str(world["grant"]), "--purpose", PURPOSE, "--shard", "7"]) == 2
    assert not out.exists()
    shard = world["pkg"] / "shards" / "shard-00000.dps"
    shard.write_bytes(shard.read_bytes()[:-1])
    capsys.readouterr()
    assert main(["verify", str(world["pkg"]), "--json"]) == 1
    report = _json(capsys)
    assert report["passed"] is False and "shard-00000" in report["shards"][0]["detail"]
    assert main([*base, "--grant", str(world["grant"]), "--purpose", PURPOSE]) == 1
    assert "shard-00000.dps" in capsys.readouterr().err
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.slow
def test_publish_scrubs_with_pseudonym_key(world: dict[str, Path], capsys: Any, scrubber: Any,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import dataprotocol.package._scrub as scrub_module

    seen: list[bytes | None] = []
    monkeypatch.setattr(scrub_module, "_default_scrubber", lambda key: seen.append(key) or scrubber)
    (world["dir"] / "pseudonym.key").write_text("ab" * 32, encoding="utf-8")
    frame = pd.DataFrame({"email": ["ann@example.org", "bob@example.org"], "n": [1, 2]})
    frame.to_csv(world["input"], index=False)
    assert _publish(world, "--pii-column", "email=email_address", "--pseudonym-key",
                    str(world["dir"] / "pseudonym.key"), "--json") == 0
    assert seen == [bytes.fromhex("ab" * 32)]
    assert _json(capsys)["scrub"]["entities"] == {"EMAIL_ADDRESS": 2}
