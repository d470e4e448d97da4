"""A dataset's ledger for tests: created the only way there is, with a genesis signed by
the dataset's publisher (a real Ed25519 key)."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from dataprotocol.budget import LEDGER_GENESIS_TYPE, Ledger
from dataprotocol.keys import KeyPair, generate_keypair, sign_document


@functools.lru_cache(maxsize=1)
def publisher_key() -> KeyPair:
    return generate_keypair("test-publisher")


def genesis_document(*, dataset_id: str = "ds", epsilon_cap: float = 8.0,
                     delta_cap: float = 1e-5, publisher: KeyPair | None = None,
                     ledger_id: str | None = None) -> dict[str, Any]:
    key = publisher or publisher_key()
    return sign_document(LEDGER_GENESIS_TYPE, {
        "format": 1, "ledger_id": ledger_id or "ledger-" + os.urandom(16).hex(),
        "dataset_id": dataset_id, "epsilon_cap": epsilon_cap, "delta_cap": delta_cap,
        "publisher_key_id": key.key_id, "publisher": key.public_document(),
        "created_at": "2026-12-01T00:00:00Z"}, key)


def make_ledger(path: str | Path, *, dataset_id: str = "ds", epsilon_cap: float = 8.0,
                delta_cap: float = 1e-5, publisher: KeyPair | None = None) -> Ledger:
    return Ledger.create(path, genesis=genesis_document(
        dataset_id=dataset_id, epsilon_cap=epsilon_cap, delta_cap=delta_cap,
        publisher=publisher))


def pinned_ledger(path: str | Path, *, card: Any, publisher: KeyPair, package: str | Path) -> Any:
    """The ``LedgerPin`` a test package pins: its ledger at ``path``, created by the card's
    publisher (what ``publish --ledger`` does)."""
    from dataprotocol.records import pin_dataset_ledger

    return pin_dataset_ledger(str(path), card=card, publisher=publisher, package=package)[0]


def runs(ledger: Ledger) -> list[Any]:
    """The ledger's run entries (the genesis and vouched heads are the publisher's)."""
    return [e for e in ledger.entries() if e.is_run]
