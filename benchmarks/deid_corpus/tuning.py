"""Tuning templates (used while developing recognizers). See ``_corpus.py``."""

from __future__ import annotations

LOCALES = ["en_US", "en_US", "en_US", "en_GB", "en_CA", "en_AU", "en_IE", "en_NZ", "en_IN"]

TEMPLATES: dict[str, list[str]] = {
    "chat": [
        "hi, this is {name}. can you call me back at {phone}?",
        "Hey! It's {first} again, my email changed to {email}",
        "{first}: running late, stuck near {city}. tell {first2} pls",
        "lol {name2} just moved to {city}, new place is {address}",
        "my bday is {dob} and i'm turning {age} 🎉",
        "Can someone send {name} the invite? her number is {phone}",
        "ok I'll text {first} at {phone} tonight",
        "{name} (@ {org}) says the meeting moved to {date}",
    ],
    "clinical": [
        "Patient {name}, DOB {dob}, MRN {mrn}. {age}-year-old presenting with chest pain.",
        "Pt {last} is a {age} y/o seen on {date} by Dr. {last2}. Lives at {address}, {city}.",
        "Discharge note: {name} ({age}M), admitted {date}, follow up with Dr. {name2} at {org}.",
        "Mr. {last} reports dizziness since {date}. Contact daughter {name2} at {phone}.",
        "MRN: {mrn}\nName: {name}\nDOB: {dob}\nAddress: {address}, {city} {zip}",
        "{age} year old female, referred by {name2} from {org} in {city}.",
        "Seen by Dr. {last2}. Patient {first} {last} tolerated procedure well. Next visit {date}.",
        "Medical record number {mrn} belongs to {name}; SSN {ssn} on file.",
    ],
    "ticket": [
        "Ticket 4471: customer {name} ({email}) cannot log in from {ip}.",
        "User {name} reports card {card} was charged twice on {date}.",
        "Escalated to {name2}. Customer callback number: {phone}. Account email {email}.",
        "Refund request from {name}, shipping address {address}, {city}, {zip}.",
        "Login alert for {email} from IP {ip} ({city}, {country}) on {date}.",
        "Customer {first} {last} asked to update IBAN to {iban}.",
        "Please verify passport {passport} for traveller {name} before {date}.",
        "Driver's license {license} scanned for {name}, {age} years old.",
    ],
    "csv_row": [
        "{name},{email},{phone},{city}",
        "{mrn};{name};{dob};{zip}",
        "\"{name}\",\"{address}\",\"{city}\",\"{zip}\",\"{phone}\"",
        "{first} {last} | {org} | {email} | {date}",
        "id=17 name={name} ssn={ssn} dob={dob}",
        "{name}\t{age}\t{city}\t{card}",
        "{last}, {first}; {phone}; {zip}; {country}",
        "{date} | {name} | {card} | {ip}",
    ],
    "note": [
        "Paid with card ending {card}, billing zip {zip}. Thanks {first}!",
        "Call log {date}: spoke with {name} re: account, cb {phone}.",
        "Shipping label: {name}, {address}, {city} {zip}, {country}",
        "SSN: {ssn} / DOB: {dob} / Age: {age}",
        "{name} is a {age} yo from {city}; works for {org} since {date}.",
        "New hire {first} {last} starts {date} in the {city} office.",
    ],
    "minutes": [
        "Attendees: {name}, {name2}. Apologies: {first3} {last3}. Next meeting {date} at {org}, {city}.",
        "Action: {first} to send the draft to {email} by {date}; {last2} to book the room in {city}.",
        "{name} (chair) opened the meeting. {name2} ({org}) presented the Q3 numbers.",
    ],
    "review": [
        "Great service from {first} at the {city} branch! Booked on {date}, will come back.",
        "Terrible. I waited two hours. Ask for the manager, {name}, and bring your receipt. - {first2}, {city}",
        "5 stars. {first} {last} from {org} fixed our boiler in an hour. Call them: {phone}.",
    ],
    "intake_form": [
        "Name - {name}\nDate of birth - {dob}\nPhone - {phone}\nEmergency contact - {name2}",
        "Full name: {last}, {first}\nAge: {age}\nPostcode: {zip}\nGP: Dr {last2}, {org}",
        "Patient {name} / {age} / {city} / referred by {name2} / insured with {org}",
    ],
    "email": [
        "Dear {name},\n\nThank you for contacting {org}. We will ship to {address}.\n\nRegards,\n{name2}",
        "From: {name} <{email}>\nTo: {email2}\nSubject: appointment on {date}",
        "Hi {first},\nplease find attached the invoice. Call me on {phone}.\nBest,\n{first2}",
        "Hello {name2}, your profile {url} was updated by {name}.",
    ],
}
