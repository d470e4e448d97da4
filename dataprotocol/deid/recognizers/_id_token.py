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

__all__ = ["ID_TOKEN", "ZH_ID_TOKEN", "ZH_SEP", "not_a_quantity", "plausible_id"]

#: one identifier token (named group ``id``); the caller puts a label before it
ID_TOKEN = (r"(?P<id>(?=(?:[A-Za-z\-/.]*\d){4})[A-Za-z0-9]+(?:[\-/.][A-Za-z0-9]+){0,5})"
            r"(?![A-Za-z0-9_\-]|[./][A-Za-z0-9])")
#: the same in Chinese text, which also joins an id's parts with ``_`` and ``·`` (ZX·2024·001, c_88123456)
ZH_ID_TOKEN = (r"(?P<id>(?=(?:[A-Za-z\-/._·]*\d){4})[A-Za-z0-9]+(?:[\-/._·][A-Za-z0-9]+){0,5})"
               r"(?![A-Za-z0-9_\-]|[./·][A-Za-z0-9])")
#: between a Chinese label and its value: ``：``, ``是``/``为`` (and both: ``订单号是：``), ``#``, ``第``,
#: an opening bracket or quote (``订单号（DD2024…）``, ``单号“YT77…”``)
ZH_SEP = (r"\s*(?:(?:是|为)\s*)?(?:[:：#＃]\s*)?(?:第\s*)?(?:[（(【\[“\"‘「『]\s*)?")

_DATE = re.compile(r"(?:\d{4}[\-/.]\d{1,2}(?:[\-/.]\d{1,2})?|\d{1,2}[\-/.]\d{1,2}[\-/.]\d{2,4}|"
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
