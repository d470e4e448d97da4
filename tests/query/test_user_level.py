"""User-level DP for queries: each privacy unit's rows bounded to k, noise for one unit.

The sensitivity test is empirical: neighbouring tables that differ by one whole USER
(with up to hundreds of rows) give pre-noise statistics within what OpenDP's stability
map allows at d_in = k -- the bound the charged epsilon is computed from.
"""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol.budget import Ledger
from dataprotocol.cli.main import main
from dataprotocol.errors import InputError
from dataprotocol.keys import save_keypair
from dataprotocol.package import publish
from dataprotocol.policy import DatasetCard
from dataprotocol.query import audit_query_release, calibrate, parse_query, query_package
from dataprotocol.query._mechanisms import _opendp
from dataprotocol.query._units import bound_contributions
from dataprotocol.records import QueryReleaseRecord, read_release
from tests._ledgers import pinned_ledger, runs
from tests.query.conftest import PURPOSE, TOPICS, grant_doc, make_card

LOW, HIGH = 0.0, 100.0
KEY = b"k" * 32

users = st.lists(st.tuples(st.sampled_from([f"u{i}" for i in range(8)]),
                           st.floats(-50, 200, allow_nan=False),
                           st.sampled_from([*TOPICS, "other"])), max_size=60)


def _table(rows):
    return pd.DataFrame(rows, columns=["user_id", "age", "topic"])


def _stats(frame):
    """The exact statistics our queries noise: count, clamped sum, histogram."""
    ages = [min(max(a, LOW), HIGH) for a in frame["age"]]
    hist = [sum(1 for t in frame["topic"] if t == c) for c in [*TOPICS, "other"]]
    return len(frame), sum(ages), hist


@given(rows=users, heavy=st.integers(1, 300), age=st.floats(-50, 200, allow_nan=False),
       k=st.integers(1, 5))
def test_one_user_moves_the_statistics_at_most_k_rows(rows, heavy, age, k):
    base = _table(rows)
    neighbour = _table([*rows, *[("heavy", age, TOPICS[0])] * heavy])  # one more USER
    cut, cut2 = (bound_contributions(t, column="user_id", max_rows=k, key=KEY)
                 for t in (base, neighbour))
    assert all(n <= k for n in cut["user_id"].value_counts())
    # the other users keep exactly the same rows (the stability the argument needs)
    others = cut2[cut2["user_id"] != "heavy"]
    assert others.to_dict("records") == cut.to_dict("records")
    assert list(others.index) == list(cut.index)
    (n1, s1, h1), (n2, s2, h2) = _stats(cut), _stats(cut2)
    dp = _opendp()
    space = dp.vector_domain(dp.atom_domain(T=float, nan=False)), dp.symmetric_distance()
    sum_bound = (dp.t.make_clamp(*space, bounds=(LOW, HIGH)) >> dp.t.then_sum()).map(k)
    assert abs(n2 - n1) <= k and abs(s2 - s1) <= sum_bound + 1e-9
    assert sum(abs(a - b) for a, b in zip(h1, h2)) <= k
    # without the bound, the same user moves the count by all their rows
    assert len(neighbour) - len(base) == heavy


def test_the_keyed_sample_is_deterministic_per_key_and_spreads():
    table = _table([("u", float(i), TOPICS[0]) for i in range(100)])
    one = bound_contributions(table, column="user_id", max_rows=10, key=KEY)
    assert one.equals(bound_contributions(table, column="user_id", max_rows=10, key=KEY))
    other = bound_contributions(table, column="user_id", max_rows=10, key=b"x" * 32)
    assert set(one["age"]) != set(other["age"])  # the key picks; not the first 10 rows
    assert list(one["age"]) != [float(i) for i in range(10)]
    nulls = pd.DataFrame({"user_id": [None, "a", None], "age": [1.0, 2.0, 3.0],
                          "topic": TOPICS})
    assert list(bound_contributions(nulls, column="user_id", max_rows=3, key=KEY)["age"]) == [2.0]
    with pytest.raises(InputError):
        bound_contributions(table, column="nope", max_rows=1, key=KEY)


@pytest.mark.parametrize("delta", [None, 1e-6])
def test_calibration_charges_for_one_user(delta):
    queries = [parse_query(q) for q in ("count", "sum(age, 0, 100)")]
    from dataprotocol.query import resolve_query

    queries = [resolve_query(q, columns=["age"], bounds={}, categories={}, source="t")
               for q in queries]
    row = calibrate(queries, epsilon=1.0, delta=delta)
    user = calibrate(queries, epsilon=1.0, delta=delta, d_in=4)
    for r, u in zip(row, user):
        rp, up = r.parts[0], u.parts[0]
        assert up.d_in == 4 and math.isclose(up.scale, 4 * rp.scale, rel_tol=0.05)
        # charged what the privacy map gives at d_in = 4 ...
        assert math.isclose(float(up.measurement.map(4)), _cost(up.event), rel_tol=1e-9)
        # ... and a row-level mechanism would cost far more for one 4-row user
        assert float(rp.measurement.map(4)) > 3 * _cost(rp.event)
    with pytest.raises(InputError):
        calibrate(queries, epsilon=1.0, delta=delta, d_in=0)


def _cost(event):
    return float(getattr(event, "epsilon", None) or event.rho)


@pytest.fixture
def unit_package(tmp_path, publisher):
    rows = [(f"u{i % 30}", float((i * 37) % 90 + 5), TOPICS[i % 3]) for i in range(150)]
    rows += [("whale", 99.0, TOPICS[0])] * 200
    source = tmp_path / "visits.csv"
    _table(rows).to_csv(source, index=False)
    card = DatasetCard.from_dict({**make_card(publisher, epsilon=60.0).to_dict(),
                                  "privacy_unit": "user_id"},
                                 source="test card")
    out = tmp_path / "upkg"
    publish(source, card=card, publisher=publisher, out=out, shards=1,
            ledger=pinned_ledger(tmp_path / "uledger.sqlite", card=card, publisher=publisher,
                                 package=out))
    return out


def test_user_level_release_record_and_audit(unit_package, publisher, analyst, tmp_path):
    ledger = tmp_path / "uledger.sqlite"
    grant = grant_doc(unit_package, publisher, analyst)
    result = query_package(unit_package, grant=grant, key=analyst, purpose=PURPOSE,
                           queries=["count", "count_by(topic)"], epsilon=50.0,
                           ledger=ledger, record=tmp_path / "r.json", rows_per_unit=2)
    # 31 users x at most 2 rows: the whale's 200 rows count as 2 (noise ~ 2/25 per part)
    assert abs(result.answers[0] - 62) < 10
    payload = read_release(tmp_path / "r.json")["payload"]
    assert payload["privacy_unit"] == {"column": "user_id", "max_rows_per_unit": 2}
    assert all(p["d_in"] == 2 for q in payload["queries"] for p in q["parts"])
    record = QueryReleaseRecord.from_dict(payload)
    assert record.to_dict() == payload
    assert Ledger(ledger).entry(result.release_id).meta["privacy_unit"]["max_rows_per_unit"] == 2
    report = audit_query_release(tmp_path / "r.json", ledger=Ledger(ledger))
    assert report.passed, [c.to_dict() for c in report.failures]
    assert report.facts["privacy_unit"] == "user_id (at most 2 rows each)"
    mechanism = next(c for c in report.checks if c.name == "mechanism")
    assert "user_id" in mechanism.detail


def test_row_level_record_has_no_unit_and_bad_bounds_refused(unit_package, package, publisher,
                                                             analyst, tmp_path):
    ledger, uledger = tmp_path / "ledger.sqlite", tmp_path / "uledger.sqlite"
    with pytest.raises(InputError):  # the card of ``package`` names no unit
        query_package(package, grant=grant_doc(package, publisher, analyst), key=analyst,
                      purpose=PURPOSE, queries=["count"], epsilon=1.0, ledger=ledger,
                      record=tmp_path / "x.json", rows_per_unit=3)
    for bad in (0, -1, True):
        with pytest.raises(InputError):
            query_package(unit_package, grant=grant_doc(unit_package, publisher, analyst),
                          key=analyst, purpose=PURPOSE, queries=["count"], epsilon=1.0,
                          ledger=uledger, record=tmp_path / "y.json", rows_per_unit=bad)
    assert runs(Ledger(ledger)) == [] and runs(Ledger(uledger)) == []
    row = query_package(package, grant=grant_doc(package, publisher, analyst), key=analyst,
                        purpose=PURPOSE, queries=["count"], epsilon=1.0, ledger=ledger,
                        record=tmp_path / "z.json")
    assert "privacy_unit" not in read_release(row.record_path)["payload"]
    assert "d_in" not in json.dumps(read_release(row.record_path)["payload"]["queries"])


def test_cli_rows_per_unit(unit_package, publisher, analyst, tmp_path, capsys):
    grant = tmp_path / "g.json"
    grant.write_text(json.dumps(grant_doc(unit_package, publisher, analyst)))
    key, _ = save_keypair(analyst, tmp_path / "keys")
    base = ["query", str(unit_package), "count", "--grant", str(grant), "--key", str(key),
            "--purpose", PURPOSE, "--epsilon", "1", "--ledger", str(tmp_path / "uledger.sqlite"),
            "--record", str(tmp_path / "c.json")]
    assert main(base) == 1  # the card requires user-level DP
    assert main([*base, "--rows-per-unit", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["privacy_unit"] == {"column": "user_id", "max_rows_per_unit": 3}
