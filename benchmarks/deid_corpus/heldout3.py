"""HELD-OUT v3 templates: written after v2's diagnosis, evaluated exactly once (seed 314).

Shapes not used anywhere else: pharmacy labels, police/incident reports, property
listings, alumni newsletters, Slack-style threads, insurance phone scripts, shipping
manifests, lab results.
"""

from __future__ import annotations

LOCALES = ["en_US", "en_GB", "en_CA", "en_AU", "en_NZ", "en_IE"]

TEMPLATES: dict[str, list[str]] = {
    "pharmacy_label": [
        "Rx for {name} — take one tablet daily. Prescriber: Dr. {last2}. Pharmacy tel {phone}.",
        "Dispensed {date} to {first} {last}, {address}, {city}. Patient ID {mrn}.",
    ],
    "incident_report": [
        "Officer {last2} attended {address} after a call from {name} ({phone}) on {date}.",
        "The complainant, a {age}-year-old resident of {city}, identified the suspect as {name2}.",
        "Witness {first} {last} gave a statement; her licence number is {license}.",
    ],
    "property_listing": [
        "Open home this Saturday at {address}, {city} {zip}. Agent: {name}, {phone}, {email}.",
        "Landlord {name} is asking for references from previous tenants in {city}.",
    ],
    "alumni_news": [
        "Class notes: {name} ('{age}) has joined {org} in {city} and would love to hear from you at {email}.",
        "Congratulations to {first} {last}, who married {name2} on {date} in {country}.",
        "In memoriam: {name}, born {dob}, died peacefully at home in {city}.",
    ],
    "slack_thread": [
        "@{first} can you check why {email} keeps getting 403s from {ip}?",
        "{first2} [10:42]: I pinged {name} about the refund, she's at {phone} if you need her",
        "reminder: {name} is out until {date}, cover is {name2}",
    ],
    "phone_script": [
        "Agent: can I confirm your date of birth? Caller: it's {dob}. Agent: and the card ending? Caller: {card}.",
        "Caller verified as {name}, policy holder since {date}, home address {address}.",
    ],
    "shipping_manifest": [
        "Consignee: {name} / {org} / {address} / {city} / {zip} / {country} / {phone}",
        "Parcel #{mrn} for {first} {last}, signature required, deliver to {address}.",
    ],
    "lab_result": [
        "Specimen from {name} (MRN {mrn}, {age}F) collected {date}; results phoned to Dr. {last2}.",
        "Lab accession for patient {last}, {first}; DOB {dob}; ordering clinic {org}, {city}.",
    ],
}
