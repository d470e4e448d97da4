"""Any labelled number in Chinese text: a label word ending in 号 / 号码 / 编号 / 单号 /
编码 / 账号 / ID (病案号, 档案号, 工单号, 保单号, 报案编号, 证书编号, 会员卡号 ...)
followed by a token of the generic id shape (``_id_token``).

The fixed label list of ``_zh_record_id`` scores higher; this one catches labels it
does not know, so the label is judged by its form rather than looked up. A label must
be at least one Han character before the 号 (so "3号楼", "5号" in a date are not
labels), and the id must pass :func:`plausible_id` (no dates, amounts or years).
Recognizers with a checksum (resident id, bank card, USCC) or a phone shape score
higher and win where they overlap.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer
from dataprotocol.deid.recognizers._id_token import ID_TOKEN, plausible_id

__all__ = ["ChineseLabelledNumberRecognizer"]

_LABEL = r"(?:(?<=\p{Han})(?:号码|编号|单号|编码|账号|代码|号)|(?<=\p{Han})(?:ID|Id|id|NO\.?|No\.?))"
_SEP = r"\s*(?:[:：#]|是|为)?\s*"


class ChineseLabelledNumberRecognizer(RegexRecognizer):
    ENTITY = "ID"
    LANGUAGE = "zh"
    PATTERNS = (RegexPattern("number after a 号 label", rf"{_LABEL}{_SEP}{ID_TOKEN}", 0.42, group="id"),)

    def validate(self, value: str) -> bool:
        return plausible_id(value)
