"""``_base.HAN`` is ``regex``'s ``\\p{Han}``, and the Chinese address hierarchy compiled
with ``re`` (for speed) finds exactly what the ``regex`` original finds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from dataprotocol.deid.recognizers._base import HAN, compile_pattern, han_pattern
from dataprotocol.deid.recognizers._zh_address import _REGEX

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "deid"
ORIGINAL = regex.compile(_REGEX)
FAST = compile_pattern(han_pattern(_REGEX))


def _matches(pattern: object, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]  # type: ignore[attr-defined]


def test_han_class_is_the_unicode_script_for_every_code_point() -> None:
    """Planes 0-3 one by one (all of Han lives there), and what is above them in one go."""
    ours, theirs = re.compile(f"[{HAN}]"), regex.compile(r"\p{Han}")
    differ = [cp for cp in range(0x40000) if (ours.match(chr(cp)) is None) != (theirs.match(chr(cp)) is None)]
    above = "".join(map(chr, range(0x40000, 0x110000)))
    assert ours.search(above) is None and theirs.search(above) is None
    assert differ == []


def test_fast_hierarchy_is_compiled_with_re() -> None:
    assert isinstance(FAST, re.Pattern) and r"\p{" not in han_pattern(_REGEX)


def test_same_matches_on_every_chinese_corpus() -> None:
    texts = [json.loads(line)["text"] for path in sorted(DATA.glob("*zh*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines()[::4] if line.strip()]
    assert len(texts) > 500  # every 4th document of each (the whole of them took 21 s)
    assert [t for t in texts if _matches(FAST, t) != _matches(ORIGINAL, t)] == []


ADDRESS_ALPHABET = st.sampled_from(list("省市区县旗镇乡村路街巷道弄号栋楼座幢单元层室房院园苑城府小花中心大厦广场"
                                        "北京上海浙江杭州西湖文三东南一二三十百的了在住去我他和于0123456789-之AB ，。\n"
                                        "𠀀〇々豈"))


@settings(max_examples=300, deadline=None)
@given(st.lists(ADDRESS_ALPHABET, max_size=60).map("".join))
def test_same_matches_on_arbitrary_address_like_text(text: str) -> None:
    assert _matches(FAST, text) == _matches(ORIGINAL, text)
