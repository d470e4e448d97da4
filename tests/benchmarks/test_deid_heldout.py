"""The committed held-out corpora are valid and exactly what their seeded generators write.

A hand edit of a held-out file (e.g. after peeking at leaks) would make it fail here.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "benchmarks" / "deid_heldout"
DATA = ROOT / "benchmarks" / "data" / "deid"


def _load(name: str) -> ModuleType:
    sys.path.insert(0, str(HERE))
    try:
        spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(HERE))


@pytest.mark.parametrize(("script", "data"), [("make_heldout_zh", "heldout_zh.jsonl"),
                                              ("make_heldout_en10", "heldout10.jsonl")])
def test_committed_corpus_is_the_generator_output(script: str, data: str, tmp_path: Path) -> None:
    out = tmp_path / data
    assert _load(script).main(["--out", str(out)]) == 0
    got, committed = out.read_bytes().split(b"\n"), (DATA / data).read_bytes().split(b"\n")
    # name the first differing document, not a diff of the whole file (it drowned CI's log)
    first = next((i for i, (a, b) in enumerate(zip(got, committed)) if a != b), min(len(got), len(committed)))
    assert got == committed, f"{data}: document {first + 1} differs from the generator's output"


def test_corpora_pass_the_checker(capsys: pytest.CaptureFixture[str]) -> None:
    check = _load("check_corpus")
    assert check.main([]) == 0
    assert capsys.readouterr().out.rstrip().endswith("OK")


def test_checker_rejects_a_bad_checksum_and_an_overlap(tmp_path: Path) -> None:
    check = _load("check_corpus")
    text = "身份证110105194912310021，卡号6222020200112233445"
    bad_id = {"text": text, "spans": [{"start": 3, "end": 21, "type": "CN_RESIDENT_ID"}], "shape": "t", "lang": "zh"}
    overlap = {"text": text, "spans": [{"start": 3, "end": 21, "type": "ID"}, {"start": 20, "end": 22, "type": "ID"}],
               "shape": "t", "lang": "zh"}
    good = {"text": text, "spans": [{"start": 3, "end": 20, "type": "ID"}], "shape": "t", "lang": "zh"}
    assert check.check_doc(bad_id) and check.check_doc(overlap) and not check.check_doc(good)
    assert check.resident_id_ok("11010519491231002X") and not check.resident_id_ok("110105194912310021")
    assert check.uscc_ok("91350100M000100Y43") and not check.uscc_ok("91350100M000100Y44")
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in (good, bad_id)) + "\n", encoding="utf-8")
    assert check.main([str(path)]) == 1


@pytest.mark.parametrize("round_", ["6", "7", "8", "9"])
def test_blind_rounds_regenerate_byte_for_byte(round_: str) -> None:
    """The blind rounds' own checkers (standard library only): every document valid and
    the committed files exactly their generators' output."""
    import subprocess

    script = ROOT / "benchmarks" / f"deid_heldout{round_}" / f"check_heldout{round_}.py"
    done = subprocess.run([sys.executable, str(script), "--regenerate"], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert done.stdout.rstrip().endswith("OK")
