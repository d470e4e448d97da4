"""Residual check: re-scan scrubbed output and report what still looks like PII.

Our own replacement tokens (``<PERSON>``, ``PERSON_7f3a2c1d``, ``<ENC:...>``) are not
residue. The report holds positions and types, never the text.

Like every ``verify_*`` it raises by default (:class:`~dataprotocol.errors.AuditFailed`
naming the residual types and counts), so a pipeline that forgets to look cannot ship
residue; ``raise_on_failure=False`` returns the :class:`VerifyReport` to display.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dataprotocol._files import read_text
from dataprotocol.deid._io import read_frame, text_like_columns
from dataprotocol.errors import AuditFailed

if TYPE_CHECKING:
    from dataprotocol.deid._scrubber import Scrubber

__all__ = ["VerifyReport", "verify_file", "TOKEN_PATTERN"]

TOKEN_PATTERN = re.compile(r"<ENC:[A-Z0-9_]+:[A-Za-z0-9_\-]+>|<[A-Z][A-Z0-9_]*>|\b[A-Z][A-Z0-9_]*_[0-9a-f]{6,16}\b")


@dataclass
class VerifyReport:
    documents: int
    residual: dict[str, int] = field(default_factory=dict)
    locations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.residual

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "clean": self.clean, "residual": self.residual,
                "total": sum(self.residual.values()), "locations": self.locations[:100]}

    def raise_if_failed(self, where: str = "the file") -> None:
        """Raise :class:`AuditFailed` naming each residual type and its count (never the text)."""
        if not self.clean:
            raise AuditFailed(f"residual PII in {where} ({sum(self.residual.values())} finding(s) in "
                              f"{self.documents} documents)", [f"{k}: {n}" for k, n in self.residual.items()])


def verify_file(scrubber: Scrubber, path: str | Path, *, text_columns: tuple[str, ...] = (),
                min_score: float = 0.5, raise_on_failure: bool = True) -> VerifyReport:
    """Scan a scrubbed file; findings at ``min_score`` or above count as residue.

    Raises :class:`AuditFailed` when there is any (``raise_on_failure=False``: return the
    report either way); returns the clean report otherwise."""
    src = Path(path)
    texts: list[str]
    if src.suffix.lower() == ".txt":
        texts = read_text(src, what="file").split("\n")
    else:
        frame = read_frame(src)
        columns = list(text_columns) or text_like_columns(frame)
        texts = [str(v) for c in columns for v in frame[c].tolist() if isinstance(v, str)]
    report = VerifyReport(documents=len(texts))
    counts: Counter[str] = Counter()
    for index, result in enumerate(scrubber.iter_scrub(texts)):
        tokens = [(m.start(), m.end()) for m in TOKEN_PATTERN.finditer(texts[index])]
        for f in result.findings:
            if f.score < min_score or any(s < f.end and f.start < e for s, e in tokens):
                continue
            counts[f.entity_type] += 1
            report.locations.append({"document": index + 1, "start": f.start, "end": f.end,
                                     "entity_type": f.entity_type, "recognizer": f.recognizer})
    report.residual = dict(sorted(counts.items()))
    if raise_on_failure:
        report.raise_if_failed(str(src))
    return report
