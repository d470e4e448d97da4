"""Croissant export: valid under mlcroissant, RAI fields from the card, nothing from the rows."""

from __future__ import annotations

import json
from pathlib import Path

import mlcroissant as mlc
import yaml

from dataprotocol.cli.main import main
from dataprotocol.package import export_croissant
from tests.package.conftest import sample_frame


def test_package_exports_valid_croissant(package_3: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "croissant.json"
    assert main(["card", "export", str(package_3), "--format", "croissant", "--out", str(out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary == {"format": "croissant", "out": str(out), "name": "clinic-notes", "files": 3, "fields": 4}
    doc = json.loads(out.read_text(encoding="utf-8"))
    dataset = mlc.Dataset(jsonld=out)  # raises on any Croissant validation error
    assert dataset.metadata.name == "clinic-notes"
    assert dataset.metadata.license == ["https://creativecommons.org/licenses/by/4.0/"]
    assert {f.name for f in dataset.metadata.record_sets[0].fields} == {"id", "note", "score", "flag"}
    assert "http://mlcommons.org/croissant/RAI/1.0" in doc["conformsTo"]
    assert any("personal information" in s for s in doc["rai:personalSensitiveInformation"])
    assert any("epsilon = 8" in s for s in doc["rai:dataLimitations"])
    assert any("health-research" in s for s in doc["rai:dataUseCases"])
    text = out.read_text(encoding="utf-8")
    for value in sample_frame()["note"][:5]:  # the card says what the data is, never what it holds
        assert value not in text


def test_bare_card_exports_and_bad_input_exits_2(card, tmp_path: Path, capsys) -> None:
    card_file = tmp_path / "card.yaml"
    card_file.write_text(yaml.safe_dump(card.to_dict()), encoding="utf-8")
    doc = export_croissant(card_file, tmp_path / "c.json")
    mlc.Dataset(jsonld=tmp_path / "c.json")
    assert "distribution" not in doc and doc["citeAs"].startswith('"Clinic notes"')
    assert main(["card", "export", str(card_file), "--format", "dcat", "--out", str(tmp_path / "x")]) == 2
    assert main(["card", "export", str(tmp_path / "nope"), "--out", str(tmp_path / "y")]) == 2
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()
