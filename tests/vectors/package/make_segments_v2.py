"""Regenerate the format-2 segment digest vectors in shard-digest-v2.json.

    PYTHONPATH=. .venv/bin/python tests/vectors/package/make_segments_v2.py

Adds, for each stream-v1 ciphertext, the BLAKE3 of each stored segment (ciphertext and
tag, cut at HEADER + i * (segment_size + 16)) and the commitment
BLAKE3(header || d_0 || ... || d_n-1), and the ``segments`` block of the format-2 entry.
It cuts the ciphertext itself (no StreamWriter), so the vectors are the format's, not
the writer's. Other fields are left as they are; a change here is a format break.
"""

from __future__ import annotations

import json
from pathlib import Path

import blake3

from dataprotocol.package._manifest import shard_context
from dataprotocol.package._stream import encrypt_bytes

HERE = Path(__file__).resolve().parent
HEADER = 16


def _pattern(n: int) -> bytes:
    return bytes((i * 7 + 3) % 256 for i in range(n))


def main() -> None:
    stream = json.loads((HERE / "stream-v1.json").read_text(encoding="utf-8"))["stream"]
    path = HERE / "shard-digest-v2.json"
    vectors = json.loads(path.read_text(encoding="utf-8"))
    key, prefix = bytes.fromhex(stream["key_hex"]), bytes.fromhex(stream["nonce_prefix_hex"])
    cseg = stream["segment_size"] + 16
    commitments = {}
    for case in vectors["shards"]:
        length = next(c["plaintext_length"] for c in stream["cases"] if c["name"] == case["name"])
        ours = encrypt_bytes(_pattern(length), key, context=shard_context(**stream["context"]),
                             segment_size=stream["segment_size"], unsafe_nonce_prefix=prefix)
        pieces = [ours[i : i + cseg] for i in range(HEADER, len(ours), cseg)]
        digests = [blake3.blake3(piece).digest() for piece in pieces]
        case["segment_blake3"] = [d.hex() for d in digests]
        case["segments_blake3"] = blake3.blake3(ours[:HEADER] + b"".join(digests)).hexdigest()
        commitments[case["name"]] = case["segments_blake3"]
    note = (" segment_blake3: BLAKE3 of each stored segment (ciphertext and tag); segments_blake3:"
            " BLAKE3(header || those digests), what a format-2 entry signs under segments.blake3"
            " (regenerate with make_segments_v2.py).")
    if note not in vectors["description"]:
        vectors["description"] += note
    entry = vectors["entries"]["format_2"]
    entry["segments"] = {"path": entry["path"].removesuffix(".dps") + ".segs",
                         "blake3": commitments[vectors["entries"]["ciphertext_of"]]}
    path.write_text(json.dumps(vectors, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
