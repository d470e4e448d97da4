"""The subject of a person's act or statement, at the head of a clause: 金长江提出优化打包流程,
。吴程建同意由其保险公司赔付, 次日上午史平安到派出所, 现场核查：唐海洋带队.

Only a person proposes, holds a view, agrees, drives, leads a team or makes a statement to the
police: a surname and a two-character given name right before such a verb, where a
clause starts (a line start, punctuation, a time word, a preposition that takes a person), is a
name -- also where the given part is an everyday word (长江, 和平, 平安), which the cue-less name
model rightly doubts elsewhere. A name's owner's identity-card number (郑朝阳身份证号) is the same
frame. Guards: the candidate, and its surname with the first given character, are no everyday
word (财务部提出, 高层认为, 安全部表示 start with no name), and surnames that are function
characters or everyday words (向, 由, 于, 将, 和, 过, 种) are not read without a cue.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import compile_pattern
from dataprotocol.deid.recognizers._zh_segments import dictionary_frequency, segment
from dataprotocol.deid.recognizers._zh_surnames import DISTINCTIVE_DOUBLE_SURNAMES, WEAK_SURNAMES, surname_length

__all__ = ["agent_spans"]

Span = tuple[int, int]

#: an act or a statement only a person makes (an adverb may stand before it)
_AGENT_VERB = compile_pattern(r"(?:已经|已|也|还|又|都|再|先|将|正在|当面|亲自|主动)?"
                              r"(?:提出|认为|倾向于|表示|补充说明|介绍|通报|指出|强调|建议|要求|同意|反对|负责|协助|牵头|"
                              r"确认|跟进|面试|驾驶|带队|所驾|酒后|陪护|代签|到派出所|到场|说要|身份证号)")
#: what may open the clause right before the name
_BEFORE = set("向由让请叫跟和与给找对同及、替帮陪")
_COMMON = 20
#: characters no given name holds (function words, pronouns, punctuation) -- unless the given
#: part is one dictionary word (向东, 和平)
_NOT_GIVEN = set("的了着过吗呢吧啊在是说和与及或等也都就还又把被给向对从于为因我你他她它们这那哪谁什么很太真最更不没有个些")
_NO_SURNAME = set("向由于将和") | WEAK_SURNAMES


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def agent_spans(text: str, taken: list[Span]) -> list[Span]:
    """Names right before a person's act or statement, at a clause head (``taken``: spans found already)."""
    words: dict[int, tuple[str, str]] | None = None
    out = []
    for m in _AGENT_VERB.finditer(text):
        end = m.start()
        if any(s < end <= e for s, e in taken):
            continue
        if words is None:
            words = {start: (word, flag) for word, flag, start in segment(text)}
        begin = _name_before(text, end, words)
        if begin is not None:
            out.append((begin, end))
    return out


def _name_before(text: str, end: int, words: dict[int, tuple[str, str]]) -> int | None:
    for length in (4, 3):  # a surname and one character is too often the given name alone (让华强协助)
        begin = end - length
        if begin < 0 or not all(_is_han(c) for c in text[begin:end]) or text[begin] in _NO_SURNAME:
            continue
        n = surname_length(text, begin)
        given = text[begin + n:end]
        if not n or len(given) != 2 or not _opens_clause(text, begin, words) or \
                n == 2 and text[begin:begin + 2] not in DISTINCTIVE_DOUBLE_SURNAMES:
            continue  # 东方明珠表示: 东方 is an everyday word too
        if dictionary_frequency(text[begin:end]) > _COMMON or \
                (n == 1 and dictionary_frequency(text[begin:begin + 2]) > _COMMON):
            continue  # 高层认为, 安全部表示: an everyday word where the name would start
        if any(c in _NOT_GIVEN for c in given) and dictionary_frequency(given) <= _COMMON:
            continue
        return begin
    return None


def _opens_clause(text: str, begin: int, words: dict[int, tuple[str, str]]) -> bool:
    """``begin`` opens a clause: a line start, no Han before it, a person-taking preposition, or
    the end of a time word (次日上午, 当时, 会后)."""
    if begin == 0 or not _is_han(text[begin - 1]) or text[begin - 1] in _BEFORE:
        return True
    for k in range(max(0, begin - 4), begin):
        word, flag = words.get(k, ("", ""))
        if k + len(word) == begin and flag == "t":
            return True
    return False
