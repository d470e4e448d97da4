"""Validate heldout_zh3.jsonl and heldout12.jsonl; exit 0 when every document is valid.

Checks per document: fields and language; every span non-empty, in range, sorted and
non-overlapping, with a known type and no whitespace at its edges; checksums of
resident IDs (GB 11643), USCC (GB 32100 + GB 11714), bank/credit cards (Luhn), IBAN
(mod 97) and SSN shape.  With ``--regenerate`` it also re-runs both generators into a
temporary directory and requires byte-identical output.  Prints counts per shape and
per type and direct/quasi totals.
"""

from __future__ import annotations

import collections
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _h3common import (  # noqa: E402
    ALLOWED_TYPES,
    DATA_DIR,
    QUASI_TYPES,
    gb11643_check,
    gb11714_check,
    gb32100_check,
    iban_valid,
    luhn_valid,
)

FILES = {"heldout_zh3.jsonl": ("zh", 560), "heldout12.jsonl": ("en", 520)}
FULLWIDTH_BACK = str.maketrans("０１２３４５６７８９", "0123456789")


def value_errors(value: str, etype: str) -> list[str]:
    errs = []
    if etype == "CN_RESIDENT_ID":
        v = value.replace(" ", "").upper()
        if len(v) == 18:
            if not re.fullmatch(r"\d{17}[\dX]", v) or gb11643_check(v[:17]) != v[17]:
                errs.append(f"bad GB 11643 check: {value!r}")
        elif not re.fullmatch(r"\d{15}", v):
            errs.append(f"resident id shape: {value!r}")
    elif etype == "CN_USCC":
        if len(value) != 18 or gb32100_check(value[:17]) != value[17] or gb11714_check(value[8:16]) != value[16]:
            errs.append(f"bad USCC: {value!r}")
    elif etype in ("CN_BANK_CARD", "CREDIT_CARD"):
        digits = re.sub(r"[ -]", "", value)
        if not digits.isdigit() or not 13 <= len(digits) <= 19 or not luhn_valid(digits):
            errs.append(f"bad Luhn: {value!r}")
    elif etype == "IBAN_CODE":
        if not iban_valid(value):
            errs.append(f"bad IBAN: {value!r}")
    elif etype == "US_SSN":
        if not re.fullmatch(r"\d{3}([- ]?)\d{2}\1\d{4}", value):
            errs.append(f"SSN shape: {value!r}")
    return errs


def check_file(path: Path, lang: str, minimum: int) -> tuple[int, list[str]]:
    errors: list[str] = []
    shapes: collections.Counter = collections.Counter()
    types: collections.Counter = collections.Counter()
    texts: set[str] = set()
    chars = 0
    invalid = 0
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, 1):
        doc_errs: list[str] = []
        doc = json.loads(line)
        if set(doc) != {"text", "spans", "shape", "lang"}:
            doc_errs.append(f"fields {sorted(doc)}")
        text = doc["text"]
        if doc["lang"] != lang:
            doc_errs.append(f"lang {doc['lang']!r}")
        if text in texts:
            doc_errs.append("duplicate text")
        texts.add(text)
        chars += len(text)
        shapes[doc["shape"]] += 1
        prev_end = -1
        for sp in doc["spans"]:
            a, b, t = sp["start"], sp["end"], sp["type"]
            if set(sp) != {"start", "end", "type"}:
                doc_errs.append(f"span fields {sorted(sp)}")
            if not (0 <= a < b <= len(text)):
                doc_errs.append(f"span out of range {sp}")
                continue
            if a < prev_end:
                doc_errs.append(f"span unsorted/overlapping {sp}")
            prev_end = b
            if t not in ALLOWED_TYPES:
                doc_errs.append(f"unknown type {t}")
            value = text[a:b]
            if value != value.strip():
                doc_errs.append(f"whitespace at span edge {value!r}")
            doc_errs.extend(value_errors(value.translate(FULLWIDTH_BACK), t))
            types[t] += 1
        if doc["shape"] == "pii_free" and doc["spans"]:
            doc_errs.append("pii_free document with spans")
        if doc_errs:
            invalid += 1
            errors.extend(f"{path.name}:{n}: {e}" for e in doc_errs)
    total = sum(types.values())
    quasi = sum(c for t, c in types.items() if t in QUASI_TYPES)
    print(f"## {path.name}")
    print(f"documents: {len(lines)} (invalid: {invalid}); characters: {chars}; spans: {total} "
          f"(direct {total - quasi}, quasi {quasi}); unique texts: {len(texts)}")
    print("per shape: " + ", ".join(f"{k} {v}" for k, v in sorted(shapes.items())))
    print("per type:  " + ", ".join(f"{k} {v}" for k, v in types.most_common()))
    if len(lines) < minimum:
        errors.append(f"{path.name}: {len(lines)} documents, expected at least {minimum}")
    return invalid, errors


def self_test() -> None:
    assert gb11643_check("11010519491231002") == "X"
    assert gb32100_check("91350100M000100Y4") == "3" and gb11714_check("M000100Y") == "4"
    assert iban_valid("GB82 WEST 1234 5698 7654 32")
    assert luhn_valid("4111 1111 1111 1111") and not luhn_valid("4111 1111 1111 1112")


def regenerate() -> list[str]:
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        for script, name in (("make_heldout_zh3.py", "heldout_zh3.jsonl"), ("make_heldout_en12.py", "heldout12.jsonl")):
            out = Path(tmp) / name
            subprocess.run([sys.executable, str(HERE / script), "--out", str(out)], check=True, capture_output=True)
            if out.read_bytes() != (DATA_DIR / name).read_bytes():
                errors.append(f"{name}: regenerated output differs from the committed file")
    return errors


def main() -> int:
    self_test()
    errors: list[str] = []
    for name, (lang, minimum) in FILES.items():
        path = DATA_DIR / name
        if not path.exists():
            print(f"missing {path}", file=sys.stderr)
            return 2
        _, errs = check_file(path, lang, minimum)
        errors.extend(errs)
    if "--regenerate" in sys.argv[1:]:
        errors.extend(regenerate())
    for e in errors[:50]:
        print(e, file=sys.stderr)
    if errors:
        print(f"FAILED ({len(errors)} problems)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
