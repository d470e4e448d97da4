"""Template engine for heldout_zh8: templates with ``{key}`` placeholders -> text + spans.

``{name2}`` is filled by ``values.v_name(2)`` once per document (so it recurs consistently);
``⟦a¦b¦c⟧`` picks one wording per use; ``§`` is the document's label punctuation (form kinds);
``{money}``, ``{qty}``, ``{clock}`` are PII-free and drawn afresh on each use.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{([a-z]+)(\d*)\}")
CHOICE = re.compile(r"⟦([^⟦⟧]*)⟧")
MOBILE_SHAPE = re.compile(r"(?<!\d)1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)")
EMAIL_SHAPE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
RID_SHAPE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")


@dataclass(frozen=True)
class Kind:
    name: str
    openers: tuple[str, ...]
    bodies: tuple[str, ...]
    closers: tuple[str, ...] = ()
    joiner: str = "\n"
    lo: int = 4
    hi: int = 9
    form: bool = False
    keep: tuple[int, ...] = (0,)


class Renderer:
    def __init__(self, rng: random.Random, values: object, fillers: list[str]) -> None:
        self.rng = rng
        self.values = values
        self.fillers = fillers

    def _fresh(self, base: str) -> str | None:
        r = self.rng
        if base == "money":
            return r.choice([f"{r.randint(12, 9800)}元", f"{r.randint(1, 60)},{r.randint(0, 999):03d}.00元",
                             f"¥{r.randint(30, 4999)}.{r.randint(0, 99):02d}", f"{r.randint(2, 300)}00元"])
        if base == "amt":
            return f"{r.randint(2600, 38000)}.{r.choice(['00', '50', str(r.randint(10, 99))])}"
        if base == "qty":
            return str(r.randint(2, 48))
        if base == "clock":
            self.clock = min(self.clock + r.randint(1, 9), 23 * 60 + 59)
            return f"{self.clock // 60:02d}:{self.clock % 60:02d}"
        return None

    def _line(self, template: str, cache: dict[str, list]) -> list[tuple[str, str | None]]:
        while CHOICE.search(template):
            template = CHOICE.sub(lambda m: self.rng.choice(m.group(1).split("¦")), template, count=1)
        template = template.replace("§", self.punct)
        out: list[tuple[str, str | None]] = []
        pos = 0
        for m in PLACEHOLDER.finditer(template):
            out.append((template[pos:m.start()], None))
            base, idx = m.group(1), m.group(2)
            fresh = self._fresh(base)
            if fresh is not None:
                out.append((fresh, None))
            else:
                key = base + idx
                if key not in cache:
                    cache[key] = getattr(self.values, "v_" + base)(int(idx or 1))
                out.extend(cache[key])
            pos = m.end()
        out.append((template[pos:], None))
        return out

    def render(self, kind: Kind) -> tuple[str, list[dict]]:
        r = self.rng
        self.values.reset()
        self.clock = r.randint(7 * 60, 14 * 60)
        self.punct = r.choice(["：", "：", "：", ":", ": "]) if kind.form else "："
        n = r.randint(kind.lo, min(kind.hi, len(kind.bodies)))
        chosen = {k for k in kind.keep if k < len(kind.bodies)}
        rest = [k for k in range(len(kind.bodies)) if k not in chosen]
        chosen.update(r.sample(rest, max(0, n - len(chosen))))
        lines = [r.choice(kind.openers)] if kind.openers else []
        free = list(self.fillers)
        for k in sorted(chosen):
            if free and r.random() < 0.12:
                lines.append(free.pop(r.randrange(len(free))))
            lines.append(kind.bodies[k])
        if kind.closers and r.random() < 0.85:
            lines.append(r.choice(kind.closers))
        cache: dict[str, list] = {}
        segs: list[tuple[str, str | None]] = []
        for j, line in enumerate(lines):
            if j:
                segs.append((kind.joiner, None))
            segs.extend(self._line(line, cache))
        return assemble(segs)


def assemble(segs: list[tuple[str, str | None]]) -> tuple[str, list[dict]]:
    text, spans, pos = [], [], 0
    for chunk, etype in segs:
        if etype is not None and chunk:
            spans.append({"start": pos, "end": pos + len(chunk), "type": etype})
        text.append(chunk)
        pos += len(chunk)
    return "".join(text), spans


def problems(text: str, spans: list[dict]) -> list[str]:
    """Reasons to redraw: touching spans, unlabelled recurrences and PII shapes outside spans."""
    out = []
    covered = [False] * len(text)
    for s in spans:
        for k in range(s["start"], s["end"]):
            covered[k] = True
    for a, b in itertools.pairwise(spans):
        if a["end"] >= b["start"]:
            out.append("touching")
    for s in spans:
        value = text[s["start"]:s["end"]]
        if value != value.strip() or not value:
            out.append("whitespace edge")
        if len(value) < 3:
            continue
        start = text.find(value)
        while start >= 0:
            if not all(covered[start:start + len(value)]):
                out.append("unlabelled recurrence " + s["type"])
            start = text.find(value, start + 1)
    for pat in (MOBILE_SHAPE, EMAIL_SHAPE, RID_SHAPE):
        for m in pat.finditer(text):
            if not all(covered[m.start():m.end()]):
                out.append("unlabelled shape")
    return out
