"""``publish --synthetic``: a DP synthetic table becomes a new package whose signed card
carries its guarantee and the source licences' obligations (per the policy engine), and
nothing is published for a table whose provenance is missing or describes another file.

The provenance records here are signed with real keys by the same writer ``synthesize``
uses; the end-to-end chain from a DP-trained model is in
tests/train/test_synthetic_package.py."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dataprotocol.errors import InputError, IntegrityError, PolicyDenied, SignatureError
from dataprotocol.keys import KeyPair, generate_keypair, save_keypair
from dataprotocol.package import (
    issue_package_grant,
    prepare_synthetic,
    publish,
    publish_synthetic,
    read_manifest,
    verify_package,
)
from dataprotocol.policy import DatasetCard
from dataprotocol.records import SyntheticProvenance, sha256_file, write_provenance

PURPOSE = "nlp-research"


@pytest.fixture(scope="module")
def keys() -> dict[str, KeyPair]:
    """steward: publishes the source package and signs the grant; trainer: the grantee,
    who trained the generator, signs the provenance and publishes the synthetic copy."""
    return {"trainer": generate_keypair("trainer"), "steward": generate_keypair("steward")}


def _card(keys: dict[str, KeyPair], license_id: str, **extra: object) -> DatasetCard:
    return DatasetCard.from_dict({
        "dataset_id": "notes-synthetic", "version": "1", "title": "Synthetic notes",
        "license": license_id,
        "attribution": {"creator": "Trainer Lab", "source": "https://example.org/synthetic"},
        "purposes": [PURPOSE], "contains_pii": False,
        "budget": {"epsilon": 1.0, "delta": 1e-5},
        "publisher": keys["trainer"].public_document(), **extra}, source="synthetic-card.yaml")


@dataclass(frozen=True)
class Synthetic:
    table: Path
    source: Path
    grant: Path
    grant_id: str

    def options(self) -> dict[str, Any]:
        return {"grants": [self.grant], "source_packages": [self.source]}


def _source(tmp: Path, keys: dict[str, KeyPair], *, license_id: str, actions: tuple[str, ...],
            expired: bool = False) -> tuple[Path, Path, dict[str, Any]]:
    """A real source package (the steward's) and a real grant to the trainer."""
    card = DatasetCard.from_dict({
        "dataset_id": "notes", "version": "1", "title": "Notes", "license": license_id,
        "attribution": {"creator": "Example Lab", "source": "https://example.org/notes"},
        "purposes": [PURPOSE], "contains_pii": False, "budget": {"epsilon": 8.0, "delta": 1e-5},
        "publisher": keys["steward"].public_document()}, source="source-card.yaml")
    pd.DataFrame({"text": [f"private note {i}" for i in range(6)]}).to_csv(tmp / "notes.csv",
                                                                         index=False)
    publish(tmp / "notes.csv", card=card, publisher=keys["steward"], out=tmp / "source")
    now = dt.datetime.now(dt.timezone.utc)
    window = (now - dt.timedelta(days=2), now - dt.timedelta(days=1)) if expired else (
        None, now + dt.timedelta(days=1))
    grant = issue_package_grant(tmp / "source", issuer=keys["steward"],
                                grantee=keys["trainer"].public, actions=list(actions),
                                purposes=[PURPOSE], not_before=window[0], not_after=window[1])
    (tmp / "grant.json").write_text(json.dumps(grant))
    return tmp / "source", tmp / "grant.json", grant


def _table(tmp: Path, keys: dict[str, KeyPair], *, source_license: str, rows: int = 5,
           epsilon: float = 3.5, actions: tuple[str, ...] = ("read", "train", "publish-data"),
           grant_id: str | None = "the training grant", expired: bool = False) -> Synthetic:
    source, grant_path, grant = _source(tmp, keys, license_id=source_license, actions=actions,
                                        expired=expired)
    table = tmp / "synthetic.parquet"
    pd.DataFrame({"text": [f"note {i} about the harbour" for i in range(rows)]}).to_parquet(
        table, index=False)
    the_grant = grant["payload"]["grant_id"]
    record = SyntheticProvenance(
        model_run_id="run-1", model_privacy_sha256="ab" * 32, epsilon=epsilon, delta=1e-5,
        accountant="prv", ledger_entry="cd" * 32,
        sources=[{"dataset_id": "notes", "dataset_version": "1",
                  "manifest_id": read_manifest(source).manifest_id,
                  "license": source_license, "title": "Notes", "creator": "Example Lab",
                  "source": "https://example.org/notes",
                  **({"grant_id": the_grant if grant_id == "the training grant" else grant_id}
                     if grant_id is not None else {})}],
        license={"output_licenses": [], "obligations": [], "attribution": []},
        rows=rows, columns=["text"], prompts=[], generation={}, scrub={"scrubbed": True, "entities": {}},
        table_file=table.name, table_sha256=sha256_file(table), created_at="2026-01-01T00:00:00+00:00")
    write_provenance(table.with_suffix(".provenance.json"), record, signer=keys["trainer"])
    return Synthetic(table=table, source=source, grant=grant_path, grant_id=the_grant)


def _prepare(synthetic: Synthetic, keys: dict[str, KeyPair], card: DatasetCard,
             **options: Any) -> Any:
    given = {"principal": keys["trainer"].key_id, "purpose": PURPOSE, **synthetic.options(),
             **options}
    return prepare_synthetic(synthetic.table, card=card, **given)


@pytest.mark.parametrize(("source", "target", "kinds"), [
    ("CC-BY-4.0", "CC-BY-4.0", {"attribution"}),
    ("CC-BY-SA-4.0", "CC-BY-SA-4.0", {"attribution", "share-alike"}),
    ("CC-BY-NC-4.0", "CC-BY-NC-4.0", {"attribution", "non-commercial"}),
])
def test_the_package_carries_the_guarantee_and_the_source_obligations(
        tmp_path: Path, keys: dict[str, KeyPair], source: str, target: str, kinds: set[str]) -> None:
    synthetic = _table(tmp_path, keys, source_license=source)
    manifest = publish_synthetic(synthetic.table, card=_card(keys, target), publisher=keys["trainer"],
                                 out=tmp_path / "pkg", purpose=PURPOSE, **synthetic.options())
    block = read_manifest(tmp_path / "pkg").document["payload"]["synthetic"]
    assert block["epsilon"] == 3.5 and block["delta"] == 1e-5 and block["rows"] == manifest.rows == 5
    assert block["model_run_id"] == "run-1" and block["provenance_signer"] == keys["trainer"].key_id
    assert kinds <= {o["kind"] for o in block["obligations"]}
    assert all(o["license"] == source for o in block["obligations"] if o["kind"] in kinds)
    assert any("Example Lab" in a for a in block["attribution"])
    # the signed claim says under which grant publish-data was checked
    assert [(g["grant_id"], g["action"], g["purpose"]) for g in block["grants"]] == [
        (synthetic.grant_id, "publish-data", PURPOSE)]
    assert block["sources"][0]["grant_id"] == synthetic.grant_id
    readme = (tmp_path / "pkg" / "README.md").read_text()
    assert "Differential privacy guarantee" in readme and "ε = 3.5" in readme
    assert synthetic.grant_id in readme
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
    # (an ND source cannot be granted publish-data at all; the licence check comes first)
    synthetic = _table(tmp_path, keys, source_license=source, actions=("read", "train"))
    with pytest.raises(InputError) as caught:
        publish_synthetic(synthetic.table, card=_card(keys, target), publisher=keys["trainer"],
                          out=tmp_path / "pkg", purpose=PURPOSE, **synthetic.options())
    assert caught.value.field == "license" and caught.value.file == "synthetic-card.yaml"
    assert not (tmp_path / "pkg").exists()


def test_a_grant_without_publish_data_is_refused_and_nothing_is_written(
        tmp_path: Path, keys: dict[str, KeyPair]) -> None:
    synthetic = _table(tmp_path, keys, source_license="CC-BY-4.0", actions=("read", "train"))
    with pytest.raises(PolicyDenied) as caught:
        publish_synthetic(synthetic.table, card=_card(keys, "CC-BY-4.0"), publisher=keys["trainer"],
                          out=tmp_path / "pkg", purpose=PURPOSE, **synthetic.options())
    reasons = " ".join(caught.value.reasons)
    assert "publish-data" in str(caught.value) and "action-not-granted" in reasons
    assert synthetic.grant_id in reasons and "publish-data" in reasons
    assert not (tmp_path / "pkg").exists()


def test_a_revoked_expired_or_foreign_grant_is_refused(tmp_path: Path, keys: dict[str, KeyPair]) -> None:
    from dataprotocol.keys import sign_document
    from dataprotocol.policy import GRANT_TYPE, revoke_grants

    synthetic = _table(tmp_path, keys, source_license="CC-BY-4.0")
    card = _card(keys, "CC-BY-4.0")
    assert _prepare(synthetic, keys, card).block["grants"][0]["grant_id"] == synthetic.grant_id
    # someone else (not the grantee) publishing the same table under this grant
    with pytest.raises(PolicyDenied) as caught:
        _prepare(synthetic, keys, card, principal=keys["steward"].key_id)
    assert any(r.startswith("no-grant") for r in caught.value.reasons)
    # a purpose the grant does not name
    with pytest.raises(PolicyDenied) as caught:
        _prepare(synthetic, keys, card, purpose="commercial")
    # a grant with the right id, widened and re-signed by the trainer: not the publisher's
    forged = json.loads(synthetic.grant.read_text())
    forged["payload"]["not_after"] = "2099-01-01T00:00:00Z"
    with pytest.raises(SignatureError):
        _prepare(synthetic, keys, card,
                 grants=[sign_document(GRANT_TYPE, forged["payload"], keys["trainer"])])
    # the steward revokes the grant (the list the source manifest pins)
    listing = synthetic.source / "revocations.json"
    listing.write_text(json.dumps(revoke_grants(keys["steward"], [synthetic.grant_id],
                                                previous=json.loads(listing.read_text()))))
    with pytest.raises(PolicyDenied) as caught:
        _prepare(synthetic, keys, card)
    assert any(r.startswith("grant-revoked") for r in caught.value.reasons)
    # a grant that has expired since the model was trained
    (tmp_path / "late").mkdir()
    late = _table(tmp_path / "late", keys, source_license="CC-BY-4.0", expired=True)
    with pytest.raises(PolicyDenied) as caught:
        _prepare(late, keys, card)
    assert "expired" in " ".join(caught.value.reasons)


def test_the_grant_and_source_must_be_the_ones_the_record_names(
        tmp_path: Path, keys: dict[str, KeyPair]) -> None:
    (tmp_path / "a").mkdir()
    synthetic = _table(tmp_path / "a", keys, source_license="CC-BY-4.0")
    card = _card(keys, "CC-BY-4.0")
    (tmp_path / "b").mkdir()
    _, other_grant, _ = _source(tmp_path / "b", keys, license_id="CC-BY-4.0",
                                actions=("read", "train", "publish-data"))
    with pytest.raises(InputError) as caught:  # another grant, even one allowing it
        _prepare(synthetic, keys, card, grants=[other_grant])
    assert caught.value.field == "grants (--grant)" and synthetic.grant_id in str(caught.value)
    with pytest.raises(InputError) as caught:  # another source package
        _prepare(synthetic, keys, card, source_packages=[tmp_path / "b" / "source"])
    assert caught.value.field == "source_packages (--source-package)"
    with pytest.raises(InputError):
        _prepare(synthetic, keys, card, grants=[])


def test_a_record_naming_no_grant_or_tampered_is_refused(tmp_path: Path, keys: dict[str, KeyPair]) -> None:
    (tmp_path / "old").mkdir()
    old = _table(tmp_path / "old", keys, source_license="CC-BY-4.0", grant_id=None)
    card = _card(keys, "CC-BY-4.0")
    with pytest.raises(InputError) as caught:
        _prepare(old, keys, card)
    assert caught.value.field == "payload.sources[0].grant_id"
    # the trainer's record says another licence than the publisher's manifest: refused
    (tmp_path / "lic").mkdir()
    relabelled = _table(tmp_path / "lic", keys, source_license="CC-BY-4.0")
    provenance = relabelled.table.with_suffix(".provenance.json")
    document = json.loads(provenance.read_text())
    document["payload"]["sources"][0]["license"] = "CC0-1.0"
    from dataprotocol.keys import sign_document
    from dataprotocol.records import SYNTHETIC_DOC_TYPE

    resigned = sign_document(SYNTHETIC_DOC_TYPE, document["payload"], keys["trainer"])
    provenance.write_text(json.dumps({**resigned, "signer": document["signer"]}))
    with pytest.raises(IntegrityError, match="license"):
        _prepare(relabelled, keys, _card(keys, "CC0-1.0"))
    # an edit of the grant id in the signed record breaks its signature
    (tmp_path / "edit").mkdir()
    edited = _table(tmp_path / "edit", keys, source_license="CC-BY-4.0")
    provenance = edited.table.with_suffix(".provenance.json")
    document = json.loads(provenance.read_text())
    document["payload"]["sources"][0]["grant_id"] = "another-grant"
    provenance.write_text(json.dumps(document))
    with pytest.raises(SignatureError):
        _prepare(edited, keys, card)
    assert not (tmp_path / "edit" / "pkg").exists()


def test_a_missing_or_mismatched_provenance_is_refused(tmp_path: Path, keys: dict[str, KeyPair]) -> None:
    synthetic = _table(tmp_path, keys, source_license="CC-BY-4.0")
    table = synthetic.table
    card = _card(keys, "CC-BY-4.0")
    provenance = table.with_suffix(".provenance.json")
    moved = provenance.rename(tmp_path / "elsewhere.json")
    with pytest.raises(InputError) as caught:
        _prepare(synthetic, keys, card)
    assert caught.value.field == "provenance" and caught.value.file == str(provenance)
    assert _prepare(synthetic, keys, card, provenance=moved).block["rows"] == 5
    pd.DataFrame({"text": ["another table"]}).to_parquet(table, index=False)
    with pytest.raises(InputError) as caught:
        _prepare(synthetic, keys, card, provenance=moved)
    assert caught.value.field == "payload.table_sha256" and caught.value.file == str(moved)
    # an edited record (the claimed epsilon lowered) no longer carries its signature
    document = json.loads(moved.read_text())
    document["payload"]["epsilon"] = 0.1
    moved.write_text(json.dumps(document))
    with pytest.raises(SignatureError):
        _prepare(synthetic, keys, card, provenance=moved)


def test_a_synthetic_card_may_not_claim_pii(tmp_path: Path, keys: dict[str, KeyPair]) -> None:
    synthetic = _table(tmp_path, keys, source_license="CC-BY-4.0")
    with pytest.raises(InputError) as caught:
        _prepare(synthetic, keys, _card(keys, "CC-BY-4.0", contains_pii=True))
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
    synthetic = _table(tmp, keys, source_license="CC-BY-4.0")
    publish_synthetic(synthetic.table, card=_card(keys, "CC-BY-4.0"), publisher=keys["trainer"],
                      out=tmp / "pkg", purpose=PURPOSE, **synthetic.options())
    path = tmp / "pkg" / "manifest.json"
    payload = json.loads(path.read_text())["payload"]
    payload["synthetic"][field] = {"epsilon": 0.01, "delta": 1e-9, "model_run_id": "other",
                                   "rows": 4, "ledger_entry": "00" * 32}[field]
    path.write_text(json.dumps(sign_document(MANIFEST_TYPE, payload, keys["trainer"])))
    report = verify_package(tmp / "pkg", raise_on_failure=False)
    assert not report.passed and report.synthetic_check is not None
    assert not report.synthetic_check.passed


def test_cli_publish_synthetic_and_card_show(tmp_path: Path, keys: dict[str, KeyPair],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from dataprotocol.cli.main import main

    synthetic = _table(tmp_path, keys, source_license="CC-BY-SA-4.0")
    table = synthetic.table
    key_path, pub_path = save_keypair(keys["trainer"], tmp_path / "keys")
    card = _card(keys, "CC-BY-SA-4.0").to_dict()
    card["publisher"] = str(pub_path)
    card_path = tmp_path / "card.yaml"
    card_path.write_text(yaml.safe_dump(card))
    base = ["publish", str(table), "--dataset-card", str(card_path), "--key", str(key_path),
            "--synthetic"]
    grant = ["--grant", str(synthetic.grant), "--source-package", str(synthetic.source),
             "--purpose", PURPOSE]
    assert main([*base, *grant, "--out", str(tmp_path / "pkg"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["synthetic"]["epsilon"] == 3.5
    assert out["synthetic"]["grants"][0]["grant_id"] == synthetic.grant_id
    assert main(["card", "show", str(tmp_path / "pkg"), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert "share-alike" in {o["kind"] for o in shown["synthetic"]["obligations"]}
    assert main(["verify", str(tmp_path / "pkg"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["synthetic"]["passed"] is True
    # no grant: bad usage, named
    assert main([*base, "--out", str(tmp_path / "pkg2")]) == 2
    err = capsys.readouterr().err
    assert "--grant" in err and "publish-data" in err and "Traceback" not in err
    assert main(["publish", str(table), "--dataset-card", str(card_path), "--key", str(key_path),
                 *grant, "--out", str(tmp_path / "pkg2")]) == 2  # --grant without --synthetic
    capsys.readouterr()
    table.with_suffix(".provenance.json").unlink()
    assert main([*base, *grant, "--out", str(tmp_path / "pkg2")]) == 2
    err = capsys.readouterr().err
    assert "synthetic.provenance.json" in err and "provenance" in err
    assert not (tmp_path / "pkg2").exists()


def test_cli_refuses_a_grant_without_publish_data(tmp_path: Path, keys: dict[str, KeyPair],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A denial is a decision that said no: exit 1 (DESIGN.md's contract), every reason."""
    from dataprotocol.cli.main import main

    synthetic = _table(tmp_path, keys, source_license="CC-BY-4.0", actions=("read", "train"))
    key_path, pub_path = save_keypair(keys["trainer"], tmp_path / "keys")
    card = _card(keys, "CC-BY-4.0").to_dict()
    card["publisher"] = str(pub_path)
    (tmp_path / "card.yaml").write_text(yaml.safe_dump(card))
    assert main(["publish", str(synthetic.table), "--synthetic", "--dataset-card",
                 str(tmp_path / "card.yaml"), "--key", str(key_path), "--grant", str(synthetic.grant),
                 "--source-package", str(synthetic.source), "--purpose", PURPOSE,
                 "--out", str(tmp_path / "pkg")]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "publish-data" in err and synthetic.grant_id in err and "Traceback" not in err
    assert not (tmp_path / "pkg").exists()
