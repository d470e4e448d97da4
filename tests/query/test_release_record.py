"""Signed query release records: any byte tampered fails ``budget audit`` with a named check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dataprotocol.budget import Ledger
from dataprotocol.cli.main import main
from dataprotocol.keys import save_keypair
from dataprotocol.query import audit_query_release, query_package
from tests.query.conftest import PURPOSE, grant_doc


@pytest.fixture
def release(package, publisher, analyst, tmp_path) -> tuple[Path, Path]:
    ledger = tmp_path / "ledger.sqlite"
    result = query_package(package, grant=grant_doc(package, publisher, analyst), key=analyst,
                           purpose=PURPOSE, queries=["count", "mean(age)", "count_by(topic)"],
                           epsilon=1.0, ledger=ledger, answers_out=tmp_path / "answers.csv")
    return result.record_path, ledger


def test_untouched_record_passes(release):
    record, ledger = release
    assert audit_query_release(record, ledger=Ledger(ledger)).passed


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_byte_tampered_fails_with_a_named_check(release, data):
    record, ledger = release
    original = record.read_bytes()
    index = data.draw(st.integers(0, len(original) - 1), label="byte")
    flip = data.draw(st.integers(1, 255), label="xor")
    try:
        record.write_bytes(original[:index] + bytes([original[index] ^ flip]) + original[index + 1:])
        report = audit_query_release(record, ledger=Ledger(ledger))
        assert not report.passed
        assert report.failures and all(c.name for c in report.failures)
    finally:
        record.write_bytes(original)


def test_altered_answers_file_fails_answers_check(release):
    record, ledger = release
    answers = record.parent / "answers.csv"
    answers.write_text(answers.read_text().replace("count,,", "count,,1"))
    report = audit_query_release(record, ledger=Ledger(ledger))
    assert [c.name for c in report.failures] == ["answers-sha256"]


def test_cli_query_show_and_audit(package, publisher, analyst, tmp_path, capsys):
    key_path, _ = save_keypair(analyst, tmp_path / "keys")
    grant = tmp_path / "grant.json"
    grant.write_text(json.dumps(grant_doc(package, publisher, analyst)))
    ledger, out = tmp_path / "ledger.sqlite", tmp_path / "a.csv"  # the package's pinned ledger
    base = ["query", str(package), "--grant", str(grant), "--key", str(key_path),
            "--purpose", PURPOSE, "--ledger", str(ledger)]
    assert main([*base, "count", "count_by(topic)", "--epsilon", "1", "--out", str(out),
                 "--json"]) == 0
    released = json.loads(capsys.readouterr().out)
    assert [q["text"] for q in released["queries"]] == ["count", "count_by(topic)"]
    assert main(["budget", "show", "--ledger", str(ledger), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [r["kind"] for r in shown["datasets"][0]["runs"]] == ["query"]
    assert main(["budget", "audit", released["record"], "--ledger", str(ledger), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["passed"] is True
    assert main([*base, "sum(note)", "--epsilon", "1"]) == 2  # no public bounds
    assert main([*base, "count", "--epsilon", "100"]) == 1  # over the cap: refused


def test_record_is_on_the_common_base_and_round_trips_byte_for_byte(release):
    from dataprotocol._canonical import canonical_json
    from dataprotocol.errors import InputError
    from dataprotocol.records import QueryReleaseRecord, Record, read_release

    path, _ = release
    payload = read_release(path)["payload"]
    record = QueryReleaseRecord.from_dict(payload, source=str(path))
    assert isinstance(record, Record) and record.privacy_unit is None
    assert canonical_json(record.to_dict()) == canonical_json(payload)
    assert "privacy_unit" not in record.to_dict() and record.to_dict()["answers_file"]
    unit = {**payload, "privacy_unit": {"column": "user_id", "max_rows_per_unit": 3}}
    assert canonical_json(QueryReleaseRecord.from_dict(unit).to_dict()) == canonical_json(unit)
    for bad in ({**payload, "surprise": 1}, {**payload, "format": 2},
                {**payload, "measure": "approx"}, {**payload, "epsilon": "1.0"},
                {**payload, "events": [{"kind": "nope"}]},
                {**payload, "privacy_unit": {"column": "user_id", "max_rows_per_unit": 0}}):
        with pytest.raises(InputError):
            QueryReleaseRecord.from_dict(bad)
