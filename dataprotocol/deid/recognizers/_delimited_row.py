"""Cells of delimited records ("Jane Roe,jane@x.org,Springfield,62704").

In a CSV / TSV / pipe row the NER model sees no sentence and misses names and
places; a row is detected by its shape (one line, three or more cells split by the
same delimiter), then each cell is judged alone: capitalised words are a name or a
place, long digit runs an identifier, 5-digit runs a ZIP code, small numbers an age.
Other recognizers (e-mail, phone, card) still win their cells by rank.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult

__all__ = ["DelimitedRowRecognizer"]

_DELIMITERS = (",", ";", "\t", "|", " / ")
_WORDS = re.compile(r"[A-Z][A-Za-z'\-\.]+(?: [A-Z][A-Za-z'\-\.]+){0,3}")
_RULES: tuple[tuple[re.Pattern[str], str, float], ...] = (
    (re.compile(r"[A-Z][a-z'\-]+, [A-Z][a-z'\-]+(?: [A-Z]\.?)?"), "PERSON", 0.45),  # "Last, First"
    (re.compile(r"[A-Z][a-z'\-]+(?: [A-Z]\.?)?(?: [A-Z][a-z'\-]+){1,2}"), "PERSON", 0.45),
    (_WORDS, "LOCATION", 0.42),
    (re.compile(r"(?:[A-Z]{1,3}-?)?\d{6,19}"), "ID", 0.45),
    (re.compile(r"\+?\(?\d{2,4}\)?(?:[\s.\-]\d{2,4}){1,4}"), "PHONE_NUMBER", 0.45),
    (re.compile(r"\d{5}(?:-\d{4})?"), "ZIP_CODE", 0.45),
    (re.compile(r"(?:1[01]\d|\d{1,2})"), "AGE", 0.4),
)


def _is_row(line: str, delimiter: str) -> bool:
    """A record, not prose: enough cells, each short, none holding a sentence."""
    cells = line.split(delimiter)
    if len(cells) < (4 if delimiter == "," else 3) or len(line) > 2000:
        return False
    return all(len(c.split()) <= 6 and ". " not in c for c in cells)


class DelimitedRowRecognizer(LocalRecognizer):  # type: ignore[misc]
    name: str

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON", "LOCATION", "ID", "ZIP_CODE", "AGE"],
                         supported_language=supported_language)

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        offset = 0
        for line in text.split("\n"):
            delimiter = max(_DELIMITERS, key=lambda d: (line.count(d), len(d)))
            if _is_row(line, delimiter):
                results.extend(self._cells(line, offset, delimiter))
            offset += len(line) + 1
        return [r for r in results if not entities or r.entity_type in entities]

    def _cells(self, line: str, offset: int, delimiter: str) -> list[RecognizerResult]:
        out, pos = [], 0
        for cell in line.split(delimiter):
            stripped = cell.strip().strip('"').strip()
            start = offset + pos + cell.find(stripped) if stripped else 0
            pos += len(cell) + len(delimiter)
            if "=" in stripped or not stripped:
                continue
            for pattern, entity, score in _RULES:
                if pattern.fullmatch(stripped):
                    out.append(RecognizerResult(
                        entity, start, start + len(stripped), score,
                        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: str(self.name),
                                              RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
                    break
        return out
