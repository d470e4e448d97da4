"""IBAN-shaped account numbers next to "IBAN" / "account", even when the checksum fails.

Presidio's ``IbanRecognizer`` rejects a number whose ISO 13616 check digits are wrong;
a mistyped IBAN still identifies an account holder, so with context it is scrubbed.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["IbanContextRecognizer"]


class IbanContextRecognizer(RegexRecognizer):
    ENTITY = "IBAN_CODE"
    CONTEXT = ("iban", "account", "acct", "bank", "swift", "bic", "deposit", "transfer")
    PATTERNS = (RegexPattern("iban shape", r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b", 0.75,
                             needs_context=True),)
