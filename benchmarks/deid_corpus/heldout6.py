"""HELD-OUT v6 templates: written after the last change, evaluated exactly once (seed 6006).

Shapes not used anywhere else: ride-share receipts, church/club newsletters,
clinical trial screening logs, moving-company quotes, library overdue notices,
podcast show notes, volunteer rosters, hotel complaint emails.
"""

from __future__ import annotations

LOCALES = ["en_US", "en_GB", "en_CA", "en_AU", "en_IE", "en_NZ", "en_IN"]

TEMPLATES: dict[str, list[str]] = {
    "ride_receipt": [
        "Thanks for riding, {first}! Pickup: {address}. Drop-off: {city}. Charged to card {card} on {date}.",
        "Your driver {name2} rated you 5 stars. Questions? {email}",
    ],
    "club_newsletter": [
        "Welcome to our newest members, {name} and {name2}, who recently settled in {city}.",
        "Happy 80th to {first} {last}! Cards can be sent to {address}, {zip}.",
        "Our treasurer {name} can be reached on {phone} about subscriptions due {date}.",
    ],
    "trial_screening": [
        "Screening ID {mrn}: {name}, {age} y.o., referred from {org} on {date}; eligible.",
        "Subject {first} {last} (DOB {dob}) withdrew consent; notified PI Dr. {last2}.",
    ],
    "moving_quote": [
        "Quote for {name}: from {address}, {city} to {country} on {date}. Deposit via IBAN {iban}.",
        "Survey booked with {first} at {phone}; access code for the building is on file for {address}.",
    ],
    "library_notice": [
        "Dear {name}, the item you borrowed on {date} is overdue. Please return it to the {city} branch.",
        "Library card holder {last}, {first}; email {email}; member since {date}.",
    ],
    "show_notes": [
        "This week {first} talks to {name2} of {org} about growing up in {city}. Email the show: {email}",
        "Guest bio: {name} is a {age}-year-old founder from {country}. Find her at {url}.",
    ],
    "volunteer_roster": [
        "Saturday shift: {name} ({phone}), {name2} ({phone2}). Lead: {first3} {last3}.",
        "Volunteer {first} {last}, {age}, has a clear background check (licence {license}).",
    ],
    "hotel_complaint": [
        "I stayed at your {city} hotel from {date} and the room was filthy. Booking under {name}, passport {passport}.",
        "Please refund card {card}. You can call me on {phone}. Regards, {name}",
    ],
}
