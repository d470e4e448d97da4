"""Hypothesis over every file format the CLI reads, through every command that reads it.

For each input the bar of issue 10: no traceback, no hang, exit 2 on bad input (1 where a
signed artifact fails its integrity check), nothing left behind by a refused command,
and no cell value (every cell carries a ``CELL`` marker) in any message. Examples are
bounded (the derandomized 'ci' profile of tests/conftest.py), so the suite stays well
inside its CI budget; HYPOTHESIS_PROFILE=dev explores fresh inputs.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz._attacks import csv_input, json_attack, jsonl_input, mutated_bytes, yaml_attack
from tests.fuzz._world import PURPOSE, World, card_dict, problems, run_cli

FUZZ = settings(max_examples=12, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _check(world: World, argv: list[str], *, bad: bool, allowed: tuple[int, ...] = (1, 2)) -> Any:
    before = world.listing()
    outcome = run_cli(argv)
    after = world.listing()
    found = problems(outcome, before=before, after=after, bad=bad, allowed=allowed)
    assert not found, (argv[:2], found, outcome.err[-600:])
    for name in sorted(after - before, reverse=True):  # the next example starts afresh
        path = world.root / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
    return outcome


_ORIGINALS: dict[str, bytes] = {}


@contextlib.contextmanager
def _replaced(path: Path, data: bytes) -> Iterator[None]:
    """Write ``data`` over a file of the world for one example, then put it back."""
    original = _ORIGINALS.setdefault(str(path), path.read_bytes())
    path.write_bytes(data)
    try:
        yield
    finally:
        path.write_bytes(original)


def _publish(world: World, source: Path, out: str = "fz-pkg") -> list[str]:
    return ["publish", str(source), "--dataset-card", str(world["card"]), "--key",
            str(world["steward_key"]), "--out", str(world.root / out)]


# -- tables: CSV / JSONL / Parquet into publish ------------------------------------------

@FUZZ
@given(case=csv_input())
def test_csv_into_publish(world: World, case: tuple[bytes, bool, str]) -> None:
    data, bad, _why = case
    source = world.root / "fz.csv"
    source.write_bytes(data)
    outcome = _check(world, _publish(world, source), bad=bad, allowed=(2,))
    if outcome.code == 0:  # accepted: it really was UTF-8 text
        data.decode("utf-8")
    (world.root / "fz.csv").unlink()


@FUZZ
@given(case=jsonl_input())
def test_jsonl_into_publish(world: World, case: tuple[bytes, bool, str]) -> None:
    data, bad, _ = case
    source = world.root / "fz.jsonl"
    source.write_bytes(data)
    _check(world, _publish(world, source), bad=bad, allowed=(2,))


@FUZZ
@given(data=st.data())
def test_parquet_into_publish(world: World, data: st.DataObject) -> None:
    import pandas as pd

    clean = world.root / "clean.parquet"
    if not clean.exists():
        pd.DataFrame({"note": [f"CELLp{i}" for i in range(5)], "n": range(5)}).to_parquet(clean)
    raw = clean.read_bytes()
    mutated = data.draw(mutated_bytes(raw))
    source = world.root / "fz.parquet"
    source.write_bytes(mutated)
    _check(world, _publish(world, source), bad=False)


# -- the dataset card: check, publish, grant issue -----------------------------------------

@FUZZ
@given(case=yaml_attack(card_dict()), command=st.sampled_from(["check", "publish", "grant"]))
def test_dataset_card(world: World, case: tuple[str, bool], command: str) -> None:
    text, bad = case
    card = world.root / "fz-card.yaml"
    card.write_bytes(text.encode("utf-8", "surrogateescape"))
    if command == "check":
        argv = ["check", str(card), "--as", str(world["partner_pub"]), "--action", "read",
                "--purpose", PURPOSE, "--no-log"]
        bad = False  # a valid card is denied (no grant): exit 1 either way
    elif command == "publish":
        argv = ["publish", str(world["csv"]), "--dataset-card", str(card), "--key",
                str(world["steward_key"]), "--out", str(world.root / "fz-pkg")]
    else:
        argv = ["grant", "issue", str(card), "--to", str(world["partner_pub"]), "--key",
                str(world["steward_key"]), "--action", "read", "--purpose", PURPOSE,
                "--until", "2099-01-01", "--out", str(world.root / "fz-grant.json")]
    _check(world, argv, bad=bad, allowed=(2,))


# -- signed JSON documents: grant, revocation list, manifest, public identity ---------------

def _doc(path: Path) -> Any:
    return json.loads(_ORIGINALS.get(str(path)) or path.read_bytes())


@FUZZ
@given(data=st.data(), command=st.sampled_from(["verify", "check", "open"]))
def test_grant(world: World, data: st.DataObject, command: str) -> None:
    text, changed = data.draw(json_attack(_doc(world["grant"])))
    grant = world.root / "fz-grant.json"
    grant.write_bytes(text.encode("utf-8", "surrogateescape"))
    argv = {"verify": ["grant", "verify", str(grant), "--issuer", str(world["steward_pub"])],
            "check": ["check", str(world["card"]), "--grant", str(grant), "--action", "read",
                      "--purpose", PURPOSE, "--no-log"],
            "open": ["open", str(world["pkg"]), "--grant", str(grant), "--key",
                     str(world["partner_key"]), "--purpose", PURPOSE,
                     "--out", str(world.root / "fz-rows.csv")]}[command]
    _check(world, argv, bad=changed)


@FUZZ
@given(data=st.data())
def test_revocation_list(world: World, data: st.DataObject) -> None:
    text, changed = data.draw(json_attack(_doc(world["revocations"])))
    listing = world.root / "fz-revocations.json"
    listing.write_bytes(text.encode("utf-8", "surrogateescape"))
    _check(world, ["check", str(world["card"]), "--grant", str(world["grant"]), "--revocations",
                   str(listing), "--action", "read", "--purpose", PURPOSE, "--no-log"], bad=changed)


@FUZZ
@given(data=st.data(), command=st.sampled_from(["verify", "open"]))
def test_manifest(world: World, data: st.DataObject, command: str) -> None:
    text, changed = data.draw(json_attack(_doc(world["manifest"])))
    argv = (["verify", str(world["pkg"])] if command == "verify" else
            ["open", str(world["pkg"]), "--grant", str(world["grant"]), "--key",
             str(world["partner_key"]), "--purpose", PURPOSE, "--out", str(world.root / "fz.csv")])
    with _replaced(world["manifest"], text.encode("utf-8", "surrogateescape")):
        _check(world, argv, bad=changed)


@FUZZ
@given(data=st.data(), command=st.sampled_from(["grant-to", "verify-publisher"]))
def test_public_identity(world: World, data: st.DataObject, command: str) -> None:
    text, changed = data.draw(json_attack(_doc(world["partner_pub"])))
    pub = world.root / "fz.pub"
    pub.write_bytes(text.encode("utf-8", "surrogateescape"))
    if command == "grant-to":
        argv = ["grant", "issue", str(world["card"]), "--to", str(pub), "--key",
                str(world["steward_key"]), "--action", "read", "--purpose", PURPOSE,
                "--until", "2099-01-01", "--out", str(world.root / "fz-grant.json")]
    else:  # the partner's identity is not the publisher: a valid one is refused too
        argv, changed = ["verify", str(world["pkg"]), "--publisher", str(pub)], True
    _check(world, argv, bad=changed)


@FUZZ
@given(data=st.data(), command=st.sampled_from(["publish", "open"]))
def test_private_key(world: World, data: st.DataObject, command: str) -> None:
    owner = "steward_key" if command == "publish" else "partner_key"
    key = world.root / "fz.key"
    key.write_bytes(data.draw(mutated_bytes(world[owner].read_bytes())))
    argv = (["publish", str(world["csv"]), "--dataset-card", str(world["card"]), "--key", str(key),
             "--out", str(world.root / "fz-pkg")] if command == "publish" else
            ["open", str(world["pkg"]), "--grant", str(world["grant"]), "--key", str(key),
             "--purpose", PURPOSE, "--out", str(world.root / "fz.csv")])
    _check(world, argv, bad=False)


# -- the signed model card: privacy.json and README.md into budget audit -------------------

@settings(FUZZ, max_examples=8)
@given(data=st.data(), target=st.sampled_from(["privacy", "readme"]))
def test_model_card(model_world: World, data: st.DataObject, target: str) -> None:
    world = model_world
    if target == "privacy":
        text, changed = data.draw(json_attack(_doc(world["privacy"])))
        path, mutated = world["privacy"], text.encode("utf-8", "surrogateescape")
    else:
        path = world["readme"]
        mutated = data.draw(mutated_bytes(_ORIGINALS.get(str(path)) or path.read_bytes()))
        changed = False  # a changed sentence of prose may still be an honest card
    with _replaced(path, mutated):
        _check(world, ["budget", "audit", str(world["model"])], bad=changed)


# -- readers scrub uses (the CLI loads spaCy first, so these run through the library) ------

@FUZZ
@given(case=st.one_of(csv_input(), jsonl_input()), kind=st.sampled_from(["csv", "jsonl"]))
def test_scrub_readers(tmp_path_factory: Any, case: tuple[bytes, bool, str], kind: str) -> None:
    from dataprotocol.deid._io import read_frame
    from dataprotocol.errors import InputError

    path = tmp_path_factory.mktemp("fz-scrub") / f"in.{kind}"
    path.write_bytes(case[0])
    try:
        read_frame(path)
    except InputError as exc:
        assert "CELL" not in str(exc), str(exc)


@FUZZ
@given(case=yaml_attack({"operator": "redact", "threshold": 0.5, "model": "en_core_web_sm",
                         "entities": ["PERSON"]}))
def test_scrub_config(tmp_path_factory: Any, case: tuple[str, bool]) -> None:
    from dataprotocol.deid import load_config
    from dataprotocol.errors import InputError

    path = tmp_path_factory.mktemp("fz-config") / "scrub.yaml"
    path.write_bytes(case[0].encode("utf-8", "surrogateescape"))
    try:
        load_config(path)
    except InputError:
        pass


# -- option values of every command that takes numbers, dates or NAME=VALUE ----------------

_VALUES = st.one_of(st.sampled_from(["0", "-1", "nan", "inf", "1e999", "9" * 400, "", " ", "2024-13-45",
                                     "x=y", "=", "max_epsilon=nan", "max_epsilon=1e999",
                                     "max_runs=" + "9" * 5000, "\x00", "🙂"]),
                    st.text(max_size=12))


@FUZZ
@given(value=_VALUES, which=st.sampled_from([
    "publish --shards", "publish --rows-per-shard", "publish --pii-column",
    "grant issue --until", "grant issue --from", "grant issue --condition",
    "grant issue --shards", "check --shards", "check --purpose", "open --shard",
    "budget audit --tolerance", "license combine --purpose", "deid corpus --n"]))
def test_option_values(world: World, value: str, which: str) -> None:
    w = world
    base = {
        "publish": ["publish", str(w["csv"]), "--dataset-card", str(w["card"]), "--key",
                    str(w["steward_key"]), "--out", str(w.root / "fz-pkg")],
        "grant issue": ["grant", "issue", str(w["pkg"]), "--to", str(w["partner_pub"]), "--key",
                        str(w["steward_key"]), "--action", "read", "--purpose", PURPOSE,
                        "--until", "2099-01-01", "--out", str(w.root / "fz-grant.json")],
        "check": ["check", str(w["card"]), "--grant", str(w["grant"]), "--action", "read",
                  "--purpose", PURPOSE, "--no-log"],
        "open": ["open", str(w["pkg"]), "--grant", str(w["grant"]), "--key", str(w["partner_key"]),
                 "--purpose", PURPOSE, "--out", str(w.root / "fz.csv")],
        "budget audit": ["budget", "audit", str(w.root / "no-model")],
        "license combine": ["license", "combine", "CC-BY-4.0", "--action", "train"],
        "deid corpus": ["deid", "corpus", str(w.root / "fz-corpus.jsonl")],
    }
    command, option = which.rsplit(" ", 1)
    argv = base[command] + [option, value]
    _check(world, argv, bad=False)
