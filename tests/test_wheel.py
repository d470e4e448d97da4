"""The built wheel: no evaluation corpora inside, the demo's data loads from it, and
``dataprotocol demo --stop-after policy`` runs from it in a fresh venv.

Builds with ``pip wheel --no-deps --no-build-isolation`` (setuptools from the venv, no
network), installs it with ``pip install --no-deps`` (``--target`` a folder, or ``--python``
a fresh venv whose only link to the shared dependencies is a .pth path line) and runs it
from a folder outside the checkout, so nothing can come from the source tree.
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


def _fresh_venv(root: Path) -> Path:
    """A venv with nothing of ours: no pip, no checkout; the shared dependencies reach it
    through a plain path line in a .pth (not a site dir: its .pth files -- the checkout's
    editable install among them -- are not processed)."""
    import site
    import sysconfig

    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True,
                   capture_output=True, timeout=120)
    python = root / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True, timeout=60).stdout.strip()
    shared = [sysconfig.get_paths()["purelib"], *site.getsitepackages()]
    Path(purelib, "shared_deps.pth").write_text("\n".join(dict.fromkeys(shared)) + "\n")
    return python


@pytest.mark.slow
def test_the_demo_runs_from_the_wheel_in_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    python = _fresh_venv(tmp_path / "venv")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                    "--no-compile", "--disable-pip-version-check", "-q", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    command = tmp_path / "venv" / "bin" / "dataprotocol"
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = subprocess.run([str(python), "-c", "import dataprotocol; print(dataprotocol.__file__)"],
                           cwd=work, capture_output=True, text=True, env=env, timeout=120)
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "venv"), where.stdout + where.stderr
    done = subprocess.run([str(command), "demo", "--stop-after", "policy", "--out", "demo-output"],
                          cwd=work, capture_output=True, text=True, env={**env, "COLUMNS": "200"},
                          timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = work / "demo-output"
    for name in ("keys/steward.key", "dataset-card.yaml", "package/manifest.json",
                 "grants/researcher.grant.json", "decisions.jsonl", "opened.parquet", "revocations.json"):
        assert (out / name).is_file(), name
    assert not (out / "model").exists()  # the policy part only
    assert len((out / "decisions.jsonl").read_text().splitlines()) == 3  # two denied, one allowed
