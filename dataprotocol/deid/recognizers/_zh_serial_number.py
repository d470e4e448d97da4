"""Record numbers in Chinese text that carry no label but are written in a record's shape.

Offices and systems number their papers as a prefix, the year and a serial, and print
the number alone on a form's header line or beside a date (``（二〇二五年二月一日）AP20258233374``,
``经办柜员：GD20255208371``, ``编号 2025-884233``): two to four capitals and eight or more
digits, or a year, a dash and a five-to-eight-digit serial. Neither shape is a date
(a month has two digits), an amount, a phone number (Chinese numbers start with 0 or 1
and are not dashed after four digits) or a model name (``RTX4090``, ``GB50016`` have
fewer digits), so both are reported without a label. Carriers' waybills (``SF1234567890``)
are the waybill recognizer's, a code after a product label (型号, 货号, SKU) is left alone;
checksummed ids (USCC, resident id) score higher and win.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChineseSerialNumberRecognizer"]

#: a product's label right before the code: an article number in a catalogue, not a record
_PRODUCT = re.compile(r"(?:型号|货号|款号|品号|料号|物料号|商品编号|产品编号|商品码|条码|规格|SKU|sku|Model|P/N)\s*[:：]?\s*$")
_L, _R = r"(?<![0-9A-Za-z_\-/.])", r"(?![0-9A-Za-z_\-]|[/.][0-9A-Za-z])"


class ChineseSerialNumberRecognizer(RegexRecognizer):
    ENTITY = "ID"
    LANGUAGE = "zh"
    PATTERNS = (
        RegexPattern("prefix and serial", rf"{_L}[A-Z]{{2,4}}\d{{8,14}}{_R}", 0.45),
        RegexPattern("year and serial", rf"{_L}(?:19|20)\d{{2}}-\d{{5,8}}{_R}", 0.45),
    )

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        return [r for r in super().analyze(text, entities, nlp_artifacts)
                if not _PRODUCT.search(text, max(0, r.start - 10), r.start)]
