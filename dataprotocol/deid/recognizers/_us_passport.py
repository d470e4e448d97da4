"""US passport numbers, only next to "passport" (a bare 9-digit number is not one)."""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["UsPassportContextRecognizer"]


class UsPassportContextRecognizer(RegexRecognizer):
    """9 digits, or a letter + 8 digits (next-generation books), after "passport"."""

    ENTITY = "US_PASSPORT"
    CONTEXT = ("passport", "passport no", "passport number", "passport#", "travel document")
    PATTERNS = (RegexPattern("passport", r"(?<![\w\-])[A-Z]?\d{8,9}(?![\w\-])", 0.8, needs_context=True),)
