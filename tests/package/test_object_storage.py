"""Packages on object storage: publish -> verify -> grant -> open -> train on s3:// URLs,
against a real S3-compatible HTTP server (moto's standalone server, tests/_s3.py) through
fsspec/s3fs; tampering with an object on the server is caught like a local file; the
credentials (from the environment only) end up in no object, card, model file or log."""

from __future__ import annotations

import json
import logging
import uuid
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from dataprotocol.cli.main import main
from dataprotocol.keys import generate_keypair, save_keypair
from tests._s3 import ACCESS_KEY, SECRET_KEY

pytest.importorskip("s3fs")
PURPOSE = "nlp-research"


@pytest.fixture(scope="module")
def s3_server():
    from tests._s3 import start_server

    yield from start_server()


@pytest.fixture
def bucket(s3_server, monkeypatch) -> str:
    """A fresh bucket; credentials and endpoint only in the environment (the usual way)."""
    import fsspec

    for name, value in s3_server.env().items():
        monkeypatch.setenv(name, value)
    fsspec.AbstractFileSystem.clear_instance_cache()  # s3fs caches clients per process
    name = "pkg-" + uuid.uuid4().hex[:10]
    s3_server.client().create_bucket(Bucket=name)
    yield name
    fsspec.AbstractFileSystem.clear_instance_cache()


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    from tests.train.conftest import make_tiny_model

    return make_tiny_model(tmp_path_factory.mktemp("tiny-bert"))


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    from tests.train.conftest import make_texts

    save_keypair(generate_keypair("steward"), tmp_path)
    save_keypair(generate_keypair("partner"), tmp_path)
    card = {"dataset_id": "reviews", "version": "1", "title": "Tiny reviews",
            "license": "CC-BY-4.0", "purposes": [PURPOSE], "contains_pii": False,
            "attribution": {"creator": "Example Lab", "source": "https://example.org"},
            "budget": {"epsilon": 8.0, "delta": 1e-5}, "publisher": "steward.pub",
            "categories": {"label": ["neg", "pos"]}}
    (tmp_path / "card.yaml").write_text(yaml.safe_dump(card), encoding="utf-8")
    texts, labels = make_texts(64, seed=3)
    pd.DataFrame({"text": texts, "label": ["pos" if y else "neg" for y in labels]}
                 ).to_csv(tmp_path / "in.csv", index=False)
    return {"dir": tmp_path, "card": tmp_path / "card.yaml", "input": tmp_path / "in.csv",
            "key": tmp_path / "steward.key", "partner": tmp_path / "partner.key",
            "partner_pub": tmp_path / "partner.pub", "grant": tmp_path / "grant.json"}


def _publish_and_grant(world: dict[str, Path], url: str, capsys: Any) -> None:
    assert main(["publish", str(world["input"]), "--dataset-card", str(world["card"]),
                 "--key", str(world["key"]), "--out", url, "--shards", "2",
                 "--ledger", str(world["dir"] / "ledger.sqlite"), "--json"]) == 0
    assert main(["grant", "issue", url, "--to", str(world["partner_pub"]), "--key",
                 str(world["key"]), "--action", "read", "--action", "train", "--purpose",
                 PURPOSE, "--until", "2099-01-01", "--out", str(world["grant"])]) == 0


def _objects(s3_server: Any, bucket: str) -> dict[str, bytes]:
    client = s3_server.client()
    keys = [o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])]
    return {k: client.get_object(Bucket=bucket, Key=k)["Body"].read() for k in keys}


@pytest.mark.slow
def test_publish_verify_grant_open_train_round_trip_on_s3(
        world, bucket, s3_server, tiny_model, capsys, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    url = f"s3://{bucket}/releases/reviews-v1"
    _publish_and_grant(world, url, capsys)
    objects = _objects(s3_server, bucket)
    prefix = "releases/reviews-v1/"
    assert sorted(objects) == [prefix + "README.md", prefix + "manifest.json", prefix + "revocations.json",
                               prefix + "shards/shard-00000.dps", prefix + "shards/shard-00000.segs",
                               prefix + "shards/shard-00001.dps", prefix + "shards/shard-00001.segs"]
    # nothing else (README: a Hub card, no data; .segs: each shard's segment digest list)
    capsys.readouterr()  # publish and grant printed their own lines
    assert main(["verify", url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["passed"] is True
    opened = world["dir"] / "rows.csv"
    assert main(["open", url, "--grant", str(world["grant"]), "--key", str(world["partner"]),
                 "--purpose", PURPOSE, "--out", str(opened)]) == 0
    pd.testing.assert_frame_equal(pd.read_csv(opened), pd.read_csv(world["input"]))
    model = world["dir"] / "model"
    assert main(["train", url, "--grant", str(world["grant"]), "--key", str(world["partner"]),
                 "--purpose", PURPOSE, "--model", str(tiny_model), "--text-column", "text",
                 "--label-column", "label", "--out", str(model), "--target-epsilon", "3",
                 "--batch-size", "16", "--max-length", "16", "--seed", "0", "--no-progress",
                 "--ledger", str(world["dir"] / "ledger.sqlite"), "--json"]) == 0
    privacy = json.loads((model / "privacy.json").read_text())
    assert privacy["payload"]["data"][0]["dataset_id"] == "reviews"
    # credentials: nowhere in the package objects, the model directory, the output or logs
    written = b"".join(_objects(s3_server, bucket).values())
    written += b"".join(p.read_bytes() for p in model.rglob("*") if p.is_file())
    captured = capsys.readouterr()
    logs = caplog.text + captured.out + captured.err
    assert SECRET_KEY.encode() not in written and ACCESS_KEY.encode() not in written
    assert SECRET_KEY not in logs  # (botocore's own DEBUG log names the access key id)
    dataprotocol_logs = " ".join(r.getMessage() for r in caplog.records
                                 if r.name.startswith("dataprotocol"))
    assert ACCESS_KEY not in dataprotocol_logs + captured.out + captured.err


def test_a_tampered_object_on_the_server_is_caught(world, bucket, s3_server, capsys) -> None:
    url = f"s3://{bucket}/pkg"
    _publish_and_grant(world, url, capsys)
    capsys.readouterr()
    client = s3_server.client()
    shard = next(k for k in _objects(s3_server, bucket) if k.startswith("pkg/shards/") and k.endswith(".dps"))
    body = bytearray(client.get_object(Bucket=bucket, Key=shard)["Body"].read())
    body[len(body) // 2] ^= 0x01  # one bit, same size
    client.put_object(Bucket=bucket, Key=shard, Body=bytes(body))
    import fsspec

    fsspec.AbstractFileSystem.clear_instance_cache()
    assert main(["verify", url, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] is False
    assert main(["open", url, "--grant", str(world["grant"]), "--key", str(world["partner"]),
                 "--purpose", PURPOSE, "--out", str(world["dir"] / "rows.csv")]) == 1
    err = capsys.readouterr().err  # format 2: the read refuses the changed segment (sizes match)
    assert "DecryptionError" in err and shard in err
    assert not (world["dir"] / "rows.csv").exists()


def test_a_tampered_segment_list_object_on_the_server_is_caught(world, bucket, s3_server, capsys) -> None:
    url = f"s3://{bucket}/pkg-segs"
    _publish_and_grant(world, url, capsys)
    capsys.readouterr()
    client = s3_server.client()
    sidecar = next(k for k in _objects(s3_server, bucket) if k.startswith("pkg-segs/shards/")
                   and k.endswith(".segs"))
    body = bytearray(client.get_object(Bucket=bucket, Key=sidecar)["Body"].read())
    body[0] ^= 0x01
    client.put_object(Bucket=bucket, Key=sidecar, Body=bytes(body))
    import fsspec

    fsspec.AbstractFileSystem.clear_instance_cache()
    assert main(["open", url, "--grant", str(world["grant"]), "--key", str(world["partner"]),
                 "--purpose", PURPOSE, "--out", str(world["dir"] / "rows-segs.csv")]) == 1
    err = capsys.readouterr().err
    assert "IntegrityError" in err and sidecar.removeprefix("pkg-segs/") in err
    assert not (world["dir"] / "rows-segs.csv").exists()


def test_grant_issue_and_check_take_a_package_url(world, bucket, capsys) -> None:
    url = f"s3://{bucket}/pkg"
    _publish_and_grant(world, url, capsys)  # grant issue on the URL (was a local is_dir check)
    grant = json.loads(world["grant"].read_text())
    assert grant["payload"]["dataset_id"] == "reviews"
    capsys.readouterr()
    assert main(["check", url, "--grant", str(world["grant"]), "--action", "read",
                 "--purpose", PURPOSE, "--as", str(world["partner_pub"]), "--no-log",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["allowed"] is True
