"""Bank cards in Chinese text (银行卡号): UnionPay and other debit/credit cards.

16-19 digits, bare or grouped by four (spaces or dashes), Luhn-valid (ISO/IEC
7812-1). UnionPay's 62 prefix scores higher; any other Luhn-valid run scores
enough to be scrubbed only with a card word near (卡号, 银行卡, 账号 ...).
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer
from dataprotocol.deid.recognizers._checksums import luhn_valid

__all__ = ["ChineseBankCardRecognizer"]

_L, _R = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
_GROUPED = r"\d{4}(?:[ \-]\d{4}){3}(?:[ \-]\d{1,3})?"


class ChineseBankCardRecognizer(RegexRecognizer):
    ENTITY = "CN_BANK_CARD"
    LANGUAGE = "zh"
    CONTEXT = ("卡号", "银行卡", "储蓄卡", "借记卡", "信用卡", "账号", "帐号", "银联", "尾号", "开户", "还款",
               "转账", "收款", "card")
    WINDOW = 24
    PATTERNS = (
        RegexPattern("unionpay", rf"{_L}62\d{{14,17}}{_R}", 0.7),
        RegexPattern("unionpay grouped", rf"{_L}62\d\d(?:[ \-]\d{{4}}){{3}}(?:[ \-]\d{{1,3}})?{_R}", 0.7),
        RegexPattern("card", rf"{_L}[3-9]\d{{15,18}}{_R}", 0.3),
        RegexPattern("card grouped", rf"{_L}{_GROUPED}{_R}", 0.35),
    )

    def validate(self, value: str) -> bool:
        digits = "".join(c for c in value if c.isdigit())
        return 16 <= len(digits) <= 19 and luhn_valid(digits)
