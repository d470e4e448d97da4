"""An auditor's ``budget audit`` never loads torch (nor the train layer).

The audit recomputes epsilon with Opacus' accountants (loaded without ``opacus/__init__``,
see ``budget/_opacus_lite.py``) and dp_accounting; torch, transformers and
``dataprotocol.train`` must stay out of the process. Run in a fresh interpreter: the
test process itself has imported torch long ago.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dataprotocol.keys import generate_keypair
from tests.train.test_card import write_card

ROOT = Path(__file__).resolve().parents[2]
_AUDIT = """
import json, sys
from dataprotocol.cli.main import main
code = main(["budget", "audit", sys.argv[1], "--json"])
heavy = sorted(m for m in ("torch", "transformers", "opacus", "dataprotocol.train",
                           "presidio_analyzer", "spacy") if m in sys.modules)
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


def _run_isolated(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300, check=False)


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_card(tmp_path_factory.mktemp("torch-free") / "model", generate_keypair("t"))


def test_budget_audit_runs_without_torch(model_dir: Path) -> None:
    done = _run_isolated(_AUDIT, str(model_dir))
    status = json.loads(done.stderr.strip().splitlines()[-1])
    report = json.loads(done.stdout)
    assert status == {"code": 0, "heavy": []}
    assert report["passed"] is True
    # the Opacus check really ran (through Opacus' own accountant code)
    assert {c["name"] for c in report["checks"] if c["passed"]} >= {"epsilon-opacus",
                                                                    "epsilon-independent"}
    assert report["facts"]["opacus"]


def test_records_import_is_torch_free() -> None:
    done = _run_isolated("import sys, dataprotocol.records, dataprotocol.budget\n"
                         "print(sorted(m for m in ('torch', 'opacus', 'dataprotocol.train')"
                         " if m in sys.modules))")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
