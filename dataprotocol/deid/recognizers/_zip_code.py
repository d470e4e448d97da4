"""Postal codes: US ZIP after a state abbreviation or a "zip" word; UK postcodes.

HIPAA Safe Harbor treats ZIP codes as identifiers (only the first three digits of
populous areas may stay). spaCy labels "IL 62704" as an ORGANIZATION; this does not.
"""

from __future__ import annotations

import re

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ZipCodeRecognizer"]

_AU_STATES = "NSW|VIC|QLD|SA|WA|TAS|NT|ACT"
_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|"
           "NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|AA|AE|AP|PR|GU|VI|AS|MP")


# Postal code shapes next to a town: 4-7 digits (most of Europe, Chile, Colombia, Romania),
# Czech/Slovak/Swedish "123 45", Portuguese "1234-567", a country letter prefix "H-3219".
_CODE = r"(?:[A-Z]{1,2}-)?\d{4,7}|\d{3} \d{2}|\d{4}-\d{3}"


class ZipCodeRecognizer(RegexRecognizer):
    """ZIP / ZIP+4 after a state or "zip"; UK postcode shapes."""

    ENTITY = "ZIP_CODE"
    CONTEXT = ("zip", "zipcode", "zip code", "postal", "postcode", "post code", "pin code", "pincode")
    WINDOW = 20
    PATTERNS = (
        RegexPattern("au state postcode", rf"\b(?:{_AU_STATES}),?\s+(?P<zip>\d{{4}})\b", 0.7, group="zip"),
        RegexPattern("state zip", rf"\b(?:{_STATES}),?\s+(?P<zip>\d{{5}}(?:-\d{{4}})?)\b", 0.75, group="zip"),
        RegexPattern("zip near word", r"(?<![\w\-])\d{4,6}(?:-\d{4})?(?![\w\-])", 0.6, needs_context=True),
        RegexPattern("uk postcode", r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b", 0.6),
        # Canada Post (A1A 1A1; no D F I O Q U) and Irish Eircode (routing key + 4).
        RegexPattern("canadian", r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d\b", 0.6),
        # Netherlands 1234 AB, Poland 12-345, Brazil 12345-678: shapes rare outside addresses
        RegexPattern("dutch", r"(?<![\w\-])\d{4}\s?[A-Z]{2}(?![\w\-])", 0.45),
        RegexPattern("polish", r"(?<![\w\-/.])\d{2}-\d{3}(?![\w\-/])", 0.45),
        RegexPattern("brazilian", r"(?<![\w\-/.])\d{5}-\d{3}(?![\w\-/])", 0.5),
        # address tails: "..., Howardville 0251" / "Ľutina 854 09" / "Caniço 1888-583" before the end
        # of the line, and "..., 10115 Berlin" / "| 882 21 Liptovské Kľačany" / "H-3219 Mártonberény"
        # opening a field: a code of a shape in use somewhere, next to a capitalised town name
        # (before a town, not 19xx/20xx: "paid, 2019 Budget approved" is a year)
        RegexPattern("after town", rf"(?:,[ \t]*|\n)\p{{Lu}}\p{{Ll}}+(?:[ \-]\p{{Lu}}\p{{Ll}}+)*,?[ \t]+(?P<zip>{_CODE})"
                                   r"(?=[ \t]*(?:[,.;|)\n]|$))", 0.5, group="zip"),
        RegexPattern("before town", rf"(?:[,|][ \t]*|\n|^)(?!(?:19|20)\d\d\b)(?P<zip>{_CODE})[ \t]+\p{{Lu}}\p{{Ll}}", 0.5, group="zip",
                     flags=re.MULTILINE),
        RegexPattern("country prefix", r"(?<![\w\-])(?:[A-Z]{1,2})-\d{4,5}(?![\w\-])", 0.5),
        RegexPattern("eircode", r"\b[AC-FHKNPRTV-Y]\d{2}\s?[AC-FHKNPRTV-Y0-9]{4}\b", 0.5),
    )
