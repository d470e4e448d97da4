"""Small file helpers shared by every layer: bounded reads, safe write targets, atomic
writes and YAML/JSON with locations.

Every file the tool reads or writes goes through here, so the rules hold everywhere:

* **Regular files only, bounded.** A FIFO would block a read forever, ``/dev/zero``
  never ends and a 10 GB "card" exhausts memory: :func:`read_bytes` opens without
  blocking, checks ``fstat`` for a regular file and reads at most ``limit`` bytes.
* **Nothing half-written** (DESIGN.md): every file goes to a temporary name in the same
  folder and is renamed into place only when complete, so a crash or an error leaves
  either the old file or no file -- never a truncated one. Temporary names carry the
  writer's pid, so the next write to the same target removes what a killed run left.
* **Replace only what is ours to replace**: ``os.replace`` would swap a device node, a
  FIFO or a symlink for a regular file; :func:`check_write_target` refuses anything
  but a regular file (a folder only where the caller says it may be replaced).
* **Parsers never crash**: deep nesting (``RecursionError``), NaN/Infinity, 5,000-digit
  integers, lone surrogates and alias bombs become an ``InputError`` naming the file.
"""

from __future__ import annotations

from dataprotocol._files._documents import check_document, line_of, load_json, load_yaml, parse_json
from dataprotocol._files._reads import MAX_DOCUMENT_BYTES, check_input_file, read_bytes, read_text
from dataprotocol._files._writes import (
    atomic_open,
    atomic_path,
    atomic_write_bytes,
    atomic_write_text,
    check_distinct,
    check_output_folder,
    check_write_target,
    make_staging_folder,
    remove_stale_temporaries,
    temporary_prefix,
)

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_path",
    "atomic_open",
    "check_input_file",
    "check_write_target",
    "check_output_folder",
    "check_distinct",
    "remove_stale_temporaries",
    "make_staging_folder",
    "temporary_prefix",
    "load_yaml",
    "load_json",
    "parse_json",
    "check_document",
    "line_of",
    "read_bytes",
    "read_text",
]

