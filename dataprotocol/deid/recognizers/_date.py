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
#: words after which a month/day is a date ("discharged 2/24", "Signed 1/4")
_BEFORE_DAY = (r"(?i:\b(?:since|admitted|discharged|signed|dated|return(?:ed|s|ing)?|pick-?up|drop-?off|"
               r"checked in|due|of service|expires?|expiring|effective|starting|as of|scheduled(?: for)?|seen|"
               r"visited|arrived|departed|born|died|passed away|deceased|"
               r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\b\.?[:,]?[ \t]+)")
#: words after which it is a date unless it is a common fraction ("on 1/2 days")
_BEFORE_DAY_WEAK = r"(?i:\b(?:on|until|till|through|thru|before|after)[ \t]+)"
_FRACTIONS = r"(?:1/[234]|2/3|3/4)"
_DAY_END = r"(?![\w/\-]|\.\d|:\d)"


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
        RegexPattern("month/day", rf"(?:{_BEFORE_DAY}|{_BEFORE_DAY_WEAK}(?!{_FRACTIONS}(?!\d)))"
                                  rf"(?P<date>{_MONTH_DAY}){_DAY_END}", 0.5, group="date"),
        # set off by a dash or two spaces in a heading ("MINUTES - 8/17"), or closing a line after a
        # sentence (a signature's date, "... consent to treatment. 9/18"); not the common fractions
        RegexPattern("month/day set off", rf"(?:[ \t][\-\u2013][ \t]|[ ]{{2}}|(?<=[.!?])[ \t]+)"
                                          rf"(?!{_FRACTIONS}(?!\d))(?P<date>{_MONTH_DAY}){_DAY_END}"
                                          rf"(?=[ \t]*(?:\n|$|[;,.]))", 0.5, group="date"),
    )
