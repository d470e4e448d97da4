"""check_grant: the library answer behind ``grant verify`` (signature, window, revocation)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from dataprotocol.errors import InputError
from dataprotocol.keys import KeyPair
from dataprotocol.policy import check_grant, revoke_grants
from tests.policy.conftest import NOW, make_grant


def test_a_current_grant_holds(grant: dict[str, Any], steward: KeyPair) -> None:
    result = check_grant(grant, steward.public, at=NOW)
    assert result.valid and result.problems == ()
    assert result.to_dict()["grant"]["grant_id"] == grant["payload"]["grant_id"]


def test_the_window_is_checked_at_the_given_time(grant: dict[str, Any], steward: KeyPair) -> None:
    early = check_grant(grant, steward.public, at=NOW - timedelta(days=2))
    late = check_grant(grant, steward.public, at=NOW + timedelta(days=31))
    assert [p.split(" ")[0:3] for p in early.problems] == [["not", "valid", "before"]]
    assert [p.split(" ")[0] for p in late.problems] == ["expired"] and not late.valid


def test_revoked_by_a_list_or_its_file(grant: dict[str, Any], steward: KeyPair, alice: KeyPair,
                                       tmp_path: Path) -> None:
    listed = revoke_grants(steward, [grant["payload"]["grant_id"]])
    assert check_grant(grant, steward.public, at=NOW, revocations=listed).problems == ("revoked",)
    path = tmp_path / "revocations.json"
    path.write_text(json.dumps(listed))
    assert check_grant(grant, steward.public, at=NOW, revocations=path).problems == ("revoked",)
    other = make_grant(steward, alice)
    assert check_grant(other, steward.public, at=NOW, revocations=path).valid


def test_a_wrong_issuer_is_a_problem_not_an_exception(grant: dict[str, Any], mallory: KeyPair) -> None:
    result = check_grant(grant, mallory.public, at=NOW)
    assert not result.valid and len(result.problems) == 1 and result.grant == {}


def test_an_unreadable_revocation_file_is_bad_input(grant: dict[str, Any], steward: KeyPair,
                                                    tmp_path: Path) -> None:
    with pytest.raises(InputError):
        check_grant(grant, steward.public, at=NOW, revocations=tmp_path / "missing.json")
