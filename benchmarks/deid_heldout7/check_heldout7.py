"""Validate the v7 held-out corpus ``heldout_zh7.jsonl``; exit 0 only if everything passes.

Usage: ``python check_heldout7.py [DATA_DIR] [--regenerate]``.  The validators below are
re-implemented here, independently of the generator's helpers, so a generator bug that
writes a bad checksum is caught rather than copied.
"""
from __future__ import annotations

import datetime as dt
import filecmp
import ipaddress
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = {"heldout_zh7.jsonl": ("zh", "make_heldout_zh7.py")}
TYPES = {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "CN_RESIDENT_ID", "CN_BANK_CARD", "CN_USCC",
         "CN_PASSPORT", "CN_VEHICLE_PLATE", "STREET_ADDRESS", "LOCATION", "ZIP_CODE", "DATE_TIME",
         "AGE", "ORGANIZATION", "NRP", "ID", "MEDICAL_RECORD_NUMBER", "URL", "IP_ADDRESS",
         "CREDIT_CARD", "IBAN_CODE", "US_SSN", "US_PASSPORT", "US_DRIVER_LICENSE"}
QUASI = {"LOCATION", "DATE_TIME", "AGE", "ORGANIZATION", "ZIP_CODE", "NRP"}
# GB/T 2260 province-level codes.
PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
             50, 51, 52, 53, 54, 61, 62, 63, 64, 65}
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
PLATE_PROV = set("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼")
FULL = str.maketrans("０１２３４５６７８９", "0123456789")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
ID18 = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


def valid_rid(text: str) -> bool:
    """GB 11643-1999: province code, real birth date, MOD 11-2 check character."""
    s = text.replace(" ", "")
    if re.fullmatch(r"\d{15}", s):
        born = "19" + s[6:12]
    elif re.fullmatch(r"\d{17}[\dXx]", s):
        weights = [2 ** (17 - i) % 11 for i in range(17)]
        total = sum(int(c) * w for c, w in zip(s[:17], weights))
        if "10X98765432"[total % 11] != s[17].upper():
            return False
        born = s[6:14]
    else:
        return False
    if int(s[:2]) not in PROVINCES:
        return False
    try:
        d = dt.date(int(born[:4]), int(born[4:6]), int(born[6:8]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= d <= dt.date(2026, 12, 31)


def valid_luhn(text: str) -> bool:
    s = re.sub(r"[ -]", "", text)
    if not re.fullmatch(r"\d{13,19}", s):
        return False
    total = 0
    for i, ch in enumerate(reversed(s)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def valid_uscc(text: str) -> bool:
    """GB 32100-2015 check character plus the GB 11714 check of the embedded org code."""
    if len(text) != 18 or any(c not in USCC_ALPHABET for c in text):
        return False
    vals = [USCC_ALPHABET.index(c) for c in text]
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    if (31 - sum(v * w for v, w in zip(vals, weights)) % 31) % 31 != vals[17]:
        return False
    org = text[8:17]
    w2 = [3, 7, 9, 10, 5, 8, 4, 2]
    c = 11 - sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(org[:8], w2)) % 11
    return org[8] == {10: "X", 11: "0"}.get(c, str(c))


def valid_plate(text: str) -> bool:
    s = text.replace("·", "").replace(" ", "")
    if not s or s[0] not in PLATE_PROV:
        return False
    body = s[1:]
    return bool(re.fullmatch(r"[A-HJ-NP-Z][A-HJ-NP-Z0-9]{5}", body)
                or re.fullmatch(r"[A-HJ-NP-Z][DF][A-HJ-NP-Z0-9]\d{4}", body)
                or re.fullmatch(r"[A-HJ-NP-Z]\d{5}[DF]", body))


def valid_value(etype: str, text: str) -> bool:
    if etype == "CN_RESIDENT_ID":
        return valid_rid(text)
    if etype in ("CN_BANK_CARD", "CREDIT_CARD"):
        return valid_luhn(text)
    if etype == "CN_USCC":
        return valid_uscc(text)
    if etype == "CN_PASSPORT":
        return bool(re.fullmatch(r"[EG]\d{8}|E[A-HJ-NP-Z]\d{7}", text))
    if etype == "CN_VEHICLE_PLATE":
        return valid_plate(text)
    if etype == "EMAIL_ADDRESS":
        return bool(EMAIL.fullmatch(text))
    if etype == "URL":
        return bool(re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d+)?(/[^\s]*)?", text))
    if etype == "IP_ADDRESS":
        try:
            ipaddress.ip_address(text)
        except ValueError:
            return False
        return True
    if etype == "PHONE_NUMBER":
        return len(re.sub(r"\D", "", text.translate(FULL))) >= 7
    if etype == "ZIP_CODE":
        return bool(re.fullmatch(r"\d{6}", text))
    return True


def self_test() -> list[str]:
    bad = []
    if not valid_rid("11010519491231002X") or valid_rid("110105194912310021"):
        bad.append("resident-ID validator self-test failed")
    if not valid_uscc("91350100M000100Y43") or valid_uscc("91350100M000100Y44"):
        bad.append("USCC validator self-test failed")
    if not valid_luhn("4111 1111 1111 1111") or valid_luhn("4111 1111 1111 1112"):
        bad.append("Luhn validator self-test failed")
    if not valid_plate("粤B·D12345") or valid_plate("粤BI2345"):
        bad.append("plate validator self-test failed")
    return bad


def check_doc(i: int, doc: dict, lang: str) -> list[str]:
    errs: list[str] = []
    where = f"line {i + 1}"
    if set(doc) != {"text", "spans", "shape", "lang"}:
        return [f"{where}: fields {sorted(doc)}"]
    text = doc["text"]
    if doc["lang"] != lang or not isinstance(text, str) or not text.strip():
        errs.append(f"{where}: lang/text")
    prev_end = -1
    covered = [False] * len(text)
    for s in doc["spans"]:
        a, b, t = s.get("start"), s.get("end"), s.get("type")
        if set(s) != {"start", "end", "type"} or t not in TYPES:
            errs.append(f"{where}: bad span {s}")
            continue
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(text)):
            errs.append(f"{where}: span out of range {s}")
            continue
        if a <= prev_end:
            errs.append(f"{where}: span {s} overlaps or touches the previous one")
        prev_end = b
        frag = text[a:b]
        if frag != frag.strip():
            errs.append(f"{where}: whitespace at edge of {t}")
        if not valid_value(t, frag):
            errs.append(f"{where}: invalid {t} value {frag!r}")
        for k in range(a, b):
            covered[k] = True
    if doc["shape"] == "pii_free" and doc["spans"]:
        errs.append(f"{where}: pii_free document has spans")
    for s in doc["spans"]:
        frag = text[s["start"]:s["end"]]
        if len(frag) < 3:
            continue
        for m in re.finditer(re.escape(frag), text):
            if not all(covered[m.start():m.end()]):
                errs.append(f"{where}: labelled value {s['type']} recurs unlabelled at {m.start()}")
    plain = text.translate(FULL)
    for name, rx in (("e-mail", EMAIL), ("CN mobile", MOBILE), ("18-digit ID", ID18)):
        for m in rx.finditer(plain):
            if not all(covered[m.start():m.end()]):
                errs.append(f"{where}: {name} shape outside spans at {m.start()}")
    return errs


def check_file(path: Path, lang: str) -> tuple[list[str], list[str]]:
    errs: list[str] = []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    bad_docs = 0
    for i, doc in enumerate(rows):
        e = check_doc(i, doc, lang)
        bad_docs += bool(e)
        errs.extend(e)
    texts = [d["text"] for d in rows]
    if len(set(texts)) != len(texts):
        errs.append(f"{path.name}: duplicate texts")
    types = Counter(s["type"] for d in rows for s in d["spans"])
    total = sum(types.values())
    quasi = sum(n for t, n in types.items() if t in QUASI)
    shapes = Counter(d["shape"] for d in rows)
    fw = sum(bool(re.search("[０-９]", d["text"])) for d in rows)
    cnd = sum("〇" in d["text"] for d in rows)
    eng = sum(bool(re.search(r"[A-Za-z]{3,} [A-Za-z]{3,}", d["text"])) for d in rows)
    summary = [
        f"## {path.name}",
        (f"documents: {len(rows)} (invalid: {bad_docs}); characters: {sum(map(len, texts))}; spans: {total} "
         f"(direct {total - quasi}, quasi {quasi}; direct share {100 * (total - quasi) / max(total, 1):.1f}%); "
         f"unique texts: {len(set(texts))}"),
        "per shape: " + ", ".join(f"{k} {v}" for k, v in sorted(shapes.items())),
        "per type:  " + ", ".join(f"{k} {v}" for k, v in types.most_common()),
        f"layout: full-width digits in {fw} docs; 〇-dates in {cnd} docs; English words in {eng} docs",
    ]
    return errs, summary


def regenerate(data_dir: Path) -> list[str]:
    errs = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (_lang, script) in FILES.items():
            subprocess.run([sys.executable, str(HERE / script), tmp], check=True, capture_output=True)
            same = filecmp.cmp(Path(tmp) / name, data_dir / name, shallow=False)
            print(f"{name}: regeneration {'byte-identical' if same else 'DIFFERS'}")
            if not same:
                errs.append(f"{name}: regeneration differs")
    return errs


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    data_dir = Path(args[0]) if args else HERE.parents[1] / "benchmarks" / "data" / "deid"
    errs = self_test()
    for name, (lang, _script) in FILES.items():
        path = data_dir / name
        if not path.exists():
            errs.append(f"missing {path}")
            continue
        file_errs, summary = check_file(path, lang)
        print("\n".join(summary))
        errs.extend(file_errs)
    if "--regenerate" in argv:
        errs.extend(regenerate(data_dir))
    for e in errs[:50]:
        print("ERROR", e)
    print("OK" if not errs else f"FAILED ({len(errs)} problems)")
    return 0 if not errs else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
