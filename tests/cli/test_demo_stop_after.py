"""``demo --stop-after``: an unknown part is bad input before anything is written or removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from dataprotocol.cli.main import main


def test_unknown_part_exits_2_and_leaves_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo-output"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    assert main(["demo", "--stop-after", "everything", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "--stop-after" in err and "policy" in err and "Traceback" not in err
    assert (out / "keep.txt").read_text() == "mine"
