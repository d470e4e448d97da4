"""Every file the CLI reads, replaced by a FIFO, a symlink to /dev/zero, a folder or a
sparse 100 MiB file; every file it writes, pointed at a FIFO, a symlink or a folder.

Before issue 10 some of these hung forever (a FIFO), read until memory ran out
(/dev/zero), crashed with ``IsADirectoryError`` / ``NotADirectoryError``, or replaced the
special file with a regular one. Now each is a clean refusal: exit 1 or 2, a message,
no traceback, nothing left behind, the special file untouched.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.fuzz._world import PURPOSE, World, problems, run_cli, special_files

Argv = Callable[[World, str], list[str]]

def _card_naming(world: World, publisher: str) -> str:
    """A dataset card whose ``publisher`` field names ``publisher`` (a file the loader reads)."""
    card = world.root / "card-field.yaml"
    card.write_text(world["card"].read_text(encoding="utf-8").replace("steward.pub", publisher),
                    encoding="utf-8")
    return str(card)


# (name, argv builder given the world and the special path) -- every option that reads a file
READS: list[tuple[str, Argv]] = [
    ("card field publisher", lambda w, x: ["check", _card_naming(w, x), "--action", "read",
                                           "--purpose", PURPOSE, "--as", str(w["partner_pub"]),
                                           "--no-log"]),
    ("publish INPUT", lambda w, x: ["publish", x, "--dataset-card", str(w["card"]), "--key",
                                    str(w["steward_key"]), "--out", str(w.root / "new-pkg")]),
    ("publish --dataset-card", lambda w, x: ["publish", str(w["csv"]), "--dataset-card", x, "--key",
                                             str(w["steward_key"]), "--out", str(w.root / "new-pkg")]),
    ("publish --key", lambda w, x: ["publish", str(w["csv"]), "--dataset-card", str(w["card"]),
                                    "--key", x, "--out", str(w.root / "new-pkg")]),
    ("publish --pseudonym-key", lambda w, x: [
        "publish", str(w["csv"]), "--dataset-card", str(w["card"]), "--key", str(w["steward_key"]),
        "--out", str(w.root / "new-pkg"), "--pseudonym-key", x, "--pii-column", "email=EMAIL_ADDRESS"]),
    ("check CARD", lambda w, x: ["check", x, "--action", "read", "--purpose", PURPOSE,
                                 "--as", str(w["partner_pub"]), "--no-log"]),
    ("check --grant", lambda w, x: ["check", str(w["card"]), "--grant", x, "--action", "read",
                                    "--purpose", PURPOSE, "--no-log"]),
    ("check --revocations", lambda w, x: ["check", str(w["card"]), "--grant", str(w["grant"]),
                                          "--revocations", x, "--action", "read",
                                          "--purpose", PURPOSE, "--no-log"]),
    ("check --as", lambda w, x: ["check", str(w["card"]), "--as", x, "--action", "read",
                                 "--purpose", PURPOSE, "--no-log"]),
    ("grant issue --to", lambda w, x: ["grant", "issue", str(w["card"]), "--to", x, "--key",
                                       str(w["steward_key"]), "--action", "read", "--purpose",
                                       PURPOSE, "--until", "2099-01-01", "--out",
                                       str(w.root / "g2.json")]),
    ("grant verify GRANT", lambda w, x: ["grant", "verify", x, "--issuer", str(w["steward_pub"])]),
    ("grant verify --issuer", lambda w, x: ["grant", "verify", str(w["grant"]), "--issuer", x]),
    ("open --grant", lambda w, x: ["open", str(w["pkg"]), "--grant", x, "--key", str(w["partner_key"]),
                                   "--purpose", PURPOSE, "--out", str(w.root / "rows.csv")]),
    ("open --key", lambda w, x: ["open", str(w["pkg"]), "--grant", str(w["grant"]), "--key", x,
                                 "--purpose", PURPOSE, "--out", str(w.root / "rows.csv")]),
    ("verify --publisher", lambda w, x: ["verify", str(w["pkg"]), "--publisher", x]),
    ("budget show --ledger", lambda w, x: ["budget", "show", "--ledger", x]),
    ("deid reveal INPUT", lambda w, x: ["deid", "reveal", x, "--key-file", str(w["enc_key"])]),
    ("deid reveal --key-file", lambda w, x: ["deid", "reveal", str(w["txt"]), "--key-file", x]),
    ("scrub INPUT", lambda w, x: ["scrub", x, "--out", str(w.root / "out.txt")]),
    ("scrub --config", lambda w, x: ["scrub", str(w["txt"]), "--config", x, "--out",
                                     str(w.root / "out.txt")]),
]

# files inside a package: the manifest, a shard (read by verify and open)
PACKAGE_FILES = ["manifest.json", "shards/shard-00000.dps"]
KINDS = ["fifo", "dev-zero", "folder", "huge"]


def _place(kind: str, at: Path, specials: dict[str, Path]) -> None:
    """Put a special file of ``kind`` at ``at`` (same kind of object, not a copy)."""
    if at.is_dir() and not at.is_symlink():
        shutil.rmtree(at)
    elif at.exists() or at.is_symlink():
        at.unlink()
    if kind == "fifo":
        os.mkfifo(at)
    elif kind == "dev-zero":
        at.symlink_to("/dev/zero")
    elif kind == "folder":
        at.mkdir()
    else:
        with open(at, "wb") as handle:
            handle.truncate(100 * 1024 * 1024)


def _assert_clean(world: World, argv: list[str], *, allowed: tuple[int, ...] = (1, 2)) -> None:
    before = world.listing()
    outcome = run_cli(argv, hang_s=30)
    found = problems(outcome, before=before, after=world.listing(), bad=True, allowed=allowed)
    assert not found, (argv, found, outcome.err[-500:])
    assert outcome.text.strip(), "a refusal must say why"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("name", "argv"), READS, ids=[r[0] for r in READS])
def test_special_file_where_a_file_is_read(world: World, name: str, argv: Argv, kind: str) -> None:
    specials = special_files(world.root / "special")
    if kind == "folder" and name == "scrub --config":
        pass  # a folder as config: refused like the others
    _assert_clean(world, argv(world, str(specials[kind])))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("inner", PACKAGE_FILES)
@pytest.mark.parametrize("command", ["verify", "open"])
def test_special_file_inside_a_package(world: World, command: str, inner: str, kind: str) -> None:
    _place(kind, world["pkg"] / inner, {})
    argv = (["verify", str(world["pkg"])] if command == "verify" else
            ["open", str(world["pkg"]), "--grant", str(world["grant"]), "--key",
             str(world["partner_key"]), "--purpose", PURPOSE, "--out", str(world.root / "rows.csv")])
    _assert_clean(world, argv)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("inner", ["privacy.json", "README.md"])
def test_special_file_inside_a_model_card(model_world: World, tmp_path: Path, inner: str,
                                          kind: str) -> None:
    world = model_world.copy_to(tmp_path / "w")
    _place(kind, world["model"] / inner, {})
    _assert_clean(world, ["budget", "audit", str(world["model"])])


# every option that writes a file, pointed at a FIFO, a symlink or (where a file is
# expected) a folder: never replaced, never written through
WRITES: list[tuple[str, Callable[[World, str], list[str]], str]] = [
    ("open --out", lambda w, x: ["open", str(w["pkg"]), "--grant", str(w["grant"]), "--key",
                                 str(w["partner_key"]), "--purpose", PURPOSE, "--out", x], ".csv"),
    ("grant issue --out", lambda w, x: ["grant", "issue", str(w["card"]), "--to", str(w["partner_pub"]),
                                        "--key", str(w["steward_key"]), "--action", "read",
                                        "--purpose", PURPOSE, "--until", "2099-01-01", "--out", x], ".json"),
    ("grant revoke --list", lambda w, x: ["grant", "revoke", "g-1", "--key", str(w["steward_key"]),
                                          "--list", x], ".json"),
    ("deid new-key OUT", lambda w, x: ["deid", "new-key", x, "--overwrite"], ".hex"),
    ("deid reveal --out", lambda w, x: ["deid", "reveal", str(w["txt"]), "--key-file",
                                        str(w["enc_key"]), "--out", x], ".txt"),
    ("publish --out", lambda w, x: ["publish", str(w["csv"]), "--dataset-card", str(w["card"]),
                                    "--key", str(w["steward_key"]), "--out", x], ""),
    ("keygen --out", lambda w, x: ["keygen", "carol", "--out", x], ""),
]


#: a folder is what these write targets expect (and keygen --out may be a symlink to one),
#: so those combinations are not attacks: they are left out, not skipped (CI runs no skips)
_NOT_ATTACKS = {("publish --out", "folder"), ("keygen --out", "folder"), ("keygen --out", "symlink")}
_WRITE_CASES = [pytest.param(kind, *w, id=f"{w[0]}-{kind}") for w in WRITES
                for kind in ("fifo", "symlink", "folder", "file-as-parent") if (w[0], kind) not in _NOT_ATTACKS]


@pytest.mark.parametrize(("kind", "name", "argv", "suffix"), _WRITE_CASES)
def test_special_write_target_is_never_replaced(world: World, name: str, argv: Any,
                                                suffix: str, kind: str) -> None:
    target = world.root / f"target{suffix}"
    victim = world.root / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        target.symlink_to(victim)
    elif kind == "folder":
        target.mkdir()
        (target / "keep").write_text("x", encoding="utf-8")
    else:  # a file where a parent folder is expected
        target = victim / f"below{suffix}"
    _assert_clean(world, argv(world, str(target)))
    assert victim.read_text(encoding="utf-8") == "precious\n"
    if kind == "fifo":
        assert stat.S_ISFIFO(os.lstat(target).st_mode)
    if kind == "symlink":
        assert target.is_symlink()
