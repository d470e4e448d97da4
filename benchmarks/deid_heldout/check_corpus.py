"""Validate the held-out corpora and print a summary (counts per type, per shape).

Usage: python benchmarks/deid_heldout/check_corpus.py [FILE.jsonl ...]

Checks per document: required fields; spans sorted, inside the text, non-overlapping,
no surrounding whitespace, known type; checksums: CN_RESIDENT_ID (GB 11643 MOD 11-2 for
18 digits, valid birth date for both 18 and 15 digits), CN_USCC (GB 32100), Luhn for
CN_BANK_CARD and CREDIT_CARD, US_SSN shape, IBAN mod 97, plate shape; no delimiter at a
span's edge. The validators are written
again here (not imported from the generators) so a generator bug cannot hide itself.
Exit status 1 if any document fails, 2 on unreadable input.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = (ROOT / "benchmarks/data/deid/heldout_zh.jsonl", ROOT / "benchmarks/data/deid/heldout10.jsonl")
DIRECT = {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "STREET_ADDRESS", "CREDIT_CARD", "US_SSN",
          "MEDICAL_RECORD_NUMBER", "IBAN_CODE", "IP_ADDRESS", "US_PASSPORT", "US_DRIVER_LICENSE", "URL", "ID",
          "CN_RESIDENT_ID", "CN_BANK_CARD", "CN_USCC", "CN_PASSPORT", "CN_VEHICLE_PLATE"}
QUASI = {"LOCATION", "DATE_TIME", "AGE", "ORGANIZATION", "ZIP_CODE", "NRP"}
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _valid_date(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def resident_id_ok(s: str) -> bool:
    if re.fullmatch(r"\d{15}", s):
        return _valid_date(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))
    if not re.fullmatch(r"\d{17}[\dXx]", s):
        return False
    weights = [pow(2, 17 - i, 11) for i in range(17)]  # ISO 7064 MOD 11-2 weights 2^(n-1) mod 11
    check = (12 - sum(int(c) * w for c, w in zip(s[:17], weights)) % 11) % 11
    expected = "X" if check == 10 else str(check)
    return s[17].upper() == expected and _valid_date(int(s[6:10]), int(s[10:12]), int(s[12:14]))


def uscc_ok(s: str) -> bool:
    if len(s) != 18 or any(c not in USCC_CHARS for c in s):
        return False
    total = sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(s[:17]))
    return USCC_CHARS[(31 - total % 31) % 31] == s[17]


def luhn_ok(s: str) -> bool:
    digits = re.sub(r"[ -]", "", s)
    if not digits.isdigit() or not 13 <= len(digits) <= 19:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def ssn_ok(s: str) -> bool:
    m = re.fullmatch(r"(\d{3})[- ]?(\d{2})[- ]?(\d{4})", s)
    return bool(m) and m.group(1) not in ("000", "666") and m.group(1)[0] != "9" and m.group(2) != "00" and m.group(3) != "0000"


def iban_ok(s: str) -> bool:
    t = s.replace(" ", "")
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", t):
        return False
    return int("".join(str(int(c, 36)) for c in t[4:] + t[:4])) % 97 == 1


def plate_ok(s: str) -> bool:
    return bool(re.fullmatch(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·\- ]?[A-HJ-NP-Z0-9]{5,6}", s))


EDGE_PUNCT = set("|,，;；:：、。\t")
CHECKS = {"CN_VEHICLE_PLATE": plate_ok, "CN_RESIDENT_ID": resident_id_ok, "CN_USCC": uscc_ok, "CN_BANK_CARD": luhn_ok, "CREDIT_CARD": luhn_ok,
          "US_SSN": ssn_ok, "IBAN_CODE": iban_ok}


def check_doc(doc: object) -> list[str]:
    if not isinstance(doc, dict) or not isinstance(doc.get("text"), str) or not isinstance(doc.get("spans"), list):
        return ["missing text/spans"]
    errors: list[str] = []
    if doc.get("lang") not in ("zh", "en") or not isinstance(doc.get("shape"), str):
        errors.append("lang must be zh|en and shape a string")
    text, prev_end = doc["text"], 0
    for span in doc["spans"]:
        start, end, typ = span.get("start"), span.get("end"), span.get("type")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            errors.append(f"span out of range {start}-{end}")
            continue
        if start < prev_end:
            errors.append(f"span {start}-{end} overlaps or is unsorted")
        prev_end = end
        value = text[start:end]
        if value != value.strip() or value[0] in EDGE_PUNCT or value[-1] in EDGE_PUNCT:
            errors.append(f"{typ} span {start}-{end} has surrounding whitespace or a delimiter at its edge")
        if typ not in DIRECT | QUASI:
            errors.append(f"unknown type {typ}")
        elif typ in CHECKS and not CHECKS[typ](value):
            errors.append(f"{typ} span {start}-{end} fails its checksum/format")
    return errors


def summarize(path: Path) -> tuple[int, str]:
    types: Counter[str] = Counter()
    shapes: Counter[str] = Counter()
    bad = 0
    lines = [f"## {path.name}"]
    with path.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    chars = 0
    for i, doc in enumerate(docs, 1):
        errs = check_doc(doc)
        if errs:
            bad += 1
            lines.append(f"  line {i}: " + "; ".join(errs[:3]))
            continue
        shapes[doc["shape"]] += 1
        chars += len(doc["text"])
        for s in doc["spans"]:
            types[s["type"]] += 1
    n_direct = sum(v for k, v in types.items() if k in DIRECT)
    n_quasi = sum(v for k, v in types.items() if k in QUASI)
    lines.append(f"documents: {len(docs)} (invalid: {bad}); characters: {chars}; spans: {sum(types.values())} "
                 f"(direct {n_direct}, quasi {n_quasi}); unique texts: {len({d['text'] for d in docs})}")
    lines.append("per shape: " + ", ".join(f"{k} {v}" for k, v in sorted(shapes.items())))
    lines.append("per type:  " + ", ".join(f"{k} {v}" for k, v in types.most_common()))
    return bad, "\n".join(lines)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or list(DEFAULT)
    failures = 0
    for path in paths:
        try:
            bad, report = summarize(path)
        except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
            print(f"{path}: cannot read as JSONL ({type(exc).__name__})", file=sys.stderr)
            return 2
        print(report)
        failures += bad
    print("OK" if failures == 0 else f"FAILED: {failures} invalid documents")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
