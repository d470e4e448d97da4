"""Whether the value of a slot that holds a person has the shape of a Chinese name.

Shared by the structure rules (:mod:`._zh_person_structure`, :mod:`._zh_person_table`):
there the slot is the evidence, so a value that is also an everyday word (夏天, 高阳,
金长江, 彭胜利) is a name; what it still needs is a name's shape -- a surname and one or
two characters with no function character -- and not to be one of the words that fill
such slots without naming anyone (本人, 待定, 全体).
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import compile_pattern
from dataprotocol.deid.recognizers._zh_segments import dictionary_frequency
from dataprotocol.deid.recognizers._zh_surnames import surname_length

__all__ = ["FILLERS", "NOT_PERSON_LABEL", "slot_name", "surname_title"]

#: surnames that are also everyday words (种子, 过去, 和平, 水果, 红色, 通知, 福利): the name
#: recognizer leaves them out of its list; in a person's slot the slot is evidence enough
WORD_SURNAMES = frozenset("种过和水红通福")
#: words that fill a person's slot without naming one
FILLERS = frozenset(
    "本人 同上 同前 待定 暂无 无 未知 不详 见附件 详见附件 匿名 全体 全员 全体员工 系统 自动 系统自动 略 空 某某 门卫 保安 "
    "前台 家属 物业 财务 行政 人事 本单位 单位 代理 同意 通过 已签 签字 盖章 已阅 属实 无误 合格 确认 见下 另附 "
    "本公司 公司 甲方 乙方 原告 被告 申请人 经办人 负责人 客户 用户 患者 家长 学生 老师 医生 护士 师傅 司机".split())
#: a label that ends like a person's but names none (个人：是, 会员：金卡)
NOT_PERSON_LABEL = compile_pattern(r"(?:个人|会员|动员|人员数|人数)$")
#: characters no given name holds: function words, pronouns, measure words
_NOT_GIVEN = set("的了着吗呢吧啊是在或等也都就还又把被给对从于为您你我他她它们这那哪谁么很太最更不没个些"
                 "部处科室组队局厅院所站司")
#: a title after a surname alone (种会计, 过老师, 张经理)
_TITLE = compile_pattern(r"(?:老师|会计|出纳|经理|先生|女士|小姐|医生|护士|师傅|主任|律师|警官|阿姨|叔叔|同学|总|工|"
                         r"科长|处长|所长|队长|组长|院长|主管|专员|大夫)$")
#: kinship terms that end a reference to someone (红奶奶, 晓明妈妈)
_KIN = compile_pattern(r"(?:奶奶|爷爷|妈妈|爸爸|外婆|外公|姥姥|姥爷|阿姨|叔叔|家长)$")
#: POS tags of an everyday word that may be a name too (a time: 夏天; a place: 高阳; a name)
_NAME_TAGS = ("t", "ns", "nr", "nz")
#: a two-character value more frequent than this in jieba's dictionary, and no time, place
#: or name word, is the ordinary word (门卫 191, 全体 5382; 周天 40, 高远 81 are names here)
_WORD_MAX = 100
#: a three-character value whose first two characters are a word this frequent and no name
#: word starts with that word (项目|部, 高兴|华) -- unless the surname is one of WORD_SURNAMES
_HEAD_MAX = 1000


def _tag(word: str) -> str:
    import jieba.posseg

    return str(jieba.posseg.dt.word_tag_tab.get(word, ""))


def _surname(value: str) -> int:
    return surname_length(value, 0) or (1 if value[:1] in WORD_SURNAMES else 0)


def surname_title(value: str) -> int | None:
    """Length of the surname where ``value`` is a surname and a title (种会计 -> 1)."""
    n = _surname(value)
    return n if n and len(value) > n and _TITLE.fullmatch(value, n) else None


def slot_name(value: str) -> bool:
    """``value`` (2-4 Han) has a name's shape where a slot says a person stands there."""
    if not 2 <= len(value) <= 4 or value in FILLERS or not all("\u4e00" <= c <= "\u9fff" for c in value):
        return False
    if _KIN.search(value):
        return False  # 红奶奶: named through a kinship term (the frames of _zh_person_frames take 红)
    n = _surname(value)
    given = value[n:]
    if not n or not 1 <= len(given) <= 2 or any(c in _NOT_GIVEN for c in given):
        return False
    rare = value[:1] in WORD_SURNAMES and n == 1  # (the name list may hold them too, as weak surnames)
    freq = dictionary_frequency(value)
    if rare:  # 种子文, 过婷霞; not 过户, 通过, 红色
        return freq <= 20
    if len(value) == 2:
        return freq <= _WORD_MAX or _tag(value) in _NAME_TAGS
    head = value[:2]
    if n == 1 and dictionary_frequency(head) > _HEAD_MAX and _tag(head) not in _NAME_TAGS:
        return False
    return freq <= 20 or _tag(value).startswith("nr")
