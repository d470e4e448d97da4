"""Timestamps in policy documents: aware UTC datetimes, ISO 8601 text ending in ``Z``."""

from __future__ import annotations

from datetime import datetime, timezone

__all__ = ["utc", "format_time", "parse_time", "now"]


def now() -> datetime:
    return datetime.now(timezone.utc)


def utc(value: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def format_time(value: datetime) -> str:
    return utc(value).isoformat().replace("+00:00", "Z")


def parse_time(text: str) -> datetime:
    """Parse ``format_time`` output (or any ISO 8601 with an offset). ValueError if not."""
    if not isinstance(text, str):
        raise ValueError(f"not a timestamp: {text!r}")
    value = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    if value.tzinfo is None:
        raise ValueError(f"timestamp without time zone: {text!r}")
    return value.astimezone(timezone.utc)
