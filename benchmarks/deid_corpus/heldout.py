"""HELD-OUT templates: never used while tuning; different shapes, wording and locales.

Written in one go before any evaluation, and only evaluated (``benchmarks/data/deid/``).
"""

from __future__ import annotations

LOCALES = ["en_US", "en_GB", "en_CA", "en_AU", "en_IE", "en_NZ"]

TEMPLATES: dict[str, list[str]] = {
    "forum_post": [
        "Posted by {name} on {date}: anyone else at {org} getting spam calls? mine is {phone}",
        "Re: moving — {first} and I found a flat at {address} in {city}, DM me",
        "Update from {name}: the meetup is now in {city}, {country}. RSVP to {email}",
        "{first} wrote: my grandmother {name2} just turned {age} and still lives in {city}!",
        "Selling my bike, pick-up near {address}. Text {phone} and ask for {first}.",
    ],
    "discharge_summary": [
        "DISCHARGE SUMMARY\nPatient: {name}   Hosp. No: {mrn}\nD.O.B.: {dob}   Age: {age}\n"
        "Attending: Dr {name2}\nAdmitted {date} via A&E.",
        "The patient, a {age}-year-old man from {city}, was transferred from {org} on {date}.",
        "Next of kin: {name2} (wife), tel. {phone}, same address: {address}, {city} {zip}.",
        "Ms {last} was reviewed by Dr {last2} who recommended follow-up in clinic on {date}.",
        "History obtained from the patient {first} {last} and her son {first2}.",
    ],
    "hr_record": [
        "Employee: {name}\nEmployer: {org}\nStart date: {date}\nSocial Security No.: {ssn}\nHome phone: {phone}",
        "{name} was promoted to team lead at {org} ({city} office) effective {date}.",
        "Emergency contact for {first} {last}: {name2}, {phone}, {email}.",
        "Payroll: deposit to account IBAN {iban} for {name}, employee since {date}.",
    ],
    "insurance_claim": [
        "Claim filed by {name} (policy holder, age {age}) for damage at {address}, {city}, on {date}.",
        "Claimant {last}, {first} — card on file {card}; correspondence to {email}.",
        "Witness statement: {name2} saw the collision at {address} around noon.",
        "The insured, {name}, presented passport no. {passport} and licence number {license}.",
    ],
    "log_line": [
        "2024-05-01T10:22:13Z auth ok user={email} src={ip} geo={city}",
        "[warn] payment declined card={card} holder=\"{name}\" ip={ip}",
        "event=profile_view viewer={first}.{last} url={url} ts={date}",
        "{date} | support-chat | {name}: my account was opened from {ip}, I am in {country}",
    ],
    "letter": [
        "{city}, {date}\n\nTo whom it may concern,\nI have known {name} for many years. "
        "He can be reached at {phone}.\n\nYours faithfully,\n{name2}",
        "Dear Mrs {last},\nYour appointment at {org} is confirmed for {date}. Please bring proof of address "
        "({address}, {zip}).",
        "Sincerely,\n{name}\n{address}\n{city} {zip}\n{email}",
    ],
}
