"""scrub_frame and the datasets.map function."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from dataprotocol.deid import FrameResult
from dataprotocol.errors import InputError


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "id": [1, 2, 3],
        "email": ["ann@example.org", None, "bob@example.org"],
        "note": ["Ann Lee called from 555-123-4567.", "no PII here", None],
    })


def test_scrub_frame_whole_cell_and_free_text(keyed: Any) -> None:
    df = _frame()
    result = keyed.scrub_frame(df, text_columns=["note"], pii_columns={"email": "EMAIL_ADDRESS"})
    assert isinstance(result, FrameResult)
    frame, report = result
    assert frame["email"][0].startswith("EMAIL_ADDRESS_") and pd.isna(frame["email"][1])
    assert frame["email"][0] == keyed.replace_value("EMAIL_ADDRESS", "ann@example.org")
    assert "Ann Lee" not in frame["note"][0] and "555-123-4567" not in frame["note"][0]
    assert frame["note"][1] == "no PII here" and pd.isna(frame["note"][2])
    assert report == {"EMAIL_ADDRESS": 2, "PERSON": 1, "PHONE_NUMBER": 1}
    assert df["email"][0] == "ann@example.org"  # input untouched
    assert list(frame["id"]) == [1, 2, 3]


def test_scrub_frame_unknown_column(scrubber: Any) -> None:
    with pytest.raises(InputError, match="unknown column 'nope'"):
        scrubber.scrub_frame(_frame(), text_columns=["nope"])
    with pytest.raises(InputError, match="both"):
        scrubber.scrub_frame(_frame(), text_columns=["note"], pii_columns={"note": "PERSON"})


def test_dataset_map_function(scrubber: Any) -> None:
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_dict({"text": ["Mail ann@example.org", "hello"], "label": [0, 1]})
    out = ds.map(scrubber.dataset_map_function(["text"]), batched=True, batch_size=8)
    assert out["text"] == ["Mail <EMAIL_ADDRESS>", "hello"] and out["label"] == [0, 1]
