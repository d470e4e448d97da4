#!/usr/bin/env python3
"""Benchmark the data package: stream encryption throughput vs raw AES-GCM, and peak RSS.

Goal (issue 4): on the same bytes, the streaming format (framing, nonces, file I/O)
reaches >= 0.8x the throughput of bare ``AESGCM.encrypt`` calls; peak RSS while
publishing stays flat (< 300 MB) whatever the input size.

    .venv/bin/python benchmarks/bench_package.py                 # 200 MB, ~2 min
    .venv/bin/python benchmarks/bench_package.py --size-mb 1024  # the >= 1 GB run

Part 1 writes a Parquet table of SIZE MB (uncompressed, so its bytes are the shard
plaintext) and times, on those bytes:
  raw encrypt / raw decrypt  AESGCM.encrypt/decrypt on 1 MiB slices already in memory
                             (only the calls are timed: no framing, no I/O)
  framing only               StreamWriter into a null sink, each write timed right after
                             a raw call on the same slice (same contention for both);
                             above 1.0 is possible: the stream seals into reused buffers
                             (encrypt_into), the raw call allocates its output
  stream encrypt             StreamWriter file -> file (framing + reads + writes)
  stream encrypt + BLAKE3    the same, hashing the ciphertext as publish does (manifest
                             format 2); + SHA-256: the format-1 publish path, for comparison
  stream decrypt (seekable)  SegmentReader file -> sink (the iter_batches path)
  open-time check            streaming size + BLAKE3 check of the whole shard (what a
                             format-1 open does, with SHA-256; and verify_package);
                             against BLAKE3 of the bytes in memory (and SHA-256, format 1)
  Parquet over the reader    _read.read_table_from, what read_shard does (to_pandas), against
                             pq.read_table of the plaintext file (issue 14's goal row):
                             format 2 (each segment hashed and checked against the signed
                             list before decryption) and format 1 (no list), interleaved
  open check + Parquet       the whole to_pandas cost per shard: the check, then the read
                             (format 2: size + header + list only; format 1: whole file)
With --components, only the format-2 read path piece by piece (wall and CPU seconds, best
of --repeat, all threads): read_shard's path (PrefetchReader), SegmentReader (the
column-subset path) with and without its two-thread runs, and the floor any checked
read has on this machine (parse + ciphertext read + BLAKE3 + AES-CTR, from the pieces).
Part 2 publishes CSV inputs of SIZE/4 and SIZE MB in child processes and reports each
child's peak RSS (ru_maxrss) and the publish throughput.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dataprotocol.package._digest import BLAKE3, SHA256, new_digest  # noqa: E402
from dataprotocol.package._manifest import ShardEntry  # noqa: E402
from dataprotocol.package._read import check_shard, check_shard_open, read_table_from  # noqa: E402
from dataprotocol.package._segments import SegmentList  # noqa: E402
from dataprotocol.package._storage import locate  # noqa: E402
from dataprotocol.package._stream import StreamWriter  # noqa: E402
from dataprotocol.package._stream_read import PrefetchReader, SegmentReader  # noqa: E402

MB = 1024 * 1024
CONTEXT = b'{"bench":1}'


def _table(rows: int, seed: int) -> pa.Table:
    rng = np.random.default_rng(seed)
    words = rng.integers(0, 2**62, size=(rows, 4), dtype=np.int64)
    text = pa.array([f"{a:x} {b:x} note {c:x} {d:x}" for a, b, c, d in words])
    return pa.table({"id": np.arange(rows, dtype=np.int64) + seed * rows,
                     "value": rng.standard_normal(rows), "note": text})


def write_parquet(path: Path, size_mb: int) -> int:
    """An uncompressed Parquet file of about ``size_mb`` MiB, written batch by batch."""
    with pq.ParquetWriter(path, _table(1, 0).schema, compression="none") as writer:
        seed = 0
        while path.stat().st_size < size_mb * MB:
            writer.write_table(_table(200_000, seed))
            seed += 1
    return path.stat().st_size


def write_csv(path: Path, size_mb: int) -> int:
    import pyarrow.csv as pa_csv

    with open(path, "wb") as sink:
        writer, seed = None, 0
        while sink.tell() < size_mb * MB:
            table = _table(200_000, seed)
            writer = writer or pa_csv.CSVWriter(sink, table.schema)
            writer.write_table(table)
            seed += 1
        if writer is not None:
            writer.close()
    return path.stat().st_size


def raw_aesgcm(path: Path, seg: int) -> tuple[float, float]:
    """Seconds spent in bare AESGCM.encrypt and .decrypt calls over the file's bytes."""
    aead, nonce = AESGCM(AESGCM.generate_key(bit_length=256)), os.urandom(12)
    enc = dec = 0.0
    with open(path, "rb") as handle:
        while chunk := handle.read(seg):
            t0 = time.perf_counter()
            sealed = aead.encrypt(nonce, chunk, CONTEXT)
            t1 = time.perf_counter()
            aead.decrypt(nonce, sealed, CONTEXT)
            t2 = time.perf_counter()
            enc, dec = enc + t1 - t0, dec + t2 - t1
    return enc, dec


def stream_encrypt(src: Path, dst: Path, key: bytes, seg: int, *, digest: str | None
                   ) -> tuple[float, str | None, SegmentList | None]:
    """BLAKE3 is the format-2 publish path: whole-file digest and per-segment digests."""
    t0 = time.perf_counter()
    with open(src, "rb") as source, open(dst, "wb") as sink:
        writer = StreamWriter(sink, key, context=CONTEXT, segment_size=seg, hash_ciphertext=digest is not None,
                              digest_algorithm=digest or SHA256, segment_digests=digest == BLAKE3)
        while chunk := source.read(seg):
            writer.write(chunk)
        writer.finish()
    elapsed = time.perf_counter() - t0
    segments = (SegmentList(digests=writer.segment_digests, commitment=writer.segments_digest)
                if digest == BLAKE3 else None)
    return elapsed, writer.digest if digest else None, segments


class _NullSink:
    """Discards what is written: isolates framing from file I/O."""

    def write(self, data: bytes) -> int:
        return len(memoryview(data))

    def flush(self) -> None:
        pass


def framing_interleaved(src: Path, key: bytes, seg: int) -> tuple[float, float]:
    """(raw seconds, stream seconds) over the same 1 MiB slices, timed alternately.

    Alternating one raw AESGCM.encrypt call with one StreamWriter.write of the same slice
    (into a null sink) exposes both to the same CPU contention, so their ratio is stable
    even on a busy machine where separate runs vary by 3x.
    """
    data = memoryview(src.read_bytes())
    aead, nonce = AESGCM(AESGCM.generate_key(bit_length=256)), os.urandom(12)
    writer = StreamWriter(_NullSink(), key, context=CONTEXT, segment_size=seg,  # type: ignore[arg-type]
                          hash_ciphertext=False)
    raw = framed = 0.0
    for start in range(0, len(data), seg):
        piece = data[start : start + seg]
        t0 = time.perf_counter()
        aead.encrypt(nonce, piece, CONTEXT)
        t1 = time.perf_counter()
        writer.write(piece)
        t2 = time.perf_counter()
        raw, framed = raw + t1 - t0, framed + t2 - t1
    t0 = time.perf_counter()
    writer.finish()
    return raw, framed + time.perf_counter() - t0


def raw_file_to_file(src: Path, dst: Path, seg: int) -> float:
    """Bare AESGCM.encrypt with the same file reads and writes as the stream (no framing)."""
    aead, nonce = AESGCM(AESGCM.generate_key(bit_length=256)), os.urandom(12)
    t0 = time.perf_counter()
    with open(src, "rb") as source, open(dst, "wb") as sink:
        while chunk := source.read(seg):
            sink.write(aead.encrypt(nonce, chunk, CONTEXT))
    return time.perf_counter() - t0


def stream_decrypt(src: Path, key: bytes, seg: int) -> float:
    t0 = time.perf_counter()
    with open(src, "rb") as source:
        with SegmentReader(source, key, context=CONTEXT, size=src.stat().st_size) as reader:
            while reader.read(seg):
                pass
    return time.perf_counter() - t0


def open_check(src: Path, digest: str, algorithm: str = BLAKE3) -> float:
    """What open_package does per shard before decrypting: streaming size + digest check."""
    entry = ShardEntry(index=0, path=src.name, rows=0, plaintext_size=0,
                       ciphertext_size=src.stat().st_size, digest=digest, algorithm=algorithm)
    t0 = time.perf_counter()
    check_shard(locate(src.parent), entry)
    return time.perf_counter() - t0


def open_check_v2(src: Path, segments: SegmentList | None) -> float:
    """What open_package does per format-2 shard: size, header and segment list (no hashing)."""
    assert segments is not None
    (src.parent / "table.segs").write_bytes(segments.digests)
    entry = ShardEntry(index=0, path=src.name, rows=0, plaintext_size=0, ciphertext_size=src.stat().st_size,
                       digest="", algorithm=BLAKE3, segments_path="table.segs",
                       segments_digest=segments.commitment)
    t0 = time.perf_counter()
    check_shard_open(locate(src.parent), entry)
    return time.perf_counter() - t0


def parquet_read(src: Path, key: bytes, segments: SegmentList | None = None) -> float:
    """What to_pandas does per shard after the check: Parquet over the decrypting reader
    (with ``segments``: format 2, every segment hashed and checked before it is decrypted)."""
    t0 = time.perf_counter()
    with open(src, "rb") as source:  # exactly what _read.read_shard does with the open shard
        read_table_from(source, key, context=CONTEXT, size=src.stat().st_size, segments=segments)
    return time.perf_counter() - t0


def _fresh(path: Path) -> Path:
    """Writers start from no file (truncating dirty pages would charge one run for another)."""
    path.unlink(missing_ok=True)
    return path


def _plain_parquet(path: Path) -> float:
    t0 = time.perf_counter()
    pq.read_table(path)
    return time.perf_counter() - t0


def _hash_time(path: Path, algorithm: str) -> float:
    data = path.read_bytes()
    t0 = time.perf_counter()
    digest = new_digest(algorithm)
    digest.update(data)
    digest.hexdigest()
    return time.perf_counter() - t0


def throughput(work: Path, size_mb: int, seg: int, repeat: int) -> None:
    """Each path is timed ``repeat`` times, interleaved, and its best time kept (shared CPUs)."""
    plain, cipher = work / "table.parquet", work / "table.dps"
    size = write_parquet(plain, size_mb)
    mb = size / MB
    key = AESGCM.generate_key(bit_length=256)
    best: dict[str, float] = {}
    parquet_ratios: list[float] = []  # plain / ours, each round's pair timed back to back
    open_ratios: list[float] = []  # plain / (open-time check + ours)
    parquet_cpu_ratios: list[float] = []  # the same pair in CPU seconds (all threads)
    v1_ratios: list[float] = []  # plain / the format-1 reader (no per-segment check), wall
    v1_cpu_ratios: list[float] = []  # ... and CPU
    open2_ratios: list[float] = []  # plain / (format-2 open check + checked read)
    digest = ""
    for _ in range(repeat):
        raw_enc, raw_dec = raw_aesgcm(plain, seg)
        enc, _, _ = stream_encrypt(plain, _fresh(cipher), key, seg, digest=None)
        enc_sha, _, _ = stream_encrypt(plain, _fresh(cipher), key, seg, digest=SHA256)
        enc_hash, digest_or_none, segments = stream_encrypt(plain, _fresh(cipher), key, seg, digest=BLAKE3)
        digest = digest_or_none or ""
        framing_raw, framing = framing_interleaved(plain, key, seg)
        # format 2 (checked segments), plain, format 1 (unchecked): the two readers swap
        # places every round so neither always follows the plain read
        cpu: dict[str, float] = {}
        wall: dict[str, float] = {}
        for name in (("v2", "plain", "v1") if len(parquet_ratios) % 2 == 0 else ("v1", "plain", "v2")):
            c0 = time.process_time()
            wall[name] = (_plain_parquet(plain) if name == "plain" else
                          parquet_read(cipher, key, segments if name == "v2" else None))
            cpu[name] = time.process_time() - c0
        parquet, plain_parquet = wall["v2"], wall["plain"]
        parquet_cpu_ratios.append(cpu["plain"] / cpu["v2"])
        v1_cpu_ratios.append(cpu["plain"] / cpu["v1"])
        v1_ratios.append(wall["plain"] / wall["v1"])
        times = {"raw_enc": raw_enc, "raw_dec": raw_dec, "framing": framing, "framing_raw": framing_raw,
                 "enc": enc, "enc_hash": enc_hash, "enc_sha": enc_sha, "dec": stream_decrypt(cipher, key, seg),
                 "check": open_check(cipher, digest), "check2": open_check_v2(cipher, segments),
                 "parquet": parquet, "parquet_v1": wall["v1"],
                 "plain_parquet": plain_parquet, "sha": _hash_time(cipher, SHA256),
                 "blake3": _hash_time(cipher, BLAKE3),
                 "raw_io": raw_file_to_file(plain, _fresh(work / "raw.bin"), seg)}
        best = {k: min(v, best.get(k, v)) for k, v in times.items()}
        parquet_ratios.append(times["plain_parquet"] / times["parquet"])
        open_ratios.append(times["plain_parquet"] / (times["check"] + times["parquet_v1"]))
        open2_ratios.append(times["plain_parquet"] / (times["check2"] + times["parquet"]))
    raw_enc, raw_dec, framing, raw_io = best["raw_enc"], best["raw_dec"], best["framing"], best["raw_io"]
    enc, enc_hash, dec, sha = best["enc"], best["enc_hash"], best["dec"], best["sha"]
    b3 = best["blake3"]
    print(f"\n== throughput on a {mb:.0f} MiB Parquet table, {seg // 1024} KiB segments ==")
    print(f"{'path':46s} {'MiB/s':>9s} {'vs raw encrypt':>15s} {'vs raw (same op)':>17s}")
    rows = [("raw AESGCM.encrypt (in memory, calls only)", raw_enc, raw_enc),
            ("raw AESGCM.decrypt (in memory, calls only)", raw_dec, raw_dec),
            ("stream encrypt, framing only (null sink)*", framing, best["framing_raw"]),
            ("raw AESGCM.encrypt file -> file (same I/O)", raw_io, raw_io),
            ("stream encrypt, file -> file", enc, raw_io),
            ("stream encrypt + BLAKE3 (publish path)", enc_hash, raw_io),
            ("stream encrypt + SHA-256 (format-1 publish)", best["enc_sha"], raw_io),
            ("stream decrypt, seekable reader", dec, raw_dec),
            ("open-time check: streaming BLAKE3 of the file", best["check"], b3),
            ("BLAKE3 alone (in memory)", b3, b3),
            ("SHA-256 alone (hashlib, in memory; format 1)", sha, b3),
            ("Parquet read over the reader (format 2, checked)", best["parquet"], best["plain_parquet"]),
            ("Parquet read over the reader (format 1)", best["parquet_v1"], best["plain_parquet"]),
            ("format-1 open check + read (to_pandas path)", best["check"] + best["parquet_v1"],
             best["plain_parquet"]),
            ("format-2 open check + read (to_pandas path)", best["check2"] + best["parquet"],
             best["plain_parquet"]),
            ("Parquet read of the plaintext file", best["plain_parquet"], best["plain_parquet"])]
    for name, seconds, baseline in rows:
        print(f"{name:46s} {mb / seconds:9.0f} {raw_enc / seconds:15.2f} {baseline / seconds:17.2f}")
    print("(last column: against the baseline doing the same operation -- raw file -> file for "
          "the stream's file -> file rows, BLAKE3 in memory for the hash rows, plain Parquet for "
          "the Parquet rows)")
    print("* timed alternately with raw calls on the same slices; last column against those")
    for name, ratio in (("framing only (stream vs raw calls, interleaved)", best["framing_raw"] / framing),
                        ("framing given the same file I/O", raw_io / enc),
                        ("framing + file I/O (stream file->file vs raw calls)", raw_enc / enc),
                        ("publish path (stream + BLAKE3, file->file) vs raw file->file", raw_io / enc_hash),
                        ("decrypt framing + file reads (seekable reader vs raw calls)", raw_dec / dec),
                        ("decrypt, Parquet read over the reader vs plain Parquet read",
                         best["plain_parquet"] / best["parquet"])):
        print(f"RESULT encrypt ratio, {name} = {ratio:.2f}  goal >= 0.8: "
              f"{'MET' if ratio >= 0.8 else 'NOT MET'}" if "decrypt" not in name else
              f"RESULT {name} = {ratio:.2f}  goal >= 0.8: {'MET' if ratio >= 0.8 else 'NOT MET'}")
    print(f"RESULT decrypt, Parquet read over the reader vs plain Parquet read, median of "
          f"{len(parquet_ratios)} back-to-back pairs = {statistics.median(parquet_ratios):.2f}")
    print(f"(CPU time of the same pairs, all threads: plain / ours median "
          f"{statistics.median(parquet_cpu_ratios):.2f} -- less sensitive to other jobs than wall time)")
    print(f"(format 1, no per-segment check, same rounds: wall median {statistics.median(v1_ratios):.2f}, "
          f"CPU median {statistics.median(v1_cpu_ratios):.2f})")
    print(f"RESULT open check + Parquet read vs plain Parquet read, median of {len(open_ratios)} "
          f"rounds: format 2 = {statistics.median(open2_ratios):.2f}, format 1 = "
          f"{statistics.median(open_ratios):.2f} (no goal: the whole to_pandas cost)")
    for path in (plain, cipher, work / "raw.bin", work / "table.segs"):
        path.unlink(missing_ok=True)


def _timed(work: object, repeat: int) -> tuple[float, float]:
    """(wall, CPU) seconds of ``work()``, the best of ``repeat`` runs each."""
    walls, cpus = [], []
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        work()  # type: ignore[operator]
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return min(walls), min(cpus)


def components(work: Path, size_mb: int, seg: int, repeat: int) -> None:
    """The format-2 read path piece by piece, on the same table as the throughput part."""
    import blake3

    from dataprotocol.package import _stream_read
    from dataprotocol.package._stream import HEADER_SIZE, TAG_SIZE, StreamHeader

    plain, cipher = work / "table.parquet", work / "table.dps"
    write_parquet(plain, size_mb)
    key = AESGCM.generate_key(bit_length=256)
    _, _, segments = stream_encrypt(plain, _fresh(cipher), key, seg, digest=BLAKE3)
    data, sealed_all = plain.read_bytes(), memoryview(cipher.read_bytes())
    header, cseg = StreamHeader.parse(bytes(sealed_all[:HEADER_SIZE])), seg + TAG_SIZE
    aead, ad, count = AESGCM(key), header.to_bytes() + CONTEXT, -(-(len(sealed_all) - HEADER_SIZE) // cseg)
    out = memoryview(bytearray(len(data)))

    def read_bytes() -> None:
        buffer = memoryview(bytearray(cseg))
        with open(cipher, "rb") as handle:
            while handle.readinto(buffer):
                pass

    def pieces() -> list[memoryview]:
        return [sealed_all[HEADER_SIZE + i * cseg : HEADER_SIZE + (i + 1) * cseg] for i in range(count)]

    def decrypt() -> None:
        for i, piece in enumerate(pieces()):
            aead.decrypt_into(header.nonce(i, last=i == count - 1), piece, ad, out[i * seg : i * seg + len(piece) - 16])

    aes = algorithms.AES(key)

    def decrypt_ctr() -> None:
        for i, piece in enumerate(pieces()):
            _stream_read.ctr_open_into(aes, header.nonce(i, last=i == count - 1), piece,
                                       out[i * seg : i * seg + len(piece) - 16])

    def segment_reader(runs: bool) -> object:
        """The column-subset path: SegmentReader under pq.read_table's own read-ahead."""
        def read() -> None:
            saved = _stream_read._RUN_MIN
            _stream_read._RUN_MIN = saved if runs else 2**62
            try:
                with open(cipher, "rb") as source, SegmentReader(
                        source, key, context=CONTEXT, size=cipher.stat().st_size, arrow_buffers=True,
                        segments=segments) as reader:
                    pq.read_table(reader)
            finally:
                _stream_read._RUN_MIN = saved
        return read

    def prefetch_only() -> None:
        with open(cipher, "rb") as source, PrefetchReader(source, key, context=CONTEXT,
                                                          size=cipher.stat().st_size, segments=segments) as reader:
            reader.finish()

    rows = [("plain pq.read_table(path)", lambda: pq.read_table(plain)),
            ("  parse only (BufferReader over plaintext in memory)", lambda: pq.read_table(pa.BufferReader(data))),
            ("read the ciphertext file, segment by segment", read_bytes),
            ("BLAKE3 of each segment (in memory)", lambda: [blake3.blake3(p).digest() for p in pieces()]),
            ("AES-GCM decrypt_into, each segment (in memory)", decrypt),
            ("AES-CTR (format 2 after the first segment), in memory", decrypt_ctr),
            ("format-2 reader alone (18 MiB reads)", lambda: _drain(cipher, key, segments)),
            ("format-2 whole-shard decryption alone (PrefetchReader)", prefetch_only),
            ("format-2 Parquet read, read_shard path (default)", lambda: parquet_read(cipher, key, segments)),
            ("format-2 SegmentReader (column subsets), two-thread runs", segment_reader(True)),
            ("format-2 SegmentReader, one segment at a time", segment_reader(False)),
            ("format-1 Parquet read (no list)", lambda: parquet_read(cipher, key, None))]
    print(f"\n== format-2 read path, piece by piece ({len(data) / MB:.0f} MiB, best of {repeat}, "
          f"load {os.getloadavg()[0]:.2f}) ==")
    print(f"{'piece':55s} {'wall ms':>8s} {'CPU ms':>8s}")
    timed: dict[str, tuple[float, float]] = {}
    for name, work_fn in rows:
        wall, cpu = timed[name] = _timed(work_fn, repeat)
        print(f"{name:55s} {wall * 1000:8.0f} {cpu * 1000:8.0f}")
    # what no format-2 reader can go below: parse + copy of the ciphertext + BLAKE3 + AES-CTR
    floor = sum(timed[name][1] for name in (
        "  parse only (BufferReader over plaintext in memory)", "read the ciphertext file, segment by segment",
        "BLAKE3 of each segment (in memory)", "AES-CTR (format 2 after the first segment), in memory"))
    plain_wall, plain_cpu = timed["plain pq.read_table(path)"]
    cores = min(2, os.cpu_count() or 1)
    print(f"floor of a checked read: {floor * 1000:.0f} ms CPU (parse + ciphertext read + BLAKE3 + CTR) -> "
          f"CPU ratio <= {plain_cpu / floor:.2f}; wall ratio <= {plain_wall / (floor / cores):.2f} even "
          f"if it spread perfectly over {cores} cores (plain read: {plain_wall * 1000:.0f} ms wall, "
          f"{plain_cpu * 1000:.0f} ms CPU)")
    print(f"(load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())})")
    for path in (plain, cipher):
        path.unlink(missing_ok=True)


def _drain(cipher: Path, key: bytes, segments: SegmentList | None) -> None:
    with open(cipher, "rb") as source:
        with SegmentReader(source, key, context=CONTEXT, size=cipher.stat().st_size,
                           arrow_buffers=True, segments=segments) as reader:
            kept = []
            while chunk := reader.read(18 * MB):
                kept.append(chunk)  # as pyarrow keeps each row group's buffer


_CHILD = """
import sys, time, datetime as dt
from dataprotocol.keys import generate_keypair
from dataprotocol.policy import DatasetCard
from dataprotocol.package import publish
pub = generate_keypair("bench")
card = DatasetCard.from_dict({"dataset_id": "bench", "version": "1", "title": "bench",
    "license": "CC-BY-4.0", "attribution": {"creator": "bench", "source": "bench"},
    "purposes": ["research"], "contains_pii": False, "budget": {"epsilon": 1.0, "delta": 1e-6},
    "publisher": pub.public_document()})
def status(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
before = status("VmRSS")
t0 = time.perf_counter()
m = publish(sys.argv[1], card=card, publisher=pub, out=sys.argv[2])
print(time.perf_counter() - t0, status("VmHWM"), before, len(m.shards), m.rows)
"""


def publish_rss(work: Path, size_mb: int) -> tuple[float, float, float, int, int]:
    """(peak RSS MiB, RSS after imports MiB, publish MiB/s, input bytes, shards) of a child.

    Peak RSS is the child's VmHWM, read in the child: ru_maxrss would include the
    parent's footprint, which Linux carries across fork + exec.
    """
    source, out = work / f"input-{size_mb}.csv", work / f"pkg-{size_mb}"
    size = write_csv(source, size_mb)
    done = subprocess.run([sys.executable, "-c", _CHILD, str(source), str(out)],
                          capture_output=True, cwd=ROOT, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"publish child failed:\n{done.stderr}")
    seconds, peak, before, shards, _rows = (float(x) for x in done.stdout.split())
    source.unlink()
    shutil.rmtree(out)
    return peak, before, size / MB / seconds, size, int(shards)


def _default_work_dir() -> str | None:
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=200, help="table size in MiB (default 200)")
    parser.add_argument("--segment-kb", type=int, default=1024, help="segment size in KiB (64..1024)")
    parser.add_argument("--repeat", type=int, default=3, help="timing repetitions, best kept (default 3)")
    parser.add_argument("--skip-rss", action="store_true", help="only the throughput part")
    parser.add_argument("--skip-throughput", action="store_true", help="only the RSS part")
    parser.add_argument("--components", action="store_true",
                        help="only the format-2 read path, piece by piece (wall and CPU)")
    parser.add_argument("--work-dir", default=_default_work_dir(),
                        help="scratch folder; default /dev/shm (RAM-backed) when present, so the "
                             "ratios measure our CPU cost, not this machine's disk -- pass a disk "
                             "folder to include the storage")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.work_dir) as tmp:
        work = Path(tmp)
        print(f"scratch folder: {work} (segment {args.segment_kb} KiB, best of {args.repeat})")
        if args.components:
            components(work, args.size_mb, args.segment_kb * 1024, args.repeat)
            return
        if not args.skip_throughput:
            throughput(work, args.size_mb, args.segment_kb * 1024, args.repeat)
        if not args.skip_rss:
            print("\n== peak RSS while publishing a CSV (child process VmHWM; default shard size) ==")
            sizes = sorted({max(1, args.size_mb // 4), args.size_mb})
            results = [publish_rss(work, s) for s in sizes]
            for rss, before, speed, size, shards in results:
                print(f"input {size / MB:7.0f} MiB -> {shards:3d} shards: peak RSS {rss:6.0f} MiB "
                      f"(after imports {before:4.0f} MiB), publish {speed:6.1f} MiB/s")
            peak = max(r[0] for r in results)
            growth = results[-1][0] - results[0][0]
            print(f"RESULT peak RSS = {peak:.0f} MiB (goal < 300: {'MET' if peak < 300 else 'NOT MET'}); "
                  f"growth from {sizes[0]} to {sizes[-1]} MiB input = {growth:+.0f} MiB")


if __name__ == "__main__":
    main()
