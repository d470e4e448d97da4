"""Street addresses ("42 Elm Street, Apt 3", "Flat 2, 10 Baker Road", "PO Box 123", "RR 6 Box 59").

Vanilla Presidio has no address recognizer; spaCy's small model tags at most the
city. The suffix list is the common subset of USPS Publication 28, appendix C1
(street suffix abbreviations) plus UK/Commonwealth forms. Continental forms need a
house number to count: the street word closing a compound or a phrase
("Oscar-Siering-Gasse 95/67", "Backgatan 4", "Ady Endre utca 43.") or opening it
("aleja Asnyka 732", "944, chemin de Maillot", "Jl. BKR No. 68", "Calle Mayor 5").
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["StreetAddressRecognizer"]

_SUFFIXES = (
    "Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|"
    "Way|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Crescent|"
    "Cres|Close|Mews|Row|Grove|Gardens|Gdns|Hill|Hills|Park|Alley|Aly|Bend|Bridge|Brook|"
    "Burg|Bypass|Camp|Canyon|Cape|Causeway|Center|Centre|Cliff|Club|Common|Commons|Corner|"
    "Corners|Course|Courts|Cove|Creek|Crest|Crossing|Crossroad|Curve|Dale|Dam|Divide|Drives|"
    "Estate|Estates|Expressway|Expy|Extension|Falls|Ferry|Field|Fields|Flat|Flats|Ford|Fords|"
    "Forest|Forge|Forges|Fork|Forks|Fort|Freeway|Fwy|Garden|Gateway|Glen|Glens|Green|Greens|"
    "Harbor|Harbors|Haven|Heights|Hts|Hollow|Inlet|Island|Islands|Isle|Junction|Junctions|"
    "Key|Keys|Knoll|Knolls|Lake|Lakes|Landing|Light|Lights|Loaf|Lock|Locks|Lodge|Loop|Mall|"
    "Manor|Manors|Meadow|Meadows|Mill|Mills|Mission|Motorway|Mount|Mountain|Mountains|Neck|"
    "Orchard|Oval|Overpass|Pass|Passage|Path|Pike|Pine|Pines|Plain|Plains|Plaza|Point|Points|"
    "Port|Ports|Prairie|Radial|Ramp|Ranch|Rapid|Rapids|Rest|Ridge|Ridges|River|Roads|Route|"
    "Shoal|Shoals|Shore|Shores|Skyway|Spring|Springs|Spur|Spurs|Station|Stravenue|Stream|"
    "Streets|Summit|Throughway|Trace|Track|Trafficway|Tunnel|Turnpike|Underpass|Union|Unions|"
    "Valley|Valleys|Via|Viaduct|View|Views|Village|Villages|Ville|Vista|Walk|Walks|Wall|Ways|"
    "Well|Wells|Wharf|Wynd|Gate|Rise|Hall|Cottages|Quay|Heath|Vale|Embankment|Parade|Extensions|Extension|"
    "Squares|Driveway|Esplanade|Promenade|Nagar|Marg|Chowk|Ganj|Colony"
)
# a house number, or a Wisconsin/northern Illinois grid number ("W207N8484": miles west and north)
_NUMBER = r"(?:[NSEW]\d{1,4}[NSEW]\d{1,5}|\d{1,6}[A-Za-z]?(?:[-/]\d{1,4})?),?"
# a street-name word: capitalised, or a numbered street ("5th", "42nd", "W 125th")
_WORD = r"(?:[A-Z][A-Za-z'\-]+\.?|\d{1,3}(?:st|nd|rd|th))"
# USPS Pub. 28 secondary unit designators (C2), one or two of them ("Bldg 2, Rm 301")
_DESIGNATOR = (r"(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Floor|Fl\.?|Room|Rm\.?|Bldg\.?|Building|Lot|Trlr|"
               r"Trailer|Spc|Space|Dept\.?|Department|Hngr|Hangar|Pier|Slip|Stop|Lbby|Lobby|Ofc|Office|Ph|Penthouse|"
               r"Frnt|Rear|Side|Lowr|Uppr|Bsmt|Basement|#)")
_UNIT = rf"(?:(?:,?\s+|\s*/\s*){_DESIGNATOR}\s*[A-Za-z0-9][A-Za-z0-9\-]{{0,5}}){{0,2}}"
_POST_DIRECTION = r"(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\.?(?![\w]))?"
# "County Road 12", "State Route 9", "Highway 101", "Interstate 95"
_ROUTE_NUMBER = r"(?:\s+\d{1,4}[A-Z]?(?![\w\-]))?"
_TAIL = r"(?:,?\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:,?\s+[A-Z]{2})?,?\s+\d{5}(?:-\d{4})?\b)?"
_DIRECTION = r"(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"

# German, Dutch, Nordic, Finnish: the street word ends a compound ("Rohlederstr.", "Backgatan").
_COMPOUND_END = ("straße|strasse|str\\.|gasse|weg|platz|ring|allee|damm|ufer|gatan|vägen|gränd|gade|vej|"
                 "veien|vegen|gata|katu|tie|straat|laan|gracht|plein|kade|singel")
# Central/Eastern European street words that follow the name ("Kozarčev vijenac 74").
_AFTER_NAME = "utca|út|útja|tér|körút|ulica|ulice|cesta|vijenac|iela|gatvė|tänav|breg|prečac|trieda|námestie"
# Romance, Polish, Turkish, Indonesian street words that open the name.
_BEFORE_NAME = ("rue|avenue|av\\.|chemin|boulevard|bd\\.|allée|impasse|quai|calle|avenida|avda\\.|carrera|"
                "paseo|rua|travessa|praça|via|viale|piazza|corso|ul\\.|al\\.|aleja|ulica|os\\.|pl\\.|plac|"
                "jl\\.|jalan|gang|strada|calea|bulevardul|sokak|sk\\.|cadde|caddesi|cd\\.")
# "via" and "place" are English words too: only their capitalised forms open a street name.
_OPENER = "(?:" + "|".join(sorted({f for w in _BEFORE_NAME.split("|") for f in (w, w[0].upper() + w[1:])
                                   if not (w == "via" and f == w)}, key=len, reverse=True)) + ")"
_PARTICLES = "von|van|der|den|de|del|la|le|di|da|af|zu|am|an|im"
_HOUSE = r"\d{1,5}[a-z]?(?:[/\-]\d{1,4}[a-z]?)?"
_NAME_PART = r"[\p{L}\d][\p{L}\d'\-]*\.?"


class StreetAddressRecognizer(RegexRecognizer):
    """House number + street name + suffix (+ unit); PO boxes; military addresses."""

    ENTITY = "STREET_ADDRESS"
    CONTEXT = ("address", "addr", "lives", "live", "living", "resides", "street", "ship", "mail",
               "deliver", "located", "moved")
    PATTERNS = (
        RegexPattern(
            "number street suffix",
            rf"(?:(?:Flat|Apartment|Apt\.?|Unit|Suite)\s+[A-Za-z0-9\-]{{1,5}},?\s+)?\b{_NUMBER}\s+{_DIRECTION}"
            rf"(?:{_WORD}\s+){{0,3}}(?:{_SUFFIXES})\b\.?{_ROUTE_NUMBER}{_POST_DIRECTION}{_UNIT}{_TAIL}",
            0.7,
        ),
        RegexPattern(
            "unit-first street",
            rf"\b(?:Flat|Apartment|Apt\.?|Unit|Suite)\s+[A-Za-z0-9\-]{{1,5}},?\s+(?:{_WORD}\s+){{1,3}}(?:{_SUFFIXES})\b",
            0.6,
        ),
        RegexPattern("street word ends the name",
                     rf"(?<![\w\-])(?:\p{{Lu}}[\p{{L}}'\-]*\.?\s+(?:(?:{_PARTICLES})\s+)?){{0,3}}"
                     rf"(?i:[\p{{L}}\-]{{2,}}(?:{_COMPOUND_END})|(?:{_AFTER_NAME}))\.?\s+{_HOUSE}\.?(?![\w/\-])",
                     0.6),
        RegexPattern("separate street word",
                     rf"(?<![\w\-])(?:\p{{Lu}}[\p{{L}}'\-]*\.?\s+(?:(?:{_PARTICLES})\s+)?){{1,3}}"
                     rf"(?:Straße|Strasse|Str\.|Gasse|Weg|Platz|Allee|Damm|Ufer|Straat|Laan|Plein|Gata|Vej)"
                     rf"\s+{_HOUSE}(?![\w/\-])", 0.6),
        RegexPattern("street word opens the name",
                     rf"(?<![\w\-])(?:{_HOUSE},?\s+{_OPENER}\s+(?:{_NAME_PART}\s+){{0,3}}{_NAME_PART}"
                     rf"|{_OPENER}\s+(?:{_NAME_PART}\s+){{0,3}}?(?:No\.?\s*|nr\.?\s*|n[°º]\s*)?{_HOUSE}"
                     rf"(?![\w/\-]))",
                     0.6),
        RegexPattern("po box", r"\b(?:P\.?\s?O\.?\s?Box|Post Office Box|PSC \d{3,5},? Box|PMB|Private Mailbox)"
                               r"\s*#?\s*\d{1,6}\b", 0.7, flags=0),
        RegexPattern("number + pmb", rf"\b{_NUMBER}\s+(?:{_WORD}\s+){{0,3}}(?:{_SUFFIXES})\b\.?,?\s+(?:PMB|#)\s*\d{{1,6}}\b",
                     0.7),
        RegexPattern("military", r"\b(?:USNS|USNV|USS|USCGC)\s+[A-Z][a-z]+\b", 0.6),
        RegexPattern("unit box", r"\bUnit\s+\d{3,5},?\s+Box\s+\d{3,5}\b", 0.7),
        # USPS rural route and highway contract boxes (Pub. 28, 29): "RR 6 Box 59", "HC 68 Box 760"
        RegexPattern("rural box", r"\b(?:RR|R\.R\.|Rural Route|Route|RFD|HC|Highway Contract|Star Route)\s*#?\s*\d{1,3}"
                                  r",?\s+Box\s*#?\s*\d{1,5}[A-Z]?\b", 0.7),
    )
