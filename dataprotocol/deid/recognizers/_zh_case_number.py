"""Case and file numbers of Chinese courts and authorities (案号), with or without a label.

A court case number has a fixed national form (最高人民法院《关于人民法院案件案号的若干
规定》, 2015): the year in brackets, the court's code (a province abbreviation and digits,
``京0105``, or ``最高法``), the case-type code (``民初``, ``刑终``, ``执``, ``知民初`` ...),
the serial and ``号`` -- ``（2024）京0105民初12345号``, ``(2022)最高法民终12号之一``. It
names one lawsuit, and through the case its parties (HIPAA 18, "any other unique
identifying number"); the bracketed year followed by a code is distinctive enough to
report without a label.

Police filing and certificate numbers put the bracketed year after a prefix ending in
``字`` (``京公刑立字〔2024〕123号``, ``沪房租字（2024）第0123号``); real-estate
certificates read ``京（2024）朝阳区不动产权第0012345号``, and certificates without a year
``军字第1234567号``, ``京房权证朝字第123456号``; notarial certificates put the year first
(``（2026）京东方证字第12345号``). A people's mediation agreement carries the committee's code
ending in 调 (``市南人调〔2026〕311号``, ``朝民调字〔2025〕8号``): it names the dispute and its
parties, like a case number. A government document number (``国办发〔2024〕12号``) has
none of these forms and is left alone: it names no person -- unless a record label
stands before it (``编号：``, ``案号：``, ``借款合同号：JK（2024）第0315号``), which makes it the
record's own number.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChineseCaseNumberRecognizer"]

_YEAR = r"\s?(?:19|20)\d{2}\s?"
_OPEN, _CLOSE = r"[（(〔\[［【]", r"[）)〕\]］】]"
_TAIL = r"\d{1,7}号(?:之[一二三四五六七八九十\d]{1,3})?"
#: court code: province abbreviation + 2-6 digits (京0105, 沪01, 津72) or 最高法
_COURT = r"(?:\p{Han}{1,2}\d{2,6}|最高法)"
_COURT_CASE = rf"{_OPEN}{_YEAR}{_CLOSE}{_COURT}\p{{Han}}{{1,6}}?第?{_TAIL}"
#: the prefix is a run of Han that holds no label word (案号为京公刑立字 starts at 京)
_FILED = rf"(?:(?![号为是的：:])\p{{Han}}){{1,8}}?字\s?{_OPEN}{_YEAR}{_CLOSE}\s?第?{_TAIL}"
#: notarial and other certificates with the year first: （2026）京东方证字第12345号, (2024)沪徐证经字第88号
_YEAR_FIRST = rf"{_OPEN}{_YEAR}{_CLOSE}\s?(?:(?![号为是的：:])\p{{Han}}){{1,10}}?字\s?第?{_TAIL}"
_MEDIATION = rf"(?:(?![号为是的：:])\p{{Han}}){{1,8}}?调字?\s?{_OPEN}{_YEAR}{_CLOSE}\s?第?{_TAIL}"
#: any bracketed-year number after a record label (编号：市南人调〔2026〕311号)
_LABELLED = (rf"(?<=\p{{Han}})(?:编号|号)\s*(?:[:：]|是|为)?\s*"
             rf"(?P<id>(?:[A-Za-z]{{1,6}}|(?:(?![号为是的：:])\p{{Han}}){{0,10}}?){_OPEN}{_YEAR}{_CLOSE}\s?第?\s?"
             rf"\d{{1,10}}\s?号(?:之[一二三四五六七八九十\d]{{1,3}})?)")
_PROPERTY = rf"\p{{Han}}{_OPEN}{_YEAR}{_CLOSE}\p{{Han}}{{1,10}}?不动产(?:权|证明)第?\d{{4,10}}号"


class ChineseCaseNumberRecognizer(RegexRecognizer):
    ENTITY = "ID"
    LANGUAGE = "zh"
    CONTEXT = ("案号", "案件编号", "案件号", "立案号", "文号", "编号", "证号", "判决书", "裁定书", "传票", "法院")
    PATTERNS = (
        RegexPattern("court case", _COURT_CASE, 0.65),
        RegexPattern("filed under a 字 prefix", _FILED, 0.55),
        RegexPattern("real-estate certificate", _PROPERTY, 0.6),
        RegexPattern("year-first certificate", _YEAR_FIRST, 0.6),
        RegexPattern("mediation agreement", _MEDIATION, 0.6),
        RegexPattern("labelled bracketed-year number", _LABELLED, 0.6, group="id"),
        RegexPattern("certificate 字第N号", r"(?:(?![号为是的：:])\p{Han}){1,6}?字第\d{4,10}号", 0.55),
    )
