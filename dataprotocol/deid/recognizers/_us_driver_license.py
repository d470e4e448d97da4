"""US driver licence numbers, only next to a licence context word.

State formats vary from 1 letter + 4 digits to 14 alphanumerics; without context
such a token is just an id, so context is required.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["UsDriverLicenseContextRecognizer"]


class UsDriverLicenseContextRecognizer(RegexRecognizer):
    ENTITY = "US_DRIVER_LICENSE"
    CONTEXT = ("driver's license", "drivers license", "driver license", "driver's licence",
               "driving licence", "driver licence", "license number", "licence number", "dl", "dl#",
               "license no", "lic no", "lic#", "license #")
    WINDOW = 30
    PATTERNS = (
        RegexPattern("licence id", r"(?<![\w\-])(?=[A-Z0-9\-]*\d)[A-Z]{0,3}[-]?\d[\dA-Z\-]{3,13}(?![\w\-])", 0.75,
                     needs_context=True),
    )
