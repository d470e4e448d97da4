#!/usr/bin/env python3
"""Fail a CI job when a model directory's privacy claim does not hold up.

    python examples/audit_in_ci.py models/clinic-classifier \
        --trainer-key keys/trainer.pub --ledger dataprotocol-ledger.sqlite \
        --report audit-report.json

Runs every check of ``dataprotocol budget audit`` (epsilon recomputed by Opacus and by
Google's dp_accounting, weights hashes, signature, README front matter, ledger, empirical
audit), writes the report as JSON for the CI artifacts, and exits non-zero on failure:
1 when a check fails, 2 on bad input. Pin ``--trainer-key`` in CI: without it the
signature only proves the card was not edited, not who signed it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dataprotocol.budget import Ledger
from dataprotocol.errors import InputError
from dataprotocol.keys import load_identity
from dataprotocol.train import audit_model_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir", type=Path)
    parser.add_argument("--trainer-key", type=Path, help="the trainer's .pub to pin")
    parser.add_argument("--ledger", type=Path, help="the dataset budget ledger (SQLite)")
    parser.add_argument("--tolerance", type=float, default=0.01,
                        help="relative slack when comparing epsilons")
    parser.add_argument("--report", type=Path, help="write the JSON report here")
    args = parser.parse_args(argv)
    try:
        identity = load_identity(args.trainer_key) if args.trainer_key else None
        if args.ledger is not None and not args.ledger.is_file():
            raise InputError("ledger not found", file=args.ledger)
        ledger = Ledger(args.ledger) if args.ledger else None
        report = audit_model_dir(args.model_dir, ledger=ledger, trainer_identity=identity,
                                 tolerance=args.tolerance)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.report is not None:
        args.report.write_text(json.dumps(report.to_dict(), indent=2) + "\n")
    for check in report.checks:
        print(f"{'ok  ' if check.passed else 'FAIL'} {check.name}: {check.detail}")
    if not report.passed:
        print(f"::error::privacy audit failed: {', '.join(c.name for c in report.failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
