"""Template engine shared by the dev4 generators: fills {key} placeholders, records spans."""

from __future__ import annotations

import json
import re
from pathlib import Path

PLACE = re.compile(r"\{([a-z_]+)(\d*)\}")


def fill(template: str, values, cache: dict) -> list[tuple[str, str | None]]:
    """Split a template into (text, type) segments; each key is drawn once per document."""
    segs: list[tuple[str, str | None]] = []
    pos = 0
    for m in PLACE.finditer(template):
        segs.append((template[pos : m.start()], None))
        key = m.group(1) + m.group(2)
        if key not in cache:
            cache[key] = getattr(values, "v_" + m.group(1))(m.group(2))
        segs.extend(cache[key])
        pos = m.end()
    segs.append((template[pos:], None))
    return segs


def assemble(segs: list[tuple[str, str | None]]) -> tuple[str, list[dict]]:
    text, spans = "", []
    for chunk, kind in segs:
        if kind is not None:
            spans.append({"start": len(text), "end": len(text) + len(chunk), "type": kind})
        text += chunk
    for span in spans:
        piece = text[span["start"] : span["end"]]
        assert piece and piece == piece.strip(), piece
    return text, spans


def build(rng, values, kinds: dict, per_kind: int, lang: str, fillers: list[str]) -> list[dict]:
    docs, seen = [], set()
    for name, (heads, body, tails, joiner, lo, hi) in kinds.items():
        count = 0
        while count < per_kind:
            values.reset()
            cache: dict = {}
            parts = [rng.choice(heads)] if heads else []
            k = min(len(body), rng.randint(lo, hi))
            idx = sorted(rng.sample(range(len(body)), k))
            pool = list(fillers)
            for i in idx:
                if pool and rng.random() < 0.12:
                    parts.append(pool.pop(rng.randrange(len(pool))))
                parts.append(body[i])
            if tails:
                parts.append(rng.choice(tails))
            # form kinds pick one label punctuation per document
            colon = rng.choice(["：", "：", ":", ": ", " "])
            parts = [part.replace("{:}", colon) for part in parts]
            segs: list[tuple[str, str | None]] = []
            for j, part in enumerate(parts):
                if j:
                    segs.append((joiner, None))
                segs.extend(fill(part, values, cache))
            text, spans = assemble(segs)
            if text in seen:
                continue
            seen.add(text)
            docs.append({"text": text, "spans": spans, "shape": name, "lang": lang})
            count += 1
    return docs


def write(docs: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
