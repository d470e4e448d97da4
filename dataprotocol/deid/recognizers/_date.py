"""Dates written out ("March 3, 1978", "3rd Mar 1978", "1978-03-03", "03/04/78").

Presidio's ``DateRecognizer`` covers numeric forms at 0.6; spaCy's small model misses
many written forms inside clinical shorthand. Dates of birth are direct-ish
identifiers under HIPAA Safe Harbor (all elements of dates except the year), so a
birth-date context word ("DOB", "born") raises the score.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["WrittenDateRecognizer"]

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"


class WrittenDateRecognizer(RegexRecognizer):
    """Month-name and numeric dates; boosted next to birth-date words."""

    ENTITY = "DATE_TIME"
    CONTEXT = ("dob", "d.o.b", "born", "birth", "birthday", "birthdate", "date of birth", "admitted",
               "discharged", "visit", "seen on", "date")
    PATTERNS = (
        RegexPattern("month day year", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", 0.7),
        RegexPattern("day month year", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", 0.7),
        RegexPattern("iso", rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b", 0.7),
        RegexPattern("numeric", r"\b(?:0?[1-9]|[12]\d|3[01])[/.\-](?:0?[1-9]|[12]\d|3[01])[/.\-](?:\d{4}|\d{2})\b", 0.6),
        RegexPattern("month day", rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*\d)", 0.45),
        RegexPattern("day month", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!\s*,?\s*\d)", 0.45),
        RegexPattern("month year", rf"\b{_MONTH}\s+{_YEAR}\b", 0.55),
    )
