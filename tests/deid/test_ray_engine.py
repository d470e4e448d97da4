"""``--engine ray``: a real local Ray (2 CPUs), started once for this module.

The Ray engine must give the local engine's output byte for byte (same findings, same
keyed pseudonyms), keep the all-or-nothing and exit-2 contract, and say clearly when
Ray is missing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import ray  # the [ray] extra; part of [all], which CI installs: never a silent skip
import yaml

from dataprotocol.cli import _deid
from dataprotocol.cli.main import main
from tests.deid.conftest import KEY

NOTES = [
    "Call John Smith at 555-010-1234 about the order.",
    "Email jane.doe@example.org before Friday.",
    "患者张伟，45岁，手机13812345678。",
    "",
    "Ann Lee lives at 12 Main Street, Boston; SSN 078-05-1120.",
    "Nothing to see here.",
    "Dr. Maria Garcia (maria.garcia@clinic.example) saw the patient.",
]


@pytest.fixture(scope="module", autouse=True)
def ray_cluster() -> Iterator[None]:
    """One small local Ray for every test here (start-up costs seconds)."""
    ray.init(num_cpus=2, object_store_memory=200 * 1024 * 1024, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(autouse=True)
def shared_pipeline(monkeypatch: pytest.MonkeyPatch, scrubber: Any) -> None:
    """The driver reuses the session's pipeline; the Ray actors build their own."""
    monkeypatch.setattr(_deid, "_build", scrubber.reconfigured)


def _frame(rows: int = 40) -> pd.DataFrame:
    return pd.DataFrame({
        "id": [str(i) for i in range(rows)],
        "note": [NOTES[i % len(NOTES)] for i in range(rows)],
        "email": [f"user{i}@example.org" for i in range(rows)],
    })


def _write(frame: pd.DataFrame, path: Path) -> Path:
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    elif path.suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        frame.to_parquet(path, index=False)
    return path


# CSV through the CLI is test_ray_driver_loads_no_model's; every format in 16-row chunks
# over 2 actors is test_many_chunks_...; these two carry missing cells through the CLI
@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_ray_output_is_byte_identical_to_local(tmp_path: Path, suffix: str, capsys: Any) -> None:
    frame = _frame()
    frame.loc[3, "note"] = None  # missing cells stay missing on both engines
    src = _write(frame, tmp_path / f"in{suffix}")
    (tmp_path / "k.key").write_text(KEY.hex())
    common = ["--text-column", "note", "--pii-column", "email=EMAIL_ADDRESS", "--operator", "pseudonym",
              "--key-file", str(tmp_path / "k.key"), "--batch-size", "4", "--json"]
    local, on_ray = tmp_path / f"local{suffix}", tmp_path / f"ray{suffix}"
    assert main(["scrub", str(src), "--out", str(local), "--processes", "1", *common]) == 0
    local_report = json.loads(capsys.readouterr().out)
    assert main(["scrub", str(src), "--out", str(on_ray), "--engine", "ray", "--ray-actors", "1", *common]) == 0
    ray_report = json.loads(capsys.readouterr().out)
    assert on_ray.read_bytes() == local.read_bytes()
    for name in ("findings", "languages", "unconfigured", "documents", "total"):
        assert ray_report[name] == local_report[name]
    assert local_report["findings"]["EMAIL_ADDRESS"] >= 40  # the comparison is not of two empty files
    from dataprotocol.deid._io import read_frame

    assert not read_frame(on_ray)["note"].astype(str).str.contains("John Smith").any()


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet", ".txt"])
def test_many_chunks_stream_in_input_order_and_match_local(tmp_path: Path, keyed: Any, suffix: str) -> None:
    """Chunks of 8 rows: 150 rows are 19 Ray blocks (over 2 actors for CSV and text, 1 for
    the others: each actor builds a scrubber), and the output keeps the input's order (each
    row carries its own id and e-mail) and the local engine's bytes."""
    from dataprotocol.deid import scrub_file

    rows = 150
    frame = _frame(rows)
    if suffix == ".txt":
        src = tmp_path / "in.txt"
        src.write_text("\n".join(f"row {i}: {NOTES[i % len(NOTES)]}" for i in range(rows)), encoding="utf-8")
        options: dict[str, Any] = {}
    else:
        src = _write(frame, tmp_path / f"in{suffix}")
        options = {"text_columns": ["note"], "pii_columns": {"email": "EMAIL_ADDRESS"}}
    options["chunk_rows"] = 8
    local = scrub_file(keyed, src, tmp_path / f"local{suffix}", batch_size=4, n_process=1, **options)
    on_ray = scrub_file(keyed, src, tmp_path / f"ray{suffix}", batch_size=4, engine="ray",
                        ray_actors=2 if suffix in (".csv", ".txt") else 1, **options)
    assert (tmp_path / f"ray{suffix}").read_bytes() == (tmp_path / f"local{suffix}").read_bytes()
    assert (on_ray.findings, on_ray.languages, on_ray.documents) == (local.findings, local.languages, rows)
    if suffix == ".txt":
        lines = (tmp_path / "ray.txt").read_text(encoding="utf-8").split("\n")
        assert [line.split(":")[0] for line in lines] == [f"row {i}" for i in range(rows)]
        return
    from dataprotocol.deid._io import read_frame

    out = read_frame(tmp_path / f"ray{suffix}")
    assert out["id"].tolist() == [str(i) for i in range(rows)]  # input order, row by row
    assert out["email"].nunique() == rows and not out["email"].str.contains("@").any()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        assert pq.ParquetFile(tmp_path / "ray.parquet").metadata.num_row_groups == 19  # one per chunk


def test_ray_driver_loads_no_model(tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The actors build the scrubbers; the driver needs only the config (no spaCy load)."""
    from dataprotocol.deid import Scrubber

    src = _write(_frame(), tmp_path / "in.csv")
    (tmp_path / "k.key").write_text(KEY.hex())
    common = ["--text-column", "note", "--operator", "pseudonym", "--key-file", str(tmp_path / "k.key"), "--json"]
    assert main(["scrub", str(src), "--out", str(tmp_path / "local.csv"), "--processes", "1", *common]) == 0
    local = json.loads(capsys.readouterr().out)

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the driver built a scrubber")

    monkeypatch.setattr(_deid, "_build", refuse)
    monkeypatch.setattr(Scrubber, "__init__", refuse)  # in this process only: the actors are others
    assert main(["scrub", str(src), "--out", str(tmp_path / "ray.csv"), "--engine", "ray", "--ray-actors", "2",
                 *common]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == local["findings"]
    assert (tmp_path / "ray.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()


def test_pipeline_missing_on_the_actors_is_exit_2(tmp_path: Path, capsys: Any) -> None:
    # the driver no longer loads the model, so the actors' error must come back as one
    src, out = _write(_frame(5), tmp_path / "in.csv"), tmp_path / "out.csv"
    code = main(["scrub", str(src), "--out", str(out), "--engine", "ray", "--ray-actors", "1",
                 "--model", "xx_no_such_pipeline"])
    err = capsys.readouterr().err
    assert code == 2 and "xx_no_such_pipeline" in err and "not installed" in err and "Traceback" not in err
    assert not out.exists()


def test_processes_with_ray_and_ray_actors_with_local_are_exit_2(tmp_path: Path, capsys: Any) -> None:
    src, out = _write(_frame(5), tmp_path / "in.csv"), tmp_path / "out.csv"
    assert main(["scrub", str(src), "--out", str(out), "--engine", "ray", "--processes", "2"]) == 2
    assert "--ray-actors" in capsys.readouterr().err
    assert main(["scrub", str(src), "--out", str(out), "--ray-actors", "2"]) == 2
    assert "--engine ray" in capsys.readouterr().err
    assert main(["scrub", str(src), "--out", str(out), "--engine", "ray", "--ray-actors", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err and not out.exists()


def test_error_inside_a_ray_actor_is_exit_2_and_writes_nothing(tmp_path: Path, capsys: Any) -> None:
    german = "Sehr geehrte Frau Müller, Ihre Bestellung wird morgen an die Hauptstraße 5 geliefert."
    frame = pd.DataFrame({"note": ["Call Ann Lee at 555-123-4567, thanks."] * 9 + [german]})
    src, out = _write(frame, tmp_path / "in.csv"), tmp_path / "out.csv"
    code = main(["scrub", str(src), "--out", str(out), "--engine", "ray", "--ray-actors", "1",
                 "--batch-size", "2", "--strict"])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists() and list(tmp_path.iterdir()) == [src]
    assert "document 9" in err and "'de'" in err and "Müller" not in err and "Traceback" not in err


def test_unknown_column_is_refused_before_ray_runs(tmp_path: Path, capsys: Any) -> None:
    src, out = _write(_frame(5), tmp_path / "in.csv"), tmp_path / "out.csv"
    assert main(["scrub", str(src), "--out", str(out), "--engine", "ray", "--text-column", "nope"]) == 2
    assert "nope" in capsys.readouterr().err and not out.exists()


def test_unknown_engine_and_missing_ray_are_exit_2(tmp_path: Path, capsys: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = _write(_frame(5), tmp_path / "in.csv"), tmp_path / "out.csv"
    assert main(["scrub", str(src), "--out", str(out), "--engine", "spark"]) == 2
    assert "unknown engine 'spark'" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "ray", None)  # what an install without the extra sees
    monkeypatch.setitem(sys.modules, "ray.data", None)
    assert main(["scrub", str(src), "--out", str(out), "--engine", "ray"]) == 2
    err = capsys.readouterr().err
    assert "needs Ray Data" in err and "dataprotocol[ray]" in err and "Traceback" not in err
    assert not out.exists()


# -- publish ----------------------------------------------------------------------
def _world(tmp_path: Path) -> dict[str, Path]:
    from dataprotocol.keys import generate_keypair, save_keypair

    save_keypair(generate_keypair("steward"), tmp_path)
    save_keypair(generate_keypair("partner"), tmp_path)
    card = {"dataset_id": "clinic-notes", "version": "1", "title": "Clinic notes", "license": "CC-BY-4.0",
            "attribution": {"creator": "Example Hospital", "source": "https://example.org"},
            "purposes": ["health-research"], "contains_pii": True, "budget": {"epsilon": 8.0, "delta": 1e-5},
            "publisher": "steward.pub"}
    (tmp_path / "card.yaml").write_text(yaml.safe_dump(card), encoding="utf-8")
    (tmp_path / "pseudonym.key").write_text(KEY.hex(), encoding="utf-8")
    _write(_frame(), tmp_path / "in.csv")
    return {"dir": tmp_path, "card": tmp_path / "card.yaml", "input": tmp_path / "in.csv",
            "key": tmp_path / "steward.key", "partner": tmp_path / "partner.key",
            "partner_pub": tmp_path / "partner.pub"}


def _publish(w: dict[str, Path], out: Path, *extra: str) -> int:
    return main(["publish", str(w["input"]), "--dataset-card", str(w["card"]), "--key", str(w["key"]),
                 "--out", str(out), "--text-column", "note", "--pii-column", "email=EMAIL_ADDRESS",
                 "--pseudonym-key", str(w["dir"] / "pseudonym.key"), "--rows-per-shard", "15", "--json",
                 *extra])


def _open_rows(w: dict[str, Path], package: Path) -> pd.DataFrame:
    from dataprotocol.keys import load_keypair
    from dataprotocol.package import issue_package_grant, open_package
    from tests.package.conftest import in_a_week

    steward, partner = load_keypair(w["key"]), load_keypair(w["partner"])
    grant = issue_package_grant(package, issuer=steward, grantee=partner.public, actions=["read"],
                                purposes=["health-research"], not_after=in_a_week())
    return open_package(package, grant=grant, key=partner, purpose="health-research").to_pandas()


def test_publish_on_ray_verifies_and_opens_to_the_local_rows(tmp_path: Path, capsys: Any) -> None:
    w = _world(tmp_path)
    assert _publish(w, tmp_path / "local") == 0
    local = json.loads(capsys.readouterr().out)
    assert _publish(w, tmp_path / "ray", "--engine", "ray", "--ray-actors", "1") == 0
    on_ray = json.loads(capsys.readouterr().out)
    assert on_ray["scrub"] == local["scrub"] and on_ray["rows"] == local["rows"] == 40
    assert on_ray["shards"] == local["shards"] == 3
    assert main(["verify", str(tmp_path / "ray")]) == 0
    rows = _open_rows(w, tmp_path / "ray")
    pd.testing.assert_frame_equal(rows, _open_rows(w, tmp_path / "local"))
    assert local["scrub"]["entities"]["EMAIL_ADDRESS"] >= 40
    assert not rows["note"].str.contains("John Smith").any()


def test_publish_on_ray_error_leaves_no_package(tmp_path: Path, capsys: Any) -> None:
    w = _world(tmp_path)
    german = "Sehr geehrte Frau Müller, Ihre Bestellung wird morgen an die Hauptstraße 5 geliefert."
    _write(pd.DataFrame({"note": ["Call Ann Lee at 555-123-4567."] * 5 + [german],
                         "email": ["a@example.org"] * 6}), w["input"])
    from dataprotocol.deid import ScrubConfig
    from dataprotocol.errors import InputError
    from dataprotocol.keys import load_keypair
    from dataprotocol.package import publish
    from dataprotocol.policy import load_dataset_card

    config = ScrubConfig(strict=True)

    class _ConfigOnly:  # publish(engine="ray") reads only .config; the actors build scrubbers
        pass

    holder = _ConfigOnly()
    holder.config = config  # type: ignore[attr-defined]
    with pytest.raises(InputError, match="language 'de'"):
        publish(w["input"], card=load_dataset_card(w["card"]), publisher=load_keypair(w["key"]),
                out=tmp_path / "pkg", text_columns=["note"], scrubber=holder, engine="ray")
    assert not (tmp_path / "pkg").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("pkg")] == []
