"""Per-segment ciphertext digests: what lets a reader check every byte as it reads it.

Manifest format 2 commits, for each shard, to the list of BLAKE3 digests of its
segments' ciphertexts (each segment ``ciphertext_i || tag``, exactly as stored). The list
itself lives in a small sidecar object next to the shard (``shards/shard-00000.segs``:
the digests concatenated, 32 bytes each, in segment order); the signed manifest records
``segments.blake3 = BLAKE3(stream header (16 bytes) || d_0 || ... || d_{n-1})``.

Why: AES-GCM authenticates a segment only against the shard's data key, and every
grantee of that shard holds the key -- one of them who can also write the storage could
replace the file, after ``open_package`` checked it, by another validly encrypted
stream. A reader with the list hashes each segment it loads and compares before
decrypting it, so every plaintext byte it returns is what the publisher signed *at the
moment it is read*. The header is in the commitment (its nonce prefix and segment size
are chosen by whoever encrypts); the number and order of segments are fixed by the list,
and the ciphertext size by the manifest, so truncation, extension and reordering fail.

Why a sidecar and not the manifest: the list is 32 bytes per MiB of data (64 hex
characters in JSON): 1 GiB of shards adds ~66 KiB to the manifest that every open parses
and canonicalises to verify the signature, so a 1 TB dataset would carry a ~66 MB
manifest. The sidecar is fetched only for the shards a reader reads (one small GET on
an object store). Why not a trailer in the shard: the stream format (``stream/1``, its
known-answer vectors, and the reader's end-of-stream rule from the ciphertext length)
stays as it is.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

import blake3

from dataprotocol.errors import DecryptionError, InputError, IntegrityError
from dataprotocol.package._storage import Location

__all__ = ["DIGEST_SIZE", "SegmentList", "segment_digest", "segments_commitment",
           "sidecar_path", "load_segment_list"]

DIGEST_SIZE = 32
_SUFFIX = ".segs"


def segment_digest(sealed: bytes | bytearray | memoryview) -> bytes:
    """BLAKE3 (32 bytes) of one stored segment (ciphertext and tag)."""
    return blake3.blake3(sealed).digest()


def segments_commitment(header: bytes | bytearray | memoryview, digests: bytes | bytearray) -> str:
    """What the manifest records: hex BLAKE3 of the stream header and the digest list."""
    hasher = blake3.blake3(header)
    hasher.update(digests)
    return hasher.hexdigest()


def sidecar_path(shard_path: str) -> str:
    """``shards/shard-00000.dps`` -> ``shards/shard-00000.segs``."""
    stem = shard_path[: -len(".dps")] if shard_path.endswith(".dps") else shard_path
    return stem + _SUFFIX


@dataclass(frozen=True)
class SegmentList:
    """A shard's digest list as fetched, and the commitment the signed manifest makes to it.

    Nothing in it is trusted until :meth:`check_header` has matched it (with the header
    the reader actually uses) against ``commitment``.
    """

    digests: bytes
    commitment: str

    @property
    def count(self) -> int:
        return len(self.digests) // DIGEST_SIZE

    def matches(self, header: bytes | bytearray | memoryview, *, count: int) -> bool:
        """Whether this list, with ``header``, is the one signed, and has ``count`` segments."""
        if len(self.digests) != count * DIGEST_SIZE:
            return False
        return hmac.compare_digest(segments_commitment(header, self.digests), self.commitment)

    def check_segment(self, index: int, sealed: bytes | bytearray | memoryview, *,
                      where: str | None) -> None:
        """Raise the opaque :class:`DecryptionError` unless ``sealed`` is segment ``index`` as signed."""
        expected = self.digests[index * DIGEST_SIZE : (index + 1) * DIGEST_SIZE]
        if len(expected) != DIGEST_SIZE or not hmac.compare_digest(segment_digest(sealed), expected):
            raise DecryptionError(where)


def load_segment_list(location: Location, *, path: str, commitment: str, ciphertext_size: int) -> SegmentList:
    """Fetch a shard's sidecar (bounded by what its ciphertext size allows); a missing one
    is an ``IntegrityError`` naming it. The list is checked by its user, with the header."""
    limit = DIGEST_SIZE * (ciphertext_size // (64 * 1024) + 2)  # >= segments at the smallest size
    try:
        data = location.read_bytes(path, limit=limit)
    except FileNotFoundError as exc:
        raise IntegrityError(f"{location.name(path)}: segment digest list is missing") from exc
    except InputError as exc:  # too large, or not a regular file: not what was published
        raise IntegrityError(f"{location.name(path)}: segment digest list does not match the "
                             f"manifest ({exc.detail})") from exc
    return SegmentList(digests=bytes(data), commitment=commitment)
