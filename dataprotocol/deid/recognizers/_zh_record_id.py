"""Labelled record numbers in Chinese text (HIPAA's "any other unique identifying
number"): 订单号, 运单号, 保单号, 工号, 会员号, QQ, 案件编号, Booking ... followed by an id,
a VIN after 车辆识别代号 / 车架号, a user handle after 昵称 / 用户名; the
hospital ones (住院号, 病历号, 门诊号, 病案号) are MEDICAL_RECORD_NUMBER."""

from __future__ import annotations

from typing import Any

from presidio_analyzer import RecognizerResult

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer
from dataprotocol.deid.recognizers._id_token import ZH_SEP, not_a_quantity, with_listed

__all__ = ["ChineseRecordIdRecognizer", "ChineseMedicalRecordRecognizer"]

_SEP = ZH_SEP
#: letters, digits and inner joiners (- / . _ ·), ending in a letter or digit; the whole token or nothing
#: (``2024/0315/001`` is one id, not 2024 and a rest)
_ID = (r"(?P<id>[A-Za-z]{0,4}[\-_]?\d(?:[\dA-Za-z]|[\-/._·](?=[\dA-Za-z])){3,23})"
       r"(?![\dA-Za-z_\-]|[/.·][\dA-Za-z]| \d{3,6}(?![\d.:])|[元块角件个只台套份张笔次人天年月万千百%％])")
#: a number printed in groups for reading out (会员卡号为 8888 0000 1234, 账户：6222 0212 3456)
_GROUPED = r"(?P<id>(?:[A-Za-z]{1,4} ?)?\d{3,6}(?: \d{3,6}){1,5})(?![\dA-Za-z.:])"
_LABELS = ("订单号|订单编号|运单号|快递单号|物流单号|单号|保单号|保险单号|理赔号|报案号|案件编号|案号|立案编号|工号|员工号|"
           "员工编号|学号|会员号|会员卡号|客户号|客户编号|用户ID|用户名|账户|流水号|交易号|合同号|合同编号|申请编号|申请号|"
           "受理号|工单号|投诉编号|警号|服务单号|编号|凭证号|发票号|票号|车架号|发动机号|驾驶证号|档案号|QQ ?(?:号码|号)?|微信号|ID|"
           "IMEI|MEID|IMSI|序列号|SN|"
           "报案编号|理赔编号|工单编号|会员编号|会员ID|账号|借据号|贷款编号|证书编号|批次号|参考号|预约号|挂号单号|快递单号|"
           "户号|缴费编号|考生号|考号|准考证号|学籍号|登记号|注册号|备案号|许可证号|执照号|证件号|证号|卡号|"
           "社保卡号|医保卡号|医保号|社保号|参保编号|个人编号|公积金账号|回执编号|回执号|受理编号|预约编号|"
           "退款单号|报销单号|提单号|箱号|集装箱号|票据号|发票代码|发票号码|订座记录编号|"
           # the certificates named without 号 (港澳通行证 C12345678, 台胞证：12345678)
           "港澳通行证|往来港澳通行证|台胞证|台湾居民来往大陆通行证|回乡证|通行证|居住证|居留证|居留许可|"
           "社保卡|医保卡|工作证|学生证|军官证|士兵证|警官证|驾驶证|驾照|行驶证|营业执照|许可证|执业证|资格证|"
           "结婚证|离婚证|出生证明|房产证|准考证|"
           "Order|Case|Claim|Member ID|Approval|Application|Request|Invoice|Policy|Account|Contract|Receipt|"
           "Transaction|Tracking|Reference|Serial|File|Booking|Reservation|Confirmation|Ticket|PNR|Ref|NO\\.?|No\\.?")
#: a product's number (商品编号, 产品编号) is a catalogue code, not a record's
_NOT_PRODUCT = r"(?<!商品)(?<!产品)"
#: a vehicle identification number (ISO 3779: 17 characters, no I, O or Q) after its label
_VIN = (r"(?:车辆识别代号|车辆识别代码|车辆识别码|车架号码|车架号|VIN)\s*(?:[:：]|码|是|为)?\s*"
        r"(?P<id>(?=[A-HJ-NPR-Z]*\d)[A-HJ-NPR-Z0-9]{17})(?![A-Za-z0-9])")
#: a user handle after 昵称 / 用户名 / 账号 (买家昵称：sunny2s4, 用户名: lele0buf, 账号：zhangsan_2024): the
#: name a person goes by (a letter in it: a bank account's digits are the bank-card recognizer's)
_HANDLE = (r"(?:昵称|用户名|网名|账号名|账户名|登录名|登录账号|(?<!银行)(?<!银行卡)账号|帐号)\s*(?:[:：]|是|为)\s*"
           r"(?=[A-Za-z0-9_.\-]*[A-Za-z])(?P<id>[A-Za-z0-9_][A-Za-z0-9_.\-]{2,31})(?![A-Za-z0-9_.\-@])")


class ChineseRecordIdRecognizer(RegexRecognizer):
    ENTITY = "ID"
    LANGUAGE = "zh"
    PATTERNS = (RegexPattern("labelled id", rf"{_NOT_PRODUCT}(?:{_LABELS})(?:号码|号|编号)?{_SEP}{_ID}", 0.6, group="id"),
                RegexPattern("labelled id in groups", rf"{_NOT_PRODUCT}(?:{_LABELS})(?:号码|号|编号)?{_SEP}{_GROUPED}", 0.62,
                             group="id"),
                # a person's staff or student number may be short (工号：E123, 警号 886)
                RegexPattern("short staff number", r"(?:工号|员工号|员工编号|学号|警号|工作证号|坐席号|座席号|客服工号|"
                             rf"技师号|服务号){_SEP}(?P<id>[A-Za-z]{{0,3}}\d{{3}})(?![\dA-Za-z\-])(?![元块件个人次天年月号楼])",
                             0.55, group="id"),
                RegexPattern("booking reference", r"(?:订座记录编号|订座记录|订座编号|预订编号|预订号|确认号|PNR)"
                             rf"{_SEP}(?P<id>(?=[A-Z]*\d)[A-Z0-9]{{5,8}})(?![A-Za-z0-9])", 0.55, group="id"),
                RegexPattern("wechat id", r"(?:微信号|微信)\s*(?:[:：]|是|为)?\s*(?P<id>[A-Za-z][A-Za-z0-9_\-]{5,19})(?![\w\-])",
                             0.55, group="id"),
                RegexPattern("vehicle identification number", _VIN, 0.6, group="id"),
                RegexPattern("user handle", _HANDLE, 0.55, group="id"))

    def validate(self, value: str) -> bool:
        return not_a_quantity(value)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        """The labelled ids and the ones listed after them (订单号：DD001234、DD001235)."""
        return with_listed(text, super().analyze(text, entities, nlp_artifacts))


class ChineseMedicalRecordRecognizer(RegexRecognizer):
    ENTITY = "MEDICAL_RECORD_NUMBER"
    LANGUAGE = "zh"
    PATTERNS = (RegexPattern("labelled mrn", rf"(?:住院号|病历号|门诊号|病案号|就诊号|就诊卡号|病人ID|登记号|MRN){_SEP}{_ID}",
                             0.75, group="id"),)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        return with_listed(text, super().analyze(text, entities, nlp_artifacts))
