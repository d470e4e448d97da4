"""UK National Insurance numbers ("QQ 12 34 56 C"): two letters, six digits, A-D."""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["UkNinoRecognizer"]


class UkNinoRecognizer(RegexRecognizer):
    ENTITY = "UK_NINO"
    CONTEXT = ("national insurance", "ni number", "nino", "ni no", "ssn", "social security")
    PATTERNS = (RegexPattern("nino", r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", 0.6),)
