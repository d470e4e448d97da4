"""CLI: a grant carries the RFC 8785 marker; stripping or changing it is a verification
failure (exit 1, one clear line, no traceback), never a crash."""

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
    (tmp_path / "card.yaml").write_text(yaml.safe_dump(
        card_dict(steward, publisher="keys/steward.pub"), sort_keys=False))
    assert main(["grant", "issue", "card.yaml", "--to", "keys/alice.pub", "--key",
                 "keys/steward.key", "--action", "read", "--purpose", "disease:cancer",
                 "--until", "2099-01-01", "--out", "g.json"]) == 0
    return tmp_path


@pytest.mark.parametrize(("edit", "message"), [
    (lambda d: d.pop("canon"), "does not verify"),  # relabelled as a pre-RFC 8785 grant
    (lambda d: d.update(canon="rfc8785/2"), "unsupported canonicalisation 'rfc8785/2' in "
                                            "field 'canon' (expected 'rfc8785'"),
])
def test_relabelled_grant_fails_verification(world, capsys, edit, message):
    doc = json.loads((world / "g.json").read_text())
    assert doc["canon"] == "rfc8785"
    assert main(["grant", "verify", "g.json", "--card", "card.yaml", "--json"]) == 0
    edit(doc)
    (world / "g.json").write_text(json.dumps(doc, indent=2))
    capsys.readouterr()
    assert main(["grant", "verify", "g.json", "--card", "card.yaml", "--json"]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    assert message in " ".join((out.out + out.err).split())
