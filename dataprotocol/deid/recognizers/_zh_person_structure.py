"""Chinese names that the document's structure reveals, whatever the word.

The cue and model rules of :mod:`._zh_person` judge a candidate by the words around it
and by how name-like it reads, so a name that is also an everyday word (春雨, 建国, 夏天,
金长江, 彭胜利) or starts with a surname that is also a word (种, 过) is lost. Where the
layout of the document says "this slot holds a person", the slot decides:

* **chat speakers**: in an exported chat (three or more sender lines ``春雨 13:04`` or
  ``[13:04] 春雨：``) every sender is a person, except kinship terms, roles and system
  senders (妈妈, 客服, 系统消息: they address someone by relation or function, not by name);
  a role before the name (团长东黛) is cut off. The group's title names the family
  (【微信群：叶家一家人】): the surname before 家 is PERSON;
* **labelled slots**: the whole value after a label that names a person (记录人：, 审核药师：,
  被传唤人：, 制表：, 复核：, 申请人签名：) is the name, up to the next space or
  punctuation; a surname and a title there (种会计, 过老师) give the surname;
* **label lists**: the items after a list label (参会人：A、B、C; 请假：; 抄送：) are names;
* **tables**: cells under a header whose label names a person column (姓名, 学生姓名,
  联系人, 经办人 ...), and cells of a column whose other cells are mostly unmistakable
  names (:mod:`._zh_person_table`).

Every value must still have the shape of a name (a surname, or one of the surnames that
are also words, and one or two characters; no function characters), and a short lexicon
keeps the words that fill such slots without naming anyone (本人, 待定, 全体, 门卫).
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult

from dataprotocol.deid.recognizers._base import compile_pattern
from dataprotocol.deid.recognizers._zh_person_table import table_spans
from dataprotocol.deid.recognizers._zh_segments import dictionary_frequency
from dataprotocol.deid.recognizers._zh_slot_name import FILLERS, NOT_PERSON_LABEL, slot_name, surname_title

__all__ = ["ChineseStructuredNameRecognizer"]

Span = tuple[int, int]

#: the time (and date) of a chat line: 13:04, 2026-05-01 13:04:22
_TIME = r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ \t　]+)?\d{1,2}:\d{2}(?::\d{2})?"
#: a sender line: the sender alone, then the time (春雨 13:04) ...
_SENDER_LINE = compile_pattern(rf"^[ \t　]*(?P<name>\p{{Han}}{{1,6}})[ \t　]+{_TIME}[ \t　]*$", re.MULTILINE)
#: ... or the time, then the sender and a colon ([13:04] 春雨：..., 13:04 春雨: ...)
_STAMPED_LINE = compile_pattern(rf"^[ \t　]*[\[【(（]?{_TIME}[\]】)）]?[ \t　]*(?P<name>\p{{Han}}{{1,6}})[ \t　]*[:：]",
                                re.MULTILINE)
#: how many sender lines make a document a chat
_CHAT_LINES = 3
#: senders that are no name: kinship terms, roles and functions, the system, the reader
_NOT_SENDER = frozenset(
    # kinship terms: family members address one another by relation
    "妈妈 妈 老妈 妈咪 爸爸 爸 老爸 爷爷 奶奶 外婆 外公 姥姥 姥爷 哥 哥哥 大哥 二哥 姐 姐姐 大姐 二姐 弟弟 妹妹 弟 妹 "
    "小弟 小妹 舅舅 舅妈 姑姑 姑妈 姑父 叔叔 婶婶 阿姨 姨妈 小姨 大姨 伯伯 大伯 伯母 二叔 三叔 表哥 表姐 表弟 表妹 "
    "堂哥 堂姐 老公 老婆 媳妇 儿子 女儿 宝宝 宝贝 孙子 孙女 外甥 侄子 嫂子 大嫂 姐夫 妹夫 岳父 岳母 公公 婆婆 亲家 "
    "爸妈 家长 亲 亲们 "
    # roles and functions
    "客服 人工客服 在线客服 群主 管理员 群管理 团长 店长 店主 卖家 买家 客户 用户 顾客 司机 骑手 快递员 快递 前台 "
    "老师 班主任 医生 护士 律师 经理 物业 管家 助手 小助手 机器人 房东 租客 业主 中介 销售 专员 客户经理 值班员 "
    "保安 门卫 主持人 记录员 工作人员 志愿者 团员 群友 网友 乘客 坐席 接线员 话务员 患者 病人 家属 学生 民警 警察 "
    "主播 粉丝 学员 房客 住客 "
    # the system and the reader
    "系统 系统消息 系统通知 系统提示 通知 公告 群公告 提示 温馨提示 消息 我 你 自己 本人 对方 匿名 匿名用户 未知".split())
#: a role that may stand before the sender's name (团长东黛 13:04, 客服小美：)
_SENDER_ROLE = compile_pattern(r"(?:团长|群主|客服|店长|管理员|管家|司机|骑手|老师|医生|买家|卖家)(?=\p{Han})")
#: kinship or title endings: 晓明妈妈, 陆老师 -- the frames of _zh_person_frames read those
_SENDER_END = compile_pattern(r"(?:妈妈|爸爸|妈|爸|奶奶|爷爷|外婆|外公|家长|老师|医生|护士|经理|师傅|先生|女士|阿姨|叔叔|"
                              r"同学|律师|警官|主任|总|经纪人|顾问|管家|店长|团长|群主)$")
#: the last character of a word for a role or a party (...员, ...人, ...者, ...客, ...师)
_ROLE_ENDS = set("员人者客师官警")
#: characters no given name holds (function words, pronouns)
_NOT_NAME = set("的了着吗呢吧啊是在或等也都就还又把被给对从于为您你我他她它们这那哪谁么很太最更不没个些")
#: the group title of a family chat: 【微信群：叶家一家人】, 群聊：东方家亲友群, 王家家族群
_FAMILY = compile_pattern(r"(?:群|群聊|群名)[ \t]*[:：]?[ \t]*[「【“\"]?(?P<surname>\p{Han}{1,2}?)家"
                          r"(?=一家人|人|族|亲友|大家庭|相亲相爱|群|[」】”\"）)\s]|$)|"
                          r"(?<![\p{Han}])(?P<surname2>\p{Han}{1,2}?)家(?=一家人|家族群|亲友群|大家庭群)")

#: a label that names a person, right before its colon: the label's last word. ...人 / ...员 /
#: ...者 / ...官 / ...师 / ...客 (记录人, 调配员, 审核药师, 承办法官, 主住客), a title or
#: role (班主任, 客户经理, 前台接待), the name fields themselves, and the acts a person signs
#: for (制表, 复核, 经办, 签字 ...)
_LABEL_END = (r"(?:人|员|者|官|师|客|医生|护士|主任|经理|主管|组长|队长|科长|院长|所长|站长|接待|会计|出纳|代表|"
              r"姓名|名字|户名|签名|签字|签收|制表|制单|复核|审核|审批|批准|经办|调配|发药|核对|记录|主持|编制|校对|"
              r"填报|填表|录入|初审|复审|终审|验收|收款|开票|收银|配药|甲方|乙方|丙方|原告|被告)")
#: a numbered slot (联系人一, 联系人2) and a gloss in brackets (申请人（签名）, 姓名(Name))
_SLOT = compile_pattern(rf"(?<![\p{{Han}}])(?P<label>\p{{Han}}{{0,8}}?{_LABEL_END})[一二三四五1-5]?"
                        r"(?:[ \t]*[（(][^）)\n]{1,16}[）)])?[ \t]*[:：][ \t　]*(?P<value>\p{Han}{1,6})(?!\p{Han})")
#: a list label: the items after it are people (参会人：A、B、C)
_LIST = compile_pattern(r"(?<![\p{Han}])(?:参会人员?|与会人员?|出席人员?|出席|列席人员?|列席|请假人员?|请假|缺席人员?|缺席|"
                        r"抄送人?|主送|参加人员|参与人员|到会人员|小组成员|成员|组员|评委|值班人员|同行人员?|随行人员?|"
                        r"家庭成员|会签人?|参会|与会)[ \t]*[:：][ \t　]*(?P<items>[^\n]{2,200})")
#: a name in apposition after a kinship term or a role (其配偶过建涛代为, 其女儿夏天陪护, 本人哥哥单明月，
#: 请联系管家谢建宇，) or between 由 and the act of a proxy (由林志愿代签): the word before names the
#: relation, the name stands alone between it and a clause break or the proxy's act
_APPOSED = compile_pattern(r"(?:其|本人|我的|我)(?:配偶|丈夫|妻子|爱人|儿子|女儿|父亲|母亲|哥哥|姐姐|弟弟|妹妹|女婿|儿媳|孙子|孙女)"
                           r"(?P<after_kin>\p{Han}{2,4})|"
                           r"(?:管家|经纪人|派送员|快递员|直属领导|代取人|代办人|受托人)(?P<after_role>\p{Han}{2,4})|"
                           r"由(?P<proxy>\p{Han}{2,4}?)代(?:签|领|收|办|填|交|为)")
#: a household or an addressee named after a person: 叫上母建国一家, 亲爱的闫向东校友：, 本人许胜利，身份证号
_HOUSEHOLD = compile_pattern(r"(?P<run>\p{Han}{2,5})一家(?=[，,。！!；;\s]|$|人|三口|四口|老小)")
_ADDRESSEE = compile_pattern(r"(?:亲爱的|尊敬的|本人)(?P<run>\p{Han}{2,4}?)(?:校友|同学|学长|学姐|会员|客户|用户)?(?=[：:，,])")
_APPOSED_END = compile_pattern(r"(?:[，,。；;（(、：:\s]|$|代为|代办|代签|陪护|陪同|签收|负责)")
_ITEM_SPLIT = re.compile(r"[、，,;；/]")
_NOTE = re.compile(r"[（(][^）)]{0,16}[）)]\s*$")


def _name_chars(name: str) -> bool:
    return bool(name) and not any(c in _NOT_NAME for c in name)


def _role_word(name: str) -> bool:
    """A dictionary word for a role or a party (乘客, 来电人, 调解员, 当事人): no one's name."""
    return name[-1] in _ROLE_ENDS and dictionary_frequency(name) > 0


def chat_speakers(text: str) -> list[Span]:
    """Every sender of a chat with three sender lines or more, except kinship, role and system
    senders; a role before the name is cut off (团长东黛 -> 东黛)."""
    lines = [m for pattern in (_SENDER_LINE, _STAMPED_LINE) for m in pattern.finditer(text)]
    if len(lines) < _CHAT_LINES:
        return []
    counts: dict[str, int] = {}
    for m in lines:
        counts[m.group("name")] = counts.get(m.group("name"), 0) + 1
    out = []
    for m in lines:
        start, end = m.span("name")
        name = m.group("name")
        if (role := _SENDER_ROLE.match(name)) and name not in _NOT_SENDER:
            start += role.end()
            name = name[role.end():]
        if name in _NOT_SENDER or _SENDER_END.search(name) or _role_word(name) or not _name_chars(name) or len(name) > 4 or \
                len(name) == 1 and counts[m.group("name")] < 2:
            continue
        if name[:1] in "小老" and len(name) == 2:  # 小邵, 老武: a nickname, the surname is the name
            start += 1
        out.append((start, end))
    return out


def family_titles(text: str) -> list[Span]:
    """The surname of the family a group chat is named after (【微信群：叶家一家人】 -> 叶)."""
    from dataprotocol.deid.recognizers._zh_surnames import surname_length

    out = []
    for m in _FAMILY.finditer(text):
        group = "surname" if m.group("surname") else "surname2"
        start, end = m.span(group)
        if surname_length(text, start) == end - start:
            out.append((start, end))
    return out


def slot_values(text: str) -> list[Span]:
    """The value of a field whose label names a person (记录人：种子文, 复核：种会计 -> 种)."""
    out = []
    for m in _SLOT.finditer(text):
        if NOT_PERSON_LABEL.search(m.group("label")):
            continue
        start, end = m.span("value")
        value = m.group("value")
        if (n := surname_title(value)) is not None:
            out.append((start, start + n))
        elif slot_name(value):
            out.append((start, end))
    return out


def list_items(text: str) -> list[Span]:
    """The items of a list after a list label (参会人：余鹏、沈海洋、金长江、仲孙然子)."""
    out = []
    for m in _LIST.finditer(text):
        items, base = m.group("items"), m.start("items")
        stop = min((i for i in (items.find("。"), items.find("："), items.find(":")) if i >= 0), default=len(items))
        pos = 0
        for piece in _ITEM_SPLIT.split(items[:stop]):
            item = _NOTE.sub("", piece).strip(" \t　")
            offset = base + pos + piece.find(item) if item else 0
            pos += len(piece) + 1
            if item and item not in FILLERS and slot_name(item):
                out.append((offset, offset + len(item)))
    return out


def apposed_names(text: str) -> list[Span]:
    """A name after a kinship term or a role, alone up to a clause break, or a proxy's (由X代签)."""
    out = []
    for m in _APPOSED.finditer(text):
        if m.group("proxy"):
            if slot_name(m.group("proxy")):
                out.append(m.span("proxy"))
            continue
        group = "after_kin" if m.group("after_kin") else "after_role"
        start = m.start(group)
        for end in range(m.end(group), start + 1, -1):  # longest first: 欧阳向东, then 向东 ...
            if slot_name(text[start:end]) and _APPOSED_END.match(text, end):
                out.append((start, end))
                break
    return out


def _household_name(run: str) -> int | None:
    """Offset in ``run`` of the name that ends it: a common surname first, then the longest."""
    from dataprotocol.deid.recognizers._zh_surnames import surname_length

    if run.endswith("家"):
        return None  # 叶家一家人: the family's name (family_titles), not a person's
    candidates = [k for k in range(max(0, len(run) - 4), len(run) - 1) if slot_name(run[k:])]
    return min(candidates, key=lambda k: (not surname_length(run, k), k), default=None)


def household_names(text: str) -> list[Span]:
    """The person a household or a letter is named after (叫上付和平一家, 亲爱的闫向东校友：)."""
    out = []
    for m in _HOUSEHOLD.finditer(text):
        if (k := _household_name(m.group("run"))) is not None:
            out.append((m.start("run") + k, m.end("run")))
    for m in _ADDRESSEE.finditer(text):
        if slot_name(m.group("run")):
            out.append(m.span("run"))
    return out


class ChineseStructuredNameRecognizer(LocalRecognizer):  # type: ignore[misc]
    """PERSON spans that the layout of a Chinese document reveals (chats, slots, lists, tables)."""

    name: str

    def __init__(self, *, supported_language: str = "zh") -> None:
        super().__init__(supported_entities=["PERSON"], supported_language=supported_language,
                         name="ChineseStructuredNameRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if entities and "PERSON" not in entities:
            return []
        spans: dict[Span, float] = {}
        # above the cue rules' 0.7 (a bare surname before a verb: 姓名：彭|胜利): the slot decides
        for span in slot_values(text) + list_items(text) + table_spans(text) + apposed_names(text) + \
                household_names(text):
            spans.setdefault(span, 0.75)
        for span in chat_speakers(text) + family_titles(text):
            spans.setdefault(span, 0.6)
        return [RecognizerResult(entity_type="PERSON", start=s, end=e, score=score,
                                 recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                       RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})
                for (s, e), score in spans.items()]

