"""Cells of delimited records ("Jane Roe,jane@x.org,Springfield,62704").

In a CSV / TSV / pipe row the NER model sees no sentence and misses names and
places; a row is detected by its shape (one line, three or more cells split by the
same delimiter), then each cell is judged:

* under a **header** (an earlier row of the same width whose cells are all labels:
  ``order_id | city | phone``, ``订单号，邮编，收货人``) a cell takes the type its
  column label names (an id column's cells are ``ID`` when they have the id shape,
  ``邮编``/zip cells ``ZIP_CODE``, name columns ``PERSON``); a column whose label
  names no identifier (amount, 金额, product) is left alone;
* without a header, alone: capitalised words are a name or a place, id-shaped tokens
  an identifier, 5-digit runs a ZIP code, small numbers an age (English rows only;
  a Chinese row's Han cells are left to the Chinese recognizers).

Other recognizers (e-mail, phone, card) still win their cells by rank.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult

from dataprotocol.deid.recognizers._id_token import ID_TOKEN, plausible_id

__all__ = ["DelimitedRowRecognizer", "column_entity"]

_DELIMITERS = (",", ";", "\t", "|", " / ", "，", "；")
_WORDS = re.compile(r"[A-Z][A-Za-z'\-\.]+(?: [A-Z][A-Za-z'\-\.]+){0,3}")
_ID_CELL = re.compile(ID_TOKEN)
_RULES: tuple[tuple[re.Pattern[str], str, float], ...] = (
    (re.compile(r"[A-Z][a-z'\-]+, [A-Z][a-z'\-]+(?: [A-Z]\.?)?"), "PERSON", 0.45),  # "Last, First"
    (re.compile(r"[A-Z][a-z'\-]+(?: [A-Z]\.?)?(?: [A-Z][a-z'\-]+){1,2}"), "PERSON", 0.45),
    (_WORDS, "LOCATION", 0.42),
    (re.compile(r"(?:[A-Z]{1,3}-?)?\d{6,19}"), "ID", 0.45),
    (re.compile(r"\+?\(?\d{2,4}\)?(?:[\s.\-]\d{2,4}){1,4}"), "PHONE_NUMBER", 0.45),
    (re.compile(r"\d{5}(?:-\d{4})?"), "ZIP_CODE", 0.45),
    (re.compile(r"(?:1[01]\d|\d{1,2})"), "AGE", 0.4),
    # mixed letters and digits ("Q84-5492841", "545O99570", "ENC75720103"): an identifier
    (re.compile(rf"(?=.*[A-Za-z]){ID_TOKEN}"), "ID", 0.45),
)
#: a column label -> the type of its cells; first match wins (so 身份证号 is not a generic 号)
_COLUMNS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"zip|post(?:al)?\s?code|邮编|邮政编码", re.I), "ZIP_CODE"),
    (re.compile(r"phone|mobile|tel\b|fax|手机|电话|联系方式", re.I), "PHONE_NUMBER"),
    (re.compile(r"e-?mail|邮箱", re.I), "EMAIL_ADDRESS"),
    (re.compile(r"ssn|social security", re.I), "US_SSN"),
    (re.compile(r"licen[cs]e|\bdl\b|驾驶证|驾照", re.I), "US_DRIVER_LICENSE"),
    (re.compile(r"\bmrn\b|medical record|病案号|病历号|住院号|门诊号", re.I), "MEDICAL_RECORD_NUMBER"),
    (re.compile(r"身份证|证件|卡号|card|iban|passport|护照|车牌|plate|信用代码", re.I), None),  # their own recognizers
    (re.compile(r"amount|price|total|qty|quantity|金额|价格|数量|商品|品名|状态|备注|status|product|item", re.I),
     ""),
    (re.compile(r"\b(?:date|dob|time)\b|日期|时间|生日", re.I), None),
    (re.compile(r"(?:号|编号|号码|ID|[\s_]id|\bno\.?|number|#)\s*$", re.I), "ID"),
    (re.compile(r"(?:full\s?|first\s?|last\s?|sur|given\s?)?name|customer|patient|contact|收货人|收件人|寄件人|"
                r"姓名|联系人|客户|患者|户名|员工|签收人|经办人", re.I), "PERSON"),
    (re.compile(r"\bid\b|_id|\bno\.?$|number|#|order|member|account|acct|ref|case|claim|policy|ticket|tracking|"
                r"invoice|编号|单号|号码|号$|账号|会员|ID", re.I), "ID"),
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'\-\.]+(?:,? [A-Z][A-Za-z'\-\.]*){1,3}")
_ZIP = re.compile(r"\d{5,6}(?:-\d{4})?")


def column_entity(label: str) -> str | None:
    """The entity a column label names: a type, ``""`` for a column known to hold no
    identifier (amounts, products), ``None`` for a label this table does not know."""
    for pattern, entity in _COLUMNS:
        if pattern.search(label):
            return entity
    return None


def _is_row(line: str, delimiter: str) -> bool:
    """A record, not prose: enough cells, each short, none holding a sentence."""
    cells = line.split(delimiter)
    if len(cells) < (4 if delimiter in (",", "，") else 3) or len(line) > 2000:
        return False
    return all(len(c.split()) <= 6 and not (". " in c and len(c.split()) > 3) and "。" not in c and len(c) <= 60
               for c in cells)


def _is_header(cells: list[str]) -> bool:
    """Every cell a short label (no digits), and at least one names a column type."""
    stripped = [c.strip().strip('"') for c in cells]
    return all(s and len(s) <= 30 and not any(ch.isdigit() for ch in s) and "@" not in s for s in stripped) and \
        sum(bool(column_entity(s)) for s in stripped) >= 1 and \
        sum(column_entity(s) is not None for s in stripped) >= max(2, len(stripped) // 2)


class DelimitedRowRecognizer(LocalRecognizer):  # type: ignore[misc]
    name: str

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON", "LOCATION", "ID", "ZIP_CODE", "AGE", "PHONE_NUMBER",
                                             "US_SSN", "US_DRIVER_LICENSE", "MEDICAL_RECORD_NUMBER"],
                         supported_language=supported_language)

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        offset = 0
        header: tuple[str, list[str | None]] | None = None  # (delimiter, column types)
        for line in text.split("\n"):
            delimiter = max(_DELIMITERS, key=lambda d: (line.count(d), len(d)))
            if _is_row(line, delimiter):
                cells = line.split(delimiter)
                if _is_header(cells):
                    header = (delimiter, [column_entity(c.strip().strip('"')) for c in cells])
                else:
                    columns = header[1] if header and header[0] == delimiter and len(header[1]) == len(cells) \
                        else None
                    results.extend(self._cells(line, offset, delimiter, columns))
            elif line.strip():
                header = None
            offset += len(line) + 1
        return [r for r in results if not entities or r.entity_type in entities]

    def _result(self, entity: str, start: int, end: int, score: float) -> RecognizerResult:
        return RecognizerResult(entity, start, end, score,
                                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: str(self.name),
                                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})

    def _cells(self, line: str, offset: int, delimiter: str,
               columns: list[str | None] | None) -> list[RecognizerResult]:
        out, pos = [], 0
        for index, cell in enumerate(line.split(delimiter)):
            stripped = cell.strip().strip('"').strip()
            start = offset + pos + cell.find(stripped) if stripped else 0
            pos += len(cell) + len(delimiter)
            if "=" in stripped or not stripped:
                continue
            column = columns[index] if columns is not None else None
            if column is not None:
                if (found := self._keyed(stripped, column)) is not None:
                    out.append(self._result(found, start, start + len(stripped), 0.6))
                continue
            if _HAN.search(stripped):
                continue
            for pattern, entity, score in _RULES:
                if pattern.fullmatch(stripped) and (entity != "ID" or plausible_id(stripped)):
                    out.append(self._result(entity, start, start + len(stripped), score))
                    break
        return out

    @staticmethod
    def _keyed(cell: str, column: str) -> str | None:
        """The type of a cell under a header naming ``column`` (``None``: not that type)."""
        if column == "PERSON":
            return column if _HAN_NAME.fullmatch(cell) or _LATIN_NAME.fullmatch(cell) else None
        if column == "ZIP_CODE":
            return column if _ZIP.fullmatch(cell) else None
        if column in ("PHONE_NUMBER", "EMAIL_ADDRESS", ""):
            return None  # phone and e-mail recognizers do better; "" holds nothing
        match = _ID_CELL.fullmatch(cell)
        return column if match is not None and plausible_id(cell) else None
