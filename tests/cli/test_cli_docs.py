"""Every CLI command has help text and a section in docs/cli.md (sqlite-utils style)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer.main

from dataprotocol.cli.main import app


def _commands(group: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    if hasattr(group, "commands"):
        for name, cmd in group.commands.items():
            yield from _commands(cmd, f"{prefix} {name}")
    else:
        yield prefix, group


def test_every_command_has_help_and_docs(repo_root):
    root = typer.main.get_command(app)
    docs = (repo_root / "docs" / "cli.md").read_text(encoding="utf-8")
    found = list(_commands(root, "dataprotocol"))
    assert found, "no commands registered"
    for path, cmd in found:
        assert (cmd.help or "").strip(), f"{path} has no help text"
        assert f"`{path}`" in docs, f"{path} is not documented in docs/cli.md"
        for param in cmd.params:
            if param.param_type_name == "option" and not getattr(param, "hidden", False):
                assert (param.help or "").strip(), f"{path} option {param.opts} has no help"
