"""The dataset's ledger, and only it: the publisher's signed genesis and vouched heads.

The budget layer stores these documents without checking signatures (it has no keys);
this module signs them and checks them:

* :func:`create_dataset_ledger` -- the publisher creates the dataset's ledger with a
  signed genesis (ledger id, dataset id, cap, publisher key id) and gets the
  :class:`~dataprotocol.policy.LedgerPin` that manifests and grants pin.
* :func:`open_dataset_ledger` -- the one way a spender (train, query) gets its ledger:
  it opens an existing file (never creates one), verifies the genesis signature
  against the dataset's publisher and compares the identity with the pin. Any other
  ledger -- a fresh file, another publisher's, another dataset's -- is refused with a
  reason, before anything is spent.
* :func:`vouch_ledger_head` -- the publisher signs "I have seen this ledger up to entry
  seq with this hash". Kept outside the ledger (and appended to it), a vouched head
  makes truncation and forks visible: a copy that recorded runs of its own disagrees
  with the publisher's chain at the first seq after the fork.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from dataprotocol.budget import (
    LEDGER_GENESIS_TYPE,
    LEDGER_HEAD_TYPE,
    ChainHead,
    Ledger,
    LedgerIdentity,
    resolve_location,
)
from dataprotocol.errors import DataProtocolError, InputError, PolicyDenied, SignatureError
from dataprotocol.keys import KeyPair, PublicIdentity, sign_document, verify_document
from dataprotocol.policy import DatasetCard, LedgerPin

__all__ = ["create_dataset_ledger", "open_dataset_ledger", "vouch_ledger_head",
           "verify_ledger_genesis", "verify_ledger_head", "resolve_ledger_location",
           "ledger_ref_of", "pin_dataset_ledger"]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def resolve_ledger_location(location: str, *, base: str | Path | None = None) -> str | Path:
    """A pinned location as the store opens it: a relative path is taken relative to
    ``base`` (the package folder); absolute paths and URLs are used as they are."""
    if "://" in location or base is None or Path(location).is_absolute():
        return location
    if "://" in str(base):
        raise InputError("a ledger location relative to a remote package cannot be opened",
                         field="ledger.location",
                         expected="an absolute path or a database URL for remote packages")
    return Path(base) / location


def _signed_genesis(publisher: KeyPair, card: DatasetCard) -> dict[str, Any]:
    payload = {"format": 1, "ledger_id": "ledger-" + os.urandom(16).hex(),
               "dataset_id": card.dataset_id, "epsilon_cap": card.budget_epsilon,
               "delta_cap": card.budget_delta, "publisher_key_id": publisher.key_id,
               "publisher": publisher.public_document(), "created_at": _now()}
    return sign_document(LEDGER_GENESIS_TYPE, payload, publisher)


def ledger_ref_of(identity: LedgerIdentity, *, location: str) -> LedgerPin:
    return LedgerPin(ledger_id=identity.ledger_id, genesis_hash=identity.genesis_hash,
                     publisher_key_id=identity.publisher_key_id, location=location)


def create_dataset_ledger(location: str, *, card: DatasetCard, publisher: KeyPair,
                          base: str | Path | None = None) -> tuple[Ledger, LedgerPin]:
    """Create the dataset's ledger at ``location`` (relative to ``base`` if given).

    Only the card's publisher can: the genesis is signed with its key. Refuses an
    existing file (a ledger is never replaced) and a missing folder.
    """
    if publisher.key_id != card.publisher_key_id:
        raise InputError(f"the key {publisher.key_id} is not the card's publisher "
                         f"({card.publisher_key_id})", field="publisher",
                         expected="the dataset publisher's private key")
    path = resolve_ledger_location(location, base=base)
    ledger = Ledger.create(path, genesis=_signed_genesis(publisher, card))
    return ledger, ledger_ref_of(ledger.identity(), location=location)


def verify_ledger_genesis(identity: LedgerIdentity, publisher: PublicIdentity) -> None:
    """The genesis is signed by ``publisher`` and names it. Raises SignatureError."""
    payload = verify_document(identity.genesis, publisher, doc_type=LEDGER_GENESIS_TYPE)
    if payload.get("publisher_key_id") != publisher.key_id:
        raise SignatureError("the ledger genesis names another publisher than its signer")


def verify_ledger_head(document: Any, publisher: PublicIdentity, *,
                       ledger_id: str) -> ChainHead:
    """A vouched head of ledger ``ledger_id`` signed by ``publisher``."""
    payload = verify_document(document, publisher, doc_type=LEDGER_HEAD_TYPE)
    if payload.get("ledger_id") != ledger_id:
        raise SignatureError(f"the head vouches for ledger {payload.get('ledger_id')}, "
                             f"not {ledger_id}")
    try:
        return ChainHead(seq=int(payload["seq"]), entry_hash=str(payload["entry_hash"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise SignatureError("malformed ledger head") from exc


def _mismatches(identity: LedgerIdentity, ref: LedgerPin, publisher: PublicIdentity,
                dataset_id: str) -> list[str]:
    reasons = []
    try:
        verify_ledger_genesis(identity, publisher)
    except SignatureError as exc:
        reasons.append(f"ledger-not-publishers: the ledger's genesis is not signed by the "
                       f"dataset's publisher {publisher.key_id} ({exc})")
    if identity.ledger_id != ref.ledger_id or identity.genesis_hash != ref.genesis_hash:
        reasons.append(f"ledger-mismatch: this is ledger {identity.ledger_id}, the dataset's "
                       f"is {ref.ledger_id} (pinned by the signed manifest and grant)")
    if identity.dataset_id != dataset_id:
        reasons.append(f"ledger-wrong-dataset: the ledger is for {identity.dataset_id}, "
                       f"not {dataset_id}")
    if ref.publisher_key_id != publisher.key_id:
        reasons.append(f"ledger-pin-publisher: the pin names publisher {ref.publisher_key_id}, "
                       f"the dataset's is {publisher.key_id}")
    return reasons


def open_dataset_ledger(ref: LedgerPin | None, *, publisher: PublicIdentity, dataset_id: str,
                        base: str | Path | None = None,
                        location: str | Path | None = None) -> Ledger:
    """The dataset's ledger, checked: PolicyDenied (with reasons) for any other ledger.

    ``ref``: the pin from the signed manifest / grant (None: the package pins none).
    ``location`` overrides where to find it (e.g. ``train --ledger``); it must still be
    the pinned ledger. A missing file or folder is an InputError: never created here.
    """
    if ref is None:
        raise PolicyDenied("no ledger to spend from", [
            f"ledger-unpinned: the package of {dataset_id} pins no ledger; its publisher "
            "must create one and republish (dataprotocol publish --ledger ...)"])
    path = location if location is not None else resolve_ledger_location(ref.location,
                                                                          base=base)
    ledger = Ledger(resolve_location(path) if isinstance(path, str) else path)
    try:
        identity = ledger.identity()
    except DataProtocolError as exc:
        raise PolicyDenied(f"cannot use the ledger {ledger.path}",
                           [f"ledger-invalid: {exc}"]) from exc
    reasons = _mismatches(identity, ref, publisher, dataset_id)
    if reasons:
        raise PolicyDenied(f"{ledger.path} is not the dataset's ledger (nothing spent)", reasons)
    return ledger


def vouch_ledger_head(ledger: Ledger, *, publisher: KeyPair) -> dict[str, Any]:
    """Sign the ledger's current head and record it in the chain; return the document.

    Keep the returned document outside the ledger too (publish it, give it to
    auditors): ``budget audit --head`` and ``Ledger.verify_chain(anchors=...)`` then
    detect a ledger truncated below it, or a fork of it.
    """
    identity = ledger.identity()
    try:
        verify_ledger_genesis(identity, publisher.public)
    except SignatureError as exc:
        raise PolicyDenied("only the ledger's publisher can vouch for it",
                           [f"ledger-not-publishers: {exc}"]) from exc
    head = ledger.head()
    document = sign_document(LEDGER_HEAD_TYPE, {
        "format": 1, "ledger_id": identity.ledger_id, "seq": head.seq,
        "entry_hash": head.entry_hash, "vouched_at": _now()}, publisher)
    ledger.record_head(document)
    return document


def _relative_to_package(path: str, package: str | Path) -> str:
    """How the manifest names a local ledger: relative to the package folder, so the
    two can move together; URLs and remote packages keep the location as given."""
    if "://" in path or "://" in str(package):
        return path
    return os.path.relpath(os.path.abspath(path), os.path.abspath(str(package)))


def pin_dataset_ledger(path: str, *, card: DatasetCard, publisher: KeyPair,
                       package: str | Path) -> tuple[LedgerPin, bool]:
    """The pin a new package of ``card`` carries: (ref, created).

    Creates the dataset's ledger at ``path`` if there is none (signed genesis), else
    reuses it -- a new version of a dataset spends from the same ledger -- after
    checking that its genesis is this publisher's, for this dataset and cap.
    """
    location = _relative_to_package(path, package)
    target = resolve_location(path)
    if not isinstance(target, Path) or not target.exists():
        _, ref = create_dataset_ledger(path, card=card, publisher=publisher)
        return LedgerPin(**{**ref.to_dict(), "location": location}), True
    identity = Ledger(target).identity()
    ref = ledger_ref_of(identity, location=location)
    reasons = _mismatches(identity, ref, publisher.public, card.dataset_id)
    if (identity.epsilon_cap, identity.delta_cap) != (card.budget_epsilon, card.budget_delta):
        reasons.append(f"ledger-cap: the ledger's cap is (epsilon={identity.epsilon_cap:g}, "
                       f"delta={identity.delta_cap:g}); the card says (epsilon="
                       f"{card.budget_epsilon:g}, delta={card.budget_delta:g}) -- a cap "
                       "never changes")
    if reasons:
        raise PolicyDenied(f"{target} cannot be this dataset's ledger", reasons)
    return ref, False
