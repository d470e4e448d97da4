"""HELD-OUT v9 templates: written in one go before any evaluation, only ever evaluated (seed 9999).

Eighteen shapes not used by any earlier family, five or six templates each: marketplace
buyer/seller messages, apartment-building notices, airline complaint e-mails, scholarship
award letters, wedding-vendor invoices, tutoring session logs, roadside-assistance
tickets, pet adoption applications, leisure-centre accident-book entries, customs
declarations, residents' parking permits, blood-donor session notes, childcare pick-up
authorisations, warranty claims, lost-property logs, donation receipts, election
canvassing notes and ambulance patient-care reports.

Locales: five English ones (none of heldout8's) plus twenty-one Latin-script locales from
Colombia, Chile, Portugal, Belgium (Dutch), Austria, Switzerland, Canada (French) and
Central, Eastern and Northern Europe, each with its own name lists and address, postcode and
phone formats. Postal addresses are written both "street, city postcode" and "street,
postcode city". ``{ssn}`` is not used: most of these locales give a national ID, not a US
SSN. Left out: it_IT (its city list comes from a set, so output changes with the hash
seed), es_ES (many street addresses end in a space) and es_AR (some first names end in a
space), since a span with trailing whitespace is a labelling artefact.
"""

from __future__ import annotations

LOCALES = ["en_US", "en_GB", "en_IE", "en_NZ", "en_IN", "es_CO", "es_CL", "pt_PT", "nl_BE", "de_AT",
           "de_CH", "fr_CH", "fr_CA", "cs_CZ", "sk_SK", "hu_HU", "ro_RO", "hr_HR", "sl_SI", "sv_SE",
           "da_DK", "no_NO", "fi_FI", "et_EE", "lv_LV", "lt_LT"]

TEMPLATES: dict[str, list[str]] = {
    "marketplace_chat": [
        "Hi, is the pram still available? I could collect tomorrow evening, I'm in {city}. {first}",
        "yes still available! pick up from {address}, {zip} {city}, ring the bell for {last}. cash or "
        "bank transfer to {iban} pls",
        "{first2}: would you take 40 for it?\n{first}: 50 is my lowest sorry\n{first2}: ok deal, text me "
        "on {phone2} when you're home",
        "Buyer {name} marked the item as received on {date}. Leave feedback for {name2}?",
        "hey {first} its {first2} again, my husband {first3} will come instead, he's driving a grey van. "
        "what was the postcode? oh wait, {zip}, got it",
        "Message from {name2} ({email2}): I paid with card {card} through the app on {date} and nothing "
        "has been posted. Send me tracking or I will report you to {org}.",
    ],
    "building_notice": [
        "NOTICE TO RESIDENTS\nThe water supply will be shut off on {date} for pipe works by {org}. Any "
        "questions, please speak to the caretaker, {name}, on {phone}.",
        "To all residents of {address}, {zip} {city}: the annual lift inspection takes place on {date}. "
        "Sorry for any inconvenience.\nManagement committee ({email})",
        "Would the owner of the blue bicycle in the hallway please contact flat 3 ({last}). Many thanks! "
        "{first}",
        "A warm welcome to our new neighbours {first} and {first2} {last2} in flat 12! Your building rep "
        "is {name3}, {phone3}.",
        "Reminder from the committee: service charges for the quarter starting {date} are due. Pay to "
        "IBAN {iban} with your flat number as reference. Treasurer: {last}, {first}",
        "Parcel for {name} (flat 7) has been with {first2} in flat 2 since {date} - please collect it.",
    ],
    "airline_complaint": [
        "Subject: Complaint - baggage never arrived\n\nDear {org},\nI flew from {city} to {city2} on "
        "{date} and my suitcase did not arrive. The booking is under {name}, passport {passport}. Please "
        "call me on {phone}.\n\n{first}",
        "I am writing on behalf of my father {name2}, who is {age} and uses a wheelchair, was left at the "
        "gate in {city} for two hours. I expect a written apology to {email}.\n{name}",
        "I was charged twice on card {card} for seat selection. Passengers were {name}, {name2} and "
        "{first3} {last}. REFUND PLEASE",
        "Dear Ms {last},\nThank you for your e-mail of {date}. Our customer relations adviser, {name2}, "
        "has reviewed your claim and a travel voucher will be posted to {address}, {city} {zip}.\n"
        "Yours sincerely,\n{org}",
        "second complaint, still no reply since {date}. name {first} {last}, dob {dob}, frequent flyer "
        "account is under {email}. do better",
        "Passenger {last}/{first} ({age}) was denied boarding on {date} despite a valid ticket bought "
        "via {url}.",
    ],
    "scholarship_award": [
        "Dear {first},\nOn behalf of the {org} Foundation, I am delighted to tell you that you have "
        "been awarded this year's Community Scholarship, starting {date}.\nWarm regards,\n{name2}\n"
        "Chair, Awards Committee",
        "Award recipient: {name}\nDate of birth: {dob}\nSchool: {org}\nPaid to: IBAN {iban}\n"
        "Contact: {email}",
        "We are proud to announce that {name}, a {age}-year-old student from {city}, is this year's "
        "winner. {first}'s mentor, Dr {last2}, nominated her in the spring.",
        "congratulations {first}!!! so so proud of you. love mum and {first2} xx",
        "Shortlist ({date}): 1. {last}, {first} ({city}) 2. {last2}, {first2} ({city2}) 3. {last3}, "
        "{first3} ({country})",
        "The award letter went out by post to {address}, {zip} {city} on {date}. If it has not arrived, "
        "contact {name2} on {phone2}.",
    ],
    "vendor_invoice": [
        "INVOICE\nBill to: {name} & {name2}\n{address}\n{zip} {city}\nEvent date: {date}\nBridal "
        "flowers and table arrangements\nPayment to IBAN {iban}",
        "Hi {first}, attached is the final invoice for the photography on {date}. The balance is due "
        "two weeks before the wedding. Any questions give me a ring on {phone}. Cheers, {first3} ({org})",
        "Deposit received from {last} by card {card} on {date}. Thank you!",
        "Invoice to: Mr and Mrs {last}, {address}, {city} {zip}, {country}. Venue: {org}. Contact on "
        "the day: {name3}, {phone3}.",
        "{first} and {first2} - your cake tasting is booked for {date}. Please confirm by replying to "
        "{email}. Kind regards, {name3}",
    ],
    "tutoring_log": [
        "Session log {date}\nStudent: {name} (age: {age})\nTutor: {first2} {last2}\nTopic: fractions. "
        "{first} was tired but finished the worksheet.",
        "tutor notes - {first} did great on the reading today. mum ({first2}) asked to move next week's "
        "lesson to {date}, her number is {phone2}",
        "{last}, {first} | Year 9 | Maths | parent contact {email} | {age} yrs | six sessions left",
        "Hi {first2}, a quick update after today's chemistry session: {first} is much more confident "
        "now. Invoice to follow from {org}. Best, {name3}",
        "Online lesson with {name} cancelled because the link ({url}) did not work. Rebooked for {date}.",
    ],
    "roadside_ticket": [
        "ROADSIDE ASSISTANCE\nMember: {name}\nLocation: {address}, {city}\nVehicle: silver hatchback, "
        "flat battery\nCallback: {phone}",
        "Patrol {first2} on scene. Member {last} ({age}) waiting with two kids on the hard shoulder "
        "outside {city}. Vehicle towed to {org}.",
        "Customer called from {phone}: car won't start outside {address}, {zip} {city}. Driving licence "
        "{license} checked.",
        "Job closed {date}. Car belonging to {first} {last} recovered to the garage at {address2}. "
        "Invoice sent to {email}.",
        "caller {first} says her dad {name2}, {age}, is stuck in the car and feels unwell - passed to "
        "emergency services",
        "Non-member callout paid by card {card}. Driver: {name}. Pick-up {city}, drop-off {city2}.",
    ],
    "pet_adoption": [
        "Adoption application\nApplicant: {name}\nAddress: {address}, {zip} {city}\nPhone: {phone}\n"
        "Email: {email}\nOther pets: one elderly cat",
        "Home check done {date} by volunteer {name2}. {first} and her partner {first3} have a secure "
        "garden. Approved.",
        "Hi! I'm {first}, {age}, and I would love to adopt the grey kitten from your page. I live in "
        "{city} and work from home. {email}",
        "Reference for {name}: {first} has been a friend of mine for ten years and is very "
        "responsible with animals.\n{name2}, {phone2}",
        "Adopter: {last}, {first}. Fee paid by card {card}. Microchip transferred on {date}. Vet: {org}.",
    ],
    "injury_report": [
        "ACCIDENT BOOK - {org}\nDate: {date}\nInjured person: {name}, aged {age}\nWhat happened: "
        "slipped near the pool steps\nFirst aider: {name2}",
        "Member {first} {last} (DOB {dob}) twisted an ankle on the treadmill. Ice applied by {first2}. "
        "His partner {name3} drove him home.",
        "{last} says the cable on the rowing machine snapped. He is {age} and has a history of back "
        "pain. Follow-up call to {phone} on {date}.",
        "witnessed by {name2} ({phone2}) and the duty manager. injured party: {name}, {address}, {city} "
        "{zip}",
        "Insurance form e-mailed to {email} for the injury on {date}; attended A&E, hospital number "
        "{mrn}.",
    ],
    "customs_declaration": [
        "CUSTOMS DECLARATION\nSender: {name}, {address}, {zip} {city}, {country}\nRecipient: {name2}, "
        "{address2}, {city2}, {country2}\nContents: gift - used clothing",
        "Traveller {last}, {first}, passport {passport}, arriving from {country} on {date}. Goods to "
        "declare: none.",
        "Importer: {org}. Contact: {name}, {phone}, {email}. Duties paid by card {card}.",
        "Declarant {name} (born {dob}) declared cash above the limit at {city} airport. Officer {last2} "
        "took the statement.",
        "Hi {first}, your parcel from {country} is being held at customs. Please pay the import charge "
        "at {url} before {date}. - {org}",
    ],
    "parking_permit": [
        "Resident parking permit application\nName: {name}\nAddress: {address}, {city} {zip}\nDriving "
        "licence: {license}\nEmail: {email}",
        "Dear {first} {last}, your visitor permit for {address} is valid from {date}. Please display it "
        "clearly on the dashboard.",
        "Disabled badge holder {last}, {first} ({age}) - carer {name2} may also use the permit. Contact "
        "{phone}.",
        "Permit refund paid to IBAN {iban} for {name}, who moved to {city2} on {date}.",
        "pls can i get a permit for my mum's house, {address}? she is {age} and i visit every day. "
        "{first} {last}, {phone}",
    ],
    "blood_donor": [
        "Donor {name}, donor no. {mrn}, DOB {dob}. Last donation {date}. Haemoglobin OK.",
        "Dear {first}, thank you for donating at the {city} session on {date}. Your next appointment can "
        "be booked at {url}.",
        "Deferred: {last}, {first}, {age}yrs - recent travel to {country}. Text sent to {phone}.",
        "Session {city}, {date}: nurse {first2} reported that donor {first} {last} felt faint. Recovered "
        "and went home with {name3}.",
        "{name} has reached fifty donations! Certificate goes in the post to {address}, {zip} {city}.",
    ],
    "childcare_pickup": [
        "Authorised to collect {first} {last}: {name2} (mother), {name3} (grandfather, {phone3}). NOT "
        "authorised: {name4}.",
        "hi its {first2}, {first3} will pick up {first} today as i'm stuck at work. she has my "
        "permission. thx",
        "Pick-up log {date}: {first} collected by {first2} {last} (dad). Signed out by {first5}.",
        "Please note that {name}'s grandmother, {name2}, who is {age}, will collect on Fridays. "
        "Emergency number {phone}.",
        "Late collection fee charged to card {card} for {last}, {first} on {date}.",
    ],
    "warranty_claim": [
        "Warranty claim\nCustomer: {name}\nPurchased: {date} from {org}\nProduct: washing machine\n"
        "Engineer visit at: {address}, {city} {zip}\nTel: {phone}",
        "Hi there, {first} {last} here. My laptop stopped charging two months after I bought it on "
        "{date}. Receipt attached. Please reply to {email}.",
        "Claim approved for {last}. Replacement to be delivered to {address}, {zip} {city}. Engineer: "
        "{name2}.",
        "Customer {name} registered the product online from IP {ip} on {date}; serial number verified.",
        "Extended warranty refunded to card {card}. Customer {first} ({age}) said the fridge had already "
        "been replaced twice. Handled by {first2}.",
    ],
    "lost_property": [
        "LOST PROPERTY LOG\nItem: black wallet\nFound: {date}, platform 2\nContents: bank card {card}, "
        "driving licence {license} in the name of {name}",
        "Phone handed in by {name2}; owner identified as {first} {last} via emergency contact {phone}.",
        "Hi, I think I left my blue rucksack on the bus to {city} on {date}. My passport ({passport}) "
        "is inside. Please e-mail me at {email}. {name}",
        "Item returned to {last}, {first} ({address}, {city}) on {date}. ID checked.",
        "Unclaimed: child's raincoat, name tag reads {first}. Found at {org}.",
    ],
    "donation_receipt": [
        "Thank you, {name}!\nYour gift to {org} on {date} helps families in {city}.\nA copy of this "
        "receipt has gone to {email}",
        "Donation receipt\nDonor: {last}, {first}\n{address}\n{zip} {city}\n{country}\nMethod: card "
        "{card}",
        "Monthly gift set up by {name} from IBAN {iban}, starting {date}. Tax relief: yes.",
        "In memory of {name2}: donations received from {first}, {first3} {last3} and the staff of {org}.",
        "Dear {first}, we could not take your donation on {date}. Please call our supporter care team on "
        "{phone}.\n{name2}, Fundraising Manager",
    ],
    "canvass_notes": [
        "Door-knock {date}, {address}: {name}, {age}, undecided, worried about buses. Wants the "
        "candidate to ring {phone}.",
        "{last} household - both {first} and {first2} supportive, may put up a poster. Volunteer: "
        "{first3}.",
        "street: {address}\nnot home\nspoke to neighbour {first2}, says {last} moved to {city2}",
        "Volunteer sign-up: {name}, {email}, {phone}, free at weekends, lives in {city} {zip}.",
        "Mrs {last} (aged {age}) asked for a postal vote form to be sent to {address}, {zip} {city}.",
    ],
    "ambulance_report": [
        "PATIENT CARE REPORT\nPatient: {name}\nAge: {age}\nDOB: {dob}\nIncident address: {address}, "
        "{city}\nHospital no.: {mrn}\nConveyed to: {org}",
        "Crew called by neighbour {name2} ({phone2}). Found pt {first} {last}, {age}-year-old female, on "
        "the kitchen floor.",
        "Handed over to Dr {last3} at {org}. Pt's son {first2} informed by phone ({phone}) on {date}.",
        "{last}, {first} - {age} yrs - fall at home, {address}, {zip} {city} - GP practice {org}",
        "Pt states she is {age} and lives alone; her daughter {name2} lives in {country}.",
    ],
}
