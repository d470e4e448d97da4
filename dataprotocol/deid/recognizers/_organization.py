"""Organisations named with a legal or business suffix ("Fowler LLC", "Kirk and Sons").

The suffix list is the common set of English-language company designators; the
small spaCy model misses many names before them.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["CompanySuffixRecognizer"]

_SUFFIX = (r"(?:Inc|LLC|L\.L\.C|Ltd|Limited|PLC|plc|Corp|Corporation|Co|Company|Group|Holdings|Partners|"
           r"Associates|LLP|LP|GmbH|AG|S\.A|Pty Ltd|and Sons|& Sons|Foundation|Trust|Clinic|Hospital|"
           r"Medical Center|Health|Healthcare|Bank|Insurance|University|College)\b\.?")
_WORD = r"[A-Z][A-Za-z'&\-]+"


class CompanySuffixRecognizer(RegexRecognizer):
    ENTITY = "ORGANIZATION"
    PATTERNS = (
        RegexPattern("name + suffix", rf"\b{_WORD}(?:,?\s(?:and\s|&\s)?{_WORD}){{0,3}},?\s{_SUFFIX}", 0.55),
    )
