"""What a manifest and a grant pin besides the data: the dataset's ledger and where the
publisher's revocation list lives.

Both are publisher-signed (inside the manifest and the grant payloads), so a spender
can tell the dataset's ledger from any other file, and a reader knows which list to
check and where to fetch it -- neither is the reader's choice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dataprotocol.errors import InputError

__all__ = ["LedgerPin", "RevocationsRef"]

_LEDGER_ID = re.compile(r"^ledger-[0-9a-f]{32}$")
_HASH = re.compile(r"^[0-9a-f]{64}$")


def _text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip() or len(value) > 2048:
        raise InputError(f"{key} must be a non-empty string", field=f"{where}.{key}")
    return value


@dataclass(frozen=True)
class LedgerPin:
    """The dataset's ledger: its identity (from the publisher's signed genesis) and
    ``location`` -- a string the budget store resolves: a path relative to the package
    folder, an absolute path, ``sqlite:///...`` or a database URL."""

    ledger_id: str
    genesis_hash: str
    publisher_key_id: str
    location: str

    def to_dict(self) -> dict[str, Any]:
        return {"ledger_id": self.ledger_id, "genesis_hash": self.genesis_hash,
                "publisher_key_id": self.publisher_key_id, "location": self.location}

    @classmethod
    def from_dict(cls, data: Any, *, where: str = "ledger") -> LedgerPin:
        if not isinstance(data, Mapping) or set(data) != {"ledger_id", "genesis_hash",
                                                          "publisher_key_id", "location"}:
            raise InputError("malformed ledger pin", field=where,
                             expected="an object with ledger_id, genesis_hash, "
                                      "publisher_key_id, location")
        ref = cls(ledger_id=_text(data, "ledger_id", where),
                  genesis_hash=_text(data, "genesis_hash", where),
                  publisher_key_id=_text(data, "publisher_key_id", where),
                  location=_text(data, "location", where))
        if not _LEDGER_ID.match(ref.ledger_id) or not _HASH.match(ref.genesis_hash):
            raise InputError("malformed ledger pin", field=where,
                             expected="ledger_id 'ledger-' + 32 hex, genesis_hash 64 hex")
        return ref

    def same_ledger(self, other: LedgerPin) -> bool:
        """Same identity (the location may differ: a grant may point elsewhere)."""
        return (self.ledger_id, self.genesis_hash, self.publisher_key_id) == \
            (other.ledger_id, other.genesis_hash, other.publisher_key_id)


@dataclass(frozen=True)
class RevocationsRef:
    """Where the publisher's current signed revocation list lives: a path relative to
    the package folder, or an fsspec URL."""

    location: str

    def to_dict(self) -> dict[str, Any]:
        return {"location": self.location}

    @classmethod
    def from_dict(cls, data: Any, *, where: str = "revocations") -> RevocationsRef:
        if not isinstance(data, Mapping) or set(data) != {"location"}:
            raise InputError("malformed revocation-list pin", field=where,
                             expected="an object with location")
        return cls(location=_text(data, "location", where))
