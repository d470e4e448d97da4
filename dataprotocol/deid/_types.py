"""The small records detection and anonymization share (Presidio's split, kept).

``Finding`` is all that crosses from detection to anonymization: where, what kind,
how sure, and which recognizer said so -- never a copy of the PII itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Finding", "Scrubbed", "FrameResult", "count_findings"]


@dataclass(frozen=True, order=True)
class Finding:
    """One detected PII span ``text[start:end]`` (character offsets)."""

    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "entity_type": self.entity_type,
                "score": round(self.score, 4), "recognizer": self.recognizer}


@dataclass(frozen=True)
class Scrubbed:
    """The scrubbed text and the findings (offsets refer to the *original* text).

    ``language`` is the document's detected (or configured) language; ``configured``
    is False when no pipeline exists for it -- the document was scrubbed with the
    language-independent recognizers and the fallback pipeline only, and must not
    be taken as clean.
    """

    text: str
    findings: tuple[Finding, ...] = ()
    language: str = ""
    configured: bool = True

    def counts(self) -> dict[str, int]:
        return count_findings(self.findings)


@dataclass(frozen=True)
class FrameResult:
    """What :meth:`Scrubber.scrub_frame` returns.

    ``frame`` is a new DataFrame (the input is not modified); ``report`` maps entity
    type -> number of values replaced, over free-text and declared PII columns. Counts
    only, never the PII. Unpacks as a pair: ``frame, report = scrubber.scrub_frame(df)``.
    """

    frame: pd.DataFrame
    report: dict[str, int] = field(default_factory=dict)
    #: documents per detected language, and those of them with no configured pipeline
    languages: dict[str, int] = field(default_factory=dict)
    unconfigured: dict[str, int] = field(default_factory=dict)

    def __iter__(self) -> Any:
        return iter((self.frame, self.report))


def count_findings(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts per entity type, sorted by type (safe to log: no PII)."""
    return dict(sorted(Counter(f.entity_type for f in findings).items()))
