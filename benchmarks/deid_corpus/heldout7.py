"""HELD-OUT v7 templates: written after the name-lexicon change, evaluated exactly once (seed 7777).

Shapes not used anywhere else: school messages to parents, gym membership logs,
sports team sheets, wedding RSVP lists, insurance claim call notes, property viewing
notes, recruiter screening notes, group-chat exports. Locales include three whose
person names are not in the scrubber's name lexicon (en_KE, en_NG, en_TH), so part
of the names are ones no list of ours contains.
"""

from __future__ import annotations

LOCALES = ["en_US", "en_GB", "en_IE", "en_IN", "en_NZ", "en_KE", "en_NG", "en_TH"]

TEMPLATES: dict[str, list[str]] = {
    "school_message": [
        "Dear parents of {first}, the trip on {date} leaves from {address} at 8am. Reply to {email}.",
        "{first} was absent today. If this is unexpected please phone the office on {phone}. Mrs {last2}",
    ],
    "gym_log": [
        "Member {name} (membership {mrn}) checked in at the {city} club; card ending {card} declined.",
        "Personal training: {first} with coach {first2}, {date}. Notes: {first} is {age} and recovering from a knee injury.",
    ],
    "team_sheet": [
        "Starting eleven: {last}, {last2}, {last3}, {name4}. Bench: {first5} {last5}.",
        "Captain {first} {last} will collect the kit from {org}; any problems text {phone}.",
    ],
    "rsvp_list": [
        "Yes: {name}, {name2} and {first3}. No: {name4}. Maybe: {first5} (will confirm by {date}).",
        "{first} and {first2} {last2} are bringing a plus-one; send the invite to {address}, {city} {zip}.",
    ],
    "claim_call": [
        "Caller {first} {last} rang about claim {mrn}. Vehicle registered to {address}. Call back {phone}.",
        "Policyholder DOB {dob}, SSN {ssn}. {first} says the other driver, {name2}, was on the phone.",
    ],
    "viewing_notes": [
        "Viewing at {address} on {date}: {first} and partner liked the garden, asked about schools in {city}.",
        "Offer received from {name} via {org}; solicitor {first2} {last2}, {email}. Deposit IBAN {iban}.",
    ],
    "recruiter_notes": [
        "{first} {last}, {age}, currently at {org}, wants to relocate to {country}. LinkedIn: {url}",
        "Spoke to {first} today; references are {name2} ({phone2}) and {name3}. Passport {passport}.",
    ],
    "group_chat": [
        "[{date}] {first}: anyone seen my keys?? [{date}] {first2}: nope, ask {first3}",
        "{first} added {first2} {last2} to the group. {first2}: hi all! my number is {phone}",
    ],
}
