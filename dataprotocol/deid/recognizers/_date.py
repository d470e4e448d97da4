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
_MONTH_DAY = r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])"
#: words after which a month/day is a date
_BEFORE_DAY = (r"(?i:\b(?:on|since|admitted|discharged|signed|dated|returned?|pick-?up|drop-?off|checked in|due|"
               r"until|till|through|thru|before|after|of service|expires?|expiring|effective|starting|as of|"
               r"scheduled(?: for)?|seen|visited|arrived|departed|born|died|passed away|deceased)\b:?[ \t]+)")
_FRACTIONS = frozenset({"1/2", "1/3", "2/3", "1/4", "3/4"})


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
        # "since 01/2026", "oldest 12/2025", "Fall 2025": month or season and year
        RegexPattern("numeric month year", rf"(?<![\w/.\-])(?:0?[1-9]|1[0-2])/{_YEAR}(?![\w/\-]|\.\d)", 0.5),
        RegexPattern("season year", rf"\b(?:Spring|Summer|Fall|Autumn|Winter)\s+(?:of\s+)?{_YEAR}\b", 0.5),
        # "discharged 2/24", "Pick-up: 3/1; return 5/18", "MINUTES - 8/17": month/day with no year,
        # only after a word that introduces a date (a bare "1/2" or "3/4" is a fraction)
        RegexPattern("month/day", rf"(?:{_BEFORE_DAY}|[ \t][\-\u2013][ \t]|[ ]{{2}})(?P<date>{_MONTH_DAY})"
                                  rf"(?![\w/\-]|\.\d|:\d)", 0.5, group="date"),
    )

    def validate(self, value: str) -> bool:
        return value not in _FRACTIONS
