"""Names in the person columns of Chinese tables (CSV, TSV, ``|`` tables).

A table states what each column holds once, in its header; under 姓名 / 学生姓名 /
联系人 / 经办人 every cell is a person, whatever the word (1 | 沈娟晓 | 108,
E480507,逄向东,4403...). A table without such a header still shows its name column:
where most cells of a column are unmistakable names (a surname and a given name that is
no dictionary word), the other name-shaped cells of that column are names too.

Rows are lines split by the same delimiter into the same number of cells (three or more);
a line of prose between the header and the rows (a note, a page mark) does not end the
table, a row of another shape does. :mod:`._delimited_row` types the other columns.
"""

from __future__ import annotations

import re

from dataprotocol.deid.recognizers._base import compile_pattern
from dataprotocol.deid.recognizers._zh_segments import dictionary_frequency
from dataprotocol.deid.recognizers._zh_slot_name import NOT_PERSON_LABEL, slot_name

__all__ = ["table_spans"]

Span = tuple[int, int]

_DELIMITERS = ("|", "｜", "\t", ",", "，")
#: a header cell naming a person column: a name field, a role (...人 / ...员 / ...者), a
#: person named by their relation to the record (患者, 住户, 学生, 员工 ...)
_PERSON_COLUMN = compile_pattern(r"\p{Han}{0,4}?(?:姓名|名字|户名|人|员|者|户主|业主|住户|租户|患者|病人|学生|员工|职工|"
                                 r"客户|考生|选手|乘客|旅客|住客|家长|老师|教师|医生|护士|经理)|"
                                 r"(?i:(?:full|first|last|given|sur)?[ _]?name)")
_GLOSS = re.compile(r"[（(][^）)]{0,20}[）)]")
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}")
#: unmistakable names a headerless column needs before its other cells are read as names
_MAJORITY = 0.6
_MIN_STRONG = 2


def _cells(line: str) -> tuple[str, list[tuple[int, str]]] | None:
    """(delimiter, [(offset in line, stripped cell)]) of a table row, None for no row."""
    delimiter = max(_DELIMITERS, key=line.count)
    if line.count(delimiter) < 2 or len(line) > 1000:
        return None
    out, pos = [], 0
    for cell in line.split(delimiter):
        stripped = cell.strip(" \t　\"")
        out.append((pos + (cell.find(stripped) if stripped else 0), stripped))
        pos += len(cell) + len(delimiter)
    if any(len(c) > 40 or "。" in c for _, c in out):
        return None
    return delimiter, out


def _person_columns(cells: list[tuple[int, str]]) -> list[int] | None:
    """Indexes of the person columns of a header row (None where the row is no header)."""
    labels = [_GLOSS.sub("", c).strip() for _, c in cells]
    if any(any(ch.isdigit() for ch in label) or len(label) > 16 for label in labels) or \
            sum(bool(label) for label in labels) < 2:
        return None
    if any(_strong(label) for label in labels):
        return None  # a row of names (张三,男,销售部,经理), not of labels
    return [i for i, label in enumerate(labels)
            if label and _PERSON_COLUMN.fullmatch(label) and not NOT_PERSON_LABEL.search(label)]


def _value(cell: str) -> str:
    return _GLOSS.sub("", cell).strip()


def _strong(value: str) -> bool:
    """An unmistakable name: name-shaped and no word of jieba's dictionary."""
    return slot_name(value) and dictionary_frequency(value) == 0


def table_spans(text: str) -> list[Span]:
    """Person cells of the tables in ``text``."""
    if text.count("|") + text.count("｜") + text.count(",") + text.count("，") + text.count("\t") < 2:
        return []
    tables: list[tuple[list[int] | None, list[list[tuple[int, str]]]]] = []
    shape: tuple[str, int] | None = None
    offset = 0
    for line in text.split("\n"):
        row = _cells(line)
        if row is not None:
            delimiter, cells = row
            absolute = [(offset + k, c) for k, c in cells]
            header = _person_columns(cells)
            if shape != (delimiter, len(cells)) or header:
                tables.append((header, []))
                shape = (delimiter, len(cells))
            if not header and not all(set(c) <= set("-:= ") for _, c in cells):
                tables[-1][1].append(absolute)
        offset += len(line) + 1
    out: list[Span] = []
    for columns, rows in tables:
        out.extend(_column_names(columns, rows))
        out.extend(_before_sex(rows))
    return out


def _before_sex(rows: list[list[tuple[int, str]]]) -> list[Span]:
    """The cell before a sex cell (余和平 | 男 | 32周岁): a record of a person opens with the name."""
    out = []
    for row in rows:
        for (start, cell), (_, after) in zip(row, row[1:]):
            if after in ("男", "女", "男性", "女性") and slot_name(value := _value(cell)):
                begin = start + cell.find(value)
                out.append((begin, begin + len(value)))
    return out


def _column_names(columns: list[int] | None, rows: list[list[tuple[int, str]]]) -> list[Span]:
    out: list[Span] = []
    width = len(rows[0]) if rows else 0
    for index in range(width):
        values = [(start, cell) for start, cell in (row[index] for row in rows)]
        if not (columns and index in columns):
            strong = sum(_strong(_value(cell)) for _, cell in values)
            if strong < _MIN_STRONG or strong < _MAJORITY * len(values):
                continue
        for start, cell in values:
            value = _value(cell)
            if slot_name(value) or _LATIN_NAME.fullmatch(value):
                begin = start + cell.find(value)
                out.append((begin, begin + len(value)))
    return out
