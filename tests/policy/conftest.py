"""Fixtures for the policy tests: real keys, a real dataset card, real signed grants."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from dataprotocol.keys import KeyPair, generate_keypair
from dataprotocol.policy import DatasetCard, issue_grant

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def steward() -> KeyPair:
    return generate_keypair("steward")


@pytest.fixture(scope="session")
def alice() -> KeyPair:
    return generate_keypair("alice")


@pytest.fixture(scope="session")
def mallory() -> KeyPair:
    return generate_keypair("mallory")


def card_dict(steward: KeyPair, **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "dataset_id": "clinic-notes", "version": "1.0", "title": "Clinic notes",
        "license": "CC-BY-NC-4.0",
        "attribution": {"creator": "Example Clinic", "source": "https://example.org/notes"},
        "purposes": ["health-research"], "contains_pii": True,
        "budget": {"epsilon": 8.0, "delta": 1e-6}, "publisher": steward.public_document(),
    }
    base.update(overrides)
    return base


@pytest.fixture()
def card(steward: KeyPair) -> DatasetCard:
    return DatasetCard.from_dict(card_dict(steward))


def make_grant(steward: KeyPair, grantee: KeyPair, **overrides: Any) -> dict[str, Any]:
    args: dict[str, Any] = dict(
        grantee=grantee.public, dataset_id="clinic-notes", dataset_version="1.0",
        actions=["read", "train"], purposes=["disease:cancer"],
        not_before=NOW - timedelta(days=1), not_after=NOW + timedelta(days=30),
        conditions={"max_epsilon": 2.0},
    )
    args.update(overrides)
    return issue_grant(steward, **args)


@pytest.fixture()
def grant(steward: KeyPair, alice: KeyPair) -> dict[str, Any]:
    return make_grant(steward, alice)
