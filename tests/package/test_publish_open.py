"""publish -> issue_package_grant -> open_package, through real keys, cards and grants."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dataprotocol.errors import DecryptionError, InputError, IntegrityError, PolicyDenied
from dataprotocol.keys import KeyPair, generate_keypair
from dataprotocol.package import open_package, publish, read_manifest, verify_package
from dataprotocol.package._read import read_shard
from dataprotocol.package._storage import locate
from dataprotocol.package._wrap import unwrap_key, wrap_context
from dataprotocol.policy import DatasetCard

from .conftest import PURPOSE, grant_for, make_card, sample_frame

SEG = 64 * 1024


def test_round_trip_all_shards(package_3: Path, publisher: KeyPair, grantee: KeyPair) -> None:
    handle = open_package(package_3, grant=grant_for(package_3, publisher, grantee), key=grantee,
                          purpose=PURPOSE)
    assert handle.shards == (0, 1, 2) and handle.decision.allowed
    pd.testing.assert_frame_equal(handle.to_pandas(), sample_frame())
    streamed = pd.concat(list(handle.iter_batches(batch_size=4)), ignore_index=True)
    pd.testing.assert_frame_equal(streamed, sample_frame())
    dataset = handle.to_dataset()
    assert dataset.num_rows == 30 and dataset[0]["note"] == "patient-note-0000 héllo ✓"
    assert handle.card.dataset_id == "clinic-notes"
    assert handle.decision.grant is not None
    assert handle.decision.grant.manifest_id == handle.manifest.manifest_id


def test_manifest_content(package_3: Path, card: DatasetCard) -> None:
    manifest = read_manifest(str(package_3))
    assert [s.rows for s in manifest.shards] == [10, 10, 10] and manifest.rows == 30
    assert manifest.card == card
    assert [f["name"] for f in manifest.schema["fields"]] == ["id", "note", "score", "flag"]
    assert manifest.encryption["aead"] == "AES-256-GCM" and manifest.encryption["segment_size"] == SEG
    assert manifest.scrub is None
    for entry in manifest.shards:
        assert (package_3 / entry.path).stat().st_size == entry.ciphertext_size
    document = json.loads((package_3 / "manifest.json").read_text(encoding="utf-8"))
    assert document["type"] == "dataprotocol-manifest/1"
    # nothing half-written: no staging folder left next to the package
    assert [p.name for p in package_3.parent.iterdir() if p.name.startswith(".")] == []


def test_grant_for_two_shards_cannot_read_the_third(package_3: Path, publisher: KeyPair,
                                                    grantee: KeyPair) -> None:
    grant = grant_for(package_3, publisher, grantee, shards=[0, 1])
    handle = open_package(package_3, grant=grant, key=grantee, purpose=PURPOSE)
    assert handle.shards == (0, 1) and len(handle.to_pandas()) == 20
    with pytest.raises(PolicyDenied):
        open_package(package_3, grant=grant, key=grantee, purpose=PURPOSE, shards=[2])
    keys = grant["payload"]["attachments"]["wrapped_keys"]["keys"]
    assert set(keys) == {"0", "1"}
    # even a key the grantee does hold opens nothing but its own shard
    manifest = read_manifest(str(package_3))
    key0 = unwrap_key(keys["0"], grantee.encryption_key, context=wrap_context(
        package_id=manifest.package_id, shard=0, recipient_key_id=grantee.key_id))
    with pytest.raises(DecryptionError):
        read_shard(locate(package_3), manifest, 2, key0)


def test_other_principal_gets_nothing(package_3: Path, publisher: KeyPair, grantee: KeyPair,
                                      outsider: KeyPair) -> None:
    grant = grant_for(package_3, publisher, grantee)
    with pytest.raises(PolicyDenied):
        open_package(package_3, grant=grant, key=outsider, purpose=PURPOSE)
    manifest = read_manifest(str(package_3))
    for index, token in grant["payload"]["attachments"]["wrapped_keys"]["keys"].items():
        for key_id in (grantee.key_id, outsider.key_id):
            context = wrap_context(package_id=manifest.package_id, shard=int(index), recipient_key_id=key_id)
            with pytest.raises(DecryptionError):
                unwrap_key(token, outsider.encryption_key, context=context)
    for token in manifest.publisher_keys.values():  # nor the publisher's own copies
        with pytest.raises(DecryptionError):
            unwrap_key(token, grantee.encryption_key, context=b"")


def test_wrong_purpose_is_denied(package_3: Path, publisher: KeyPair, grantee: KeyPair) -> None:
    with pytest.raises(PolicyDenied):
        open_package(package_3, grant=grant_for(package_3, publisher, grantee), key=grantee,
                     purpose="clinical-care")


def test_only_the_publisher_can_grant(package_3: Path, publisher: KeyPair, grantee: KeyPair,
                                      outsider: KeyPair) -> None:
    with pytest.raises(InputError, match="publisher"):
        grant_for(package_3, outsider, grantee)
    for bad in ([], [3], [-1]):
        with pytest.raises(InputError, match="shard"):
            grant_for(package_3, publisher, grantee, shards=bad)


def test_regranting_never_reencrypts(package_3: Path, publisher: KeyPair, grantee: KeyPair,
                                     outsider: KeyPair) -> None:
    before = {p.name: p.read_bytes() for p in (package_3 / "shards").iterdir()}
    manifest_before = (package_3 / "manifest.json").read_bytes()
    for who in (grantee, outsider, grantee):
        grant_for(package_3, publisher, who, shards=[1])
    assert {p.name: p.read_bytes() for p in (package_3 / "shards").iterdir()} == before
    assert (package_3 / "manifest.json").read_bytes() == manifest_before


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_input_formats_and_rows_per_shard(tmp_path: Path, fmt: str, card: DatasetCard,
                                          publisher: KeyPair, grantee: KeyPair) -> None:
    frame = sample_frame(25)
    source = tmp_path / f"in.{fmt}"
    if fmt == "csv":
        frame.to_csv(source, index=False)
    elif fmt == "jsonl":
        frame.to_json(source, orient="records", lines=True, force_ascii=False)
    else:
        frame.to_parquet(source, index=False)
    manifest = publish(source, card=card, publisher=publisher, out=tmp_path / "pkg", rows_per_shard=10)
    assert [s.rows for s in manifest.shards] == [10, 10, 5]
    handle = open_package(tmp_path / "pkg", grant=grant_for(tmp_path / "pkg", publisher, grantee),
                          key=grantee, purpose=PURPOSE)
    pd.testing.assert_frame_equal(handle.to_pandas(), frame, check_dtype=False)


def test_more_shards_than_rows_and_empty_input(tmp_path: Path, card: DatasetCard,
                                               publisher: KeyPair, grantee: KeyPair) -> None:
    source = tmp_path / "in.csv"
    sample_frame(2).to_csv(source, index=False)
    # more shards than rows: refused before anything is written (1,000,000 empty shards
    # of a 2-row file used to run for minutes)
    with pytest.raises(InputError, match="3 shards for 2 rows"):
        publish(source, card=card, publisher=publisher, out=tmp_path / "a", shards=3)
    assert not (tmp_path / "a").exists()
    manifest = publish(source, card=card, publisher=publisher, out=tmp_path / "a", shards=2)
    assert [s.rows for s in manifest.shards] == [1, 1]
    handle = open_package(tmp_path / "a", grant=grant_for(tmp_path / "a", publisher, grantee),
                          key=grantee, purpose=PURPOSE)
    assert handle.to_pandas()["id"].tolist() == [0, 1]
    empty = tmp_path / "empty.parquet"
    sample_frame(0).to_parquet(empty, index=False)
    manifest = publish(empty, card=card, publisher=publisher, out=tmp_path / "b")
    assert len(manifest.shards) == 1 and manifest.rows == 0
    handle = open_package(tmp_path / "b", grant=grant_for(tmp_path / "b", publisher, grantee),
                          key=grantee, purpose=PURPOSE)
    assert list(handle.to_pandas().columns) == ["id", "note", "score", "flag"]


def test_bad_inputs(tmp_path: Path, csv_input: Path, card: DatasetCard, publisher: KeyPair,
                    outsider: KeyPair) -> None:
    with pytest.raises(InputError, match="publisher"):
        publish(csv_input, card=card, publisher=outsider, out=tmp_path / "x")
    with pytest.raises(InputError, match="either"):
        publish(csv_input, card=card, publisher=publisher, out=tmp_path / "x", shards=2, rows_per_shard=3)
    with pytest.raises(InputError, match="format"):
        publish(tmp_path / "in.xlsx", card=card, publisher=publisher, out=tmp_path / "x")
    with pytest.raises(InputError, match="not found"):
        publish(tmp_path / "missing.csv", card=card, publisher=publisher, out=tmp_path / "x")
    with pytest.raises(InputError, match="no column"):
        publish(csv_input, card=card, publisher=publisher, out=tmp_path / "x", text_columns=["nope"])
    publish(csv_input, card=card, publisher=publisher, out=tmp_path / "x")
    with pytest.raises(InputError, match="already exists"):
        publish(csv_input, card=card, publisher=publisher, out=tmp_path / "x")
    assert not (tmp_path / "y").exists()


def test_verify_package_reports_and_raises(package_3: Path) -> None:
    report = verify_package(package_3)
    assert report.passed and len(report.shards) == 3
    with open(package_3 / "shards" / "shard-00001.dps", "ab") as handle:
        handle.write(b"!")
    with pytest.raises(IntegrityError, match="shard-00001"):
        verify_package(package_3)
    report = verify_package(package_3, raise_on_failure=False)
    assert [c.passed for c in report.shards] == [True, False, True]
    with pytest.raises(IntegrityError, match="expected"):
        verify_package(package_3, publisher=generate_keypair("someone").public)


def test_fsspec_memory_filesystem(csv_input: Path, card: DatasetCard, publisher: KeyPair,
                                  grantee: KeyPair) -> None:
    import uuid

    import fsspec

    base = f"memory://dataprotocol-test-{uuid.uuid4().hex}"
    url = f"{base}/pkg"
    with fsspec.open(f"{base}/in.csv", "wb") as handle:  # the input can be a URL too
        handle.write(csv_input.read_bytes())
    publish(f"{base}/in.csv", card=card, publisher=publisher, out=url, shards=2)
    assert verify_package(url).passed
    handle = open_package(url, grant=grant_for(url, publisher, grantee), key=grantee, purpose=PURPOSE)
    pd.testing.assert_frame_equal(handle.to_pandas(), sample_frame())


def test_card_from_another_dataset_cannot_reuse_grant(tmp_path: Path, csv_input: Path, publisher: KeyPair,
                                                      grantee: KeyPair) -> None:
    publish(csv_input, card=make_card(publisher, dataset_id="a"), publisher=publisher, out=tmp_path / "a")
    publish(csv_input, card=make_card(publisher, dataset_id="b"), publisher=publisher, out=tmp_path / "b")
    grant_a = grant_for(tmp_path / "a", publisher, grantee)
    with pytest.raises(IntegrityError):
        open_package(tmp_path / "b", grant=grant_a, key=grantee, purpose=PURPOSE)


def test_revoked_grant_is_denied_and_decision_logged(package_3: Path, publisher: KeyPair, grantee: KeyPair,
                                                     tmp_path: Path) -> None:
    from dataprotocol.policy import revoke_grants

    grant = grant_for(package_3, publisher, grantee)
    log = tmp_path / "decisions.jsonl"
    open_package(package_3, grant=grant, key=grantee, purpose=PURPOSE, log_path=log)
    revoked = revoke_grants(publisher, [grant["payload"]["grant_id"]], reason="test")
    with pytest.raises(PolicyDenied, match="revoked"):
        open_package(package_3, grant=grant, key=grantee, purpose=PURPOSE, revocations=revoked, log_path=log)
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2


def test_batches_split_across_shard_boundaries(tmp_path: Path, card: DatasetCard, publisher: KeyPair,
                                               grantee: KeyPair) -> None:
    frame = pd.DataFrame({"n": range(150_000), "s": [f"row {i}" for i in range(150_000)]})
    frame.to_parquet(tmp_path / "big.parquet", index=False)  # read back in 65,536-row batches
    manifest = publish(tmp_path / "big.parquet", card=card, publisher=publisher, out=tmp_path / "pkg",
                       rows_per_shard=40_000)
    assert [s.rows for s in manifest.shards] == [40_000, 40_000, 40_000, 30_000]
    handle = open_package(tmp_path / "pkg", grant=grant_for(tmp_path / "pkg", publisher, grantee,
                                                            shards=[1, 3]), key=grantee, purpose=PURPOSE)
    got = handle.to_pandas()
    assert got["n"].tolist() == list(range(40_000, 80_000)) + list(range(120_000, 150_000))
    assert sum(len(b) for b in handle.iter_batches(batch_size=10_000)) == 70_000


class _FailingScrubber:
    """Scrubs the first batch, then fails: publish must leave nothing behind."""

    def __init__(self) -> None:
        self.calls = 0

    def scrub_frame(self, frame: pd.DataFrame, **_: object) -> tuple[pd.DataFrame, dict[str, int]]:
        self.calls += 1
        if self.calls > 1:
            raise RuntimeError("scrubber crashed")
        return frame, {}


def test_failed_publish_leaves_nothing(tmp_path: Path, card: DatasetCard, publisher: KeyPair) -> None:
    pd.DataFrame({"n": range(150_000)}).to_parquet(tmp_path / "in.parquet", index=False)
    with pytest.raises(RuntimeError):
        publish(tmp_path / "in.parquet", card=card, publisher=publisher, out=tmp_path / "pkg",
                rows_per_shard=50_000, scrubber=_FailingScrubber())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]


def test_csv_type_drift_after_inference_is_an_input_error(tmp_path: Path, card: DatasetCard,
                                                          publisher: KeyPair) -> None:
    source = tmp_path / "drift.csv"
    with open(source, "w", encoding="utf-8") as handle:
        handle.write("n\n" + "123456789\n" * 1_000_000 + "not a number\n")  # > 8 MiB of ints first
    with pytest.raises(InputError, match="drift.csv"):
        publish(source, card=card, publisher=publisher, out=tmp_path / "pkg")
    assert not (tmp_path / "pkg").exists()
