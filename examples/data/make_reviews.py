"""Generate the small labelled sentiment task used by examples/dp_finetune.py and
benchmarks/bench_train.py --utility (deterministic: seed 2023; no real people).

    python examples/data/make_reviews.py   # writes reviews_train.csv, reviews_test.csv
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

POSITIVE = ["good", "great", "wonderful", "excellent", "delightful", "moving", "funny",
            "charming", "brilliant", "enjoyable", "gripping", "beautiful"]
NEGATIVE = ["bad", "boring", "awful", "dull", "terrible", "clumsy", "tedious", "weak",
            "disappointing", "messy", "forgettable", "painful"]
SUBJECTS = ["the film", "this movie", "the plot", "the acting", "the soundtrack",
            "the ending", "the script", "the cast", "the director's work", "the pacing"]
TEMPLATES = ["{s} was {a}.", "i thought {s} was {a}.", "honestly, {s} felt {a}.",
             "{s} is {a} from start to finish.", "all in all {s} was really {a}.",
             "my friends said {s} was {a}, and i agree.", "{s}? {a}.",
             "{s} was {a}, but {s2} was {b}."]
NEGATED = ["{s} was not {a}.", "i would not call {s} {a}.", "{s} was never {a}."]


def sentence(rng: random.Random) -> tuple[str, int]:
    label = rng.randrange(2)
    good, bad = (POSITIVE, NEGATIVE) if label else (NEGATIVE, POSITIVE)
    subject, other = rng.sample(SUBJECTS, 2)
    if rng.random() < 0.2:  # negation flips the cue word: the task is not a word lookup
        text = rng.choice(NEGATED).format(s=subject, a=rng.choice(bad))
    else:
        template = rng.choice(TEMPLATES)
        # "X was A, but Y was B": the label follows the clause after "but"
        a, b = (rng.choice(bad), rng.choice(good)) if "{b}" in template else \
            (rng.choice(good), "")
        text = template.format(s=subject, a=a, s2=other, b=b)
    return text[0].upper() + text[1:], label


def main() -> None:
    rng = random.Random(2023)
    here = Path(__file__).resolve().parent
    for name, count in (("reviews_train.csv", 3000), ("reviews_test.csv", 600)):
        with open(here / name, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["text", "label"])
            for _ in range(count):
                text, label = sentence(rng)
                writer.writerow([text, "positive" if label else "negative"])


if __name__ == "__main__":
    main()
