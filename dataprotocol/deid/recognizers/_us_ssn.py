"""US social security numbers with a context word, including the undashed form.

Presidio's ``UsSsnRecognizer`` scores "123456789" at 0.05 and rejects some
well-formed numbers; next to "SSN" / "social security" the number is what it says.
"""

from __future__ import annotations

import re

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["UsSsnContextRecognizer"]


class UsSsnContextRecognizer(RegexRecognizer):
    ENTITY = "US_SSN"
    CONTEXT = ("ssn", "social security", "social sec", "ss#", "ss #", "soc sec", "ssn#", "sin",
               "social insurance")
    PATTERNS = (
        RegexPattern("dashed", r"(?<![\w\-])\d{3}[- .]\d{2}[- .]\d{4}(?![\w\-])", 0.6),
        RegexPattern("bare near context", r"(?<![\w\-])\d{9}(?![\w\-])", 0.7, needs_context=True),
        # Canadian SIN 3-3-3, next to a context word only
        RegexPattern("sin", r"(?<![\w\-])\d{3}[ \-]\d{3}[ \-]\d{3}(?![\w\-])", 0.7, needs_context=True),
    )

    def validate(self, value: str) -> bool:
        digits = re.sub(r"\D", "", value)
        # SSA never issues area 000 or 666, group 00 or serial 0000 (SSA, "SSN randomization", 2011).
        return not (digits[:3] in {"000", "666"} or digits[3:5] == "00" or digits[5:] == "0000")
