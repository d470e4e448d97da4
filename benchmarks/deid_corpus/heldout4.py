"""HELD-OUT v4 templates: written after the last change, evaluated exactly once (seed 4242).

Shapes not used anywhere else: customer-support chat logs, nursing handover notes,
conference badges, tax correspondence, gym sign-ups, rental agreements, dating-profile
text, parcel tracking SMS.
"""

from __future__ import annotations

LOCALES = ["en_US", "en_GB", "en_CA", "en_AU", "en_IE", "en_NZ", "en_IN"]

TEMPLATES: dict[str, list[str]] = {
    "support_chat": [
        "[14:02] Agent Priya: Thanks for waiting! [14:03] {name}: no worries, my order went to {address} instead of {city}",
        "Bot: What's the best number to reach you? User: {phone}. Bot: And your email? User: {email}",
        "{first} joined the chat. {first}: hi, I was charged on {date} but I cancelled, card {card}",
    ],
    "handover": [
        "Bed 4: {name}, {age}yo, admitted {date} with pneumonia, MRN {mrn}; daughter {first2} visiting.",
        "Handover to night staff — {last} ({age}) in bay 2 is for discharge tomorrow to {address}, {city}.",
        "Obs stable. Family ({name2}, {phone}) updated by Dr. {last2} at 16:00.",
    ],
    "badge": [
        "HELLO my name is {name} | {org} | {city}, {country}",
        "Speaker: {first} {last}, Head of Data, {org}. Contact: {email}",
    ],
    "tax_letter": [
        "Taxpayer: {name}; SSN {ssn}; mailing address {address}, {city} {zip}. Your refund was issued on {date}.",
        "We have received the return filed by {first} {last} on {date}. Questions? Call {phone}.",
    ],
    "gym_signup": [
        "Member: {name}, DOB {dob}, joined {date} at our {city} club. Direct debit from IBAN {iban}.",
        "New member {first} ({age}) — personal trainer assigned: {name2}. Locker code sent to {phone}.",
    ],
    "rental_agreement": [
        "This agreement is made on {date} between {name} (the Landlord) and {name2} (the Tenant) for {address}, {city}.",
        "Tenant's driver licence number: {license}. Bond paid by card {card}.",
    ],
    "dating_profile": [
        "{first}, {age}, {city}. Nurse at {org}. Message me on {phone} :)",
        "hey i'm {first} from {city}, {age} and new here. insta is my name dot {last}",
    ],
    "parcel_sms": [
        "Your parcel for {name} will arrive {date}. Track: {url}. Reply STOP to {phone}.",
        "Delivery attempted at {address}, {zip}. Collect from depot in {city} with ID (passport {passport}).",
    ],
}
