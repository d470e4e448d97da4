"""Organisations named with a legal, business or institutional head word ("Fowler LLC",
"Kirk and Sons", "Maple Hollow Elementary School", "Tri-County Superior Court"), or
in the field of a form that holds one ("Insurance: Anthem", "Employer: Reid-Roy").

The suffix list is the common set of English-language company designators plus the
head nouns hospitals, schools, courts, insurers and agencies are named with; the
small spaCy model misses many names before them, most often in headings and
letterheads. A court needs its kind ("Superior Court", "District Court"): "Elm Court"
is a street. A name never opens with an article or a determiner ("The School").
"""

from __future__ import annotations

import re

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["CompanySuffixRecognizer"]

_SUFFIX = (r"(?:Inc|LLC|L\.L\.C|Ltd|Limited|PLC|plc|Corp|Corporation|Co|Company|Group|Holdings|Partners|"
           r"Associates|LLP|LP|GmbH|AG|S\.A|Pty Ltd|and Sons|& Sons|Foundation|Trust|Clinic|Hospital|"
           r"Medical Center|Health|Healthcare|Bank|Insurance|University|College|"
           r"School|Academy|Pharmacy|Laboratories|Casualty|Mutual|Assurance|Credit Union|Agency|Institute|"
           r"Association|Society|Council|Authority|Logistics|Realty|Club|Library|"
           r"(?:Superior|District|Supreme|County|Circuit|Municipal|Family|Probate|Bankruptcy|Magistrates'?|"
           r"Crown|Juvenile) Court)\b\.?")
#: legal designators: a name before one of these is a company whatever its words are
#: ("Kestrel Ridge Orthodontics PLLC" -- not a person "Ridge Orthodontics")
_LEGAL = r"(?:Inc|LLC|L\.L\.C|PLLC|LLP|LLLP|Ltd|PLC|plc|Corp|GmbH|Pty Ltd|P\.C|P\.A|N\.A)\b\.?"
_WORD = r"(?:St\.|[A-Z][A-Za-z'&\-]+)"
#: words that open a sentence or a phrase, never a name
_OPENERS = (r"(?!(?i:The|A|An|Dear|Re|This|That|These|Those|Each|Every|Any|All|No|Our|Your|My|His|Her|Their|Its|"
            r"In|At|Of|For|To|From|By|With|On|And|Or|If|When)\b)")
#: form fields whose value is an organisation (not "Provider:" or "Landlord:" -- often a person)
_FIELDS = (r"(?:insurance|insurer|insurance carrier|health plan|employer|company|bank|pharmacy|school|"
           r"hospital|clinic|agency|lender|mortgagee|payer|vendor|supplier|organi[sz]ation|firm|university|"
           r"college|facility)")


class CompanySuffixRecognizer(RegexRecognizer):
    ENTITY = "ORGANIZATION"
    PATTERNS = (
        # the words of a name are on one line ("... Rowing Club\nInsurance: ..." is two things)
        RegexPattern("name + suffix", rf"\b{_OPENERS}{_WORD}(?:,?[ \t](?:and[ \t]|&[ \t])?{_WORD}){{0,3}},?[ \t]{_SUFFIX}",
                     0.55),
        # letterheads and signatures: "JetBlue Customer Care", "Acme Member Services"
        RegexPattern("name + legal designator",
                     rf"\b{_OPENERS}{_WORD}(?:,?[ \t](?:and[ \t]|&[ \t])?{_WORD}){{0,3}},?[ \t]{_LEGAL}", 0.65),
        RegexPattern("name + department", rf"(?<![\w.])(?P<org>{_OPENERS}{_WORD}(?:[ \t]{_WORD}){{0,2}})(?=[ \t]+"
                                          rf"(?:Customer (?:Care|Service|Relations|Support)|Member Services|"
                                          rf"Claims (?:Department|Dept|Center|Centre|Unit|Team))\b)",
                     0.5, group="org"),
        RegexPattern("organisation field",
                     rf"(?im:^[ \t]*{_FIELDS}(?:\s+name)?[ \t]*:[ \t]*)(?P<org>{_OPENERS}{_WORD}(?:[ \t]{_WORD}){{0,3}})"
                     rf"(?=[ \t]*(?:[,;(\n]|$)|[ \t]+(?:dental|medical|vision|health|auto|home|life|plan)\b)", 0.5,
                     group="org", flags=re.MULTILINE),
    )
