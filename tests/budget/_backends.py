"""Backend-neutral helpers for the ledger contract tests (SQLite and PostgreSQL)."""

from __future__ import annotations

import sqlite3
from typing import Any

from dataprotocol.budget import Ledger


def rows(ledger: Ledger) -> list[tuple[Any, ...]]:
    """(seq, run_id, state) of every entry, read straight from the store."""
    with ledger.store.read() as tx:
        return tx.fetchall("SELECT seq, run_id, state FROM entries ORDER BY seq")


def tamper(ledger: Ledger, sql: str, params: tuple[Any, ...] = ()) -> None:
    """Run ``sql`` (``?`` placeholders) behind the library's back, as an attacker with
    the file (SQLite) or the database superuser (PostgreSQL: the append-only triggers are
    bypassed with ``session_replication_role = replica``, which only a superuser may set).
    """
    if ledger.path is not None:
        with sqlite3.connect(ledger.path) as conn:
            conn.execute(sql, params)
        return
    import psycopg

    with psycopg.connect(ledger.store._url, autocommit=True) as conn:  # type: ignore[attr-defined]
        conn.execute("SET session_replication_role = replica")
        conn.execute(sql.replace("?", "%s"), params)
