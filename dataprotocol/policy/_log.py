"""The decision log: one JSON object per line, appended for every decision.

No PII: principals appear only as key ids (pseudonymous fingerprints), datasets as ids;
never names, never data. One ``write`` of one line on an ``O_APPEND`` descriptor, so
concurrent writers never interleave within a line (POSIX append semantics), then fsync.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dataprotocol._files import check_write_target
from dataprotocol.errors import InputError
from dataprotocol.policy._time import format_time

if TYPE_CHECKING:
    from dataprotocol.policy._decision import Decision

__all__ = ["append_decision", "read_decision_log", "LOG_ENV", "LOG_FORMAT"]

#: environment variable naming the default decision log of the library
LOG_ENV = "DATAPROTOCOL_DECISION_LOG"
LOG_FORMAT = 1


def log_record(decision: Decision, *, profile: str) -> dict[str, Any]:
    return {
        "v": LOG_FORMAT, "decision_id": str(uuid.uuid4()),
        "at": format_time(decision.at) if decision.at else None,
        "allowed": decision.allowed, "principal": decision.principal,
        "dataset_id": decision.dataset_id, "dataset_version": decision.dataset_version,
        "action": decision.action, "purpose": decision.purpose,
        "shards": list(decision.shards) if decision.shards is not None else None,
        "grant_id": decision.grant.grant_id if decision.grant else None,
        "reasons": list(decision.reasons), "obligations": sorted({o.kind for o in decision.obligations}),
        "chosen_licenses": list(decision.chosen_licenses), "profile": profile,
    }


def append_decision(path: str | Path, decision: Decision, *, profile: str) -> dict[str, Any]:
    """Append one line for ``decision``; return the record written."""
    record = log_record(decision, profile=profile)
    line = (json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")
    target = check_write_target(path, what="decision log")  # a FIFO would block the append
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK, 0o600)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise InputError(f"cannot append to the decision log: {exc.strerror}", file=target) from exc
    return record


def read_decision_log(path: str | Path) -> list[dict[str, Any]]:
    """Every record of a decision log (for audits and tests)."""
    out = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InputError("malformed decision log line", file=path, line=number) from exc
    return out


def default_log_path() -> str | None:
    return os.environ.get(LOG_ENV) or None
