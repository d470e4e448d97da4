"""``deid.verify_file``: raises on residual PII by default (types and counts, never the
text); ``raise_on_failure=False`` is the report mode the CLI displays."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dataprotocol.deid import verify_file
from dataprotocol.errors import AuditFailed


def test_residue_raises_by_default_naming_types_not_text(tmp_path: Path, scrubber: Any) -> None:
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("Call Ann Lee at 555-123-4567.\n")
    with pytest.raises(AuditFailed) as info:
        verify_file(scrubber, dirty)
    assert any(f.startswith("PHONE_NUMBER: ") for f in info.value.failures)
    assert str(dirty) in str(info.value) and "555" not in str(info.value) and "Ann" not in str(info.value)
    report = verify_file(scrubber, dirty, raise_on_failure=False)
    assert not report.clean and report.residual["PHONE_NUMBER"] == 1
    assert [f"{k}: {n}" for k, n in report.residual.items()] == list(info.value.failures)


def test_clean_output_returns_the_report(tmp_path: Path, scrubber: Any) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Call <PERSON> at <PHONE_NUMBER> or PERSON_1a2b3c4d.\n")
    report = verify_file(scrubber, clean)
    assert report.clean and report.documents == 2  # the text and the empty line after it
