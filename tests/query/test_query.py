"""DP queries through a grant, on the dataset's ledger, composed with DP-SGD runs."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from dataprotocol.budget import (
    Ledger,
    MechanismEvent,
    PureDPEvent,
    ZCDPEvent,
    noise_multiplier_for,
)
from dataprotocol.errors import BudgetExceeded, InputError, PolicyDenied
from dataprotocol.keys import save_keypair
from dataprotocol.query import OTHER, audit_query_release, query_package
from tests._ledgers import pinned_ledger, runs
from tests.query._workers import query_worker
from tests.query.conftest import PURPOSE, TOPICS, frame, grant_doc

QUERIES = ["count", "sum(age)", "mean(age, 0, 100)", "count_by(topic)", "median(age)"]


def _ask(package: Path, grant: dict, analyst, ledger: Path, queries=QUERIES, **kw):
    return query_package(package, grant=grant, key=analyst, purpose=PURPOSE, queries=queries,
                         ledger=ledger, record=ledger.parent / f"r-{len(list(ledger.parent.glob('r-*')))}.json",
                         **{"epsilon": 5.0, **kw})


def test_pure_dp_queries_answer_charge_and_audit(package, publisher, analyst, tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    result = _ask(package, grant_doc(package, publisher, analyst), analyst, ledger)
    count, _total, mean, groups, median = result.answers
    truth = frame()
    # generous: the Laplace scales here are 1 (count) and 100 (sum); 20 sigma-ish slack
    assert abs(count - len(truth)) < 40
    assert abs(mean - truth["age"].mean()) < 15
    assert set(groups) == {*TOPICS, OTHER}  # keys are the card's categories, never the data's
    assert abs(groups[OTHER] - 4) < 40  # 'unlisted' rows are counted, never named
    assert 0 <= median <= 100
    entry = Ledger(ledger).entry(result.release_id)
    assert entry.meta["kind"] == "query" and entry.state == "committed"
    assert all(isinstance(e, PureDPEvent) for e in entry.events) and entry.delta == 0
    assert len(entry.events) == 6  # a mean is two measurements
    assert abs(sum(e.epsilon for e in entry.events) - 5.0) < 1e-3
    report = audit_query_release(result.record_path, ledger=Ledger(ledger))
    assert report.passed, [c.to_dict() for c in report.failures]
    assert {c.name for c in report.checks} >= {"signature", "epsilon", "mechanism", "ledger-entry"}


def test_gaussian_queries_are_zcdp_within_epsilon(package, publisher, analyst, tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    result = _ask(package, grant_doc(package, publisher, analyst), analyst, ledger,
                  queries=["count", "count_by(topic)"], epsilon=1.0, delta=1e-6)
    entry = Ledger(ledger).entry(result.release_id)
    assert all(isinstance(e, ZCDPEvent) for e in entry.events) and entry.delta == 1e-6
    assert result.payload["epsilon"] <= 1.0 + 1e-9
    assert audit_query_release(result.record_path, ledger=Ledger(ledger)).passed


def test_refused_without_the_query_action_nothing_spent(package, publisher, analyst, tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    with pytest.raises(PolicyDenied) as info:
        _ask(package, grant_doc(package, publisher, analyst, actions=("read", "train")),
             analyst, ledger)
    assert any("action-not-granted" in r for r in info.value.reasons)
    assert runs(Ledger(ledger)) == []


@pytest.mark.parametrize("text", ["sum(note)", "count_by(age)", "mean(nope)", "sum(age, 5, 1)",
                                  "variance(age)"])
def test_no_public_bounds_or_categories_refused_before_spend(package, publisher, analyst,
                                                             tmp_path, text):
    ledger = tmp_path / "ledger.sqlite"
    with pytest.raises(InputError):
        _ask(package, grant_doc(package, publisher, analyst), analyst, ledger, queries=[text])
    assert runs(Ledger(ledger)) == []


def test_grant_conditions_cover_queries(package, publisher, analyst, tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    grant = grant_doc(package, publisher, analyst, conditions={"max_runs": 1, "max_epsilon": 2})
    _ask(package, grant, analyst, ledger, queries=["count"], epsilon=1.0)
    with pytest.raises(PolicyDenied) as info:
        _ask(package, grant, analyst, ledger, queries=["count"], epsilon=1.5)
    assert {r.split(":")[0] for r in info.value.reasons} == {"grant-max-runs", "grant-max-epsilon"}


def test_queries_and_a_dpsgd_run_compose_under_the_cap(package, publisher, analyst, tmp_path):
    """A DP-SGD run that fits the empty dataset is refused after enough queries; the
    refusal names the query releases it composes with."""
    ledger = tmp_path / "ledger.sqlite"
    grant = grant_doc(package, publisher, analyst, actions=("query", "train"))
    sigma = noise_multiplier_for(target_epsilon=3.0, delta=1e-5, sample_rate=0.25, steps=24,
                                 accountant="rdp")
    run = [MechanismEvent(noise_multiplier=sigma, sample_rate=0.25, steps=24)]
    book = Ledger(ledger)
    assert book.dry_run("clinic-visits", events=run, delta=1e-5).allowed
    for _ in range(3):
        _ask(package, grant, analyst, ledger, queries=["count", "mean(age)"], epsilon=2.0)
    with pytest.raises(BudgetExceeded) as info:
        book.reserve("clinic-visits", run_id="run-after-queries", events=run, delta=1e-5)
    reason = "; ".join(info.value.reasons)
    assert "3 query release(s)" in reason and "mean(age)" in reason
    status = book.status("clinic-visits")
    assert status.spent_epsilon <= 8.0 and {r.kind for r in status.runs} == {"query"}


def test_concurrent_queries_from_two_processes_never_overspend(package, publisher, analyst,
                                                                tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    key_path, _ = save_keypair(analyst, tmp_path / "keys")
    grant_path = tmp_path / "grant.json"
    grant_path.write_text(json.dumps(grant_doc(package, publisher, analyst)))
    args = (str(package), str(grant_path), str(key_path), str(ledger), 12)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        outcomes = [o for part in pool.map(query_worker, [args, args]) for o in part]
    status = Ledger(ledger).status("clinic-visits", with_prv=False)
    assert status.spent_epsilon <= 8.0 + 1e-9
    assert "refused" in outcomes and outcomes.count("ok") == len(status.runs)


def test_a_card_with_a_privacy_unit_is_refused_before_spend(tmp_path, publisher, analyst):
    from dataprotocol.package import publish
    from dataprotocol.policy import DatasetCard
    from tests.query.conftest import make_card

    card = DatasetCard.from_dict({**make_card(publisher).to_dict(), "privacy_unit": "note"},
                                 source="test card")
    source = tmp_path / "v.csv"
    frame().to_csv(source, index=False)
    ledger = tmp_path / "ledger.sqlite"
    publish(source, card=card, publisher=publisher, out=tmp_path / "pkg", shards=1,
            ledger=pinned_ledger(ledger, card=card, publisher=publisher, package=tmp_path / "pkg"))
    with pytest.raises(PolicyDenied) as info:
        _ask(tmp_path / "pkg", grant_doc(tmp_path / "pkg", publisher, analyst), analyst, ledger)
    assert info.value.reasons[0].startswith("privacy-unit:")
    assert runs(Ledger(ledger)) == []
