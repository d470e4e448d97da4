"""Which ledger this is: the publisher's genesis entry and the heads it vouches for.

A dataset's ledger starts with a *genesis* entry (seq 1) holding a document the
dataset's publisher signed: the ledger id, the dataset id, its (epsilon, delta) cap and
the publisher's key id. Manifests and grants pin that identity, so a spender can tell
the dataset's ledger from any other file -- a fresh one starts from a full budget.
Later the publisher can vouch for a *head* (seq + entry hash): a signed checkpoint,
kept outside the ledger too, that makes truncating or forking the chain below it
visible (the chain alone cannot: whoever can write the file can rebuild it).

This layer stores those documents as opaque JSON and reads the unsigned fields it
needs; it never verifies a signature (no ``keys`` here). ``dataprotocol.records``
signs and verifies them (``create_dataset_ledger``, ``open_dataset_ledger``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from dataprotocol.errors import InputError, IntegrityError

__all__ = ["GENESIS_TYPE", "HEAD_TYPE", "LedgerIdentity", "ChainHead", "genesis_fields",
           "head_fields", "as_anchor"]

GENESIS_TYPE = "dataprotocol-ledger-genesis/1"
HEAD_TYPE = "dataprotocol-ledger-head/1"
_LEDGER_ID = re.compile(r"^ledger-[0-9a-f]{32}$")
_HASH = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class ChainHead:
    """A position in the chain: entry ``seq`` has hash ``entry_hash``."""

    seq: int
    entry_hash: str

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "entry_hash": self.entry_hash}


@dataclass(frozen=True)
class LedgerIdentity:
    """The ledger's genesis, as recorded (its signature is checked by ``records``)."""

    ledger_id: str
    dataset_id: str
    epsilon_cap: float
    delta_cap: float
    publisher_key_id: str
    #: entry_hash of the genesis entry (seq 1): pins the exact genesis
    genesis_hash: str
    #: the signed genesis envelope, as the publisher wrote it
    genesis: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"ledger_id": self.ledger_id, "dataset_id": self.dataset_id,
                "epsilon_cap": self.epsilon_cap, "delta_cap": self.delta_cap,
                "publisher_key_id": self.publisher_key_id, "genesis_hash": self.genesis_hash}


def _payload(document: Any, doc_type: str) -> Mapping[str, Any]:
    if not isinstance(document, Mapping) or document.get("type") != doc_type:
        raise ValueError(f"not a {doc_type} document")
    payload = document.get("payload")
    if not isinstance(payload, Mapping) or not isinstance(document.get("signature"), Mapping):
        raise ValueError("not a signed envelope (payload, signature)")
    if payload.get("format") != 1:
        raise ValueError(f"unsupported format {payload.get('format')!r}")
    return payload


def _text(payload: Mapping[str, Any], key: str) -> str:
    value = payload.get(key)
    if not isinstance(value, str) or not value.strip() or len(value) > 256:
        raise ValueError(f"{key} must be a non-empty string")
    return value


def genesis_fields(document: Any, *, where: str = "genesis") -> dict[str, Any]:
    """The fields budget needs from a genesis envelope; InputError if malformed."""
    try:
        payload = _payload(document, GENESIS_TYPE)
        ledger_id = _text(payload, "ledger_id")
        if not _LEDGER_ID.match(ledger_id):
            raise ValueError("ledger_id must be 'ledger-' followed by 32 hex digits")
        eps, delta = payload.get("epsilon_cap"), payload.get("delta_cap")
        for name, value in (("epsilon_cap", eps), ("delta_cap", delta)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) \
                    or not math.isfinite(value) or value <= 0:
                raise ValueError(f"{name} must be a finite number > 0")
        if float(delta) >= 1:  # type: ignore[arg-type]
            raise ValueError("delta_cap must be < 1")
        return {"ledger_id": ledger_id, "dataset_id": _text(payload, "dataset_id"),
                "epsilon_cap": float(eps), "delta_cap": float(delta),  # type: ignore[arg-type]
                "publisher_key_id": _text(payload, "publisher_key_id")}
    except ValueError as exc:
        raise InputError(f"malformed ledger genesis: {exc}", field=where,
                         expected=f"a signed {GENESIS_TYPE} document "
                                  "(records.create_dataset_ledger)") from exc


def head_fields(document: Any, *, where: str = "head") -> tuple[str, ChainHead]:
    """(ledger_id, vouched head) of a head envelope; InputError if malformed."""
    try:
        payload = _payload(document, HEAD_TYPE)
        seq = payload.get("seq")
        if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
            raise ValueError("seq must be an integer >= 1")
        digest = _text(payload, "entry_hash")
        if not _HASH.match(digest):
            raise ValueError("entry_hash must be 64 lower-case hex digits")
        return _text(payload, "ledger_id"), ChainHead(seq=seq, entry_hash=digest)
    except ValueError as exc:
        raise InputError(f"malformed ledger head: {exc}", field=where,
                         expected=f"a signed {HEAD_TYPE} document (records.vouch_ledger_head)"
                         ) from exc


def as_anchor(value: ChainHead | Mapping[str, Any] | tuple[int, str]) -> ChainHead:
    """A ChainHead from a ChainHead, ``{"seq", "entry_hash"}`` or ``(seq, entry_hash)``."""
    if isinstance(value, ChainHead):
        return value
    if isinstance(value, Mapping):
        seq, digest = value.get("seq"), value.get("entry_hash")
    else:
        seq, digest = value
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1 \
            or not isinstance(digest, str) or not _HASH.match(digest):
        raise InputError("a chain anchor needs seq >= 1 and a 64-hex entry_hash",
                         field="anchors")
    return ChainHead(seq=seq, entry_hash=digest)


def check_anchors(chain: list[Any], anchors: Iterable[ChainHead]) -> None:
    """Every anchor (a vouched head, a card's entry) must be in ``chain`` as recorded.

    A chain shorter than an anchor was truncated; a different hash at the anchor's seq
    means the history was rewritten or this is a fork (a copy that went its own way).
    """
    for anchor in anchors:
        if anchor.seq > len(chain):
            raise IntegrityError(f"ledger ends at seq {len(chain)} but an anchor vouches for "
                                 f"seq {anchor.seq}: entries were removed (truncated)")
        found = chain[anchor.seq - 1].entry_hash
        if found != anchor.entry_hash:
            raise IntegrityError(f"ledger entry seq={anchor.seq} has hash {found[:16]}..., the "
                                 f"anchor says {anchor.entry_hash[:16]}...: the history was "
                                 "rewritten, or this is a fork of the dataset's ledger")
