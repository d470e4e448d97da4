"""CLI conventions: --version, shell completion, JSON errors under --json, unknown ids exit 2,
no hard wraps when piped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml

from dataprotocol.cli.main import app, main
from dataprotocol.keys import generate_keypair
from tests.policy.conftest import card_dict


def _commands() -> list[tuple[list[str], Any]]:
    """Every leaf command of the CLI, with its path of names (typer vendors click: duck-type)."""
    root = typer.main.get_command(app)
    out: list[tuple[list[str], Any]] = []

    def walk(cmd: Any, path: list[str]) -> None:
        if hasattr(cmd, "commands"):
            for name, sub in cmd.commands.items():
                walk(sub, [*path, name])
        else:
            out.append((path, cmd))

    walk(root, [])
    return out


def _is_option(param: Any) -> bool:
    return param.param_type_name == "option"


JSON_COMMANDS = [(p, c) for p, c in _commands() if any("--json" in o.opts for o in c.params if _is_option(o))]


def _bad_invocation(path: list[str], cmd: Any, missing: Path) -> list[str]:
    """The command with every required argument and option pointing at a missing file."""
    args = list(path)
    if not any(p.required for p in cmd.params):  # nothing to get wrong but the usage itself
        return [*args, "--definitely-not-an-option", "--json"]
    for param in cmd.params:
        if param.param_type_name == "argument" and param.required:
            args.append(str(missing))
        elif _is_option(param) and param.required and not param.is_flag:
            args += [param.opts[0], str(missing)]
    return [*args, "--json"]


def test_there_are_json_commands() -> None:
    assert len(JSON_COMMANDS) >= 10


@pytest.mark.parametrize("path, cmd", JSON_COMMANDS, ids=lambda x: " ".join(x) if isinstance(x, list) else "")
def test_every_json_command_reports_errors_as_one_json_object(path, cmd, tmp_path, capsys) -> None:
    code = main(_bad_invocation(path, cmd, tmp_path / "missing" / "input.yaml"))
    captured = capsys.readouterr()
    assert code != 0, captured.out
    doc = json.loads(captured.out)  # exactly one JSON object on stdout
    assert doc["code"] == code and doc["error"] and doc["type"]
    assert "Traceback" not in captured.err


def test_usage_errors_are_json_too(capsys) -> None:
    assert main(["license", "list", "--no-such-option", "--json"]) == 2
    doc = json.loads(capsys.readouterr().out)
    assert doc == {"error": "No such option: --no-such-option", "code": 2, "type": "UsageError"}


def test_version_and_completion(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("dataprotocol ")
    assert main(["--help"]) == 0
    assert "--install-completion" in capsys.readouterr().out


def test_unknown_purpose_is_bad_input_not_a_denial(tmp_path, capsys) -> None:
    card = tmp_path / "card.yaml"
    card.write_text(yaml.safe_dump(card_dict(generate_keypair("steward"))), encoding="utf-8")
    assert main(["check", str(card), "--action", "read", "--purpose", "astrology", "--no-log", "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["code"] == 2


def test_piped_output_is_not_wrapped_at_80_columns(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    out = subprocess.run([sys.executable, "-m", "dataprotocol", "license", "list"], capture_output=True,
                         text=True, env=env, check=True).stdout
    assert max(len(line) for line in out.splitlines()) > 80
    assert "LicenseRef-scancode-llama-3.1-license-2024" in out  # a long id, never split
