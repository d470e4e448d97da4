"""HELD-OUT v2 templates: written after v1 had been evaluated once, never tuned on.

New shapes (voicemail transcripts, referrals, bug reports, disputes, school and
travel records, classified ads, interview notes), seed 99 in ``benchmarks/data/deid``.
"""

from __future__ import annotations

LOCALES = ["en_US", "en_GB", "en_CA", "en_AU", "en_IN", "en_IE"]

TEMPLATES: dict[str, list[str]] = {
    "voicemail": [
        "Voicemail from {phone} at 9:14am: \"Hi, it's {name} calling about the quote, ring me back.\"",
        "Transcript: hello this message is for {first}, this is {name2} from {org}, my direct line is {phone}.",
        "Missed call ({phone}) — caller said she is {first} {last}'s sister and lives in {city}.",
    ],
    "referral": [
        "Referral: I am referring {name}, aged {age}, of {address}, {city}, for an orthopaedic opinion.",
        "Dear Dr {last2}, thank you for seeing {first} {last} (DOB {dob}, hospital number {mrn}) on {date}.",
        "Re: {name}, {age} years, NHS/hospital no. {mrn}. Lives alone in {city} since {date}.",
    ],
    "bug_report": [
        "Steps to reproduce: log in as {email}, open {url}, click Export. Reported by {name} on {date}.",
        "Crash seen on device owned by {first} {last} (IP {ip}); contact them via {email}.",
        "Customer impact: {org} ({city}) cannot reach support; escalation owner {name2}.",
    ],
    "dispute": [
        "I, {name}, dispute the transaction of {date} on card number {card}; my postcode is {zip}.",
        "Chargeback opened for account holder {last}, {first} — IBAN {iban}, phone {phone}.",
        "Please send correspondence to {address}, {city}, {country}, attention {name}.",
    ],
    "school_record": [
        "Student: {name} | Born: {dob} | Guardian: {name2} ({phone}) | Home: {address}",
        "{first} (age {age}) transferred from {org} to our campus in {city} on {date}.",
        "Parent-teacher meeting with {name2} about {first}; follow up by email to {email}.",
    ],
    "travel": [
        "Booking ref for passenger {name}, passport number {passport}, departing {city} on {date}.",
        "Hotel guest {last}, {first} — arrival {date}, billing card {card}, mobile {phone}.",
        "Traveller {name} ({age}) requested a vegetarian meal; emergency contact {name2}, {phone}.",
    ],
    "classified": [
        "FOR SALE: sofa, good condition. Collect from {address}, {city}. Call {first} on {phone}.",
        "Lost dog near {city} park on {date}! Reward. Contact {name}, {email}.",
        "Room to let at {address} — ideal for a student. Email {email} or text {phone}.",
    ],
    "interview_notes": [
        "Interviewee {name} ({age}, from {city}) has worked at {org} since {date}.",
        "Q: where do you live? A: {address}, {city} {zip}. Q: and your phone? A: {phone}.",
        "Notes by {name2}: candidate {first} {last} holds driver licence {license} and SSN {ssn}.",
    ],
}
