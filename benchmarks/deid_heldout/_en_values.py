"""Value generators for the fresh English held-out corpus (v10).

Faker (en_US) supplies person names, cities, companies and street names; every format
around them (units, PO boxes, phone layouts, record ids) is written here.
"""

from __future__ import annotations

import datetime as _dt
import random
import string

from _build import luhn_complete
from faker import Faker
from faker.providers.date_time import change_year

STATES = (
    ("AL", "Alabama"), ("AZ", "Arizona"), ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"),
    ("FL", "Florida"), ("GA", "Georgia"), ("IL", "Illinois"), ("IN", "Indiana"), ("KY", "Kentucky"),
    ("LA", "Louisiana"), ("MA", "Massachusetts"), ("MD", "Maryland"), ("MI", "Michigan"), ("MN", "Minnesota"),
    ("MO", "Missouri"), ("NC", "North Carolina"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("OH", "Ohio"), ("OR", "Oregon"), ("PA", "Pennsylvania"), ("SC", "South Carolina"), ("TN", "Tennessee"),
    ("TX", "Texas"), ("UT", "Utah"), ("VA", "Virginia"), ("WA", "Washington"), ("WI", "Wisconsin"),
)
CITIES = (
    "Springfield", "Riverside", "Fairview", "Madison", "Georgetown", "Salem", "Franklin", "Clinton", "Greenville",
    "Bristol", "Dayton", "Tulsa", "Boise", "Fresno", "Tacoma", "Akron", "Lubbock", "Savannah", "Spokane", "Eugene",
    "Scranton", "Knoxville", "Chattanooga", "Duluth", "Macon", "Yonkers", "Provo", "Waco", "Sioux Falls", "El Paso",
    "St. Petersburg", "Fort Collins", "Ann Arbor", "Baton Rouge", "Winston-Salem", "Cedar Rapids", "Green Bay",
)
AREA_CODES = ("212", "312", "415", "617", "713", "214", "305", "404", "206", "503", "602", "702", "818", "917",
              "267", "412", "513", "614", "720", "801", "919", "984", "505", "316", "402", "608", "865", "971")
STREET_TYPES = ("St", "Street", "Ave", "Avenue", "Blvd", "Rd", "Road", "Dr", "Drive", "Ln", "Lane", "Ct", "Way",
                "Pkwy", "Pl", "Ter", "Cir", "Trail", "Hwy")
STREET_STEMS = ("Maple", "Oak", "Cedar", "Pine", "Elm", "Washington", "Lincoln", "Jefferson", "Lake", "Hill",
                "Park", "Sunset", "Ridge", "Mill", "River", "Church", "Spring", "Highland", "Chestnut", "Walnut",
                "Willow", "Meadow", "Forest", "Franklin", "Magnolia", "Dogwood", "Sycamore", "Briarwood")
HOSPITALS = ("St. Vincent Medical Center", "Mercy General Hospital", "Riverside Regional Medical Center",
             "Providence Memorial Hospital", "Lakeview Community Hospital", "Baptist Health South",
             "University Hospitals Cleveland", "Good Samaritan Hospital", "Sacred Heart Medical Center",
             "Northwestern Memorial Hospital", "Cedar Valley Clinic", "Kaiser Permanente Oakland")
INSURERS = ("Blue Cross Blue Shield of Texas", "Aetna", "UnitedHealthcare", "Cigna", "Humana", "Anthem",
            "Kaiser Foundation Health Plan", "Molina Healthcare", "Oscar Health", "Geico", "State Farm", "Allstate")
NATIONALITIES = ("Mexican", "Nigerian", "Vietnamese", "Polish", "Filipino", "Irish", "Haitian", "Korean", "Somali",
                 "Guatemalan", "Ukrainian", "Indian", "Brazilian", "Ethiopian", "Cuban", "Salvadoran", "Italian",
                 "Canadian", "Pakistani", "Dominican", "Japanese", "German", "Ghanaian", "Honduran", "Iranian")
RELIGIONS = ("Catholic", "Muslim", "Jewish", "Buddhist", "Hindu", "Sikh", "Mormon", "Baptist", "Lutheran",
             "Methodist", "Evangelical", "Episcopalian", "Presbyterian", "Pentecostal", "Quaker", "Jehovah's Witness",
             "Greek Orthodox", "Seventh-day Adventist")
POLITICAL = ("Republican", "Democrat", "Democratic Party", "Republican Party", "Libertarian", "Green Party",
             "Democratic Socialists of America", "Tea Party", "Libertarian Party", "GOP", "Working Families Party")
ETHNIC = ("Hispanic", "Latino", "Latina", "African American", "Asian American", "Native American", "Arab American")
MAIL_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "aol.com", "icloud.com", "comcast.net", "hotmail.com",
                "protonmail.com", "att.net", "verizon.net")


def faker(seed: int) -> Faker:
    f = Faker("en_US")
    f.seed_instance(seed)
    return f


def person(rng: random.Random, fk: Faker) -> str:
    r = rng.random()
    if r < 0.55:
        return f"{fk.first_name()} {fk.last_name()}"
    if r < 0.7:
        return f"{fk.first_name()} {rng.choice(string.ascii_uppercase)}. {fk.last_name()}"
    if r < 0.8:
        return f"{fk.last_name()}, {fk.first_name()}"
    if r < 0.9:
        return f"{fk.first_name()} {fk.last_name()}-{fk.last_name()}"
    return f"{fk.first_name()} {fk.last_name()} {rng.choice(('Jr.', 'Sr.', 'III', 'II'))}"


def _unit(rng: random.Random) -> str:
    n = rng.randint(1, 2400)
    return rng.choice((
        f"Apt {n}", f"Apt. {rng.randint(1, 40)}{rng.choice('ABCDEF')}", f"Suite {n}", f"Ste {n}", f"Ste. {n}",
        f"Unit {rng.randint(1, 99)}", f"#{n}", f"# {rng.randint(1, 400)}", f"Bldg {rng.randint(1, 12)}, Rm {rng.randint(100, 499)}",
        f"Fl {rng.randint(2, 30)}", f"Apartment {rng.randint(1, 60)}", f"Lot {rng.randint(1, 140)}", f"Unit {rng.choice('ABCD')}-{rng.randint(1, 30)}",
        f"Suite {rng.randint(1, 9)}{rng.randint(0, 99):02d}-{rng.choice('AB')}",
    ))


def street_line(rng: random.Random, fk: Faker) -> str:
    r = rng.random()
    if r < 0.12:
        return rng.choice((f"PO Box {rng.randint(1, 99999)}", f"P.O. Box {rng.randint(1, 9999)}", f"Post Office Box {rng.randint(1, 9999)}",
                           f"PMB {rng.randint(100, 999)}, {rng.randint(100, 9999)} {rng.choice(STREET_STEMS)} {rng.choice(STREET_TYPES)}"))
    num = str(rng.randint(1, 98999))
    if rng.random() < 0.05:
        num += rng.choice(("A", "B", " 1/2"))
    stem = rng.choice(STREET_STEMS) if rng.random() < 0.5 else fk.last_name()
    if rng.random() < 0.12:
        n = rng.randint(1, 140)
        suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        stem = f"{n}{suf}"
    pre = rng.choice(("", "", "", "N ", "S ", "E ", "W ", "NE ", "SW ", "North ", "West "))
    if rng.random() < 0.06:
        line = f"{num} {rng.choice(('County Road', 'State Route', 'Route', 'Highway'))} {rng.randint(1, 399)}"
    else:
        line = f"{num} {pre}{stem} {rng.choice(STREET_TYPES)}"
        if rng.random() < 0.1:
            line += rng.choice((" NW", " SE", " N", " E"))
    if rng.random() < 0.5:
        line += rng.choice((", ", " ", ", ")) + _unit(rng)
    return line


def city_state(rng: random.Random, fk: Faker) -> str:
    city = rng.choice(CITIES) if rng.random() < 0.5 else fk.city()
    ab, full = rng.choice(STATES)
    return f"{city}, {ab if rng.random() < 0.8 else full}"


def zip_code(rng: random.Random) -> str:
    z = f"{rng.randint(1001, 99950):05d}"
    return z + (f"-{rng.randint(1, 9999):04d}" if rng.random() < 0.2 else "")


def phone(rng: random.Random, *, ext: float = 0.2) -> str:
    a = rng.choice(AREA_CODES)
    b = f"{rng.randint(2, 9)}{rng.randint(0, 99):02d}"
    c = f"{rng.randint(0, 9999):04d}"
    s = rng.choice((f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}", f"+1 ({a}) {b}-{c}",
                    f"1-{a}-{b}-{c}", f"{a}{b}{c}", f"+1-{a}-{b}-{c}", f"({a}){b}-{c}", f"{a} {b} {c}", f"+1.{a}.{b}.{c}"))
    if rng.random() < ext:
        s += rng.choice((f" x{rng.randint(10, 9999)}", f" ext. {rng.randint(1, 999)}", f" ext {rng.randint(100, 999)}",
                         f" Ext. {rng.randint(1, 99)}", f"x{rng.randint(100, 999)}", f", ext. {rng.randint(10, 99)}"))
    return s


def email(rng: random.Random, fk: Faker, name: str | None = None) -> str:
    first, last = fk.first_name().lower(), fk.last_name().lower()
    user = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}{rng.randint(1, 99)}", f"{last}_{first[:3]}",
                       f"{first}.{last}{rng.randint(70, 99)}", fk.user_name()))
    if rng.random() < 0.3:
        dom = fk.domain_name()
    else:
        dom = rng.choice(MAIL_DOMAINS)
    return f"{user}@{dom}"


def ssn(rng: random.Random) -> str:
    area = rng.choice([n for n in range(1, 900) if n != 666])
    s = (f"{area:03d}", f"{rng.randint(1, 99):02d}", f"{rng.randint(1, 9999):04d}")
    return rng.choice(("-".join(s), "-".join(s), " ".join(s), "".join(s)))


def card(rng: random.Random) -> str:
    prefix, length = rng.choice((("4", 16), ("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("37", 15), ("34", 15), ("6011", 16), ("65", 16)))
    n = luhn_complete(prefix, length, rng)
    if length == 15 and rng.random() < 0.6:
        return f"{n[:4]} {n[4:10]} {n[10:]}"
    r = rng.random()
    if r < 0.4:
        return " ".join(n[i : i + 4] for i in range(0, 16, 4))
    if r < 0.6:
        return "-".join(n[i : i + 4] for i in range(0, 16, 4))
    return n


# Faker's relative dates ("-6y", date_of_birth) read today's clock, which made the corpus
# change with the day it was regenerated; every date is drawn around the day the corpus
# was written instead, with Faker's own arithmetic (365.24-day years, change_year).
ANCHOR = _dt.date(2026, 12, 2)


def date(rng: random.Random, fk: Faker, *, time: float = 0.15) -> str:
    d = fk.date_between(start_date=ANCHOR + _dt.timedelta(days=-365.24 * 6), end_date=ANCHOR + _dt.timedelta(days=365.24))
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
    mon = months[d.month - 1]
    s = rng.choice((f"{d.month:02d}/{d.day:02d}/{d.year}", f"{d.month}/{d.day}/{d.year % 100:02d}", f"{mon} {d.day}, {d.year}",
                    f"{d.day} {mon[:3]} {d.year}", d.isoformat(), f"{mon[:3]}. {d.day}, {d.year}", f"{mon} {d.day}",
                    f"{d.month}-{d.day}-{d.year}", f"{d.day:02d}-{mon[:3].upper()}-{d.year}"))
    if rng.random() < time:
        h, m = rng.randint(1, 12), rng.randint(0, 59)
        s += rng.choice((f" at {h}:{m:02d} {rng.choice(('AM', 'PM', 'a.m.', 'p.m.'))}", f" {rng.randint(0, 23):02d}:{m:02d}", f", {h}:{m:02d}pm"))
    return s


def age(rng: random.Random) -> str:
    n = rng.randint(1, 97)
    return rng.choice((f"{n}-year-old", f"{n} y/o", f"{n}yo", f"{n}-yr-old", f"{n} yo", f"{n}-year-old"))


def age_predicative(rng: random.Random) -> str:
    n = rng.randint(18, 97)
    return rng.choice((f"{n}", f"{n} years old", f"{n} yrs", f"{n}"))


def mrn(rng: random.Random) -> str:
    d = lambda k: "".join(rng.choice(string.digits) for _ in range(k))  # noqa: E731
    return rng.choice((d(8), d(7), f"{d(3)}-{d(2)}-{d(4)}", f"M{d(8)}", f"{d(2)}-{d(6)}", f"E{d(7)}", f"MR{d(9)}", d(10)))


def record_id(rng: random.Random) -> str:
    d = lambda k: "".join(rng.choice(string.digits) for _ in range(k))  # noqa: E731
    return rng.choice((d(9), d(10), f"{d(4)}-{d(6)}", f"ENC{d(8)}", f"A{d(9)}", f"{rng.choice('CHKQ')}{d(2)}-{d(7)}",
                       f"{d(3)}{rng.choice(string.ascii_uppercase)}{d(5)}", f"CLM-{d(4)}-{d(6)}", d(12)))


def passport(rng: random.Random) -> str:
    return rng.choice(("".join(rng.choice(string.digits) for _ in range(9)),
                       rng.choice("ACEFGHJKLMNPRSTUVWXYZ") + "".join(rng.choice(string.digits) for _ in range(8))))


def driver_license(rng: random.Random) -> str:
    d = lambda k: "".join(rng.choice(string.digits) for _ in range(k))  # noqa: E731
    L = rng.choice(string.ascii_uppercase)
    return rng.choice((f"{L}{d(7)}", f"{d(3)} {d(3)} {d(3)}", f"{L}{d(3)}-{d(3)}-{d(2)}-{d(3)}-{d(1)}", d(8),
                       f"{L}{d(12)}", f"{L}{d(2)}-{d(2)}-{d(4)}", f"{d(9)}"))


def iban(rng: random.Random) -> str:
    cc, body_len = rng.choice((("DE", 18), ("GB", 18), ("FR", 23), ("NL", 14), ("ES", 20)))
    if cc == "GB":
        body = rng.choice(("NWBK", "BARC", "HBUK")) + "".join(rng.choice(string.digits) for _ in range(14))
    elif cc == "NL":
        body = rng.choice(("ABNA", "INGB", "RABO")) + "".join(rng.choice(string.digits) for _ in range(10))
    else:
        body = "".join(rng.choice(string.digits) for _ in range(body_len))
    rearranged = body + cc + "00"
    num = int("".join(str(int(ch, 36)) for ch in rearranged))
    check = f"{98 - num % 97:02d}"
    s = cc + check + body
    return " ".join(s[i : i + 4] for i in range(0, len(s), 4)) if rng.random() < 0.6 else s


def ip(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return f"2001:db8:{rng.randint(0, 65535):x}:{rng.randint(0, 65535):x}::{rng.randint(1, 65535):x}"
    return f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def date_of_birth(fk: Faker, *, minimum_age: int, maximum_age: int) -> _dt.date:
    """Faker's ``date_of_birth`` (same draws, same boundary rule) around ``ANCHOR`` rather than today."""
    start, end = change_year(ANCHOR, -(maximum_age + 1)), change_year(ANCHOR, -minimum_age)
    dob = fk.date_time_ad(start_datetime=start, end_datetime=end).date()
    return dob if dob != start else dob + _dt.timedelta(days=1)
