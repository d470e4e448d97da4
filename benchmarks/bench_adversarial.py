"""The adversarial run of issue 10, counted: malformed inputs, single-byte mutations of
every signed artifact, structural attacks, special files, kills mid-write.

    PYTHONPATH=. python benchmarks/bench_adversarial.py [--stride 8] [--json out.json]

Prints, per family and in total: inputs tried, refused cleanly, accepted (valid input),
tracebacks, hangs, partial files left behind, bypasses (certainly-bad input accepted)
and leaks (a cell value in a message). The issue's own pass found 51 tracebacks/hangs
and 3 bypass classes on the code before the fix; the bar is 0 in every bad column.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzz._attacks import (  # noqa: E402
    ALIAS_BOMB,
    POISON_JSON,
    POISON_YAML,
    _paths,
    changes,
    poisoned_json,
)
from tests.fuzz._world import (  # noqa: E402
    PURPOSE,
    World,
    build_world,
    card_dict,
    cell,
    problems,
    run_cli,
    special_files,
)

COLUMNS = ("tried", "refused", "accepted", "tracebacks", "hangs", "partial", "bypasses", "leaks")
Case = tuple[str, Callable[[World], list[str]], Callable[[World], None] | None, bool]


class Tally:
    def __init__(self) -> None:
        self.families: dict[str, Counter[str]] = {}
        self.examples: list[dict[str, Any]] = []

    def record(self, family: str, world: World, argv: list[str], *, bad: bool,
               allowed: tuple[int, ...] = (1, 2), hang_s: float = 20.0) -> None:
        count = self.families.setdefault(family, Counter())
        before = world.listing()
        outcome = run_cli(argv, hang_s=hang_s)
        found = problems(outcome, before=before, after=world.listing(), bad=bad, allowed=allowed)
        count["tried"] += 1
        for issue in found:
            key = ("hangs" if issue == "hang" else "tracebacks" if issue.startswith("traceback")
                   else "partial" if issue.startswith("left behind") else "bypasses"
                   if issue.startswith("bypass") or issue.startswith("exit ") else "leaks")
            count[key] += 1
        if not found:
            count["refused" if outcome.code else "accepted"] += 1
        elif len(self.examples) < 40:
            self.examples.append({"family": family, "argv": argv[:3], "problems": found,
                                  "err": outcome.err[-300:]})

    def total(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for count in self.families.values():
            out.update(count)
        return out

    def print(self) -> None:
        width = max(len(f) for f in self.families) + 2
        print("family".ljust(width) + "".join(c.rjust(11) for c in COLUMNS))
        for family, count in self.families.items():
            print(family.ljust(width) + "".join(str(count[c]).rjust(11) for c in COLUMNS))
        total = self.total()
        print("TOTAL".ljust(width) + "".join(str(total[c]).rjust(11) for c in COLUMNS))


def fresh(base: World, scratch: Path) -> Iterator[World]:
    """A copy of the world per attack (so one attack cannot spoil the next)."""
    counter = 0
    while True:
        counter += 1
        target = scratch / f"w{counter}"
        yield base.copy_to(target)
        shutil.rmtree(target, ignore_errors=True)


def _publish(w: World, source: Path) -> list[str]:
    return ["publish", str(source), "--dataset-card", str(w["card"]), "--key", str(w["steward_key"]),
            "--out", str(w.root / "adv-pkg")]


def _open(w: World, grant: Path | None = None) -> list[str]:
    return ["open", str(w["pkg"]), "--grant", str(grant or w["grant"]), "--key", str(w["partner_key"]),
            "--purpose", PURPOSE, "--out", str(w.root / "adv-rows.csv")]


# which commands read each signed artifact, and how
READERS: dict[str, list[Callable[[World], list[str]]]] = {
    "manifest": [lambda w: ["verify", str(w["pkg"])], _open],
    "grant": [lambda w: ["grant", "verify", str(w["grant"]), "--issuer", str(w["steward_pub"])], _open],
    "revocations": [lambda w: ["check", str(w["card"]), "--grant", str(w["grant"]), "--revocations",
                               str(w["revocations"]), "--action", "read", "--purpose", PURPOSE,
                               "--no-log"]],
    "steward_pub": [lambda w: ["verify", str(w["pkg"]), "--publisher", str(w["steward_pub"])]],
    "privacy": [lambda w: ["budget", "audit", str(w["model"])]],
    "shard": [lambda w: ["verify", str(w["pkg"])], _open],
}


def _artifact(w: World, name: str) -> Path:
    return w["pkg"] / "shards" / "shard-00000.dps" if name == "shard" else w[name]


def malformed(tally: Tally, worlds: Iterator[World], base: World) -> None:
    """Poisoned values in every field of every signed JSON document; YAML attacks on the card."""
    for name in ("manifest", "grant", "revocations", "steward_pub", "privacy"):
        document = json.loads(_artifact(base, name).read_text(encoding="utf-8"))
        paths = _paths(document)
        for index, path in enumerate(paths):
            every = 3 if name != "privacy" else 12  # an audit recomputes epsilon: slower
            for poison in POISON_JSON.values():
                if index % every and poison not in (POISON_JSON["nan"], POISON_JSON["deep"]):
                    continue  # every field gets NaN and depth; every third field all poisons
                w = next(worlds)
                text = poisoned_json(document, path, poison)
                _artifact(w, name).write_text(text, encoding="utf-8")
                for reader in READERS[name][:1]:
                    tally.record(f"malformed {name}", w, reader(w), bad=changes(text, document))
    card = card_dict()
    texts = [ALIAS_BOMB, "a: " + "[" * 5000 + "]" * 5000]
    for key in card:
        for poison in POISON_YAML.values():
            texts.append("\n".join(f"{k}: {poison if k == key else json.dumps(v)}"
                                   for k, v in card.items()) + "\n")
    for text in texts:
        w = next(worlds)
        w["card"].write_text(text, encoding="utf-8")
        tally.record("malformed card", w, _publish(w, w["csv"]), bad="null" not in text.split(": ")[-1],
                     allowed=(2,))


def tables(tally: Tally, worlds: Iterator[World]) -> None:
    """Inputs of publish a careless user produces: other encodings, ragged rows, garbage."""
    good = "name,note\n" + "".join(f"{cell(i, 'n')},{cell(i, 't')} é\n" for i in range(5))
    cases: list[tuple[str, bytes, bool]] = [
        ("in.csv", good.encode("latin-1"), True), ("in.csv", good.encode("utf-16"), True),
        ("in.csv", good.encode("cp1252"), True),
        ("in.csv", b"\xef\xbb\xbf" + good.encode(), False),
        ("in.csv", good.replace("\n", ",extra\n", 2).encode(), True),
        ("in.csv", b"\xffname,note\nx,y\n", True), ("in.csv", b"", True), ("in.csv", b"a\x00b\n1\n", False),
        ("in.csv", ("name,name\n" + "x,y\n").encode(), True),
        ("in.jsonl", b'{"a": "ok"}\n{"a": "M\xfcller"}\n', True),
        ("in.jsonl", b'{"a": 1}\n[1, 2]\n', True), ("in.jsonl", b'{"a": 1}\n{"a": "x"}\n', True),
        ("in.jsonl", b"not json at all\n", True), ("in.parquet", b"PAR1garbagePAR1", True),
        ("in.parquet", b"", True), ("in.txt", b"hello\n", True), ("in", b"a,b\n", True),
    ]
    for name, data, bad in cases:
        w = next(worlds)
        source = w.root / ("adv-" + name)
        source.write_bytes(data)
        tally.record("tables", w, _publish(w, source), bad=bad, allowed=(2,))


def mutations(tally: Tally, worlds: Iterator[World], base: World, *, stride: int) -> None:
    """Single-byte mutations (XOR 0x01 and 0x80) of every signed artifact, every
    ``stride``-th byte; each read by every command that reads it."""
    for name, readers in READERS.items():
        original = _artifact(base, name).read_bytes()
        for position in range(0, len(original), stride * (4 if name == "privacy" else 1)):
            for mask in (0x01, 0x80):
                mutated = bytearray(original)
                mutated[position] ^= mask
                w = next(worlds)
                _artifact(w, name).write_bytes(bytes(mutated))
                try:
                    same = json.loads(bytes(mutated)) == json.loads(original)
                except (ValueError, UnicodeDecodeError, RecursionError):
                    same = False
                for reader in readers:
                    tally.record(f"mutated {name}", w, reader(w), bad=not same)


def structural(tally: Tally, worlds: Iterator[World]) -> None:
    """Whole-file attacks: swapped, dropped, duplicated, grown shards; foreign manifests."""
    shards = lambda w: w["pkg"] / "shards"  # noqa: E731
    attacks: list[tuple[str, Callable[[World], None]]] = [
        ("swap shards", lambda w: (os.replace(shards(w) / "shard-00000.dps", w.root / "s0"),
                                   os.replace(shards(w) / "shard-00001.dps", shards(w) / "shard-00000.dps"),
                                   os.replace(w.root / "s0", shards(w) / "shard-00001.dps"))),
        ("drop a shard", lambda w: (shards(w) / "shard-00001.dps").unlink()),
        ("duplicate a shard", lambda w: shutil.copy(shards(w) / "shard-00000.dps",
                                                    shards(w) / "shard-00001.dps")),
        ("grow a shard", lambda w: open(shards(w) / "shard-00000.dps", "ab").write(b"\0" * 32)),
        ("truncate a shard", lambda w: os.truncate(shards(w) / "shard-00000.dps", 40)),
        ("empty manifest", lambda w: w["manifest"].write_text("", encoding="utf-8")),
        ("manifest is a list", lambda w: w["manifest"].write_text("[]", encoding="utf-8")),
        ("grant is a list", lambda w: w["grant"].write_text("[]", encoding="utf-8")),
        ("grant of another dataset", lambda w: w["grant"].write_text(
            w["grant"].read_text(encoding="utf-8").replace('"clinic"', '"other"'), encoding="utf-8")),
        ("path traversal in manifest", lambda w: w["manifest"].write_text(
            w["manifest"].read_text(encoding="utf-8").replace("shards/shard-00000.dps",
                                                              "../../../etc/passwd"), encoding="utf-8")),
    ]
    for name, attack in attacks:
        readers = READERS["grant"] if name.startswith("grant") else (READERS["manifest"][0], _open)
        for reader in readers:
            w = next(worlds)
            attack(w)
            tally.record("structural", w, reader(w), bad=True)


def specials(tally: Tally, worlds: Iterator[World]) -> None:
    """A FIFO, /dev/zero, a folder and a sparse 100 MiB file wherever a file is read."""
    from tests.fuzz.test_special_files import READS

    for name, argv in READS:
        for kind in ("fifo", "dev-zero", "folder", "huge"):
            w = next(worlds)
            special = special_files(w.root / "special")[kind]
            tally.record("special files", w, argv(w, str(special)), bad=True, hang_s=30)


def kills(tally: Tally, scratch: Path, *, rows: int = 2_000_000, runs: int = 5) -> None:
    """``publish`` killed (SIGKILL) mid-write: no package may appear, and the next publish
    to the same path must succeed and remove what the killed one left."""
    count = tally.families.setdefault("killed mid-write", Counter())
    root = scratch / "kills"
    world = build_world(root)
    big = root / "big.csv"
    with open(big, "w", encoding="utf-8") as handle:
        handle.write("name,note\n")
        for i in range(rows):
            handle.write(f"n{i},some note text number {i}\n")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    for run in range(runs):
        out = root / f"killed-{run}"
        argv = [sys.executable, "-m", "dataprotocol.cli.main", *_publish(world, big)[:-1], str(out)]
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None and not any(
                p.name.startswith(f".killed-{run}.") for p in root.iterdir()):
            time.sleep(0.01)  # kill once it is writing: its staging folder exists
        time.sleep(0.1 * run)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        count["tried"] += 1
        leftovers = [p.name for p in root.iterdir() if p.name.startswith(f".killed-{run}.")]
        if (out / "manifest.json").exists():  # it finished before the kill: a whole package
            count["accepted"] += 1
            continue
        if out.exists():  # a package folder without its manifest: half-written
            count["partial"] += 1
        code = subprocess.run(argv, env=env, capture_output=True, timeout=600).returncode
        after = [p.name for p in root.iterdir() if p.name.startswith(f".killed-{run}.")]
        if code != 0 or after:
            count["partial"] += 1
        else:
            count["refused" if leftovers else "accepted"] += 1  # "refused": cleaned up after a kill


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stride", type=int, default=16, help="mutate every N-th byte")
    parser.add_argument("--json", type=Path, help="write the tallies here")
    parser.add_argument("--no-kills", action="store_true", help="skip the kill runs")
    parser.add_argument("--only-kills", action="store_true", help="only the kill runs")
    args = parser.parse_args()
    started = time.perf_counter()
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="dp-adversarial-") as tmp:
        scratch = Path(tmp)
        base = build_world(scratch / "base", model_card=not args.only_kills)
        worlds = fresh(base, scratch / "attacks")
        steps: list[Callable[[], None]] = [] if args.only_kills else [
            lambda: tables(tally, worlds), lambda: malformed(tally, worlds, base),
            lambda: structural(tally, worlds), lambda: specials(tally, worlds),
            lambda: mutations(tally, worlds, base, stride=args.stride)]
        if not args.no_kills:
            steps.append(lambda: kills(tally, scratch))
        for step in steps:
            step()
            print(dict(tally.total()), f"({time.perf_counter() - started:.0f} s)", flush=True)
    tally.print()
    print(f"({time.perf_counter() - started:.0f} s)")
    for example in tally.examples[:10]:
        print("  ", example)
    if args.json:
        args.json.write_text(json.dumps({"families": {k: dict(v) for k, v in tally.families.items()},
                                         "total": dict(tally.total()), "examples": tally.examples},
                                        indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
