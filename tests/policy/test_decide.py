"""decide(): deny by default, each failing rule its own reason, obligations on allow."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol.errors import IntegrityError, PolicyDenied
from dataprotocol.keys import generate_keypair
from dataprotocol.policy import DatasetCard, Decision, PolicyEngine, Request, decide, read_decision_log, revoke_grants
from tests.policy.conftest import NOW, card_dict, make_grant

STEWARD, ALICE = generate_keypair("steward-w"), generate_keypair("alice-w")
_WINDOW_GRANT = make_grant(STEWARD, ALICE)


def _codes(decision) -> list[str]:
    return [r.split(":", 1)[0] for r in decision.reasons]


def test_allowed_carries_obligations_and_conditions(card, alice, grant):
    d = decide(Request(card, alice.key_id, "train", "disease:lung-cancer", at=NOW), grants=[grant])
    assert d.allowed and d.reasons == () and d.grant is not None
    assert d.conditions == {"max_epsilon": 2.0}
    assert {o.kind for o in d.obligations} == {"non-commercial"}
    assert d.raise_if_denied() is d


def test_publish_model_obligations_name_the_credit(steward, alice):
    card = DatasetCard.from_dict(card_dict(steward, license="CC-BY-4.0"))
    g = make_grant(steward, alice, actions=["publish-model"])
    d = decide(Request(card, alice.key_id, "publish-model", "disease:cancer", at=NOW), grants=[g])
    assert d.allowed
    attribution = [o for o in d.obligations if o.kind == "attribution"]
    assert attribution and "Example Clinic" in attribution[0].text
    assert "modified-notice" in {o.kind for o in d.obligations}


def test_no_grant_default_deny_says_why(card, alice):
    d = decide(Request(card, alice.key_id, "read", "health-research", at=NOW))
    assert not d.allowed
    assert d.reasons == (f"no-grant: no grant for dataset clinic-notes held by key {alice.key_id}",)
    with pytest.raises(PolicyDenied) as info:
        d.raise_if_denied()
    assert info.value.reasons == d.reasons


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"at": NOW + timedelta(days=31)}, "grant-expired"),
        ({"at": NOW - timedelta(days=2)}, "grant-not-yet-valid"),
        ({"action": "publish-data"}, "action-not-granted"),
        ({"purpose": "disease:diabetes"}, "purpose-not-granted"),
        ({"principal": "mallory"}, "wrong-grantee"),
        ({"dataset": "other"}, "wrong-dataset"),
        ({"version": "2.0"}, "wrong-version"),
    ],
)
def test_each_failure_has_its_own_reason(steward, alice, mallory, grant, change, code):
    card = DatasetCard.from_dict(card_dict(steward, dataset_id=change.get("dataset", "clinic-notes"),
                                           version=change.get("version", "1.0")))
    principal = mallory.key_id if change.get("principal") else alice.key_id
    d = decide(Request(card, principal, change.get("action", "train"),
                       change.get("purpose", "disease:lung-cancer"), at=change.get("at", NOW)),
               grants=[grant])
    assert not d.allowed and d.grant is None and d.obligations == ()
    assert code in _codes(d), d.reasons
    # nothing else failed: only the grant-lookup fallout may accompany the reason
    assert set(_codes(d)) <= {code, "no-grant", "license-denies"}, d.reasons


def test_revoked(card, steward, alice, grant):
    rl = revoke_grants(steward, [grant["payload"]["grant_id"]])
    d = decide(Request(card, alice.key_id, "train", "disease:cancer", at=NOW), grants=[grant], revocations=rl)
    assert _codes(d) == ["grant-revoked"]


def test_revocation_list_from_wrong_key_denies(card, mallory, alice, grant):
    rl = revoke_grants(mallory, ["whatever"])
    d = decide(Request(card, alice.key_id, "train", "disease:cancer", at=NOW), grants=[grant], revocations=rl)
    assert not d.allowed and "revocations-invalid" in _codes(d)


def test_shards_not_covered(steward, alice, card):
    g = make_grant(steward, alice, shards=[0, 1])
    ok = decide(Request(card, alice.key_id, "read", "disease:cancer", shards=(1,), at=NOW), grants=[g])
    assert ok.allowed
    d = decide(Request(card, alice.key_id, "read", "disease:cancer", shards=(1, 5), at=NOW), grants=[g])
    assert _codes(d) == ["shards-not-covered"] and "[5]" in d.reasons[0]
    d = decide(Request(card, alice.key_id, "read", "disease:cancer", at=NOW), grants=[g])
    assert _codes(d) == ["shards-not-covered"]


def test_bad_signature_is_a_reason_not_a_crash(card, alice, grant, mallory):
    tampered = json.loads(json.dumps(grant))
    tampered["payload"]["actions"].append("publish-data")
    forged = make_grant(mallory, alice)
    d = decide(Request(card, alice.key_id, "train", "disease:cancer", at=NOW), grants=[tampered, forged])
    assert not d.allowed
    assert _codes(d).count("grant-invalid") == 2 and "no-grant" in _codes(d)


def test_every_failing_rule_listed(steward, alice, mallory):
    card = DatasetCard.from_dict(card_dict(steward, license="CC-BY-ND-4.0", purposes=["disease:cancer"]))
    g = make_grant(steward, mallory, actions=["read"], purposes=["disease:diabetes"])
    d = decide(Request(card, alice.key_id, "publish-model", "research+commercial", at=NOW), grants=[g])
    codes = set(_codes(d))
    assert {"license-denies", "dataset-purpose", "wrong-grantee", "no-grant"} <= codes, d.reasons


def test_license_and_dataset_purpose_rules(steward, alice):
    card = DatasetCard.from_dict(card_dict(steward))  # CC-BY-NC, health-research
    g = make_grant(steward, alice, purposes=["research+commercial"])
    d = decide(Request(card, alice.key_id, "train", "health-research+commercial", at=NOW), grants=[g])
    assert {"license-noncommercial", "dataset-purpose"} <= set(_codes(d)), d.reasons
    d = decide(Request(card, alice.key_id, "train", "population-research", at=NOW), grants=[g])
    assert "dataset-purpose" in _codes(d) and "purpose-not-granted" not in _codes(d)
    # methods research is allowed on a health-research dataset unless it says NMDS (DUOS)
    d = decide(Request(card, alice.key_id, "train", "nlp-research", at=NOW), grants=[g])
    assert d.allowed, d.reasons
    nmds = DatasetCard.from_dict(card_dict(steward, purposes=["health-research", "NMDS"]))
    d = decide(Request(nmds, alice.key_id, "train", "nlp-research", at=NOW), grants=[g])
    assert "dataset-purpose" in _codes(d), d.reasons


def test_unknown_purpose_and_license_deny(steward, alice, grant):
    card = DatasetCard.from_dict(card_dict(steward, license="Made-Up-1.0"))
    d = decide(Request(card, alice.key_id, "train", "astrology", at=NOW), grants=[grant])
    assert {"purpose-unknown", "license-unknown"} <= set(_codes(d))


def test_profiles_differ_only_where_documented(steward, alice):
    card = DatasetCard.from_dict(card_dict(steward, license="CC-BY-ND-4.0"))
    g = make_grant(steward, alice, actions=["publish-model", "publish-data"])
    req = Request(card, alice.key_id, "publish-model", "disease:cancer", at=NOW)
    assert not decide(req, grants=[g]).allowed
    assert decide(req, grants=[g], profile="permissive").allowed
    req = Request(card, alice.key_id, "publish-data", "disease:cancer", at=NOW)
    assert not decide(req, grants=[g], profile="permissive").allowed


def test_decision_log_lines_have_no_names(tmp_path, card, alice, grant):
    log = tmp_path / "decisions.jsonl"
    decide(Request(card, alice.key_id, "train", "disease:cancer", at=NOW), grants=[grant], log_path=log)
    decide(Request(card, alice.key_id, "publish-data", "disease:cancer", at=NOW), grants=[grant], log_path=log)
    records = read_decision_log(log)
    assert [r["allowed"] for r in records] == [True, False]
    assert records[0]["grant_id"] == grant["payload"]["grant_id"]
    assert records[1]["reasons"] and records[0]["principal"] == alice.key_id
    text = log.read_text()
    assert "alice" not in text and "Example Clinic" not in text


def test_engine_indexes_and_matches_one_shot(steward, alice, mallory, card):
    grants = [make_grant(steward, alice), make_grant(steward, mallory, purposes=["research"]),
              make_grant(mallory, alice)]  # the last one is not signed by a known issuer
    engine = PolicyEngine(grants, issuers=[steward.public])
    assert len(engine.grants) == 2 and len(engine.rejected) == 1
    for principal, purpose in [(alice.key_id, "disease:cancer"), (mallory.key_id, "nlp-research"),
                               (alice.key_id, "nlp-research"), ("dp1:nobody", "research")]:
        req = Request(card, principal, "train", purpose, at=NOW)
        fast = engine.decide(req)
        assert set(vars(fast)) == {f.name for f in fields(Decision)}  # the fast constructor fills every field
        slow = decide(req, grants=[g for g in grants if g["payload"]["grantee_key_id"] == principal
                                   and g["signature"]["key_id"] == steward.key_id])
        assert fast.allowed == slow.allowed and set(_codes(fast)) == set(_codes(slow)), (fast, slow)


def test_engine_rejects_grant_for_another_publisher_dataset(steward, mallory, alice, card):
    # mallory is a trusted issuer for her own datasets, not for the steward's
    engine = PolicyEngine([make_grant(mallory, alice)], issuers=[steward.public, mallory.public])
    d = engine.decide(Request(card, alice.key_id, "train", "disease:cancer", at=NOW))
    assert "wrong-issuer" in _codes(d)


@given(offset_hours=st.integers(min_value=-24 * 40, max_value=24 * 40))
def test_validity_window_property(offset_hours):
    card = DatasetCard.from_dict(card_dict(STEWARD))
    grant = _WINDOW_GRANT
    at = NOW + timedelta(hours=offset_hours)
    d = decide(Request(card, ALICE.key_id, "train", "disease:cancer", at=at), grants=[grant])
    inside = NOW - timedelta(days=1) <= at < NOW + timedelta(days=30)
    assert d.allowed is inside
    if not inside:
        assert _codes(d) == ["grant-not-yet-valid" if at < NOW else "grant-expired"]


def test_engine_revocations_update(steward, alice, mallory, card, grant):
    engine = PolicyEngine([grant], issuers=[steward.public])
    req = Request(card, alice.key_id, "train", "disease:cancer", at=NOW)
    assert engine.decide(req).allowed
    engine.set_revocations(revoke_grants(steward, [grant["payload"]["grant_id"]]))
    assert _codes(engine.decide(req)) == ["grant-revoked"]
    with pytest.raises(Exception, match="unknown key"):
        engine.set_revocations(revoke_grants(mallory, ["x"]))


def test_naive_request_time_is_utc(card, alice, grant):
    naive = NOW.replace(tzinfo=None)
    assert decide(Request(card, alice.key_id, "train", "disease:cancer", at=naive), grants=[grant]).allowed
    late = (NOW + timedelta(days=31)).replace(tzinfo=None)
    assert not decide(Request(card, alice.key_id, "train", "disease:cancer", at=late), grants=[grant]).allowed


def test_engine_refuses_rolled_back_revocation_list(steward, alice, card, grant):
    first = revoke_grants(steward, ["other"])
    second = revoke_grants(steward, [grant["payload"]["grant_id"]], previous=first)
    engine = PolicyEngine([grant], issuers=[steward.public], revocations=second)
    req = Request(card, alice.key_id, "train", "disease:cancer", at=NOW)
    assert _codes(engine.decide(req)) == ["grant-revoked"]
    with pytest.raises(IntegrityError, match="rolled back"):
        engine.set_revocations(first)  # replaying the older list must not un-revoke
    assert _codes(engine.decide(req)) == ["grant-revoked"]
