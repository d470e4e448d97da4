"""Labelled record numbers in Chinese text (HIPAA's "any other unique identifying
number"): 订单号, 运单号, 保单号, 工号, 会员号, QQ, 案件编号, Booking ... followed by an id,
a VIN after 车辆识别代号 / 车架号, a user handle after 昵称 / 用户名; the
hospital ones (住院号, 病历号, 门诊号, 病案号) are MEDICAL_RECORD_NUMBER."""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChineseRecordIdRecognizer", "ChineseMedicalRecordRecognizer"]

_SEP = r"\s*(?:[:：#]|是|为)?\s*"
_ID = r"(?P<id>[A-Za-z]{0,4}[\-]?\d[\dA-Za-z\-]{3,23})(?![\dA-Za-z])"
_LABELS = ("订单号|订单编号|运单号|快递单号|物流单号|单号|保单号|保险单号|理赔号|报案号|案件编号|案号|立案编号|工号|员工号|"
           "员工编号|学号|会员号|会员卡号|客户号|客户编号|用户ID|用户名|账户|流水号|交易号|合同号|合同编号|申请编号|申请号|"
           "受理号|工单号|投诉编号|服务单号|编号|凭证号|发票号|票号|车架号|发动机号|驾驶证号|档案号|QQ ?(?:号码|号)?|微信号|ID|"
           "IMEI|MEID|IMSI|序列号|SN|"
           "报案编号|理赔编号|工单编号|会员编号|会员ID|账号|借据号|贷款编号|证书编号|批次号|参考号|预约号|挂号单号|快递单号|"
           "Order|Case|Claim|Member ID|Booking|Reservation|Confirmation|Ticket|PNR|Ref|NO\\.?|No\\.?")
#: a vehicle identification number (ISO 3779: 17 characters, no I, O or Q) after its label
_VIN = (r"(?:车辆识别代号|车辆识别代码|车辆识别码|车架号码|车架号|VIN)\s*(?:[:：]|码|是|为)?\s*"
        r"(?P<id>(?=[A-HJ-NPR-Z]*\d)[A-HJ-NPR-Z0-9]{17})(?![A-Za-z0-9])")
#: a user handle after 昵称 / 用户名 (买家昵称：sunny2s4, 用户名: lele0buf): the name a person goes by
_HANDLE = (r"(?:昵称|用户名|网名|账号名|账户名)\s*(?:[:：]|是|为)\s*"
           r"(?P<id>[A-Za-z0-9_][A-Za-z0-9_.\-]{2,31})(?![A-Za-z0-9_.\-@])")

#: a property's unit code after 房号 (building-unit-room: 3-2-1501, A2-1203), which reads like a date
_UNIT_CODE = (r"(?:房号|房屋编号|房间号|门牌号)\s*(?:[:：]|是|为)?\s*"
              r"(?P<id>[A-Za-z]?\d{1,3}(?:-\d{1,3})?-\d{3,4})(?![\dA-Za-z\-])")


class ChineseRecordIdRecognizer(RegexRecognizer):
    ENTITY = "ID"
    LANGUAGE = "zh"
    PATTERNS = (RegexPattern("labelled id", rf"(?:{_LABELS}){_SEP}{_ID}", 0.6, group="id"),
                RegexPattern("wechat id", r"(?:微信号|微信)\s*(?:[:：]|是|为)?\s*(?P<id>[A-Za-z][A-Za-z0-9_\-]{5,19})(?![\w\-])",
                             0.55, group="id"),
                RegexPattern("vehicle identification number", _VIN, 0.6, group="id"),
                RegexPattern("user handle", _HANDLE, 0.55, group="id"),
                RegexPattern("property unit code", _UNIT_CODE, 0.55, group="id"))


class ChineseMedicalRecordRecognizer(RegexRecognizer):
    ENTITY = "MEDICAL_RECORD_NUMBER"
    LANGUAGE = "zh"
    PATTERNS = (RegexPattern("labelled mrn", rf"(?:住院号|病历号|门诊号|病案号|就诊号|就诊卡号|病人ID|登记号|MRN){_SEP}{_ID}",
                             0.75, group="id"),)
