"""Shared machinery for the blind held-out corpora v3 (standard library only).

A template is a string with ``{key}`` placeholders.  Each key is filled once per
document by a ``Profile`` (so a name or a phone recurs consistently); the value
generator is chosen by the key with its trailing digits removed (``name2`` ->
``name``) and returns ``(value, entity_type)``; ``entity_type`` None means the
value is filler (a sex, an amount) and gets no span.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

PLACEHOLDER = re.compile(r"\{([a-z_]+?)(\d*)\}")

Generator = Callable[["Profile", str], "tuple[str, str | None]"]

ALLOWED_TYPES = frozenset(
    {
        "PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "CN_RESIDENT_ID", "CN_BANK_CARD", "CN_USCC",
        "CN_PASSPORT", "CN_VEHICLE_PLATE", "STREET_ADDRESS", "LOCATION", "DATE_TIME", "AGE",
        "ORGANIZATION", "NRP", "ID", "MEDICAL_RECORD_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN",
        "US_DRIVER_LICENSE", "US_PASSPORT", "IP_ADDRESS", "URL", "ZIP_CODE",
    }
)
QUASI_TYPES = frozenset({"LOCATION", "DATE_TIME", "AGE", "ORGANIZATION", "ZIP_CODE", "NRP"})

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "deid"


class Profile:
    """Per-document values: each key is generated once, on first use."""

    def __init__(self, rng, generators: dict[str, Generator]) -> None:
        self.rng = rng
        self.generators = generators
        self.values: dict[str, tuple[str, str | None]] = {}
        self.meta: dict[str, object] = {}

    def get(self, base: str, suffix: str = "") -> tuple[str, str | None]:
        key = base + suffix
        if key not in self.values:
            if base not in self.generators:
                raise KeyError(f"no generator for placeholder {{{key}}}")
            self.values[key] = self.generators[base](self, suffix)
        return self.values[key]


def render(template: str, profile: Profile) -> tuple[str, list[tuple[int, int, str]]]:
    """Fill one template; return its text and spans (offsets relative to the text)."""
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    for m in PLACEHOLDER.finditer(template):
        literal = template[pos:m.start()]
        out.append(literal)
        length += len(literal)
        value, etype = profile.get(m.group(1), m.group(2))
        if etype is not None:
            if value != value.strip() or not value:
                raise ValueError(f"value {value!r} for {m.group(0)} has whitespace at an edge")
            spans.append((length, length + len(value), etype))
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(template[pos:])
    return "".join(out), spans


def assemble(parts: list[str], profile: Profile, joiner: str) -> dict:
    text_parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    offset = 0
    for i, part in enumerate(parts):
        if i:
            text_parts.append(joiner)
            offset += len(joiner)
        t, s = render(part, profile)
        spans.extend((a + offset, b + offset, ty) for a, b, ty in s)
        text_parts.append(t)
        offset += len(t)
    return {"text": "".join(text_parts), "spans": spans}


def build_document(rng, kind: dict, generators: dict[str, Generator], fillers: list[str]) -> dict:
    """One opener, ``kind['n']`` body sentences (sampled, optionally kept in order), a closer."""
    profile = Profile(rng, generators)
    lo, hi = kind.get("n", (3, 6))
    body = kind["body"]
    k = min(len(body), rng.randint(lo, hi))
    if kind.get("ordered"):
        idx = sorted(rng.sample(range(len(body)), k))
        chosen = [body[i] for i in idx]
    else:
        chosen = rng.sample(body, k)
    for must in kind.get("always", []):
        if must not in chosen:
            chosen.insert(0, must)
    parts = [rng.choice(kind["openers"])]
    restyle = kind.get("restyle")
    spare = list(fillers)
    for sentence in chosen:
        if spare and rng.random() < kind.get("filler_rate", 0.15):
            parts.append(spare.pop(rng.randrange(len(spare))))
        parts.append(sentence)
    if kind.get("closers") and rng.random() < kind.get("closer_rate", 0.9):
        parts.append(rng.choice(kind["closers"]))
    if restyle is not None:
        # one label punctuation style per document, applied to template literals only
        fix = restyle(rng)
        parts = [fix(p) for p in parts]
    joiner = kind.get("joiner", "\n")
    if callable(joiner):
        joiner = joiner(rng)
    if joiner.strip(" ") == "":
        # running prose: the heading still stands on its own line
        head, rest = parts[0], parts[1:]
        parts = [head + "\n" + rest[0]] + rest[1:] if rest else [head]
    return assemble(parts, profile, joiner)


def generate(rng, kinds: dict[str, dict], generators, fillers, per_kind: int, pii_free: list[str],
             pii_free_count: int, lang: str) -> list[dict]:
    docs: list[dict] = []
    seen: set[str] = set()
    for shape, kind in kinds.items():
        made = 0
        tries = 0
        while made < per_kind:
            tries += 1
            if tries > per_kind * 50:
                raise RuntimeError(f"kind {shape}: cannot draw {per_kind} distinct documents")
            doc = build_document(rng, kind, generators, fillers)
            if doc["text"] in seen:
                continue
            seen.add(doc["text"])
            docs.append(_record(doc, shape, lang))
            made += 1
    made = 0
    tries = 0
    while made < pii_free_count:
        tries += 1
        if tries > pii_free_count * 200:
            raise RuntimeError("pii_free: cannot draw enough distinct documents")
        n = rng.randint(3, 6)
        text_parts = rng.sample(pii_free, n)
        joiner = rng.choice(["\n", "" if lang == "zh" else " ", "\n\n"])
        text = joiner.join(text_parts)
        if text in seen:
            continue
        seen.add(text)
        docs.append({"text": text, "spans": [], "shape": "pii_free", "lang": lang})
        made += 1
    return docs


def _record(doc: dict, shape: str, lang: str) -> dict:
    spans = sorted(doc["spans"])
    return {
        "text": doc["text"],
        "spans": [{"start": a, "end": b, "type": t} for a, b, t in spans],
        "shape": shape,
        "lang": lang,
    }


def write_jsonl(docs: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- checksums
def luhn_check_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
GB11643_CODES = "10X98765432"


def gb11643_check(body17: str) -> str:
    return GB11643_CODES[sum(int(c) * w for c, w in zip(body17, GB11643_WEIGHTS)) % 11]


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]


def gb32100_check(body17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(body17, USCC_WEIGHTS))
    return USCC_CHARS[(31 - total % 31) % 31]


ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def gb11714_check(body8: str) -> str:
    def val(c: str) -> int:
        return int(c) if c.isdigit() else ord(c) - 55

    c = 11 - sum(val(ch) * w for ch, w in zip(body8, ORG_WEIGHTS)) % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


def iban_check_digits(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    num = int("".join(str(int(c, 36)) for c in rearranged))
    return f"{98 - num % 97:02d}"


def iban_valid(iban: str) -> bool:
    s = iban.replace(" ", "")
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1
