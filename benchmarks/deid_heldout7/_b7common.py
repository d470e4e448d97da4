"""Template engine shared by the v7 held-out generator (standard library only).

A template is a string with ``{key}`` placeholders, ``{:}`` (the document's label
punctuation) and ``⟦a¦b¦c⟧`` alternatives (one wording picked per use).  A key is filled
once per document by ``v_<key without trailing digits>(index)`` of the value object, so a
value recurs consistently; keys in ``FRESH`` (chat clock times, fillers) are drawn anew on
every use.  A value is a list of ``(text, type-or-None)`` segments, so a title or label next
to a value (``小``, ``先生``, ``No.``, ``@``) stays outside the span by construction.
"""
from __future__ import annotations

import itertools
import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Segment = tuple[str, "str | None"]

_ALT = re.compile(r"⟦([^⟦⟧]*)⟧")
_KEY = re.compile(r"\{([a-z_]+)(\d*)\}")

# Direct identifiers must never appear unlabelled; these shapes are checked per document.
MOBILE_RE = re.compile(r"(?<![0-9０-９])1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9０-９])")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
RID18_RE = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class Kind:
    """One document kind: openers, ordered body sentences, closers and how to join them."""

    name: str
    openers: Sequence[str]
    bodies: Sequence[str]
    closers: Sequence[str] = ()
    lo: int = 4
    hi: int = 9
    joiner: str = "\n"
    form: bool = True  # pick one label punctuation per document
    closer_p: float = 0.8
    keep: tuple[int, ...] = ()  # body sentences every document of the kind carries


@dataclass
class Filled:
    text: str
    spans: list[dict] = field(default_factory=list)


class Document:
    """Fills templates for one document, caching each key's value."""

    def __init__(self, rng: random.Random, values: object, punct: str, fresh: frozenset[str]):
        self.rng = rng
        self.values = values
        self.punct = punct
        self.fresh = fresh
        self.cache: dict[str, list[Segment]] = {}

    def value(self, base: str, index: str) -> list[Segment]:
        key = base + index
        if base in self.fresh or key not in self.cache:
            fn: Callable[[int], list[Segment]] = getattr(self.values, "v_" + base)
            segs = fn(int(index or "1"))
            if base in self.fresh:
                return segs
            self.cache[key] = segs
        return self.cache[key]

    def fill(self, template: str) -> list[Segment]:
        text = template
        while _ALT.search(text):
            text = _ALT.sub(lambda m: self.rng.choice(m.group(1).split("¦")), text)
        text = text.replace("{:}", self.punct)
        out: list[Segment] = []
        pos = 0
        for m in _KEY.finditer(text):
            out.append((text[pos:m.start()], None))
            out.extend(self.value(m.group(1), m.group(2)))
            pos = m.end()
        out.append((text[pos:], None))
        return out


def join_segments(segs: Sequence[Segment]) -> Filled:
    parts: list[str] = []
    spans: list[dict] = []
    pos = 0
    for text, etype in segs:
        if not text:
            continue
        if etype is not None:
            spans.append({"start": pos, "end": pos + len(text), "type": etype})
        parts.append(text)
        pos += len(text)
    return Filled("".join(parts), spans)


def problems(doc: Filled) -> list[str]:
    """Why a drawn document must be redrawn (touching spans, unlabelled recurrences)."""
    out: list[str] = []
    text, spans = doc.text, doc.spans
    for a, b in itertools.pairwise(spans):
        if b["start"] <= a["end"]:
            out.append("touching spans")
    for s in spans:
        frag = text[s["start"]:s["end"]]
        if frag != frag.strip():
            out.append("whitespace edge")
    covered = [False] * len(text)
    for s in spans:
        for i in range(s["start"], s["end"]):
            covered[i] = True
    for s in spans:
        frag = text[s["start"]:s["end"]]
        if len(frag) < 3:
            continue
        i = text.find(frag)
        while i >= 0:
            if not all(covered[i:i + len(frag)]):
                out.append("unlabelled recurrence")
                break
            i = text.find(frag, i + 1)
    ascii_text = text.translate(FULLWIDTH)
    for rx in (MOBILE_RE, EMAIL_RE, RID18_RE):
        for m in rx.finditer(ascii_text):
            if not all(covered[m.start():m.end()]):
                out.append("unlabelled shape " + rx.pattern[:12])
    return out


def build_document(rng: random.Random, kind: Kind, values: object, fillers: Sequence[str],
                   puncts: Sequence[tuple[str, int]], fresh: frozenset[str]) -> Filled:
    if kind.form:
        punct = rng.choices([p for p, _ in puncts], weights=[w for _, w in puncts])[0]
    else:
        punct = "："
    doc = Document(rng, values, punct, fresh)
    n = rng.randint(min(kind.lo, len(kind.bodies)), min(kind.hi, len(kind.bodies)))
    rest = [i for i in range(len(kind.bodies)) if i not in kind.keep]
    picked = sorted(set(kind.keep) | set(rng.sample(rest, max(0, n - len(kind.keep)))))
    lines = [rng.choice(kind.openers)]
    used_fill: set[str] = set()
    for i in picked:
        if fillers and rng.random() < 0.12:
            f = rng.choice(fillers)
            if f not in used_fill:
                used_fill.add(f)
                lines.append(f)
        lines.append(kind.bodies[i])
    if kind.closers and rng.random() < kind.closer_p:
        lines.append(rng.choice(kind.closers))
    segs: list[Segment] = []
    for k, line in enumerate(lines):
        if k:
            segs.append((kind.joiner, None))
        segs.extend(doc.fill(line))
    return join_segments(segs)


def generate(*, seed: int, kinds: Sequence[Kind], per_kind: int, pii_free: Kind, n_free: int,
             make_values: Callable[[random.Random], object], fillers: Sequence[str],
             puncts: Sequence[tuple[str, int]], fresh: frozenset[str], lang: str) -> list[dict]:
    rng = random.Random(seed)
    seen: set[str] = set()
    rows: list[dict] = []
    plan = [k for k in kinds for _ in range(per_kind)] + [pii_free] * n_free
    for kind in plan:
        for _attempt in range(200):
            doc = build_document(rng, kind, make_values(rng), fillers, puncts, fresh)
            if doc.text in seen or problems(doc):
                continue
            if kind is pii_free and doc.spans:
                continue
            break
        else:
            raise RuntimeError(f"could not draw a valid {kind.name} document")
        seen.add(doc.text)
        rows.append({"text": doc.text, "spans": doc.spans, "shape": kind.name, "lang": lang})
    rng.shuffle(rows)
    return rows


def write_jsonl(rows: Sequence[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
