"""From Presidio's raw results to clean findings.

Vanilla Presidio returns overlapping spans of different types (an e-mail that is
also a URL and an ORGANIZATION), tags field labels ("DOB", "SSN", "MRN") as
organisations, and calls "yesterday" a DATE_TIME. This module fixes those, in order:

1. drop ignored types and low scores;
2. NER clean-up: strip field labels and edge punctuation, drop label words,
   relative dates, durations and clock times;
3. overlap resolution (then: a small number set off right after a name is an age):
   pattern recognizers (checksums, formats, context) outrank
   the statistical NER; a lower-ranked span is trimmed to what is left, not dropped;
4. propagation: a value found once is scrubbed everywhere in the
   document (a name the model caught in one sentence but missed in the next).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from dataprotocol.deid._config import ScrubConfig
from dataprotocol.deid._language import is_cjk
from dataprotocol.deid._types import Finding

__all__ = ["line_parts", "resolve", "to_findings", "whole"]

_NER = "SpacyRecognizer"
_LABEL = (r"(?:DOB|D\.O\.B\.?|SSN|MRN|Tel|Phone|Ph|Mobile|Cell|Fax|E-?mail|Name|Patient|Pt|Address|Addr|"
          r"Zip|Age|Sex|Gender|Date|ID|Acct|Account|Ticket|Re|Subject|Order|Ref|From|To|Cc|Attn|Dx|Hx|Dear|IBAN|Driver|License|Licence|Passport|Card|Hi|Hello)")
_LEADING_LABEL = re.compile(rf"\s*{_LABEL}\b\s*[:#.\-]*\s*", re.IGNORECASE)
_TRAILING_LABEL = re.compile(rf"[\s:,]+{_LABEL}[\s:#.]*$", re.IGNORECASE)
_LABEL_WORDS = frozenset(
    "dob d.o.b ssn mrn tel phone email e-mail name patient pt address zip age sex gender date id "
    "acct account ticket re subject order ref er icu bp hr rr pin otp ceo it api url pdf csv "
    "sms faq n/a na tbd eta asap fyi vip customer cb pii phi gdpr hipaa driver iban dear license licence "
    "passport card visa dr mr mrs ms nurse ip wifi vpn os ui ux "
    # the parties and roles of legal, tenancy, shipping, insurance and pharmacy papers: the model
    # reads a capitalised role ("Plaintiff, v.", "Notices to Tenant") as a person or organisation
    "plaintiff plaintiffs defendant defendants petitioner respondent appellant appellee claimant "
    "tenant tenants landlord lessor lessee licensee consignee consignor shipper insured insurer "
    "policyholder beneficiary adjuster registrar pharmacist prescriber applicant employee employer "
    "esq esq.".split()
)
_NAMED = frozenset({"PERSON", "ORGANIZATION", "LOCATION", "NRP"})
_MONTHS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
_DURATION = re.compile(
    r"(?:(?:about|around|over|under|the|a|an|few|several|last|next|past|\d+|one|two|three|four|five|six|seven|"
    r"eight|nine|ten)[\s\-]+){0,3}(?:days?|weeks?|months?|hours?|hrs?|minutes?|mins?|seconds?|secs?)"
    r"(?:\s+(?:ago|later))?", re.IGNORECASE)  # never "N years": in notes that is usually an age
_CLOCK = re.compile(r"^\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.|h)?$", re.IGNORECASE)
_EDGE = " \t\r\n.,;:!?\"'()[]{}<>-_/*#|"


def to_findings(results: Iterable[Any]) -> list[Finding]:
    """Presidio ``RecognizerResult`` objects -> :class:`Finding` (recognizer name kept)."""
    out = []
    for r in results:
        meta = getattr(r, "recognition_metadata", None) or {}
        out.append(Finding(int(r.start), int(r.end), str(r.entity_type), float(r.score),
                           str(meta.get("recognizer_name", "unknown"))))
    return out


def resolve(text: str, findings: Sequence[Finding], config: ScrubConfig) -> list[Finding]:
    wanted = set(config.entities) if config.entities is not None else None
    ignored = set(config.ignore_entities)
    kept = [f for f in findings
            if f.score >= config.score_threshold and f.entity_type not in ignored
            and (wanted is None or f.entity_type in wanted)]
    cleaned = [c for f in kept for line in _lines(text, f) if (c := _clean(text, line)) is not None]
    resolved = _resolve_overlaps(text, cleaned)
    resolved += _ages_after_names(text, resolved)
    if config.propagate:
        resolved = _propagate(text, resolved)
    return sorted(resolved)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if text[start:end].endswith("'s"):
        end -= 2
    return start, end


def _lines(text: str, f: Finding) -> list[Finding]:
    """An NER span cut at line breaks (:func:`line_parts`)."""
    if f.recognizer != _NER or "\n" not in text[f.start:f.end]:
        return [f]
    return [Finding(s, e, f.entity_type, f.score, f.recognizer) for s, e in line_parts(text, f.start, f.end)]


def line_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of an NER span that are entities, cut at line breaks: a name or place does
    not cross lines, but the model sometimes runs one line's end into a labelled name on the
    next ("...@x.org\nCompanion: Jo Bell"). The first line is kept; a later one only where a
    field label opens it (a heading or a line of prose the model ran into is no entity)."""
    out = []
    for number, line in enumerate(text[start:end].split("\n")):
        if line.strip() and (number == 0 or ": " in line):
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _clean(text: str, f: Finding) -> Finding | None:
    start, end = f.start, f.end
    if f.recognizer == _NER:
        while (m := _LEADING_LABEL.match(text, start, end)) and m.end() > start:
            start = m.end()
        label = text.rfind(": ", start, end)
        start = label + 2 if label >= 0 else start  # "Companion: Jo Bell": a field label is no part of it
        while (m := _TRAILING_LABEL.search(text, start, end)) and m.start() > start:
            end = m.start()
        start, end = _trim(text, start, end)
        span = text[start:end]
        if not any(ch.isalnum() for ch in span) or span.lower() in _LABEL_WORDS or _stop_words_only(span):
            return None
    span = text[start:end]
    if f.entity_type in _NAMED and span.lower() in _LABEL_WORDS:
        return None  # a role or field word alone ("Plaintiff", "Tenant") is nobody's name, whoever proposed it
    if f.entity_type == "DATE_TIME" and f.recognizer not in ("WrittenDateRecognizer", "ChineseDateRecognizer"):
        if not any(ch.isdigit() for ch in span) and not _MONTHS.search(span):
            return None  # "yesterday", "this morning": relative, not an identifier
        if _DURATION.fullmatch(span) or _CLOCK.match(span):
            return None
    if end <= start:
        return None
    return Finding(start, end, f.entity_type, f.score, f.recognizer)


def _stop_words_only(span: str) -> bool:
    """"The", "My", "Please": what is left of a span cut at a line break, no entity."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return all(w.lower() in STOP_WORDS or w.lower() == "please" for w in span.split())


_AGE_AFTER_NAME = re.compile(r"(?:,\s*|\s*\(\s*)(\d{1,3})(?=\s*[,)])")


def _ages_after_names(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """"Jane Roe, 45, from Leeds" / "Jane (45)": a small number set off right after a name is an age."""
    taken = [(f.start, f.end) for f in findings]
    out = []
    for f in findings:
        if f.entity_type != "PERSON":
            continue
        m = _AGE_AFTER_NAME.match(text, f.end)
        if m and int(m.group(1)) <= 120 and not any(s < m.end(1) and m.start(1) < e for s, e in taken):
            out.append(Finding(m.start(1), m.end(1), "AGE", 0.5, "AgeAfterNameRule"))
    return out


def _rank(f: Finding) -> tuple[int, float, int]:
    pattern = f.recognizer != _NER
    tier = 0 if pattern and f.score >= 0.5 else 1 if not pattern or f.score >= 0.4 else 2
    return (tier, -f.score, -(f.end - f.start))


#: pattern types whose match spans parts that other recognizers also claim (a ZIP code, a city)
_MULTI_PART = frozenset({"STREET_ADDRESS"})


def _resolve_overlaps(text: str, findings: Sequence[Finding]) -> list[Finding]:
    accepted: list[Finding] = []
    for f in sorted(findings, key=_rank):
        pieces = [(f.start, f.end)]
        for a in accepted:
            pieces = [p for s, e in pieces for p in _subtract(s, e, a.start, a.end)]
        if pieces == [(f.start, f.end)]:
            accepted.append(f)
        elif f.recognizer == _NER:  # keep what the NER span covered beyond the winner
            accepted.extend(p for s, e in pieces
                            if (p := _clean(text, Finding(s, e, f.entity_type, f.score, f.recognizer)))
                            and p.end - p.start >= 3)
        elif f.entity_type in _MULTI_PART:  # "12 Elm Rd, Unit 7, Fresno, CA 93650" minus the ZIP code that won
            accepted.extend(Finding(a, b, f.entity_type, f.score, f.recognizer) for s, e in pieces
                            for a, b in [_trim(text, s, e)] if b - a >= 3 and any(c.isalpha() for c in text[a:b]))
        elif f.entity_type == "PERSON" and all(a.entity_type == "PERSON" for a in accepted
                                               if a.start < f.end and f.start < a.end):
            accepted.extend(_name_rest(text, f, pieces))
    return accepted


def _name_rest(text: str, f: Finding, pieces: list[tuple[int, int]]) -> list[Finding]:
    """"Rafaela Quiñones-Beltrán" minus the first name another person rule found: the rest is
    kept where it holds a name word (a lexicon name, or no dictionary word) -- not a role
    the rule ran into ("Representative" of "Representative Rosario Ibarra replied")."""
    from dataprotocol.deid.recognizers._person_lexicon import _lexicon
    from dataprotocol.deid.recognizers._person_unknown import is_english_word

    first, last, _, _ = _lexicon()
    out = []
    for s, e in pieces:
        a, b = _trim(text, s, e)
        words = re.findall(r"[^\W\d_][^\W\d_'\-]*(?:[-'][^\W\d_]+)*", text[a:b])
        if b - a >= 3 and any(w.lower() in first or w.lower() in last or not is_english_word(w) for w in words):
            out.append(Finding(a, b, f.entity_type, f.score, f.recognizer))
    return out


def _subtract(s: int, e: int, a: int, b: int) -> list[tuple[int, int]]:
    if b <= s or a >= e:
        return [(s, e)]
    return [p for p in ((s, a), (b, e)) if p[1] > p[0]]


#: the code points :func:`is_cjk` accepts, as a regex class body
_HAN_RANGES = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002fa1f"


def whole(value: str) -> str:
    """Regex for ``value`` as a whole word where its edges are word characters.

    Chinese (Han) has no spaces between words, so a Han edge needs no boundary:
    ``张伟`` inside ``患者张伟说`` is that name (substring rule for CJK). A Han
    neighbour is no word character either (``服务器63.221.155.31已`` holds the IP):
    the same rule as :func:`_occurrences`."""
    left = rf"(?<![^\W{_HAN_RANGES}])" if _is_word(value[:1]) else ""
    right = rf"(?![^\W{_HAN_RANGES}])" if _is_word(value[-1:]) else ""
    return left + re.escape(value) + right


def _is_word(ch: str) -> bool:
    return (ch.isalnum() or ch == "_") and not is_cjk(ch)


def _occurrences(text: str, value: str) -> list[int]:
    """Starts of ``value`` in ``text`` as a whole word (same rule as :func:`whole`)."""
    out, start = [], text.find(value)
    check_left, check_right = _is_word(value[0]), _is_word(value[-1])  # never at a Han edge
    while start >= 0:
        end = start + len(value)
        if not (check_left and start > 0 and _is_word(text[start - 1])) and \
                not (check_right and end < len(text) and _is_word(text[end])):
            out.append(start)
        start = text.find(value, start + 1)
    return out


def _propagate(text: str, findings: list[Finding]) -> list[Finding]:
    """Scrub every other verbatim occurrence (whole words) of a value found once."""
    from spacy.lang.en.stop_words import STOP_WORDS

    values: dict[str, Finding] = {}
    for f in findings:
        value = text[f.start:f.end]
        if len(value) >= 3 or (len(value) == 2 and all(is_cjk(c) for c in value)):
            values.setdefault(value, f)
        if f.entity_type == "PERSON":
            for token in re.findall(r"[A-Z][a-z'\-]{2,}", value):
                if token.lower() not in STOP_WORDS and token.lower() not in _LABEL_WORDS:
                    values.setdefault(token, f)
    if not values:
        return findings
    taken = [(f.start, f.end) for f in findings]
    added = []
    for value, source in sorted(values.items(), key=lambda item: -len(item[0])):
        for start in _occurrences(text, value):
            end = start + len(value)
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            added.append(Finding(start, end, source.entity_type, source.score * 0.9, "PropagationRecognizer"))
    return findings + added + _given_names(text, findings + added, taken)


_HAN = re.compile(f"[{_HAN_RANGES}]")


def _given_names(text: str, findings: list[Finding], taken: list[tuple[int, int]]) -> list[Finding]:
    """A Chinese full name's given name used alone elsewhere in the document (种雨玲 ... 雨玲补充):
    the same person (:mod:`~dataprotocol.deid.recognizers._zh_given_names` says where)."""
    people = [(f.start, f.end) for f in findings if f.entity_type == "PERSON" and 3 <= f.end - f.start <= 4]
    if not people or not _HAN.search(text):
        return []
    from dataprotocol.deid.recognizers._zh_given_names import given_name_spans

    added = []
    for start, end in sorted(given_name_spans(text, people)):
        if not any(s < end and start < e for s, e in taken):
            taken.append((start, end))
            added.append(Finding(start, end, "PERSON", 0.45, "PropagationRecognizer"))
    return added
