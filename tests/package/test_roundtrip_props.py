"""Round-trip property: any pandas table comes back identical (types, nulls, unicode)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol.keys import KeyPair
from dataprotocol.package import open_package, publish
from dataprotocol.policy import DatasetCard

from .conftest import PURPOSE, grant_for

_TEXT = st.text(max_size=12)  # any unicode except lone surrogates (not valid UTF-8)


def _column(kind: str, rows: int) -> st.SearchStrategy[pd.Series]:
    if kind == "int":
        return st.lists(st.integers(-(2**63), 2**63 - 1), min_size=rows, max_size=rows).map(
            lambda v: pd.Series(v, dtype="int64"))
    if kind == "float":
        return st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=rows, max_size=rows).map(
            lambda v: pd.Series(v, dtype="float64"))
    if kind == "bool":
        return st.lists(st.booleans(), min_size=rows, max_size=rows).map(lambda v: pd.Series(v, dtype="bool"))
    if kind == "nullable-int":
        return st.lists(st.none() | st.integers(-1000, 1000), min_size=rows, max_size=rows).map(
            lambda v: pd.Series(v, dtype="Int64"))
    if kind == "text":
        return st.lists(st.none() | _TEXT, min_size=rows, max_size=rows).map(
            lambda v: pd.Series(v, dtype="str"))
    if kind == "datetime":
        return st.lists(st.none() | st.integers(0, 4_000_000_000), min_size=rows, max_size=rows).map(
            lambda v: pd.Series(pd.to_datetime([x if x is None else x * 10**9 for x in v], utc=True),
                                dtype="datetime64[ns, UTC]"))
    raise AssertionError(kind)


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    rows = draw(st.integers(0, 25))
    kinds = draw(st.lists(st.sampled_from(["int", "float", "bool", "nullable-int", "text", "datetime"]),
                          min_size=1, max_size=5))
    names = draw(st.lists(st.text(min_size=1, max_size=8).filter(lambda n: not n.startswith("__")),
                          min_size=len(kinds), max_size=len(kinds), unique=True))
    return pd.DataFrame({name: draw(_column(kind, rows)) for name, kind in zip(names, kinds)})


@given(frame=frames(), shards=st.integers(1, 4))
def test_any_table_round_trips(frame: pd.DataFrame, shards: int, card: DatasetCard, publisher: KeyPair,
                               grantee: KeyPair) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.parquet"
        frame.to_parquet(source, index=False)
        shards = min(shards, max(len(frame), 1))  # at most one shard per row (issue 10)
        manifest = publish(source, card=card, publisher=publisher, out=Path(tmp) / "pkg", shards=shards)
        assert len(manifest.shards) == shards and manifest.rows == len(frame)
        grant = grant_for(Path(tmp) / "pkg", publisher, grantee)
        handle = open_package(Path(tmp) / "pkg", grant=grant, key=grantee, purpose=PURPOSE)
        # identical to the input table as pandas itself reads it back...
        pd.testing.assert_frame_equal(handle.to_pandas(), pd.read_parquet(source))
        # ...and to the frame we started from
        pd.testing.assert_frame_equal(handle.to_pandas(), frame)
        if len(frame):
            streamed = pd.concat(list(handle.iter_batches(batch_size=7)), ignore_index=True)
            pd.testing.assert_frame_equal(streamed, frame)


def test_float_bit_patterns_survive(tmp_path: Path, card: DatasetCard, publisher: KeyPair,
                                    grantee: KeyPair) -> None:
    values = np.array([0.0, -0.0, np.nan, np.inf, -np.inf, 5e-324, 1.7976931348623157e308])
    pd.DataFrame({"x": values}).to_parquet(tmp_path / "in.parquet", index=False)
    publish(tmp_path / "in.parquet", card=card, publisher=publisher, out=tmp_path / "pkg")
    handle = open_package(tmp_path / "pkg", grant=grant_for(tmp_path / "pkg", publisher, grantee),
                          key=grantee, purpose=PURPOSE)
    assert handle.to_pandas()["x"].to_numpy().tobytes() == values.tobytes()
