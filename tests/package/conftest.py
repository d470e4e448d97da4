"""Fixtures for the package tests: real keys, a real dataset card, small real tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dataprotocol.keys import KeyPair, generate_keypair
from dataprotocol.package import issue_package_grant, publish
from dataprotocol.policy import DatasetCard

PURPOSE = "health-research"


def make_card(publisher: KeyPair, *, dataset_id: str = "clinic-notes", version: str = "1") -> DatasetCard:
    return DatasetCard.from_dict({
        "dataset_id": dataset_id, "version": version, "title": "Clinic notes",
        "license": "CC-BY-4.0",
        "attribution": {"creator": "Example Hospital", "source": "https://example.org/notes"},
        "purposes": [PURPOSE], "contains_pii": True,
        "budget": {"epsilon": 8.0, "delta": 1e-5},
        "publisher": publisher.public_document(),
    }, source="test card")


def in_a_week() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=7)


def grant_for(package: Path, publisher: KeyPair, grantee: KeyPair, **kw: Any) -> dict[str, Any]:
    return issue_package_grant(package, issuer=publisher, grantee=grantee.public, actions=["read"],
                               purposes=[PURPOSE], not_after=in_a_week(), **kw)


@pytest.fixture(scope="session")
def publisher() -> KeyPair:
    return generate_keypair("steward")


@pytest.fixture(scope="session")
def grantee() -> KeyPair:
    return generate_keypair("partner")


@pytest.fixture(scope="session")
def outsider() -> KeyPair:
    return generate_keypair("outsider")


@pytest.fixture(scope="session")
def card(publisher: KeyPair) -> DatasetCard:
    return make_card(publisher)


def sample_frame(rows: int = 30) -> pd.DataFrame:
    return pd.DataFrame({
        "id": list(range(rows)),
        "note": [f"patient-note-{i:04d} héllo ✓" for i in range(rows)],
        "score": [i / 7 for i in range(rows)],
        "flag": [i % 3 == 0 for i in range(rows)],
    })


@pytest.fixture
def csv_input(tmp_path: Path) -> Path:
    path = tmp_path / "input.csv"
    sample_frame().to_csv(path, index=False)
    return path


@pytest.fixture
def package_3(tmp_path: Path, csv_input: Path, card: DatasetCard, publisher: KeyPair) -> Path:
    """A 3-shard package of the 30-row sample (10 rows per shard)."""
    out = tmp_path / "pkg"
    publish(csv_input, card=card, publisher=publisher, out=out, shards=3,
            segment_size=64 * 1024)
    return out


@pytest.fixture(scope="session")
def scrubber() -> Any:
    """One real Presidio + spaCy scrubber for the whole session (loading takes seconds)."""
    from dataprotocol.deid import Scrubber, ScrubConfig

    return Scrubber(ScrubConfig(operator="pseudonym", key=b"package-tests-pseudonym-key-0001"))
