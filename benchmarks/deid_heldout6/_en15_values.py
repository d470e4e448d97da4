"""English value generators for heldout15 (blind6). Synthetic values; checksums are valid."""

from __future__ import annotations

import random
import unicodedata

from _b6common import BaseValues, group, iban_make, luhn_complete

P, D, PH, E, A, L, Z, O, AG, N, ID, MRN = (
    "PERSON", "DATE_TIME", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS", "LOCATION",
    "ZIP_CODE", "ORGANIZATION", "AGE", "NRP", "ID", "MEDICAL_RECORD_NUMBER",
)

# (first names, surnames) by origin; multi-word and accented forms on purpose.
ORIGINS = {
    "anglo": (["Colleen", "Travis", "Brianna", "Dustin", "Heather", "Garrett", "Shelby", "Wyatt", "Kendra", "Russell"],
              ["Whitaker", "Pruitt", "Caldwell", "Hollis", "Merriweather", "Blackwood", "Langley", "Ashby", "Doyle"]),
    "hispanic": (["Ximena", "Joaquín", "Itzel", "Rodrigo", "Marisol", "Efraín", "Yesenia", "Mateo"],
                 ["Villaseñor", "Ocampo", "Zavala", "de León", "Barrientos", "Quiñones", "Arellano", "del Toro"]),
    "west_african": (["Chidinma", "Kwabena", "Folasade", "Oluwaseun", "Abena", "Emeka", "Adaeze", "Kofi"],
                     ["Okonkwo", "Asante", "Adeyemi", "Mensah", "Nwachukwu", "Boateng", "Olaniyan"]),
    "south_asian": (["Harpreet", "Ananya", "Venkatesh", "Farhana", "Rohit", "Lakshmi", "Imran", "Divya"],
                    ["Chaudhary", "Venkataraman", "Siddiqui", "Bhattacharya", "Gill", "Raghunathan", "Kapoor"]),
    "east_asian": (["Hyun-woo", "Mei-Ling", "Takeshi", "Jia", "Seo-yeon", "Haruto", "Xiaoming", "Thuy"],
                   ["Nakamura", "Huang", "Park", "Tran", "Watanabe", "Zhao", "Choi", "Lê"]),
    "slavic": (["Oksana", "Bogdan", "Katarzyna", "Dmitri", "Milena", "Tomasz", "Svetlana", "Yaroslav"],
               ["Kowalczyk", "Shevchenko", "Novotná", "Petrović", "Zielinski", "Kuznetsova", "Horváth"]),
    "arabic": (["Yousef", "Layla", "Omar", "Noor", "Khalid", "Amira", "Tariq", "Rania"],
               ["Haddad", "Al-Sayed", "Mansour", "El-Khoury", "Nasser", "Abu-Ghazaleh", "Qureshi"]),
    "other": (["Aroha", "Keanu", "Siobhan", "Niamh", "Astrid", "Leilani", "Tupac", "Ingrid"],
              ["Ngata", "Kealoha", "Ó Súilleabháin", "MacGillivray", "Lindqvist", "van der Linde", "St. Germain"]),
}
CITIES = [  # city, state abbreviation, state name, ZIP prefix, area codes
    ("Dayton", "OH", "Ohio", "454", ["937"]), ("Fresno", "CA", "California", "937", ["559"]),
    ("Tulsa", "OK", "Oklahoma", "741", ["918"]), ("Spokane", "WA", "Washington", "992", ["509"]),
    ("Savannah", "GA", "Georgia", "314", ["912"]), ("Albuquerque", "NM", "New Mexico", "871", ["505"]),
    ("Worcester", "MA", "Massachusetts", "016", ["508", "774"]), ("Boise", "ID", "Idaho", "837", ["208"]),
    ("Lansing", "MI", "Michigan", "489", ["517"]), ("Omaha", "NE", "Nebraska", "681", ["402"]),
    ("Knoxville", "TN", "Tennessee", "379", ["865"]), ("Des Moines", "IA", "Iowa", "503", ["515"]),
    ("Hialeah", "FL", "Florida", "330", ["305", "786"]), ("El Paso", "TX", "Texas", "799", ["915"]),
    ("Paterson", "NJ", "New Jersey", "075", ["973"]), ("Raleigh", "NC", "North Carolina", "276", ["919", "984"]),
    ("St. Paul", "MN", "Minnesota", "551", ["651"]), ("Salem", "OR", "Oregon", "973", ["503"]),
    ("Yonkers", "NY", "New York", "107", ["914"]), ("Provo", "UT", "Utah", "846", ["801"]),
    ("Lexington", "KY", "Kentucky", "405", ["859"]), ("Hartford", "CT", "Connecticut", "061", ["860"]),
    ("Springfield", "MO", "Missouri", "658", ["417"]), ("Gary", "IN", "Indiana", "464", ["219"]),
]
STREETS = ["Maple Ridge", "Cottonwood", "Juniper", "Harbor View", "Sycamore", "Old Mill", "Prairie Wind", "Bluebonnet",
           "Kingsley", "Magnolia", "Cedar Hollow", "Lakeshore", "Stonebridge", "Willow Bend", "Martin Luther King Jr.",
           "Quail Run", "Foxglove", "Pinecrest", "Orchard", "Hawthorne"]
SUFFIX = ["St", "Street", "Ave", "Avenue", "Rd", "Dr", "Drive", "Ln", "Ct", "Blvd", "Way", "Pkwy", "Terrace", "Pl", "Cir"]
COUNTRIES = [("Guatemala", "Guatemalan"), ("Haiti", "Haitian"), ("Ukraine", "Ukrainian"), ("Somalia", "Somali"),
             ("the Philippines", "Filipino"), ("El Salvador", "Salvadoran"), ("Nigeria", "Nigerian"), ("Vietnam", "Vietnamese"),
             ("Venezuela", "Venezuelan"), ("Afghanistan", "Afghan"), ("Honduras", "Honduran"), ("Eritrea", "Eritrean"),
             ("Nepal", "Nepali"), ("Cuba", "Cuban"), ("the DR Congo", "Congolese"), ("Myanmar", "Burmese"), ("Jamaica", "Jamaican")]
NATIONALITY = ["Guatemalan", "Haitian", "Ukrainian", "Somali", "Filipino", "Salvadoran", "Nigerian", "Vietnamese",
               "Venezuelan", "Afghan", "Honduran", "Eritrean", "Nepali", "Cuban", "Congolese", "Burmese", "Jamaican"]
RELIGION = ["Catholic", "Lutheran", "Muslim", "Jewish", "Baptist", "Hindu", "Sikh", "Buddhist", "Methodist",
            "Episcopalian", "Pentecostal", "Eastern Orthodox", "Seventh-day Adventist", "Quaker", "Presbyterian"]
PARTY = ["Democratic Party", "Republican Party", "Libertarian Party", "Green Party", "Working Families Party",
         "Constitution Party"]
PARTY_MEMBER = ["Democrat", "Republican", "Libertarian"]
MAIL = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com", "protonmail.com", "hotmail.com"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
IBAN_BBAN = {"DE": "18d", "ES": "20d", "AT": "16d", "BE": "12d", "SE": "20d", "DK": "14d", "GB": "4L14d", "IE": "4L14d",
             "NL": "4L10d", "CH": "17d", "IT": "1L22d", "PT": "21d", "FI": "14d", "HR": "17d"}


def _weekday(y: int, m: int, d: int) -> str:
    # Zeller-style (Sakamoto) weekday: no datetime and no clock.
    t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
    yy = y - (m < 3)
    return WEEKDAYS[(yy + yy // 4 - yy // 100 + yy // 400 + t[m - 1] + d - 1) % 7]


def _ascii(name: str) -> str:
    """Lower-case ASCII letters of a name, for e-mail handles (Villaseñor -> villasenor)."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in plain.lower() if ch.isascii() and ch.isalpha())


def _ordinal(d: int) -> str:
    return f"{d}{'th' if 11 <= d % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


class EnValues(BaseValues):
    """One document's English values; keys map to ``v_<name>``."""

    nocache = frozenset({"clock"})

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng)
        r = rng
        self.doc_y, self.doc_m, self.doc_d = r.choice([2025, 2026]), r.randint(1, 12), r.randint(1, 28)
        self.city = r.choice(CITIES)

    # ---- people -------------------------------------------------------------------------
    def new_person(self, idx: int) -> dict:
        r = self.rng
        firsts, lasts = ORIGINS[r.choice(list(ORIGINS))]
        first, last = r.choice(firsts), r.choice(lasts)
        if r.random() < 0.1:
            last = f"{last}-{r.choice(ORIGINS[r.choice(list(ORIGINS))][1]).split()[-1]}"
        age = r.randint(18, 84)
        by, bm, bd = self.doc_y - age, r.randint(1, 12), r.randint(1, 28)
        if (bm, bd) > (self.doc_m, self.doc_d):
            age -= 1
        return {"first": first, "last": last, "mi": r.choice("ABCDEFGHJKLMNPRSTW"), "age": age, "by": by, "bm": bm,
                "bd": bd, "city": self.city if r.random() < 0.7 else r.choice(CITIES)}

    def v_name(self, idx: int) -> list:
        p, r = self.person(idx), self.rng
        fmt = r.choices([f"{p['first']} {p['last']}", f"{p['first']} {p['mi']}. {p['last']}", f"{p['last']}, {p['first']}",
                         f"{p['last'].upper()}, {p['first'].upper()}"], [6, 2, 2, 1])[0]
        return [(fmt, P)]

    def v_full(self, idx: int) -> list:  # always First Last (letters, signatures)
        p = self.person(idx)
        return [(f"{p['first']} {p['last']}", P)]

    def v_first(self, idx: int) -> list:
        return [(self.person(idx)["first"], P)]

    def v_last(self, idx: int) -> list:
        return [(self.person(idx)["last"], P)]

    def v_fl(self, idx: int) -> list:  # F. Last
        p = self.person(idx)
        return [(f"{p['first'][0]}. {p['last']}", P)]

    def v_chat(self, idx: int) -> list:  # lower-case chat name
        p = self.person(idx)
        return [(self.rng.choice([p["first"].lower(), f"{p['first'].lower()} {p['last'][0].lower()}"]), P)]

    def v_age(self, idx: int) -> list:
        a = self.person(idx)["age"]
        return [(self.rng.choice([f"{a}-year-old", f"{a} y/o", f"{a} years old", f"{a}yo", f"{a} yrs old", f"{a} years of age"]), AG)]

    def v_agen(self, idx: int) -> list:  # after "age"/"aged": the number only
        return [(str(self.person(idx)["age"]), AG)]

    def _kid(self, idx: int) -> dict:
        kids = self.__dict__.setdefault("_kids", {})
        if idx not in kids:
            r = self.rng
            age = r.randint(5, 13)
            bm, bd = r.randint(1, 12), r.randint(1, 28)
            by = self.doc_y - age - ((bm, bd) > (self.doc_m, self.doc_d))
            kids[idx] = {"age": age, "by": by, "bm": bm, "bd": bd}
        return kids[idx]

    def v_kidage(self, idx: int) -> list:  # a child's age, consistent with v_kdob of the same index
        a = self._kid(idx)["age"]
        return [(self.rng.choice([f"{a}-year-old", f"{a} years old", f"{a} yo"]), AG)]

    def v_kdob(self, idx: int) -> list:
        k = self._kid(idx)
        return [(self._fmt_date(k["by"], k["bm"], k["bd"], birth=True), D)]

    def v_dob(self, idx: int) -> list:
        p = self.person(idx)
        return [(self._fmt_date(p["by"], p["bm"], p["bd"], birth=True), D)]

    def _origin(self, idx: int) -> tuple[str, str]:  # (country, nationality) shared by v_country/v_nat
        pairs = self.__dict__.setdefault("_origins", {})
        if idx not in pairs:
            pairs[idx] = self.rng.choice(COUNTRIES)
        return pairs[idx]

    def v_nat(self, idx: int) -> list:
        return [(self._origin(idx)[1], N)]

    def v_rel(self, idx: int) -> list:
        return [(self.rng.choice(RELIGION), N)]

    def v_party(self, idx: int) -> list:
        return [(self.rng.choice(PARTY), N)]

    def v_partym(self, idx: int) -> list:  # a former affiliation, different from {party}
        now = self.get("party")[0][0]
        return [(self.rng.choice([p for p in PARTY_MEMBER if not now.startswith(p[:5])]), N)]

    # ---- contact ------------------------------------------------------------------------
    def v_phone(self, idx: int) -> list:
        r = self.rng
        city = self.person(idx)["city"] if idx in self.people else self.city
        a, b, c = r.choice(city[4]), f"{r.randint(201, 989)}", f"{r.randint(0, 9999):04d}"
        fmt = r.choices([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}", f"1-{a}-{b}-{c}",
                         f"({a}){b}-{c}", f"+1 ({a}) {b}-{c}", f"{a}{b}{c}"], [6, 4, 3, 2, 1, 1, 1, 1])[0]
        ext = r.choices(["", f" ext. {r.randint(2, 899)}", f" x{r.randint(10, 999)}", f" Ext {r.randint(1, 99)}", f", ext. {r.randint(100, 999)}"],
                        [8, 2, 1, 1, 1])[0]
        return [(fmt + ext, PH)]

    def v_email(self, idx: int) -> list:
        p, r = self.person(idx), self.rng
        first, last = _ascii(p["first"]), _ascii(p["last"])
        user = r.choice([f"{first}.{last}", f"{first[0]}{last}", f"{first}{r.randint(1, 99)}", f"{last}.{first[0]}{r.randint(70, 99)}"])
        return [(f"{user}@{r.choice(MAIL)}", E)]

    def v_wemail(self, idx: int) -> list:  # work e-mail at an organisation domain
        p, r = self.person(idx), self.rng
        last = _ascii(p["last"])
        return [(f"{_ascii(p['first'])[0]}{last}@{r.choice(['stlukeshealth.org', 'brightpath-law.com', 'cedarhoa.net', 'ramseyfreight.com', 'co.essex.nj.us'])}", E)]

    def v_url(self, idx: int) -> list:
        r = self.rng
        return [(r.choice([f"https://portal.{r.choice(['residentlink', 'myclientfile', 'securedocs', 'formstack'])}.com/u/{r.randint(10000, 99999)}",
                           f"https://bit.ly/{''.join(r.choice('abcdefghkmnpqrstuvwxyz23456789') for _ in range(7))}",
                           f"www.{r.choice(['caseupload', 'sharefile-portal', 'docdrop'])}.net/f?id={r.randint(1000, 9999)}"]), "URL")]

    def v_ip(self, idx: int) -> list:
        r = self.rng
        if r.random() < 0.25:
            return [(f"2600:{r.randint(0x1000, 0xffff):x}:{r.randint(0, 0xffff):x}::{r.randint(1, 0xfff):x}", "IP_ADDRESS")]
        return [(f"{r.choice([24, 67, 73, 98, 104, 172, 192, 208])}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}", "IP_ADDRESS")]

    # ---- places ---------------------------------------------------------------------------
    def _pcity(self, idx: int):
        return self.person(idx)["city"]

    def v_street(self, idx: int) -> list:
        r = self.rng
        if r.random() < 0.12:
            return [(r.choice([f"PO Box {r.randint(10, 9999)}", f"P.O. Box {r.randint(10, 9999)}", f"Post Office Box {r.randint(10, 999)}"]), A)]
        num = str(r.choice([r.randint(1, 999), r.randint(1000, 9999), r.randint(1000, 9999), r.randint(10000, 29999)]))
        d = r.choice(["", "", "", "N ", "S ", "E ", "W ", "NE ", "SW "])
        unit = r.choices(["", f" Apt {r.randint(1, 40)}{r.choice('ABCD')}", f", Apt. {r.randint(100, 999)}", f" Unit {r.randint(1, 30)}",
                          f" #{r.randint(2, 300)}", f", Suite {r.randint(100, 900)}", f" Lot {r.randint(1, 90)}", f" Trlr {r.randint(1, 60)}"],
                         [8, 2, 2, 1, 1, 1, 1, 1])[0]
        return [(f"{num} {d}{r.choice(STREETS)} {r.choice(SUFFIX)}{unit}", A)]

    def v_home(self, idx: int) -> list:  # a residence: never a PO box
        while True:
            seg = self.v_street(idx)
            if "Box" not in seg[0][0]:
                return seg

    def v_cityst(self, idx: int) -> list:
        c = self._pcity(idx)
        return [(self.rng.choice([f"{c[0]}, {c[1]}", f"{c[0]}, {c[1]}", f"{c[0]} {c[1]}"]), L)]

    def v_cityname(self, idx: int) -> list:
        return [(self._pcity(idx)[0], L)]

    def v_county(self, idx: int) -> list:  # "Ada County": the whole name incl. "County" is LOCATION
        return [(self.rng.choice(["Ada", "Polk", "Knox", "Douglas", "Ingham", "Bernalillo", "Spokane", "Chatham", "Marion",
                                  "Ramsey", "Passaic", "Wake", "Greene", "Lake", "Fayette"]) + " County", L)]

    def v_state(self, idx: int) -> list:
        return [(self._pcity(idx)[2], L)]

    def v_zip(self, idx: int) -> list:
        r = self.rng
        z = self._pcity(idx)[3] + f"{r.randint(0, 99):02d}"
        return [(z + (f"-{r.randint(0, 9999):04d}" if r.random() < 0.2 else ""), Z)]

    def v_country(self, idx: int) -> list:
        return [(self._origin(idx)[0], L)]

    def v_port(self, idx: int) -> list:  # a port-of-entry city
        return [(self.rng.choice(["El Paso", "San Ysidro", "Laredo", "Nogales", "Brownsville", "Calexico", "Eagle Pass"]), L)]

    # ---- identifiers ------------------------------------------------------------------------
    def _digits(self, n: int) -> str:
        return "".join(str(self.rng.randint(0, 9)) for _ in range(n))

    def v_ssn(self, idx: int) -> list:
        r = self.rng
        area = r.choice([x for x in range(1, 900) if x != 666])
        a, g, s = f"{area:03d}", f"{r.randint(1, 99):02d}", f"{r.randint(1, 9999):04d}"
        return [(r.choices([f"{a}-{g}-{s}", f"{a} {g} {s}", f"{a}{g}{s}"], [6, 1, 1])[0], "US_SSN")]

    DL_FORMATS = ("NC", "MN", "MO", "KY", "CT", "UT", "TN", "OR", "IN", "NE", "OK", "NM", "ID", "IA")

    def v_dlst(self, idx: int) -> str:  # the state code before a licence (outside the span)
        if "_dl" not in self.__dict__:
            home = self.person(1)["city"][1]
            self._dl = home if home in self.DL_FORMATS else self.rng.choice(self.DL_FORMATS)
        return self._dl

    def v_dl(self, idx: int) -> list:
        r, st = self.rng, self.v_dlst(idx)
        L1 = r.choice("ABCDEFGHJKLMNPRSTW")
        L2 = "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
        fmt = {"NC": self._digits(12), "MN": L1 + self._digits(12), "MO": L1 + self._digits(9), "KY": L1 + self._digits(8),
               "CT": self._digits(9), "UT": self._digits(9), "TN": self._digits(9), "OR": self._digits(7),
               "IN": self._digits(4) + "-" + self._digits(2) + "-" + self._digits(4), "NE": L1 + self._digits(8),
               "OK": r.choice([self._digits(9), L1 + self._digits(9)]), "NM": self._digits(9),
               "ID": L2 + self._digits(6) + L1, "IA": self._digits(3) + L2 + self._digits(4)}[st]
        return [(fmt, "US_DRIVER_LICENSE")]

    def v_uspass(self, idx: int) -> list:
        r = self.rng
        return [(r.choice([self._digits(9), r.choice("ACEFGHJKLMN") + self._digits(8)]), "US_PASSPORT")]

    def v_fpass(self, idx: int) -> list:  # foreign passport: ID by convention
        r = self.rng
        return [(r.choice([r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + self._digits(7), "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)) + self._digits(7)]), ID)]

    def v_card(self, idx: int) -> list:
        r = self.rng
        kind = r.choice(["visa", "mc", "amex", "disc", "visa"])
        if kind == "amex":
            num = luhn_complete(r.choice(["34", "37"]) + self._digits(12))
            self.cache["_tail" + str(idx)] = [(num[-4:], None)]
            return [(r.choice([num, f"{num[:4]} {num[4:10]} {num[10:]}", f"{num[:4]}-{num[4:10]}-{num[10:]}"]), "CREDIT_CARD")]
        pre = {"visa": "4", "mc": r.choice(["51", "53", "55", "2221", "2720"]), "disc": r.choice(["6011", "65"])}[kind]
        num = luhn_complete(pre + self._digits(15 - len(pre)))
        self.cache["_tail" + str(idx)] = [(num[-4:], None)]
        return [(r.choice([num, group(num), group(num, sep="-")]), "CREDIT_CARD")]

    def v_tailno(self, idx: int) -> list:  # "card ending 1234": not labelled, agrees with the card
        self.get("card" + ("" if idx == 1 else str(idx)))
        return self.cache.get("_tail" + str(idx), [(self._digits(4), None)])

    def v_iban(self, idx: int) -> list:
        r = self.rng
        cc = r.choice(list(IBAN_BBAN))
        spec, bban = IBAN_BBAN[cc], ""
        num = ""
        for ch in spec:
            if ch.isdigit():
                num += ch
                continue
            n, num = int(num), ""
            bban += "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(n)) if ch == "L" else self._digits(n)
        iban = iban_make(cc, bban)
        return [(r.choice([iban, group(iban)]), "IBAN_CODE")]

    def v_routing(self, idx: int) -> str:  # ABA routing number: identifies a bank, not a person -> not labelled
        return self.rng.choice(["021000021", "011401533", "091000019", "121000248", "026009593"])

    def v_acct(self, idx: int) -> list:
        return [(self._digits(self.rng.randint(9, 12)), ID)]

    def v_mrn(self, idx: int) -> list:
        r = self.rng
        return [(r.choice([self._digits(8), f"{r.choice(['E', 'M', 'SL'])}{self._digits(7)}", f"{self._digits(3)}-{self._digits(3)}-{self._digits(3)}"]), MRN)]

    def v_case(self, idx: int) -> list:
        r = self.rng
        return [(r.choice([f"{self.doc_y % 100}-CR-{self._digits(5)}", f"{self.doc_y}-CV-{self._digits(6)}", f"D{self._digits(7)}",
                           f"{self.doc_y % 100}M{self._digits(6)}"]), ID)]

    def v_idn(self, idx: int) -> list:  # generic labelled record number
        r = self.rng
        if r.random() < 0.2:  # "#1234567": the "#" is a label, outside the span
            return [("#", None), (self._digits(7), ID)]
        return [(r.choice([f"{r.choice(['HOA', 'VN', 'BB', 'JR', 'CLM', 'HS', 'PR', 'EMP', 'VR'])}-{self._digits(6)}", self._digits(10),
                           f"{''.join(r.choice('ABCDEFGHJKLMNPQRSTUVWXYZ') for _ in range(2))}{self._digits(6)}"]), ID)]

    def v_anum(self, idx: int) -> list:  # USCIS A-number
        d = self._digits(9)
        return [(self.rng.choice([f"A{d}", f"A-{d[:3]}-{d[3:6]}-{d[6:]}", f"A{d[:3]} {d[3:6]} {d[6:]}"]), ID)]

    def v_receipt(self, idx: int) -> list:  # USCIS receipt number
        return [(self.rng.choice(["IOE", "EAC", "WAC", "LIN", "SRC", "MSC"]) + self._digits(10), ID)]

    def v_pro(self, idx: int) -> list:  # freight PRO / tracking numbers
        r = self.rng
        return [(r.choice([self._digits(10), f"1Z{''.join(r.choice('0123456789ABCDEFGHJKLMNPRSTUVWXY') for _ in range(16))}"]), ID)]

    # ---- organisations ------------------------------------------------------------------------
    def _org(self, choices: list[str]) -> list:
        return [(self.rng.choice(choices), O)]

    def v_hosp(self, idx: int) -> list:
        c = self.city[0]
        return self._org([f"{c} General Hospital", "St. Brendan Medical Center", f"Mercy Regional of {c}", "Valley Baptist Health",
                          f"{c} Children's Hospital", "Kaiser Permanente", "Good Samaritan Hospital"])

    def v_agencyhh(self, idx: int) -> list:
        return self._org(["BrightStar Home Health", "Visiting Nurse Service of the Valley", "Amedisys Home Health", "CareFirst at Home",
                          "Heartland Home Care LLC"])

    def v_hoa(self, idx: int) -> list:
        return self._org(["Cedar Hollow Homeowners Association", "Quail Run HOA", "The Reserve at Stonebridge Community Association",
                          "Willow Bend Property Owners' Association", "Lakeshore Villas HOA, Inc."])

    def v_church(self, idx: int) -> list:
        return self._org(["Grace Fellowship Church", "St. Casimir Parish", "Mount Zion AME Church", "First Lutheran Church",
                          "Iglesia Pentecostal Monte Horeb", "Holy Trinity Greek Orthodox Church", "Temple Beth Shalom"])

    def v_school(self, idx: int) -> list:
        c = self.city[0]
        return self._org([f"{c} Elementary School", "Roosevelt Middle School", "Lincoln-Douglass Academy", f"West {c} High School",
                          "Our Lady of Guadalupe School"])

    def v_bondco(self, idx: int) -> list:
        return self._org(["A-1 Liberty Bail Bonds", "Aladdin Bail Bonds", "Freedom First Bonding Co.", "Second Chance Bail Bonds LLC"])

    def v_court(self, idx: int) -> list:
        c = self.city
        return self._org([f"{c[0]} County District Court", f"Superior Court of {c[2]}", f"{c[0]} Municipal Court",
                          f"Circuit Court for {c[0]} County"])

    def v_lawfirm(self, idx: int) -> list:
        return self._org(["Brightpath Immigration Law, PLLC", "Okafor & Reyes LLP", "Sanctuary Legal Aid", "Delgado Immigration Group"])

    def v_carrier(self, idx: int) -> list:
        return self._org(["Ramsey Freight Lines", "Old Dominion Freight Line", "Estes Express", "XPO Logistics", "Saia LTL Freight"])

    def v_company(self, idx: int) -> list:
        return self._org(["Northwind Traders", "Pinnacle Mechanical, Inc.", "Harbor Lane Foods", "Tri-County Auto Glass",
                          "Summit Ridge Dental Group", "Keystone Fabrication LLC", "BlueRiver Analytics"])

    def v_agency(self, idx: int) -> list:  # adoption agency
        return self._org(["Bethany Christian Services", "Open Arms Adoption Agency", "Children's Home Society", "Hope Bridge Adoptions"])

    def v_mgmt(self, idx: int) -> list:
        return self._org(["Parkview Property Management", "Redwood Residential", "Greystar", "Keyrenter Property Management",
                          "Cornerstone Rentals LLC"])

    # ---- dates ----------------------------------------------------------------------------------
    def _date(self, idx: int) -> tuple[int, int, int]:
        if idx == 1:
            return self.doc_y, self.doc_m, self.doc_d
        r = self.rng
        m = (self.doc_m + r.choice([-2, -1, 1, 2, 3]) - 1) % 12 + 1
        return self.doc_y, m, r.randint(1, 28)

    def _fmt_date(self, y: int, m: int, d: int, birth: bool = False) -> str:
        r = self.rng
        mon = MONTHS[m - 1]
        forms = [f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y % 100:02d}", f"{mon} {d}, {y}", f"{d} {mon} {y}", f"{y}-{m:02d}-{d:02d}",
                 f"{mon[:3]}. {d}, {y}", f"{mon} {_ordinal(d)}, {y}", f"{m}-{d}-{y}", f"{mon[:3].upper()} {d:02d} {y}"]
        if not birth:
            forms += [f"{_weekday(y, m, d)}, {mon} {d}", f"{mon} {d}", f"{_weekday(y, m, d)[:3]} {m}/{d}"]
        return r.choice(forms)

    def v_date(self, idx: int) -> list:
        return [(self._fmt_date(*self._date(idx)), D)]

    def v_dtime(self, idx: int) -> list:
        r = self.rng
        h, mi = r.randint(6, 21), r.choice([0, 5, 10, 15, 20, 30, 40, 45, 55])
        ap = "AM" if h < 12 else "PM"
        h12 = h if h <= 12 else h - 12
        t = r.choice([f" at {h12}:{mi:02d} {ap}", f" {h:02d}{mi:02d}", f" {h:02d}:{mi:02d}", f", {h12}:{mi:02d}{ap.lower()}",
                      f" at {h12}:{mi:02d} {ap[0].lower()}.m."])
        return [(self._fmt_date(*self._date(idx)) + t, D)]

    def v_clock(self, idx: int) -> str:  # bare clock times in logs/chat: not labelled
        if "_clock" not in self.__dict__:
            self._clock = self.rng.randint(7 * 60, 18 * 60)
        self._clock = min(self._clock + self.rng.randint(3, 40), 23 * 60 + 59)
        return f"{self._clock // 60:02d}:{self._clock % 60:02d}"

    def v_year(self, idx: int) -> list:
        return [(str(self.doc_y - self.rng.randint(2, 25)), D)]

    def v_money(self, idx: int) -> str:
        r = self.rng
        return r.choice([f"${r.randint(25, 9999):,}.{r.randint(0, 99):02d}", f"${r.randint(1, 250) * 100:,}", f"${r.randint(5, 95)}"])

    def v_lf(self, idx: int) -> list:  # Last, First
        p = self.person(idx)
        return [(f"{p['last']}, {p['first']}", P)]
