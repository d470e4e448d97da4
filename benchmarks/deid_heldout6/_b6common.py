"""Template engine shared by the v6 held-out de-identification generators (blind6).

A template is a string with ``{key}`` placeholders and ``⟦a¦b⟧`` wording alternatives. Each key is filled once per document by
``v_<key without trailing digits>(index)`` of the language's value object, so a value recurs
consistently; ``{name2}``/``{rid2}``/``{age2}`` all belong to person 2. A value is a list of
``(text, type)`` segments (type ``None`` = not PII), so titles and labels next to a value stay
outside the span by construction. Python standard library only; no clock is read.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

Seg = tuple[str, "str | None"]
_KEY = re.compile(r"\{([A-Za-z_]+?)(\d*)\}")
QUASI = frozenset({"LOCATION", "DATE_TIME", "AGE", "ORGANIZATION", "ZIP_CODE", "NRP"})
_FW = {ord("0") + i: chr(0xFF10 + i) for i in range(10)}
_FW_BACK = {0xFF10 + i: ord("0") + i for i in range(10)}


def to_fullwidth(text: str) -> str:
    return text.translate(_FW)


def from_fullwidth(text: str) -> str:
    return text.translate(_FW_BACK)


@dataclass(frozen=True)
class Kind:
    """A document kind: openers, body sentences, closers and how they are joined."""

    name: str
    openers: tuple[str, ...]
    body: tuple[str, ...]
    closers: tuple[str, ...] = ()
    joiner: str = "\n"
    nmin: int = 3
    nmax: int = 7
    ordered: bool = True
    closer_p: float = 0.8
    filler_p: float = 0.12
    fields: dict = field(default_factory=dict)


class BaseValues:
    """Per-document value source; subclasses define ``v_<key>(index)`` methods."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.cache: dict[str, list[Seg]] = {}
        self.people: dict[int, dict] = {}

    nocache: frozenset[str] = frozenset()  # keys drawn afresh at every placeholder (chat clock times)

    def get(self, key: str) -> list[Seg]:
        if key in self.nocache or key not in self.cache:
            m = re.fullmatch(r"([A-Za-z_]+?)(\d*)", key)
            base, idx = m.group(1), int(m.group(2) or 1)
            value = getattr(self, "v_" + base)(idx)
            if isinstance(value, str):
                value = [(value, None)]
            elif isinstance(value, tuple):
                value = [value]
            self.cache[key] = value
        return self.cache[key]

    def person(self, idx: int) -> dict:
        if idx not in self.people:
            self.people[idx] = self.new_person(idx)
        return self.people[idx]

    def new_person(self, idx: int) -> dict:  # pragma: no cover - overridden
        raise NotImplementedError


_ALT = re.compile(r"⟦([^⟦⟧]*)⟧")


def render(template: str, values: BaseValues) -> list[Seg]:
    """Fill ``{key}`` placeholders; ``⟦a¦b¦c⟧`` picks one wording at random (phrasing variety)."""
    template = _ALT.sub(lambda m: values.rng.choice(m.group(1).split("¦")), template)
    out: list[Seg] = []
    pos = 0
    for m in _KEY.finditer(template):
        if m.start() > pos:
            out.append((template[pos : m.start()], None))
        out.extend(values.get(m.group(1) + m.group(2)))
        pos = m.end()
    if pos < len(template):
        out.append((template[pos:], None))
    return out


def segments_to_doc(segs: list[Seg]) -> tuple[str, list[dict]]:
    text_parts: list[str] = []
    spans: list[dict] = []
    pos = 0
    for text, etype in segs:
        if etype is not None and text:
            spans.append({"start": pos, "end": pos + len(text), "type": etype})
        text_parts.append(text)
        pos += len(text)
    return "".join(text_parts), spans


def assemble(kind: Kind, values: BaseValues, fillers: list[str], rng: random.Random) -> tuple[str, list[dict]]:
    n = rng.randint(kind.nmin, min(kind.nmax, len(kind.body)))
    picks = rng.sample(range(len(kind.body)), n)
    if kind.ordered:
        picks.sort()
    parts = [rng.choice(kind.openers)] if kind.openers else []
    free = list(fillers)
    rng.shuffle(free)
    for i in picks:
        if free and rng.random() < kind.filler_p:
            parts.append(free.pop())
        parts.append(kind.body[i])
    if kind.closers and rng.random() < kind.closer_p:
        parts.append(rng.choice(kind.closers))
    segs: list[Seg] = []
    for j, part in enumerate(parts):
        if j:
            segs.append((kind.joiner, None))
        segs.extend(render(part, values))
    return segments_to_doc(segs)


def coverage_problems(text: str, spans: list[dict], min_len: int) -> list[str]:
    """Every occurrence of a labelled value string (>= min_len chars) must lie inside a span."""
    problems = []
    values = {text[s["start"] : s["end"]] for s in spans}
    for value in values:
        if len(value) < min_len:
            continue
        start = text.find(value)
        while start != -1:
            end = start + len(value)
            if not any(s["start"] <= start and end <= s["end"] for s in spans):
                problems.append(f"unlabelled occurrence of {value!r} at {start}")
            start = text.find(value, start + 1)
    return problems


def spans_touch(spans: list[dict]) -> bool:
    return any(a["end"] >= b["start"] for a, b in itertools.pairwise(spans))


def build(
    *,
    kinds: list[Kind],
    per_kind: int,
    free_kind: Kind,
    n_free: int,
    make_values,
    fillers: list[str],
    seed: int,
    lang: str,
    min_len: int,
) -> list[dict]:
    rng = random.Random(seed)
    docs: list[dict] = []
    seen: set[str] = set()
    plan = [k for k in kinds for _ in range(per_kind)] + [free_kind] * n_free
    for kind in plan:
        for _attempt in range(200):
            values = make_values(rng)
            text, spans = assemble(kind, values, fillers, rng)
            if text in seen or spans_touch(spans) or coverage_problems(text, spans, min_len):
                continue
            if any(text[s["start"] : s["end"]] != text[s["start"] : s["end"]].strip() for s in spans):
                continue
            break
        else:  # pragma: no cover - would mean broken templates
            raise RuntimeError(f"could not draw a valid {kind.name} document")
        seen.add(text)
        docs.append({"text": text, "spans": spans, "shape": kind.name, "lang": lang})
    rng.shuffle(docs)
    return docs


def output_dir(script: str) -> Path:
    """Optional first argument = output directory; default ``benchmarks/data/deid/`` of the repo."""
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    return Path(script).resolve().parents[2] / "benchmarks" / "data" / "deid"


def write_jsonl(path: Path, docs: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")


# ---- checksums (also re-implemented independently in check_heldout6.py) ----
_ID_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def gb11643_check(first17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, _ID_W)) % 11]


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_W = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_W = (3, 7, 9, 10, 5, 8, 4, 2)


def gb11714_check(first8: str) -> str:
    total = sum(int(c, 36) * w for c, w in zip(first8, _ORG_W))
    c = 11 - total % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def gb32100_check(first17: str) -> str:
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_W))
    return _USCC_CHARS[(31 - total % 31) % 31]


def luhn_complete(partial: str) -> str:
    digits = [int(c) for c in partial + "0"]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return partial + str((10 - total % 10) % 10)


def iban_make(country: str, bban: str) -> str:
    moved = bban + country + "00"
    num = int("".join(str(int(c, 36)) for c in moved))
    return f"{country}{98 - num % 97:02d}{bban}"


def group(s: str, n: int = 4, sep: str = " ") -> str:
    return sep.join(s[i : i + n] for i in range(0, len(s), n))
