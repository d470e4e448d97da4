"""Mixed-script documents: Latin-script names inside Chinese text.

Chinese customer chats and HR mail carry English names ("请联系 John Smith") and
e-mail addresses. The e-mail/URL/number patterns run on every document whatever its
language; names need a model of their script, so each run of Latin-script words in
a Chinese document is analysed again by the English pipeline (PERSON only), with
its offsets moved back into the document.
"""

from __future__ import annotations

import re
from typing import Any

from dataprotocol.deid._resolve import to_findings
from dataprotocol.deid._types import Finding

__all__ = ["latin_segments", "latin_findings"]

# capitalised Latin words (Mary, O'Neil, Jean-Luc, Dr.), one to four, separated by spaces
_WORD = r"[A-Z][a-z]+(?:['\u2019\-][A-Za-z]+)*\.?"
_SEGMENT = re.compile(rf"(?<![A-Za-z@._\-]){_WORD}(?:[ \t]+(?:[A-Z]\.|{_WORD})){{0,3}}(?![A-Za-z@\d])")


def latin_segments(text: str) -> list[tuple[int, int]]:
    """Spans of capitalised Latin words in ``text`` (e-mail and URL parts excluded)."""
    return [m.span() for m in _SEGMENT.finditer(text) if len(m.group()) >= 3]


def latin_findings(analyzer: Any, text: str, *, language: str, allow_list: list[str] | None) -> list[Finding]:
    """PERSON findings of the ``language`` pipeline on each Latin run of ``text``."""
    out: list[Finding] = []
    for start, end in latin_segments(text):
        results = analyzer.analyze(text=text[start:end], language=language, entities=["PERSON"],
                                   allow_list=allow_list)
        out.extend(Finding(f.start + start, f.end + start, f.entity_type, f.score, f.recognizer)
                   for f in to_findings(results))
    return out
