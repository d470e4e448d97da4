"""The shape of a record identifier, shared by the labelled-id recognizers.

An id is one token of letters and digits, optionally split by ``-``, ``/`` or ``.``
("924R92207", "Q21-5106078", "ENC75720103", "DD-2024-0031", "VIP71970462"), with at
least four digits in it. A label next to it ("Claim No.", "订单号") decides that it
is an id; :func:`plausible_id` rejects what the shape alone would admit but is not
one: dates, decimal amounts, clock times, and tokens that are mostly letters (unless
letters and digits alternate, as in carriers' codes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from presidio_analyzer import RecognizerResult

__all__ = ["ID_TOKEN", "ZH_ID_TOKEN", "ZH_SEP", "listed_after", "not_a_quantity", "plausible_id", "with_listed"]

#: one identifier token (named group ``id``); the caller puts a label before it
ID_TOKEN = (r"(?P<id>(?=(?:[A-Za-z\-/.]*\d){4})[A-Za-z0-9]+(?:[\-/.][A-Za-z0-9]+){0,5})"
            r"(?![A-Za-z0-9_\-]|[./][A-Za-z0-9])")
#: the same in Chinese text, which also joins an id's parts with ``_`` and ``·`` (ZX·2024·001, c_88123456)
ZH_ID_TOKEN = (r"(?P<id>(?=(?:[A-Za-z\-/._·]*\d){4})[A-Za-z0-9]+(?:[\-/._·][A-Za-z0-9]+){0,5})"
               r"(?![A-Za-z0-9_\-]|[./·][A-Za-z0-9])")
#: between a Chinese label and its value: ``：``, ``是``/``为`` (and both: ``订单号是：``), ``#``, and the other
#: marks people type there (``=``, ``->``, ``|``, ``/``, ``-``, ``~``, ``…``; one or two of them), ``第``, an
#: opening bracket or quote (``订单号（DD2024…）``, ``单号“YT77…”``, ``《…》``), and at a line's end the
#: first item of a list below it (``涉及订单：\n1. 2024…``); a gloss in brackets may stand before the colon
#: (``保单号码(Policy No.)：``, ``订单号（必填）：``)
ZH_SEP = (r"\s*(?:[（(][^（()）\n\d]{1,20}[)）]\s*(?=[:：]))?(?:(?:是|为)\s*)?(?:(?:->|=>|→|[:：#＃=＝|｜~～/／…·\-－—>])\s*){0,2}(?:第\s*)?"
          r"(?:[（(【\[“\"‘「『《〈<'＇]\s*)?(?:(?<=\n)\s*\d{1,2}[.、．)）]\s*)?")

#: day-month-year ends in a two-digit year or 19xx/20xx (3-2-1234, a pickup code, is no date)
_DATE = re.compile(r"(?:\d{4}[\-/.]\d{1,2}(?:[\-/.]\d{1,2})?|\d{1,2}[\-/.]\d{1,2}[\-/.](?:\d{2}|(?:19|20)\d{2})|"
                   r"(?:19|20)\d{2}[\-/](?:19|20)\d{2})")
_DECIMAL = re.compile(r"\d{1,3}(?:,\d{3})*\.\d{1,2}|\d+\.\d{1,2}")
_YEAR = re.compile(r"(?:19|20)\d{2}")
#: year first only: ``3-2-1501`` after 房号 is a flat, not a date
_ISO_DATE = re.compile(r"(?:19|20)\d{2}[\-/.]\d{1,2}(?:[\-/.]\d{1,2})?")


def plausible_id(token: str) -> bool:
    """A token of the id shape that is not a date, an amount or a year, and not a word."""
    if not 4 <= len(token) <= 40 or _DATE.fullmatch(token) or _DECIMAL.fullmatch(token) or _YEAR.fullmatch(token):
        return False
    digits = sum(c.isdigit() for c in token)
    letters = sum(c.isalpha() for c in token)
    return digits >= 4 and (letters <= max(6, digits) or _code_like(token))


def _code_like(token: str) -> bool:
    """Capitals and digits interleaved ("1Z7R88HXPDJ7YTLTPE", a UPS tracking number): a code,
    not a word with a number on it ("ABCDEFGH12")."""
    if any(c.islower() for c in token):
        return False
    kinds = [c.isdigit() for c in token if c.isalnum()]
    return sum(a != b for a, b in zip(kinds, kinds[1:])) >= 4


def not_a_quantity(token: str) -> bool:
    """Not a year, a date or a decimal amount (``驾照2019年``, ``账户 2024-03-15``): what a strong label
    still cannot make an id; the digit count is left to the caller's shape."""
    return not (_ISO_DATE.fullmatch(token) or _DECIMAL.fullmatch(token) or _YEAR.fullmatch(token))


#: what joins the items of a list of ids: 、，,；;/, 和/及/与/或, spaces, or a new line (with an item marker)
_NEXT_ITEM = re.compile(r"(?:\s*[、，,；;/／]\s*|\s*(?:以及|和|及|与|或)\s*|[ \t]+|[ \t]*\n\s*(?:\d{1,2}[.、．)）]\s*)?)"
                        r"(?P<id>[A-Za-z0-9][A-Za-z0-9\-_/.·]{2,38}[A-Za-z0-9])(?![A-Za-z0-9_\-]|[./·][A-Za-z0-9])")


def _prefix(token: str) -> str:
    """The letters an id starts with, in capitals (``DD`` of ``dd001234``)."""
    rest = token.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    return token[:len(token) - len(rest)].upper()


def listed_after(text: str, end: int, value: str) -> list[tuple[int, int]]:
    """The spans of the ids listed after ``value`` (ending at ``end``) under the same label:
    ``订单号：DD001234、DD001235、DD001236``, ``保单号 8801234567，8801234568``. An item counts when
    it has the first one's shape -- the same letter prefix, and the same length (digits only) or
    within two (with letters) -- so a quantity, a date or a phone number after the id stops the list."""
    spans: list[tuple[int, int]] = []
    prefix = _prefix(value)
    slack = 2 if prefix else 0
    while (match := _NEXT_ITEM.match(text, end)) is not None:
        item = match.group("id")
        if _prefix(item) != prefix or abs(len(item) - len(value)) > slack or not plausible_id(item):
            break
        spans.append(match.span("id"))
        end = match.end("id")
    return spans


def with_listed(text: str, results: Sequence[RecognizerResult]) -> list[RecognizerResult]:
    """``results`` plus the ids listed after each one (:func:`listed_after`), same type and score."""
    out, seen = list(results), {(r.start, r.end) for r in results}
    for result in results:
        for start, end in listed_after(text, result.end, text[result.start:result.end]):
            if (start, end) not in seen:
                seen.add((start, end))
                out.append(RecognizerResult(entity_type=result.entity_type, start=start, end=end, score=result.score,
                                            recognition_metadata=dict(result.recognition_metadata or {})))
    return out
