"""Validate heldout_zh9.jsonl; with --regenerate also require byte-identical regeneration.

Usage: python check_heldout9.py [data_dir] [--regenerate]   (exit 0 = all valid)
The validators are written independently of the generator (it is not imported).
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILE_NAME = "heldout_zh9.jsonl"
TYPES = {
    "PERSON", "CN_RESIDENT_ID", "PHONE_NUMBER", "CN_BANK_CARD", "CN_USCC", "CN_PASSPORT", "CN_VEHICLE_PLATE",
    "STREET_ADDRESS", "LOCATION", "EMAIL_ADDRESS", "DATE_TIME", "AGE", "ORGANIZATION", "ID",
    "MEDICAL_RECORD_NUMBER", "NRP", "ZIP_CODE", "IP_ADDRESS", "URL",
}
QUASI = {"LOCATION", "DATE_TIME", "AGE", "ORGANIZATION", "ZIP_CODE", "NRP"}
PER_KIND, PII_FREE, N_KINDS = 27, 25, 20
FW = str.maketrans("０１２３４５６７８９", "0123456789")
PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53,
             54, 61, 62, 63, 64, 65}
USCC_SET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
MOBILE = re.compile(r"(?<!\d)1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
RID18 = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")


def resident_id_ok(value: str) -> bool:
    v = value.replace(" ", "").upper()
    if not re.fullmatch(r"\d{17}[\dX]", v) or int(v[:2]) not in PROVINCES:
        return False
    try:
        dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return False
    weights = [pow(2, 17 - i, 11) for i in range(17)]
    return "10X98765432"[sum(int(c) * w for c, w in zip(v, weights)) % 11] == v[17]


def luhn_ok(value: str) -> bool:
    v = re.sub(r"[ -]", "", value)
    if not v.isdigit() or not 15 <= len(v) <= 19:
        return False
    digits = [int(c) for c in reversed(v)]
    return sum(digits[0::2] + [sum(divmod(2 * n, 10)) for n in digits[1::2]]) % 10 == 0


def uscc_ok(value: str) -> bool:
    if len(value) != 18 or any(c not in USCC_SET for c in value):
        return False
    total = sum(USCC_SET.index(c) * (3 ** i % 31) for i, c in enumerate(value[:17]))
    if USCC_SET[(31 - total % 31) % 31] != value[17]:
        return False
    org = value[8:17]
    s = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(org[:8], (3, 7, 9, 10, 5, 8, 4, 2)))
    c9 = 11 - s % 11
    return org[8] == ("X" if c9 == 10 else "0" if c9 == 11 else str(c9))


SHAPES = {
    "CN_RESIDENT_ID": resident_id_ok,
    "CN_BANK_CARD": luhn_ok,
    "CN_USCC": uscc_ok,
    "CN_PASSPORT": lambda v: re.fullmatch(r"E\d{8}|E[A-HJ-NP-Z]\d{7}|G\d{8}", v) is not None,
    "CN_VEHICLE_PLATE": lambda v: re.fullmatch(r"[\u4e00-\u9fff][A-Z][·  ]?[A-Z0-9]{5,6}", v) is not None,
    "EMAIL_ADDRESS": lambda v: EMAIL.fullmatch(v) is not None,
    "ZIP_CODE": lambda v: re.fullmatch(r"\d{6}", v) is not None,
    "PHONE_NUMBER": lambda v: len(re.sub(r"\D", "", v.translate(FW))) >= 10,
    "IP_ADDRESS": lambda v: re.fullmatch(r"(\d{1,3}\.){3}\d{1,3}", v) is not None and all(int(p) < 256 for p in v.split(".")),
    "URL": lambda v: v.startswith(("http://", "https://")),
}


def self_test() -> list[str]:
    bad = []
    cases = [(resident_id_ok, "11010519491231002X", True), (resident_id_ok, "110105194912310021", False),
             (uscc_ok, "91350100M000100Y43", True), (uscc_ok, "91350100M000100Y44", False),
             (luhn_ok, "4111 1111 1111 1111", True), (luhn_ok, "4111 1111 1111 1112", False),
             (SHAPES["CN_VEHICLE_PLATE"], "粤B·D12345", True), (SHAPES["CN_VEHICLE_PLATE"], "粤b12", False)]
    for fn, value, want in cases:
        if bool(fn(value)) != want:
            bad.append(f"self-test failed: {value!r} should be {'valid' if want else 'invalid'}")
    return bad


def check_doc(n: int, doc: dict) -> list[str]:
    where = f"line {n}"
    if set(doc) != {"text", "spans", "shape", "lang"} or doc.get("lang") != "zh":
        return [f"{where}: fields {sorted(doc)} / lang {doc.get('lang')!r}"]
    text, errs, prev = doc["text"], [], -1
    for sp in doc["spans"]:
        a, b, typ = sp.get("start"), sp.get("end"), sp.get("type")
        if set(sp) != {"start", "end", "type"} or typ not in TYPES:
            errs.append(f"{where}: bad span {sp}")
            continue
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(text)):
            errs.append(f"{where}: span out of range {sp}")
            continue
        if a <= prev:
            errs.append(f"{where}: span {sp} overlaps, touches or is out of order")
        prev = b
        value = text[a:b]
        if value != value.strip():
            errs.append(f"{where}: whitespace at span edge {value!r}")
        check = SHAPES.get(typ)
        if check and not check(value):
            errs.append(f"{where}: {typ} value {value!r} fails its check")
    if doc["shape"] == "pii_free" and doc["spans"]:
        errs.append(f"{where}: pii_free document has spans")
    return errs + coverage(where, text, doc["spans"])


def coverage(where: str, text: str, spans: list[dict]) -> list[str]:
    inside = [(s["start"], s["end"]) for s in spans]

    def covered(a: int, b: int) -> bool:
        return any(x <= a and b <= y for x, y in inside)

    errs = []
    for value in {text[a:b] for a, b in inside if b - a >= 3}:
        for m in re.finditer(re.escape(value), text):
            if not covered(m.start(), m.end()):
                errs.append(f"{where}: {value!r} recurs outside a span at {m.start()}")
    mapped = text.translate(FW)
    for rx in (MOBILE, EMAIL, RID18):
        for m in rx.finditer(mapped):
            if not covered(m.start(), m.end()):
                errs.append(f"{where}: unlabelled {m.group()!r} at {m.start()}")
    return errs


def check_file(path: Path) -> list[str]:
    errs, shapes, types, texts = self_test(), collections.Counter(), collections.Counter(), set()
    lines = path.read_text(encoding="utf-8").splitlines()
    chars = 0
    for n, line in enumerate(lines, 1):
        doc = json.loads(line)
        errs += check_doc(n, doc)
        if doc["text"] in texts:
            errs.append(f"line {n}: duplicate text")
        texts.add(doc["text"])
        shapes[doc["shape"]] += 1
        types.update(s["type"] for s in doc["spans"])
        chars += len(doc["text"])
    kinds = [k for k in shapes if k != "pii_free"]
    if len(kinds) != N_KINDS or any(shapes[k] != PER_KIND for k in kinds) or shapes["pii_free"] != PII_FREE:
        errs.append(f"per-kind counts wrong: {dict(shapes)}")
    total = sum(types.values())
    quasi = sum(v for k, v in types.items() if k in QUASI)
    print(f"## {path.name}")
    print(f"documents: {len(lines)} (problems: {len(errs)}); characters: {chars}; spans: {total} "
          f"(direct {total - quasi}, quasi {quasi}); unique texts: {len(texts)}")
    print("per shape: " + ", ".join(f"{k} {v}" for k, v in sorted(shapes.items())))
    print("per type:  " + ", ".join(f"{k} {v}" for k, v in types.most_common()))
    print(f"sha256: {hashlib.sha256(path.read_bytes()).hexdigest()}")
    return errs


def regenerate(path: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(HERE / "make_heldout_zh9.py"), tmp], check=True, capture_output=True)
        same = (Path(tmp) / FILE_NAME).read_bytes() == path.read_bytes()
    print(f"{FILE_NAME}: regeneration {'byte-identical' if same else 'DIFFERS'}")
    return [] if same else [f"{path}: regenerated output differs"]


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    data_dir = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "benchmarks/data/deid"
    path = data_dir / FILE_NAME
    errs = check_file(path)
    if "--regenerate" in argv:
        errs += regenerate(path)
    for e in errs[:40]:
        print(e)
    print("OK" if not errs else f"FAILED ({len(errs)} problems)")
    return 0 if not errs else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
