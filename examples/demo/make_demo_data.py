"""Generate the demo dataset shipped with dataprotocol (run once; the CSV is committed).

Synthetic patient-portal messages with PII (names, emails, phones, dates, addresses)
and a topic label with real signal, so a DP fine-tune has something to learn:
0 = appointment, 1 = billing, 2 = prescription, 3 = test results.

    python examples/demo/make_demo_data.py --rows 600

The CSV is package data (dataprotocol/cli/demo_data/), so an installed wheel's
``dataprotocol demo`` finds it.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from faker import Faker

TOPICS = {
    0: [
        "Hi, this is {name}. I need to reschedule my appointment on {date} with Dr. {doctor}.",
        "Can I book a visit next week? My number is {phone}. Thanks, {name}",
        "{name} here - please move my check-up to a later slot, {date} does not work.",
        "Is there an opening for a consultation with Dr. {doctor}? Reach me at {email}.",
        "I have to cancel my appointment. Call me back on {phone}. {name}",
    ],
    1: [
        "Hello, I was charged twice for my last visit. Invoice sent to {email}. {name}",
        "My insurance should cover this bill, please check. {name}, {address}",
        "Why is my statement higher than expected? You can call {phone}.",
        "{name} here: I'd like a payment plan for the outstanding balance.",
        "Please refund the copay I paid on {date}. My email is {email}.",
    ],
    2: [
        "I'm running out of my medication, could Dr. {doctor} renew the prescription? {name}",
        "The pharmacy says my refill was not approved. Please call {phone}.",
        "Can I switch to the generic version of my pills? {name}, born {date}.",
        "{name}: the new dosage makes me dizzy, should I keep taking it?",
        "Please send my prescription to the pharmacy at {address}.",
    ],
    3: [
        "Are my blood test results back yet? {name}, {email}",
        "Dr. {doctor}, could you explain my lab report from {date}?",
        "I got my scan results but don't understand them. Call me at {phone}.",
        "{name} asking whether the biopsy results are normal.",
        "Please email my cholesterol results to {email}. Thanks.",
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=600)
    parser.add_argument("--seed", type=int, default=20261123)
    shipped = Path(__file__).resolve().parents[2] / "dataprotocol" / "cli" / "demo_data"
    parser.add_argument("--out", type=Path, default=shipped / "patient_messages.csv")
    args = parser.parse_args()
    fake, rng = Faker("en_US"), random.Random(args.seed)
    Faker.seed(args.seed)
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["patient_name", "email", "phone", "message", "topic"])
        for _ in range(args.rows):
            topic = rng.randrange(4)
            name, email, phone = fake.name(), fake.email(), fake.phone_number()
            text = rng.choice(TOPICS[topic]).format(
                name=name, email=email, phone=phone, doctor=fake.last_name(),
                date=fake.date_between("-2y", "+60d").strftime("%B %d, %Y"),
                address=fake.address().replace("\n", ", "),
            )
            writer.writerow([name, email, phone, text, topic])


if __name__ == "__main__":
    main()
