"""Generate the fresh English held-out de-identification corpus v10 (``heldout10.jsonl``).

Usage: python benchmarks/deid_heldout/make_heldout_en10.py [--out PATH] [--n N] [--seed S]

Written blind: the author did not read ``dataprotocol/deid`` (its templates included) or
any earlier corpus. Stresses US unit/suite/PO-box addresses, phone extensions and dotted
phones, NRP in running sentences, and long clinical notes with MRNs and other record ids.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _en_values as V  # noqa: E402
from _build import fill, join, write_jsonl  # noqa: E402
from _en_templates import POOLS, TYPES  # noqa: E402
from faker import Faker  # noqa: E402

SEED = 10_2026_1202
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "benchmarks" / "data" / "deid" / "heldout10.jsonl"

MEDS = (("lisinopril", "10 mg PO daily"), ("metformin", "500 mg BID"), ("atorvastatin", "40 mg at bedtime"),
        ("amlodipine", "5 mg daily"), ("levothyroxine", "100 mcg every morning"), ("albuterol inhaler", "2 puffs q4-6h PRN"),
        ("sertraline", "50 mg daily"), ("omeprazole", "20 mg before breakfast"), ("gabapentin", "300 mg TID"),
        ("apixaban", "5 mg twice daily"), ("furosemide", "40 mg daily"), ("insulin glargine", "10 units subcut nightly"),
        ("prednisone", "40 mg daily x 5 days"), ("metoprolol succinate", "25 mg daily"))
COMPLAINTS = ("chest pain", "shortness of breath", "abdominal pain", "syncope", "worsening cough", "left knee swelling",
              "headache with photophobia", "fever and dysuria", "palpitations", "low back pain")
DIAGNOSES = ("community-acquired pneumonia", "CHF exacerbation", "type 2 diabetes, uncontrolled", "acute cystitis",
             "atrial fibrillation with RVR", "COPD exacerbation", "migraine without aura", "lumbar strain")
PRODUCTS = ("standing desk", "air purifier", "espresso machine", "car seat", "router", "blender", "space heater")
JOBS = ("warehouse associate", "registered nurse", "software engineer", "line cook", "accountant", "teacher", "electrician")
KIN = ("wife", "husband", "daughter", "son", "mother", "father", "sister", "brother", "partner")
LANGS = ("Tagalog", "Amharic", "Urdu", "Tigrinya", "Farsi")


def profile(rng: random.Random, fk: Faker) -> dict[str, str]:
    p: dict[str, str] = {}
    for k in ("name", "name2", "name3", "doctor", "doctor2", "nurse", "agent", "agent2"):
        p[k] = V.person(rng, fk)
    for k in ("doctor", "doctor2"):  # titles stay outside the span, in the templates
        p[k] = f"{fk.first_name()} {fk.last_name()}" if rng.random() < 0.7 else f"{fk.first_name()} {rng.choice('ABCDEFGHJKLMPRSTW')}. {fk.last_name()}"
    for k, src in (("first", "name"), ("first2", "name2")):  # the same person, called by first name
        full = p[src]
        p[k] = full.split(", ")[1] if ", " in full else full.split()[0]
    for k in ("email", "email2"):
        p[k] = V.email(rng, fk)
    for k in ("phone", "phone2", "phone3", "fax"):
        p[k] = V.phone(rng, ext=0.05 if k == "fax" else 0.22)
    for k in ("street", "street2"):
        p[k] = V.street_line(rng, fk)
    for k in ("city", "city2"):
        p[k] = V.city_state(rng, fk)
    p["statename"] = rng.choice(V.STATES)[1]
    p["country"] = rng.choice(("Mexico", "Nigeria", "Vietnam", "Poland", "Ireland", "Haiti", "Korea", "Ukraine", "Guatemala", "India", "Brazil", "Peru"))
    for k in ("zip", "zip2"):
        p[k] = V.zip_code(rng)
    for k in ("date", "date2", "date3"):
        p[k] = V.date(rng, fk)
    for k in ("dt", "dt2"):
        p[k] = V.date(rng, fk, time=1.0)
    p["dob"] = V.date_of_birth(fk, minimum_age=1, maximum_age=95).strftime(rng.choice(("%m/%d/%Y", "%Y-%m-%d", "%B %d, %Y", "%m-%d-%Y")))
    p["age"], p["agen"] = V.age(rng), V.age_predicative(rng)
    p["org"], p["org2"] = fk.company(), fk.company()
    p["hospital"], p["insurer"] = rng.choice(V.HOSPITALS), rng.choice(V.INSURERS)
    p["ssn"], p["card"], p["mrn"] = V.ssn(rng), V.card(rng), V.mrn(rng)
    for k in ("acct", "enc", "claim", "member", "npi", "rx", "ticket", "policy"):
        p[k] = V.record_id(rng)
    p["npi"] = str(rng.randint(1_000_000_000, 1_999_999_999))
    p["dl"], p["passport"], p["iban"], p["ip"] = V.driver_license(rng), V.passport(rng), V.iban(rng), V.ip(rng)
    p["url"] = f"https://{rng.choice(('portal', 'my', 'claims', 'billing'))}.{fk.domain_name()}/{rng.choice(('login', 'c', 'acct'))}/{V.record_id(rng)}"
    p["nat"], p["nat2"] = rng.sample(V.NATIONALITIES, 2)
    p["rel"], p["pol"], p["eth"] = rng.choice(V.RELIGIONS), rng.choice(V.POLITICAL), rng.choice(V.ETHNIC)
    (p["drug"], p["dose"]), (p["drug2"], p["dose2"]), (p["drug3"], p["dose3"]) = rng.sample(MEDS, 3)
    p.update({
        "amount": f"{rng.randint(20, 48000):,}.{rng.randint(0, 99):02d}",
        "cc": rng.choice(COMPLAINTS), "dx": rng.choice(DIAGNOSES), "bp": f"{rng.randint(98, 182)}/{rng.randint(58, 110)}",
        "hr": str(rng.randint(52, 128)), "temp": f"{rng.uniform(97.0, 102.8):.1f}", "n": str(rng.randint(1, 6)),
        "days": str(rng.randint(2, 30)), "product": rng.choice(PRODUCTS), "weight": f"{rng.uniform(0.4, 60):.1f}",
        "job": rng.choice(JOBS), "pron": rng.choice(("his", "her", "their")), "kin": rng.choice(KIN), "lang": rng.choice(LANGS),
    })
    return p


# Long clinical notes: each section is a pool; a note takes most sections in order.
NOTE_HEADER = (
    "Patient: {name}    MRN: {mrn}    DOB: {dob}",
    "PATIENT NAME: {name}\nMEDICAL RECORD #: {mrn}\nACCT #: {acct}\nDATE OF SERVICE: {date}",
    "{hospital} - Progress Note\nPt: {name} | MRN {mrn} | Encounter ID {enc}",
    "Name: {name}\nMed Rec No.: {mrn}\nFIN: {acct}\nAdmit date: {dt}\nAttending: {doctor}",
    "ED NOTE  {dt}\n{name}, {age} (DOB {dob})  MRN#{mrn}  Visit #{enc}",
)
NOTE_SECTIONS: tuple[tuple[str, ...], ...] = (
    ("CC: {cc}", "Chief complaint: {cc} x {days} days", "Reason for visit: {cc}."),
    ("HPI: {name} is a {age} with a history of HTN and T2DM who presents with {cc} for the past {days} days.",
     "HPI: Patient is a {age} {nat}-born {job} presenting with {cc}. Symptoms began on {date2}.",
     "History of present illness: {first} reports {cc} since {date2}, worse with exertion. Seen at {hospital} last spring.",
     "HPI: {age} patient brought in by {pron} {kin}, {name2}, for {cc}. Denies fevers."),
    ("Prior records from {hospital} (MRN {mrn2}) reviewed.", "Outside records requested from Dr. {doctor2}, fax {fax}.",
     "Previous admission {date3}, Encounter ID {enc2}."),
    ("PMH: hypertension, hyperlipidemia, GERD.", "Past medical history: asthma, anxiety, s/p appendectomy.",
     "PMH: CAD s/p PCI, CKD stage 3, osteoarthritis."),
    ("MEDICATIONS:\n- {drug} {dose}\n- {drug2} {dose2}\n- {drug3} {dose3}",
     "Meds: {drug} {dose}; {drug2} {dose2}.", "Current medications:\n1. {drug} {dose}\n2. {drug2} {dose2}\n3. {drug3} {dose3}\n4. aspirin 81 mg daily"),
    ("Allergies: NKDA", "Allergies: penicillin (rash), sulfa.", "ALLERGIES: shellfish"),
    ("Social: lives with {pron} {kin} at {street}, {city}. Former smoker.",
     "SH: {rel}; declines blood products. Works as a {job}. No alcohol.",
     "Social history: {nat} immigrant, arrived {date3}. Lives alone in {city}. Practicing {rel}.",
     "SOCIAL: retired, lives at {street}, {city} {zip}; {kin} {name2} ({phone}) is health care proxy."),
    ("FHx: father with MI at 60.", "Family history: mother with breast cancer.", "FH: noncontributory."),
    ("ROS: negative except as above.", "Review of systems: 10-point ROS otherwise negative."),
    ("Vitals: BP {bp}, HR {hr}, T {temp} F, SpO2 96% RA.", "VS: T {temp}  HR {hr}  BP {bp}  RR 18"),
    ("Exam: alert, oriented x3. Lungs with scattered crackles. No edema.", "PE: NAD, RRR, no murmurs, abdomen soft, nontender."),
    ("Labs ({date2}): WBC 11.2, Hgb 12.9, Cr 1.1. Specimen ID {rx}.", "Labs pending. Order # {rx}.", "BMP unremarkable."),
    ("ASSESSMENT/PLAN:\n1. {dx} - start {drug}.\n2. Continue home meds.\n3. Follow up with Dr. {doctor2} in {days} days.",
     "A/P: {dx}. Will admit to medicine. Discussed with Dr. {doctor2}.\n- Telemetry\n- Repeat labs in AM",
     "Plan:\n# {dx}: {drug} {dose}\n# Disposition: home with {kin}\n# Claim No. {claim} submitted to {insurer}"),
    ("Insurance: {insurer}, Member ID {member}.", "Billing: Acct # {acct}, Claim No. {claim}.", "Payer {insurer}; policy # {policy}."),
    ("Patient contact: {phone}; {email}.", "Callback number {phone} (cell), {phone2} (home).", "Pharmacy: call {phone2}. Rx # {rx}."),
    ("Electronically signed by {doctor}, MD on {dt2}. NPI {npi}.", "{doctor}\nAttending physician\n{dt2}",
     "Dictated by {doctor}; transcribed by {nurse} {date3}."),
)


def clinical_note(rng: random.Random, fk: Faker) -> tuple[str, list[dict[str, object]]]:
    p = profile(rng, fk)
    p["mrn2"], p["enc2"] = V.mrn(rng), V.record_id(rng)
    lines = [rng.choice(NOTE_HEADER)]
    for i, section in enumerate(NOTE_SECTIONS):
        if i in (0, 1, len(NOTE_SECTIONS) - 1) or rng.random() < 0.7:
            lines.append(rng.choice(section))
    return join((fill(t, p, TYPES) for t in lines), sep="\n")


def pooled_doc(rng: random.Random, fk: Faker, shape: str) -> tuple[str, list[dict[str, object]]]:
    pool = POOLS[shape]
    p = profile(rng, fk)
    body = rng.sample(pool["body"], k=min(len(pool["body"]), rng.randint(2, 6)))
    parts = [rng.choice(pool["open"]), *body]
    if rng.random() < 0.85:
        parts.append(rng.choice(pool["close"]))
    sep = "\n" if shape not in ("community_post", "voicemail") else " "
    return join((fill(t, p, TYPES) for t in parts), sep=sep)


ROW_COLS = (("name", "{name}"), ("phone", "{phone}"), ("email", "{email}"), ("address", "{street}"), ("city", "{city}"),
            ("zip", "{zip}"), ("dob", "{dob}"), ("ssn", "{ssn}"), ("member_id", "{member}"), ("last_visit", "{date}"))


def record_rows(rng: random.Random, fk: Faker) -> tuple[str, list[dict[str, object]]]:
    cols = rng.sample(ROW_COLS, k=rng.randint(4, 7))
    delim = rng.choice(("|", "\t", " | "))  # not ',' - "City, ST" carries a comma
    pieces = [(delim.join(c[0] for c in cols), [])]
    for _ in range(rng.randint(2, 6)):
        pieces.append(fill(delim.join(c[1] for c in cols), profile(rng, fk), TYPES))
    return join(pieces, sep="\n")


SHAPES = ("clinical_note", "clinical_note", *POOLS.keys(), "record_rows")


def generate(n: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    fk = V.faker(seed)
    docs: list[dict[str, object]] = []
    for i in range(n):
        shape = SHAPES[i % len(SHAPES)]
        if shape == "clinical_note":
            text, spans = clinical_note(rng, fk)
        elif shape == "record_rows":
            text, spans = record_rows(rng, fk)
        else:
            text, spans = pooled_doc(rng, fk, shape)
        docs.append({"text": text, "spans": spans, "shape": shape, "lang": "en"})
    rng.shuffle(docs)
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--n", type=int, default=660)
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    count = write_jsonl(args.out, generate(args.n, args.seed))
    print(f"wrote {count} documents to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
