"""HELD-OUT v8 templates: written in one go before any evaluation, only ever evaluated (seed 8888).

Earlier families had two or three templates per shape, so a single template could swing
a score; v8 has 18 shapes not used anywhere else, each with five or six templates:
pharmacy refill requests, tenant repair requests, card-fraud dispute e-mails, tribunal
hearing notices, owners' replies to reviews, IT helpdesk call transcripts, obituaries,
travel itineraries, courier driver notes, loan application summaries, CSV exports with a
header row, family-tree notes, car-rental paperwork, visa applications, dental recalls,
utility account notes, expense claims and care-home visitor notes.

Locales: four English ones plus fourteen whose person names are not English-language
lists (Kenyan, Nigerian, Yoruba, Zulu, Swahili, Thai romanised, Mexican Spanish,
Brazilian Portuguese, German, French, Polish, Turkish, Dutch, Indonesian), all in Latin
script, each with its own address, phone and postcode formats. ``{ssn}`` is not used: many
of these locales give their own national ID format, not a US SSN. it_IT is left out
because Faker builds its city list from a set, so the corpus would change with the
process's hash seed.
"""

from __future__ import annotations

LOCALES = ["en_US", "en_GB", "en_AU", "en_CA", "en_KE", "en_NG", "en_TH", "sw", "yo_NG", "zu_ZA",
           "es_MX", "pt_BR", "de_DE", "fr_FR", "pl_PL", "tr_TR", "nl_NL", "id_ID"]

TEMPLATES: dict[str, list[str]] = {
    "pharmacy_refill": [
        "Hi, I need a refill of my blood pressure tablets please. Name {name}, date of birth {dob}. "
        "I'll collect from the {city} branch on {date}. Thanks, {first}",
        "REFILL REQUEST\nPatient: {last}, {first}\nDOB: {dob}\nPrescriber: Dr {last2}\nCall back: {phone}\n"
        "Deliver to: {address}, {city} {zip}",
        "Mrs {last} rang ({phone}) asking if her repeat is ready. She is {age} and housebound, so her "
        "neighbour {first2} {last2} will pick it up.",
        "refill for {first} {last} approved by dr {last2} - 30 days supply, send the ready text to {phone}",
        "Online request from {email}: inhaler repeat for {name} (patient no. {mrn}), {age}yo. "
        "Customer asked us to charge the card on file, {card}.",
        "{name2} is collecting on behalf of her father {name}, aged {age}. ID checked: driving licence {license}.",
    ],
    "repair_request": [
        "Dear {first},\nThe boiler at {address} has stopped working again since {date}. Can someone come "
        "this week? I'm in after 5pm.\nThanks,\n{name2}",
        "Repair request\nTenant: {name}\nProperty: {address}, {city}, {zip}\nIssue: damp in the bedroom\n"
        "Best contact: {phone} / {email}",
        "hi this is {first} from the ground floor flat at {address}. the kitchen tap is leaking and mr {last2} "
        "upstairs says his ceiling is wet. pls ring {phone}",
        "Contractor {name2} ({org}) booked for {date} to fix the window at {last}'s flat. The tenant is {age} "
        "and asked for a call half an hour before, on {phone}.",
        "Following my call with {first2} at {org} on {date}, I am still waiting for the roof repair. "
        "My neighbour {name3} has the same problem.\n- {name}, {city}",
    ],
    "fraud_dispute_email": [
        "Subject: Unauthorised transactions\n\nHello,\nI noticed two payments on {date} that I did not make, "
        "on my card {card}. I was in {city} all day. Please block it.\n\n{name}\n{phone}",
        "To the fraud team at {org}: my name is {first} {last} and somebody used my account (IBAN {iban}) "
        "from an IP address I don't recognise, {ip}. Please reply to {email}.",
        "Dear {name},\nWe have opened a dispute for the charge of {date}. Our investigator, {name2}, will "
        "contact you within 10 working days.\nKind regards,\nCard Services, {org}",
        "Hi - my mum {name2} ({age}) got a call from someone claiming to be from your bank and gave them her "
        "card number {card}. She lives at {address}, {city}. Can you help? {first}",
        "FW: suspicious login\n\n{first}, see below. Sign-in to {email} from {ip} ({country}) on {date}. "
        "Customer {last} says it wasn't her.\n\n-- {first2}",
    ],
    "hearing_notice": [
        "NOTICE OF HEARING\nClaimant: {name}\nRespondent: {org}\nThe hearing will take place on {date} at the "
        "tribunal centre in {city}.",
        "The appeal of {first} {last} (reference {mrn}) is listed for {date}. The appellant, aged {age}, will "
        "be represented by {name2} of {org}.",
        "Parties are reminded that the witness {name3} must attend in person. Any request to postpone should "
        "be sent to {email} before {date}.",
        "Ms {last} told the panel that she had lived at {address}, {zip}, since {date} and that the landlord, "
        "Mr {last2}, never returned her deposit.",
        "Tribunal member: Judge {last3}. Present: {name} (tenant), {name2} (landlord's agent, {org}). "
        "Interpreter booked for Mr {last}.",
    ],
    "review_reply": [
        "Hi {first}, thank you so much for the lovely review! We're glad the team in {city} looked after you. "
        "Hope to see you again soon. - {first2}, Manager",
        "Dear {name}, we are sorry to read about your visit on {date}. Please email our guest relations "
        "manager, {name2}, at {email} so we can put this right.",
        "Response from the owner: {first}, we checked the booking made under {last} and the room was cleaned "
        "twice that day. Feel free to call me on {phone}. {name2}, {org}",
        "thanks {first}!! glad {first2} sorted your order 😊 see you next time at {address}",
        "Mr {last}, we have no record of an order from {email}. If you booked through {org}, please contact "
        "them directly.\nRegards,\n{first2} {last2}",
    ],
    "helpdesk_call": [
        "Agent: IT service desk, {first2} speaking. Caller: hi, it's {name} from accounts, my laptop can't "
        "reach the VPN. Agent: what IP does it show? Caller: {ip}.",
        "Agent: Can I take your full name? Caller: {first} {last}. Agent: And a number in case we get cut "
        "off? Caller: {phone}. Agent: Thanks, {first}.",
        "Caller: I'm locked out, my email is {email}. Agent: I'll reset it now. Caller: my manager {name2} "
        "needs the report before {date}. Agent: Understood.",
        "CALL NOTES {date}\nCaller: {name} ({org}, {city} office)\nIssue: printer offline\n"
        "Logged by: {first3} {last3}\nCallback: {phone}",
        "Agent: is this {first}? Caller: no, this is her husband {first2}, she's {age} and not good with "
        "computers. Agent: ok, could you put her on, Mr {last2}?",
    ],
    "obituary": [
        "{name} of {city} passed away peacefully on {date}, aged {age}. Beloved wife of {first2} and mother "
        "of {first3} and {first4}. Funeral arrangements by {org}.",
        "OBITUARY\n{last}, {first} ({age}) - born {dob} in {country}, died {date} in {city}. Survived by "
        "{name2}. Donations to {org}.",
        "It is with great sadness that the family of {first} {last} announce her death at the age of {age}. "
        "Condolences may be sent to {address}, {city} {zip}.",
        "We say goodbye to our dear friend {first}, who died on {date}. {first} worked at {org} for many "
        "years. Service details from {name2} on {phone}.",
        "In loving memory of {name} ({dob} - {date}). Forever missed by {first2}, {first3} and all the "
        "{last} family. Online guestbook: {url}",
    ],
    "itinerary": [
        "ITINERARY for {name}\n{date}: arrive {city}, check in at {org}\nPassport: {passport}\n"
        "Emergency contact: {name2}, {phone}",
        "Day 1 - pick up from {address} at 7am, drive to {city}. Day 2 - {first} and {first2} fly to "
        "{country}. Booking email: {email}, online check-in: {url}",
        "Traveller: {last}/{first} MR   Date of birth: {dob}   Passport: {passport}   Card used: {card}",
        "Hey {first}, here's the plan: we land on {date}, {first2}'s cousin {name3} picks us up, then we "
        "stay at {address} in {city}. Call me on {phone} if anything changes!",
        "Group tour {city} - {country}. Guests: {name}, {name2}, {name3} ({age}), {name4}. Guide: {first5}.",
    ],
    "courier_notes": [
        "Driver note: left parcel with neighbour at {address}, signed by {first2}. Recipient {name} not home.",
        "cant find {address}?? customer {first} not answering {phone}. will try again {date}",
        "DELIVERY EXCEPTION\nConsignee: {name}\nAddress: {address}, {city} {zip}\nReason: business closed "
        "({org})\nDriver: {first3} {last3}",
        "Mrs {last} asked us to leave it in the shed. She is {age} so please knock loudly. Alt contact: her "
        "son {name2}, {phone2}.",
        "Route {city} north: 1) {last}, {address} 2) {last2}, {address2} 3) {org} - ask for {first3} at "
        "reception.",
    ],
    "loan_application": [
        "Loan application summary\nApplicant: {name}, {age}\nEmployer: {org}\nAddress: {address}, {city} "
        "{zip}\nRequested: 15,000 over 5 years",
        "The applicant, {first} {last}, has been with her current employer since {date} and banks with us "
        "(IBAN {iban}). Co-applicant: {name2}.",
        "Mr {last} (DOB {dob}) was declined on {date} due to insufficient income. Letter sent to {email}.",
        "Underwriter notes: {first} is {age}, lives with partner {first2} in {city}; ID verified by passport "
        "{passport} and driving licence {license}.",
        "Call {name} back on {phone} re: missing payslips. Broker: {name2} at {org}.",
    ],
    "export_with_header": [
        "full_name,email,phone,city\n{name},{email},{phone},{city}\n{name2},{email2},{phone2},{city2}",
        "patient_id;surname;forename;dob;postcode\n{mrn};{last};{first};{dob};{zip}",
        "\"Name\",\"Company\",\"Joined\",\"Country\"\n\"{name}\",\"{org}\",\"{date}\",\"{country}\"",
        "ID\tNAME\tAGE\tADDRESS\n1\t{name}\t{age}\t{address}, {city}\n2\t{name2}\t{age2}\t{address2}, {city2}",
        "user,ip,last_login,profile\n{email},{ip},{date},{url}",
        "first_name|last_name|card|billing_zip\n{first}|{last}|{card}|{zip}",
    ],
    "family_tree": [
        "{name} (b. {dob}, {city}) married {name2} on {date}. Children: {first3}, {first4} and {first5}.",
        "Great-grandfather {first} {last} emigrated from {country} to {city} as a {age}-year-old boy.",
        "Searching for descendants of {name}, last known address {address}, {city}. Please contact {first2} "
        "at {email}.",
        "{first} {last} - b. {dob} - d. {date}\n  m. {first2} {last2}\n    {first3} {last} (b. {dob3})",
        "Grandma {first} always said her maiden name was {last2} and that she grew up above a shop on "
        "{address}.",
    ],
    "car_rental": [
        "RENTAL AGREEMENT\nRenter: {name}\nLicence no.: {license}\nDOB: {dob}\nPick-up: {city}, {date}\n"
        "Deposit card: {card}",
        "Additional driver {name2} (age {age}) added at the counter; young driver fee applies. Contact {phone}.",
        "{last} returned the car to the {city} branch with a scratch on the bumper. Damage report sent to "
        "{email}.",
        "Hi {first}, your booking with {org} is confirmed. Collect on {date} from {address}. Bring your "
        "driving licence and the card you booked with.",
        "Toll invoice forwarded to renter {first} {last}, {address}, {zip}, {country}. Vehicle was hired on "
        "{date}.",
    ],
    "visa_application": [
        "Applicant: {last}, {first}\nNationality: {country}\nPassport No: {passport}\nDate of birth: {dob}\n"
        "Intended address in {city}: {address}",
        "I am writing to support the visa application of my nephew {name}, aged {age}, who will stay with me "
        "at {address}, {city}, from {date}.\n{name2}",
        "Sponsor {name2} ({org}) confirms the employment of {first} {last} from {date}. HR contact: {email}.",
        "Biometrics appointment for {name} booked on {date} at the {city} centre. Reference {mrn}. "
        "Reminder SMS to {phone}.",
        "{first} has travelled to {country} and {country2} in the last ten years; the previous passport, "
        "{passport2}, was lost.",
    ],
    "dental_recall": [
        "Dear {first},\nIt's time for your six-monthly check-up with Dr {last2}. Please call us on {phone} "
        "to book.\n{org}",
        "Recall list {date}: {name} ({age}), {name2} ({age2}), {name3} - all overdue hygiene appointments.",
        "{last}, {first} - DOB {dob} - last seen {date} - contact {email} - note: nervous patient",
        "Hi {first}, just a reminder that {first2} is booked in at 3.15pm on {date}. Reply Y to confirm. {org}",
        "Mr {last} did not attend his appointment on {date}. Letter posted to {address}, {city} {zip}.",
    ],
    "utility_account": [
        "Account holder {name} moved out of {address} on {date}; final meter reading taken. Forwarding "
        "address: {address2}, {city2}.",
        "Direct debit set up for {first} {last} from IBAN {iban}. Bills to {email}.",
        "Customer rang from {phone} to say her mother, {name2}, is {age} and relies on oxygen at home. "
        "Added to the priority register ({address}, {zip}).",
        "Smart meter installation at {address}, {city}: engineer {name3} ({org}) on {date}. Occupier "
        "{last} will be home.",
        "{first} here - I've been overcharged since {date}. My account is {mrn} and I'm at {address}. "
        "Call {phone}, not my landline.",
    ],
    "expense_claim": [
        "Expense claim: {name}, {org}\nTrip: {city}, {date}\nHotel and taxi paid on corporate card {card}\n"
        "Approved by: {name2}",
        "Hi {first2}, can you sign off {first}'s claim from the {city} conference? Receipts are on the shared "
        "drive. Thx, {first3}",
        "Mileage: from home ({address}, {zip}) to the client site at {org}, {date}. Claimant: {last}.",
        "Reimburse {first} {last} to IBAN {iban}. Note: the dinner on {date} included guests {name2} and "
        "{name3}.",
        "Rejected - {name}'s receipt dated {date} is from {country}, not {city}. Please resubmit to {email}.",
    ],
    "care_home_visits": [
        "Visitors' book {date}: {name} visiting {first2} {last2} (room 12), arrived 2pm.",
        "Resident {last} ({age}) had a good day; her granddaughter {first3} came with flowers. Daughter "
        "{name2} rang on {phone} to check in.",
        "Please note only {name2} and {name3} are allowed to take Mr {last} out. Family contact: {email}.",
        "Mrs {last}, aged {age}, moved in on {date} from {address}, {city}. GP: Dr {last4}, {org}.",
        "{first} {last}, {age}, enjoyed bingo with {first2} and {first3} this afternoon. Family visiting "
        "{date}.",
    ],
}
