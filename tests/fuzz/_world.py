"""A small, real world to attack: keys, a dataset card, a package, a grant, a revocation
list, a scrub config and a signed model card -- and a way to run the CLI on it that
records what an attacker or a careless user would see.

Shared by ``tests/fuzz`` (Hypothesis, bounded) and ``benchmarks/bench_adversarial.py``
(the counted adversarial run). Every data cell holds a marker (``CELL…``) so that a
message quoting a cell is caught: no message may contain one (issue 10, item 5).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PURPOSE = "health-research"
MARKER = "CELL"
#: seconds one CLI call may take before it counts as a hang
HANG_S = 20.0


def cell(i: int, column: str) -> str:
    """A unique, recognisable cell value (never a column name, never a message word)."""
    return f"{MARKER}{column}{i:04d}x"


def rows_csv(n: int = 12) -> str:
    lines = ["name,email,note,label"]
    for i in range(n):
        lines.append(f"{cell(i, 'n')},{cell(i, 'e')}@example.org,{cell(i, 't')},{i % 2}")
    return "\n".join(lines) + "\n"


def card_dict(publisher_pub: str = "steward.pub") -> dict[str, Any]:
    return {"dataset_id": "clinic", "version": "1", "title": "Clinic notes",
            "license": "CC-BY-4.0",
            "attribution": {"creator": "Example Hospital", "source": "https://example.org"},
            "purposes": [PURPOSE], "contains_pii": True,
            "budget": {"epsilon": 8.0, "delta": 1e-5}, "publisher": publisher_pub}


@dataclass
class World:
    """Paths of a freshly built world (one folder, everything inside it)."""

    root: Path
    paths: dict[str, Path] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Path:
        return self.paths[name]

    def listing(self) -> set[str]:
        """Every path under the root (hidden temporaries included), relative."""
        return {str(p.relative_to(self.root)) for p in self.root.rglob("*")}

    def copy_to(self, target: Path) -> World:
        shutil.copytree(self.root, target, symlinks=True)
        return World(target, {k: target / v.relative_to(self.root) for k, v in self.paths.items()})


def build_world(root: Path, *, model_card: bool = False) -> World:
    """Build keys, card, input CSV, a 2-shard package, a grant, a revocation list, a scrub
    config -- and, with ``model_card``, a signed model directory (needs torch)."""
    from dataprotocol.cli.main import main

    root.mkdir(parents=True, exist_ok=True)
    w = World(root)
    p = w.paths
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        for name in ("steward", "partner"):
            assert main(["keygen", name, "--out", str(root)]) == 0
        p.update(steward_key=root / "steward.key", steward_pub=root / "steward.pub",
                 partner_key=root / "partner.key", partner_pub=root / "partner.pub")
        p["card"] = root / "card.yaml"
        p["card"].write_text(yaml.safe_dump(card_dict()), encoding="utf-8")
        p["csv"] = root / "in.csv"
        p["csv"].write_text(rows_csv(), encoding="utf-8")
        p["pkg"] = root / "pkg"
        assert main(["publish", str(p["csv"]), "--dataset-card", str(p["card"]),
                     "--key", str(p["steward_key"]), "--out", str(p["pkg"]), "--shards", "2"]) == 0
        p["manifest"] = p["pkg"] / "manifest.json"
        p["grant"] = root / "grant.json"
        assert main(["grant", "issue", str(p["pkg"]), "--to", str(p["partner_pub"]),
                     "--key", str(p["steward_key"]), "--action", "read", "--action", "train",
                     "--purpose", PURPOSE, "--until", "2099-01-01", "--out", str(p["grant"])]) == 0
        p["revocations"] = root / "revocations.json"
        assert main(["grant", "revoke", "grant-that-does-not-exist", "--key", str(p["steward_key"]),
                     "--list", str(p["revocations"])]) == 0
        p["enc_key"] = root / "enc.hex"
        assert main(["deid", "new-key", str(p["enc_key"])]) == 0
    p["config"] = root / "scrub.yaml"
    p["config"].write_text("operator: redact\nthreshold: 0.5\n", encoding="utf-8")
    p["jsonl"] = root / "in.jsonl"
    p["jsonl"].write_text("".join(json.dumps({"note": cell(i, "j"), "label": i % 2}) + "\n"
                                  for i in range(6)), encoding="utf-8")
    p["txt"] = root / "in.txt"
    p["txt"].write_text("".join(f"line {cell(i, 'x')}\n" for i in range(4)), encoding="utf-8")
    if model_card:
        from dataprotocol.keys import load_keypair
        from tests.train.test_card import write_card

        p["model"] = write_card(root / "model", load_keypair(p["partner_key"]))
        p["privacy"] = p["model"] / "privacy.json"
        p["readme"] = p["model"] / "README.md"
    return w


@dataclass
class Outcome:
    """What one CLI call did."""

    argv: tuple[str, ...]
    code: int | None  # None: it raised (a traceback) or hung
    out: str
    err: str
    crashed: str | None = None  # the exception's traceback text
    hung: bool = False

    @property
    def text(self) -> str:
        return self.out + self.err


class _Hang(BaseException):
    """Raised by the alarm: BaseException, so no ``except Exception`` swallows it."""


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    def fire(signum: int, frame: Any) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(argv: Sequence[str], *, hang_s: float = HANG_S) -> Outcome:
    """Run ``dataprotocol ARGV`` in-process; a traceback or a hang is recorded, not raised."""
    from dataprotocol.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    code: int | None = None
    crashed, hung = None, False
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            with _deadline(hang_s):
                code = main(list(argv))
        except _Hang:
            hung = True
        except SystemExit as exc:  # typer/click may exit directly
            code = int(exc.code) if isinstance(exc.code, int) else 1
        except BaseException:  # noqa: BLE001 - this is what we are counting
            crashed = traceback.format_exc()
    return Outcome(tuple(argv), code, out.getvalue(), err.getvalue(), crashed, hung)


def problems(outcome: Outcome, *, before: set[str], after: set[str], bad: bool,
             allowed: tuple[int, ...] = (1, 2)) -> list[str]:
    """Everything wrong with ``outcome`` by issue 10's bar; empty when it was handled well.

    ``bad``: the input was certainly invalid, so the call must refuse (a code in
    ``allowed``: 2 for bad input, 1 where a signed artifact's tampering is an integrity
    failure). A refused call must leave no new file behind.
    """
    found = []
    if outcome.hung:
        found.append("hang")
    if outcome.crashed is not None:
        found.append("traceback: " + outcome.crashed.strip().splitlines()[-1])
    if "Traceback (most recent call last)" in outcome.text:
        found.append("traceback printed")
    if MARKER in outcome.text:
        found.append("a cell value in a message")
    if outcome.code is not None and outcome.code not in (0, 1, 2):
        found.append(f"exit code {outcome.code}")
    if bad and outcome.code == 0:
        found.append("bypass: bad input accepted (exit 0)")
    if bad and outcome.code is not None and outcome.code != 0 and outcome.code not in allowed:
        found.append(f"exit {outcome.code}, expected one of {allowed}")
    if outcome.code not in (0, None) and after - before:
        found.append("left behind: " + ", ".join(sorted(after - before))[:200])
    return found


def special_files(folder: Path) -> dict[str, Path]:
    """A FIFO, a symlink to /dev/zero, a folder and a sparse 100 MiB file: things a
    careless or hostile user passes where a small regular file is expected."""
    folder.mkdir(parents=True, exist_ok=True)
    fifo = folder / "fifo"
    if not fifo.exists():
        os.mkfifo(fifo)
    zero = folder / "zero"
    if not zero.is_symlink():
        zero.symlink_to("/dev/zero")
    directory = folder / "a-folder"
    directory.mkdir(exist_ok=True)
    huge = folder / "huge"
    with open(huge, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: no disk used
    return {"fifo": fifo, "dev-zero": zero, "folder": directory, "huge": huge}
