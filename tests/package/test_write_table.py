"""write_table: the library call behind ``dataprotocol open --out``."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dataprotocol.errors import InputError
from dataprotocol.keys import KeyPair
from dataprotocol.package import open_package, write_table
from tests.package.conftest import PURPOSE, grant_for, sample_frame


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_every_granted_row_lands_in_the_file(package_3: Path, publisher: KeyPair, grantee: KeyPair,
                                             tmp_path: Path, suffix: str) -> None:
    handle = open_package(package_3, grant=grant_for(package_3, publisher, grantee), key=grantee,
                          purpose=PURPOSE)
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / f"rows{suffix}"
    assert write_table(handle, out) == 30
    if suffix == ".csv":
        frame = pd.read_csv(out)
    elif suffix == ".jsonl":
        frame = pd.DataFrame([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()])
    else:
        frame = pd.read_parquet(out)
    assert frame["note"].tolist() == sample_frame()["note"].tolist()
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary left behind


def test_an_unknown_format_is_refused_before_writing(package_3: Path, publisher: KeyPair,
                                                     grantee: KeyPair, tmp_path: Path) -> None:
    handle = open_package(package_3, grant=grant_for(package_3, publisher, grantee), key=grantee,
                          purpose=PURPOSE)
    (tmp_path / "out").mkdir()
    with pytest.raises(InputError, match="unsupported output format"):
        write_table(handle, tmp_path / "out" / "rows.xlsx")
    assert list((tmp_path / "out").iterdir()) == []
