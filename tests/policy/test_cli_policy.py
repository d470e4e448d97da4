"""CLI: license / grant / check commands, exit codes 0 / 1 / 2, --json output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from dataprotocol.cli.main import main
from dataprotocol.keys import generate_keypair, save_keypair
from dataprotocol.policy import read_decision_log
from tests.policy.conftest import card_dict


@pytest.fixture()
def world(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATAPROTOCOL_DECISION_LOG", raising=False)
    steward, alice, bob = (generate_keypair(n) for n in ("steward", "alice", "bob"))
    for kp in (steward, alice, bob):
        save_keypair(kp, tmp_path / "keys")
    doc = card_dict(steward, publisher="keys/steward.pub")
    (tmp_path / "card.yaml").write_text(yaml.safe_dump(doc, sort_keys=False))
    return tmp_path


def _issue(extra: list[str] | None = None, out: str = "g.json") -> list[str]:
    return ["grant", "issue", "card.yaml", "--to", "keys/alice.pub", "--key", "keys/steward.key",
            "--action", "train", "--action", "read", "--purpose", "disease:cancer",
            "--until", "2099-01-01", "--condition", "max_epsilon=2", "--out", out, *(extra or [])]


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_license_commands(capsys):
    assert main(["license", "list", "--json"]) == 0
    ids = {lic["id"] for lic in _json(capsys)["licenses"]}
    assert {"CC-BY-ND-4.0", "LicenseRef-unspecified"} <= ids
    assert main(["license", "show", "ODbL-1.0", "--json"]) == 0
    assert _json(capsys)["conditions"]["share_alike"] == "odbl"
    assert main(["license", "show", "Nope-1.0"]) == 2
    assert "unknown license" in capsys.readouterr().err
    assert main(["license", "combine", "CC-BY-SA-4.0", "ODbL-1.0", "--action", "publish-data", "--json"]) == 1
    assert _json(capsys)["conflicts"]
    assert main(["license", "combine", "CC-BY-4.0", "CC0-1.0", "--action", "publish-model"]) == 0
    assert main(["license", "combine", "CC0-1.0", "--action", "sell"]) == 2
    assert main(["license", "list", "--profile", "lax"]) == 2


def test_grant_issue_verify_check_allowed(world, capsys):
    assert main(_issue(["--json"])) == 0
    issued = _json(capsys)
    assert main(["grant", "verify", "g.json", "--card", "card.yaml", "--json"]) == 0
    assert _json(capsys)["valid"] is True
    assert main(["check", "card.yaml", "--grant", "g.json", "--action", "train",
                 "--purpose", "disease:lung-cancer", "--json"]) == 0
    decision = _json(capsys)
    assert decision["allowed"] and decision["grant_id"] == issued["grant_id"]
    assert decision["conditions"] == {"max_epsilon": 2}
    records = read_decision_log(world / "dataprotocol-decisions.jsonl")
    assert len(records) == 1 and records[0]["allowed"]


def test_check_denials_exit_1_with_reasons(world, capsys):
    assert main(_issue()) == 0
    capsys.readouterr()
    assert main(["check", "card.yaml", "--grant", "g.json", "--action", "publish-data",
                 "--purpose", "disease:cancer", "--as", "keys/bob.pub", "--json", "--no-log"]) == 1
    codes = {r.split(":")[0] for r in _json(capsys)["reasons"]}
    assert {"wrong-grantee", "no-grant"} <= codes
    assert main(["check", "card.yaml", "--action", "read", "--purpose", "health-research",
                 "--as", "keys/alice.pub", "--no-log"]) == 1
    assert "no grant for dataset clinic-notes" in capsys.readouterr().out.replace("\n", " ")
    assert not (world / "dataprotocol-decisions.jsonl").exists()


def test_tampered_grant_is_a_denial_not_a_crash(world, capsys):
    assert main(_issue()) == 0
    doc = json.loads((world / "g.json").read_text())
    doc["payload"]["actions"].append("publish-data")
    (world / "g.json").write_text(json.dumps(doc))
    capsys.readouterr()
    assert main(["check", "card.yaml", "--grant", "g.json", "--action", "read",
                 "--purpose", "disease:cancer", "--json"]) == 1
    assert any(r.startswith("grant-invalid") for r in _json(capsys)["reasons"])
    assert main(["grant", "verify", "g.json", "--card", "card.yaml"]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_revoke_then_check_and_verify(world, capsys):
    assert main(_issue()) == 0
    assert main(["grant", "revoke", "g.json", "--key", "keys/steward.key", "--list", "rev.json"]) == 0
    assert main(["grant", "revoke", "some-other-id", "--key", "keys/steward.key", "--list", "rev.json",
                 "--json"]) == 0
    capsys.readouterr()
    assert main(["check", "card.yaml", "--grant", "g.json", "--action", "read", "--purpose", "disease:cancer",
                 "--revocations", "rev.json", "--json"]) == 1
    assert [r.split(":")[0] for r in _json(capsys)["reasons"]] == ["grant-revoked"]
    assert main(["grant", "verify", "g.json", "--card", "card.yaml", "--revocations", "rev.json"]) == 1
    # only the issuer may extend its list
    assert main(["grant", "revoke", "x", "--key", "keys/bob.key", "--list", "rev.json"]) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "card.yaml", "--grant", "missing.json", "--action", "read", "--purpose", "research"],
        ["check", "nocard.yaml", "--action", "read", "--purpose", "research", "--as", "keys/alice.pub"],
        ["check", "card.yaml", "--action", "fly", "--purpose", "research", "--as", "keys/alice.pub"],
        ["check", "card.yaml", "--action", "read", "--purpose", "research"],
        _issue(["--condition", "colour=blue"]),
        _issue(["--shards", "a,b"]),
        ["grant", "issue", "card.yaml", "--to", "keys/alice.pub", "--key", "keys/bob.key", "--action", "read",
         "--purpose", "research", "--until", "2099-01-01", "--out", "x.json"],
        ["grant", "issue", "card.yaml", "--to", "keys/alice.pub", "--key", "keys/steward.key", "--action",
         "read", "--purpose", "research", "--until", "someday", "--out", "x.json"],
        ["grant", "verify", "g.json"],
    ],
)
def test_bad_input_exit_2(world, capsys, argv):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.strip() and "Traceback" not in err
    assert not Path("x.json").exists()


def test_org_policy_on_issue_and_check(world, capsys):
    from dataprotocol.policy import builtin_policies_dir

    org = str(builtin_policies_dir() / "organisations" / "example-hospital.yaml")
    assert main(_issue(["--org-policy", org, "--action", "publish-data"])) == 2
    assert "never allows publish-data" in capsys.readouterr().err
    assert main(_issue()) == 0
    assert main(["check", "card.yaml", "--grant", "g.json", "--action", "train", "--purpose", "disease:cancer",
                 "--org-policy", org, "--no-log"]) == 0


def test_malformed_user_license_folder_exit_2(tmp_path, capsys):
    (tmp_path / "bad.yaml").write_text("id: X\nname: X\nconditions: {commercial: perhaps}\n")
    assert main(["license", "list", "--licenses", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml:3" in err and "conditions.commercial" in err


def test_grant_and_check_on_a_package_dir(world, capsys):
    from dataprotocol.keys import load_keypair
    from dataprotocol.package import publish
    from dataprotocol.policy import load_dataset_card

    (world / "data.csv").write_text("topic,value\na,1\nb,2\nc,3\nd,4\n")
    card = load_dataset_card(world / "card.yaml")
    publish(world / "data.csv", card=card, publisher=load_keypair(world / "keys" / "steward.key"),
            out=world / "pkg", shards=2)
    argv = _issue(out="pg.json", extra=["--shards", "1"])
    argv[2] = "pkg"
    assert main(argv) == 0
    doc = json.loads((world / "pg.json").read_text())
    assert doc["payload"]["manifest_id"] and doc["payload"]["shards"] == [1]
    assert main(["check", "pkg", "--grant", "pg.json", "--action", "read", "--purpose", "disease:cancer",
                 "--shards", "1", "--no-log"]) == 0
    assert main(["check", "pkg", "--grant", "pg.json", "--action", "read", "--purpose", "disease:cancer",
                 "--no-log", "--json"]) == 1
    capsys.readouterr()
