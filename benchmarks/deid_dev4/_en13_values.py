"""English value generators for dev13 (written from scratch, stdlib only)."""

from __future__ import annotations

import datetime as dt

FIRST = ["Siobhan", "Tariq", "Mei-Ling", "Oluwaseun", "Bartholomew", "Ximena", "Dmitri", "Priyanka", "Kwabena", "Ingrid",
         "Thanh", "Hamid", "Rosalind", "Keanu", "Marisol", "Yusuf", "Agnieszka", "Hiroshi", "Chidinma", "Declan"]
LAST = ["O'Sullivan", "Haddad", "Nakamura", "Adeyemi", "Fitzgerald", "Villanueva", "Kowalczyk", "Raghunathan", "Mensah",
        "Lindqvist", "Nguyen", "Karimi", "da Silva", "McAllister", "van den Berg", "Papadopoulos", "Okonkwo", "Ibarra"]
STREET = ["Kedzie Ave", "Magnolia Blvd", "Old Mill Rd", "Pilgrim Rd", "Alvarado St", "Juniper Ln", "Harbor View Dr"]
CITY = [("Boise", "ID"), ("Duluth", "MN"), ("Tucson", "AZ"), ("Mobile", "AL"), ("Burlington", "VT"), ("Fresno", "CA"),
        ("Akron", "OH"), ("Spokane", "WA"), ("Savannah", "GA"), ("Lowell", "MA")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
IBAN_SPEC = {"DE": "8n10n", "FR": "5n5n11n2n", "ES": "4n4n2n10n", "NL": "4a10n", "BE": "3n7n2n", "PL": "8n16n",
             "IE": "4a6n8n", "PT": "4n4n11n2n", "NO": "4n6n1n", "FI": "6n8n"}


def luhn_complete(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return body + str((10 - total % 10) % 10)


def iban_digits(s: str) -> int:
    return int("".join(str(int(c, 36)) for c in s))


class EnValues:
    def __init__(self, rng):
        self.rng = rng
        self.reset()

    def reset(self) -> None:
        self.people: dict = {}

    def person(self, n):
        if n not in self.people:
            r = self.rng
            age = r.randint(18, 88)
            self.people[n] = {"first": r.choice(FIRST), "last": r.choice(LAST), "mid": r.choice("ABCDJKLMRT"),
                              "age": age, "born": dt.date(2026 - age, 1, 1) + dt.timedelta(days=r.randint(0, 330))}
        return self.people[n]

    def _d(self, n):
        return self.rng.randint(0, 9)

    def v_name(self, n):
        p = self.person(n)
        f = self.rng.randrange(5)
        t = [f"{p['first']} {p['last']}", f"{p['first']} {p['mid']}. {p['last']}", f"{p['last']}, {p['first']}",
             f"{p['last'].upper()}, {p['first'].upper()}", f"{p['first'][0]}. {p['last']}"][f]
        return [(t, "PERSON")]

    def v_first(self, n):
        return [(self.person(n)["first"], "PERSON")]

    def v_last(self, n):
        return [(self.person(n)["last"], "PERSON")]

    def v_age(self, n):
        a = self.person(n)["age"]
        f = self.rng.randrange(5)
        if f == 0:
            return [("aged ", None), (str(a), "AGE")]
        if f == 1:
            return [("age: ", None), (str(a), "AGE")]
        if f == 2:
            return [("a ", None), (f"{a} y.o.", "AGE")]
        if f == 3:
            return [(f"{a}-year-old", "AGE")]
        return [(str(a), "AGE"), (self.rng.choice("FM"), None)]

    def v_kid(self, n):
        return [(self.person(n)["first"] + " " + self.person("")["last"], "PERSON")]

    def v_kidage(self, n):
        a = self.rng.randint(6, 15)
        return self.rng.choice([[("aged ", None), (str(a), "AGE")], [(f"{a}-year-old", "AGE")], [(f"{a} yrs", "AGE")]])

    def v_dob(self, n):
        b = self.person(n)["born"]
        return [(self.rng.choice([b.strftime("%m/%d/%Y"), f"{MONTHS[b.month - 1]} {b.day}, {b.year}",
                                  b.strftime("%Y-%m-%d")]), "DATE_TIME")]

    def v_date(self, n):
        r = self.rng
        d = dt.date(2026, 1, 1) + dt.timedelta(days=r.randint(0, 330))
        sfx = "th" if 10 < d.day < 14 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
        f = r.randrange(8)
        t = [f"the {d.day}{sfx} of {MONTHS[d.month - 1]}", f"{d.month}/{d.day}", d.strftime("%b-%d-%Y"),
             d.strftime("%Y/%m/%d") + f" {r.randint(6, 22):02d}:{r.choice(['05', '30', '45'])}",
             f"{MONTHS[d.month - 1]} {d.day}, {d.year}", f"{d.day} {d.strftime('%b')} {d.year}",
             d.strftime("%a %m/%d/%y"), f"{MONTHS[d.month - 1]} {d.day} at {r.randint(1, 11)}:{r.randint(10, 59)} pm"][f]
        return [(t, "DATE_TIME")]

    def v_phone(self, n):
        r = self.rng
        a, b, c = r.randint(201, 989), r.randint(200, 989), r.randint(0, 9999)
        t = r.choice([f"({a}) {b}-{c:04d}", f"{a}.{b}.{c:04d}", f"+1 {a} {b} {c:04d}", f"1 ({a}) {b}-{c:04d}",
                      f"{a}-{b}-{c:04d}"])
        if r.random() < 0.3:
            t += r.choice([" ext. ", " x", " #", ", ext. "]) + str(r.randint(2, 999))
        return [(t, "PHONE_NUMBER")]

    def _city(self, n):
        k = "_c" + n
        if k not in self.people:
            self.people[k] = self.rng.choice(CITY)
        return self.people[k]

    def v_street(self, n):
        r = self.rng
        f = r.randrange(5)
        if f == 0:
            t = f"P.O. Box {r.randint(10, 9999)}"
        elif f == 1:
            t = f"W{r.randint(100, 299)}N{r.randint(1000, 9999)} {r.choice(STREET)}"
        else:
            t = f"{r.randint(10, 9999)} {r.choice(['', 'N ', 'SW ', 'E '])}{r.choice(STREET)}"
            if f == 3:
                t += r.choice([" Apt 3R", ", Unit 12-B", " #204", " Spc 41", ", Ste 1100"])
        return [(t, "STREET_ADDRESS")]

    def v_cityst(self, n):
        c, s = self._city(n)
        return [(f"{c}, {s}", "LOCATION")]

    def v_zip(self, n):
        r = self.rng
        z = f"{r.randint(10000, 99899)}"
        return [(z + (f"-{r.randint(1000, 9999)}" if r.random() < 0.3 else ""), "ZIP_CODE")]

    def v_ssn(self, n):
        r = self.rng
        a, b, c = r.randint(1, 665), r.randint(1, 99), r.randint(1, 9999)
        return [(r.choice([f"{a:03d}-{b:02d}-{c:04d}", f"{a:03d} {b:02d} {c:04d}", f"{a:03d}{b:02d}{c:04d}"]), "US_SSN")]

    def v_dl(self, n):
        r = self.rng
        dg = lambda k: "".join(str(r.randrange(10)) for _ in range(k))  # noqa: E731
        st, num = r.choice([("FL", f"{r.choice('ABKS')}{dg(3)}-{dg(3)}-{dg(2)}-{dg(3)}-{dg(1)}"),
                            ("IL", f"{r.choice('ABKS')}{dg(3)}-{dg(4)}-{dg(4)}"), ("MD", f"M-{dg(3)}-{dg(3)}-{dg(3)}-{dg(3)}"),
                            ("CO", f"{dg(2)}-{dg(3)}-{dg(4)}"), ("MA", f"S{dg(8)}"), ("NV", dg(10)),
                            ("WI", f"{r.choice('ABKS')}{dg(3)}-{dg(4)}-{dg(4)}-{dg(2)}"), ("VA", f"T{dg(8)}")])
        return [(st + " DL ", None), (num, "US_DRIVER_LICENSE")]

    def v_passport(self, n):
        r = self.rng
        return [(r.choice(["A", str(r.randint(1, 9))]) + str(r.randint(10**7, 10**8 - 1)), "US_PASSPORT")]

    def v_cc(self, n):
        r = self.rng
        pre, ln = r.choice([("4", 16), ("5", 16), ("37", 15), ("6011", 16), ("35", 16)])
        c = luhn_complete(pre + "".join(str(r.randrange(10)) for _ in range(ln - len(pre) - 1)))
        if ln == 15 and r.random() < 0.5:
            c = f"{c[:4]} {c[4:10]} {c[10:]}"
        elif r.random() < 0.5:
            c = r.choice([" ", "-"]).join(c[i : i + 4] for i in range(0, ln, 4))
        self.people.setdefault("_tail", c[-4:])
        return [(c, "CREDIT_CARD")]

    def v_tail(self, n):
        return [(self.people.get("_tail", f"{self.rng.randint(0, 9999):04d}"), None)]

    def v_iban(self, n):
        r = self.rng
        cc = r.choice(sorted(IBAN_SPEC))
        bban, spec, num = "", IBAN_SPEC[cc], ""
        for ch in spec:
            if ch.isdigit():
                num += ch
                continue
            pool = "0123456789" if ch == "n" else "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            bban += "".join(r.choice(pool) for _ in range(int(num)))
            num = ""
        chk = 98 - iban_digits(bban + cc + "00") % 97
        t = f"{cc}{chk:02d}{bban}"
        if r.random() < 0.5:
            t = " ".join(t[i : i + 4] for i in range(0, len(t), 4))
        return [(t, "IBAN_CODE")]

    def v_email(self, n):
        p = self.person(n)
        user = (p["first"][0] + p["last"]).lower().replace(" ", "").replace("'", "")
        return [(f"{user}{self.rng.randint(1, 99)}@{self.rng.choice(['gmail.com', 'outlook.com', 'proton.me'])}",
                 "EMAIL_ADDRESS")]

    def v_org(self, n):
        r = self.rng
        return [(r.choice(["Cascade Valley", "Bluewater", "Ironwood", "St. Brendan's", "Prairie Star"]) + " " +
                 r.choice(["Regional Medical Center", "Fitness Club", "Events LLC", "Credit Union", "Motors Inc."]),
                 "ORGANIZATION")]

    def v_nrp(self, n):
        return [(self.rng.choice(["Lutheran", "Sikh", "Eritrean", "Catholic", "Filipino", "Democrat", "Baptist",
                                  "Somali", "Jewish", "Republican"]), "NRP")]

    def v_idno(self, n):
        r = self.rng
        return [(r.choice(["", "CX-", "R", "MBR"]) + str(r.randint(10**5, 10**10)), "ID")]

    def v_mrn(self, n):
        return [(str(self.rng.randint(10**5, 10**8)), "MEDICAL_RECORD_NUMBER")]

    def v_ip(self, n):
        r = self.rng
        return [(f"{r.randint(11, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}", "IP_ADDRESS")]

    def v_url(self, n):
        return [(f"https://www.{self.rng.choice(['bookmyday', 'ourwedding', 'gymtrack'])}.com/u/{self.rng.randint(1000, 99999)}",
                 "URL")]

    def v_money(self, n):
        return [(f"${self.rng.randint(20, 9000):,}.{self.rng.randint(0, 99):02d}", None)]
