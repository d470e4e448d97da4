"""No plaintext leaves the steward: every byte of a package (and of a grant) is searched
for every input cell value, before scrubbing, and none is found. Uses the real scrubber."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dataprotocol.keys import KeyPair
from dataprotocol.package import open_package, publish
from dataprotocol.policy import DatasetCard

from .conftest import PURPOSE, grant_for

pytestmark = pytest.mark.slow  # loads spaCy once (session fixture)

PEOPLE = [("Johanna Quistgaard", "jq1987@example.org", "617-555-0142"),
          ("Bartholomew Okonkwo", "bart.okonkwo@mailhost.net", "212-555-0199"),
          ("Mireille Castellanos", "m.castellanos@clinic.example", "415-555-0117")]


def _input_frame() -> pd.DataFrame:
    rows = []
    for i, (name, email, phone) in enumerate(PEOPLE * 4):
        rows.append({
            "patient_name": name, "email": email,
            "note": f"{name} called from {phone} about visit {i:02d}, reported dizziness-{i:02d}.",
            "record": 900_000_000 + 7919 * i, "glucose": 5.123456 + i / 1000,
        })
    return pd.DataFrame(rows)


def _needles(frame: pd.DataFrame) -> list[bytes]:
    needles: set[bytes] = set()
    for column in frame.columns:
        for value in frame[column]:
            needles.add(str(value).encode("utf-8"))
            if isinstance(value, int):
                needles.add(struct.pack("<q", value))
            if isinstance(value, float):
                needles.add(struct.pack("<d", value))
    needles.update(part.encode() for name, email, phone in PEOPLE for part in (*name.split(), email, phone))
    return sorted(needles)


@pytest.fixture(scope="module")
def scrubbed_package(tmp_path_factory: pytest.TempPathFactory, card: DatasetCard, publisher: KeyPair,
                     grantee: KeyPair, scrubber: Any) -> tuple[Path, pd.DataFrame, dict[str, Any]]:
    root = tmp_path_factory.mktemp("scrubbed")
    frame = _input_frame()
    frame.to_csv(root / "patients.csv", index=False)
    publish(root / "patients.csv", card=card, publisher=publisher, out=root / "pkg", shards=2,
            text_columns=["note"], pii_columns={"patient_name": "PERSON", "email": "EMAIL_ADDRESS"},
            scrubber=scrubber)
    grant = grant_for(root / "pkg", publisher, grantee)
    (root / "grant.json").write_text(json.dumps(grant), encoding="utf-8")
    return root, frame, grant


def test_no_input_value_in_any_byte_of_the_package(scrubbed_package: Any) -> None:
    root, frame, _ = scrubbed_package
    files = [p for p in (root / "pkg").rglob("*") if p.is_file()] + [root / "grant.json"]
    # manifest, README (a Hub-style card, no data), revocation list, two shards, their two
    # segment digest lists, the grant
    assert len(files) == 8
    blobs = {p.name: p.read_bytes() for p in files}
    for needle in _needles(frame):
        for name, blob in blobs.items():
            assert needle not in blob, f"an input value appears in {name}"


def test_scrub_report_holds_counts_only(scrubbed_package: Any) -> None:
    root, _, _ = scrubbed_package
    scrub = json.loads((root / "pkg" / "manifest.json").read_text(encoding="utf-8"))["payload"]["scrub"]
    assert scrub["rows"] == 12 and scrub["text_columns"] == ["note"]
    assert scrub["pii_columns"] == {"email": "EMAIL_ADDRESS", "patient_name": "PERSON"}
    assert scrub["entities"]["EMAIL_ADDRESS"] == 12 and scrub["entities"]["PERSON"] >= 24
    assert scrub["entities"].get("PHONE_NUMBER", 0) >= 1
    assert all(isinstance(v, int) for v in scrub["entities"].values())


def test_grantee_sees_scrubbed_rows_with_consistent_pseudonyms(scrubbed_package: Any, grantee: KeyPair) -> None:
    root, frame, grant = scrubbed_package
    opened = open_package(root / "pkg", grant=root / "grant.json", key=grantee, purpose=PURPOSE).to_pandas()
    assert len(opened) == len(frame)
    assert opened["record"].tolist() == frame["record"].tolist()  # non-PII columns untouched
    text = opened.to_csv()
    for name, email, phone in PEOPLE:
        assert name.split()[1] not in text and email not in text and phone not in text
    # keyed pseudonyms: the same person maps to the same token (joins still work)
    assert opened.groupby("patient_name")["email"].nunique().eq(1).all()
    assert opened["patient_name"].nunique() == len(PEOPLE)
