"""Payment card numbers next to a card word, any length ISO/IEC 7812 allows (12-19).

Presidio's ``CreditCardRecognizer`` expects 13-16 digit shapes; Maestro (12-19) and
19-digit Visa numbers slip through. With a "card" word nearby and a valid Luhn check
(ISO/IEC 7812-1) the number is a card number.
"""

from __future__ import annotations

import re

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["PaymentCardContextRecognizer"]


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


class PaymentCardContextRecognizer(RegexRecognizer):
    ENTITY = "CREDIT_CARD"
    CONTEXT = ("card", "credit", "debit", "visa", "mastercard", "amex", "maestro", "cc", "pan", "paid with")
    PATTERNS = (RegexPattern("card number", r"(?<![\w\-])\d(?:[ \-]?\d){11,18}(?![\w\-])", 0.8, needs_context=True),)

    def validate(self, value: str) -> bool:
        digits = re.sub(r"\D", "", value)
        return 12 <= len(digits) <= 19 and luhn_ok(digits)
