"""Sentence frames that mark a Chinese name where no role word stands right before it.

Used by :class:`~dataprotocol.deid.recognizers._zh_person.ChinesePersonRecognizer`; each
frame is a linguistic convention of Chinese text, not a phrase of one corpus:

* a nickname ``小`` / ``老`` + surname after a role or position word, or before a
  title, a verb or punctuation (客服小王备注, 隔壁老李反映, 老张：) -- only the surname is
  the name (``小``/``老`` work as a title);
* ``X某`` / ``X某某``, the surname of a person left unnamed on purpose (钱某已离职);
* a chat speaker named through a kinship term or a title (晓明妈妈：, 公孙老师：) or
  through the verb that introduces their words (张伟补充：);
* a name with the sex right after it, as in a ward list or a register (王芳，女，45岁);
* a household named after its head (楼上陈明家, 隔壁李华家);
* a name given alone after 我是 / 我叫 (我是瑶梅，麻烦...), which may be the given name only.

Candidates are checked against jieba's dictionary: a "name" that is an ordinary word
(小时, 老师, 老年, 我是说) is dropped.
"""

from __future__ import annotations

import re

from dataprotocol.deid.recognizers._base import compile_pattern
from dataprotocol.deid.recognizers._zh_name_model import model as name_model
from dataprotocol.deid.recognizers._zh_segments import dictionary_frequency, first_word
from dataprotocol.deid.recognizers._zh_surnames import DOUBLE_SURNAMES, surname_length

__all__ = ["frame_spans", "given_name_spans", "STAMP"]

Span = tuple[int, int]

#: characters a given name does not contain (function words, pronouns, punctuation)
_NOT_NAME = set("的了着过吗呢吧啊在是说和与及或等也都就还又把被给向对从于为因称讲问答来去到要请已曾将您你我他她它们这那哪谁什么"
                "很太真最更挺不没有个些上下里中，。、；：！？（）()0123456789 \n\t")
#: kinship terms and titles that name a chat speaker or a person by reference
_KIN = "妈妈|爸爸|家长|奶奶|爷爷|外婆|外公|姥姥|姥爷|妈|爸"
_SPEAKER_TITLE = "老师|医生|护士|主任|经理|师傅|先生|女士|阿姨|叔叔|同学|律师|警官|教练|班长|校长|园长"
#: a verb that introduces reported words after a speaker (张伟补充：, 李娜回复：)
_SAY = "补充|回复|留言|备注|批注|写道|说|表示|问|答|发言|指出"
#: words after a nickname that end it: a verb of speech or action, a title, or punctuation
_AFTER_NICK = compile_pattern(r"(?:备注|反映|说|表示|答应|称|讲|告诉|提到|回复|补充|负责|处理|来|去|在|已|也|都|和|与|跟|的|"
                              r"师傅|同学|同志|家|[^\p{Han}])")
#: a nickname is only taken after a role / position word or where no Han stands before it
_BEFORE_NICK = compile_pattern(r"(?:客服|隔壁|邻居|对门|楼上|楼下|同事|工友|师傅|司机|保安|保洁|室友|同学|朋友|老乡|领导|"
                               r"工|员|人|长|生|叫|找|问|让|请|和|与|跟|给|是|他|她|我|你|您|[^\p{Han}])$")
_NICK = compile_pattern(r"[小老](?=\p{Han})")
_MOU = compile_pattern(r"(?<=[^\p{Han}]|^|[称说的是由经向给和与跟找被让请将把对])(?P<name>\p{Han}{1,2}?)某{1,2}"
                        r"(?![些种个天日位人处地次项一年月时样件类])", re.MULTILINE)
#: a chat line may open with the time it was sent (18:00 佳红家长：)
_STAMP = r"[ \t　]*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t　]+)?"
STAMP = _STAMP
_SPEAKER = compile_pattern(rf"^{_STAMP}(?P<name>\p{{Han}}{{1,4}}?)(?P<cue>{_KIN}|{_SPEAKER_TITLE}|{_SAY})[ \t]*[:：]",
                           re.MULTILINE)
#: "（卢东海家长 撤回了一条消息）", "@潘艳静妈妈": a kinship term names the person before it
_KIN_MENTION = compile_pattern(rf"(?<=[（(@])(?P<name>\p{{Han}}{{2,4}}?)(?:{_KIN})")
#: the value of a field that names someone through a kinship term: 接送人：红奶奶（...）
_KIN_VALUE = compile_pattern(rf"(?<=[:：])[ \t　]*(?P<name>\p{{Han}}{{1,4}}?)(?:{_KIN})(?=[（(，,。；;\s]|$)", re.MULTILINE)
#: the value of a name field, which may be a given name alone: 子女姓名：霞思
_NAME_FIELD = compile_pattern(r"(?:姓名|名字)[ \t]*[:：][ \t　]*(?P<name>\p{Han}{1,4})(?=[ \t　，,。；;|/（(]|$)", re.MULTILINE)
#: a form that splits the name into two fields: 姓：汪  名：雪玉, 姓（Surname）：宋 / 名（Given name）：梓萱,
#: 姓氏: 司空  名字: 轩 (each on its own line too) -- the surname and the given name are each a span
_GLOSS = r"(?:[ \t]*[（(][^）)\n]{1,20}[）)])?"
_SPLIT_NAME = compile_pattern(rf"(?<!\p{{Han}})姓氏?{_GLOSS}[ \t]*[:：][ \t　]*(?P<surname>\p{{Han}}{{1,2}})"
                              rf"[ \t　,，;；/|\n]{{1,6}}(?<!\p{{Han}})名字?{_GLOSS}[ \t]*[:：][ \t　]*"
                              r"(?P<given>\p{Han}{1,3})(?!\p{Han})")
#: a chat speaker after the role that prefixes their name: 买家雨桐：
_ROLE_SPEAKER = compile_pattern(_STAMP + r"(?:买家|卖家|客服|客户|用户|顾客|网友|群友|家长|司机|乘客|骑手|房东|租客|业主|店主|店员|"
                                r"主播|粉丝|学员|患者)(?P<name>(?![小老])\p{Han}{1,4}?)[ \t]*[:：]", re.MULTILINE)
#: (客服小美：is a nickname -- the nickname frame decides, and 美 is no surname)
_SEX = compile_pattern(r"(?<=^|[^\p{Han}]|床|号|名|员|者|人)(?P<name>\p{Han}{2,4})[，,、\s]\s*[男女](?=[，,、；;）)\s]|性)",
                       re.MULTILINE)
#: a family list: 南宫振、佴萍涵（配偶）、南宫浩熙（子女，十二岁）; 户主之子眭菊在...
_RELATION = compile_pattern(r"(?<=^|[：:、，,\s])(?P<name>\p{Han}{2,4})[（(](?:配偶|子女|儿子|女儿|父亲|母亲|丈夫|妻子|孙子|孙女|"
                            r"儿媳|女婿|兄弟|姐妹|哥哥|姐姐|弟弟|妹妹)(?=[，,、）)])", re.MULTILINE)
_CHILD_OF = compile_pattern(r"之(?:子|女|妻|夫|父|母)(?P<name>\p{Han}{2,4}?)(?=[在是于已仍和与，,。；;]|[^\p{Han}]|$)", re.MULTILINE)
_HOUSEHOLD = compile_pattern(r"(?:楼上|楼下|隔壁|邻居|对门|对面)(?P<name>\p{Han}{2,4})家")
#: a chat export's sender line: name, an optional role, the time (and nothing else)
_HEADER = compile_pattern(rf"^[ \t　]*(?P<name>\p{{Han}}{{1,4}}?)(?:{_SPEAKER_TITLE}|经纪人|顾问|客服|店长|团长|群主|管家)?"
                          r"[ \t　]+\d{1,2}:\d{2}(?::\d{2})?[ \t　]*$", re.MULTILINE)
_AGED = compile_pattern(r"(?P<name>\p{Han}{2,4})[（(][ \t]*(?:\d{1,3}|[一二三四五六七八九十]{1,3})[ \t]*(?:周岁|岁)[ \t]*[）)]")
_SELF = compile_pattern(r"(?:我是|我叫|本人是|我的名字是|我名字叫)(?P<name>\p{Han}{1,3})(?=[，,。！!？?~～\s]|$)", re.MULTILINE)
#: a candidate more frequent than this in jieba's dictionary is an ordinary word
_COMMON = 20
_COMMON_NICK = 400  # 老李 298, 小张 302, 小马 391 are in it as words; 老年 404, 小区 414, 小时 8143 are not names


def _name_like(name: str) -> bool:
    return bool(name) and not any(c in _NOT_NAME for c in name)


def _ordinary(word: str) -> bool:
    return len(word) >= 2 and dictionary_frequency(word) > _COMMON


def _full_name(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a surname and a one- or two-character given name."""
    n = surname_length(text, start)
    return bool(n) and 1 <= end - start - n <= 2 and _name_like(text[start + n:end])


def _nicknames(text: str, starts: set[int] | None = None) -> list[Span]:
    out = []
    for m in _NICK.finditer(text):
        i = m.end()
        n = surname_length(text, i)
        if not n or dictionary_frequency(text[i - 1:i + n]) > _COMMON_NICK or \
                (n == 1 and dictionary_frequency(text[i:i + 2]) > 1000 and text[i:i + 2] not in DOUBLE_SURNAMES):
            continue  # 小时, 老师, 老年; 小学生 (学生 is one word)
        if _AFTER_NICK.match(text, i + n) or i + n == len(text):
            if _BEFORE_NICK.search(text, max(0, m.start() - 4), m.start()) or m.start() == 0:
                out.append((i, i + n))
                continue
        if starts is None or not (dictionary_frequency(text[i - 1:i + n]) <= _COMMON or
                                  name_model().surname_names(text[i:i + n]) >= 100):
            continue  # an everyday word (小米 396, 小金 47) only with a common surname (老张 256)
        if _word_alone(text, m.start(), i + n, starts) or _glued_to_next(text, m.start(), i + n):
            out.append((i, i + n))
    return out


def _glued_to_next(text: str, start: int, end: int) -> bool:
    """A nickname that opens a clause (line start, after punctuation or a role word) whose surname
    jieba glued to the next word (。小|莫如|需请假 is 小莫 + 如需, 老|高平|时 is 老高 + 平时): what
    follows the surname, read alone, starts with an everyday word."""
    if not (start == 0 or not _is_han(text[start - 1]) or _BEFORE_NICK.search(text, max(0, start - 4), start)):
        return False
    head = first_word(text[end:end + 6]) if end < len(text) and _is_han(text[end]) else None
    return head is not None and len(head[0]) >= 2 and dictionary_frequency(head[0]) > _COMMON


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _word_alone(text: str, start: int, end: int, starts: set[int]) -> bool:
    """jieba reads ``text[start:end]`` (小/老 + a surname) as words of its own, whatever stands
    around it (住户|老潘|签字, 。|老彭|平时, 小|芈|如需): the nickname is no part of a longer word
    (老黄牛, 小白菜, 老高兴)."""
    if start not in starts or not (end in starts or end == len(text)):
        return False
    if any(k in starts for k in range(start + 2, end)):
        return False  # a word boundary inside a double surname (小|欧|阳)
    return start + 1 in starts or start + 1 not in starts and end - start >= 2


def _speakers(text: str) -> list[Span]:
    out = []
    for m in _SPEAKER.finditer(text):
        start, end = m.span("name")
        name, cue = m.group("name"), m.group("cue")
        if not _name_like(name) or _ordinary(name + cue):  # 班主任：is a role, not 班 + 主任
            continue
        if re.fullmatch(_KIN, cue):  # 晓明妈妈：-- a child's given or full name
            if not _ordinary(name):
                out.append((start, end))
        elif re.fullmatch(_SPEAKER_TITLE, cue):  # 公孙老师：-- a surname alone (or a full name)
            if surname_length(text, start) == end - start or _full_name(text, start, end):
                out.append((start, end))
        elif _full_name(text, start, end) and not _ordinary(name):  # 张伟补充：
            out.append((start, end))
    for pattern in (_KIN_MENTION, _KIN_VALUE, _NAME_FIELD, _ROLE_SPEAKER):
        for m in pattern.finditer(text):
            if _name_like(m.group("name")) and not _ordinary(m.group("name")):
                out.append(m.span("name"))
    return out


def frame_spans(text: str, starts: set[int] | None = None) -> dict[Span, float]:
    """Name spans found by the frames above, with a score each (``starts``: where jieba's
    words start, when the caller has segmented the text)."""
    spans: dict[Span, float] = {}
    for span in _nicknames(text, starts):
        spans.setdefault(span, 0.6)
    for m in _MOU.finditer(text):
        start, end = m.span("name")
        if surname_length(text, start) == end - start:
            spans.setdefault((start, end), 0.55)
    for span in _speakers(text):
        spans.setdefault(span, 0.6)
    for pattern in (_SEX, _HOUSEHOLD, _RELATION, _CHILD_OF):
        for m in pattern.finditer(text):
            start, end = m.span("name")
            if _full_name(text, start, end) and not _ordinary(m.group("name")):
                spans.setdefault((start, end), 0.6)
    for m in _SPLIT_NAME.finditer(text):
        spans.setdefault(m.span("surname"), 0.6)
        spans.setdefault(m.span("given"), 0.6)
    for m in _SELF.finditer(text):
        name = m.group("name")
        if _name_like(name) and not _ordinary(name):
            spans.setdefault(m.span("name"), 0.55)
    for span in _chat_headers(text) + _aged(text, starts):
        spans.setdefault(span, 0.55)
    return spans


def _chat_headers(text: str) -> list[Span]:
    """The sender line of an exported chat, a name (and a role) then the time: 俊红经纪人 17:38,
    邱豪佑 11:20. A given name alone counts where it heads two lines or more; a full name once."""
    seen: dict[str, list[Span]] = {}
    for m in _HEADER.finditer(text):
        seen.setdefault(m.group("name"), []).append(m.span("name"))
    out = []
    for name, places in seen.items():
        if not _name_like(name) or _ordinary(name) or len(name) < 2 and len(places) < 2:
            continue
        if len(places) >= 2 or _full_name(text, places[0][0], places[0][1]):
            out.extend(places)
    return out


def _aged(text: str, starts: set[int] | None) -> list[Span]:
    """A name with the age right after it in brackets: 照护君帅（6岁）, 儿子王浩（十二岁）. A full name is
    taken whole; else the last two characters, where they are no everyday word and start one of jieba's."""
    out = []
    for m in _AGED.finditer(text):
        end = m.end("name")
        for start in (end - 4, end - 3, end - 2):
            if start >= m.start("name") and _full_name(text, start, end) and not _ordinary(text[start:end]) and \
                    (start == m.start("name") or starts is None or start in starts):
                out.append((start, end))
                break
        else:
            start = end - 2
            if start >= m.start("name") and _name_like(text[start:end]) and not _ordinary(text[start:end]) and \
                    (starts is None or start in starts) and dictionary_frequency(text[start:end]) == 0:
                out.append((start, end))
    return out


def given_name_spans(text: str, names: list[Span], starts: set[int]) -> list[Span]:
    """The given name of a full name found in the document, used alone elsewhere in it
    (禚磊明 ... 未联系磊明; 熊宏 ... 联系宏。). A one-character given name counts only
    where it is a word of its own and punctuation follows it."""
    given: set[str] = set()
    for start, end in names:
        n = surname_length(text, start)
        if n and 1 <= end - start - n <= 2:
            given.add(text[start + n:end])
    out = []
    for name in given:
        if not _name_like(name) or _ordinary(name):
            continue
        for m in re.finditer(re.escape(name), text):
            s, e = m.span()
            if len(name) == 1 and (s not in starts or e < len(text) and text[e] not in "，,。；;！!？?\n"):
                continue
            out.append((s, e))
    return out
