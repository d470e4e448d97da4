"""Express waybill numbers (快递单号 / 运单号) in Chinese text, with or without a label.

A parcel's waybill number is printed alone at the top of a label or a tracking
message (``SF1234567890123 顺丰标快``) and identifies its sender and recipient.
Mainland carriers prefix their numbers with their code -- SF (顺丰), JD/JDV.. (京东),
YT (圆通), ZTO (中通), STO (申通), YD (韵达), JT (极兔), DPK (德邦), EMS/E (邮政),
KYE (跨越), ZJS (宅急送), HTKY (百世), DBL (德邦) -- and 10-15 digits: that form is
reported anywhere. A bare 12-15 digit number is a waybill only with a carrier or
parcel word within a few characters before *or after* it (``73879317412928 顺丰标快``,
``中通快递 75345678901234``); a labelled one (运单号：...) is the record-id recognizers'.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChineseWaybillRecognizer"]

_CARRIERS = "SF|JDV[A-Z]|JDX|JD|YTO|YT|ZTO|STO|YD|YUNDA|JT|JTSD|DPK|DBL|EMS|KYE|ZJS|HTKY|BEST|UC|ANE"
_L, _R = r"(?<![0-9A-Za-z_\-])", r"(?![0-9A-Za-z_\-])"


class ChineseWaybillRecognizer(RegexRecognizer):
    ENTITY = "ID"
    LANGUAGE = "zh"
    CONTEXT = ("快递", "运单", "单号", "面单", "物流", "包裹", "承运", "揽收", "派送", "签收", "寄件", "收件", "顺丰",
               "京东", "圆通", "中通", "申通", "韵达", "极兔", "邮政", "德邦", "百世", "跨越", "宅急送", "EMS")
    WINDOW = 16
    PATTERNS = (
        RegexPattern("carrier prefix", rf"{_L}(?:{_CARRIERS})\d{{10,15}}{_R}", 0.55),
        RegexPattern("bare digits near a carrier word", rf"{_L}\d{{12,15}}{_R}", 0.45, needs_context=True),
    )

    def _has_context(self, text: str, start: int, end: int) -> bool:
        """A carrier word before the number or right after it (the label's service line)."""
        if self._context_re is None:
            return False
        return self._context_re.search(text, max(0, start - self.WINDOW), min(len(text), end + self.WINDOW)) \
            is not None
