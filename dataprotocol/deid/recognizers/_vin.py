"""Vehicle identification numbers: 17 characters, no I, O or Q (ISO 3779).

HIPAA Safe Harbor identifier (12): vehicle identifiers and serial numbers. A North
American VIN carries a check digit (49 CFR 565.15), so a token that passes it is a VIN
wherever it stands; a European one has none, so without a valid check digit the token
counts only after a VIN label ("VIN", "chassis no."). Reported as ``ID``, the type the
label conventions give record numbers with no type of their own.
"""

from __future__ import annotations

from typing import Any

from presidio_analyzer import RecognizerResult

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer
from dataprotocol.deid.recognizers._checksums import vin_valid

__all__ = ["VinRecognizer"]

#: 17 VIN characters with at least two letters and five digits (not a word, not a number)
_VIN = r"(?<![\w\-])(?=(?:[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z]){2})(?=(?:[A-HJ-NPR-Z]*\d){5})[A-HJ-NPR-Z0-9]{17}(?![\w\-])"


class VinRecognizer(RegexRecognizer):
    ENTITY = "ID"
    CONTEXT = ("vin", "vin#", "vin no", "vehicle identification", "chassis", "frame number", "frame no")
    WINDOW = 30
    SCORE = 0.6
    PATTERNS = (RegexPattern("vin", _VIN, SCORE),)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        """A VIN after its label (the context boost raised the score), or with a valid check digit."""
        return [r for r in super().analyze(text, entities, nlp_artifacts)
                if r.score > self.SCORE or vin_valid(text[r.start:r.end])]
