"""A real, throw-away PostgreSQL server for the tests (initdb + pg_ctl, unix socket).

Debian's ``postgresql`` package puts the binaries under /usr/lib/postgresql/<v>/bin;
``.ci/run`` installs it when missing. initdb and postgres refuse to run as root, so as
root the server runs as the ``postgres`` OS user on a directory that user owns.
Under ``CI=true`` a missing server FAILS the tests that need it, never skips them.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


def find_bindir() -> Path | None:
    """The directory holding initdb/pg_ctl, newest version first; None if absent."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parts[-3]), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


@dataclass(frozen=True)
class PostgresServer:
    """A running server: superuser ``postgres``, reachable through ``socket_dir``."""

    socket_dir: Path
    data_dir: Path
    bindir: Path

    def url(self, dbname: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql://{user}@/{dbname}?host={self.socket_dir}"

    def new_database(self) -> str:
        """A fresh, empty database; returns its superuser URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def start_server() -> Iterator[PostgresServer]:
    """Start a server (fail under CI=true when PostgreSQL is not installed; else skip)."""
    bindir = find_bindir()
    if bindir is None:
        message = ("PostgreSQL server binaries (initdb) not found; install Debian's "
                   "'postgresql' package (.ci/run does)")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    root = Path(tempfile.mkdtemp(prefix="dp-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
    root.chmod(0o755)
    subprocess.run(_as_server_user([str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                                    "-A", "trust", "--no-sync", "-E", "UTF8"]),
                   check=True, capture_output=True)
    # unix socket only (no TCP port to collide on); fsync off: test data need not survive
    options = f"-k {sock} -c listen_addresses='' -c fsync=off -c max_connections=60"
    subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-w", "-s",
                                    "-l", str(root / "server.log"), "-o", options, "start"]),
                   check=True, capture_output=True)
    try:
        yield PostgresServer(socket_dir=sock, data_dir=data, bindir=bindir)
    finally:
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m",
                                        "immediate", "-s", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
