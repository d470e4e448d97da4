"""Sentence pools per document kind for the English held-out corpus v10.

Same mechanics as the Chinese pools: ``{key}`` slots, the key (trailing digits stripped)
names the entity type in ``TYPES``; ``None`` marks PII-free filler.
"""

from __future__ import annotations

TYPES: dict[str, str | None] = {
    "name": "PERSON", "doctor": "PERSON", "nurse": "PERSON", "agent": "PERSON", "first": "PERSON",
    "email": "EMAIL_ADDRESS", "phone": "PHONE_NUMBER", "fax": "PHONE_NUMBER",
    "street": "STREET_ADDRESS", "city": "LOCATION", "country": "LOCATION", "statename": "LOCATION",
    "zip": "ZIP_CODE", "date": "DATE_TIME", "dob": "DATE_TIME", "dt": "DATE_TIME", "age": "AGE", "agen": "AGE",
    "org": "ORGANIZATION", "hospital": "ORGANIZATION", "insurer": "ORGANIZATION",
    "ssn": "US_SSN", "card": "CREDIT_CARD", "mrn": "MEDICAL_RECORD_NUMBER",
    "acct": "ID", "enc": "ID", "claim": "ID", "member": "ID", "npi": "ID", "rx": "ID", "ticket": "ID", "policy": "ID",
    "dl": "US_DRIVER_LICENSE", "passport": "US_PASSPORT", "iban": "IBAN_CODE", "ip": "IP_ADDRESS", "url": "URL",
    "nat": "NRP", "rel": "NRP", "pol": "NRP", "eth": "NRP",
    "amount": None, "drug": None, "dose": None, "cc": None, "dx": None, "bp": None, "hr": None, "temp": None,
    "n": None, "days": None, "product": None, "weight": None, "job": None, "pron": None, "kin": None, "lang": None,
}

POOLS: dict[str, dict[str, tuple[str, ...]]] = {
    "support_email": {
        "open": (
            "From: {name} <{email}>\nTo: {email2}\nSubject: Refund still not processed (ticket {ticket})",
            "Hi team,\n\nMy name is {name} and I've been a customer of {org} since {date}.",
            "Hello {agent},\nThanks for your call earlier today.",
            "To whom it may concern:\nI am writing on behalf of my {kin}, {name2}.",
            "Re: Order shipped to wrong address\n\n{agent} wrote on {dt}:\n> Could you confirm the shipping address?",
        ),
        "body": (
            "The package was supposed to go to {street}, {city} {zip}, but tracking says it was left at {street2}.",
            "You can reach me at {phone} during business hours, or on my cell {phone2} after 6.",
            "Please call my office line, {phone}, and ask for {first}.",
            "I was charged twice; the card number on file is {card}.",
            "My mailing address changed last month: {street}\n{city} {zip}",
            "The account is under {name2}, email {email2}.",
            "I spoke with {agent2} on {date2} and was promised a callback within {days} days.",
            "For what it's worth, I ordered the {product} from your {city2} store.",
            "Mail any paperwork to {street2}, {city2} {zip2}.",
            "I'm {agen} and not great with apps, so email is best: {email}.",
            "Our office is at {street} in {city}; the front desk number is {phone2}.",
            "My {kin} {first2} set up the account from {ip}, in case that helps your fraud team.",
        ),
        "close": (
            "Thanks,\n{name}\n{phone}",
            "Regards,\n{name}\n{org}\n{street}, {city} {zip}\nTel {phone} | Fax {fax}",
            "Sent from my iPhone",
            "-- \n{first} | {email}",
        ),
    },
    "crm_note": {
        "open": (
            "CRM activity log - account {acct}",
            "Call summary ({dt}) - agent {agent}",
            "Lead: {name}, {org}",
            "Case {ticket} | opened {date} | owner {agent}",
        ),
        "body": (
            "Customer {name} called from {phone} re: billing dispute.",
            "Verified identity with last 4 of SSN; full SSN on file {ssn}.",
            "Updated address to {street}, {city} {zip}.",
            "Left voicemail at {phone2}. No answer on {phone}.",
            "Spouse {name2} is authorized on the account.",
            "Customer mentioned {pron} moved here from {country} in {date2}.",
            "Sent confirmation to {email}.",
            "Escalated to {agent2} (supervisor), callback scheduled {dt2}.",
            "Card on file replaced: {card}.",
            "DL # {dl} scanned for ID verification.",
            "Caller is {agen}; requested large-print statements.",
            "Wire instructions sent for IBAN {iban}.",
        ),
        "close": (
            "Next step: follow up {date3}.",
            "Status: resolved.",
            "-- {agent}",
        ),
    },
    "shipping_label": {
        "open": (
            "SHIP TO:\n{name}\n{street}\n{city} {zip}",
            "Deliver to: {name}, {street}, {city} {zip}",
            "Return address: {org}, {street2}, {city2} {zip2}",
            "Packing slip - order {ticket} - {date}",
        ),
        "body": (
            "Attn: {name2}",
            "Phone: {phone}",
            "Recipient phone {phone2}",
            "Ship from: {street2}\n{city2} {zip2}",
            "Signature required. Leave with {first} at front desk if absent.",
            "Tracking # {acct}",
            "Contains: {product} x{n}",
            "Gate code 4417; call {phone} on arrival.",
            "Deliver to side door of {street}.",
        ),
        "close": (
            "Weight: {weight} lb",
            "Ship date {date2}",
            "Carrier: ground",
        ),
    },
    "hr_record": {
        "open": (
            "EMPLOYEE ONBOARDING FORM\nLegal name: {name}\nPreferred name: {first}\nDate of birth: {dob}",
            "Personnel file note - {date}\nEmployee: {name} (ID {acct})",
            "Subject: Reference check for {name}\n\nHi {first2},",
            "New hire: {name}, {job}, start date {date}",
        ),
        "body": (
            "SSN: {ssn}",
            "Home address: {street}, {city} {zip}",
            "Personal email: {email}; mobile {phone}",
            "Emergency contact: {name2} ({kin}) {phone2}",
            "Direct deposit to account at {org2}.",
            "Work authorization: {nat} passport {passport}, expires {date2}.",
            "Driver's license {dl} ({statename}) on file for fleet access.",
            "{first} requested Fridays off for {rel} observance.",
            "Previously employed at {org2} in {city2}, reporting to {name3}.",
            "Age at hire: {agen}.",
            "Manager notes {first} is active with the local {pol} club; reminded that political activity stays off-site.",
            "Badge photo taken {dt}.",
        ),
        "close": (
            "HR contact: {agent}, {phone3}",
            "Reviewed by {agent} on {date3}",
            "Confidential - personnel use only.",
        ),
    },
    "incident_report": {
        "open": (
            "INCIDENT REPORT #{ticket}\nDate/time: {dt}\nLocation: {street}, {city}",
            "Officer {agent} responded to a call at {street} on {date}.",
            "Reporting party: {name}, DOB {dob}, phone {phone}",
            "Security log {date}: visitor {name} detained at loading dock.",
        ),
        "body": (
            "RP stated that {name2}, {pron} neighbor, had been parking in front of {street2}.",
            "Subject described as a {age} male, {eth}, approx 5'10\".",
            "Subject produced {statename} driver license {dl}.",
            "Witness {name3} ({phone2}) corroborated the account.",
            "RP said the dispute began after a comment about {pron} being {rel}.",
            "Vehicle registered to {name2}, {street2}, {city2} {zip2}.",
            "Subject is a {nat} national; consulate in {city2} notified.",
            "Both parties said the argument was about the {pol} yard signs.",
            "Follow-up interview set for {dt2}.",
        ),
        "close": (
            "Report written by {agent}, badge {npi}.",
            "Case closed {date3}.",
            "Supervisor review: {agent2}",
        ),
    },
    "insurance_claim": {
        "open": (
            "CLAIM NOTICE\nClaim No. {claim}\nPolicyholder: {name}\nPolicy #: {policy}",
            "{insurer} - First notice of loss, {dt}",
            "Dear {name},\nWe received your claim {claim} on {date}.",
            "Claimant {name} ({phone}) reported water damage at {street}.",
        ),
        "body": (
            "Loss location: {street}, {city} {zip}",
            "Date of loss: {date2}",
            "Adjuster {agent} can be reached at {phone2}.",
            "Member ID {member}, group {acct}",
            "Payment will be sent by check to {street2}, {city2} {zip2}.",
            "Claimant SSN {ssn} verified against policy records.",
            "Treating provider: {doctor} at {hospital}.",
            "Send supporting documents to {email} or fax {fax}.",
            "Insured vehicle driven by {name2}, license {dl}.",
            "Estimated repair cost ${amount}.",
        ),
        "close": (
            "Sincerely,\n{agent}\nClaims Department, {insurer}",
            "Please reference claim {claim} in all correspondence.",
            "Portal: {url}",
        ),
    },
    "community_post": {
        "open": (
            "Posted by {first} on {date}:",
            "Neighborhood newsletter - {city}",
            "Letter to the editor:",
            "Comment from {name}:",
        ),
        "body": (
            "As a {rel} immigrant from {country}, I was moved by the turnout at the interfaith dinner.",
            "My grandmother was {nat} and my grandfather {nat2}; both voted {pol} their whole lives.",
            "The {pol} precinct captain, {name2}, is hosting a forum at {street}.",
            "Our {rel} congregation meets Sundays; contact {name2} at {phone} for rides.",
            "Several {nat} families have opened restaurants on {street2}.",
            "I'm a lifelong {pol} but I'll vote for whoever fixes the potholes in {city}.",
            "The {rel} community center is collecting coats until {date2}.",
            "Ask for {first2}; {pron} speaks {lang} and helps {nat} newcomers with paperwork.",
            "{eth} business owners met with the council on {date3}.",
            "Email me at {email} if you want to volunteer.",
            "I moved here from {city2} when I was {agen}.",
        ),
        "close": (
            "- {name}, {city}",
            "See you there!",
            "{first}",
        ),
    },
    "voicemail": {
        "open": (
            "[Voicemail transcript, {dt}]",
            "Message for {name}:",
            "Transcribed call from {phone}:",
        ),
        "body": (
            "Hi, this is {name2} from {org}, calling about your appointment on {date}.",
            "Please call me back at {phone}, extension is in the email.",
            "My number again is {phone2}.",
            "I'm at {street} until five, in {city}.",
            "Hey it's {first}, call me back, {phone}.",
            "This is Dr. {doctor}'s office at {hospital}; your results are ready.",
            "Your card number {card} was declined, please call {phone2}.",
        ),
        "close": (
            "Okay, thanks, bye.",
            "Talk soon.",
            "End of message.",
        ),
    },
    "invoice": {
        "open": (
            "INVOICE {ticket}\nBill to: {name}\n{org}\n{street}\n{city} {zip}",
            "Statement date: {date}\nAccount: {acct}\nCustomer: {name}",
            "Remit to: {org}, {street2}, {city2} {zip2}",
        ),
        "body": (
            "Contact: {email} / {phone}",
            "Services rendered {date2} through {date3}: ${amount}",
            "Paid with card {card} on {dt}.",
            "Wire to IBAN {iban}, reference {ticket}.",
            "Questions? Call {agent} at {phone2}.",
            "Customer portal: {url}",
            "Tax ID on file: {ssn}",
        ),
        "close": (
            "Thank you for your business.",
            "Payment due within {days} days.",
            "{org} | {phone3}",
        ),
    },
}
