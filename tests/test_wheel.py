"""The built wheel: no evaluation corpora inside, and the demo's data loads from it.

Builds with ``pip wheel --no-deps --no-build-isolation`` (setuptools from the venv, no
network), installs it with ``pip install --no-deps --target`` and imports it from a
folder outside the checkout, so nothing can come from the source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    # a copy of what git tracks in the package: a build must not write into the checkout
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "dataprotocol", src / "dataprotocol",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--disable-pip-version-check", "-q", "-w", str(out), str(src)],
                   check=True, capture_output=True, timeout=300)
    (built,) = out.glob("dataprotocol-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_ships_no_corpus_templates_and_the_demo_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "dataprotocol/cli/demo_data/patient_messages.csv" in names
    assert "dataprotocol/records/__init__.py" in names
    corpus = [n for n in names if "corpus" in n.rsplit("/", 1)[-1] or "benchmarks" in n]
    assert corpus == []


@pytest.mark.slow
def test_the_demo_data_loads_from_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-compile",
                    "--disable-pip-version-check", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    script = ("import csv, dataprotocol\n"
              "from dataprotocol.cli._demo import demo_data\n"
              "path = demo_data()\n"
              "rows = list(csv.DictReader(path.open(encoding='utf-8')))\n"
              "print(dataprotocol.__file__, path, len(rows), sorted(rows[0]))\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                          text=True, env={**env, "PYTHONPATH": str(target)}, timeout=120)
    assert done.returncode == 0, done.stderr
    package_file, data_file, count, columns = done.stdout.split(" ", 3)
    assert Path(package_file).is_relative_to(target) and Path(data_file).is_relative_to(target)
    assert int(count) >= 100 and "message" in columns
