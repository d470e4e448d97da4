"""Audit checks that the ledger is the dataset's own, and that it was not cut or forked.

``ledger-identity``: the genesis is signed by the dataset's publisher -- pinned with
``publisher`` (``budget audit --publisher``), else the identity the genesis embeds,
which must then be the publisher the card records (and the package's, when given):
a ledger somebody else created, with its own key, fails. The card's ledger id must be
this ledger's.

``ledger-anchors``: the entry the card names (seq + entry hash) and every head the
publisher vouched for (``budget vouch``) must be in this chain as recorded. A run
spent only in a copy of the ledger is not in the publisher's chain; a copy shown to
the auditor disagrees with the publisher's vouched head after the fork; a ledger
truncated below a head or below a card's entry is shorter than the anchor.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dataprotocol.budget import ChainHead
from dataprotocol.errors import DataProtocolError
from dataprotocol.keys import PublicIdentity
from dataprotocol.records._audit_check import Check
from dataprotocol.records._ledger_identity import verify_ledger_genesis, verify_ledger_head

if TYPE_CHECKING:
    from dataprotocol.budget import Ledger, LedgerIdentity
    from dataprotocol.records._privacy import PrivacyRecord

__all__ = ["check_ledger_identity", "check_ledger_anchors"]


def _genesis_signer(identity: LedgerIdentity, pinned: PublicIdentity | None) -> PublicIdentity:
    if pinned is not None:
        return pinned
    return PublicIdentity.from_dict(identity.genesis["payload"].get("publisher"),
                                    source="ledger genesis publisher")


def check_ledger_identity(ledger: Ledger, record: PrivacyRecord, *,
                          publisher: PublicIdentity | None = None,
                          manifest: Any = None) -> tuple[Check, PublicIdentity | None]:
    try:
        identity = ledger.identity()
        signer = _genesis_signer(identity, publisher)
        verify_ledger_genesis(identity, signer)
    except DataProtocolError as exc:
        return Check("ledger-identity", False, f"the ledger's genesis is not the dataset "
                     f"publisher's: {exc}"), None
    data, card_ledger = record.data[0], record.ledger
    problems = []
    expected = {"the card's dataset publisher": data.publisher_key_id,
                "the package's publisher": manifest.card.publisher_key_id if manifest else None}
    problems += [f"the genesis is signed by {signer.key_id}, not by {who} {key_id}"
                 for who, key_id in expected.items() if key_id and key_id != signer.key_id]
    if identity.dataset_id != data.dataset_id:
        problems.append(f"the ledger is for dataset {identity.dataset_id}, the card's is "
                        f"{data.dataset_id}")
    pins = {"the card": card_ledger.ledger_id if card_ledger is not None else None,
            "the package's manifest": manifest.ledger.ledger_id
            if manifest is not None and manifest.ledger is not None else None}
    problems += [f"{who} pins ledger {pinned_id}, this is {identity.ledger_id}"
                 for who, pinned_id in pins.items() if pinned_id and pinned_id != identity.ledger_id]
    if problems:
        return Check("ledger-identity", False, "; ".join(problems)), signer
    how = "the pinned publisher key" if publisher is not None else (
        "the identity its genesis embeds (self-asserted: pin it with --publisher)")
    return Check("ledger-identity", True, f"ledger {identity.ledger_id} of {identity.dataset_id} "
                 f"was created by {signer.key_id}, checked against {how}"), signer


def check_ledger_anchors(ledger: Ledger, record: PrivacyRecord, *,
                         signer: PublicIdentity | None,
                         heads: Sequence[Any] = ()) -> Check:
    card = record.ledger
    anchors: list[ChainHead] = []
    if card is not None and card.seq is not None and card.entry_hash is not None:
        anchors.append(ChainHead(seq=card.seq, entry_hash=card.entry_hash))
    try:
        if heads and signer is None:
            return Check("ledger-anchors", False, "cannot check vouched heads: the ledger's "
                         "publisher is unknown (see ledger-identity)")
        ledger_id = ledger.identity().ledger_id
        for document in heads:
            anchors.append(verify_ledger_head(document, signer, ledger_id=ledger_id))  # type: ignore[arg-type]
        ledger.verify_chain(anchors=anchors)
    except DataProtocolError as exc:
        return Check("ledger-anchors", False, str(exc))
    if not anchors:
        return Check("ledger-anchors", True, "no anchors to check (card names no seq; no "
                     "vouched head given: pass --head to detect truncation and forks)")
    return Check("ledger-anchors", True, f"{len(anchors)} anchor(s) in the chain as recorded "
                 f"(card entry{' and ' + str(len(heads)) + ' vouched head(s)' if heads else ''})")
