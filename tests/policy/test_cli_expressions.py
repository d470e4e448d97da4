"""CLI with SPDX license expressions: check on a dual-licensed card, license show/combine."""

from __future__ import annotations

import json

import pytest
import yaml

from dataprotocol.cli.main import main
from dataprotocol.keys import generate_keypair, save_keypair
from tests.policy.conftest import card_dict


@pytest.fixture()
def world(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATAPROTOCOL_DECISION_LOG", raising=False)
    steward, alice = generate_keypair("steward"), generate_keypair("alice")
    for kp in (steward, alice):
        save_keypair(kp, tmp_path / "keys")
    return tmp_path, steward


def _write_card(world, license_text: str) -> None:
    path, steward = world
    doc = card_dict(steward, license=license_text, publisher="keys/steward.pub",
                    purposes=["research+commercial"])
    (path / "card.yaml").write_text(yaml.safe_dump(doc, sort_keys=False))


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_check_on_a_dual_licensed_card_end_to_end(world, capsys):
    _write_card(world, "CC-BY-NC-4.0 OR CC-BY-4.0")
    assert main(["grant", "issue", "card.yaml", "--to", "keys/alice.pub", "--key", "keys/steward.key",
                 "--action", "train", "--action", "publish-model", "--purpose", "research+commercial",
                 "--until", "2099-01-01", "--out", "g.json"]) == 0
    capsys.readouterr()
    args = ["check", "card.yaml", "--grant", "g.json", "--action", "publish-model",
            "--purpose", "nlp-research+commercial"]
    assert main([*args, "--json"]) == 0
    decision = _json(capsys)
    assert decision["allowed"] and decision["chosen_licenses"] == ["CC-BY-4.0"]
    assert {(o["kind"], o["license"]) for o in decision["obligations"]} == {
        ("attribution", "CC-BY-4.0"), ("modified-notice", "CC-BY-4.0")}
    assert main(args) == 0
    assert "under license: CC-BY-4.0" in capsys.readouterr().out
    log = [json.loads(x) for x in (world[0] / "dataprotocol-decisions.jsonl").read_text().splitlines()]
    assert [r["chosen_licenses"] for r in log] == [["CC-BY-4.0"], ["CC-BY-4.0"]]
    # AND with a NonCommercial part: denied, exit 1, the NC reason listed
    _write_card(world, "CC-BY-4.0 AND CC-BY-NC-4.0")
    assert main([*args, "--json", "--no-log"]) == 1
    reasons = _json(capsys)["reasons"]
    assert any(r.startswith("license-noncommercial: CC-BY-NC-4.0") for r in reasons), reasons


@pytest.mark.parametrize(("text", "message"), [
    ("CC-BY-4.0 WITH Classpath-exception-2.0", "exceptions (WITH) are not supported"),
    ("CC0-1.0 OR", "malformed license expression"),
    ("CC0-1.0 OR LicenseRef-nobody", "unknown license 'LicenseRef-nobody'"),
])
def test_bad_card_expression_exits_2_naming_file_and_field(world, capsys, text, message):
    _write_card(world, text)
    code = main(["check", "card.yaml", "--action", "read", "--purpose", "research",
                 "--as", "keys/alice.pub", "--no-log"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "card.yaml" in err and "field 'license'" in err and message in err
    assert "Traceback" not in err


def test_license_show_an_expression(capsys):
    assert main(["license", "show", "(CC-BY-NC-4.0 AND ODbL-1.0) OR cc0-1.0", "--json"]) == 0
    shown = _json(capsys)
    assert shown["alternatives"] == [["CC-BY-NC-4.0", "ODbL-1.0"], ["CC0-1.0"]]
    assert [lic["id"] for lic in shown["licenses"]] == ["CC-BY-NC-4.0", "ODbL-1.0", "CC0-1.0"]
    assert main(["license", "show", "CC-BY-4.0 OR ODbL-1.0"]) == 0
    out = capsys.readouterr().out
    assert "1. CC-BY-4.0" in out and "2. ODbL-1.0" in out
    assert main(["license", "show", "cc-by-4.0", "--json"]) == 0  # one id: the definition, as before
    assert _json(capsys)["id"] == "CC-BY-4.0"
    for bad, message in [("CC-BY-4.0 OR GPL-3.0-only", "'GPL-3.0-only' is a valid SPDX id but has no definition"),
                         ("CC-BY-4.0 OR Made-Up-1.0", "unknown license 'Made-Up-1.0': not an SPDX license id"),
                         ("CC0-1.0 OR", "malformed"),
                         ("CC0-1.0 WITH LLVM-exception", "WITH")]:
        assert main(["license", "show", bad]) == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err


def test_license_combine_takes_expressions(capsys):
    assert main(["license", "combine", "CC-BY-SA-4.0 OR CC0-1.0", "--action", "publish-data", "--json"]) == 0
    result = _json(capsys)
    assert result["chosen_licenses"] == ["CC0-1.0"] and result["obligations"] == []
    assert result["alternatives"] == [["CC-BY-SA-4.0"], ["CC0-1.0"]]
    assert main(["license", "combine", "CC-BY-NC-4.0 OR CC-BY-4.0", "--action", "train",
                 "--purpose", "commercial"]) == 0
    assert "chosen: CC-BY-4.0 (fewest obligations of 2 alternatives)" in capsys.readouterr().out
    assert main(["license", "combine", "CC-BY-4.0 OR ODbL-1.0", "CC-BY-SA-4.0", "--action", "publish-data",
                 "--json"]) == 0
    assert _json(capsys)["chosen_licenses"] == ["CC-BY-4.0", "CC-BY-SA-4.0"]
    assert main(["license", "combine", "CC-BY-4.0 AND", "--action", "read"]) == 2
    assert "malformed" in capsys.readouterr().err
