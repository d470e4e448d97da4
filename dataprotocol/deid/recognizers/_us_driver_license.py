"""US driver licence numbers, only next to a licence context word.

State formats vary from 1 letter + 4 digits (some states' older numbers) to 13-17
characters with dashes (Florida ``A123-456-78-901-2``, Illinois ``A123-4567-8901``);
Washington's open with letters (``WDL`` + 9 characters, or the older surname-coded
``DOE**JQ482QC``), several states print 9 digits in groups of three (``123 456 789``)
and Pennsylvania 8 digits as ``12 345 678``. Without context such a token is just an
id, so a licence word (``driver license``, ``DL #``, ``lic. no.``) within a few words
is required.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["UsDriverLicenseContextRecognizer"]


class UsDriverLicenseContextRecognizer(RegexRecognizer):
    ENTITY = "US_DRIVER_LICENSE"
    CONTEXT = ("driver's license", "drivers license", "driver license", "driver's licence",
               "driving licence", "driver licence", "license number", "licence number", "dl", "dl#",
               "license no", "lic no", "lic#", "license #", "license", "licence", "lic", "dln", "driving license")
    WINDOW = 30
    PATTERNS = (
        RegexPattern("licence id", r"(?<![\w\-])(?=[A-Z0-9\-]*\d)[A-Z]{0,3}[-]?\d[\dA-Z\-]{3,13}(?![\w\-])", 0.75,
                     needs_context=True),
        # Florida/Illinois/Michigan/Maryland/Wisconsin: a letter and dash-grouped digits
        RegexPattern("dashed licence", r"(?<![\w\-])[A-Z]-?\d{3}(?:[\- ]\d{2,4}){2,4}(?:-\d)?(?![\w\-])", 0.75,
                     needs_context=True),
        # Washington: "WDL" + 9 letters/digits (since 2018), or the older 12 characters -- five of
        # the surname (padded with "*"), two initials, three digits, two check characters
        RegexPattern("washington licence", r"(?<![\w\-*])(?:WDL[A-Z0-9]{9}|[A-Z][A-Z*]{6}\d{3}[A-Z0-9*]{2})(?![\w\-])",
                     0.75, needs_context=True),
        # nine digits printed in three groups (Texas, Indiana, Tennessee ...)
        RegexPattern("grouped licence", r"(?<![\w\-])\d{3}[ \-]\d{3}[ \-]\d{3}(?![\w\-]|[ \-]\d)", 0.75,
                     needs_context=True),
        # Pennsylvania: eight digits printed 2-3-3 ("11 046 681")
        RegexPattern("pennsylvania licence", r"(?<![\w\-])\d{2} \d{3} \d{3}(?![\w\-]| \d)", 0.75,
                     needs_context=True),
    )
