"""Held-out English de-identification corpus v11 (heldout11), stdlib only, deterministic.

    python benchmarks/deid_heldout2/make_heldout_en11.py
writes benchmarks/data/deid/heldout11.jsonl.
"""

import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _h2common import Doc, group, luhn_complete, write_jsonl  # noqa: E402

SEED = 11_2026_1202
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "deid", "heldout11.jsonl")
PER_KIND = 44

FIRST = [
    "Marisol",
    "Dwayne",
    "Agnieszka",
    "Tobias",
    "Keisha",
    "Rajesh",
    "Bethany",
    "Olumide",
    "Cormac",
    "Yesenia",
    "Harlan",
    "Ingrid",
    "Desmond",
    "Priyanka",
    "Wendell",
    "Lucinda",
    "Thaddeus",
    "Fatima",
    "Brennan",
    "Giselle",
    "Ezekiel",
    "Noor",
    "Sven",
    "Tamsin",
    "Jerome",
    "Ximena",
    "Ansel",
    "Rosalind",
    "Kwame",
    "Delphine",
    "Mateo",
    "Hyun-woo",
    "Siobhan",
    "Bartholomew",
    "Imani",
    "Leopold",
]
LAST = [
    "Okonkwo",
    "Vanderbilt",
    "Castellanos",
    "Przybylski",
    "Haverford",
    "MacAllister",
    "Nakamura",
    "Delacroix",
    "Abernathy",
    "Szymanski",
    "Oyelaran",
    "Whitfield",
    "Barrientos",
    "Lindqvist",
    "Fitzgerald",
    "Achterberg",
    "Quintero",
    "Holloway",
    "Ramaswamy",
    "O'Donoghue",
    "St. Clair",
    "Kowalczyk",
    "Brandt-Hughes",
    "Esposito",
    "Teague",
    "Mbeki",
    "Calloway",
    "Van der Merwe",
    "Lockhart",
    "Ibarra",
]
STREETS = [
    "Larkspur Lane",
    "W. Fulton Street",
    "Old Mill Road",
    "NE 42nd Avenue",
    "Cypress Hollow Drive",
    "Mount Vernon Pkwy",
    "Bayview Terrace",
    "S. Halsted St",
    "Quarry Ridge Ct",
    "Harbor Point Blvd",
    "E 116th St",
    "Kingfisher Way",
    "Route 9W",
    "Magnolia Circle",
    "Elm Grove Pl",
    "Wabash Ave",
]
UNITS = [
    "Apt 4B",
    "Apt. 12",
    "Suite 210",
    "Ste. 1400",
    "Unit 7",
    "#305",
    "Floor 3",
    "Rm 118",
    "Apartment 2R",
    "Suite B-2",
    "Unit 14C",
]
CITIES = [
    ("Spokane", "WA", "992"),
    ("Tulsa", "OK", "741"),
    ("Dayton", "OH", "454"),
    ("Fresno", "CA", "937"),
    ("Albany", "NY", "122"),
    ("Boise", "ID", "837"),
    ("Savannah", "GA", "314"),
    ("Madison", "WI", "537"),
    ("Lubbock", "TX", "794"),
    ("Wilmington", "DE", "198"),
    ("Providence", "RI", "029"),
    ("Knoxville", "TN", "379"),
    ("Reno", "NV", "895"),
    ("Evanston", "IL", "602"),
]
ORGS = [
    "Bluestem Mutual Insurance Co.",
    "Harrowgate Property Management LLC",
    "Kestrel Pharmacy",
    "Northwind Freight Lines",
    "St. Brendan Academy",
    "Cobalt Ridge Credit Union",
    "Pinnacle Staffing Group",
    "Marlow & Finch LLP",
    "Evergreen Unified School District",
    "Sable Logistics Inc.",
    "Fairhaven Regional Medical Center",
    "Lumen Bank, N.A.",
    "Ashgrove Tenants Association",
    "Tri-County Superior Court",
]
NRP_NAT = [
    "Nigerian",
    "Guatemalan",
    "Ukrainian",
    "Filipino",
    "Vietnamese",
    "Somali",
    "Canadian",
    "Brazilian",
    "Haitian",
    "Polish",
    "Korean",
    "Iranian",
]
NRP_REL = [
    "Muslim",
    "Orthodox Jewish",
    "Sikh",
    "Hindu",
    "Seventh-day Adventist",
    "Catholic",
    "Buddhist",
    "Mormon",
    "Quaker",
    "Coptic Christian",
]
NRP_POL = [
    "Libertarian Party",
    "Green Party",
    "Democratic Socialists of America",
    "Republican Party",
    "Democratic Party",
    "Working Families Party",
]
COURTS = [
    "Superior Court of Spokane County",
    "District Court for Tulsa County",
    "Circuit Court of Dane County",
    "Tri-County Superior Court",
    "Court of Common Pleas, Montgomery County",
]
STATES = [
    ("California", "CA"),
    ("Texas", "TX"),
    ("New York", "NY"),
    ("Florida", "FL"),
    ("Illinois", "IL"),
    ("Washington", "WA"),
    ("Ohio", "OH"),
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def digits(rng, n):
    return "".join(str(rng.randrange(10)) for _ in range(n))


def g_name(rng):
    f = rng.random()
    fn, ln = rng.choice(FIRST), rng.choice(LAST)
    if f < 0.6:
        v = fn + " " + ln
    elif f < 0.75:
        v = fn + " " + rng.choice("ABCDEFGHJKLMPRSTW") + ". " + ln
    elif f < 0.9:
        v = ln + ", " + fn
    else:
        v = fn.upper() + " " + ln.upper()
    return (v, "PERSON")


def g_tname(rng):
    t = rng.choice(["Mr. ", "Ms. ", "Mrs. ", "Dr. ", "Officer ", "Judge ", ""])
    return [(t, None), (rng.choice(FIRST) + " " + rng.choice(LAST), "PERSON")] if t else [(rng.choice(LAST), "PERSON")]


def g_first(rng):
    return (rng.choice(FIRST), "PERSON")


def g_street(rng):
    n = str(rng.randrange(1, 19999))
    s = n + " " + rng.choice(STREETS)
    r = rng.random()
    if r < 0.45:
        s += rng.choice([", ", " "]) + rng.choice(UNITS)
    elif r < 0.55:
        s = rng.choice(["PO Box ", "P.O. Box "]) + str(rng.randrange(10, 9999))
    return (s, "STREET_ADDRESS")


def g_cityst(rng):
    c, st, _ = rng.choice(CITIES)
    return (c + ", " + st, "LOCATION")


def g_city(rng):
    return (rng.choice(CITIES)[0], "LOCATION")


def g_zip(rng):
    z = rng.choice(CITIES)[2] + digits(rng, 2)
    if rng.random() < 0.25:
        z += "-" + digits(rng, 4)
    return (z, "ZIP_CODE")


def g_phone(rng):
    a = str(rng.randrange(201, 989))
    b = str(rng.randrange(200, 999))
    c = digits(rng, 4)
    f = rng.randrange(8)
    v = [
        "(%s) %s-%s" % (a, b, c),
        "%s.%s.%s" % (a, b, c),
        "%s-%s-%s" % (a, b, c),
        "+1 %s %s %s" % (a, b, c),
        "1-%s-%s-%s" % (a, b, c),
        "+1.%s.%s.%s" % (a, b, c),
        "%s%s%s" % (a, b, c),
        "(%s)%s-%s" % (a, b, c),
    ][f]
    if rng.random() < 0.3:
        v += rng.choice([" x", " ext. ", " Ext ", ", ext. ", " #"]) + str(rng.randrange(2, 9999))
    return (v, "PHONE_NUMBER")


def g_email(rng):
    u = (
        rng.choice(FIRST).lower().replace("-", "")
        + rng.choice([".", "_", ""])
        + rng.choice(LAST).lower().replace("'", "").replace(" ", "").replace(".", "")
    )
    return (
        u
        + str(rng.randrange(1, 99))
        + "@"
        + rng.choice(
            ["gmail.com", "yahoo.com", "proton.me", "bluestem-mutual.com", "k12.ev.us", "outlook.com", "fastmail.fm"]
        ),
        "EMAIL_ADDRESS",
    )


def g_ssn(rng):
    a = rng.randrange(1, 899)
    while a == 666:
        a = rng.randrange(1, 899)
    s = "%03d%02d%04d" % (a, rng.randrange(1, 100), rng.randrange(1, 10000))
    f = rng.randrange(3)
    return ([s[:3] + "-" + s[3:5] + "-" + s[5:], s[:3] + " " + s[3:5] + " " + s[5:], s][f], "US_SSN")


def g_dl(rng):
    st = rng.choice(STATES)
    code = st[1]
    num = {
        "CA": lambda: rng.choice("ABCDNS") + digits(rng, 7),
        "TX": lambda: digits(rng, 8),
        "NY": lambda: digits(rng, 9),
        "FL": lambda: rng.choice("BGKMS") + digits(rng, 12),
        "IL": lambda: rng.choice("DKMS") + digits(rng, 11),
        "WA": lambda: "WDL" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTVWXYZ0123456789") for _ in range(9)),
        "OH": lambda: "T" + rng.choice("ABKMRSW") + digits(rng, 6),
    }[code]()
    lab = rng.choice(
        ["%s DL #" % code, "%s driver's license no. " % st[0], "Driver License (%s): " % code, "DL %s " % code]
    )
    return [(lab, None), (num, "US_DRIVER_LICENSE")]


def g_passport(rng):
    return (rng.choice(["", "", "A", "C"]) + digits(rng, 9 if rng.random() < 0.6 else 8), "US_PASSPORT")


def g_mrn(rng):
    return (rng.choice(["", "M", "MR-", "00"]) + digits(rng, rng.choice([6, 7, 8])), "MEDICAL_RECORD_NUMBER")


def g_claim(rng):
    return (rng.choice(["CLM-", "", "BM"]) + digits(rng, 4) + rng.choice(["-", ""]) + digits(rng, 5), "ID")


def g_case(rng):
    return ("%d-%s-%s" % (rng.randrange(2019, 2027), rng.choice(["CV", "CR", "FL", "LT", "SC"]), digits(rng, 5)), "ID")


def g_member(rng):
    return (rng.choice(["XJH", "W", "ZGP", "MBR"]) + digits(rng, 9), "ID")


def g_policy(rng):
    return (rng.choice(["HO3-", "PA-", "BMI"]) + digits(rng, 7) + rng.choice(["", "-01", "-A"]), "ID")


def g_rx(rng):
    return (digits(rng, 7) + rng.choice(["", "-02", "-11"]), "ID")


def g_emp(rng):
    return ("E" + digits(rng, 6), "ID")


def g_track(rng):
    return (
        rng.choice(
            [
                "1Z" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPRTVWXY") for _ in range(16)),
                "9400" + digits(rng, 18),
                digits(rng, 12),
            ]
        ),
        "ID",
    )


def g_student(rng):
    return ("S" + digits(rng, 8), "ID")


def g_acct(rng):
    return (digits(rng, rng.choice([8, 10, 12])), "ID")


def g_card(rng):
    kind = rng.randrange(4)
    if kind == 0:
        c = luhn_complete(rng, "4" + digits(rng, 5), 16)
    elif kind == 1:
        c = luhn_complete(rng, str(rng.randrange(51, 56)) + digits(rng, 4), 16)
    elif kind == 2:
        c = luhn_complete(rng, rng.choice(["34", "37"]) + digits(rng, 4), 15)
        return (group(c, [4, 6, 5], rng.choice([" ", "-", ""])), "CREDIT_CARD")
    else:
        c = luhn_complete(rng, "6011" + digits(rng, 2), 16)
    return (group(c, [4, 4, 4, 4], rng.choice([" ", "-", ""])), "CREDIT_CARD")


IBAN_LEN = {"DE": 22, "GB": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27, "IE": 22, "BE": 16, "CH": 21}


def iban(rng):
    cc = rng.choice(list(IBAN_LEN))
    n = IBAN_LEN[cc] - 4
    if cc in ("GB", "NL", "IE"):
        bban = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + digits(rng, n - 4)
    elif cc == "IT":
        bban = rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + digits(rng, n - 1)
    else:
        bban = digits(rng, n)
    num = "".join(str(int(ch, 36)) for ch in bban + cc + "00")
    chk = 98 - int(num) % 97
    return cc + "%02d" % chk + bban


def g_iban(rng):
    v = iban(rng)
    if rng.random() < 0.5:
        v = group(v, [4] * 9, " ")
    return (v, "IBAN_CODE")


def g_date(rng):
    y, m, d = rng.randrange(2018, 2027), rng.randrange(1, 13), rng.randrange(1, 29)
    f = rng.randrange(8)
    v = [
        "%02d/%02d/%d" % (m, d, y),
        "%d/%d/%02d" % (m, d, y % 100),
        "%s %d, %d" % (MONTHS[m - 1], d, y),
        "%d %s %d" % (d, MONTHS[m - 1][:3], y),
        "%d-%02d-%02d" % (y, m, d),
        "%s. %d, %d" % (MONTHS[m - 1][:3], d, y),
        "the %dth of %s %d" % (d, MONTHS[m - 1], y) if d > 3 and d < 21 else "%s %d" % (MONTHS[m - 1], d),
        "%02d.%02d.%d" % (m, d, y),
    ][f]
    return (v, "DATE_TIME")


def g_dob(rng):
    y, m, d = rng.randrange(1938, 2019), rng.randrange(1, 13), rng.randrange(1, 29)
    return (
        rng.choice(["%02d/%02d/%d" % (m, d, y), "%s %d, %d" % (MONTHS[m - 1], d, y), "%d-%02d-%02d" % (y, m, d)]),
        "DATE_TIME",
    )


def g_age(rng):
    a = rng.randrange(4, 97)
    return (rng.choice(["%d" % a, "%d-year-old" % a, "%d years old" % a, "age %d" % a, "%dyo" % a]), "AGE")


def g_org(rng):
    return (rng.choice(ORGS), "ORGANIZATION")


ROLE_ORGS = {
    "insurer": ["Bluestem Mutual Insurance Co.", "Granite State Casualty", "Prairie Shield Insurance Group"],
    "carrier": ["Northwind Freight Lines", "Sable Logistics Inc.", "Ironhorse Trucking Co."],
    "school": ["St. Brendan Academy", "Evergreen Unified School District", "Maple Hollow Elementary School"],
    "bank": ["Cobalt Ridge Credit Union", "Lumen Bank, N.A.", "First Keystone Savings Bank"],
    "pharm": ["Kestrel Pharmacy", "Rivergate Drug & Compounding", "Halvorsen Apothecary"],
    "hotel": ["Hotel Marisco Lisbon", "The Aldergrove Inn", "Harborlight Suites Halifax"],
    "employer": [
        "Pinnacle Staffing Group",
        "Quillfeather Software Inc.",
        "Marlow & Finch LLP",
        "Tamarack Biologics Corp.",
    ],
    "landlord": ["Harrowgate Property Management LLC", "Ashgrove Tenants Association", "Bellwether Realty Partners"],
}


def _role(name):
    return lambda rng: (rng.choice(ROLE_ORGS[name]), "ORGANIZATION")


for _r in ROLE_ORGS:
    globals()["g_" + _r] = _role(_r)


def g_court(rng):
    return (rng.choice(COURTS), "ORGANIZATION")


def g_nat(rng):
    return (rng.choice(NRP_NAT), "NRP")


def g_rel(rng):
    return (rng.choice(NRP_REL), "NRP")


def g_pol(rng):
    return (rng.choice(NRP_POL), "NRP")


def g_ip(rng):
    if rng.random() < 0.2:
        return (
            "2001:db8:%x:%x::%x" % (rng.randrange(65536), rng.randrange(65536), rng.randrange(1, 65536)),
            "IP_ADDRESS",
        )
    return (
        "%d.%d.%d.%d" % (rng.randrange(11, 223), rng.randrange(256), rng.randrange(256), rng.randrange(1, 255)),
        "IP_ADDRESS",
    )


def g_url(rng):
    return (
        rng.choice(
            [
                "https://portal.bluestem-mutual.com/claims/",
                "http://tenants.ashgrove.org/u/",
                "https://www.linkedin.com/in/",
                "https://kestrelrx.com/refill?id=",
            ]
        )
        + digits(rng, 7),
        "URL",
    )


def g_amt(rng):
    return ("$%d.%02d" % (rng.randrange(12, 9999), rng.randrange(100)), None)


GENS = {k[2:]: v for k, v in globals().items() if k.startswith("g_")}

KINDS = {
    "property_claim_form": (
        ["PROPERTY LOSS NOTICE - {insurer}\nClaim #: {claim}\n", "First Notice of Loss | Policy No. {policy}\n"],
        [
            "Insured: {name}   DOB: {dob}",
            "Loss location: {street}, {cityst} {zip}",
            "Date of loss: {date}",
            "Best contact: {phone}; alt {phone2}",
            "Email on file: {email}",
            "Description: water from the unit above ({tname2}) came through the kitchen ceiling.",
            "Adjuster assigned: {name3}, reachable at {phone3}.",
            "Prior claims in the last five years: none reported.",
            "Mortgagee: {bank}, loan {acct}.",
            "Policy No. {policy} was active on the loss date.",
        ],
        ["\nSubmitted via {url}", "\nThis notice does not confirm coverage.", ""],
    ),
    "police_narrative": (
        ["INCIDENT NARRATIVE - Case No. {case}\n", "Officer's supplemental report, Case No. {case}\n"],
        [
            "On {date} at approximately 2215 hrs I responded to {street} regarding a disturbance.",
            "The reporting party, {name} ({age}), stated that her ex-partner {name2} had kicked in the door.",
            "{first2} was located two blocks away and identified by {dl}.",
            "Witness {tname3} provided a statement and can be reached at {phone}.",
            "The suspect's vehicle was registered to {name2} at {street2}, {cityst}.",
            "No injuries were observed; medics from Tri-County EMS declined transport.",
            "The victim was later seen at Fairhaven Regional Medical Center, MRN {mrn}, for a wrist injury.",
            "Body-worn camera footage was uploaded to evidence.",
            "The victim was given a copy of the protective order information sheet.",
        ],
        ["\nReporting officer: {tname4}, badge {emp}", ""],
    ),
    "hr_onboarding": (
        ["NEW HIRE ONBOARDING CHECKLIST\n", "Onboarding record - {employer}\n"],
        [
            "Employee: {name}   Employee ID: {emp}",
            "Start date: {date}   Manager: {name2}",
            "SSN (for I-9/W-4): {ssn}",
            "Home address: {street}, {cityst} {zip}",
            "Personal email: {email}   Mobile: {phone}",
            "Direct deposit: IBAN {iban} (relocating from the EU office)",
            "Emergency contact: {name3}, {phone2}",
            "Identity document: U.S. passport {passport}, exp. {date2}",
            "Laptop asset tag issued; badge photo taken.",
            "Benefits enrollment window closes 30 days after start.",
        ],
        ["\nHR partner: {name4}", ""],
    ),
    "pharmacy_refill": (
        ["{pharm} - Refill Request\n", "REFILL REQUEST (faxed)\nTo: Dr. {first}'s office\n"],
        [
            "Patient: {name}  DOB {dob}  MRN: {mrn}",
            "Rx #{rx} - lisinopril 10 mg, #90, 1 refill remaining",
            "Prescriber: Dr. {name2}, fax {phone}",
            "Patient phone: {phone2}",
            "Chart: Medical Record No. {mrn}; SSN last on file {ssn}",
            "Member ID: {member}",
            "Delivery to {street}, {cityst} {zip}",
            "Patient is {age}; no new allergies reported.",
            "Please call the pharmacy if the dose has changed.",
            "Last fill date: {date}",
        ],
        ["\nPharmacist: {name3}", ""],
    ),
    "tenancy_agreement": (
        ["RESIDENTIAL LEASE AGREEMENT\n", "Month-to-Month Rental Agreement\n"],
        [
            'This agreement is made on {date} between {landlord} ("Landlord") and {name} ("Tenant").',
            "Premises: {street}, {cityst} {zip}.",
            "Term begins {date2} and ends {date3}.",
            "Monthly rent of {amt} is due on the first; payments by card {card} are accepted.",
            "Co-tenant: {name2}, driver's licence {dl}.",
            "Tenant SSN for the credit check: {ssn}.",
            "Notices to Tenant may be sent to {email}.",
            "Landlord's agent {tname3} may be reached at {phone}.",
            "No pets over 25 lbs without written consent.",
            "Security deposit is held at {bank}, account {acct}.",
        ],
        ["\nTenant signature: {name}", "\nInitials: ____"],
    ),
    "court_filing": (
        ["IN THE {court}\nCase No. {case}\n", "{court}\nCivil Action No. {case}\n"],
        [
            "{name}, Plaintiff, v. {employer}, Defendant.",
            "Plaintiff, a {age} {nat} national residing at {street}, {cityst}, brings this complaint.",
            "Plaintiff, an observant {rel}, alleges she was denied a scheduling accommodation.",
            "Plaintiff's counsel: {name2}, Esq., {email}, {phone}.",
            "The events giving rise to this action occurred on or about {date}.",
            "Plaintiff was terminated after disclosing her affiliation with the {pol}.",
            "Exhibit C lists the employee's badge number {emp}.",
            "Plaintiff demands a trial by jury.",
        ],
        ["\nDated: {date2}\n/s/ {name2}", ""],
    ),
    "school_enrollment": (
        ["{school}\nEnrollment Confirmation\n", "Dear {tname},\n"],
        [
            "We are pleased to confirm the enrollment of {name2} (Student ID {student}) in grade 4.",
            "Date of birth on file: {dob}.",
            "Home address: {street}, {cityst} {zip}",
            "Parent/guardian: {name}, {phone}, {email}",
            "The family indicated a {rel} dietary preference for school lunches.",
            "Home language survey: {nat} family, Spanish and English spoken at home.",
            "Classes begin {date}; the bus stop is at the corner nearest your home.",
            "Please return the immunization form by {date2}.",
        ],
        ["\nSincerely,\n{name3}\nRegistrar", ""],
    ),
    "chat_transcript": (
        ["Chat transcript - session {acct}\n", "[Live chat started {date}]\n"],
        [
            "Agent {first3}: Hi, thanks for contacting {bank}! Who am I speaking with?",
            "Customer: this is {name}",
            "Customer: my email is {email} and my number {phone}",
            "Agent {first3}: Thanks, {first}. Can you confirm the last card used?",
            "Customer: {card}",
            "Customer: I'm logged in from {ip} if that helps",
            "Agent {first3}: I see the order shipped to {street}, {cityst}.",
            "Customer: I moved, new address is {street2}",
            "Agent {first3}: No problem, updated. Anything else?",
            "Customer: nope that's all, thanks",
        ],
        ["\n[Chat ended]", ""],
    ),
    "shipping_manifest": (
        ["BILL OF LADING / MANIFEST\nCarrier: {carrier}\n", "Outbound manifest {date}\n"],
        [
            "Shipper: {name}, {street}, {cityst} {zip}",
            "Consignee: {name2}, {street2}, {cityst2} {zip2}",
            "Tracking: {track}",
            "Consignee phone: {phone}",
            "Pieces: 3  Weight: 142 lb  Freight class 70",
            "Driver: {name3}, {dl}",
            "Notify party: {email}",
            "Ship date: {date}   ETA: {date2}",
        ],
        ["", "\nHazmat: No"],
    ),
    "bank_dispute": (
        ["{bank}\nAttn: Card Disputes\n", "Re: Dispute of unauthorized transaction\n"],
        [
            "I, {name}, am writing to dispute a charge of {amt} posted on {date} to my card number {card}.",
            "My account number is {acct} and the last statement went to SSN {ssn} on file.",
            "I did not authorize this transaction and was in {city} at the time.",
            "The merchant's refund was to go to IBAN {iban}, which is not mine.",
            "Please contact me at {phone} or {email}.",
            "My mailing address is {street}, {cityst} {zip}.",
            "The merchant, {employer}, has not responded to my calls.",
            "I request a provisional credit while you investigate.",
        ],
        ["\nRespectfully,\n{name}", ""],
    ),
    "travel_booking": (
        ["Booking confirmation - ref {acct}\n", "ITINERARY RECEIPT\n"],
        [
            "Passenger: {name} (passport {passport}, nationality {nat})",
            "Travel date: {date}  Return: {date2}",
            "Lead traveler phone: {phone}",
            "Receipt sent to {email}",
            "Paid with {card}",
            "Companion: {name2}, age {age}",
            "Hotel: {hotel}, {street}",
            "Manage your booking at {url}",
        ],
        ["", "\nSafe travels!"],
    ),
}

PII_FREE = [
    "The quarterly review meeting has been moved to the larger conference room.",
    "Please remember to submit timesheets by end of day Friday.",
    "All claims are reviewed in the order they are received.",
    "Rent increases require sixty days' written notice under state law.",
    "The pharmacy is closed on federal holidays.",
    "Our systems will undergo scheduled maintenance this weekend.",
    "Freight must be palletized and shrink-wrapped before pickup.",
    "Thank you for your patience while we look into this.",
    "Students should bring a water bottle and a packed lunch on field trip days.",
    "The court will hear motions on the second Tuesday of each month.",
    "Keep this document for your records.",
    "Refills can take up to two business days to process.",
    "No further action is required at this time.",
]


def make_doc(rng, kind):
    d = Doc(GENS, rng)
    if kind == "pii_free":
        for s in rng.sample(PII_FREE, rng.randrange(2, 6)):
            d.raw(s + " ")
        return d.finish(kind, "en")
    openers, bodies, closers = KINDS[kind]
    d.add(rng.choice(openers))
    k = rng.randrange(3, min(8, len(bodies)) + 1)
    keep_order = kind in ("chat_transcript", "court_filing", "tenancy_agreement")
    idx = sorted(rng.sample(range(len(bodies)), k)) if keep_order else rng.sample(range(len(bodies)), k)
    sep = (
        " "
        if kind in ("court_filing", "bank_dispute", "police_narrative", "tenancy_agreement", "school_enrollment")
        else "\n"
    )
    for j, i in enumerate(idx):
        if rng.random() < 0.12:
            d.raw(rng.choice(PII_FREE) + sep)
        d.add(bodies[i] + (sep if j < len(idx) - 1 else ""))
    d.add(rng.choice(closers))
    return d.finish(kind, "en")


def build():
    rng = random.Random(SEED)
    out = []
    for kind in list(KINDS) + ["pii_free"]:
        n = PER_KIND if kind != "pii_free" else 30
        seen = set()
        while len(seen) < n:
            doc = make_doc(rng, kind)
            if doc[0]["text"] not in seen:
                seen.add(doc[0]["text"])
                out.append(doc)
    rng.shuffle(out)
    return out


if __name__ == "__main__":
    docs = build()
    write_jsonl(OUT, [d for d, _ in docs])
    print("wrote %d documents to %s" % (len(docs), os.path.normpath(OUT)))
