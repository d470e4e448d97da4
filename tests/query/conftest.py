"""Fixtures: a real published package (ages, topics), a grant allowing ``query``."""

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
TOPICS = ["billing", "lab", "refill"]


def make_card(publisher: KeyPair, *, epsilon: float = 8.0) -> DatasetCard:
    return DatasetCard.from_dict({
        "dataset_id": "clinic-visits", "version": "1", "title": "Clinic visits",
        "license": "CC-BY-4.0",
        "attribution": {"creator": "Example Hospital", "source": "https://example.org/visits"},
        "purposes": [PURPOSE], "contains_pii": False,
        "budget": {"epsilon": epsilon, "delta": 1e-5},
        "categories": {"topic": TOPICS}, "bounds": {"age": [0, 100]},
        "publisher": publisher.public_document(),
    }, source="test card")


def frame(rows: int = 200) -> pd.DataFrame:
    return pd.DataFrame({
        "age": [(i * 37) % 90 + 5 for i in range(rows)],
        "topic": [TOPICS[i % 3] if i % 50 else "unlisted" for i in range(rows)],
        "note": [f"note {i}" for i in range(rows)],
    })


@pytest.fixture(scope="session")
def publisher() -> KeyPair:
    return generate_keypair("steward")


@pytest.fixture(scope="session")
def analyst() -> KeyPair:
    return generate_keypair("analyst")


@pytest.fixture
def package(tmp_path: Path, publisher: KeyPair) -> Path:
    source = tmp_path / "visits.csv"
    frame().to_csv(source, index=False)
    out = tmp_path / "pkg"
    publish(source, card=make_card(publisher), publisher=publisher, out=out, shards=2)
    return out


def grant_doc(package: Path, publisher: KeyPair, analyst: KeyPair, *,
              actions: tuple[str, ...] = ("query",), **kw: Any) -> dict[str, Any]:
    return issue_package_grant(
        package, issuer=publisher, grantee=analyst.public, actions=list(actions),
        purposes=[PURPOSE], not_after=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=7),
        **kw)
