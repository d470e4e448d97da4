"""Issue 10, item 8: a read-only ledger can be shown and audited; a full disk or a
damaged file is a clear error with nothing half-written."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dataprotocol.budget import Ledger, MechanismEvent
from dataprotocol.cli.main import main
from dataprotocol.errors import BudgetError
from tests._ledgers import make_ledger

EVENT = MechanismEvent(noise_multiplier=1.0, sample_rate=0.02, steps=50)
REPO = Path(__file__).resolve().parents[2]


def _ledger(path: Path) -> Ledger:
    book = make_ledger(path, dataset_id="notes", epsilon_cap=8.0, delta_cap=1e-5)
    book.reserve("notes", run_id="run-1", events=[EVENT], delta=1e-5)
    book.commit("run-1", events=[EVENT])
    return book


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user can traverse (pytest's tmp_path is 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="dp-ro-ledger-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _nobody_can_run_us(env: dict[str, str]) -> bool:
    """Whether user ``nobody`` can run this interpreter and import this checkout (a clone
    inside a 0700 folder, as mktemp makes them, is out of its reach)."""
    probe = [*_NOBODY, sys.executable, "-c", "import dataprotocol.cli.main"]
    return subprocess.run(probe, capture_output=True, env=env, timeout=120, cwd="/").returncode == 0


def _as_another_user(argv: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI where the ledger cannot be written: as ``nobody`` on a file made read-only
    (as root: setpriv), or -- where nobody cannot reach this checkout -- as root with the
    ledger's folder on a read-only bind mount (EROFS binds root too). Not root: we already
    are a user for whom the file we made read-only is read-only."""
    command = [sys.executable, "-m", "dataprotocol.cli.main", *argv]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    if os.geteuid() == 0:
        if _nobody_can_run_us(env):
            command = [*_NOBODY, *command]
        else:
            mount = 'mount --bind -o ro "$0" "$0" && exec "$@"'
            command = ["unshare", "-m", "--propagation", "private", "sh", "-c", mount, str(folder), *command]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120,
                          cwd="/")


def test_a_read_only_ledger_can_be_shown(shared_folder: Path) -> None:
    path = shared_folder / "ledger.sqlite"
    _ledger(path)
    path.chmod(0o444)
    shared_folder.chmod(0o555)  # no -shm file can be created next to it
    try:
        done = _as_another_user(["budget", "show", "--ledger", str(path), "--json", "--no-prv"], shared_folder)
    finally:
        shared_folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["chain_verified"] is True
    assert [r["run_id"] for r in report["datasets"][0]["runs"]] == ["run-1"]
    assert sorted(p.name for p in shared_folder.iterdir()) == ["ledger.sqlite"]


def test_readers_never_write(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    _ledger(path)
    before = path.read_bytes()
    assert main(["budget", "show", "--ledger", str(path), "--json", "--no-prv"]) == 0
    assert path.read_bytes() == before


def _full_disk(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Every new connection to the ledger sees a disk with no page left (SQLite's
    ``max_page_count``): the next write fails with SQLITE_FULL, as on a full disk."""
    real = sqlite3.connect
    pages = real(str(path)).execute("PRAGMA page_count").fetchone()[0]

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real(*args, **kwargs)
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr("dataprotocol.budget._store.sqlite3.connect", connect)


def test_a_full_disk_is_a_clear_error_and_records_nothing(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ledger.sqlite"
    book = _ledger(path)
    entries = len(book.entries())
    _full_disk(monkeypatch, path)
    big = [MechanismEvent(noise_multiplier=1.0, sample_rate=0.01, steps=1)] * 400
    with pytest.raises(BudgetError, match="could not be written.*nothing was recorded") as caught:
        book.reserve("notes", run_id="run-2", events=big, delta=1e-5, meta={"pad": "x" * 20000})
    assert "full" in str(caught.value)
    monkeypatch.undo()
    assert len(Ledger(path).entries()) == entries
    assert Ledger(path).verify_chain() == entries


def test_a_corrupted_ledger_is_refused_without_a_traceback(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "ledger.sqlite"
    _ledger(path)
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 97):  # damage every page after the header
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    code = main(["budget", "show", "--ledger", str(path), "--no-prv"])
    err = capsys.readouterr().err
    assert code in (1, 2) and "ledger" in err and "Traceback" not in err
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    assert main(["budget", "show", "--ledger", str(garbage)]) == 2
