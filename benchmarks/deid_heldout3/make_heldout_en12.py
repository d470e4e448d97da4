# ruff: noqa: E501
"""Generate benchmarks/data/deid/heldout12.jsonl - blind English held-out set v12.

Standard library only; deterministic (random.Random(SEED)).  See README.md.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _en12_values import GENERATORS  # noqa: E402
from _h3common import DATA_DIR, generate, write_jsonl  # noqa: E402

SEED = 12_2026_1202_16
PER_KIND = 38
PII_FREE = 32
OUT = DATA_DIR / "heldout12.jsonl"


def _prose(rng):
    return rng.choice([" ", " ", "\n"])


FILLERS = [
    "Please retain this document for your records.", "No further action is needed at this time.", "Weather conditions were clear.",
    "This summary was prepared from the notes available at the time.", "All times are local.", "See attached for details.",
    "The customer was polite throughout.", "Nothing else of note.", "Standard terms and conditions apply.", "Updated per supervisor review.",
]

KINDS: dict[str, dict] = {
    "vet_visit": {
        "openers": ["VETERINARY VISIT NOTE", "{company} - Visit Summary", "Patient: {pet} | Owner: {rname}"],
        "body": [
            "Owner: {name}, phone {phone}.", "Client ID: {client}", "{pet} is {species} presented by {first} for lethargy and decreased appetite x3 days.",
            "Owner address: {street}, {cityst} {zip}", "Visit date: {date}", "Weight 31.2 kg (down from 33.0 kg). T 102.8 F. Mild dental tartar.",
            "Owner reports {pet} got into the trash on {date2}.", "Plan: CBC/chem panel, bland diet for 5 days, recheck if vomiting continues.",
            "Attending: Dr. {name2}, DVM.", "Reminder texts go to {phone}; invoice e-mailed to {email}.", "Payment: Visa ending {cclast}, total {amount}.",
            "Co-owner {name3} authorized treatment by phone.", "Rabies vaccination current; microchip scanned and verified.",
        ],
        "closers": ["Thank you for trusting us with {pet}'s care.", "Call us with any questions.", "Next wellness exam due in 12 months."],
        "n": (4, 8), "ordered": True,
    },
    "adjuster_call_log": {
        "openers": ["ADJUSTER CALL LOG", "Claim {claim} - telephone notes", "{insurer} | Claims Activity Log"],
        "body": [
            "{datet} - Outbound call to insured {name} at {phone}. Left voicemail.", "{datet2} - Insured returned call. Confirmed loss location {street}, {cityst}.",
            "Policy No. {policy}; claim number {claim}.", "Insured states water heater failed overnight; carpet and drywall damaged in two rooms.",
            "Spoke with contractor {name2} of {company} ({phone2}); estimate to follow by e-mail.", "Insured's DOB {dob} verified, last four SSN {ssnlast} verified.",
            "Claimant {rname3} (other driver) called in; reports being {ageyrs3} and not injured.", "Mortgagee: {bank}, loan #{acct}.",
            "Sent recorded-statement request to {email}.", "Adjuster {name4} scheduled inspection for {date3}.", "Coverage A limit $310,000; deductible $1,000.",
            "Insured asked that all calls go to the cell number {phone5}.",
        ],
        "closers": ["Next diary: 7 days.", "End of log.", "Reserve unchanged."],
        "n": (4, 8), "ordered": True,
    },
    "utility_shutoff": {
        "openers": ["FINAL NOTICE OF SERVICE DISCONNECTION", "{utility} - Disconnection Notice", "IMPORTANT: Your service is scheduled to be shut off"],
        "body": [
            "Account holder: {name}", "Service address: {street}", "{cityst} {zip}", "Account number: {acct}", "Dear {first},",
            "Your account is past due in the amount of {amount}. Service will be disconnected on or after {date} unless payment is received.",
            "If a member of your household depends on life-support equipment, call us at {phone} before {date2}.",
            "You may pay online at {payurl} or at any authorized pay station.", "Last payment received: {date3}, card ending {cclast}.",
            "A medical certificate from a licensed physician may postpone disconnection for up to 30 days.", "Questions? Contact {name2}, Customer Advocate, {phone2}.",
            "Reconnection fee: $45.00.",
            "To pay by phone, have your card ready; payment of {amount} was declined on card {cc}.",
        ],
        "closers": ["Sincerely, {utility} Customer Care", "This notice was mailed on {date4}.", "Para información en español, llame al número indicado."],
        "n": (4, 8), "ordered": True, "joiner": _prose,
    },
    "tenant_screening": {
        "openers": ["TENANT SCREENING REPORT", "Rental Applicant Screening Summary", "{company} - Applicant Report"],
        "body": [
            "Applicant: {rname}", "Application ID: {application}", "SSN: {ssn}", "Date of birth: {dob}", "Current address: {street}, {cityst} {zip}",
            "Previous landlord: {name2}, {phone2}", "Employer: {company3}; monthly income verified at {amount}.", "Driver license: {dlstate} {dl}",
            "Eviction search: no records found in {state}.", "Credit score 688; two collections, oldest {monthyear}.", "Co-applicant: {name4}, age {agen4}, e-mail {email4}.",
            "Applicant phone: {phone}; e-mail: {email}.", "Pets: one cat. Vehicles: 2019 Honda Civic.",
            "Applicant self-identified as {nationality} on the optional demographics form.", "Report generated {datet} from IP {ip}.",
        ],
        "closers": ["Recommendation: APPROVE with standard deposit.", "This report is provided under the FCRA.", "End of report."],
        "n": (4, 8), "ordered": True,
    },
    "trial_screening": {
        "openers": ["CLINICAL TRIAL SCREENING LOG", "Screening Visit - Protocol XR-2207", "{hospital} Research Office - Screening Note"],
        "body": [
            "Subject ID: {subject}", "Participant: {rname}; MRN {mrn}", "Screen date: {date}", "{age} {nationality} patient referred by Dr. {last2} for evaluation of eligibility.",
            "Participant is {religion} and requested that study visits not fall on holy days.", "Inclusion criteria 1-6 met; exclusion criterion 4 (eGFR < 45) not met.",
            "Contact: {phone}; alternate contact {name3} (daughter) {phone3}.", "Medical record no. {mrn} reviewed for prior imaging.",
            "Consent signed {datet} in the presence of coordinator {name4}.", "Home address on file: {street}, {cityst} {zip}.",
            "Stipend payments to be sent via direct deposit.",
            "SSN (for stipend 1099 reporting): {ssn}", "Screen failure reason: none; randomization scheduled {date2}.", "Aged {agen}, BMI 29.1, HbA1c 7.4%.",
        ],
        "closers": ["Coordinator signature on file.", "Log entry complete.", "Do not share outside the study team."],
        "n": (4, 8), "ordered": True,
    },
    "helpdesk_ticket": {
        "openers": ["Ticket {ticket} - New", "IT SERVICE DESK", "Re: [{ticket}] cannot connect to VPN"],
        "body": [
            "Requester: {name} ({email})", "Callback: {phone}", "Employee ID: {employee}", "Asset: {device}, tag {asset}",
            "User reports VPN client fails with error 809 since {date}.", "Last successful login from {ip} at {datet}.", "Assigned to: {name2}, Tier 2",
            "{lcname} said in chat: \"it worked yesterday, i didnt change anything\"", "Reset MFA token; user confirmed code received on phone ending {ssnlast}.",
            "Manager approval from {name3} received.", "Location: {company}, 3rd floor, {cityst}", "Remote session opened through the jump host.",
            "Escalated to network team; workaround: use web portal at {url}.",
        ],
        "closers": ["Status: Resolved.", "Ticket will auto-close in 72 hours.", "Please rate your support experience."],
        "n": (4, 8), "ordered": True,
    },
    "probation_report": {
        "openers": ["PROBATION PROGRESS REPORT", "{agency} - Supervision Report", "Re: State v. {name}, Case No. {case}"],
        "body": [
            "Probationer: {rname}", "Offender #: {offender}", "Case No. {case}", "DOB: {dob}  SSN: {ssn}",
            "Probationer {last} is a {age} who was placed on 24 months of supervised probation on {date}.", "The probationer resides at {street}, {cityst}, with a sibling, {name2}.",
            "Employment: warehouse associate at {company} since {monthyear}; supervisor {name3} confirmed attendance.", "Drug screens on {date2} and {date3} were negative.",
            "{first} attends services at a {religion} congregation and reports it as a support.", "Reachable at {phone}.", "Driver license ({dlstate}) {dl} remains suspended.",
            "Supervising officer: {name4}, {phone4}.", "The probationer has completed 40 of 80 community service hours.",
            "{first} volunteers at the county {political} office on weekends, which was approved.",
        ],
        "closers": ["Recommendation: continue supervision.", "Respectfully submitted.", "cc: file"],
        "n": (4, 8), "ordered": True, "joiner": _prose,
    },
    "scholarship_letter": {
        "openers": ["Dear {first},", "{date}\n\n{name}\n{street}\n{cityst} {zip}\n\nDear {name},", "SCHOLARSHIP AWARD NOTIFICATION"],
        "body": [
            "On behalf of the {company} Foundation, congratulations! You have been selected to receive the Horizon Scholarship for {monthyear}.",
            "Your award number is {award}.", "The award of $4,000 will be sent directly to {school} and applied to your student account ({student}).",
            "The selection committee was impressed by your essay about growing up as the child of {nationality} immigrants in {cityonly}.",
            "Please confirm your acceptance by {date2} by e-mailing {email2} or calling {name2} at {phone2}.", "Recipients are invited to a luncheon on {datet3}.",
            "To remain eligible, you must maintain a 3.0 GPA and full-time enrollment.", "We will need your SSN ({ssn}) on the enclosed W-9 only if the award exceeds tuition.",
            "Your high school counselor, {name4}, nominated you.",
            "Your application noted your work as treasurer of the {nationality} Student Association and your volunteering with a {religion} food pantry.",
        ],
        "closers": ["Warm regards,\n{name2}\nScholarship Committee Chair", "Congratulations again!", "Sincerely, The Foundation Board"],
        "n": (3, 7), "ordered": True, "joiner": _prose,
    },
    "customs_declaration": {
        "openers": ["CUSTOMS DECLARATION - SUPPLEMENTAL", "{agency} Entry Record", "Traveler Declaration Review"],
        "body": [
            "Traveler: {rname}", "Nationality: {nationality}", "Passport No.: {fpassport}", "US Passport: {passport}", "Date of birth: {dob}",
            "Arriving on {flight} from {country} on {date}.", "U.S. address while visiting: {street}, {cityst} {zip}", "Entry number: {entry}",
            "Declared goods: 2 kg dried fruit, 1 bottle of wine, gifts valued at {amount}.", "Accompanied by spouse {name2} ({ageyrs2}) and one child.",
            "Traveler contact: {phone} / {email}", "Secondary inspection by officer {name4} at {datet}.", "No currency over $10,000 declared.",
            "Secondary ID: {dlstate} DL {dl}.", "Duty overpayment refund requested to IBAN {iban}.",
        ],
        "closers": ["Released.", "Declaration accepted.", "Record closed."],
        "n": (4, 8), "ordered": True,
    },
    "dental_plan": {
        "openers": ["TREATMENT PLAN", "{company} - Proposed Dental Treatment", "Patient: {name}   Chart #: {mrn}"],
        "body": [
            "Patient: {name}", "Chart #: {mrn}", "DOB {dob} ({ageyrs})", "Provider: Dr. {name2}, DDS; NPI {npi}", "Phase 1: scaling and root planing, all quadrants.",
            "Phase 2: crown on tooth {tooth}, estimated patient portion {amount}.", "Insurance: {insurer} dental, member ID {memberid}.",
            "Patient prefers morning appointments; best contact {phone}.", "Plan presented on {date} and discussed with the patient and spouse {name3}.",
            "Financing application submitted; card on file {cc}.", "Mailing address: {street}, {cityst} {zip}.", "Next visit: {datet2}.",
            "Subscriber: {rname3}, SSN {ssn3}, DOB {dob3}.",
        ],
        "closers": ["Estimates valid for 90 days.", "Patient signature: __________", "Thank you for choosing our practice."],
        "n": (4, 8), "ordered": True,
    },
    "fraud_dispute": {
        "openers": ["BANK FRAUD DISPUTE FORM", "{bank} - Unauthorized Transaction Claim", "Dispute reference {dispute}"],
        "body": [
            "Cardholder name: {rname}", "Card number: {cc}", "Dispute reference: {dispute}", "Phone: {phone}   Email: {email}",
            "I did not authorize the charges listed below, posted on {date} and {date2}.", "My card was in my possession the whole time; I live at {street}, {cityst} {zip}.",
            "Merchant: {company}, {amount}, card-not-present.", "Please credit the refund to my account IBAN {iban}.", "Checking account: {acct}",
            "Last four of SSN: {ssnlast}", "The charges were made from IP address {ip}, which I do not recognize.", "Signed: {name}, {datet}",
            "Bank use only - received by {name2}, branch 118.",
        ],
        "closers": ["Provisional credit issued within 10 business days.", "I declare the information above is true.", "Keep a copy for your records."],
        "n": (4, 8), "ordered": True,
    },
    "moving_quote": {
        "openers": ["MOVING ESTIMATE", "{company} - Binding Quote {quote}", "Hi {first}, here's your moving quote!"],
        "body": [
            "Customer: {name}", "Quote #: {quote}", "Origin: {street}, {cityst} {zip}", "Destination: {street2}, {cityst2} {zip2}",
            "Move date: {date} (arrival window 8-10 AM).", "Crew lead: {name2}; dispatcher {name3} at {phone2}.", "Estimated weight 7,400 lbs; 3 movers, 1 truck.",
            "Contact on moving day: {phone}", "Deposit of {amount} charged to card {cc}.", "Please email the signed copy to {email2}.",
            "Long carry and a piano at origin; elevator reserved at destination.",
            "Overseas deposit refund (international move) to IBAN {iban}, account holder {name}.", "Customer's relative, {name4} ({agen4}), will be present at delivery.",
        ],
        "closers": ["Rates valid 30 days.", "Thanks for choosing us!", "Licensed and insured."],
        "n": (4, 8), "ordered": True,
    },
    "airline_complaint": {
        "openers": ["Customer Relations - Complaint", "{airline} Customer Care", "Subject: lost bag and rebooking on {flight}"],
        "body": [
            "Passenger: {rname}", "Confirmation code: {pnr}", "E-ticket: {eticket}", "Frequent flyer #: {ffn}", "Travel date: {date}",
            "I am a {age} traveling with a wheelchair and was left at the gate for 90 minutes.", "My checked bag never arrived in {cityonly}; file reference {claim}.",
            "Please contact me at {phone} or {email}.", "Deliver the bag to {street}, {cityst} {zip}.", "Agent {first2} at the counter was very helpful.",
            "I was charged twice on my card ending {cclast}.", "Representative {name3} replied on {datet3} offering a $150 voucher.", "Passport {passport} was used for the booking.", "Chat transcript:\nAgent {first2}: Hi! Can I get your confirmation code?\n{lcname}: its {pnr}\nAgent {first2}: Thanks. Your bag was last scanned in {cityonly} on {date4}.\n{lcname}: ok pls send it to my address asap",
            "I had requested a special meal for religious reasons (I am {religion}) and it was not loaded.", "ID shown at check-in: {dlstate} driver license {dl}.", "Please refund the fare difference to card {cc}.",
        ],
        "closers": ["I expect a response within 7 days.", "Regards, {name}", "We apologize for the inconvenience."],
        "n": (4, 8), "ordered": True, "joiner": _prose,
    },
}

PII_FREE_SENTENCES = [
    "Clinic hours are 8 AM to 6 PM on weekdays.", "Claims are reviewed in the order received.", "Disconnection notices are mailed at least ten days in advance.",
    "Screening reports are valid for sixty days.", "Informed consent must be obtained before any study procedure.", "Reboot the laptop before contacting support.",
    "Community service hours must be logged weekly.", "Scholarship funds are disbursed at the start of each term.", "Agricultural products must be declared on arrival.",
    "Flossing daily reduces the risk of gum disease.", "Report lost cards immediately.", "Moving estimates are based on weight and distance.",
    "Checked bags over 50 pounds incur a fee.", "The office will be closed on the holiday.", "Parking is available behind the building.",
    "Please allow five to seven business days for processing.", "The form must be signed and dated.", "Our policies were updated last quarter.",
    "Masks are optional in the waiting area.", "The survey takes about ten minutes.", "Late fees apply after the due date.", "Payment plans are available on request.",
    "Training sessions are recorded for quality purposes.", "A copy of the policy is available online.", "Most repairs are completed within two days.",
    "The new portal launches next month.", "Visitors must check in at the front desk.", "Fees are non-refundable once processing begins.",
    "Temperatures are expected to drop this weekend.", "The committee meets twice a year.", "Bring a list of current medications.", "Packing materials are sold separately.",
    "Refunds are issued to the original form of payment.", "The waiting period is thirty days.",
]


def main() -> None:
    rng = random.Random(SEED)
    docs = generate(rng, KINDS, GENERATORS, FILLERS, PER_KIND, PII_FREE_SENTENCES, PII_FREE, "en")
    out = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else OUT
    write_jsonl(docs, out)
    print(f"wrote {len(docs)} documents to {out}")


if __name__ == "__main__":
    main()
