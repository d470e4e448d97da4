# ruff: noqa: E501
"""Value generators for the English held-out set v12 (standard library only)."""

from __future__ import annotations

import datetime as dt
import re

from _h3common import iban_check_digits, luhn_check_digit

FIRST = {
    "anglo": ["James", "Emily", "Connor", "Hannah", "Wyatt", "Madison", "Brett", "Shelby", "Gordon", "Abigail", "Travis", "Holly", "Dale", "Paige"],
    "hispanic": ["Alejandro", "Lucía", "Mateo", "Ximena", "Joaquín", "Guadalupe", "Rosario", "Santiago", "Marisol", "Héctor", "Yesenia", "Rafael"],
    "african": ["Chinedu", "Amara", "Kwame", "Folasade", "Tendai", "Oluwaseun", "Nia", "Jabari", "Makena", "Kofi", "Zainab", "Tariq"],
    "south_asian": ["Priya", "Arjun", "Deepika", "Sanjay", "Anjali", "Rohan", "Lakshmi", "Vikram", "Harpreet", "Nikhil", "Farhana", "Imran"],
    "east_asian": ["Wei", "Mei", "Hiroshi", "Yuki", "Min-jun", "Ji-woo", "Thanh", "Linh", "Haruto", "Xiaoling", "Kenji", "Seo-yeon"],
    "slavic": ["Dmitri", "Katarzyna", "Oleksandr", "Milena", "Bogdan", "Svetlana", "Tomasz", "Yelena", "Radek", "Anastasia"],
    "arabic": ["Omar", "Layla", "Yusuf", "Fatima", "Khalid", "Noor", "Hassan", "Aisha", "Karim", "Rania"],
}
LAST = {
    "anglo": ["Whitaker", "Pennington", "Holloway", "Fitzgerald", "Crawford", "Ashby", "McAllister", "O'Rourke", "Kingsley", "Barnes", "Thornton", "Hughes"],
    "hispanic": ["Villanueva", "Castañeda", "Ortega", "Bermúdez", "de la Cruz", "Salazar", "Quintero", "Ibarra", "Montoya", "Peña"],
    "african": ["Okonkwo", "Mensah", "Adeyemi", "Mwangi", "Chukwu", "Boateng", "Diallo", "Nkosi", "Owusu", "Abiodun"],
    "south_asian": ["Raghunathan", "Patel", "Chatterjee", "Iyer", "Siddiqui", "Gill", "Venkataraman", "Bhattacharya", "Rahman", "Nair"],
    "east_asian": ["Nakamura", "Zhao", "Park", "Tran", "Nguyen", "Yamamoto", "Liang", "Choi", "Hoang", "Takahashi"],
    "slavic": ["Kowalczyk", "Petrenko", "Novak", "Wiśniewski", "Ivanova", "Dvořák", "Horvat", "Sokolov", "Zielinski", "Bondarenko"],
    "arabic": ["Haddad", "Al-Masri", "Khoury", "Nasser", "El-Amin", "Mansour", "Aziz", "Saleh", "Farouk", "Hamdan"],
}
SUFFIXES = ["Jr.", "Sr.", "III", "II", "IV"]
STREET_NAMES = ["Magnolia", "Sycamore", "Old Mill", "Juniper", "Lakeview", "Martin Luther King Jr.", "Cottonwood", "Chestnut", "Riverbend", "Peachtree", "Hawthorne", "Elmwood", "Prospect", "Cedar Ridge", "Foxglove", "Harbor View", "Mission", "Kingsbury", "4th", "23rd", "121st", "Summit", "Willow Creek"]
STREET_TYPES = ["St", "St.", "Street", "Ave", "Avenue", "Blvd", "Rd", "Road", "Dr", "Drive", "Ln", "Lane", "Ct", "Way", "Pkwy", "Pl", "Ter", "Cir", "Hwy", "Trail"]
CITIES = [("Tulsa", "OK", "741"), ("Albuquerque", "NM", "871"), ("Boise", "ID", "837"), ("Dayton", "OH", "454"), ("Fresno", "CA", "937"), ("Savannah", "GA", "314"),
          ("Spokane", "WA", "992"), ("Lansing", "MI", "489"), ("Des Moines", "IA", "503"), ("El Paso", "TX", "799"), ("Knoxville", "TN", "379"), ("Reno", "NV", "895"),
          ("Providence", "RI", "029"), ("Billings", "MT", "591"), ("Baton Rouge", "LA", "708"), ("Worcester", "MA", "016"), ("Madison", "WI", "537"), ("Chattanooga", "TN", "374"),
          ("Wilmington", "NC", "284"), ("Flagstaff", "AZ", "860"), ("Cedar Rapids", "IA", "524"), ("Paterson", "NJ", "075"), ("Scranton", "PA", "185"), ("Rochester", "NY", "146"),
          ("Sioux Falls", "SD", "571"), ("Anchorage", "AK", "995"), ("Honolulu", "HI", "968"), ("Burlington", "VT", "054"), ("Gainesville", "FL", "326"), ("Joliet", "IL", "604")]
STATE_NAMES = {"CA": "California", "NY": "New York", "TX": "Texas", "FL": "Florida", "IL": "Illinois", "WA": "Washington", "PA": "Pennsylvania", "NJ": "New Jersey", "MI": "Michigan", "OH": "Ohio", "GA": "Georgia", "AZ": "Arizona"}
AREA = ["918", "505", "208", "937", "559", "912", "509", "517", "515", "915", "865", "775", "401", "406", "225", "508", "608", "423", "910", "928", "319", "973", "570", "585", "605", "907", "808", "802", "352", "815"]
NATIONALITIES = ["Nigerian", "Guatemalan", "Filipino", "Ukrainian", "Vietnamese", "Salvadoran", "Somali", "Haitian", "Pakistani", "Brazilian", "Ethiopian", "Honduran", "Polish", "Korean", "Lebanese", "Indian", "Mexican", "Cuban", "Afghan", "Venezuelan"]
RELIGIONS = ["Catholic", "Muslim", "Sikh", "Hindu", "Jewish", "Buddhist", "Seventh-day Adventist", "Mormon", "Evangelical Christian", "Baptist", "Methodist", "Eastern Orthodox", "Quaker", "Jain"]
POLITICAL = ["Democrat", "Republican", "Libertarian", "Green Party", "Democratic Socialists of America", "Independent"]
COMPANY_A = ["Bluestem", "Ironclad", "Redwood", "Pinnacle", "Northgate", "Silverline", "Harborlight", "Keystone", "Brightwater", "Coppervale", "Lone Pine", "Crescent"]
COMPANY_B = ["Logistics", "Analytics", "Mechanical", "Foods", "Health Partners", "Credit Union", "Insurance Group", "Property Management", "Van Lines", "Dental Group", "Veterinary Clinic", "Utilities"]
COMPANY_C = ["LLC", "Inc.", "Co.", "Corp.", "Group", ""]
HOSPITALS = ["St. Agnes Medical Center", "Mercy General Hospital", "Providence Regional Medical Center", "Valley Children's Hospital", "Baptist Memorial Hospital", "University of Iowa Hospitals & Clinics", "Good Samaritan Hospital"]
SCHOOLS = ["Lincoln High School", "Boise State University", "University of New Mexico", "Central Valley Community College", "Wilson Elementary", "Kent State University", "Eastside Technical Institute"]
AGENCIES = ["Department of Corrections", "U.S. Customs and Border Protection", "County Probation Department", "Social Security Administration", "Department of Motor Vehicles", "Housing Authority"]
EMAIL_DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com", "protonmail.com", "hotmail.com", "comcast.net"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _digits(rng, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _origin(prof, suffix):
    key = "origin" + suffix
    if key not in prof.meta:
        prof.meta[key] = prof.rng.choice(list(FIRST))
    return prof.meta[key]


def _person(prof, suffix):
    key = "person" + suffix
    if key not in prof.meta:
        rng = prof.rng
        o = _origin(prof, suffix)
        first = rng.choice(FIRST[o])
        last = rng.choice(LAST[o])
        if rng.random() < 0.12:
            last = f"{last}-{rng.choice(LAST[rng.choice(list(LAST))])}"
        middle = rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.3 else ""
        suf = rng.choice(SUFFIXES) if o == "anglo" and rng.random() < 0.3 else ""
        prof.meta[key] = (first, middle, last, suf)
    return prof.meta[key]


def g_name(prof, suffix):
    rng = prof.rng
    first, middle, last, suf = _person(prof, suffix)
    r = rng.random()
    full = f"{first} {middle + '. ' if middle else ''}{last}{' ' + suf if suf else ''}"
    if r < 0.7:
        return full, "PERSON"
    if r < 0.8:
        return f"{first} {last}", "PERSON"
    return f"{first[0]}. {last}", "PERSON"


def g_rname(prof, suffix):
    """Surname-first, as rosters and court dockets write it: 'DOE, JOHN A.' / 'Doe, John'."""
    rng = prof.rng
    first, middle, last, suf = _person(prof, suffix)
    v = f"{last}, {first}{' ' + middle + '.' if middle else ''}"
    return (v.upper() if rng.random() < 0.55 else v), "PERSON"


def g_first(prof, suffix):
    return _person(prof, suffix)[0], "PERSON"


def g_last(prof, suffix):
    return _person(prof, suffix)[2], "PERSON"


def g_lcname(prof, suffix):
    first, _, last, _ = _person(prof, suffix)
    return prof.rng.choice([first.lower(), f"{first.lower()} {last.lower()}"]), "PERSON"


def g_handle(prof, suffix):
    first, _, last, _ = _person(prof, suffix)
    return f"{first.lower()}{last[0].lower()}{prof.rng.randint(1, 99)}", "ID"


def g_email(prof, suffix):
    rng = prof.rng
    first, _, last, _ = _person(prof, suffix)
    clean = last.lower().replace("'", "").replace(" ", "").replace("ñ", "n").replace("ś", "s").replace("ř", "r").replace("á", "a").replace("ú", "u").replace("é", "e").replace("í", "i")
    f = first.lower().replace("í", "i").replace("é", "e").replace("á", "a").replace("ú", "u")
    local = rng.choice([f"{f}.{clean}", f"{f[0]}{clean}", f"{clean}{rng.randint(1, 99)}", f"{f}_{clean[:4]}{rng.randint(70, 99)}"])
    dom = rng.choice(EMAIL_DOMAINS) if rng.random() < 0.7 else rng.choice(["bluestemlogistics.com", "mercygeneral.org", "unm.edu", "keystonevanlines.com", "co.ada.id.us"])
    return f"{local}@{dom}", "EMAIL_ADDRESS"


def g_age(prof, suffix):
    rng = prof.rng
    n = _age(prof, suffix)
    return rng.choice([f"{n}-year-old", f"{n}-year-old", f"{n} y/o", f"{n}yo", f"{n}-yr-old", f"{n} YO"]), "AGE"


def g_ageyrs(prof, suffix):
    n = _age(prof, suffix)
    return prof.rng.choice([f"{n} years old", f"{n} years of age", f"{n} yrs old", f"{n}"]), "AGE"


def _age(prof, suffix):
    key = "age" + suffix
    if key not in prof.meta:
        prof.meta[key] = prof.rng.randint(18, 89)
    return prof.meta[key]


def g_agen(prof, suffix):
    return str(_age(prof, suffix)), "AGE"


def g_nationality(prof, suffix):
    return prof.rng.choice(NATIONALITIES), "NRP"


def g_religion(prof, suffix):
    return prof.rng.choice(RELIGIONS), "NRP"


def g_political(prof, suffix):
    return prof.rng.choice(POLITICAL), "NRP"


# ------------------------------------------------------------------ places
def _city(prof, suffix):
    key = "city" + suffix
    if key not in prof.meta:
        prof.meta[key] = prof.rng.choice(CITIES)
    return prof.meta[key]


def g_street(prof, suffix):
    rng = prof.rng
    r = rng.random()
    if r < 0.08:
        return rng.choice([f"PO Box {rng.randint(10, 9999)}", f"P.O. Box {rng.randint(10, 9999)}", f"Post Office Box {rng.randint(10, 999)}"]), "STREET_ADDRESS"
    if r < 0.13:
        return rng.choice([f"RR {rng.randint(1, 9)} Box {rng.randint(10, 300)}", f"Rural Route {rng.randint(1, 9)}, Box {rng.randint(10, 300)}", f"HC {rng.randint(60, 80)} Box {rng.randint(100, 999)}"]), "STREET_ADDRESS"
    num = str(rng.randint(1, 29999))
    if rng.random() < 0.05:
        num += rng.choice(["½", "-B", "A"])
    direction = rng.choice(["", "", "", "N ", "S. ", "East ", "W ", "NE "])
    v = f"{num} {direction}{rng.choice(STREET_NAMES)} {rng.choice(STREET_TYPES)}"
    if rng.random() < 0.5:
        v += rng.choice([f", Apt {rng.randint(1, 40)}{rng.choice(['', 'B', 'C'])}", f" Apt. {rng.randint(100, 999)}", f", Suite {rng.randint(100, 950)}", f" Ste {rng.randint(1, 30)}",
                         f" #{rng.randint(1, 400)}", f", Unit {rng.choice('ABCDEFG')}{rng.randint(1, 9)}", f", Lot {rng.randint(1, 120)}", f", Trlr {rng.randint(1, 60)}", f" Bldg {rng.randint(1, 9)}, Apt {rng.randint(1, 30)}"])
    return v, "STREET_ADDRESS"


def g_cityst(prof, suffix):
    c, st, _ = _city(prof, suffix)
    return prof.rng.choice([f"{c}, {st}", f"{c}, {st}", f"{c} {st}"]), "LOCATION"


def g_cityonly(prof, suffix):
    return _city(prof, suffix)[0], "LOCATION"


def g_state(prof, suffix):
    rng = prof.rng
    return rng.choice(list(STATE_NAMES.values())), "LOCATION"


def g_country(prof, suffix):
    return prof.rng.choice(["Mexico", "Canada", "Germany", "Vietnam", "Nigeria", "Colombia", "Poland", "the Philippines", "India", "Japan", "Peru", "Morocco"]), "LOCATION"


def g_zip(prof, suffix):
    rng = prof.rng
    z = _city(prof, suffix)[2] + _digits(rng, 2)
    return (z + "-" + _digits(rng, 4)) if rng.random() < 0.25 else z, "ZIP_CODE"


# ------------------------------------------------------------------ contact
def g_phone(prof, suffix):
    rng = prof.rng
    a, b, c = rng.choice(AREA), str(rng.randint(201, 989)), _digits(rng, 4)
    if b[1:] == "11":
        b = b[0] + "23"
    v = rng.choice([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}", f"+1 ({a}) {b}-{c}", f"1-{a}-{b}-{c}", f"{a}{b}{c}", f"({a}){b}-{c}", f"+1-{a}-{b}-{c}", f"{a} {b} {c}"])
    if rng.random() < 0.22:
        v += rng.choice([f" ext. {rng.randint(2, 9999)}", f" x{rng.randint(10, 999)}", f" Ext {rng.randint(100, 999)}", f" ext{rng.randint(1, 99)}", f", ext. {rng.randint(100, 999)}"])
    return v, "PHONE_NUMBER"


def g_ip(prof, suffix):
    rng = prof.rng
    if rng.random() < 0.2:
        return f"2001:db8:{rng.randint(0, 65535):x}:{rng.randint(0, 65535):x}::{rng.randint(1, 65535):x}", "IP_ADDRESS"
    return f"{rng.choice([24, 67, 73, 98, 104, 172, 192, 10, 71])}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}", "IP_ADDRESS"


def g_url(prof, suffix):
    rng = prof.rng
    first, _, last, _ = _person(prof, suffix)
    slug = (first + last).lower().replace("'", "").replace(" ", "")
    return rng.choice([f"https://www.linkedin.com/in/{slug}-{rng.randint(100, 999)}", f"https://drive.example.com/file/d/{_digits(rng, 12)}/view",
                       f"http://{slug}.photos.example.net", f"https://portal.example-utility.com/acct/{_digits(rng, 9)}", f"www.facebook.com/{slug}{rng.randint(1, 99)}"]), "URL"


# ------------------------------------------------------------------ government ids
def g_ssn(prof, suffix):
    rng = prof.rng
    area = rng.randint(1, 899)
    while area == 666:
        area = rng.randint(1, 899)
    v = (f"{area:03d}", f"{rng.randint(1, 99):02d}", f"{rng.randint(1, 9999):04d}")
    sep = rng.choice(["-", "-", "-", " ", ""])
    return sep.join(v), "US_SSN"


def g_ssn4(prof, suffix):
    return _digits(prof.rng, 4), None


def _dl_for(rng, st):
    L = "ABCDEFGHJKLMNPRSTUVWXYZ"
    if st == "CA":
        return rng.choice(L) + _digits(rng, 7)
    if st == "NY":
        d = _digits(rng, 9)
        return rng.choice([d, f"{d[:3]} {d[3:6]} {d[6:]}"])
    if st == "TX":
        return _digits(rng, 8)
    if st == "FL":
        d = _digits(rng, 12)
        return rng.choice([rng.choice(L) + d, f"{rng.choice(L)}{d[:3]}-{d[3:6]}-{d[6:8]}-{d[8:11]}-{d[11]}"])
    if st == "IL":
        d = _digits(rng, 11)
        return f"{rng.choice(L)}{d[:3]}-{d[3:7]}-{d[7:]}"
    if st == "WA":
        return "WDL" + "".join(rng.choice(L + "0123456789") for _ in range(9))
    if st == "PA":
        d = _digits(rng, 8)
        return rng.choice([d, f"{d[:2]} {d[2:5]} {d[5:]}"])
    if st == "NJ":
        return rng.choice(L) + _digits(rng, 14)
    if st == "MI":
        return rng.choice(L) + _digits(rng, 12)
    if st == "OH":
        return rng.choice(L) + rng.choice(L) + _digits(rng, 6)
    if st == "GA":
        return _digits(rng, 9)
    return rng.choice(L) + _digits(rng, 8)


def g_dlstate(prof, suffix):
    key = "dlst" + suffix
    if key not in prof.meta:
        prof.meta[key] = prof.rng.choice(list(STATE_NAMES))
    st = prof.meta[key]
    return prof.rng.choice([st, STATE_NAMES[st]]), None


def g_dl(prof, suffix):
    prof.get("dlstate", suffix)
    return _dl_for(prof.rng, prof.meta["dlst" + suffix]), "US_DRIVER_LICENSE"


def g_passport(prof, suffix):
    rng = prof.rng
    return rng.choice([_digits(rng, 9), rng.choice("ACEFGHJKLMNPRSTUVWXYZ") + _digits(rng, 8)]), "US_PASSPORT"


def g_fpassport(prof, suffix):
    """A foreign (non-US) passport number; nearest listed type is ID."""
    rng = prof.rng
    return rng.choice(["P", "A", "G", "X", "N"]) + _digits(rng, rng.choice([7, 8])), "ID"


# ------------------------------------------------------------------ money
CARD_PREFIX = [("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("34", 15), ("37", 15), ("6011", 16), ("65", 16), ("4", 13)]


def g_cc(prof, suffix):
    rng = prof.rng
    key = "cc" + suffix
    if key not in prof.meta:
        pre, n = rng.choice(CARD_PREFIX)
        body = pre + _digits(rng, n - len(pre) - 1)
        prof.meta[key] = body + luhn_check_digit(body)
    num = prof.meta[key]
    r = rng.random()
    if r < 0.35:
        return num, "CREDIT_CARD"
    if len(num) == 15:
        groups = [num[:4], num[4:10], num[10:]]
    else:
        groups = [num[i:i + 4] for i in range(0, len(num), 4)]
    return (" " if r < 0.75 else "-").join(groups), "CREDIT_CARD"


def g_cc4(prof, suffix):
    prof.get("cc", suffix)
    return prof.meta["cc" + suffix][-4:], None


IBAN_SPECS = {"DE": "8n10n", "GB": "4a6n8n", "FR": "5n5n11c2n", "ES": "4n4n2n10n", "NL": "4a10n", "IT": "1a5n5n12c", "CH": "5n12c", "PL": "8n16n", "BE": "3n7n2n", "IE": "4a6n8n", "PT": "4n4n11n2n", "AT": "5n11n"}


def g_iban(prof, suffix):
    rng = prof.rng
    country = rng.choice(list(IBAN_SPECS))
    spec = IBAN_SPECS[country]
    bban = ""
    for count, kind in re.findall(r"(\d+)([anc])", spec):
        alpha = {"a": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "n": "0123456789", "c": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}[kind]
        bban += "".join(rng.choice(alpha) for _ in range(int(count)))
    iban = country + iban_check_digits(country, bban) + bban
    if rng.random() < 0.55:
        iban = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    return iban, "IBAN_CODE"


def g_amount(prof, suffix):
    rng = prof.rng
    return rng.choice([f"${rng.randint(20, 9999)}.{rng.randint(0, 99):02d}", f"${rng.randint(1, 40)},{rng.randint(0, 999):03d}", f"USD {rng.randint(50, 5000)}"]), None


# ------------------------------------------------------------------ time
def _event(prof):
    if "event" not in prof.meta:
        prof.meta["event"] = dt.date(2023, 6, 1) + dt.timedelta(days=prof.rng.randint(0, 900))
    return prof.meta["event"]


def fmt_date(rng, d: dt.date) -> str:
    m = MONTHS[d.month - 1]
    abbr = m[:3] + ("" if len(m) <= 4 else ".")
    return rng.choice([
        f"{d.month:02d}/{d.day:02d}/{d.year}", f"{d.month}/{d.day}/{d.year % 100:02d}", f"{m} {d.day}, {d.year}", f"{d.day} {m[:3]} {d.year}",
        f"{d.isoformat()}", f"{abbr} {d.day}", f"{WEEKDAYS[d.weekday()]}, {m} {d.day}", f"{d.day:02d}-{m[:3].upper()}-{d.year}",
        f"{m} {d.day}{'th' if 10 <= d.day % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d.day % 10, 'th')}", f"{d.month}.{d.day}.{d.year}",
        f"{m[:3]} {d.day} {d.year}",
    ])


def g_date(prof, suffix):
    rng = prof.rng
    d = _event(prof) + dt.timedelta(days=rng.randint(-60, 60) if suffix else 0)
    return fmt_date(rng, d), "DATE_TIME"


def g_datet(prof, suffix):
    rng = prof.rng
    d = _event(prof) + dt.timedelta(days=rng.randint(-3, 3) if suffix else 0)
    h, mi = rng.randint(1, 12), rng.choice(["00", "05", "15", "22", "30", "45", "50"])
    t = rng.choice([f" at {h}:{mi} {rng.choice(['AM', 'PM', 'a.m.', 'p.m.'])}", f" {rng.randint(0, 23):02d}{mi}", f" {rng.randint(0, 23):02d}:{mi}", f", {h}:{mi}{rng.choice(['am', 'pm'])}"])
    return fmt_date(rng, d) + t, "DATE_TIME"


def g_dob(prof, suffix):
    rng = prof.rng
    years = _age(prof, suffix)
    d = _event(prof) - dt.timedelta(days=years * 365 + rng.randint(1, 360))
    return rng.choice([f"{d.month:02d}/{d.day:02d}/{d.year}", f"{d.isoformat()}", f"{MONTHS[d.month - 1]} {d.day}, {d.year}", f"{d.month}-{d.day}-{d.year}", f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"]), "DATE_TIME"


def g_monthyear(prof, suffix):
    rng = prof.rng
    d = _event(prof) + dt.timedelta(days=rng.randint(20, 400))
    return rng.choice([f"{MONTHS[d.month - 1]} {d.year}", f"{d.month:02d}/{d.year}", f"Fall {d.year}", f"{MONTHS[d.month - 1][:3]} '{d.year % 100:02d}"]), "DATE_TIME"


# ------------------------------------------------------------------ organisations
def g_company(prof, suffix):
    rng = prof.rng
    return f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)}{(' ' + rng.choice(COMPANY_C)) if rng.random() < 0.7 else ''}".strip(), "ORGANIZATION"


def g_hospital(prof, suffix):
    return prof.rng.choice(HOSPITALS), "ORGANIZATION"


def g_school(prof, suffix):
    return prof.rng.choice(SCHOOLS), "ORGANIZATION"


def g_agency(prof, suffix):
    rng = prof.rng
    a = rng.choice(AGENCIES)
    if a.startswith(("County", "Department", "Housing")) and rng.random() < 0.6:
        a = f"{rng.choice(['Ada', 'Bernalillo', 'Shelby', 'Polk', 'Maricopa', 'Cuyahoga'])} County {a.replace('County ', '')}"
    return a, "ORGANIZATION"


def g_bank(prof, suffix):
    return prof.rng.choice(["First Horizon Bank", "Wells Fargo", "Navy Federal Credit Union", "Regions Bank", "Coppervale Credit Union", "Chase", "Fifth Third Bank", "Deutsche Bank", "Barclays"]), "ORGANIZATION"


def g_airline(prof, suffix):
    return prof.rng.choice(["Delta Air Lines", "United Airlines", "Southwest Airlines", "Alaska Airlines", "JetBlue", "American Airlines", "Frontier Airlines"]), "ORGANIZATION"


def g_insurer(prof, suffix):
    return prof.rng.choice(["State Farm", "Progressive", "Allstate", "Liberty Mutual", "GEICO", "Nationwide", "Erie Insurance", "USAA"]), "ORGANIZATION"


def g_utility(prof, suffix):
    return prof.rng.choice(["Idaho Power", "PNM", "Oklahoma Natural Gas", "Dayton Power and Light", "Georgia Power", "Puget Sound Energy", "Consumers Energy", "Brightwater Utilities"]), "ORGANIZATION"


# ------------------------------------------------------------------ record numbers
def _alnum(rng, n, alphabet="0123456789"):
    return "".join(rng.choice(alphabet) for _ in range(n))


UP = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def _id(fn, etype="ID"):
    def gen(prof, suffix):
        return fn(prof.rng), etype
    return gen


def _filler(values):
    def gen(prof, suffix):
        return prof.rng.choice(values), None
    return gen


GENERATORS = {
    "name": g_name, "rname": g_rname, "first": g_first, "last": g_last, "lcname": g_lcname, "handle": g_handle,
    "email": g_email, "age": g_age, "ageyrs": g_ageyrs, "agen": g_agen, "nationality": g_nationality, "religion": g_religion, "political": g_political,
    "street": g_street, "cityst": g_cityst, "cityonly": g_cityonly, "state": g_state, "country": g_country, "zip": g_zip,
    "phone": g_phone, "ip": g_ip, "url": g_url, "ssn": g_ssn, "ssnlast": g_ssn4, "dlstate": g_dlstate, "dl": g_dl,
    "payurl": lambda p, s: (f"https://pay.{p.rng.choice(['brightwater-utilities', 'idahopower', 'pnm'])}.example.com/acct/{_digits(p.rng, 10)}?ref=notice", "URL"),
    "passport": g_passport, "fpassport": g_fpassport, "cc": g_cc, "cclast": g_cc4, "iban": g_iban, "amount": g_amount,
    "date": g_date, "datet": g_datet, "dob": g_dob, "monthyear": g_monthyear, "company": g_company, "hospital": g_hospital,
    "school": g_school, "agency": g_agency, "bank": g_bank, "airline": g_airline, "insurer": g_insurer, "utility": g_utility,
    # ID
    "claim": _id(lambda r: r.choice(["CLM-", "", "0", "PC"]) + _alnum(r, r.choice([8, 10, 11]))),
    "policy": _id(lambda r: r.choice(["", "HO-", "AU"]) + _alnum(r, 3, UP) + _alnum(r, 7)),
    "acct": _id(lambda r: _alnum(r, r.choice([9, 10, 12]))),
    "ticket": _id(lambda r: r.choice(["INC", "REQ", "HD-", "SR"]) + _alnum(r, 7)),
    "asset": _id(lambda r: r.choice(["LT-", "WS"]) + _alnum(r, 6)),
    "case": _id(lambda r: f"{r.randint(19, 25)}-{r.choice(['CR', 'PR', 'MS'])}-{_alnum(r, 5)}"),
    "offender": _id(lambda r: r.choice(["", "", "A", "R"]) + _alnum(r, r.choice([6, 7, 8]))),
    "subject": _id(lambda r: f"{r.choice(['SCR', 'S', 'PT'])}-{_alnum(r, 3)}-{_alnum(r, 3)}"),
    "student": _id(lambda r: r.choice(["9", "A", "U"]) + _alnum(r, 8)),
    "award": _id(lambda r: f"SCH-{r.randint(2023, 2026)}-{_alnum(r, 4)}"),
    "entry": _id(lambda r: _alnum(r, 3) + "-" + _alnum(r, 7) + "-" + _alnum(r, 1)),
    "pnr": _id(lambda r: _alnum(r, 6, UP + "23456789")),
    "eticket": _id(lambda r: r.choice(["006", "016", "526", "027"]) + _alnum(r, 10)),
    "ffn": _id(lambda r: _alnum(r, r.choice([9, 10, 11]))),
    "quote": _id(lambda r: "Q" + _alnum(r, 2, UP) + "-" + _alnum(r, 6)),
    "client": _id(lambda r: r.choice(["C", "CL-", ""]) + _alnum(r, r.choice([5, 6, 7]))),
    "dispute": _id(lambda r: "DSP" + _alnum(r, 9)),
    "application": _id(lambda r: r.choice(["APP-", "TS"]) + _alnum(r, 8)),
    "employee": _id(lambda r: r.choice(["E", "EMP", ""]) + _alnum(r, r.choice([5, 6]))),
    "memberid": _id(lambda r: _alnum(r, 3, UP) + _alnum(r, 9)),
    "npi": _id(lambda r: r.choice("12") + _alnum(r, 9)),
    "bol": _id(lambda r: _alnum(r, 4, UP) + _alnum(r, 8)),
    "mrn": _id(lambda r: r.choice(["", "", "M", "00"]) + _alnum(r, r.choice([6, 7, 8, 9])), "MEDICAL_RECORD_NUMBER"),
    # filler (no span)
    "pet": _filler(["Biscuit", "Luna", "Max", "Pepper", "Rocky", "Mochi", "Duke", "Sadie", "Ziggy", "Cleo"]),
    "species": _filler(["a 7-year-old neutered male Labrador", "a 3-year-old spayed female domestic shorthair", "a 12-year-old Beagle", "a 9-month-old Golden Retriever puppy", "a 5-year-old cockatiel", "a 2-year-old Holland Lop rabbit"]),
    "device": _filler(["Dell Latitude 5440", "MacBook Pro 14", "Lenovo ThinkPad T14", "HP EliteBook 840", "Surface Pro 9"]),
    "flight": _filler(["flight 1842", "flight 377", "DL 2291", "UA 518", "WN 3304", "AS 67"]),
    "tooth": _filler(["#3", "#14", "#19", "#30", "#8 and #9", "#2"]),
}
