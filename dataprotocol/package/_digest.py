"""The keyless digest the signed manifest records for each shard's ciphertext.

Manifest format 1 records SHA-256; format 2 records BLAKE3 (256-bit output), which is
~2.6x faster here (4.4 vs 1.7 GB/s on one core) -- and the digest is computed over
every byte of every shard twice in a package's life (at publish, and at every open).
BLAKE3 (O'Connor, Aumasson, Neves, Wilcox-O'Hearn, 2020) keeps 128-bit collision and
256-bit preimage security, the same as SHA-256, so what the digest guarantees is
unchanged: a shard file that differs by any byte from what the publisher signed is
refused before decryption, even by someone who holds the shard's data key.

SHA-256 is still what Croissant and the Hugging Face Hub ask for: ``export_croissant``
computes it, in the same pass that checks the manifest's BLAKE3 (``_read.check_shard``).
"""

from __future__ import annotations

import hashlib
from typing import Protocol

import blake3

__all__ = ["SHA256", "BLAKE3", "DIGESTS", "Digest", "new_digest"]

SHA256 = "sha256"
BLAKE3 = "blake3"
DIGESTS = (SHA256, BLAKE3)


class Digest(Protocol):
    """What both hashlib and blake3 objects provide (both release the GIL on large updates)."""

    def update(self, data: bytes | bytearray | memoryview, /) -> object: ...

    def hexdigest(self) -> str: ...


def new_digest(algorithm: str) -> Digest:
    """A fresh hash object for ``algorithm`` (one of :data:`DIGESTS`)."""
    if algorithm == BLAKE3:
        return blake3.blake3()
    if algorithm == SHA256:
        return hashlib.sha256()
    raise ValueError(f"unknown shard digest {algorithm!r} (expected one of {', '.join(DIGESTS)})")
