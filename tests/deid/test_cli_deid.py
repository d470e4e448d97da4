"""``dataprotocol scrub`` / ``deid ...``: exit codes, no partial output, counts only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dataprotocol.cli import _deid
from dataprotocol.cli.main import main
from tests.deid.conftest import KEY

ROWS = [{"id": 1, "note": "Ann Lee called from 555-123-4567.", "email": "ann@example.org"},
        {"id": 2, "note": "Bob Stone lives at 42 Elm Street.", "email": "bob@example.org"}]


@pytest.fixture(autouse=True)
def shared_pipeline(monkeypatch: pytest.MonkeyPatch, scrubber: Any) -> None:
    """Every CLI call reuses the session's loaded spaCy pipeline (only operators differ)."""
    monkeypatch.setattr(_deid, "_build", scrubber.reconfigured)


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "deid.key"
    path.write_text(KEY.hex())
    return path


def _jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_scrub_csv_with_pii_column_and_report(tmp_path: Path, key_file: Path, capsys: Any) -> None:
    src, out, report = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "report.json"
    pd.DataFrame(ROWS).to_csv(src, index=False)
    code = main(["scrub", str(src), "--out", str(out), "--text-column", "note", "--pii-column",
                 "email=EMAIL_ADDRESS", "--operator", "pseudonym", "--key-file", str(key_file),
                 "--report", str(report)])
    assert code == 0
    frame = pd.read_csv(out)
    assert frame["email"].str.startswith("EMAIL_ADDRESS_").all()
    assert not frame["note"].str.contains("Ann Lee|555-123-4567|42 Elm Street").any()
    saved = report.read_text()
    assert json.loads(saved)["findings"]["EMAIL_ADDRESS"] == 2
    assert "Ann" not in saved and "example.org" not in saved  # counts, never PII
    assert "EMAIL_ADDRESS" in capsys.readouterr().out


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet", ".txt"])
def test_scrub_other_formats(tmp_path: Path, suffix: str, capsys: Any) -> None:
    src, out = tmp_path / f"in{suffix}", tmp_path / f"out{suffix}"
    if suffix == ".jsonl":
        _jsonl(src, ROWS)
    elif suffix == ".parquet":
        pd.DataFrame(ROWS).to_parquet(src)
    else:
        src.write_text("\n".join(r["note"] for r in ROWS) + "\n")
    assert main(["scrub", str(src), "--out", str(out), "--json"] +
                (["--text-column", "note"] if suffix != ".txt" else [])) == 0
    assert json.loads(capsys.readouterr().out)["findings"]["PERSON"] == 2
    body = out.read_bytes()
    assert b"Ann Lee" not in body and b"Bob Stone" not in body


@pytest.mark.parametrize(("name", "content", "extra", "message"), [
    ("in.csv", "id,note\n1,hello\n", ["--text-column", "nope"], "unknown column"),
    ("in.csv", b"id,note\n1,caf\xe9\n", [], "not valid UTF-8"),
    ("in.jsonl", "", [], "empty"),
    ("in.jsonl", "{not json}\n", [], "malformed JSON"),
    ("missing.csv", None, [], "not found"),
    ("in.csv", "id,note\n1,x\n", ["--pii-column", "note"], "NAME=VALUE"),
    ("in.xlsx", "x", [], "unsupported"),
])
def test_bad_input_exit_2_and_no_output(tmp_path: Path, capsys: Any, name: str, content: Any,
                                        extra: list[str], message: str) -> None:
    src = tmp_path / name
    if isinstance(content, bytes):
        src.write_bytes(content)
    elif content is not None:
        src.write_text(content)
    out = tmp_path / ("out" + src.suffix)
    assert main(["scrub", str(src), "--out", str(out), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_encrypt_then_reveal_and_tamper(tmp_path: Path, key_file: Path, capsys: Any) -> None:
    src, out, back = tmp_path / "in.txt", tmp_path / "out.txt", tmp_path / "back.txt"
    src.write_text("Call Ann Lee at 555-123-4567.")
    assert main(["scrub", str(src), "--out", str(out), "--operator", "encrypt", "--key-file", str(key_file)]) == 0
    scrubbed = out.read_text()
    assert "Ann Lee" not in scrubbed and "<ENC:PERSON:" in scrubbed
    assert main(["deid", "reveal", str(out), "--key-file", str(key_file), "--out", str(back)]) == 0
    assert back.read_text() == src.read_text()
    i = scrubbed.index("<ENC:PERSON:") + 15
    out.write_text(scrubbed[:i] + ("A" if scrubbed[i] != "A" else "B") + scrubbed[i + 1:])
    back.unlink()
    assert main(["deid", "reveal", str(out), "--key-file", str(key_file), "--out", str(back)]) == 1
    assert "DecryptionError" in capsys.readouterr().err and not back.exists()


def test_verify_exit_codes(tmp_path: Path, capsys: Any) -> None:
    clean, dirty = tmp_path / "clean.txt", tmp_path / "dirty.txt"
    clean.write_text("Call <PERSON> at <PHONE_NUMBER> or PERSON_1a2b3c4d.\n")
    dirty.write_text("Call Ann Lee at 555-123-4567.\n")
    assert main(["deid", "verify", str(clean)]) == 0
    assert main(["deid", "verify", str(dirty)]) == 1
    assert "PHONE_NUMBER" in capsys.readouterr().out


def test_verify_applies_the_scrub_config(tmp_path: Path, capsys: Any) -> None:
    kept, config = tmp_path / "kept.txt", tmp_path / "scrub.yaml"
    kept.write_text("Results were reviewed by the Springfield clinic.\n")  # allowed on purpose when scrubbing
    config.write_text("allow_list: [Springfield]\n")
    assert main(["deid", "verify", str(kept)]) == 1
    assert main(["deid", "verify", str(kept), "--config", str(config)]) == 0
    config.write_text("allow_list: Springfield\n")
    assert main(["deid", "verify", str(kept), "--config", str(config)]) == 2
    assert "allow_list" in capsys.readouterr().err


def test_verify_json_has_no_pii(tmp_path: Path, capsys: Any) -> None:
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("Call Ann Lee at 555-123-4567.\n")
    assert main(["deid", "verify", str(dirty), "--json"]) == 1
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["residual"]["PHONE_NUMBER"] == 1 and "555" not in out and "Ann" not in out


def test_eval_and_corpus(tmp_path: Path, capsys: Any) -> None:
    corpus = tmp_path / "c.jsonl"
    assert main(["deid", "corpus", str(corpus), "--n", "12", "--seed", "3"]) == 0
    capsys.readouterr()
    assert main(["deid", "eval", str(corpus), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["scrubber"]["groups"]) >= {"direct", "all"}
    assert 0.0 <= data["scrubber"]["groups"]["all"]["leak_rate"] <= 1.0
    bad = _jsonl(tmp_path / "bad.jsonl", [{"text": "abc", "spans": [{"start": 2, "end": 9, "type": "X"}]}])
    assert main(["deid", "eval", str(bad)]) == 2


def test_new_key(tmp_path: Path) -> None:
    path = tmp_path / "k"
    assert main(["deid", "new-key", str(path)]) == 0
    assert len(bytes.fromhex(path.read_text().strip())) == 32 and path.stat().st_mode & 0o777 == 0o600
    assert main(["deid", "new-key", str(path)]) == 2


def test_scrub_csv_defaults_to_string_columns_and_verify_csv(tmp_path: Path, capsys: Any) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    pd.DataFrame(ROWS).to_csv(src, index=False)
    assert main(["scrub", str(src), "--out", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"]["EMAIL_ADDRESS"] == 2
    assert "ann@example.org" not in out.read_text()
    assert main(["deid", "verify", str(out)]) == 0
    assert main(["deid", "verify", str(src)]) == 1


def test_scrub_flags_unconfigured_language_and_strict_refuses(tmp_path: Path, capsys: Any) -> None:
    src, out = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_text("患者张伟，45岁，手机13812345678。\n"
                   "Sehr geehrte Frau Müller, Ihre Bestellung wird morgen an die Hauptstraße 5 geliefert.\n"
                   "Call Ann Lee at 555-123-4567, thanks.\n", encoding="utf-8")
    assert main(["scrub", str(src), "--out", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["languages"] == {"de": 1, "en": 1, "zh": 1} and report["unconfigured"] == {"de": 1}
    assert "张伟" not in out.read_text(encoding="utf-8")
    strict_out = tmp_path / "strict.txt"
    assert main(["scrub", str(src), "--out", str(strict_out), "--strict"]) == 2
    assert not strict_out.exists()
    err = capsys.readouterr().err
    assert "document 1" in err and "'de'" in err and "Müller" not in err


@pytest.mark.parametrize("processes", [1, 2])
def test_strict_error_numbers_the_document_in_the_whole_file(tmp_path: Path, processes: int) -> None:
    # chunks of 4 rows: the German row is row 9 of the file, row 1 of its chunk; with
    # worker processes the number used to restart at each chunk
    from dataprotocol.deid import Scrubber, ScrubConfig, scrub_file
    from dataprotocol.errors import InputError

    german = "Sehr geehrte Frau Müller, Ihre Bestellung wird morgen an die Hauptstraße 5 geliefert."
    lines = ["Call Ann Lee at 555-123-4567, thanks."] * 9 + [german] + ["Mail bo@example.org today."] * 2
    src, out = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="document 9: language 'de'") as caught:
        scrub_file(Scrubber(ScrubConfig(strict=True)), src, out, batch_size=1, n_process=processes, chunk_rows=4)
    assert "Müller" not in str(caught.value) and not out.exists()
