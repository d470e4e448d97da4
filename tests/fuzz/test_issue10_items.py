"""Issue 10, items 4-13: one test per bypass or crash the adversarial pass found.

Each failed on the code before the fix; the special-file and Hypothesis suites in
``tests/fuzz`` cover the same ground in breadth.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from dataprotocol.cli.main import main
from tests.fuzz._world import PURPOSE, World, cell, run_cli


def _publish(world: World, source: Path, *extra: str, out: str = "pkg2") -> list[str]:
    return ["publish", str(source), "--dataset-card", str(world["card"]), "--key",
            str(world["steward_key"]), "--out", str(world.root / out), *extra]


# -- 4: a Latin-1 CSV went past the scrubber as Python bytes reprs ---------------------------
def test_latin1_csv_is_refused_not_stored_as_bytes(world: World) -> None:
    source = world.root / "latin1.csv"
    source.write_bytes("name,note\nnaïve Müller,Dr. Müller saw José\n".encode("latin-1"))
    outcome = run_cli(_publish(world, source, "--text-column", "note"))
    assert outcome.code == 2, outcome.err
    assert "not valid UTF-8" in outcome.err and "latin1.csv" in outcome.err
    assert not (world.root / "pkg2").exists()


def test_invalid_utf8_late_in_a_jsonl_file_is_refused(world: World) -> None:
    source = world.root / "late.jsonl"
    source.write_bytes(b'{"note": "fine"}\n' * 3 + b'{"note": "M\xfcller"}\n')
    outcome = run_cli(_publish(world, source))
    assert outcome.code == 2 and "UTF" in outcome.err, outcome.err
    assert not (world.root / "pkg2").exists()


# -- 5: a ragged CSV printed the whole row (name, email, SSN) --------------------------------
def test_ragged_csv_names_the_row_never_its_cells(world: World) -> None:
    source = world.root / "ragged.csv"
    source.write_text(f"name,email\n{cell(1, 'n')},{cell(1, 'e')}\n"
                      f"{cell(2, 'n')},{cell(2, 'e')},{cell(2, 'ssn')}\n", encoding="utf-8")
    outcome = run_cli(_publish(world, source))
    assert outcome.code == 2
    assert "row 3" in outcome.err and "3 fields, expected 2" in outcome.err, outcome.err
    assert "CELL" not in outcome.text


def test_type_change_names_the_column_never_the_value(world: World) -> None:
    source = world.root / "types.csv"
    source.write_text("n,note\n" + "".join(f"{i},x\n" for i in range(3)) + f"{cell(9, 'n')},x\n",
                      encoding="utf-8")
    outcome = run_cli(_publish(world, source))
    # pyarrow infers from the first block: a small file is typed as a whole (accepted);
    # whatever the outcome, no value is quoted
    assert outcome.code in (0, 2) and "CELL" not in outcome.text, outcome.err


# -- 6: train spent budget before finding --out taken ----------------------------------------
@pytest.mark.parametrize("what", ["out-exists", "checkpoint-is-a-file"])
def test_train_checks_its_outputs_before_anything_else(world: World, what: str) -> None:
    taken = world.root / "model-out"
    taken.mkdir()
    (taken / "weights.bin").write_bytes(b"old")
    checkpoint = world.root / "ckpt"
    if what == "checkpoint-is-a-file":
        checkpoint.write_text("not a folder", encoding="utf-8")
        taken = world.root / "fresh-out"
    ledger = world.root / "ledger.sqlite"
    before = world.listing()
    outcome = run_cli(["train", str(world["pkg"]), "--grant", str(world["grant"]), "--key",
                       str(world["partner_key"]), "--purpose", PURPOSE, "--model",
                       str(world.root / "no-such-model"), "--text-column", "note",
                       "--label-column", "label", "--out", str(taken), "--target-epsilon", "1",
                       "--ledger", str(ledger), "--checkpoint-dir", str(checkpoint)])
    assert outcome.code == 2, outcome.err
    assert ("model directory already exists and is not empty" if what == "out-exists"
            else "checkpoint folder exists and is a file") in outcome.err
    assert world.listing() == before  # no ledger, no reservation, nothing written


# -- 9: verify trusted the publisher the manifest names ----------------------------------------
def test_verify_says_whose_signature_and_that_it_is_self_asserted(world: World, capsys) -> None:
    from dataprotocol.keys import generate_keypair, save_keypair

    assert main(["verify", str(world["pkg"]), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["publisher"] == {"name": "steward", "key_id": report["publisher_key_id"],
                                   "pinned": False, "trust": "self-asserted"}
    assert main(["verify", str(world["pkg"]), "--publisher", str(world["steward_pub"]), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["publisher"]["trust"] == "pinned"
    # another party's package with the same dataset id: valid, but it says whose it is
    save_keypair(generate_keypair("mallory"), world.root / "m")
    card = (world["card"].read_text(encoding="utf-8")
            .replace("steward.pub", str(world.root / "m" / "mallory.pub")))
    (world.root / "m" / "card.yaml").write_text(card, encoding="utf-8")
    assert main(["publish", str(world["csv"]), "--dataset-card", str(world.root / "m" / "card.yaml"),
                 "--key", str(world.root / "m" / "mallory.key"), "--out", str(world.root / "fake")]) == 0
    capsys.readouterr()
    assert main(["verify", str(world.root / "fake")]) == 0
    out = capsys.readouterr().out
    assert "mallory" in out and "self-asserted" in out
    assert main(["verify", str(world.root / "fake"), "--publisher", str(world["steward_pub"])]) == 1


# -- 10: a private key was committed; keygen wrote keys into work trees ----------------------
def test_no_private_key_in_the_repository(repo_root: Path) -> None:
    assert not list(repo_root.glob("*.key"))
    assert "*.key" in (repo_root / ".gitignore").read_text(encoding="utf-8").split()


def test_keygen_refuses_a_git_work_tree_unless_ignored_or_forced(tmp_path: Path, capsys) -> None:
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    assert main(["keygen", "alice", "--out", str(repo / "keys")]) == 2
    err = capsys.readouterr().err
    assert "git work tree" in err and "--force" in err
    assert not (repo / "keys" / "alice.key").exists()
    (repo / ".gitignore").write_text("*.key\n", encoding="utf-8")
    assert main(["keygen", "bob", "--out", str(repo / "keys")]) == 0
    (repo / ".gitignore").unlink()
    assert main(["keygen", "dave", "--out", str(repo / "k3"), "--force"]) == 0
    assert oct(os.stat(repo / "k3" / "dave.key").st_mode & 0o777) == "0o600"


# -- 12: the smaller ones ---------------------------------------------------------------------
def test_reveal_refuses_to_overwrite_its_input(world: World) -> None:
    before = world["txt"].read_bytes()
    for out in (world["txt"], world.root / "link.txt"):
        if out != world["txt"]:
            os.link(world["txt"], out)  # a hard link is the same file too
        outcome = run_cli(["deid", "reveal", str(world["txt"]), "--key-file", str(world["enc_key"]),
                           "--out", str(out)])
        assert outcome.code == 2 and "overwrite the input" in outcome.err, outcome.err
    assert world["txt"].read_bytes() == before


def test_more_shards_than_rows_is_refused_at_once(world: World) -> None:
    outcome = run_cli(_publish(world, world["csv"], "--shards", "1000000"), hang_s=10)
    assert outcome.code == 2 and "1000000 shards for 12 rows" in outcome.err, outcome.err


@pytest.mark.parametrize("command", ["publish", "grant", "check"])
def test_an_unknown_license_id_is_bad_input_everywhere(world: World, command: str) -> None:
    card = world.root / "unknown-license.yaml"
    card.write_text(world["card"].read_text(encoding="utf-8").replace("CC-BY-4.0", "NOPE-1.0"),
                    encoding="utf-8")
    argv = {"publish": ["publish", str(world["csv"]), "--dataset-card", str(card), "--key",
                        str(world["steward_key"]), "--out", str(world.root / "p")],
            "grant": ["grant", "issue", str(card), "--to", str(world["partner_pub"]), "--key",
                      str(world["steward_key"]), "--action", "read", "--purpose", PURPOSE,
                      "--until", "2099-01-01", "--out", str(world.root / "g.json")],
            "check": ["check", str(card), "--as", str(world["partner_pub"]), "--action", "read",
                      "--purpose", PURPOSE, "--no-log"]}[command]
    before = world.listing()
    outcome = run_cli(argv)
    assert outcome.code == 2, outcome.err
    assert "unknown license 'NOPE-1.0'" in outcome.err and "unknown-license.yaml" in outcome.err
    assert world.listing() == before


def test_a_bad_self_signature_names_the_file(world: World) -> None:
    pub = world.root / "edited.pub"
    pub.write_text(world["partner_pub"].read_text(encoding="utf-8").replace('"partner"', '"partnex"'),
                   encoding="utf-8")
    outcome = run_cli(["grant", "issue", str(world["card"]), "--to", str(pub), "--key",
                       str(world["steward_key"]), "--action", "read", "--purpose", PURPOSE,
                       "--until", "2099-01-01", "--out", str(world.root / "g.json")])
    assert outcome.code == 1 and "edited.pub" in outcome.err and "self-signature" in outcome.err


def test_a_killed_runs_temporaries_are_removed_by_the_next_run(world: World) -> None:
    dead = 2 ** 22 + 12345  # above pid_max on default kernels: certainly not running
    stale_dir = world.root / f".pkg2.{dead}-abcd1234.tmp"
    stale_dir.mkdir()
    (stale_dir / "shards").mkdir()
    stale_file = world.root / f".g.json.{dead}-abcd1234.tmp"
    stale_file.write_text("half a grant", encoding="utf-8")
    live = world.root / f".pkg2.{os.getppid()}-abcd1234.tmp"  # a running process: kept
    live.mkdir()
    assert run_cli(_publish(world, world["csv"])).code == 0
    assert run_cli(["grant", "issue", str(world["pkg"]), "--to", str(world["partner_pub"]),
                    "--key", str(world["steward_key"]), "--action", "read", "--purpose", PURPOSE,
                    "--until", "2099-01-01", "--out", str(world.root / "g.json")]).code == 0
    assert not stale_dir.exists() and not stale_file.exists() and live.exists()


# -- 11: tracebacks and hangs ------------------------------------------------------------------
@pytest.mark.parametrize("poison", ["NaN", "1e999", "9" * 5000, '"\\ud800"', "[" * 5000 + "]" * 5000])
def test_poisoned_grant_values_are_refused_naming_the_file(world: World, poison: str) -> None:
    text = world["grant"].read_text(encoding="utf-8")
    document = json.loads(text)
    document["payload"]["dataset_version"] = "\u0000SLOT\u0000"
    bad = world.root / "poisoned.json"
    bad.write_text(json.dumps(document).replace(json.dumps("\u0000SLOT\u0000"), poison),
                   encoding="utf-8")
    for argv in (["grant", "verify", str(bad), "--issuer", str(world["steward_pub"])],
                 ["open", str(world["pkg"]), "--grant", str(bad), "--key", str(world["partner_key"]),
                  "--purpose", PURPOSE, "--out", str(world.root / "rows.csv")]):
        outcome = run_cli(argv)
        assert outcome.crashed is None and outcome.code in (1, 2), (argv[0], outcome.err)
        assert "poisoned.json" in outcome.err
    assert not (world.root / "rows.csv").exists()


@pytest.mark.parametrize("argv", [
    ["scrub", "{txt}", "--out", "{root}/o.txt", "--batch-size", "0"],
    ["scrub", "{txt}", "--out", "{root}/o.txt", "--processes", "-1"],
    ["publish", "{csv}", "--dataset-card", "{card}", "--key", "{steward_key}", "--out", "nope://x/y"],
    ["verify", "nope://bucket/pkg"],
    ["publish", "{csv}", "--dataset-card", "{card}", "--key", "{steward_key}", "--out", "{csv}/pkg"],
    ["keygen", "x", "--out", "{csv}"],
    ["open", "{pkg}", "--grant", "{grant}", "--key", "{partner_key}", "--purpose", PURPOSE,
     "--out", "/proc/dp-no-such-dir/rows.csv"],
    ["budget", "show", "--ledger", "{csv}"],
])
def test_misuse_is_exit_2_with_a_message(world: World, argv: list[str]) -> None:
    names = {k: str(v) for k, v in world.paths.items()} | {"root": str(world.root)}
    argv = [a.format(**names) for a in argv]
    before = world.listing()
    outcome = run_cli(argv)
    assert outcome.crashed is None and not outcome.hung, outcome.crashed
    assert outcome.code == 2 and outcome.err.strip(), outcome.err
    assert "Traceback" not in outcome.text and world.listing() == before


def test_wide_consoles_in_tests_do_not_depend_on_the_path_length(tmp_path: Path, capsys) -> None:
    from tests._ledgers import make_ledger

    deep = tmp_path / ("a-rather-long-folder-name-" * 4) / "ledger.sqlite"
    deep.parent.mkdir()
    make_ledger(deep, dataset_id="clinical-notes", epsilon_cap=8.0, delta_cap=1e-5)
    assert main(["budget", "show", "--ledger", str(deep), "--no-prv"]) == 0
    assert "hash chain verified" in capsys.readouterr().out


def test_an_edited_algorithm_in_a_pub_is_refused(world: World) -> None:
    """Found by the adversarial run: ``alg`` is outside the self-signed body, so an edited
    value was accepted. It is checked now."""
    document = json.loads(world["steward_pub"].read_text(encoding="utf-8"))
    document["signing_key"]["alg"] = "rsa"
    edited = world.root / "alg.pub"
    edited.write_text(json.dumps(document), encoding="utf-8")
    outcome = run_cli(["verify", str(world["pkg"]), "--publisher", str(edited)])
    assert outcome.code == 2 and "signing_key.alg" in outcome.err and "alg.pub" in outcome.err
