"""Validate heldout_zh6.jsonl and heldout15.jsonl (blind6); optionally require byte-identical regeneration.

Usage: python check_heldout6.py [DATA_DIR] [--regenerate]
DATA_DIR defaults to <repo>/benchmarks/data/deid/. Exit 0 only if every check passes.
The checksum validators are re-implemented here, independent of the generators' code.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = {"heldout_zh6.jsonl": ("zh", 3, "make_heldout_zh6.py"), "heldout15.jsonl": ("en", 4, "make_heldout_en15.py")}
TYPES = {
    "PERSON", "DATE_TIME", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS", "LOCATION", "ZIP_CODE", "ORGANIZATION",
    "AGE", "NRP", "ID", "MEDICAL_RECORD_NUMBER", "CREDIT_CARD", "US_SSN", "US_DRIVER_LICENSE", "US_PASSPORT",
    "IBAN_CODE", "IP_ADDRESS", "URL", "CN_RESIDENT_ID", "CN_BANK_CARD", "CN_USCC", "CN_PASSPORT", "CN_VEHICLE_PLATE",
}
QUASI = {"LOCATION", "DATE_TIME", "AGE", "ORGANIZATION", "ZIP_CODE", "NRP"}
FW = {0xFF10 + i: ord("0") + i for i in range(10)}
IBAN_LEN = {"DE": 22, "ES": 24, "AT": 20, "BE": 16, "SE": 24, "DK": 18, "GB": 22, "IE": 22, "NL": 18, "CH": 21,
            "IT": 27, "PT": 25, "FI": 18, "HR": 21, "FR": 27, "PL": 28, "NO": 15, "LU": 20}
PROVINCES = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
             "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"}  # GB/T 2260 province codes
PLATE = re.compile(r"[京沪粤浙川鄂苏陕鲁渝湘闽黑豫云桂皖赣贵甘新冀晋琼吉宁辽津蒙藏青][A-HJ-NP-Z][·• ]?(?:[DF]\d{5}|[A-HJ-NP-Z0-9]{5})")
LEAKS = {  # shapes that must never occur outside a span
    "e-mail": re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
    "CN mobile": re.compile(r"(?<!\d)1[3-9]\d(?:\d{8}|[ -]\d{4}[ -]\d{4})(?!\d)"),
    "18-digit ID": re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])"),
    "dashed SSN": re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)"),
}


# ---- independent validators -------------------------------------------------------------------
def valid_resident_id(value: str) -> bool:
    s = value.replace(" ", "").upper()
    if not re.fullmatch(r"[1-6]\d{16}[0-9X]", s) or s[:2] not in PROVINCES:
        return False
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    if "10X98765432"[sum(int(a) * b for a, b in zip(s[:17], w)) % 11] != s[17]:
        return False
    y, m, d = int(s[6:10]), int(s[10:12]), int(s[12:14])
    return 1900 <= y <= 2026 and 1 <= m <= 12 and 1 <= d <= 28 + (m != 2) * 3


def valid_uscc(value: str) -> bool:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    if not re.fullmatch(rf"[{chars}]{{18}}", value):
        return False
    w = [pow(3, i, 31) for i in range(17)]  # GB 32100 weights are 3^i mod 31
    if chars[(31 - sum(chars.index(c) * k for c, k in zip(value, w)) % 31) % 31] != value[17]:
        return False
    org = value[8:17]  # GB 11714 organisation code with its own check character
    total = sum(int(c, 36) * k for c, k in zip(org[:8], [3, 7, 9, 10, 5, 8, 4, 2]))
    want = 11 - total % 11
    return org[8] == {10: "X", 11: "0"}.get(want, str(want))


def valid_luhn(value: str) -> bool:
    s = re.sub(r"[ -]", "", value)
    if not re.fullmatch(r"\d{13,19}", s):
        return False
    total = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def valid_iban(value: str) -> bool:
    s = value.replace(" ", "")
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", s) or IBAN_LEN.get(s[:2]) != len(s):
        return False
    return int("".join(str(int(c, 36)) for c in s[4:] + s[:4])) % 97 == 1


def valid_ssn(value: str) -> bool:
    m = re.fullmatch(r"(\d{3})([- ]?)(\d{2})\2(\d{4})", value)
    return bool(m) and m.group(1) not in ("000", "666") and m.group(1)[0] != "9" and m.group(3) != "00" and m.group(4) != "0000"


def valid_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


SHAPE_CHECKS = {
    "CN_RESIDENT_ID": valid_resident_id,
    "CN_USCC": valid_uscc,
    "CN_BANK_CARD": valid_luhn,
    "CREDIT_CARD": valid_luhn,
    "IBAN_CODE": valid_iban,
    "US_SSN": valid_ssn,
    "IP_ADDRESS": valid_ip,
    "CN_PASSPORT": lambda v: bool(re.fullmatch(r"E\d{8}|E[A-HJ-NP-Z]\d{7}|G\d{8}", v)),
    "CN_VEHICLE_PLATE": lambda v: bool(PLATE.fullmatch(v)),
    "US_PASSPORT": lambda v: bool(re.fullmatch(r"\d{9}|[A-Z]\d{8}", v)),
    "US_DRIVER_LICENSE": lambda v: bool(re.fullmatch(r"[A-Z0-9][A-Z0-9-]{5,15}", v)),
    "EMAIL_ADDRESS": lambda v: bool(LEAKS["e-mail"].fullmatch(v)),
    "URL": lambda v: bool(re.fullmatch(r"(https?://|www\.)\S+", v)),
}


def self_test() -> None:
    assert valid_resident_id("11010519491231002X")
    assert not valid_resident_id("110105194912310021")
    assert valid_uscc("91350100M000100Y43")
    assert not valid_uscc("91350100M000100Y44")
    assert valid_iban("GB82 WEST 1234 5698 7654 32")
    assert not valid_iban("GB83 WEST 1234 5698 7654 32")
    assert valid_luhn("4111 1111 1111 1111")
    assert not valid_luhn("4111 1111 1111 1112")
    assert valid_ssn("123-45-6789") and not valid_ssn("666-45-6789")


# ---- document checks ------------------------------------------------------------------------
def check_doc(doc: dict, lang: str, min_len: int) -> list[str]:
    errs = []
    if set(doc) != {"text", "spans", "shape", "lang"}:
        return [f"fields {sorted(doc)}"]
    text, spans = doc["text"], doc["spans"]
    if doc["lang"] != lang or not isinstance(text, str) or not text.strip():
        errs.append("lang/text")
    prev_end = -1
    for s in spans:
        if set(s) != {"start", "end", "type"} or s["type"] not in TYPES:
            errs.append(f"bad span {s}")
            continue
        if not 0 <= s["start"] < s["end"] <= len(text):
            errs.append(f"span out of range {s}")
            continue
        if s["start"] <= prev_end:
            errs.append(f"span unsorted, overlapping or touching the previous one {s}")
        prev_end = s["end"]
        value = text[s["start"] : s["end"]]
        if value != value.strip():
            errs.append(f"whitespace at span edge {value!r}")
        check = SHAPE_CHECKS.get(s["type"])
        if check and not check(value):
            errs.append(f"{s['type']} fails its checksum/shape: {value!r}")
    if doc["shape"] == "pii_free" and spans:
        errs.append("pii_free document has spans")
    errs += coverage(text, spans, min_len)
    return errs


def inside(start: int, end: int, spans: list[dict]) -> bool:
    return any(s["start"] <= start and end <= s["end"] for s in spans)


def coverage(text: str, spans: list[dict], min_len: int) -> list[str]:
    errs = []
    for value in {text[s["start"] : s["end"]] for s in spans}:
        if len(value) < min_len:
            continue
        for m in re.finditer(re.escape(value), text):
            if not inside(m.start(), m.end(), spans):
                errs.append(f"unlabelled repeat of a labelled value at {m.start()}")
    plain = text.translate(FW)  # full-width digits map 1:1, so offsets are unchanged
    for name, rx in LEAKS.items():
        for m in rx.finditer(plain):
            if not inside(m.start(), m.end(), spans):
                errs.append(f"{name} shape outside spans at {m.start()}")
    return errs


def check_file(path: Path, lang: str, min_len: int) -> bool:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    invalid = 0
    for i, doc in enumerate(docs):
        errs = check_doc(doc, lang, min_len)
        if errs:
            invalid += 1
            if invalid <= 10:
                print(f"  line {i + 1} ({doc.get('shape')}): {errs[:3]}")  # messages carry no raw values beyond spans
    spans = [s for d in docs for s in d["spans"]]
    quasi = sum(s["type"] in QUASI for s in spans)
    texts = {d["text"] for d in docs}
    shapes = Counter(d["shape"] for d in docs)
    types = Counter(s["type"] for s in spans)
    print(f"## {path.name}")
    print(f"documents: {len(docs)} (invalid: {invalid}); characters: {sum(len(d['text']) for d in docs)}; "
          f"spans: {len(spans)} (direct {len(spans) - quasi}, quasi {quasi}; direct share "
          f"{(len(spans) - quasi) / max(len(spans), 1):.1%}); unique texts: {len(texts)}")
    print("per shape: " + ", ".join(f"{k} {v}" for k, v in sorted(shapes.items())))
    print("per type:  " + ", ".join(f"{k} {v}" for k, v in types.most_common()))
    if lang == "zh":
        fw = sum(any(0xFF10 <= ord(c) <= 0xFF19 for c in d["text"]) for d in docs)
        cn_date = sum("〇" in d["text"] for d in docs)
        latin = sum(bool(re.search(r"[A-Za-z]{3,} [A-Za-z]{3,}", d["text"])) for d in docs)
        print(f"layout: full-width digits in {fw} docs; 〇-dates in {cn_date} docs; English words in {latin} docs")
    return invalid == 0 and len(texts) == len(docs)


def regenerate(data_dir: Path) -> bool:
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for name, (_lang, _n, script) in FILES.items():
            subprocess.run([sys.executable, str(HERE / script), tmp], check=True, stdout=subprocess.DEVNULL)
            same = (Path(tmp) / name).read_bytes() == (data_dir / name).read_bytes()
            print(f"{name}: regeneration {'byte-identical' if same else 'DIFFERS'}")
            ok &= same
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=HERE.parents[1] / "benchmarks" / "data" / "deid")
    parser.add_argument("--regenerate", action="store_true", help="re-run both generators and require identical bytes")
    args = parser.parse_args()
    if not (args.data_dir / "heldout15.jsonl").exists() and (HERE / "heldout15.jsonl").exists():
        args.data_dir = HERE  # working copy outside the repo (files next to the script)
    self_test()
    results = [check_file(args.data_dir / name, lang, n) for name, (lang, n, _s) in FILES.items()]  # check both files
    ok = all(results)
    if args.regenerate:
        ok = regenerate(args.data_dir) and ok
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
