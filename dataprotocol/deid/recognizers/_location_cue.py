"""Places signalled by their context: "lives in X", "moved to X", "from X", "near X",
and a town before a US state code ("Mobile, AL").

The small spaCy model misses town names it has not seen; a capitalised word after a
place preposition or a residence verb is a place far more often than not. Scored
below the NER (0.4), so it only fills gaps; months, weekdays and titles are refused.
"""

from __future__ import annotations

import re

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["LocationCueRecognizer"]

_PLACE = r"(?P<place>[A-Z][a-z]+(?:[\s\-](?:[A-Z][a-z]+|on|upon|de|la)\b){0,3})"
_TOWN = r"(?:St\.[ ])?[A-Z][a-z]+(?:[ \-](?:[A-Z][a-z]+|de|la)){0,2}"
#: USPS state codes, less MD and PA (also credentials after a name)
_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MA|MI|MN|MS|MO|MT|NE|NV|NH|"
           "NJ|NM|NY|NC|ND|OH|OK|OR|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR")
_ZIP = r"[ \t]+\d{5}(?:-\d{4})?\b"


class LocationCueRecognizer(RegexRecognizer):
    ENTITY = "LOCATION"
    PATTERNS = (
        RegexPattern("residence verb", rf"(?i:\b(?:lives? in|living in|moved to|moving to|relocated to|based in|"
                                       rf"located in|resident of|born in|grew up in|hometown(?: is)?|city of|"
                                       rf"town of|visiting|travel(?:l)?ing to|flying to|flew to|office in|"
                                       rf"branch in|clinic in|depot in|club in|campus in)\s+){_PLACE}", 0.5,
                     group="place"),
        # "Mobile, AL", "Des Moines, IA 50328", "Anchorage AK 99555": a town before a USPS state code
        # (a credential "Roe, MD" / "Roe, PA" only with a ZIP code after it)
        RegexPattern("town, state", rf"(?<![\w\-])(?P<place>{_TOWN}(?:,[ \t]*(?:{_STATES}|(?:MD|PA)(?={_ZIP}))(?={_ZIP}|"
                                    rf"[ \t]*(?:[,.;:|)\n]|$))|[ \t](?:{_STATES}|MD|PA)(?={_ZIP})))", 0.45, group="place",
                     flags=re.MULTILINE),
        RegexPattern("preposition", rf"(?i:\b(?:in|from|near)\s+){_PLACE}(?=\s*(?:,\s*[A-Z]|[.;!?)]|$))",
                     0.4, group="place"),
    )

    def validate(self, value: str) -> bool:
        return value.split()[0].lower() not in _NOT_PLACES


_NOT_PLACES = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday today tomorrow yesterday the a an this that my our your his her their dr mr mrs "
    "ms miss prof english french spanish german hindi chinese arabic python java excel word email "
    "phone person team support customer patient bed bay room ward clinic hospital office home work "
    "school church court it he she they we you i me him them us all".split()
)
