"""Validate dev_zh4.jsonl and dev13.jsonl; --regenerate also requires byte-identical output. Exit 0 = valid."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data" / "deid"
FILES = {"dev_zh4.jsonl": ("make_dev_zh4.py", "zh"), "dev13.jsonl": ("make_dev_en13.py", "en")}
TYPES = {"PERSON", "DATE_TIME", "PHONE_NUMBER", "ID", "ORGANIZATION", "STREET_ADDRESS", "CN_RESIDENT_ID",
         "EMAIL_ADDRESS", "CN_BANK_CARD", "AGE", "ZIP_CODE", "LOCATION", "CN_VEHICLE_PLATE", "CN_USCC", "NRP",
         "MEDICAL_RECORD_NUMBER", "CN_PASSPORT", "URL", "CREDIT_CARD", "IP_ADDRESS", "US_SSN", "US_DRIVER_LICENSE",
         "IBAN_CODE", "US_PASSPORT"}
USCC_CH = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# strings that look like PII and must never appear outside a span
LEAKS = [re.compile(p) for p in (r"[\w.]+@[\w.]+\.\w+", r"(?<!\d)1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)", r"https?://\S+",
                                 r"(?<!\d)\d{17}[\dXx](?!\d)", r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)")]


def luhn(s: str) -> bool:
    d = [int(c) for c in s if c.isdigit()][::-1]
    return sum(x if i % 2 == 0 else (x * 2 - 9 if x > 4 else x * 2) for i, x in enumerate(d)) % 10 == 0


def rid_ok(s: str) -> bool:
    s = s.replace(" ", "").upper()
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return len(s) == 18 and "10X98765432"[sum(int(c) * x for c, x in zip(s[:17], w)) % 11] == s[17]


def uscc_ok(s: str) -> bool:
    w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    if len(s) != 18 or any(c not in USCC_CH for c in s):
        return False
    org = s[8:17]
    total = sum(int(c, 36) * x for c, x in zip(org[:8], [3, 7, 9, 10, 5, 8, 4, 2]))
    c9 = 11 - total % 11
    if org[8] != {10: "X", 11: "0"}.get(c9, str(c9)):
        return False
    return USCC_CH[(31 - sum(USCC_CH.index(c) * x for c, x in zip(s, w)) % 31) % 31] == s[17]


def iban_ok(s: str) -> bool:
    s = s.replace(" ", "")
    return int("".join(str(int(c, 36)) for c in s[4:] + s[:4])) % 97 == 1


CHECKS = {"CN_RESIDENT_ID": rid_ok, "CN_USCC": uscc_ok, "IBAN_CODE": iban_ok, "CN_BANK_CARD": luhn, "CREDIT_CARD": luhn}


def check_doc(doc: dict, lang: str) -> list[str]:
    errs = []
    if set(doc) != {"text", "spans", "shape", "lang"} or doc["lang"] != lang:
        return ["bad fields or lang"]
    text, prev = doc["text"], 0
    for sp in doc["spans"]:
        s, e, t = sp["start"], sp["end"], sp["type"]
        piece = text[s:e]
        if t not in TYPES or not (prev <= s < e <= len(text)) or piece != piece.strip():
            errs.append(f"bad span {sp}")
        if s == prev and prev:
            errs.append(f"span touches previous at {s}")
        if t in CHECKS and not CHECKS[t](piece):
            errs.append(f"checksum fails for {t} at {s}")
        prev = e
    covered = [False] * len(text)
    for sp in doc["spans"]:
        covered[sp["start"] : sp["end"]] = [True] * (sp["end"] - sp["start"])
    for sp in doc["spans"]:
        piece = text[sp["start"] : sp["end"]]
        if len(piece) < (3 if lang == "zh" else 4):
            continue
        for m in re.finditer(re.escape(piece), text):
            if not all(covered[m.start() : m.end()]) and (lang == "zh" or re.fullmatch(r"\b.*\b", text[m.start() - 1 : m.end() + 1] or "")):
                errs.append(f"recurring {sp['type']} value unlabelled at {m.start()}")
    for rx in LEAKS:
        for m in rx.finditer(text):
            if not any(covered[m.start() : m.end()]):
                errs.append(f"PII-like string outside spans at {m.start()}")
    return errs


def summary(path: Path, lang: str) -> int:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    bad, types, shapes, texts = 0, Counter(), Counter(), set()
    for i, doc in enumerate(docs, 1):
        errs = check_doc(doc, lang)
        if doc["text"] in texts:
            errs.append("duplicate text")
        texts.add(doc["text"])
        for err in errs:
            print(f"{path.name}:{i}: {err}")
        bad += bool(errs)
        types.update(sp["type"] for sp in doc["spans"])
        shapes[doc["shape"]] += 1
    print(f"## {path.name}\ndocuments: {len(docs)} (invalid: {bad}); spans: {sum(types.values())}")
    print("per shape: " + ", ".join(f"{k} {v}" for k, v in sorted(shapes.items())))
    print("per type:  " + ", ".join(f"{k} {v}" for k, v in types.most_common()))
    return bad


def main() -> int:
    assert rid_ok("11010519491231002X") and uscc_ok("91350100M000100Y43")
    assert iban_ok("GB82 WEST 1234 5698 7654 32") and luhn("4111 1111 1111 1111")
    bad = sum(summary(DATA / name, lang) for name, (_, lang) in FILES.items())
    if "--regenerate" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            for name, (gen, _) in FILES.items():
                subprocess.run([sys.executable, str(HERE / gen), tmp], check=True, capture_output=True)
                same = (Path(tmp) / name).read_bytes() == (DATA / name).read_bytes()
                print(f"{name}: regeneration {'byte-identical' if same else 'DIFFERS'}")
                bad += not same
    print("OK" if not bad else "FAILED")
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main())
