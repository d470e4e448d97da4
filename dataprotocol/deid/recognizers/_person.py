"""Person names signalled by their context: titles, greetings, sign-offs, "my name is".

spaCy's small model misses names in lower-case chat, after titles it does not know
("Nurse", "Pt.") and in sign-offs. These patterns need a capitalised word right
after a strong cue, so they stay precise on text they were not written for.
"""

from __future__ import annotations

import re

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["PersonContextRecognizer"]

_NAME_WORD = r"(?:\p{Lu}\p{Ll}+(?:[\-'][A-Z]?\p{Ll}+)?|[A-Z]\.|O'[A-Z][a-z]+|Mc[A-Z][a-z]+)"
_TITLE = r"(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?\s+)?"
# the words of one name are on one line ("To: Card Disputes\nPlease ..." is no name)
_NAME = rf"{_TITLE}(?P<name>{_NAME_WORD}(?:[ \t]{_NAME_WORD}){{0,2}})"
_I = re.IGNORECASE


class PersonContextRecognizer(RegexRecognizer):
    ENTITY = "PERSON"
    PATTERNS = (
        RegexPattern("title", rf"\b(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Sr|Sra|Rev|Capt|Sgt|Nurse|Pt|Patient|Dear)"
                              rf"\.?\s+{_NAME}", 0.7, group="name"),
        RegexPattern("my name is", rf"(?i:\b(?:my name is|my name's|i am|i'm|this is|call me|name:|name -|"
                                   rf"patient name:?|contact person:?|full name:?|customer:?|client:?|"
                                   rf"signed,?|regards,?|thanks,?|thank you,?|cheers,?|best,?|sincerely,?|"
                                   rf"from:|to:|cc:|attn:?|hi|hello|hey|dear|it's|it is|text|texted|ping|"
                                   rf"scanned for|issued to|belongs to|tell|told|ask|asked|thank|thanks to|thx|ty|dm|message|"
                                   rf"user|customer|client|member|employee|candidate|applicant|guest|tenant|"
                                   rf"resident|caller|new hire)\s+){_NAME}", 0.6, group="name"),
        # chat transcripts: "Christian: running late" (a form label is followed by a value, not prose)
    # roles and relations in notes and forms: "Emergency contact - Jane Roe", "Apologies: Jo Bell"
    RegexPattern("role label", rf"(?i:\b(?:contact|emergency contact|next of kin|guardian|parent|spouse|partner|"
                               rf"wife|husband|son|daughter|mother|father|sister|brother|manager|chair|"
                               rf"apologies|attendees|present|absent|owner|assignee|reporter|witness|landlord|"
                               rf"tenant|agent|officer|consignee|student|pupil|employee|patient name|"
                               rf"requested by|approved by|prepared by)\s*[:\-\u2013]\s*){_NAME}", 0.6, group="name"),
    # airline and booking records: "SURNAME/GIVEN MR", "Passenger Rozman/Katja (26)"
    RegexPattern("surname/given", r"(?i:\b(?:passenger|traveller|traveler|pax|guest|name)s?:?\s+)"
                                  r"(?P<name>\p{Lu}[\p{L}'\-]+/\p{Lu}[\p{L}'\-]+)(?![\w/])", 0.6, group="name"),
    RegexPattern("surname/given title", r"\b\p{Lu}[\p{L}'\-]+/\p{Lu}[\p{L}'\-]+(?=\s+(?:MR|MRS|MS|MISS|MSTR|DR)\b)",
                 0.6),
    RegexPattern("speaker label", rf"(?m)^{_NAME}:\s+(?=[a-z])", 0.45, group="name"),
    RegexPattern("name said", rf"{_NAME}\s+(?:said|says|wrote|writes|called|reported|complains|complained|"
                                  rf"asked|emailed|mentioned|replied|states|stated|denies|presents|presented)\b",
                     0.45, group="name"),
        RegexPattern("spoke with", rf"(?i:\b(?:spoke with|spoke to|talked to|met with|referred by|seen by|"
                                   rf"assigned to|escalated to|forwarded to|ask for|cc'?d|attending:?|"
                                   rf"physician:?|provider:?|nurse:?|agent:?|rep:?|written by|signed by)\s+){_NAME}",
                     0.5, group="name"),
    )

    def validate(self, value: str) -> bool:
        return value.split()[0].lower() not in _NOT_NAMES


# Capitalised words that follow the cues above without being names.
_NOT_NAMES = frozenset(
    "the a an this that my our your his her their i we you he she they it there here thanks thank "
    "hello hi hey regards best team support customer patient doctor nurse all everyone sir madam "
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday please "
    "re fw fwd subject date phone email address mrn dob ssn name not just also good great ok okay "
    "yes no sorry again again. order ticket account care unit room ward emergency note notes subject "
    "update summary assessment plan reason history diagnosis warning error status time total result "
    "results action comment comments question answer step q a id user customer client new to from cc bcc "
    "attn sent date "
    # departments, roles and report sections after "customer"/"applicant"/"client" ("Customer
    # Relations", "Applicant Report", "Customer Advocate")
    "relations advocate report screening service services success experience portal recommendation "
    "employment pets merchant coordinator callback signature record records "
    # questions after a speaker label ("Agent: Do you have ...", "Rep: What is ...")
    "what do does did can could would will is are was were how why where when who which sure".split()
)
