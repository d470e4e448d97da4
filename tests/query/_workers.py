"""Process entry point for the concurrency test (module-level so 'spawn' can import it)."""

from __future__ import annotations

import json
import os
from pathlib import Path


def query_worker(args: tuple[str, str, str, str, int]) -> list[str]:
    """Run ``n`` single count queries; return 'ok' / 'refused' per attempt."""
    from dataprotocol.errors import BudgetExceeded
    from dataprotocol.keys import load_keypair
    from dataprotocol.query import query_package

    package, grant_path, key_path, ledger, n = args
    key = load_keypair(key_path)
    grant = json.loads(Path(grant_path).read_text())
    out = []
    for i in range(n):
        try:
            query_package(package, grant=grant, key=key, purpose="health-research",
                          queries=["count"], epsilon=0.5, ledger=ledger,
                          record=Path(ledger).parent / f"release-{os.getpid()}-{i}.json")
            out.append("ok")
        except BudgetExceeded:
            out.append("refused")
    return out
