"""PostgreSQL only: the append-only role setup, triggers, and tampering by a superuser."""

from __future__ import annotations

import json
import uuid

import pytest

from dataprotocol.budget import Ledger, MechanismEvent
from dataprotocol.budget._store_pg import grant_append_only
from dataprotocol.errors import IntegrityError
from tests._ledgers import make_ledger
from tests.budget._backends import tamper

psycopg = pytest.importorskip("psycopg")
EVENT = MechanismEvent(noise_multiplier=1.0, sample_rate=0.02, steps=100)


@pytest.fixture
def roles(postgres_server):
    """A publisher role owning a fresh database, a grantee role, and their URLs."""
    suffix = uuid.uuid4().hex[:8]
    publisher, grantee, db = f"pub_{suffix}", f"grantee_{suffix}", f"ledger_{suffix}"
    with psycopg.connect(postgres_server.url(), autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {publisher} LOGIN")
        conn.execute(f"CREATE ROLE {grantee} LOGIN")
        conn.execute(f"CREATE DATABASE {db} OWNER {publisher}")
    return postgres_server.url(db, publisher), postgres_server.url(db, grantee)


def _raw(url: str, sql: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def test_grantee_appends_and_reads_but_cannot_rewrite(roles):
    publisher_url, grantee_url = roles
    owner = make_ledger(publisher_url, dataset_id="ds", epsilon_cap=8.0, delta_cap=1e-5)
    grant_append_only(publisher_url, grantee_url.split("@")[0].rsplit("/", 1)[1])
    grantee = Ledger(grantee_url)
    grantee.reserve("ds", run_id="g1", events=[EVENT], delta=1e-5)  # append: allowed
    grantee.commit("g1", events=[EVENT])
    assert [e.state for e in grantee.entries()] == ["genesis", "reserved", "committed"]
    assert grantee.verify_chain() == 3
    for sql in ("UPDATE entries SET delta = 1e-9", "DELETE FROM entries WHERE seq = 2",
                "TRUNCATE entries", "UPDATE datasets SET epsilon_cap = 1000",
                "INSERT INTO datasets VALUES ('x', 1e9, 0.5, 'now', 'h')",
                "ALTER TABLE entries DISABLE TRIGGER ALL", "DROP TABLE entries"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _raw(grantee_url, sql)
    assert owner.verify_chain() == 3


def test_a_grantee_cannot_append_a_row_that_breaks_the_chain(roles):
    publisher_url, grantee_url = roles
    owner = make_ledger(publisher_url, dataset_id="ds", epsilon_cap=8.0, delta_cap=1e-5)
    grant_append_only(publisher_url, grantee_url.split("@")[0].rsplit("/", 1)[1])
    entry = owner.reserve("ds", run_id="a", events=[EVENT], delta=1e-5).entry
    row = "INSERT INTO entries VALUES ({seq}, 'x', 'ds', 'reserved', '[]', 1e-5, '{{}}', " \
          "'t', '{prev}', '{digest}')"
    for seq, prev in ((3, "f" * 64), (4, entry.entry_hash), (1, "0" * 64)):  # seq 1: genesis
        with pytest.raises(psycopg.errors.CheckViolation, match="does not extend"):
            _raw(grantee_url, row.format(seq=seq, prev=prev, digest="d" * 64))
    assert owner.verify_chain() == 2  # nothing got in; the ledger still hands out budget
    assert owner.reserve("ds", run_id="b", events=[EVENT], delta=1e-5).entry.seq == 3


def test_even_the_owner_cannot_update_or_delete_without_dropping_the_trigger(roles):
    publisher_url, _ = roles
    owner = make_ledger(publisher_url, dataset_id="ds", epsilon_cap=8.0, delta_cap=1e-5)
    owner.reserve("ds", run_id="a", events=[EVENT], delta=1e-5)
    for sql in ("UPDATE entries SET delta = 1e-9", "DELETE FROM entries",
                "TRUNCATE entries CASCADE", "DELETE FROM datasets"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            _raw(publisher_url, sql)
    assert owner.verify_chain() == 2


EDITS = {"events": '[{"noise_multiplier": 9.0, "sample_rate": 0.02, "steps": 1}]',
         "delta": 1e-9, "meta": '{"note": "nothing to see"}', "run_id": "someone-else",
         "created_at": "1999-01-01T00:00:00.000000Z", "prev_hash": "f" * 64}


@pytest.fixture
def filled(postgres_server):
    book = make_ledger(postgres_server.new_database(), dataset_id="ds", epsilon_cap=50.0,
                       delta_cap=1e-5)
    for i in range(3):
        book.reserve("ds", run_id=f"r{i}", events=[EVENT], delta=1e-5, meta={"i": i})
    return book


@pytest.mark.parametrize("column", sorted(EDITS))
def test_a_superuser_edit_is_named_by_verify_chain(filled, column):
    tamper(filled, f"UPDATE entries SET {column} = ? WHERE seq = 3", (EDITS[column],))
    with pytest.raises(IntegrityError, match="seq=3 "):
        filled.verify_chain()
    with pytest.raises(IntegrityError):  # and no more budget is handed out
        filled.reserve("ds", run_id="new", events=[EVENT], delta=1e-5)


def test_a_deleted_row_is_caught_at_the_next_one(filled):
    tamper(filled, "DELETE FROM entries WHERE seq = 3")
    with pytest.raises(IntegrityError, match="seq=4 "):
        filled.verify_chain()


def test_the_ledger_location_never_shows_the_password(postgres_server, monkeypatch):
    url = postgres_server.new_database()
    with_password = url.replace("postgres@", "postgres:hunter2@")
    book = make_ledger(with_password)  # trust auth: the password is sent and ignored
    assert "hunter2" not in book.location and "hunter2" not in repr(book)
    assert book.location.startswith("postgresql://postgres@/")


def test_cli_grant_append_only_gives_the_role_append_and_read(roles, capsys):
    from dataprotocol.cli.main import main

    publisher_url, grantee_url = roles
    make_ledger(publisher_url, dataset_id="ds", epsilon_cap=8.0, delta_cap=1e-5)
    grantee_role = grantee_url.split("@")[0].rsplit("/", 1)[1]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # before: no right to read
        Ledger(grantee_url).entries()
    assert main(["budget", "grant-append-only", "--ledger", publisher_url,
                 "--role", grantee_role, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["role"] == grantee_role and out["rights"]["entries"] == ["SELECT", "INSERT"]
    grantee = Ledger(grantee_url)
    grantee.reserve("ds", run_id="g1", events=[EVENT], delta=1e-5)
    assert grantee.verify_chain() == 2
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _raw(grantee_url, "UPDATE datasets SET epsilon_cap = 1000")


def test_cli_grant_append_only_refuses_bad_input_with_exit_2(roles, tmp_path, capsys):
    from dataprotocol.cli.main import main

    publisher_url, _ = roles
    # not a ledger yet: nothing granted, exit 2, the reason named
    assert main(["budget", "grant-append-only", "--ledger", publisher_url, "--role", "x"]) == 2
    assert "not a dataprotocol ledger" in capsys.readouterr().err
    make_ledger(publisher_url, dataset_id="ds", epsilon_cap=8.0, delta_cap=1e-5)
    assert main(["budget", "grant-append-only", "--ledger", publisher_url,
                 "--role", "no_such_role_here"]) == 2
    err = capsys.readouterr().err
    assert "no PostgreSQL role" in err and "Traceback" not in err
    assert main(["budget", "grant-append-only", "--ledger", str(tmp_path / "l.sqlite"),
                 "--role", "r"]) == 2
    assert "postgresql://" in capsys.readouterr().err
