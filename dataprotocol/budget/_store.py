"""Where the ledger lives: a SQLite file (WAL), opened per operation.

One ``BEGIN IMMEDIATE`` transaction decides each reservation: it takes SQLite's write
lock before reading the spend, so two processes reserving at once are serialised and
the second one sees the first one's row -- they can never overspend together.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from dataprotocol.errors import BudgetError, InputError

__all__ = ["DEFAULT_LEDGER", "resolve_location", "connect", "write_transaction",
           "read_transaction"]

DEFAULT_LEDGER = "dataprotocol-ledger.sqlite"
FORMAT = "dataprotocol-ledger/1"
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
    state       TEXT NOT NULL CHECK (state IN ('reserved', 'committed')),
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
def connect(path: Path, *, create: bool) -> Iterator[sqlite3.Connection]:
    """Open the ledger (creating the schema when ``create``); closes it afterwards."""
    if not path.exists():
        if not create:
            raise InputError("ledger file does not exist", file=path,
                             expected="an existing ledger (created by a training run)")
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise InputError(f"cannot open ledger: {exc}", file=path) from exc
    try:
        _prepare(conn, path, create=create)
        yield conn
    finally:
        conn.close()


def _prepare(conn: sqlite3.Connection, path: Path, *, create: bool) -> None:
    """Check the format; create the schema only in a new (or empty) file when ``create``.

    Readers never write: a read-only ledger file can still be shown and audited.
    """
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=FULL")  # a ledger row must survive power loss
        if _format(conn) is None:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if not create or tables:
                raise InputError("not a dataprotocol ledger (no ledger_info table)",
                                 file=path, expected=f"a {FORMAT} SQLite file")
            conn.execute("PRAGMA journal_mode=WAL")  # persistent: set once, at creation
            with write_transaction(conn):
                if _format(conn) is None:  # another process may have just created it
                    # statement by statement: executescript() would COMMIT our transaction
                    for statement in filter(str.strip, _SCHEMA.split(";")):
                        conn.execute(statement)
                    conn.execute("INSERT INTO ledger_info VALUES ('format', ?)", (FORMAT,))
        found = _format(conn)
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
