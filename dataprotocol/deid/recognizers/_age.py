"""Ages: "45-year-old", "aged 45", "age: 45", "45 y/o", "45yo", "a 45 yr old", "age at hire: 45".

Only the number is reported, so "<AGE>-year-old" keeps the text readable. Ages over
89 are identifying under HIPAA Safe Harbor; all ages are quasi-identifiers.
"""

from __future__ import annotations

import re

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["AgeRecognizer"]

_N = r"(?P<age>1[01]\d|\d{1,2})"
#: pronouns and roles that stand for a person in "she's 61", "the tenant is 54"
_PERSONS = ("she|he|they|i|you|we|who|tenant|patient|client|resident|applicant|child|baby|son|daughter|mother|"
            "father|mum|mom|dad|husband|wife|partner|brother|sister|grandmother|grandfather|grandma|grandpa|"
            "owner|caller|customer|member|pupil|student|driver|victim|witness|claimant|guest|employee|candidate")
#: capitalised words that are counted things, not people ("Total is 12.")
_NOT_PERSONS = ("(?:Total|Score|Price|Amount|Balance|Count|Level|Size|Number|Page|Room|Dose|Grade|Rating|"
                "Version|Step|Item|Result|Value|Pain|Temp|Temperature|Weight|Height|Rate|Pulse|Sum|Cost)")
#: what may follow the number: a conjunction, punctuation or an age word -- not a unit
_CLOSE = r"(?=\s*(?:[,.;!)|]|$|and\b|but\b|so\b|now\b|today\b|this\b|next\b|years?\b|yrs?\b|y/o\b|yo\b))"


_UNITS = "one|two|three|four|five|six|seven|eight|nine"
#: "sixty-two", "nineteen", "a hundred and one": an age written in words
_WORDS = (rf"(?P<age>(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s\-](?:{_UNITS}))?|"
          rf"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_UNITS}|"
          rf"(?:a|one)[\s\-]hundred(?:[\s\-](?:and[\s\-])?(?:{_UNITS}|ten|eleven|twelve))?))")


class AgeRecognizer(RegexRecognizer):
    """The number of an age expression."""

    ENTITY = "AGE"
    PATTERNS = (
        RegexPattern("n-year-old", rf"\b{_N}[\s\-]*(?:years?|yrs?|y)[\s\-]*(?:old|o)\b", 0.8, group="age",
                     flags=re.IGNORECASE),
        RegexPattern("words-year-old", rf"\b{_WORDS}[\s\-]+years?[\s\-]+old\b", 0.7, group="age",
                     flags=re.IGNORECASE),
        RegexPattern("y/o", rf"\b{_N}\s*(?:y/o|yo|y\.o\.)(?!\w)", 0.8, group="age", flags=re.IGNORECASE),
        RegexPattern("aged n", rf"\b(?:aged?|Age)\s*(?:is|was|of|:|=)?\s*{_N}\b", 0.7, group="age",
                     flags=re.IGNORECASE),
        # "Age at hire: 26", "age at diagnosis 54", "Age on admission: 71": an age field with its occasion
        RegexPattern("age at event", rf"\bage\s+(?:at|on|when)\s+(?:the\s+)?[a-z]+(?:\s+[a-z]+)?\s*[:=]?\s*{_N}\b"
                                     rf"(?!\s*(?:%|am|pm|[:/.]\d))",
                     0.7, group="age", flags=re.IGNORECASE),
        # "a 58 Somali national", "an 18 Hispanic male": the number before a nationality and a person noun
        RegexPattern("a n nationality", rf"\b(?i:an?)\s+{_N}\s+\p{{Lu}}\p{{Ll}}+\s+(?=(?i:national|citizen|"
                                         rf"resident|man|woman|male|female|boy|girl|immigrant|refugee|student)\b)",
                     0.6, group="age"),
        RegexPattern("n years of age", rf"\b{_N}\s+years\s+of\s+age\b", 0.8, group="age", flags=re.IGNORECASE),
        RegexPattern("turned n", rf"\b(?:turn(?:ed|s|ing)?|just turned)\s+{_N}\b(?!\s*(?:%|am|pm|minutes|days))",
                     0.6, group="age", flags=re.IGNORECASE),
        # "John Smith (45) ...", "Jane Roe (45, from Leeds)": a small number in brackets after a name
        RegexPattern("name (n)", rf"(?<=[A-Za-z]\s)\({_N}(?=\)|,)", 0.45, group="age"),
        # "Re: Jane Roe, 45 years, ..." / "Roe, Jane - 45 yrs - fall" / "| 45 yrs |" -- a bare "N years"
        # set off by a comma, bracket, dash or bar
        RegexPattern(", n years", rf"(?:(?<=,)|(?<=\()|(?<=[|\u2013\u2014])|(?<=\s-))\s*{_N}\s*(?:years|yrs)\b"
                                  rf"(?!\s+(?:ago|later|of\s+(?:service|experience)))", 0.5,
                     group="age", flags=re.IGNORECASE),
        # "Rahul is 54 and recovering", "She is 70 so knock loudly", "the tenant is 54 and",
        # "Ms Otieno, 61, was seen", "Applicant: Mary Drake, 20 | Employer": a bare number right
        # after a person (name, pronoun or role) and a copula, closed by a conjunction or punctuation
        RegexPattern("person is n", rf"(?:\b(?!{_NOT_PERSONS}\b)\p{{Lu}}\p{{Ll}}+,?|\b(?i:{_PERSONS}))"
                                    rf"(?:\s+(?:is|was|turns|turned|will be)|'s|\u2019s|'m|\s+am)\s+{_N}{_CLOSE}",
                     0.45, group="age", flags=re.MULTILINE),
        RegexPattern("name, n,", rf"\b\p{{Lu}}\p{{Ll}}+,\s+{_N}(?=\s*(?:[,;)|]|$))", 0.45, group="age",
                     flags=re.MULTILINE),
        # self-introductions: "hey i'm Bhavya from Jodhpur, 24 and new here", "I'm Sean, 41, from Leeds"
        RegexPattern("i'm ..., n", rf"(?i:\b(?:i'm|i\u2019m|i am|im)\s)[^.!?\n,]{{1,40}},\s*{_N}(?=\s*(?:,|and\b|[.!?]|$))",
                     0.5, group="age", flags=re.MULTILINE),
        # "reports being 73 and not injured", "DOB 4-5-1947 (77)": being + a number, or a number in
        # brackets after a date of birth
        RegexPattern("being n", rf"\bbeing\s+{_N}(?=\s*(?:[,.;]|and\b|years?\b|yrs?\b))", 0.5, group="age",
                     flags=re.IGNORECASE),
        RegexPattern("dob (n)", rf"\b(?:DOB|D\.O\.B\.?|born|date of birth)\b[^\n()]{{1,25}}\(\s*{_N}\s*"
                                rf"(?:y|yo|yrs?|years?)?\s*\)", 0.6, group="age", flags=re.IGNORECASE),
        RegexPattern("n M/F", rf"(?<![\d.,]){_N}\s?(?:M|F|yo[MF])\b(?=[\s,.;)\]])", 0.6, group="age"),
    )
