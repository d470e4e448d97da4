"""The ledger in PostgreSQL (psycopg 3): one ledger shared by many machines and teams.

Concurrency design -- why a transaction-scoped advisory lock, in READ COMMITTED:

* A reservation reads *everything* spent on the dataset (the Rényi filter composes all
  runs) and then appends one row. That is a read-decide-write over a whole table; row
  locks (``SELECT ... FOR UPDATE``) cannot lock rows that do not exist yet (a concurrent
  reservation's row), and both ``FOR UPDATE`` and ``LOCK TABLE`` in any mode stronger
  than ROW EXCLUSIVE need UPDATE/DELETE/TRUNCATE privilege -- which the append-only
  grantee role (below) must not have.
* ``SERIALIZABLE`` with retry is correct (SSI detects the read-write conflict) but
  under contention every loser re-verifies the chain and re-composes the filter, and
  N racing writers cost O(N^2) retries; the outcome is the same serial order.
* ``pg_advisory_xact_lock`` needs no table privilege, is released at COMMIT/ROLLBACK
  (or when a killed client's connection drops), and serialises writers exactly like
  SQLite's ``BEGIN IMMEDIATE``. Taken as the transaction's *first* statement under
  READ COMMITTED, every later statement takes a fresh snapshot, so the writer sees each
  entry committed before it got the lock. (Under REPEATABLE READ the snapshot would be
  taken by the lock statement itself, before waiting: stale -- hence READ COMMITTED.)
* Defence in depth: ``seq`` is the primary key and each entry's ``seq`` is the chain
  length + 1, so a writer that skipped the lock (another client, a bug) cannot fork the
  chain or overspend: one of two conflicting appends fails with a unique violation.

Readers use a REPEATABLE READ, READ ONLY transaction: datasets and entries from one
snapshot, never blocking writers.

Append-only: ``UPDATE``, ``DELETE`` and ``TRUNCATE`` on the ledger tables raise in a
trigger, for every role (an owner has to drop the trigger first, on purpose), and
:func:`grant_append_only` gives a grantee role SELECT + INSERT only.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from dataprotocol.budget._store import FORMAT, SCHEMA, Initialiser, LedgerTransaction, check_format
from dataprotocol.errors import BudgetError, InputError

if TYPE_CHECKING:
    import psycopg

__all__ = ["PostgresStore", "grant_append_only", "redact"]

#: how long a writer waits for the advisory lock (another writer's transaction)
LOCK_TIMEOUT = "60s"
_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('dataprotocol-ledger/' || " \
        "current_schema(), 0))"
_TABLES = ("ledger_info", "datasets", "entries")

_FUNCTION = """
CREATE OR REPLACE FUNCTION dataprotocol_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'dataprotocol ledger table % is append-only (% refused)',
        TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
"""
# Server-side link check on every append: seq is the chain length + 1 and prev_hash is the
# previous row's entry_hash (64 zeros for the first). A role that may INSERT (a grantee)
# therefore cannot append a row that breaks the chain -- which would make every later
# reservation refuse (a denial of service on the shared ledger). The entry's own hash
# is still checked by verify_chain (canonical JSON is not recomputed in SQL).
_LINK_CHECK = """
CREATE OR REPLACE FUNCTION dataprotocol_chain_link() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    last_seq BIGINT;
    last_hash TEXT;
BEGIN
    SELECT seq, entry_hash INTO last_seq, last_hash FROM entries ORDER BY seq DESC LIMIT 1;
    IF NEW.seq IS DISTINCT FROM COALESCE(last_seq, 0) + 1
       OR NEW.prev_hash IS DISTINCT FROM COALESCE(last_hash, repeat('0', 64)) THEN
        RAISE EXCEPTION 'dataprotocol ledger: entry seq=% does not extend the chain', NEW.seq
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS entries_chain_link ON entries;
CREATE TRIGGER entries_chain_link BEFORE INSERT ON entries
    FOR EACH ROW EXECUTE FUNCTION dataprotocol_chain_link();
"""
_TRIGGERS = """
DROP TRIGGER IF EXISTS {t}_append_only ON {t};
CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t}
    FOR EACH ROW EXECUTE FUNCTION dataprotocol_append_only();
DROP TRIGGER IF EXISTS {t}_no_truncate ON {t};
CREATE TRIGGER {t}_no_truncate BEFORE TRUNCATE ON {t}
    FOR EACH STATEMENT EXECUTE FUNCTION dataprotocol_append_only();
"""


def postgres_schema(sqlite_schema: str = SCHEMA) -> str:
    """The ledger's DDL for PostgreSQL, derived from the one SQLite schema text.

    One source of truth, so a column or constraint added to the ledger applies to both
    stores. ``REAL`` becomes ``DOUBLE PRECISION`` (PostgreSQL's REAL is 4 bytes and would
    round the caps) and the ``seq INTEGER PRIMARY KEY`` becomes ``BIGINT``.
    """
    text = re.sub(r"\bREAL\b", "DOUBLE PRECISION", sqlite_schema)
    return re.sub(r"\bINTEGER PRIMARY KEY\b", "BIGINT PRIMARY KEY", text)


def redact(url: str) -> str:
    """``url`` without its password (for messages, logs and model cards)."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    try:
        params = conninfo_to_dict(url)
    except Exception:  # psycopg.ProgrammingError: unparseable; show nothing of it
        return "postgresql://<unparseable>"
    params.pop("password", None)
    host, port = params.pop("host", ""), params.pop("port", "")
    user, dbname = params.pop("user", ""), params.pop("dbname", "")
    netloc = (f"{user}@" if user else "") + (str(host) if "/" not in str(host) else "")
    netloc += f":{port}" if port else ""
    query = make_conninfo(**{k: str(v) for k, v in params.items()})
    if host and "/" in str(host):  # unix socket directory
        query = (f"host={host} " + query).strip()
    return f"postgresql://{netloc}/{dbname}" + (f"?{query.replace(' ', '&')}" if query else "")


class _PgTransaction:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    @staticmethod
    def _sql(sql: str) -> str:
        # psycopg uses %s; the ledger's SQL uses ? (no literal % or ? in our statements)
        return sql.replace("%", "%%").replace("?", "%s")

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self._conn.execute(self._sql(sql), tuple(params))]

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = self._conn.execute(self._sql(sql), tuple(params)).fetchone()
        return None if row is None else tuple(row)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(self._sql(sql), tuple(params))


class PostgresStore:
    """The ledger's tables in a PostgreSQL database (the URL's schema search path).

    Credentials come from the URL or, better, libpq's usual places (``PGPASSWORD``,
    ``~/.pgpass``, ``PGSERVICE``); ``location`` never shows a password.
    """

    def __init__(self, url: str, *, initialise: Initialiser | None = None) -> None:
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:
            raise InputError("a PostgreSQL ledger needs the 'psycopg' driver", field="ledger",
                             expected="pip install 'dataprotocol[postgres]'") from exc
        scheme, rest = url.split("://", 1)
        self._url = "postgresql://" + rest  # postgresql+psycopg:// (SQLAlchemy) too
        self.location = redact(self._url)
        self.path = None
        with self._connect() as conn:
            if initialise is not None:
                self._create(conn, initialise)
            check_format(_format(conn), where=self.location)

    def write(self) -> contextlib.AbstractContextManager[LedgerTransaction]:
        return self._transaction(write=True)

    def read(self) -> contextlib.AbstractContextManager[LedgerTransaction]:
        return self._transaction(write=False)

    @contextlib.contextmanager
    def _transaction(self, *, write: bool) -> Iterator[LedgerTransaction]:
        import psycopg

        with self._connect() as conn:
            if write:
                conn.isolation_level = psycopg.IsolationLevel.READ_COMMITTED
            else:
                conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
                conn.read_only = True
            try:
                with conn.transaction():
                    if write:
                        conn.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
                        conn.execute(_LOCK)
                    yield _PgTransaction(conn)
            except psycopg.errors.LockNotAvailable as exc:
                raise BudgetError(f"ledger {self.location} is busy: {exc}") from exc
            except psycopg.errors.UniqueViolation as exc:
                raise BudgetError(f"ledger {self.location} changed under this transaction "
                                  "(a writer without the ledger lock?); nothing was "
                                  "written, retry") from exc
            except psycopg.errors.CheckViolation as exc:
                raise BudgetError(f"ledger {self.location} refused the append: "
                                  f"{exc.diag.message_primary}") from exc
            except psycopg.errors.InsufficientPrivilege as exc:
                raise BudgetError(f"ledger {self.location} refused: "
                                  f"{exc.diag.message_primary}") from exc

    @contextlib.contextmanager
    def _connect(self) -> Iterator[psycopg.Connection[Any]]:
        import psycopg

        try:
            conn = psycopg.connect(self._url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise InputError(f"cannot connect to the PostgreSQL ledger: {exc}".strip(),
                             file=self.location) from exc
        with conn:
            yield conn

    def _create(self, conn: psycopg.Connection[Any], initialise: Initialiser) -> None:
        """Schema, triggers and the genesis in one transaction; an existing ledger (any
        ledger_info table) is refused -- a ledger is never replaced or adopted."""
        with conn.transaction():
            conn.execute(_LOCK)  # concurrent CREATE TABLE IF NOT EXISTS can collide
            if _format(conn) is not None:
                raise InputError("ledger already exists", file=self.location,
                                 expected="an empty database or schema for a new ledger")
            conn.execute(postgres_schema())
            conn.execute(_FUNCTION)
            for table in _TABLES:
                conn.execute(_TRIGGERS.format(t=table))
            conn.execute(_LINK_CHECK)
            conn.execute("INSERT INTO ledger_info VALUES ('format', %s)", (FORMAT,))
            initialise(_PgTransaction(conn))


def _format(conn: psycopg.Connection[Any]) -> str | None:
    row = conn.execute("SELECT to_regclass('ledger_info') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return None
    found = conn.execute("SELECT value FROM ledger_info WHERE key = 'format'").fetchone()
    return None if found is None else str(found[0])


def grant_append_only(url: str, role: str) -> None:
    """Let ``role`` read the ledger and append entries, never update or delete.

    SELECT on every ledger table, INSERT on ``entries`` only (datasets and their caps
    are the publisher's), nothing else; PUBLIC loses every right. Run as the owner.
    The append-only trigger refuses UPDATE/DELETE/TRUNCATE even to roles with more.
    """
    if not url.startswith(("postgresql://", "postgres://")):
        raise InputError("ledger: expected a postgresql:// URL (append-only roles exist only "
                         "in a PostgreSQL ledger; a SQLite ledger is guarded by its file's "
                         "permissions)")
    if not role or not role.isprintable():
        raise InputError("role: expected the name of an existing PostgreSQL role")
    import psycopg
    from psycopg import sql

    store = PostgresStore(url)
    with store._connect() as conn, conn.transaction():
        if _format(conn) is None:
            raise InputError("not a dataprotocol ledger", file=store.location,
                             expected="a ledger created by publish --ledger or budget init")
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        if exists is None:
            raise InputError(f"role: no PostgreSQL role named {role!r}", file=store.location,
                             expected="an existing role (CREATE ROLE ... LOGIN first)")
        try:
            for table in _TABLES:
                ident = sql.Identifier(table)
                conn.execute(sql.SQL("REVOKE ALL ON {} FROM PUBLIC").format(ident))
                conn.execute(sql.SQL("REVOKE ALL ON {} FROM {}").format(
                    ident, sql.Identifier(role)))
                conn.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(
                    ident, sql.Identifier(role)))
            conn.execute(sql.SQL("GRANT INSERT ON entries TO {}").format(sql.Identifier(role)))
            conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(
                sql.Identifier(_schema(conn)), sql.Identifier(role)))
        except psycopg.Error as exc:
            raise BudgetError(f"cannot grant append-only access on {store.location} to "
                              f"role {role!r}: {exc}") from exc


def _schema(conn: psycopg.Connection[Any]) -> str:
    row = conn.execute("SELECT current_schema()").fetchone()
    return str(row[0]) if row else "public"
