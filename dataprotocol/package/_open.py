"""``open_package``: the grantee's side -- decide, verify, unwrap, decrypt.

Steps, each of which raises rather than returning something partial:
1. the manifest's signature is verified against the publisher in its dataset card;
2. the grant's signature is verified against that same publisher, and the grant must
   pin this exact manifest id (an older manifest put back is an ``IntegrityError``);
3. the publisher's current revocation list is fetched from where the grant (else the
   manifest) says it lives and must verify and be current (``_revocation_check``);
4. the policy engine decides the request (``action``, ``purpose``, shards) -- denied
   raises ``PolicyDenied`` with every reason;
5. the shard keys are unwrapped with the grantee's X25519 key (opaque
   ``DecryptionError`` on any failure);
6. every shard the handle will read is hashed and compared with the manifest before
   anything is decrypted; reads then authenticate every segment (see ``_read``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dataprotocol._files import parse_json, read_bytes
from dataprotocol.errors import InputError, IntegrityError, PolicyDenied, SignatureError
from dataprotocol.keys import KeyPair
from dataprotocol.package._hf import (
    ReopenSpec,
    encode_categories,
    info_for,
    iterable_dataset,
    key_path_of,
    reopen_location,
)
from dataprotocol.package._manifest import Manifest, load_manifest
from dataprotocol.package._read import check_shards, iter_shard_batches, read_shard
from dataprotocol.package._revocation_check import RevocationStatus, current_revocations
from dataprotocol.package._storage import MANIFEST_NAME, Location, locate
from dataprotocol.package._wrap import check_wrap_scheme, unwrap_key, wrap_context
from dataprotocol.policy import DatasetCard, Decision, Grant, Request, decide, verify_grant

if TYPE_CHECKING:
    import datasets
    import pandas as pd

__all__ = ["open_package", "PackageHandle", "load_grant_document"]

WRAPPED_KEYS = "wrapped_keys"


class PackageHandle:
    """Read access to the granted shards of one package (after every check passed)."""

    def __init__(self, *, location: Location, manifest: Manifest, decision: Decision,
                 keys: dict[int, bytes], revocations: RevocationStatus | None = None,
                 reopen: ReopenSpec | None = None) -> None:
        self._location = location
        self.manifest = manifest
        self.decision = decision
        self._keys = keys
        #: what the revocation check found ("current", or "override" when unsafe)
        self.revocations = revocations
        self._reopen = reopen

    @property
    def location(self) -> str:
        """Where the package is (path or URL), as given to ``open_package``."""
        return self._location.display

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickling re-opens from paths in the receiving process (every check runs again);
        the decrypted shard keys and the key pair never travel."""
        if self._reopen is None:
            raise TypeError("this package handle was opened with a KeyPair object; open it with "
                            "key='path/to/grantee.key' to use it in worker processes")
        return (_reopen_handle, (self._reopen,))

    @property
    def card(self) -> DatasetCard:
        return self.manifest.card

    @property
    def shards(self) -> tuple[int, ...]:
        return tuple(sorted(self._keys))

    @property
    def num_rows(self) -> int:
        return sum(self.manifest.shard(i).rows for i in self.shards)

    def to_arrow(self, *, columns: Sequence[str] | None = None) -> pa.Table:
        tables = [read_shard(self._location, self.manifest, i, self._keys[i], columns=columns)
                  for i in self.shards]
        return pa.concat_tables(tables) if tables else pa.table({})

    def to_pandas(self, *, columns: Sequence[str] | None = None) -> pd.DataFrame:
        return self.to_arrow(columns=columns).to_pandas()

    def to_dataset(self, *, columns: Sequence[str] | None = None) -> datasets.Dataset:
        """A Hugging Face ``datasets.Dataset`` (in memory) of the granted rows: columns the
        card declares categorical are ``ClassLabel``; ``ds.info`` comes from the card."""
        import datasets

        table, features = encode_categories(self.to_arrow(columns=columns).replace_schema_metadata(None),
                                            self.card, source=self._location.display)
        return datasets.Dataset(table, info=info_for(self.card, features))

    def to_iterable_dataset(self, *, batch_size: int = 1024) -> datasets.IterableDataset:
        """A streaming ``datasets.IterableDataset``; with a DataLoader's ``num_workers`` each
        worker re-opens the package for its own shards (open with ``key=PATH`` for that)."""
        if self._reopen is None:
            raise InputError("streaming to worker processes needs the key as a file path",
                             field="key", expected="open_package(..., key='path/to/grantee.key')")
        import pyarrow.ipc as ipc

        from dataprotocol.keys import b64d

        schema = ipc.read_schema(pa.py_buffer(b64d(self.manifest.schema["arrow_ipc"])))
        return iterable_dataset(self._reopen, schema=schema, card=self.card, batch_size=batch_size)

    def iter_record_batches(self, *, batch_size: int = 65_536,
                            columns: Sequence[str] | None = None) -> Iterator[pa.RecordBatch]:
        """Stream Arrow record batches, shard by shard, with flat memory."""
        for index in self.shards:
            yield from iter_shard_batches(self._location, self.manifest, index, self._keys[index],
                                          batch_size=batch_size, columns=columns)

    def iter_batches(self, *, batch_size: int = 65_536,
                     columns: Sequence[str] | None = None) -> Iterator[pd.DataFrame]:
        """Stream pandas DataFrames of at most ``batch_size`` rows."""
        for batch in self.iter_record_batches(batch_size=batch_size, columns=columns):
            yield batch.to_pandas()

    def __repr__(self) -> str:
        return (f"PackageHandle({self.card.dataset_id!r} v{self.card.version}, "
                f"shards={list(self.shards)}, rows={self.num_rows})")


def load_grant_document(grant: dict[str, Any] | str | Path) -> dict[str, Any]:
    """A grant as given: a parsed document, or a JSON file (a corrupt file is an IntegrityError)."""
    if isinstance(grant, dict):
        return grant
    path = Path(grant)
    raw = read_bytes(path, what="grant file")  # regular file, bounded
    try:
        document = parse_json(raw, source=path, what="grant")
    except InputError as exc:
        raise IntegrityError(f"{path}: grant is not valid JSON (corrupted?): {exc.detail}") from exc
    if not isinstance(document, dict):
        raise IntegrityError(f"{path}: grant is not a signed document")
    return document


def _pinned_grant(document: dict[str, Any], manifest: Manifest, *, source: str,
                  grant_source: str) -> Grant:
    try:
        grant = verify_grant(document, manifest.card.publisher)
    except SignatureError as exc:
        raise SignatureError(f"{grant_source}: grant signature does not verify ({exc})") from exc
    if grant.manifest_id is None or WRAPPED_KEYS not in grant.attachments:
        raise PolicyDenied("grant is not bound to a package", [
            f"grant {grant.grant_id} pins no manifest and carries no shard keys; issue it for "
            "the package (dataprotocol grant issue PKG ...)"])
    if grant.manifest_id != manifest.manifest_id:
        raise IntegrityError(
            f"{_manifest_name(source)}: manifest {manifest.manifest_id} is not the one grant "
            f"{grant.grant_id} was issued for ({grant.manifest_id}): an older or different "
            "manifest was put in place")
    if grant.ledger is not None and (manifest.ledger is None
                                     or not grant.ledger.same_ledger(manifest.ledger)):
        raise IntegrityError(f"grant {grant.grant_id} pins another ledger than the manifest")
    return grant


def _manifest_name(location_display: str) -> str:
    return location_display.rstrip("/") + "/" + MANIFEST_NAME


def _unwrap(grant: Grant, manifest: Manifest, key: KeyPair, shards: Sequence[int]) -> dict[int, bytes]:
    block = grant.attachments[WRAPPED_KEYS]
    check_wrap_scheme(block.get("scheme") if isinstance(block, dict) else None, where=f"grant {grant.grant_id}")
    tokens = block.get("keys", {}) if isinstance(block, dict) else {}
    keys: dict[int, bytes] = {}
    for index in shards:
        token = tokens.get(str(index))
        if not isinstance(token, str):
            raise PolicyDenied("no key for a requested shard",
                               [f"grant {grant.grant_id} carries no key for shard {index}"])
        context = wrap_context(package_id=manifest.package_id, shard=index,
                               recipient_key_id=key.key_id)
        keys[index] = unwrap_key(token, key.encryption_key, context=context,
                                 where=f"key of shard {index} in grant {grant.grant_id}")
    return keys


def _select(manifest: Manifest, grant: Grant, shards: Sequence[int] | None) -> tuple[int, ...]:
    if shards is not None:
        chosen = tuple(sorted(set(int(s) for s in shards)))
    elif grant.shards is not None:
        chosen = tuple(sorted(set(grant.shards)))
    else:
        chosen = tuple(e.index for e in manifest.shards)
    unknown = [s for s in chosen if not 0 <= s < len(manifest.shards)]
    if unknown:
        raise InputError(f"no shard {unknown[0]} in this package", field="shards",
                         expected=f"indices 0..{len(manifest.shards) - 1}")
    return chosen


def open_package(
    package: str | Path,
    *,
    grant: dict[str, Any] | str | Path,
    key: KeyPair | str | Path,
    purpose: str,
    action: str = "read",
    shards: Sequence[int] | None = None,
    revocations: Any = None,
    log_path: str | Path | None = None,
    unsafe_allow_stale_revocations: bool = False,
) -> PackageHandle:
    """Open a data package as a grantee. Raises PolicyDenied, IntegrityError or InputError.

    ``shards`` defaults to every shard the grant covers. ``grant`` is the signed grant
    document or its file; ``key`` the grantee's key pair, or its key file (passphrase from
    ``$DATAPROTOCOL_PASSPHRASE``) -- then the handle pickles, re-opening in the receiver.
    The publisher's revocation list is always fetched from where the grant / manifest
    pins it and must be current; ``unsafe_allow_stale_revocations`` lets a missing or
    stale list through (logged, recorded in ``handle.revocations``). ``revocations``
    (extra lists to honour) and ``log_path`` are passed to
    :func:`dataprotocol.policy.decide`.
    """
    key_path = key_path_of(key)
    if not isinstance(key, KeyPair):
        import os

        from dataprotocol.keys import load_keypair

        key = load_keypair(key, passphrase=os.environ.get("DATAPROTOCOL_PASSPHRASE") or None)
    location = locate(package)
    manifest = load_manifest(location)
    document = load_grant_document(grant)
    grant_source = "grant" if isinstance(grant, dict) else str(grant)
    parsed = _pinned_grant(document, manifest, source=location.display, grant_source=grant_source)
    chosen = _select(manifest, parsed, shards)
    current, status = current_revocations(
        location, manifest, parsed, unsafe_allow_stale_revocations=unsafe_allow_stale_revocations)
    extra = [] if revocations is None else (
        list(revocations) if isinstance(revocations, (list, tuple)) else [revocations])
    request = Request(dataset=manifest.card, principal=key.key_id, action=action,
                      purpose=purpose, shards=chosen)
    decision = decide(request, grants=[document],
                      revocations=[*extra, *([current] if current is not None else [])],
                      log_path=log_path).raise_if_denied()
    keys = _unwrap(parsed, manifest, key, chosen)
    check_shards(location, [manifest.shard(index) for index in chosen])
    reopen = None if key_path is None else ReopenSpec(
        package=reopen_location(package), grant=document, key_path=key_path, purpose=purpose, action=action,
        shards=chosen, revocations=revocations,
        unsafe_allow_stale_revocations=unsafe_allow_stale_revocations)
    return PackageHandle(location=location, manifest=manifest, decision=decision, keys=keys,
                         revocations=status, reopen=reopen)


def _reopen_handle(spec: ReopenSpec) -> PackageHandle:
    handle: PackageHandle = spec.open()
    return handle
