"""Revocation is enforced where data is read (issue 10, item 2): ``open`` fetches the
publisher's current list from where the manifest / grant pins it, every time."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from dataprotocol.cli.main import main
from dataprotocol.errors import PolicyDenied
from dataprotocol.keys import KeyPair, generate_keypair, save_keypair
from dataprotocol.package import open_package, publish
from dataprotocol.policy import RevocationsRef, revoke_grants, verify_grant

from .conftest import PURPOSE, grant_for


def _write(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document), encoding="utf-8")


def _reasons(info: pytest.ExceptionInfo[PolicyDenied]) -> str:
    return " ".join(info.value.reasons)


def test_a_revoked_grant_can_no_longer_open_the_package(tmp_path: Path, package_3: Path,
                                                        publisher: KeyPair,
                                                        grantee: KeyPair) -> None:
    """Through the CLI: ``grant revoke`` on the pinned list, then ``open`` exits 1."""
    save_keypair(publisher, tmp_path / "keys")
    save_keypair(grantee, tmp_path / "keys")
    grant = tmp_path / "grant.json"
    _write(grant, grant_for(package_3, publisher, grantee))
    argv = ["open", str(package_3), "--grant", str(grant), "--key",
            str(tmp_path / "keys" / "partner.key"), "--purpose", PURPOSE, "--json"]
    assert main([*argv, "--out", str(tmp_path / "before.csv")]) == 0
    assert main(["grant", "revoke", str(grant), "--key", str(tmp_path / "keys" / "steward.key"),
                 "--list", str(package_3 / "revocations.json"), "--reason", "contract ended"]) == 0
    assert main([*argv, "--out", str(tmp_path / "after.csv")]) == 1
    assert not (tmp_path / "after.csv").exists()


def test_stale_missing_or_foreign_lists_deny_with_a_reason(package_3: Path, publisher: KeyPair,
                                                           grantee: KeyPair) -> None:
    grant = grant_for(package_3, publisher, grantee)
    listed = package_3 / "revocations.json"
    long_ago = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=30)
    _write(listed, revoke_grants(publisher, [], at=long_ago, next_update=dt.timedelta(days=7)))
    with pytest.raises(PolicyDenied) as info:
        open_package(package_3, grant=grant, key=grantee, purpose=PURPOSE)
    assert "revocations-stale" in _reasons(info)
    _write(listed, revoke_grants(generate_keypair("impostor"), []))
    with pytest.raises(PolicyDenied) as info:
        open_package(package_3, grant=grant, key=grantee, purpose=PURPOSE)
    assert "revocations-invalid" in _reasons(info)
    listed.unlink()
    with pytest.raises(PolicyDenied) as info:
        open_package(package_3, grant=grant, key=grantee, purpose=PURPOSE)
    assert "revocations-missing" in _reasons(info)


def test_the_unsafe_override_is_logged_recorded_and_still_honours_a_stale_list(
        package_3: Path, publisher: KeyPair, grantee: KeyPair,
        caplog: pytest.LogCaptureFixture) -> None:
    grant = grant_for(package_3, publisher, grantee)
    other = grant_for(package_3, publisher, grantee)
    long_ago = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=30)
    other_id = verify_grant(other, publisher.public).grant_id
    _write(package_3 / "revocations.json",
           revoke_grants(publisher, [other_id], at=long_ago, next_update=dt.timedelta(days=1)))
    with caplog.at_level(logging.WARNING, logger="dataprotocol.package"):
        handle = open_package(package_3, grant=grant, key=grantee, purpose=PURPOSE,
                              unsafe_allow_stale_revocations=True)
    assert handle.revocations is not None and handle.revocations.status == "override"
    assert any("revocations-stale" in r for r in handle.revocations.reasons)
    assert "overridden" in caplog.text
    with pytest.raises(PolicyDenied) as info:  # what the stale list does say still holds
        open_package(package_3, grant=other, key=grantee, purpose=PURPOSE,
                     unsafe_allow_stale_revocations=True)
    assert "grant-revoked" in _reasons(info)


def test_the_list_lives_where_the_publisher_pins_it(tmp_path: Path, csv_input: Path, card: Any,
                                                   publisher: KeyPair, grantee: KeyPair) -> None:
    served = tmp_path / "served" / "steward-revocations.json"
    served.parent.mkdir()
    _write(served, revoke_grants(publisher, []))
    manifest = publish(csv_input, card=card, publisher=publisher, out=tmp_path / "pkg",
                       revocations=RevocationsRef(location="../served/steward-revocations.json"))
    assert not (tmp_path / "pkg" / "revocations.json").exists()
    grant = grant_for(tmp_path / "pkg", publisher, grantee)
    assert grant["payload"]["revocations"] == manifest.revocations.to_dict()  # type: ignore[union-attr]
    handle = open_package(tmp_path / "pkg", grant=grant, key=grantee, purpose=PURPOSE)
    assert handle.revocations is not None and handle.revocations.status == "current"
    # a current list copied next to the package does not stand in for the pinned one
    _write(tmp_path / "pkg" / "revocations.json", revoke_grants(publisher, []))
    served.unlink()
    with pytest.raises(PolicyDenied) as info:
        open_package(tmp_path / "pkg", grant=grant, key=grantee, purpose=PURPOSE)
    assert "revocations-missing" in _reasons(info)
