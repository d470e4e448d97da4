"""Any labelled number in Chinese text: a label word ending in 号 / 号码 / 编号 / 单号 /
编码 / 账号 / ID (病案号, 档案号, 工单号, 保单号, 报案编号, 证书编号, 会员卡号 ...)
followed by a token of the generic id shape (``_id_token``).

The fixed label list of ``_zh_record_id`` scores higher; this one catches labels it
does not know, so the label is judged by its form rather than looked up. A label must
be at least one Han character before the 号 (so "3号楼", "5号" in a date are not
labels; nor is 尾号, the last four digits of a card), a ``#`` after a Han word counts
as one (报修登记 #BX8956-011553), and the id must pass :func:`plausible_id` (no dates, amounts or years).
Recognizers with a checksum (resident id, bank card, USCC) or a phone shape score
higher and win where they overlap.

An id may carry its office's Han abbreviation between dashes (``合同编号【HT-2024-沪-0315】``); a
chat brings one in by a verb rather than a label (``我查询了一下 20240315889900``, ``报了 TS2024…``);
several may follow one label (``订单号：DD001234、DD001235``: :func:`with_listed`).

Running text often drops the 号: ``您的订单DD2379612744一直没发货``, ``运单SF1234567890``,
``保单P2024000123已生效``. After the nouns that name a numbered record (订单, 运单, 保单,
工单, 合同, 发票, 账户, 会员卡 ...) an id of six or more characters counts too, unless a
measure word follows it (``订单150000元``, ``包裹3件``: a quantity, not an id).
"""

from __future__ import annotations

from typing import Any

from presidio_analyzer import RecognizerResult

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer
from dataprotocol.deid.recognizers._id_token import ZH_ID_TOKEN, ZH_SEP, plausible_id, with_listed

__all__ = ["ChineseLabelledNumberRecognizer"]

#: 尾号 ("the number ending ...") carries the last four digits of a card or phone: no id; nor do the
#: product's numbers (型号 model, 货号/款号 article, 色号 shade, 商品编号) and the public codes of a stock,
#: a fund or a region (股票代码 600519): a code in a catalogue, not a record.
#: Forms space a label's characters out to the column width (``编 号``, ``证　号``).
_NOT_RECORD = r"(?<!(?:尾|型|货|款|色|商品编?|产品编?|股票|证券|基金|区划|科目|分类)[ \u3000]?)"
_LABEL = (rf"(?:(?<=\p{{Han}}[ \u3000]?){_NOT_RECORD}号(?!楼)|"
          rf"{_NOT_RECORD}(?:号[ \u3000]?码|编[ \u3000]?号|单[ \u3000]?号|编[ \u3000]?码|账[ \u3000]?号|代码)|"
          r"(?<=\p{Han})(?:ID|Id|id|NO\.?|No\.?)|(?<=\p{Han}) ?#|"
          # any Han word ending in 码 (会员码, 识别码, 授权码) but the transient or printed ones
          # (验证码, 取件码, 提货码, 条码, 二维码), a page or a size (页码, 尺码), a postcode (邮码)
          r"(?<=\p{Han})(?<!(?:验证|校验|取件|提货|取货|取餐|核销|提取|二维|条形|条|页|尺|邮|密|色|编|号|代))码)")
#: a clerk or agent named by role (经办柜员, 操作员, 受理人) with a staff number instead of a name
_ROLE = (r"(?:(?<=\p{Han})员|经办人|受理人|办理人|承办人|审核人|复核人|操作人|录入人|制单人|开单人|"
         r"坐席|座席)")
#: a phone number is the phone recognizers' (客服 400-820-8820, 联系人 13812345678)
_NOT_PHONE = r"(?!(?:400|800)-?\d{3}-?\d{4}(?!\d)|\+?(?:86)?1[3-9]\d{9}(?!\d)|0\d{2,3}-\d{7,8}(?!\d))"
_SEP = ZH_SEP
ID_TOKEN = ZH_ID_TOKEN
#: a certificate named without 号 (台胞证 T12345678, 居住证：3101150012345, 营业执照：...); a separator is needed
_CERTIFICATE = r"(?<=\p{Han})(?:证|执照|证书|证明)(?:\s*[:：]\s*|\s+)"


#: nouns for a numbered record, written without 号 before the id
_RECORD_NOUN = ("订单|运单|快递|包裹|保单|工单|合同|协议|发票|票据|凭证|账户|帐户|账单|流水|交易|会员卡|会员|卡券|优惠券|"
                "申请|预约|挂号|案件|案卷|报案|理赔|退款|售后|维修单|服务单|批次|批号|档案|学籍|准考证|证书|执照|许可证")
_UNIT = "元块角分件个只台套份张笔次单人天年月日号楼层室米吨克斤箱包瓶盒袋万千百%％"
#: a number printed in groups for reading it out (快递单号：SF 1234 5678 9012, 会员卡号 8888 0000 1234)
_GROUPS = r"(?P<id>(?:[A-Za-z]{1,4} ?)?\d{3,6}(?: \d{3,6}){2,5})(?![\dA-Za-z])"
_BARE_ID = rf"(?:{_RECORD_NOUN}){_SEP}(?=[A-Za-z0-9\-]{{6}}){ID_TOKEN}(?![{_UNIT}]|\s?(?:kg|km|cm|mm|ml|g)\b)"
#: an id with a Han part between its dashes: the issuing office or province (HT-2024-沪-0315, 记-0315-012)
_HAN_PART_ID = (r"(?P<id>(?:[A-Za-z0-9]{1,12}-){0,3}(?![号码编单账是为的])\p{Han}{1,2}-[A-Za-z0-9]{1,12}"
                r"(?:-[A-Za-z0-9]{1,12}){0,3})(?![A-Za-z0-9\-])")
#: an id brought in by what was done with it, no label (我查询了一下 20240315889900, 报了 TS20240315001):
#: eight characters or more, and not a phone number or a compact date (申请了 20240315 的假期)
_VERB = ("(?:查询|查一下|查下|查查|帮我查|帮忙查|核实|核对|报了|报的|提交了|提供了|登记了|办理了|受理了|申请了|下单了|"
         "录入了|输入了|填的|填了)(?:了?一下|了)?")
_NOT_DATE = r"(?!(?:19|20)\d{2}[01]\d[0-3]\d(?![\dA-Za-z]))"
#: a chat names the id first and the record after it (20240315001 这个订单, 8801234567 是我的保单号)
_ID_FIRST = (rf"(?<![\dA-Za-z\-_/.]){_NOT_PHONE}{_NOT_DATE}(?=[A-Za-z0-9\-]{{8}}){ID_TOKEN}\s*"
             r"(?:这个|这笔|这张|这单|那个|那笔|是我的|是我们的|是|的)?\s*(?:订单|单号|工单|保单|运单|快递单|合同|发票|账单|流水号)")
_VERB_ID = rf"{_VERB}\s*(?:[:：]\s*)?{_NOT_PHONE}{_NOT_DATE}(?=[A-Za-z0-9\-]{{8}}){ID_TOKEN}(?![{_UNIT}])"


class ChineseLabelledNumberRecognizer(RegexRecognizer):
    ENTITY = "ID"
    LANGUAGE = "zh"
    PATTERNS = (RegexPattern("number after a 号 label", rf"{_LABEL}{_SEP}{ID_TOKEN}", 0.42, group="id"),
                RegexPattern("id after a record noun", _BARE_ID, 0.42, group="id"),
                RegexPattern("letters and digits split by a space", rf"{_LABEL}{_SEP}"
                             r"(?P<id>[A-Za-z]{1,4} \d{6,20})(?![\dA-Za-z])", 0.5, group="id"),
                RegexPattern("spaced groups after a 号 label", rf"{_LABEL}{_SEP}{_GROUPS}", 0.42, group="id"),
                RegexPattern("number after a certificate", rf"{_CERTIFICATE}{ID_TOKEN}(?![{_UNIT}])", 0.42,
                             group="id"),
                RegexPattern("id with a Han part after a 号 label", rf"{_LABEL}{_SEP}{_HAN_PART_ID}", 0.42,
                             group="id"),
                RegexPattern("spaced groups after a record noun", rf"(?:{_RECORD_NOUN}){_SEP}{_GROUPS}", 0.42,
                             group="id"),
                RegexPattern("id after a verb", _VERB_ID, 0.4, group="id"),
                RegexPattern("id before its record noun", _ID_FIRST, 0.4, group="id"),
                RegexPattern("staff number after a role", rf"{_ROLE}(?:\s*[:：]\s*|\s+){_NOT_PHONE}(?=[A-Za-z0-9\-]{{6}})"
                             rf"{ID_TOKEN}(?![{_UNIT}])", 0.42, group="id"))

    def validate(self, value: str) -> bool:
        return plausible_id(value)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        """The labelled ids and the ones listed after them (保单号 8801234567，8801234568)."""
        return with_listed(text, super().analyze(text, entities, nlp_artifacts))
