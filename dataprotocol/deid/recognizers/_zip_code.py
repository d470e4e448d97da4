"""Postal codes: US ZIP after a state abbreviation or a "zip" word; UK postcodes.

HIPAA Safe Harbor treats ZIP codes as identifiers (only the first three digits of
populous areas may stay). spaCy labels "IL 62704" as an ORGANIZATION; this does not.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ZipCodeRecognizer"]

_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|"
           "NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|AA|AE|AP|PR|GU|VI|AS|MP")


class ZipCodeRecognizer(RegexRecognizer):
    """ZIP / ZIP+4 after a state or "zip"; UK postcode shapes."""

    ENTITY = "ZIP_CODE"
    CONTEXT = ("zip", "zipcode", "zip code", "postal", "postcode", "post code")
    WINDOW = 20
    PATTERNS = (
        RegexPattern("state zip", rf"\b(?:{_STATES}),?\s+(?P<zip>\d{{5}}(?:-\d{{4}})?)\b", 0.75, group="zip"),
        RegexPattern("zip near word", r"(?<![\w\-])\d{5}(?:-\d{4})?(?![\w\-])", 0.6, needs_context=True),
        RegexPattern("uk postcode", r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b", 0.6),
    )
