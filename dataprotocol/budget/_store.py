"""Where the ledger lives: a store interface, and the SQLite store (WAL, one file).

The ledger (``_ledger``) speaks to a :class:`LedgerStore` only: ``store.write()`` is one
transaction that sees every committed entry and appends atomically, ``store.read()`` a
consistent snapshot. SQL is written once, with ``?`` placeholders and portable types;
each store adapts it. Two stores exist: this module's SQLite file and PostgreSQL
(``_store_pg``), chosen by :func:`open_store` from the location string.

SQLite concurrency: one ``BEGIN IMMEDIATE`` transaction decides each reservation: it
takes SQLite's write lock before reading the spend, so two processes reserving at once
are serialised and the second one sees the first one's row -- they can never overspend
together.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import urllib.parse
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from dataprotocol._files import check_input_file
from dataprotocol.errors import BudgetError, InputError, IntegrityError

__all__ = ["DEFAULT_LEDGER", "FORMAT", "SCHEMA", "LedgerStore", "LedgerTransaction", "SQLiteStore",
           "open_store", "resolve_location", "POSTGRES_SCHEMES"]

DEFAULT_LEDGER = "dataprotocol-ledger.sqlite"
FORMAT = "dataprotocol-ledger/1"
#: seconds a writer waits for another process' transaction before giving up
BUSY_TIMEOUT_S = 60.0
POSTGRES_SCHEMES = ("postgresql", "postgres")

#: the tables (SQLite dialect; ``_store_pg`` derives its PostgreSQL DDL from this text)
SCHEMA = """
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


class LedgerTransaction(Protocol):
    """One open transaction; SQL uses ``?`` placeholders on every store."""

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...


class LedgerStore(Protocol):
    """A place holding the ledger's tables.

    ``write()``: a transaction that is serialised against every other writer (of any
    process or machine) *before* it reads, and commits atomically or not at all.
    ``read()``: a consistent snapshot. ``location``: where, for messages and cards
    (never a password).
    """

    location: str

    def write(self) -> contextlib.AbstractContextManager[LedgerTransaction]: ...

    def read(self) -> contextlib.AbstractContextManager[LedgerTransaction]: ...


def open_store(location: str | Path, *, create: bool) -> LedgerStore:
    """The store named by ``location``: a path, ``sqlite:///PATH`` or ``postgresql://...``."""
    text = str(location)
    if text.split("://", 1)[0].lower() in POSTGRES_SCHEMES and "://" in text:
        from dataprotocol.budget._store_pg import PostgresStore

        return PostgresStore(text, create=create)
    return SQLiteStore(resolve_location(text), create=create)


def resolve_location(location: str | Path) -> Path:
    """A path, or a ``sqlite:///path`` URL (``sqlite:////abs/path`` for absolute)."""
    text = str(location)
    if "://" not in text:
        return Path(text)
    scheme = text.split("://", 1)[0].lower()
    if scheme == "sqlite":
        if not text.startswith("sqlite:///") or len(text) == len("sqlite:///"):
            raise InputError(f"bad SQLite URL {text!r}", field="ledger",
                             expected="sqlite:///relative/path or sqlite:////absolute/path")
        return Path(text[len("sqlite:///"):])
    raise InputError(f"unsupported ledger URL scheme {scheme!r}", field="ledger",
                     expected="a path, sqlite:///PATH or postgresql://[user@]host[:port]/db")


class _SQLiteTransaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self._conn.execute(sql, tuple(params))]

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = self._conn.execute(sql, tuple(params)).fetchone()
        return None if row is None else tuple(row)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(sql, tuple(params))


class SQLiteStore:
    """The ledger in one SQLite file (WAL, ``synchronous=FULL``), opened per operation."""

    def __init__(self, path: Path, *, create: bool) -> None:
        self.path = path
        self.location = str(path)
        self.create = create
        with self._connect():
            pass

    def write(self) -> contextlib.AbstractContextManager[LedgerTransaction]:
        return self._transaction(write=True)

    def read(self) -> contextlib.AbstractContextManager[LedgerTransaction]:
        return self._transaction(write=False)

    @contextlib.contextmanager
    def _transaction(self, *, write: bool) -> Iterator[LedgerTransaction]:
        with self._connect(write=write) as conn:
            guard = _write_transaction(conn) if write else _read_transaction(conn)
            try:
                with guard:
                    yield _SQLiteTransaction(conn)
            except sqlite3.OperationalError as exc:  # full disk, read-only file, I/O error
                raise BudgetError(f"{self.path}: the ledger could not be "
                                  f"{'written' if write else 'read'} ({exc}); nothing was "
                                  "recorded") from exc
            except sqlite3.DatabaseError as exc:  # a damaged page found while reading
                raise IntegrityError(f"{self.path}: the ledger file is corrupted ({exc})") from exc

    @contextlib.contextmanager
    def _connect(self, *, write: bool = False) -> Iterator[sqlite3.Connection]:
        path = self.path
        if not path.exists():
            if not self.create:
                raise InputError("ledger file does not exist", file=path,
                                 expected="an existing ledger (created by a training run)")
            path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():  # SQLite would block opening a FIFO read-only (and retry EINTR)
            check_input_file(path, what="ledger")
        try:
            conn = _open_sqlite(path, write=write or self.create)
        except sqlite3.Error as exc:
            raise InputError(f"cannot open ledger: {exc}", file=path) from exc
        try:
            _prepare(conn, path, create=self.create)
            yield conn
        finally:
            conn.close()


def _open_sqlite(path: Path, *, write: bool) -> sqlite3.Connection:
    """A connection for writing, or a read-only one (``mode=ro``) for reading.

    Readers never write (docs recommend keeping a ledger read-only). A WAL database needs
    its ``-shm`` file even to read; where it cannot be created -- a read-only mount,
    another user's ledger -- the file is read as an immutable snapshot: what the last
    writer checkpointed (a writer's un-checkpointed tail is not seen, so a reader can
    only under-report, and an audit of such a run fails rather than passes).
    """
    if write:
        return sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    uri = "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if os.access(path.parent, os.W_OK) and os.access(path, os.W_OK):
            raise
    return sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)


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
            with _write_transaction(conn):
                if _format(conn) is None:  # another process may have just created it
                    # statement by statement: executescript() would COMMIT our transaction
                    for statement in filter(str.strip, SCHEMA.split(";")):
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
def _write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back on any exception)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise BudgetError(f"ledger is busy or locked: {exc}") from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        # SQLite may already have rolled back (SQLITE_FULL): a failing ROLLBACK must not
        # hide the error that matters
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


@contextlib.contextmanager
def _read_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A consistent snapshot for reads (WAL readers never block the writer)."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")
