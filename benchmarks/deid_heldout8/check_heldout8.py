"""Validate heldout_zh8.jsonl; with --regenerate also require byte-identical regeneration.

Usage: python check_heldout8.py [DATA_DIR] [--regenerate]   (default: <repo>/benchmarks/data/deid)
Exit 0 when every check passes, 1 otherwise. The validators below are written independently
of the generator (they do not import it), so a generator bug cannot hide itself.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

FILE_NAME = "heldout_zh8.jsonl"
TYPES = {
    "PERSON", "CN_RESIDENT_ID", "PHONE_NUMBER", "CN_BANK_CARD", "CN_USCC", "CN_PASSPORT",
    "CN_VEHICLE_PLATE", "STREET_ADDRESS", "LOCATION", "EMAIL_ADDRESS", "DATE_TIME", "AGE",
    "ORGANIZATION", "ID", "MEDICAL_RECORD_NUMBER", "NRP", "ZIP_CODE", "IP_ADDRESS", "URL",
}
QUASI = {"LOCATION", "DATE_TIME", "AGE", "ORGANIZATION", "ZIP_CODE", "NRP"}
PER_KIND, PII_FREE_DOCS, MIN_DOCS = 27, 25, 560
PROVINCES = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
             "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
             "63", "64", "65"}
USCC_SET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
MOBILE = re.compile(r"(?<!\d)1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)")
EMAIL = re.compile(r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
EMAIL_ANY = re.compile(r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+\.[A-Za-z.]+")
RID18 = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
PASSPORT = re.compile(r"^(E\d{8}|E[A-HJ-NP-Z]\d{7}|G\d{8})$")
PLATE = re.compile(r"^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][·  ]?"
                   r"([A-HJ-NP-Z0-9]{5}|[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF])$")
IPV4 = re.compile(r"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$")
FULLWIDTH = {0xFF10 + k: ord("0") + k for k in range(10)}
URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[a-z]{2,}(/\S*)?$")


def valid_date(text: str) -> bool:
    try:
        dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return True


def resident_id_ok(value: str) -> bool:
    v = value.replace(" ", "").upper()
    if v[:2] not in PROVINCES:
        return False
    if len(v) == 15:
        return v.isdigit() and valid_date("19" + v[6:12])
    if len(v) != 18 or not v[:17].isdigit() or not valid_date(v[6:14]):
        return False
    weights = [2 ** (17 - k) % 11 for k in range(17)]  # GB 11643: W_i = 2^(i-1) mod 11
    return "10X98765432"[sum(int(c) * w for c, w in zip(v, weights)) % 11] == v[17]


def luhn_ok(value: str) -> bool:
    digits = re.sub(r"[ -]", "", value)
    if not digits.isdigit() or not 16 <= len(digits) <= 19:
        return False
    total = 0
    for k, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if k % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def uscc_ok(value: str) -> bool:
    if len(value) != 18 or any(c not in USCC_SET for c in value):
        return False
    weights = [3 ** k % 31 for k in range(17)]  # GB 32100: W_i = 3^(i-1) mod 31
    total = sum(USCC_SET.index(c) * w for c, w in zip(value, weights))
    if USCC_SET[(31 - total % 31) % 31] != value[17]:
        return False
    org = value[8:17]  # GB 11714 organisation code with its own check character
    if not org[:8].isalnum():
        return False
    s = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(org[:8], [3, 7, 9, 10, 5, 8, 4, 2]))
    c9 = 11 - s % 11
    return org[8] == {10: "X", 11: "0"}.get(c9, str(c9))


def ip_ok(value: str) -> bool:
    m = IPV4.match(value)
    return bool(m) and all(int(g) <= 255 for g in m.groups())


SHAPE_CHECKS = {
    "CN_RESIDENT_ID": resident_id_ok, "CN_BANK_CARD": luhn_ok, "CN_USCC": uscc_ok,
    "CN_PASSPORT": lambda v: bool(PASSPORT.match(v)), "CN_VEHICLE_PLATE": lambda v: bool(PLATE.match(v)),
    "EMAIL_ADDRESS": lambda v: bool(EMAIL.match(v)), "IP_ADDRESS": ip_ok, "URL": lambda v: bool(URL.match(v)),
    "ZIP_CODE": lambda v: v.isdigit() and len(v) == 6,
    "PHONE_NUMBER": lambda v: sum(c.isdigit() for c in v) >= 7,
}


def self_test() -> list[str]:
    bad = []
    if not (resident_id_ok("11010519491231002X") and not resident_id_ok("110105194912310021")):
        bad.append("self-test GB 11643")
    if not (uscc_ok("91350100M000100Y43") and not uscc_ok("91350100M000100Y44")):
        bad.append("self-test GB 32100")
    if not (luhn_ok("4111 1111 1111 1111") and not luhn_ok("4111 1111 1111 1112")):
        bad.append("self-test Luhn")
    if not (PLATE.match("粤B·D12345") and not PLATE.match("粤B·D123")):
        bad.append("self-test plate")
    return bad


def doc_errors(doc: dict) -> list[str]:
    errs = []
    if set(doc) != {"text", "spans", "shape", "lang"} or doc.get("lang") != "zh":
        return ["fields/lang"]
    text, spans = doc["text"], doc["spans"]
    if doc["shape"] == "pii_free" and spans:
        errs.append("pii_free document has spans")
    covered = [False] * len(text)
    prev_end = -1
    for s in spans:
        a, b, t = s.get("start"), s.get("end"), s.get("type")
        if set(s) != {"start", "end", "type"} or not (isinstance(a, int) and isinstance(b, int)):
            errs.append(f"bad span {s}")
            continue
        if not 0 <= a < b <= len(text):
            errs.append(f"span out of range {s}")
            continue
        if a <= prev_end:
            errs.append(f"span overlaps or touches the previous one at {a}")
        prev_end = b
        value = text[a:b]
        if value != value.strip():
            errs.append(f"whitespace at edge {value!r}")
        if t not in TYPES:
            errs.append(f"unknown type {t}")
        elif t in SHAPE_CHECKS and not SHAPE_CHECKS[t](value):
            errs.append(f"{t} fails its check: {value!r}")
        for k in range(a, b):
            covered[k] = True
    for s in spans:
        value = text[s["start"]:s["end"]]
        if len(value) >= 3:
            pos = text.find(value)
            while pos >= 0:
                if not all(covered[pos:pos + len(value)]):
                    errs.append(f"labelled value recurs unlabelled: {s['type']}")
                pos = text.find(value, pos + 1)
    ascii_text = text.translate(FULLWIDTH)  # full-width digits are PII too (same length)
    for pat, what in ((MOBILE, "mobile"), (EMAIL_ANY, "e-mail"), (RID18, "18-digit ID")):
        for m in pat.finditer(ascii_text):
            if not all(covered[m.start():m.end()]):
                errs.append(f"unlabelled {what} shape {m.group()!r}")
    return errs


def check_file(path: Path) -> bool:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    invalid = 0
    for n, doc in enumerate(docs, 1):
        errs = doc_errors(doc)
        if errs:
            invalid += 1
            print(f"line {n} ({doc.get('shape')}): " + "; ".join(sorted(set(errs))[:5]))
    shapes = Counter(d["shape"] for d in docs)
    types = Counter(s["type"] for d in docs for s in d["spans"])
    n_spans = sum(types.values())
    quasi = sum(v for k, v in types.items() if k in QUASI)
    unique = len({d["text"] for d in docs})
    print(f"## {path.name}")
    print(f"documents: {len(docs)} (invalid: {invalid}); characters: {sum(len(d['text']) for d in docs)}; "
          f"spans: {n_spans} (direct {n_spans - quasi}, quasi {quasi}); unique texts: {unique}")
    print("per shape: " + ", ".join(f"{k} {v}" for k, v in sorted(shapes.items())))
    print("per type:  " + ", ".join(f"{k} {v}" for k, v in types.most_common()))
    print(f"long documents (600+ characters): {sum(len(d['text']) >= 600 for d in docs)}")
    counts_ok = (len(docs) >= MIN_DOCS and shapes.get("pii_free") == PII_FREE_DOCS
                 and all(v == PER_KIND for k, v in shapes.items() if k != "pii_free"))
    if not counts_ok:
        print("per-kind counts differ from the expected 27 per kind + 25 pii_free (>= 560 in all)")
    return invalid == 0 and unique == len(docs) and counts_ok


def regenerate_identical(data_dir: Path) -> bool:
    generator = Path(__file__).resolve().parent / "make_heldout_zh8.py"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(generator), tmp], check=True, stdout=subprocess.DEVNULL)
        same = (Path(tmp) / FILE_NAME).read_bytes() == (data_dir / FILE_NAME).read_bytes()
    print(f"{FILE_NAME}: regeneration {'byte-identical' if same else 'DIFFERS'}")
    return same


def main(argv: list[str]) -> int:
    regen = "--regenerate" in argv
    rest = [a for a in argv if a != "--regenerate"]
    data_dir = Path(rest[0]) if rest else Path(__file__).resolve().parents[2] / "benchmarks/data/deid"
    problems = self_test()
    for p in problems:
        print(p + " FAILED")
    ok = not problems and check_file(data_dir / FILE_NAME)
    if regen:
        ok = regenerate_identical(data_dir) and ok
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
