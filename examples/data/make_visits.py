#!/usr/bin/env python3
"""Write ``clinic_visits.csv``: 2,000 synthetic clinic visits (no real person in it).

Columns: ``age`` (years, 0-100), ``stay_hours`` (0-72), ``department`` (one of five,
declared as public categories in the benchmark's card) -- the table
``benchmarks/bench_query.py`` measures DP query accuracy on. Deterministic (seed 15).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

DEPARTMENTS = ["cardiology", "emergency", "oncology", "pediatrics", "radiology"]
WEIGHTS = [0.2, 0.35, 0.1, 0.2, 0.15]


def main() -> None:
    rng = random.Random(15)
    out = Path(__file__).with_name("clinic_visits.csv")
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["age", "stay_hours", "department"])
        for _ in range(2000):
            department = rng.choices(DEPARTMENTS, WEIGHTS)[0]
            age = rng.randint(0, 15) if department == "pediatrics" else \
                min(100, max(16, round(rng.gauss(52, 18))))
            stay = round(min(72.0, rng.expovariate(1 / (6 if department == "emergency" else 20))), 1)
            writer.writerow([age, stay, department])


if __name__ == "__main__":
    main()
