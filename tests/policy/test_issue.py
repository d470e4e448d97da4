"""The grant issue / check recipes: every rule the commands apply is a library call."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from dataprotocol.errors import GrantRefused, InputError, PolicyDenied
from dataprotocol.policy import (
    GrantRequest,
    authorize_grant,
    builtin_policies_dir,
    check_request,
    issue_dataset_grant,
    load_org_policy,
    resolve_principal,
    verify_grant,
)
from dataprotocol.policy._time import now
from tests.policy.conftest import NOW, make_grant

EXAMPLE = builtin_policies_dir() / "organisations" / "example-hospital.yaml"


def _request(alice, **overrides) -> GrantRequest:
    base = GrantRequest(alice.public, ("read", "train"), ("disease:cancer",), not_after=now() + timedelta(days=30),
                        conditions={"max_epsilon": 2})
    return replace(base, **overrides)


def test_issue_dataset_grant_signs_for_the_card(card, steward, alice):
    org = load_org_policy(EXAMPLE)
    document = issue_dataset_grant(card, steward, _request(alice, shards=(0, 2)), org=org)
    grant = verify_grant(document, steward.public)
    assert (grant.dataset_id, grant.dataset_version) == (card.dataset_id, card.version)
    assert grant.actions == ("read", "train") and grant.shards == (0, 2)
    assert grant.grantee_key_id == alice.key_id and dict(grant.conditions) == {"max_epsilon": 2}


def test_org_refusal_lists_every_reason(card, steward, alice):
    org = load_org_policy(EXAMPLE)
    request = _request(alice, actions=("publish-data",), purposes=("product-development",),
                       not_after=now() + timedelta(days=400), conditions={})
    with pytest.raises(GrantRefused) as info:
        issue_dataset_grant(card, steward, request, org=org)
    err = info.value
    assert isinstance(err, PolicyDenied) and err.field == "grant" and err.exit_code == 2
    text = " | ".join(err.reasons)
    assert len(err.reasons) >= 4
    for part in ("never allows publish-data", "product-development", "365 days", "max_epsilon"):
        assert part in text
    assert org.name in err.expected
    # the same rules as OrgPolicy.check_grant_request, which raises InputError
    with pytest.raises(InputError) as old:
        org.check_grant_request(actions=request.actions, purposes=request.purposes, not_before=now(),
                                not_after=request.not_after, conditions={})
    assert old.value.detail == "; ".join(err.reasons)


def test_org_window_counts_from_not_before(card, steward, alice):
    org = load_org_policy(EXAMPLE)
    later = now() + timedelta(days=100)
    ok = _request(alice, not_before=later, not_after=later + timedelta(days=300))
    authorize_grant(ok, card=card, issuer_key_id=steward.key_id, org=org)
    with pytest.raises(GrantRefused) as info:
        authorize_grant(replace(ok, not_after=later + timedelta(days=366)), card=card,
                        issuer_key_id=steward.key_id, org=org)
    assert info.value.reasons == ("grants last at most 365 days",)


def test_only_the_publisher_may_issue(card, steward, alice, mallory):
    with pytest.raises(GrantRefused) as info:
        issue_dataset_grant(card, mallory, _request(alice))
    assert info.value.field == "issuer" and info.value.expected == "the publisher's private key"
    assert info.value.reasons == (f"the key is {mallory.key_id}, the dataset's publisher is {steward.key_id}",)
    # no organisation policy and the publisher's own key: allowed
    authorize_grant(_request(alice), card=card, issuer_key_id=steward.key_id)
    authorize_grant(_request(alice), card=card, issuer_key_id=mallory.key_id, check_publisher=False)


def test_org_reasons_come_before_the_publisher(card, mallory, alice):
    org = load_org_policy(EXAMPLE)
    with pytest.raises(GrantRefused) as info:
        authorize_grant(_request(alice, conditions={}), card=card, issuer_key_id=mallory.key_id, org=org)
    assert info.value.field == "grant"


def test_unknown_license_is_bad_input_naming_the_source(card, steward, alice):
    odd = replace(card, license="LicenseRef-nobody-knows")
    with pytest.raises(InputError) as info:
        authorize_grant(_request(alice), card=odd, issuer_key_id=steward.key_id, source="cards/odd.yaml")
    assert info.value.file == "cards/odd.yaml" and info.value.field == "license"
    assert not isinstance(info.value, GrantRefused)


def test_resolve_principal(alice, steward, mallory):
    grant = make_grant(steward, alice)
    assert resolve_principal([grant]) == alice.key_id
    assert resolve_principal([grant], mallory.public) == mallory.key_id
    assert resolve_principal([{"payload": "junk"}, {}, grant]) == alice.key_id
    with pytest.raises(InputError) as info:
        resolve_principal([{"payload": {"grantee_key_id": 7}}])
    assert info.value.field == "requester"


def test_check_request_allows_and_denies_with_reasons(card, steward, alice, mallory):
    grant = make_grant(steward, alice)
    ok = check_request(card, action="train", purpose="disease:cancer", grants=[grant], at=NOW)
    assert ok.allowed and ok.principal == alice.key_id and dict(ok.conditions) == {"max_epsilon": 2.0}
    denied = check_request(card, action="publish-data", purpose="disease:cancer", grants=[grant],
                           requester=mallory.public, at=NOW)
    assert not denied.allowed
    assert {"wrong-grantee", "no-grant"} <= {r.split(":")[0] for r in denied.reasons}
    # the organisation's profile and denials apply; it only narrows
    org = load_org_policy(EXAMPLE)
    wide = make_grant(steward, alice, actions=["read", "train", "publish-data"])
    by_org = check_request(card, action="publish-data", purpose="disease:cancer", grants=[wide], org=org, at=NOW)
    assert not by_org.allowed and any(r.startswith("org-denies") for r in by_org.reasons)
    with pytest.raises(InputError):
        check_request(card, action="read", purpose="disease:cancer", grants=[], at=NOW)


def test_check_request_logs_only_when_asked(card, steward, alice, tmp_path):
    from dataprotocol.policy import read_decision_log

    log = tmp_path / "decisions.jsonl"
    check_request(card, action="read", purpose="disease:cancer", grants=[make_grant(steward, alice)], at=NOW,
                  log_path=log)
    assert len(read_decision_log(log)) == 1
