"""Organisation policies only narrow: extra reasons on decide, refusals at grant issue."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dataprotocol.errors import InputError
from dataprotocol.policy import Request, builtin_policies_dir, decide, load_org_policy
from tests.policy.conftest import NOW, make_grant

EXAMPLE = builtin_policies_dir() / "organisations" / "example-hospital.yaml"


def test_example_policy_loads():
    org = load_org_policy(EXAMPLE)
    assert org.deny_actions == ("publish-data",) and org.max_grant_days == 365
    assert org.require_conditions == ("max_epsilon",)


def test_org_adds_reasons_never_allows(card, steward, alice):
    org = load_org_policy(EXAMPLE)
    grant = make_grant(steward, alice, actions=["read", "train", "publish-data"])
    ok = decide(Request(card, alice.key_id, "train", "disease:cancer", at=NOW), grants=[grant], org=org)
    assert ok.allowed
    d = decide(Request(card, alice.key_id, "publish-data", "disease:cancer", at=NOW), grants=[grant], org=org)
    assert not d.allowed and any(r.startswith("org-denies") for r in d.reasons)
    assert decide(Request(card, alice.key_id, "publish-data", "disease:cancer", at=NOW), grants=[grant]).allowed


def test_org_refuses_grant_requests():
    org = load_org_policy(EXAMPLE)
    with pytest.raises(InputError) as info:
        org.check_grant_request(actions=["publish-data"], purposes=["product-development"], not_before=NOW,
                                not_after=NOW + timedelta(days=400), conditions={})
    msg = str(info.value)
    assert "publish-data" in msg and "365 days" in msg and "max_epsilon" in msg and "product-development" in msg


def test_malformed_org_policy_names_line(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text("name: x\ndeny_actions: [read]\nmax_grant_days: -3\n")
    with pytest.raises(InputError) as info:
        load_org_policy(path)
    assert info.value.line == 3 and info.value.field == "max_grant_days"
