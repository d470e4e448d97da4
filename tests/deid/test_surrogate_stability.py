"""Surrogates are a function of (type, seed, locale) only -- never of today's date."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol.deid._surrogates import REFERENCE_DATE, surrogate
from dataprotocol.deid.recognizers._checksums import gb11643_valid

VECTORS = json.loads((Path(__file__).parents[1] / "vectors" / "deid" / "surrogates.json").read_text("utf-8"))


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda c: f"{c['entity_type']}-{c['locale']}-{c['seed']}")
def test_known_answers(case: dict) -> None:
    # with Faker's default (counted back from today) these drift by a day each day
    assert surrogate(case["entity_type"], seed=case["seed"], locale=case["locale"]) == case["surrogate"]


def test_reference_date_is_the_vectors() -> None:
    assert REFERENCE_DATE.isoformat() == VECTORS["reference_date"]


@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_resident_id_surrogate_is_valid_and_before_the_reference(seed: int) -> None:
    value = surrogate("CN_RESIDENT_ID", seed=seed, locale="zh_CN")
    assert value is not None and len(value) == 18 and gb11643_valid(value)
    birthday = datetime.datetime.strptime(value[6:14], "%Y%m%d").date()
    oldest, youngest = (REFERENCE_DATE - datetime.timedelta(days=years * 365) for years in (90, 18))
    assert oldest <= birthday <= youngest


@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_date_surrogate_is_before_the_reference(seed: int) -> None:
    value = surrogate("DATE_TIME", seed=seed)
    assert value is not None
    assert datetime.date.fromisoformat(value) <= REFERENCE_DATE
