"""Nationalities, religions and political groups (NRP) in English text.

Special categories of personal data (GDPR Art. 9: racial or ethnic origin, political
opinions, religious beliefs) and quasi-identifiers. spaCy's NORP label is erratic on
the small model; these are closed lists -- demonyms of the most populous countries,
world religions and their common denominations, ethnic categories of the US Census,
and the major parties of English-speaking democracies -- reported as NRP. The
adjective use ("Chinese food") is over-redaction, accepted: a quasi-identifier.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["NrpLexiconRecognizer"]

_NATIONALITIES = (
    "American|Canadian|Mexican|Brazilian|Argentine|Argentinian|Chilean|Colombian|Peruvian|Venezuelan|Cuban|"
    "Dominican|Haitian|Jamaican|Puerto Rican|Salvadoran|Guatemalan|Honduran|Nicaraguan|Ecuadorian|Bolivian|"
    "British|English|Scottish|Welsh|Irish|French|German|Italian|Spanish|Portuguese|Dutch|Belgian|Swiss|Austrian|"
    "Swedish|Norwegian|Danish|Finnish|Icelandic|Polish|Czech|Slovak|Hungarian|Romanian|Bulgarian|Greek|Turkish|"
    "Serbian|Croatian|Bosnian|Albanian|Ukrainian|Russian|Belarusian|Lithuanian|Latvian|Estonian|Georgian|Armenian|"
    "Chinese|Japanese|Korean|Vietnamese|Thai|Filipino|Filipina|Indonesian|Malaysian|Singaporean|Burmese|Cambodian|"
    "Laotian|Indian|Pakistani|Bangladeshi|Sri Lankan|Nepalese|Nepali|Afghan|Iranian|Iraqi|Syrian|Lebanese|Jordanian|"
    "Israeli|Palestinian|Saudi|Emirati|Yemeni|Egyptian|Moroccan|Algerian|Tunisian|Libyan|Sudanese|Ethiopian|Eritrean|"
    "Somali|Kenyan|Ugandan|Tanzanian|Rwandan|Nigerian|Ghanaian|Senegalese|Ivorian|Cameroonian|Congolese|Angolan|"
    "South African|Zimbabwean|Zambian|Australian|New Zealander|Kiwi|Taiwanese|Mongolian|Kazakh|Uzbek|Tibetan"
)
_RELIGIONS = (
    "Christian|Catholic|Roman Catholic|Protestant|Evangelical|Baptist|Methodist|Lutheran|Presbyterian|Episcopalian|"
    "Anglican|Pentecostal|Mormon|Latter-day Saint|Jehovah's Witness|Jehovah\u2019s Witness|Seventh-day Adventist|"
    "Adventist|Quaker|Mennonite|Amish|Orthodox Christian|Greek Orthodox|Russian Orthodox|Eastern Orthodox|Coptic|"
    "Muslim|Moslem|Sunni|Shia|Shiite|Islamic|Jewish|Jew|Orthodox Jewish|Hasidic|Hindu|Buddhist|Sikh|Jain|Bahá'í|"
    "Baha'i|Taoist|Shinto|Zoroastrian|Rastafarian|Unitarian|Scientologist|Wiccan|Pagan|atheist|agnostic"
)
_ETHNIC = ("Hispanic|Latino|Latina|Latinx|African American|African-American|Black American|Asian American|"
           "Caucasian|Native American|American Indian|Alaska Native|Pacific Islander|Native Hawaiian|Arab|Kurdish|"
           "Roma|Romani|Aboriginal|Indigenous|Māori|Maori|Inuit|First Nations")
_POLITICAL = ("Democrat|Democrats|Democratic Party|Republican|Republicans|Republican Party|GOP|Libertarian|"
              "Libertarian Party|Green Party|Labour|Labour Party|Conservative Party|Tory|Tories|Liberal Democrat|"
              "Lib Dem|Scottish National Party|SNP|Communist Party|communist|socialist|Socialist Party|"
              "Democratic Socialists|Reform Party|Constitution Party|Bloc Québécois|New Democratic Party|NDP")


class NrpLexiconRecognizer(RegexRecognizer):
    ENTITY = "NRP"
    CONTEXT = ("nationality", "religion", "religious", "faith", "ethnicity", "ethnic", "race", "citizen",
               "party", "affiliation", "denomination", "voted", "member of", "descent", "heritage")
    PATTERNS = (
        RegexPattern("nationality", rf"\b(?:{_NATIONALITIES})(?:-American)?s?\b", 0.4),
        RegexPattern("religion", rf"\b(?:{_RELIGIONS})s?\b", 0.5),
        RegexPattern("ethnic group", rf"\b(?:{_ETHNIC})s?\b", 0.5),
        RegexPattern("political group", rf"\b(?:{_POLITICAL})\b", 0.45),
    )
