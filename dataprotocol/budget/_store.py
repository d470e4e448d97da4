"""Where the ledger lives: a SQLite file (WAL), opened per operation.

One ``BEGIN IMMEDIATE`` transaction decides each reservation: it takes SQLite's write
lock before reading the spend, so two processes reserving at once are serialised and
the second one sees the first one's row -- they can never overspend together.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from dataprotocol.errors import BudgetError, InputError

__all__ = ["DEFAULT_LEDGER", "resolve_location", "connect", "create_file",
           "write_transaction", "read_transaction"]

DEFAULT_LEDGER = "dataprotocol-ledger.sqlite"
FORMAT = "dataprotocol-ledger/2"
#: seconds a writer waits for another process' transaction before giving up
BUSY_TIMEOUT_S = 60.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS ledger_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS datasets (
    dataset_id  TEXT PRIMARY KEY,
    epsilon_cap REAL NOT NULL,
    delta_cap   REAL NOT NULL,
    created_at  TEXT NOT NULL,
    record_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
    seq         INTEGER PRIMARY KEY,
    run_id      TEXT NOT NULL,
    dataset_id  TEXT NOT NULL REFERENCES datasets(dataset_id),
    state       TEXT NOT NULL CHECK (state IN ('genesis', 'reserved', 'committed', 'head')),
    events      TEXT NOT NULL,
    delta       REAL NOT NULL,
    meta        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    entry_hash  TEXT NOT NULL UNIQUE,
    UNIQUE (run_id, state)
);
CREATE INDEX IF NOT EXISTS entries_by_dataset ON entries (dataset_id, seq);
"""

_POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg", "postgresql+psycopg2")


def resolve_location(location: str | Path) -> Path:
    """A path, or a ``sqlite:///path`` URL (``sqlite:////abs/path`` for absolute).

    ``postgresql://`` URLs are recognised but not supported by this version: we say so
    (and whether the driver is even installed) rather than silently using a file.
    """
    text = str(location)
    if "://" not in text:
        return Path(text)
    scheme = text.split("://", 1)[0].lower()
    if scheme == "sqlite":
        if not text.startswith("sqlite:///") or len(text) == len("sqlite:///"):
            raise InputError(f"bad SQLite URL {text!r}", field="ledger",
                             expected="sqlite:///relative/path or sqlite:////absolute/path")
        return Path(text[len("sqlite:///"):])
    if scheme in _POSTGRES_SCHEMES:
        raise InputError(_postgres_message(), field="ledger",
                         expected="a SQLite path or sqlite:/// URL")
    raise InputError(f"unsupported ledger URL scheme {scheme!r}", field="ledger",
                     expected="a path, sqlite:///PATH (postgresql:// is not supported yet)")


def _postgres_message() -> str:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return ("a PostgreSQL ledger is not supported in this installation: the 'psycopg' "
                "driver is not installed, and this version of dataprotocol implements "
                "the SQLite ledger only")
    return "a PostgreSQL ledger is not supported yet by this version (SQLite only)"


@contextlib.contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """Open an existing ledger (never creates one); closes it afterwards.

    A missing file is an error, not an empty ledger: a fresh file would start from a
    full budget. Ledgers are created only by their publisher (:func:`create_file`).
    """
    _check_exists(path)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise InputError(f"cannot open ledger: {exc}", file=path) from exc
    try:
        _prepare(conn, path)
        yield conn
    finally:
        conn.close()


def _check_exists(path: Path) -> None:
    if path.is_file():
        return
    if not path.parent.is_dir():
        raise InputError("the ledger's folder does not exist", file=path.parent,
                         expected="the folder holding the dataset's ledger (nothing is created)")
    if path.exists():
        raise InputError("ledger is not a regular file", file=path, expected="a ledger file")
    raise InputError("ledger file does not exist", file=path,
                     expected="the dataset's ledger, created by its publisher "
                              "(dataprotocol budget init, or publish --ledger); "
                              "a ledger is never created implicitly")


def create_file(path: Path, initialise: Callable[[sqlite3.Connection], None]) -> None:
    """Create a new ledger at ``path``: schema plus ``initialise`` (the genesis), atomically.

    Built in a temporary file in the same folder and linked into place only when
    complete, so a crash leaves no ledger without its genesis; an existing file is
    never replaced (``os.link`` fails if the name exists, closing the check-then-create
    race between two publishers).
    """
    if not path.parent.is_dir():
        raise InputError("the ledger's folder does not exist", file=path.parent,
                         expected="an existing folder (it is not created)")
    if path.exists() or path.is_symlink():
        raise InputError("ledger already exists", file=path,
                         expected="a new path (a ledger is never replaced)")
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")  # persistent: set once, at creation
            with write_transaction(conn):
                # statement by statement: executescript() would COMMIT our transaction
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    conn.execute(statement)
                conn.execute("INSERT INTO ledger_info VALUES ('format', ?)", (FORMAT,))
                initialise(conn)
        finally:
            conn.close()  # the last connection checkpoints and removes the -wal file
        try:
            os.link(tmp, path)
        except FileExistsError as exc:
            raise InputError("ledger already exists", file=path,
                             expected="a new path (a ledger is never replaced)") from exc
        except OSError as exc:
            raise InputError(f"cannot create the ledger: {exc.strerror}", file=path) from exc
    except sqlite3.Error as exc:
        raise InputError(f"cannot create the ledger: {exc}", file=path) from exc
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Check the format. Readers never write: a read-only ledger can still be shown."""
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=FULL")  # a ledger row must survive power loss
        found = _format(conn)
        if found is None:
            raise InputError("not a dataprotocol ledger (no ledger_info table)",
                             file=path, expected=f"a {FORMAT} SQLite file")
        if found == "dataprotocol-ledger/1":
            raise InputError("a dataprotocol-ledger/1 file has no publisher genesis",
                             file=path, expected=f"a {FORMAT} ledger: have the dataset's "
                             "publisher create one (dataprotocol budget init)")
        if found != FORMAT:
            raise InputError(f"unknown ledger format {found!r}", file=path, expected=FORMAT)
    except sqlite3.DatabaseError as exc:
        raise InputError(f"not a dataprotocol ledger: {exc}", file=path,
                         expected="a SQLite ledger file") from exc


def _format(conn: sqlite3.Connection) -> str | None:
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND "
                          "name='ledger_info'").fetchone()
    if exists is None:
        return None
    row = conn.execute("SELECT value FROM ledger_info WHERE key='format'").fetchone()
    return None if row is None else str(row[0])


@contextlib.contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back on any exception)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise BudgetError(f"ledger is busy or locked: {exc}") from exc
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextlib.contextmanager
def read_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A consistent snapshot for reads (WAL readers never block the writer)."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")
