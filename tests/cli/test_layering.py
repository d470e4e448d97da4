"""The CLI is thin: it reaches other layers through their public ``__init__`` names only.

Every import in ``dataprotocol/cli/*.py`` of another sub-package must name the package
itself (``from dataprotocol.deid import scrub_file``), never one of its private modules
(``dataprotocol.deid._io``) nor a private name. The root's base helpers
(``dataprotocol._files``: bounded reads, atomic writes; ``dataprotocol.errors``) are the
layer below everything and stay allowed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CLI = Path(__file__).resolve().parents[2] / "dataprotocol" / "cli"
BASE = {"dataprotocol._files", "dataprotocol._canonical", "dataprotocol.errors"}


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name, []) for a in node.names]
    return found


def _violations(path: Path) -> list[str]:
    bad = []
    for line, module, names in _imports(path):
        parts = module.split(".")
        if parts[0] != "dataprotocol" or module in BASE or module.startswith("dataprotocol.cli"):
            continue
        private_module = any(p.startswith("_") for p in parts[1:])
        private_names = [n for n in names if n.startswith("_")]
        if private_module or private_names:
            bad.append(f"{path.name}:{line}: {module} {private_names or ''}".rstrip())
    return bad


@pytest.mark.parametrize("path", sorted(CLI.glob("*.py")), ids=lambda p: p.name)
def test_cli_imports_only_public_names_of_other_packages(path: Path) -> None:
    assert _violations(path) == []


def test_the_check_catches_a_private_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from dataprotocol.deid._io import scrub_file\n"
                      "from dataprotocol.train import _private\n"
                      "import dataprotocol.budget._store\n"
                      "from dataprotocol.deid import scrub_file\n"
                      "from dataprotocol._files import atomic_open\n")
    assert len(_violations(sample)) == 3
