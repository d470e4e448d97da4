"""Check heldout_zh2.jsonl and heldout11.jsonl (stdlib only); exit 0 = all valid.

    python benchmarks/deid_heldout2/check_heldout2.py

Per document: fields; spans in range, sorted, non-overlapping, no whitespace at an edge;
known type; text[start:end] equals the value the generator inserted (the generator is
re-run from its seed and must reproduce the file byte for byte); checksums re-implemented
here: GB 11643 MOD 11-2 (18-digit resident ID, plus birth date; 15-digit: date), GB 32100
and GB 11714 (USCC), Luhn (CN_BANK_CARD, CREDIT_CARD), IBAN mod 97, SSN shape, plate shape.
"""

import collections
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
DATA = os.path.join(HERE, "..", "data", "deid")
QUASI = {"LOCATION", "DATE_TIME", "AGE", "ORGANIZATION", "ZIP_CODE", "NRP"}
TYPES = {
    "PERSON",
    "DATE_TIME",
    "PHONE_NUMBER",
    "ID",
    "ORGANIZATION",
    "STREET_ADDRESS",
    "CN_RESIDENT_ID",
    "EMAIL_ADDRESS",
    "CN_BANK_CARD",
    "AGE",
    "ZIP_CODE",
    "LOCATION",
    "CN_VEHICLE_PLATE",
    "CN_USCC",
    "NRP",
    "MEDICAL_RECORD_NUMBER",
    "CN_PASSPORT",
    "URL",
    "CREDIT_CARD",
    "IP_ADDRESS",
    "US_SSN",
    "US_DRIVER_LICENSE",
    "IBAN_CODE",
    "US_PASSPORT",
}


def date_ok(y, m, d):
    try:
        datetime.date(y, m, d)
        return True
    except ValueError:
        return False


def resident_ok(v):
    if len(v) == 15:
        return v.isdigit() and date_ok(1900 + int(v[6:8]), int(v[8:10]), int(v[10:12]))
    if len(v) != 18 or not v[:17].isdigit():
        return False
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(a) * b for a, b in zip(v[:17], w))
    return "10X98765432"[s % 11] == v[17].upper() and date_ok(int(v[6:10]), int(v[10:12]), int(v[12:14]))


USCC_CH = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def uscc_ok(v):
    if len(v) != 18 or any(c not in USCC_CH for c in v):
        return False
    s = sum(USCC_CH.index(c) * (3**i % 31) for i, c in enumerate(v[:17]))
    if USCC_CH[(31 - s % 31) % 31] != v[17]:
        return False
    org = v[8:17]
    s2 = sum(int(c, 36) * w for c, w in zip(org[:8], [3, 7, 9, 10, 5, 8, 4, 2]))
    c9 = 11 - s2 % 11
    return org[8] == ("X" if c9 == 10 else "0" if c9 == 11 else str(c9))


def luhn_ok(v):
    ds = re.sub(r"[ -]", "", v)
    if not ds.isdigit():
        return False
    t = 0
    for i, ch in enumerate(reversed(ds)):
        d = int(ch) * (2 if i % 2 else 1)
        t += d - 9 if d > 9 else d
    return t % 10 == 0


def iban_ok(v):
    s = v.replace(" ", "")
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", s):
        return False
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


def check_value(typ, v):
    if typ == "CN_RESIDENT_ID":
        return resident_ok(v)
    if typ == "CN_USCC":
        return uscc_ok(v)
    if typ == "CN_BANK_CARD":
        n = len(re.sub(r"[ -]", "", v))
        return luhn_ok(v) and 16 <= n <= 19
    if typ == "CREDIT_CARD":
        return luhn_ok(v)
    if typ == "IBAN_CODE":
        return iban_ok(v)
    if typ == "US_SSN":
        m = re.fullmatch(r"(\d{3})[- ]?(\d{2})[- ]?(\d{4})", v)
        return (
            bool(m)
            and m.group(1) not in ("000", "666")
            and m.group(1) < "900"
            and m.group(2) != "00"
            and m.group(3) != "0000"
        )
    if typ == "CN_VEHICLE_PLATE":
        return bool(re.fullmatch(r"[\u4e00-\u9fff][A-Z][·  -]?[A-Z0-9]{5,6}", v))
    if typ == "CN_PASSPORT":
        return bool(re.fullmatch(r"(E|G)\d{8}|E[A-Z]\d{7}", v))
    return True


def check(name, module):
    path = os.path.join(DATA, name)
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    regen = module.build()
    bad = []
    if len(regen) != len(lines):
        bad.append("document count %d != regenerated %d" % (len(lines), len(regen)))
    per_type, per_kind, chars = collections.Counter(), collections.Counter(), 0
    texts = set()
    for i, line in enumerate(lines):
        doc = json.loads(line)
        errs = []
        if set(doc) != {"text", "spans", "shape", "lang"}:
            errs.append("fields")
        text = doc["text"]
        chars += len(text)
        texts.add(text)
        per_kind[doc["shape"]] += 1
        if i < len(regen):
            gdoc, values = regen[i]
            if json.dumps(gdoc, ensure_ascii=False) != line:
                errs.append("not reproduced by generator")
            if len(values) != len(doc["spans"]):
                errs.append("span/value count")
        else:
            values = [None] * len(doc["spans"])
        prev_end = 0
        for sp, val in zip(doc["spans"], values):
            s, e, t = sp["start"], sp["end"], sp["type"]
            seg = text[s:e]
            if not (0 <= s < e <= len(text)):
                errs.append("range %r" % sp)
            if s < prev_end:
                errs.append("overlap/unsorted at %d" % s)
            prev_end = e
            if t not in TYPES:
                errs.append("type %s" % t)
            if val is not None and seg != val:
                errs.append("offset mismatch %r != %r" % (seg, val))
            if seg != seg.strip() or seg.strip(",;:|") != seg:
                errs.append("edge %r" % seg)
            if not check_value(t, seg):
                errs.append("checksum/shape %s %r" % (t, seg))
            per_type[t] += 1
        if errs:
            bad.append("doc %d: %s" % (i, "; ".join(errs)))
    nspans = sum(per_type.values())
    quasi = sum(c for t, c in per_type.items() if t in QUASI)
    print("## %s" % name)
    print(
        "documents: %d (invalid: %d); characters: %d; spans: %d (direct %d, quasi %d); unique texts: %d"
        % (len(lines), len(bad), chars, nspans, nspans - quasi, quasi, len(texts))
    )
    print("per shape: " + ", ".join("%s %d" % kv for kv in sorted(per_kind.items())))
    print("per type:  " + ", ".join("%s %d" % kv for kv in per_type.most_common()))
    for b in bad[:20]:
        print("  INVALID " + b)
    return not bad


def selftest():
    assert resident_ok("11010519491231002X")
    assert not resident_ok("110105194912310021")
    assert uscc_ok("91350100M000100Y43")
    assert not uscc_ok("91350100M000100Y44")
    assert iban_ok("GB82 WEST 1234 5698 7654 32")
    assert luhn_ok("4111 1111 1111 1111") and not luhn_ok("4111111111111112")


if __name__ == "__main__":
    selftest()
    import make_heldout_en11
    import make_heldout_zh2

    ok = check("heldout_zh2.jsonl", make_heldout_zh2) & check("heldout11.jsonl", make_heldout_en11)
    print("OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)
