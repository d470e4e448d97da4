from __future__ import annotations

import json

from dataprotocol.cli.main import main
from dataprotocol.keys import load_identity


def test_keygen_json(tmp_path, capsys):
    assert main(["keygen", "alice", "--out", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert load_identity(out["public_identity"]).key_id == out["key_id"]


def test_keygen_refuses_overwrite_exit_2(tmp_path, capsys):
    assert main(["keygen", "alice", "--out", str(tmp_path)]) == 0
    assert main(["keygen", "alice", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "overwrite" in err and "Traceback" not in err


def test_usage_error_is_exit_2(capsys):
    assert main(["keygen"]) == 2
