#!/usr/bin/env python3
"""Gate data access in your own loader with dataprotocol's policy engine.

Two ways, both deny by default:

1. ``open_package`` -- the recipe. It verifies the manifest signature, asks the policy
   engine (license x grant x purpose x action), and only then unwraps the shard keys
   your grant carries and decrypts. A denial raises ``PolicyDenied`` with every reason.
2. ``decide`` -- for data you store yourself (a database, a bucket of files): build a
   ``Request`` from the dataset card and ask for a ``Decision`` before your own loader
   touches anything. The decision is appended to a decision log when you pass one.

    python examples/gate_access.py PKG --grant GRANT.json --key ME.key --purpose health-research
    python examples/gate_access.py --card card.yaml --grant GRANT.json --key ME.key \
        --purpose health-research --action train

Exit status: 0 allowed, 1 denied, 2 bad input (same as the ``dataprotocol`` CLI).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dataprotocol.errors import DataProtocolError, InputError, PolicyDenied
from dataprotocol.keys import load_keypair
from dataprotocol.package import open_package
from dataprotocol.policy import Request, decide, load_dataset_card, load_grant


def read_through_package(package: Path, *, grant: Path, key: Path, purpose: str) -> int:
    """Recipe 1: the package layer gates, verifies and decrypts in one call."""
    handle = open_package(package, grant=grant, key=load_keypair(key), purpose=purpose)
    frame = handle.to_pandas()
    # Print shapes, never cells: the rows may hold personal data even after scrubbing.
    print(f"allowed: {len(frame)} rows x {len(frame.columns)} columns "
          f"from {handle.card.dataset_id}@{handle.card.version}")
    for obligation in handle.decision.obligations:
        print(f"obligation: {obligation.text}")
    return 0


def gate_my_loader(card_path: Path, *, grant: Path, key: Path, purpose: str,
                   action: str) -> int:
    """Recipe 2: ask the policy engine before your own code reads anything."""
    card = load_dataset_card(card_path)
    me = load_keypair(key)
    request = Request(dataset=card, principal=me.key_id, action=action, purpose=purpose)
    decision = decide(request, grants=[load_grant(grant)])
    if not decision.allowed:
        for reason in decision.reasons:
            print(f"denied: {reason}")
        return 1
    print(f"allowed: {action} {card.dataset_id} for {purpose}; conditions {decision.conditions}")
    # ... only now open your own files / tables for card.dataset_id ...
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", nargs="?", type=Path, help="data package folder")
    parser.add_argument("--card", type=Path, help="dataset card YAML (recipe 2)")
    parser.add_argument("--grant", type=Path, required=True, help="signed grant JSON")
    parser.add_argument("--key", type=Path, required=True, help="your private key file")
    parser.add_argument("--purpose", required=True, help="why you want the data")
    parser.add_argument("--action", default="read", help="read | train | publish-model ...")
    args = parser.parse_args(argv)
    try:
        if args.card is not None:
            return gate_my_loader(args.card, grant=args.grant, key=args.key,
                                  purpose=args.purpose, action=args.action)
        if args.package is None:
            parser.error("give a PACKAGE folder or --card")
        return read_through_package(args.package, grant=args.grant, key=args.key,
                                    purpose=args.purpose)
    except PolicyDenied as exc:
        for reason in exc.reasons:
            print(f"denied: {reason}")
        return 1
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DataProtocolError as exc:  # integrity / signature failures
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
