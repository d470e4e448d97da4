"""Ethnicity (民族), political affiliation (政治面貌) and religion in Chinese text --
special categories of personal data (GDPR Art. 9) and quasi-identifiers.

The 56 recognised ethnic groups are a closed list; political status and religions
likewise. "族" words outside the list (上班族) are not reported.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChineseNrpRecognizer"]

_ETHNIC = ("汉|蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|"
           "景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|"
           "裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺")
_POLITICAL = ("中共党员|中共预备党员|共产党员|预备党员|共青团员|团员|群众|民主党派|无党派人士|无党派|民革党员|民盟盟员|"
              "民建会员|民进会员|农工党党员|致公党党员|九三学社社员|台盟盟员|中国共产党|共产党|国民党|民进党")
_RELIGION = "佛教徒|佛教|基督徒|基督教|天主教徒|天主教|伊斯兰教|穆斯林|道教|东正教|犹太教|印度教|无宗教信仰"


class ChineseNrpRecognizer(RegexRecognizer):
    ENTITY = "NRP"
    LANGUAGE = "zh"
    PATTERNS = (
        RegexPattern("ethnic group", rf"(?:{_ETHNIC})族(?![群人])", 0.6),
        # a closed list, and it outranks a name read into it (致|公党: 致 opens a letter's addressee)
        RegexPattern("political status", rf"(?:{_POLITICAL})", 0.75),
        RegexPattern("religion", rf"(?:{_RELIGION})", 0.55),
        RegexPattern("nationality", r"(?:国籍|民族)\s*[:：]\s*(?P<v>\p{Han}{2,6}?)(?=[\s，,。；;|]|$)", 0.6, group="v"),
    )
