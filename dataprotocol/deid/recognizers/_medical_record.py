"""Medical record numbers: an id next to "MRN", "medical record", "patient id", "chart".

HIPAA Safe Harbor identifier (8) -- vanilla Presidio has no recognizer for it and
spaCy tends to tag "MRN" itself as an ORGANIZATION.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["MedicalRecordNumberRecognizer"]


class MedicalRecordNumberRecognizer(RegexRecognizer):
    """An alphanumeric id of 5-12 characters, reported only near an MRN context word."""

    ENTITY = "MEDICAL_RECORD_NUMBER"
    CONTEXT = ("mrn", "medical record", "record number", "record no", "record #", "patient id",
               "patient number", "patient no", "chart", "hospital number", "hosp no", "mr#", "mr no",
               "case number", "encounter", "med rec", "medical rec", "mr number", "unit number", "hospital no",
               "record id", "emr", "ehr")
    WINDOW = 30
    PATTERNS = (
        RegexPattern("prefixed id", r"\b(?:MRN|MR|PT|HN)[-:#]?\d{5,10}\b", 0.8),
        RegexPattern("id near context", r"(?<![\w\-])(?:[A-Z]{1,3}[-]?)?\d{5,12}(?![\w\-])", 0.75,
                     needs_context=True),
        # grouped or mixed forms in long notes: "MRN 12-345-678", "MR# 004-82-913", "MRN: HX-4829130-2"
        RegexPattern("grouped id near context", r"(?<![\w\-])(?:[A-Z]{1,4}-?)?\d{2,8}(?:[-\s]\d{2,8}){1,3}"
                                                 r"(?:-[A-Z0-9]{1,2})?(?![\w\-])", 0.7, needs_context=True),
    )
