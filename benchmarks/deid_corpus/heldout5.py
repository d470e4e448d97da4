"""HELD-OUT v5 templates: written after the last change, evaluated exactly once (seed 5151).

Shapes not used anywhere else: vet-clinic records, job applications, wedding RSVPs,
IT asset registers, bank statements, complaint letters, jury/court notices, school
trip consent forms.
"""

from __future__ import annotations

LOCALES = ["en_US", "en_GB", "en_CA", "en_AU", "en_IE", "en_NZ", "en_IN"]

TEMPLATES: dict[str, list[str]] = {
    "vet_record": [
        "Owner {name} brought in Biscuit (labrador) on {date}. Owner mobile {phone}, lives at {address}.",
        "Invoice to {last}, {first} — {address}, {city} {zip}. Paid by card {card}.",
    ],
    "job_application": [
        "Applicant {name} ({email}), currently at {org}, available from {date}. References: {name2}.",
        "Cover letter: My name is {first} {last}; I am {age} and I grew up in {city}, {country}.",
        "Candidate phone screen with {first} on {date}; salary expectation discussed; phone {phone}.",
    ],
    "wedding_rsvp": [
        "{name} + {name2} will attend; dietary: none. Send the photos to {email}!",
        "RSVP from {first} {last} ({city}): sorry, can't make it on {date}. Love, {first}",
    ],
    "asset_register": [
        "Laptop SN 5CG1234XYZ assigned to {name}, dept Finance, {city} office, IP {ip}, since {date}.",
        "Phone (IMEI on file) issued to {first} {last}; returns to {address} if found; call {phone}.",
    ],
    "bank_statement": [
        "Statement for {name}, {address}, {city} {zip}. Account IBAN {iban}. Period ending {date}.",
        "Transfer to {name2} ref 'rent' from account holder {last} on {date}.",
    ],
    "complaint_letter": [
        "I am writing to complain about my treatment at {org} on {date}. Yours, {name}, {address}.",
        "My mother, {name2}, aged {age}, was left waiting for six hours. Please contact me at {email}.",
    ],
    "court_notice": [
        "NOTICE: {name} of {address}, {city} is summoned to appear on {date}. Case no. {mrn}.",
        "The defendant, {first} {last}, born {dob}, holder of passport {passport}, did not attend.",
    ],
    "consent_form": [
        "I give permission for my child {first} {last} (age {age}) to attend the trip on {date}. Signed: {name2}, tel {phone}.",
        "Medical info: allergic to nuts. Doctor: Dr {last2}, {org}, {city}. SSN of parent: {ssn}.",
    ],
}
