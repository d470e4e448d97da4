"""``publish --synthetic``: a DP synthetic table becomes a new package whose signed card
carries its guarantee and the source licences' obligations (per the policy engine), and
nothing is published for a table whose provenance is missing or describes another file.

The provenance records here are signed with real keys by the same writer ``synthesize``
uses; the end-to-end chain from a DP-trained model is in
tests/train/test_synthetic_package.py."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dataprotocol.errors import InputError, SignatureError
from dataprotocol.keys import KeyPair, generate_keypair, save_keypair
from dataprotocol.package import prepare_synthetic, publish_synthetic, read_manifest, verify_package
from dataprotocol.policy import DatasetCard
from dataprotocol.records import SyntheticProvenance, sha256_file, write_provenance


@pytest.fixture(scope="module")
def keys() -> dict[str, KeyPair]:
    return {"trainer": generate_keypair("trainer"), "steward": generate_keypair("steward")}


def _card(keys: dict[str, KeyPair], license_id: str, **extra: object) -> DatasetCard:
    return DatasetCard.from_dict({
        "dataset_id": "notes-synthetic", "version": "1", "title": "Synthetic notes",
        "license": license_id,
        "attribution": {"creator": "Trainer Lab", "source": "https://example.org/synthetic"},
        "purposes": ["nlp-research"], "contains_pii": False,
        "budget": {"epsilon": 1.0, "delta": 1e-5},
        "publisher": keys["steward"].public_document(), **extra}, source="synthetic-card.yaml")


def _table(tmp: Path, keys: dict[str, KeyPair], *, source_license: str, rows: int = 5,
           epsilon: float = 3.5) -> Path:
    table = tmp / "synthetic.parquet"
    pd.DataFrame({"text": [f"note {i} about the harbour" for i in range(rows)]}).to_parquet(
        table, index=False)
    record = SyntheticProvenance(
        model_run_id="run-1", model_privacy_sha256="ab" * 32, epsilon=epsilon, delta=1e-5,
        accountant="prv", ledger_entry="cd" * 32,
        sources=[{"dataset_id": "notes", "dataset_version": "1", "manifest_id": "sha256:" + "ef" * 32,
                  "license": source_license, "title": "Notes", "creator": "Example Lab",
                  "source": "https://example.org/notes"}],
        license={"output_licenses": [], "obligations": [], "attribution": []},
        rows=rows, columns=["text"], prompts=[], generation={}, scrub={"scrubbed": True, "entities": {}},
        table_file=table.name, table_sha256=sha256_file(table), created_at="2026-01-01T00:00:00+00:00")
    write_provenance(table.with_suffix(".provenance.json"), record, signer=keys["trainer"])
    return table


@pytest.mark.parametrize(("source", "target", "kinds"), [
    ("CC-BY-4.0", "CC-BY-4.0", {"attribution"}),
    ("CC-BY-SA-4.0", "CC-BY-SA-4.0", {"attribution", "share-alike"}),
    ("CC-BY-NC-4.0", "CC-BY-NC-4.0", {"attribution", "non-commercial"}),
])
def test_the_package_carries_the_guarantee_and_the_source_obligations(
        tmp_path: Path, keys: dict[str, KeyPair], source: str, target: str, kinds: set[str]) -> None:
    table = _table(tmp_path, keys, source_license=source)
    manifest = publish_synthetic(table, card=_card(keys, target), publisher=keys["steward"],
                                 out=tmp_path / "pkg")
    block = read_manifest(tmp_path / "pkg").document["payload"]["synthetic"]
    assert block["epsilon"] == 3.5 and block["delta"] == 1e-5 and block["rows"] == manifest.rows == 5
    assert block["model_run_id"] == "run-1" and block["provenance_signer"] == keys["trainer"].key_id
    assert kinds <= {o["kind"] for o in block["obligations"]}
    assert all(o["license"] == source for o in block["obligations"] if o["kind"] in kinds)
    assert any("Example Lab" in a for a in block["attribution"])
    readme = (tmp_path / "pkg" / "README.md").read_text()
    assert "Differential privacy guarantee" in readme and "ε = 3.5" in readme
    report = verify_package(tmp_path / "pkg")
    assert report.passed and report.synthetic_check is not None and report.synthetic_check.passed
    assert report.to_dict()["synthetic"]["epsilon"] == 3.5


@pytest.mark.parametrize(("source", "target"), [
    ("CC-BY-SA-4.0", "CC-BY-4.0"),    # share-alike: the derived data must stay BY-SA
    ("CC-BY-NC-4.0", "CC-BY-4.0"),    # NC cannot be dropped
    ("CC-BY-ND-4.0", "CC-BY-ND-4.0"),  # no derived data at all
])
def test_a_license_the_sources_do_not_allow_is_refused_before_anything_is_written(
        tmp_path: Path, keys: dict[str, KeyPair], source: str, target: str) -> None:
    table = _table(tmp_path, keys, source_license=source)
    with pytest.raises(InputError) as caught:
        publish_synthetic(table, card=_card(keys, target), publisher=keys["steward"],
                          out=tmp_path / "pkg")
    assert caught.value.field == "license" and caught.value.file == "synthetic-card.yaml"
    assert not (tmp_path / "pkg").exists()


def test_a_missing_or_mismatched_provenance_is_refused(tmp_path: Path, keys: dict[str, KeyPair]) -> None:
    table = _table(tmp_path, keys, source_license="CC-BY-4.0")
    card = _card(keys, "CC-BY-4.0")
    provenance = table.with_suffix(".provenance.json")
    moved = provenance.rename(tmp_path / "elsewhere.json")
    with pytest.raises(InputError) as caught:
        prepare_synthetic(table, card=card)
    assert caught.value.field == "provenance" and caught.value.file == str(provenance)
    assert prepare_synthetic(table, card=card, provenance=moved).block["rows"] == 5
    pd.DataFrame({"text": ["another table"]}).to_parquet(table, index=False)
    with pytest.raises(InputError) as caught:
        prepare_synthetic(table, card=card, provenance=moved)
    assert caught.value.field == "payload.table_sha256" and caught.value.file == str(moved)
    # an edited record (the claimed epsilon lowered) no longer carries its signature
    document = json.loads(moved.read_text())
    document["payload"]["epsilon"] = 0.1
    moved.write_text(json.dumps(document))
    with pytest.raises(SignatureError):
        prepare_synthetic(table, card=card, provenance=moved)


def test_a_synthetic_card_may_not_claim_pii(tmp_path: Path, keys: dict[str, KeyPair]) -> None:
    table = _table(tmp_path, keys, source_license="CC-BY-4.0")
    with pytest.raises(InputError) as caught:
        prepare_synthetic(table, card=_card(keys, "CC-BY-4.0", contains_pii=True))
    assert caught.value.field == "contains_pii"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["epsilon", "delta", "model_run_id", "rows", "ledger_entry"]))
def test_verify_fails_when_the_attached_record_and_the_signed_claim_disagree(
        tmp_path_factory: pytest.TempPathFactory, keys: dict[str, KeyPair], field: str) -> None:
    """A publisher who signs a manifest claiming other numbers than the trainer's record
    is caught by verify (the record travels in the package, pinned by hash)."""
    from dataprotocol.keys import sign_document
    from dataprotocol.package import MANIFEST_TYPE

    tmp = tmp_path_factory.mktemp("claim")
    table = _table(tmp, keys, source_license="CC-BY-4.0")
    publish_synthetic(table, card=_card(keys, "CC-BY-4.0"), publisher=keys["steward"], out=tmp / "pkg")
    path = tmp / "pkg" / "manifest.json"
    payload = json.loads(path.read_text())["payload"]
    payload["synthetic"][field] = {"epsilon": 0.01, "delta": 1e-9, "model_run_id": "other",
                                   "rows": 4, "ledger_entry": "00" * 32}[field]
    path.write_text(json.dumps(sign_document(MANIFEST_TYPE, payload, keys["steward"])))
    report = verify_package(tmp / "pkg", raise_on_failure=False)
    assert not report.passed and report.synthetic_check is not None
    assert not report.synthetic_check.passed


def test_cli_publish_synthetic_and_card_show(tmp_path: Path, keys: dict[str, KeyPair],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from dataprotocol.cli.main import main

    table = _table(tmp_path, keys, source_license="CC-BY-SA-4.0")
    key_path, pub_path = save_keypair(keys["steward"], tmp_path / "keys")
    card = _card(keys, "CC-BY-SA-4.0").to_dict()
    card["publisher"] = str(pub_path)
    card_path = tmp_path / "card.yaml"
    card_path.write_text(yaml.safe_dump(card))
    base = ["publish", str(table), "--dataset-card", str(card_path), "--key", str(key_path)]
    assert main([*base, "--synthetic", "--out", str(tmp_path / "pkg"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["synthetic"]["epsilon"] == 3.5
    assert main(["card", "show", str(tmp_path / "pkg"), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert "share-alike" in {o["kind"] for o in shown["synthetic"]["obligations"]}
    assert main(["verify", str(tmp_path / "pkg"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["synthetic"]["passed"] is True
    table.with_suffix(".provenance.json").unlink()
    assert main([*base, "--synthetic", "--out", str(tmp_path / "pkg2")]) == 2
    err = capsys.readouterr().err
    assert "synthetic.provenance.json" in err and "provenance" in err
    assert not (tmp_path / "pkg2").exists()
