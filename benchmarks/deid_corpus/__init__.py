"""Labelled synthetic corpora for evaluation: Faker values in many sentence shapes.

A template is text with placeholders; each placeholder becomes a Faker value and a
labelled span ``{"start", "end", "type"}``. Persons are numbered (``{name}``,
``{first}``, ``{last}`` belong to person 1; ``{name2}``... to person 2) so a text can
mention the same person twice, as real notes do. Two template families exist, written
separately: ``tuning`` (used while developing recognizers), ``heldout`` and
``heldout2`` ... ``heldout9`` (different shapes, wording and Faker locales, only ever evaluated).

Development tooling, not part of the installed package (the wheel ships no templates):
``dataprotocol deid corpus`` runs it from a source checkout; ``dataprotocol deid eval``
scores any labelled JSONL file.
"""

from __future__ import annotations

import importlib
import json
import random
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from dataprotocol._files import atomic_open

__all__ = ["generate_corpus", "write_corpus", "FAMILIES"]

_PLACEHOLDER = re.compile(r"\{([a-z_]+?)(\d?)\}")


def _values(fake: Any, rng: random.Random) -> dict[str, tuple[str, Callable[[], str]]]:
    def date() -> str:
        fmt = rng.choice(["%m/%d/%Y", "%d/%m/%Y", "%Y-%m-%d", "%B %d, %Y", "%d %B %Y", "%b %d %Y",
                          "%m-%d-%Y", "%d.%m.%Y"])
        return str(fake.date_between(start_date="-90y", end_date="today").strftime(fmt))

    def mrn() -> str:
        return rng.choice(["", "", "MRN", "MR-", "HN"]) + str(rng.randint(10 ** 5, 10 ** 9 - 1))

    return {
        "email": ("EMAIL_ADDRESS", lambda: str(fake.email())),
        "phone": ("PHONE_NUMBER", lambda: str(fake.phone_number())),
        "address": ("STREET_ADDRESS", lambda: str(fake.street_address())),
        "city": ("LOCATION", lambda: str(fake.city())),
        "country": ("LOCATION", lambda: str(fake.country())),
        "zip": ("ZIP_CODE", lambda: str(fake.postcode())),
        "date": ("DATE_TIME", date),
        "dob": ("DATE_TIME", date),
        "age": ("AGE", lambda: str(rng.randint(2, 97))),
        "org": ("ORGANIZATION", lambda: str(fake.company())),
        "card": ("CREDIT_CARD", lambda: str(fake.credit_card_number())),
        "ssn": ("US_SSN", lambda: str(fake.ssn())),
        "mrn": ("MEDICAL_RECORD_NUMBER", mrn),
        "ip": ("IP_ADDRESS", lambda: str(fake.ipv4())),
        "iban": ("IBAN_CODE", lambda: str(fake.iban())),
        "passport": ("US_PASSPORT", lambda: str(rng.choice(["", "C", "A"])) + str(rng.randint(10 ** 7, 10 ** 8 - 1))),
        "license": ("US_DRIVER_LICENSE", lambda: rng.choice("ABCDEFGHJKLMNPRSTW") + str(rng.randint(10 ** 6, 10 ** 9))),
        "url": ("URL", lambda: str(fake.url()) + rng.choice(["", "profile/" + fake.user_name()])),
    }


def _render(template: str, fake: Any, rng: random.Random) -> dict[str, Any]:
    values = _values(fake, rng)
    people: dict[str, tuple[str, str]] = {}
    fixed: dict[str, str] = {}
    text, spans, pos = [], [], 0
    for m in _PLACEHOLDER.finditer(template):
        kind, index = m.group(1), m.group(2) or "1"
        text.append(template[pos:m.start()])
        start = sum(len(t) for t in text)
        if kind in ("name", "first", "last"):
            first, last = people.setdefault(index, (str(fake.first_name()), str(fake.last_name())))
            value, etype = {"name": f"{first} {last}", "first": first, "last": last}[kind], "PERSON"
        else:
            etype, make = values[kind]
            value = fixed.setdefault(kind + index, make())
        text.append(value)
        spans.append({"start": start, "end": start + len(value), "type": etype})
        pos = m.end()
    text.append(template[pos:])
    return {"text": "".join(text), "spans": spans}


def generate_corpus(n: int, *, seed: int, family: str = "tuning") -> Iterator[dict[str, Any]]:
    """``n`` labelled records from template ``family`` ("tuning" or "heldout")."""
    from faker import Faker

    templates, locales = FAMILIES[family]()
    rng = random.Random(seed)
    fakers = {loc: Faker(loc) for loc in locales}
    for loc, fake in fakers.items():
        fake.seed_instance(seed + len(loc))
    shapes = sorted(templates)
    for _ in range(n):
        shape = rng.choice(shapes)
        record = _render(rng.choice(templates[shape]), fakers[rng.choice(locales)], rng)
        record["shape"] = shape
        yield record


def write_corpus(path: str | Path, records: Sequence[dict[str, Any]] | Iterator[dict[str, Any]]) -> int:
    count = 0
    with atomic_open(path, "w") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


#: the tuning templates in held-out v8's locales: for tuning national formats (postcodes,
#: phone groupings, names with diacritics) without looking at v8's texts
INTL_LOCALES = ["en_AU", "en_CA", "sw", "yo_NG", "zu_ZA", "es_MX", "pt_BR", "de_DE", "fr_FR", "pl_PL",
                "tr_TR", "nl_NL", "id_ID"]

#: family -> (template module in this package, locales overriding the module's own)
_MODULES: dict[str, tuple[str, list[str] | None]] = {
    "tuning": ("tuning", None), "tuning_intl": ("tuning", INTL_LOCALES),
    **{name: (name, None) for name in ("heldout", *(f"heldout{i}" for i in range(2, 10)))},
}


def _family(name: str) -> Callable[[], tuple[dict[str, list[str]], list[str]]]:
    module, locales = _MODULES[name]

    def load() -> tuple[dict[str, list[str]], list[str]]:
        templates = importlib.import_module(f"{__name__}.{module}")
        return templates.TEMPLATES, list(locales or templates.LOCALES)

    return load


FAMILIES: dict[str, Callable[[], tuple[dict[str, list[str]], list[str]]]] = {
    name: _family(name) for name in _MODULES}
