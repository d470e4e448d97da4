"""Mixed-script documents: Latin-script names inside Chinese text, Chinese lines
inside English text.

Chinese customer chats and HR mail carry English names ("请联系 John Smith") and
e-mail addresses. The e-mail/URL/number patterns run on every document whatever its
language; names need a model of their script, so each run of Latin-script words in
a Chinese document is analysed again by the English pipeline (PERSON only), with
its offsets moved back into the document. The other way round, a document detected as
English can still carry Chinese lines (a bilingual form: ``候选人：禚秀 / Candidate``,
``籍贯：广东省``); each line with Han characters in it is analysed again by the Chinese
pipeline (every entity type: Chinese fields are read by Chinese labels), and what the
English model proposed over Han text (``一面面试官：`` as NRP) is dropped: it reads no Chinese.

Chinese text also writes digits and Latin letters in their full-width forms
(``１３８１２３４５６７８``, ``ＡＢ１２３``), which no pattern of ours or Presidio's reads;
:func:`fold_width` maps them to ASCII one code point for one, so every offset stays put.
"""

from __future__ import annotations

import re
from typing import Any

from dataprotocol.deid._resolve import to_findings
from dataprotocol.deid._types import Finding

__all__ = ["fold_width", "han_lines", "han_findings", "latin_segments", "latin_findings", "without_han_ner"]

#: full-width digits, Latin letters and the signs numbers are written with (+ - . / @ #)
_FULL_WIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９＋－．／＠＃"}
_FULL_WIDTH.update({cp: cp - 0xFEE0 for cp in (*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))})
_HAS_FULL_WIDTH = re.compile("[\uff03\uff0b\uff0d-\uff19\uff20-\uff3a\uff41-\uff5a]")


def fold_width(text: str) -> str:
    """``text`` with full-width digits, letters and number signs in ASCII (same length)."""
    return text.translate(_FULL_WIDTH) if _HAS_FULL_WIDTH.search(text) else text

# capitalised Latin words (Mary, O'Neil, Jean-Luc, Dr.), one to four, separated by spaces
_WORD = r"[A-Z][a-z]+(?:['\u2019\-][A-Za-z]+)*\.?"
_SEGMENT = re.compile(rf"(?<![A-Za-z@._\-]){_WORD}(?:[ \t]+(?:[A-Z]\.|{_WORD})){{0,3}}(?![A-Za-z@\d])")


#: "Vivian's comment": the name without its possessive (the model sees "Vivian's" as no name)
_POSSESSIVE = ("'s", "\u2019s")


def latin_segments(text: str) -> list[tuple[int, int]]:
    """Spans of capitalised Latin words in ``text`` (e-mail and URL parts excluded)."""
    spans = [(m.start(), m.end() - (2 if m.group()[-2:] in _POSSESSIVE else 0)) for m in _SEGMENT.finditer(text)]
    return [(start, end) for start, end in spans if end - start >= 3]


def latin_findings(analyzer: Any, text: str, *, language: str, allow_list: list[str] | None) -> list[Finding]:
    """PERSON findings of the ``language`` pipeline on each Latin run of ``text``."""
    out: list[Finding] = []
    for start, end in latin_segments(text):
        results = analyzer.analyze(text=text[start:end], language=language, entities=["PERSON"],
                                   allow_list=allow_list)
        out.extend(Finding(f.start + start, f.end + start, f.entity_type, f.score, f.recognizer)
                   for f in to_findings(results))
    return out


_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_LINE = re.compile(r"[^\n]+")


def han_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of ``text`` with at least two Han characters."""
    return [m.span() for m in _LINE.finditer(text) if len(_HAN.findall(m.group())) >= 2]


def han_findings(analyzer: Any, text: str, *, allow_list: list[str] | None) -> list[Finding]:
    """Findings of the Chinese pipeline on each line of ``text`` that has Han characters."""
    out: list[Finding] = []
    for start, end in han_lines(text):
        results = analyzer.analyze(text=text[start:end], language="zh", allow_list=allow_list)
        out.extend(Finding(f.start + start, f.end + start, f.entity_type, f.score, f.recognizer)
                   for f in to_findings(results))
    return out


def without_han_ner(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` less the English model's spans over Han text (two Han characters or more)."""
    return [f for f in findings if f.recognizer != "SpacyRecognizer" or len(_HAN.findall(text, f.start, f.end)) < 2]
