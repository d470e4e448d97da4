"""Generate benchmarks/data/deid/dev13.jsonl (English development set, written blind)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _dev4common import build, write  # noqa: E402
from _en13_values import EnValues  # noqa: E402

SEED = 13_2026_1202_20
OUT = Path(__file__).resolve().parents[1] / "data" / "deid" / "dev13.jsonl"

KINDS = {
    "discharge_summary": (
        ["DISCHARGE SUMMARY - {org}\nPatient: {name}   MRN: {mrn}"],
        ["Admitted {date}; discharged {date2}.", "Pt is {age} with CAP (J18.9), treated in Room 412.",
         "Follow-up with Dr. {last2} within 7 days; clinic line {phone}.", "Home address on file: {street}, {cityst} {zip}.",
         "Emergency contact: {name3}, {phone3}."],
        ["Dictated by {name2}, MD"], "\n", 3, 5),
    "resume_cv": (
        ["{name}\n{street} | {cityst} {zip} | {phone} | {email}"],
        ["EXPERIENCE: Operations Lead, {org}, since {date}.", "Portfolio: {url}", "Last login from {ip} (ATS log).", "References: {name2}, {phone2}.",
         "Languages: English, Tagalog. Member, {org2}."],
        [], "\n", 2, 4),
    "wedding_vendor_thread": (
        ["From: {email}\nTo: {email2}\nSubject: Re: tasting on {date}"],
        ["Hi {first2}, so sorry for the delay!", "{first} and I loved the lemon cake. Deposit {money} paid with card ending {tail}.",
         "Venue contact is {name3}, cell {phone3}.", "Our invoice ref: {idno}.", "> On {date2}, {name2} wrote:\n> Happy to help!"],
        ["Cheers,\n{first}"], "\n", 3, 5),
    "eob_letter": (
        ["EXPLANATION OF BENEFITS\n{org}\nMember: {name}  Member ID: {idno}"],
        ["Claim Number: {idno2}, date of service {date}.", "Provider: {name2}, NPI {idno3}.", "Amount billed {money}; CPT 99213.",
         "Questions? Call {phone} (TTY 711).", "Mailing address: {street}, {cityst} {zip}"],
        [], "\n", 3, 5),
    "gym_membership": (
        ["{org} - Membership Agreement"],
        ["Member name: {name}", "DOB: {dob}", "Phone: {phone}", "Email: {email}", "Card on file: {cc}",
         "Emergency contact: {name2} {phone2}", "Locker no. 118 (not assigned to a person)."],
        ["Signed {date}"], "\n", 4, 7),
    "dispatch_call": (
        ["911 CALL TRANSCRIPT  Incident #{idno}  {date}"],
        ["DISPATCH: 911, what's the address of your emergency?", "CALLER: {street}, it's {name}, my dad is {age}, he fell.",
         "DISPATCH: Callback number? CALLER: {phone}.", "DISPATCH: Medic 12 en route. Is {first2} breathing?",
         "CALLER: My neighbour {name3} is here too."],
        [], "\n", 3, 5),
    "parole_minutes": (
        ["PAROLE BOARD HEARING MINUTES - {date}"],
        ["Inmate: {name}, DOC # {idno}, {age}.", "Appearing: Commissioner {name2}; victim advocate {name3}.",
         "The inmate identifies as {nrp} and completed the program.", "Proposed residence: {street}, {cityst}.",
         "Sponsor phone {phone}. SSN on file {ssn}."],
        [], "\n", 3, 5),
    "conference_roster": (
        ["Registration list - {org}"],
        ["{name} | {email} | {phone} | paid", "{name2} | {email2} | badge 2 | comp", "{name3} | {org3} | {cityst3}",
         "Reg ID {idno} checked in {date}", "Online form submitted from {ip}"],
        [], "\n", 3, 4),
    "ocr_wire_form": (
        ["INTERNATIONAL  WIRE  TRANSFER  REQUEST"],
        ["Remitter :  {name}", "Acct#  {idno}", "Beneficiary  IBAN :  {iban}", "Benef. name  {name2}",
         "Passport  No  {passport}", "Date  {date}", "Address  {street}  {cityst}  {zip}"],
        [], "\n", 4, 7),
    "youth_sports_waiver": (
        ["Youth Soccer Waiver - {org}"],
        ["Player: {kid2}, {kidage}", "Parent/guardian: {name}, {phone}", "Home: {street}, {cityst} {zip}",
         "Insurance Member ID {idno}", "I, {name}, consent to emergency treatment. {date}"],
        [], "\n", 3, 5),
    "car_rental_agreement": (
        ["RENTAL AGREEMENT No. {idno}  {org}"],
        ["Renter: {name}  {dl}", "Card: {cc}", "Pick-up: {date}; return {date2}.", "Additional driver {name2}, {phone2}",
         "Renter address {street}, {cityst}", "Flight UA 1532 noted for delivery."],
        [], "\n", 3, 6),
    "obituary": (
        ["{name}, of {cityst}, passed away on {date}."],
        ["Born {dob}, {first} was a proud {nrp} and longtime member of {org}.", "He is survived by {name2} and {name3}.",
         "Services will be held at {street}.", "Condolences may be sent to {email2}."],
        [], " ", 2, 4),
    "pii_free": (
        ["Notice", "Reminder"],
        ["The pool closes at 9 pm on weekdays.", "Please bring two forms of ID.", "Parking is free after 6.",
         "Refunds take 5-7 business days.", "Call 911 only in an emergency.", "Session B3 starts in Hall C.",
         "Our office is closed on public holidays."],
        [], "\n", 3, 5),
}
FILLERS = ["(continued)", "Thank you.", "N/A"]


def main() -> None:
    out = Path(sys.argv[1]) / OUT.name if len(sys.argv) > 1 else OUT
    rng = random.Random(SEED)
    values = EnValues(rng)
    docs = build(rng, values, {k: v for k, v in KINDS.items() if k != "pii_free"}, 31, "en", FILLERS)
    docs += build(rng, values, {"pii_free": KINDS["pii_free"]}, 25, "en", [])
    rng.shuffle(docs)
    write(docs, out)
    print(f"{out}: {len(docs)} documents")


if __name__ == "__main__":
    main()
