"""What jieba's dictionary and segmentation say around a candidate Chinese name.

The person recognizer (``_zh_person``) finds where a name may be; these predicates read the
words jieba puts there -- an everyday word, a dictionary ``nr`` word that is no name, a word
that straddles the name's edge, a word Chinese gives as a name -- and the character sets and
frequency thresholds they share with it.
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import compile_pattern
from dataprotocol.deid.recognizers._zh_segments import dictionary_frequency, first_word
from dataprotocol.deid.recognizers._zh_surnames import DISTINCTIVE_DOUBLE_SURNAMES, surname_length

#: titles and roles after a name (王芳女士, 李医生); the title stays outside the span
TITLES = ("先生|女士|小姐|太太|医生|医师|大夫|经理|总监|老师|护士|主任|律师|警官|同志|师傅|教授|院长|科长|处长|局长|"
          "队长|阿姨|叔叔|大爷|大妈|姐姐|哥哥|姐|哥|同学|专员|客服|总|博士|主管|部长|书记|董事长|老板|店长|组长|您好|你好")
#: characters no given name holds: function words, pronouns, titles' first characters, punctuation, digits
NOT_GIVEN = set("的了着过吗呢吧啊在是说和与及或等也都就还又把被给向对从于为因称讲问答来去到要请已曾将您你我他她们诉负先女医经老护很太真最更挺"
                "主律警同师总男性患客电手身住今昨现反表投打拨致驾于，。、；：！？（）()0123456789 \n\t")
#: a dictionary "nr" word seen more often than this is an ordinary word (安静 1199, 顾客 1365)
COMMON = 20
COMMON_NR = 1000
TITLE = compile_pattern(rf"(?:{TITLES})")
#: what stands right before a name framed by an act (向|方宇转账, 由|高飞雨主持): a preposition / light
#: verb, or no Han at all
_FRAME_BEFORE = set("向由给和与跟让请叫找派经被把将帮替")


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


#: characters a given name hardly ends in, but the nouns jieba's dictionary tags nr do (李宁牌, 朱红色, 左心室)
_NOT_FINAL = set("牌色室网店馆厂站院科队器机费表库台图城村镇县区市省路街寺庙赛集术法性化型类班")


#: function characters and 性 no given name holds (the wider NOT_GIVEN has 同, 文 ... of real names)
_NOT_GIVEN_NR = set("的了着过吗呢吧啊是在和与或被把性负")


def nr_word_no_name(word: str) -> bool:
    """A rare dictionary word tagged nr that reads as no name: a surname and three more characters
    (宁静致远, 严格执行: idioms), an everyday word and one character (支付|宝, 向前|走), or a noun's ending."""
    n = surname_length(word, 0)
    if len(word) - n > 2 or any(c in _NOT_GIVEN_NR for c in word[n:]) or word[-1] in _NOT_FINAL:
        return True  # 窦性心(律), 白班
    if len(word) - n == 2 and _tag(word[n:]) in ("t", "r"):
        return True  # a time word or a pronoun as the "given name": (将)于|本周
    if len(word) >= 3 and word[-1] in "省市区县":  # a place jieba tags nr (武侯区)
        return True
    if len(word) == 3 and n == 1:
        head = word[:2]
        if dictionary_frequency(head) > 100 and not _nr_tagged(head):
            return True
        return word[-1] in _NOT_FINAL
    return False


def _nr_tagged(word: str) -> bool:
    return _tag(word).startswith("nr")


def _tag(word: str) -> str:
    import jieba.posseg

    return str(jieba.posseg.dt.word_tag_tab.get(word, ""))


def inside_word(i: int, words: dict[int, tuple[str, str]]) -> bool:
    """Offset ``i`` falls inside a dictionary word of jieba's that is no name (班组长, 公主任)."""
    head = next((k for k in range(i - 1, i - 5, -1) if k in words), None)
    if head is None:
        return False
    word, flag = words[head]
    return head + len(word) > i and not flag.startswith("nr") and dictionary_frequency(word) > 0


def tail_of_word(text: str, begin: int, starts: set[int]) -> bool:
    """The "surname" ends an everyday word jieba read before it (担|任 财务主管: 担任 is no name's edge),
    unless an everyday word ends right before it (班组长|江先生: jieba reads 班组|长江)."""
    if begin in starts or begin == 0:
        return False
    if any(dictionary_frequency(text[k:begin]) > COMMON for k in range(max(0, begin - 3), begin - 1)):
        return False
    head = max((s for s in starts if s < begin), default=None)
    if head is None or begin - head > 3:
        return False
    word = text[head:begin + 1]
    return len(word) >= 2 and dictionary_frequency(word) > COMMON


def framed_name(text: str, end: int, words: dict[int, tuple[str, str]]) -> int | None:
    """Start of a surname + 1-2 character name ending at ``end`` with a frame word or no Han
    before it (向|方宇, 由|高飞雨, 。|高国), longest first; None where jieba reads an ordinary
    word there (由|公司负责, 向|商家付款)."""
    for length in (4, 3, 2):
        begin = end - length
        if begin < 0 or not all(is_han(c) for c in text[begin:end]):
            continue
        n = surname_length(text, begin)
        if not n or not 1 <= length - n <= 2 or any(c in NOT_GIVEN for c in text[begin + n:end]):
            continue
        if begin and is_han(text[begin - 1]) and text[begin - 1] not in _FRAME_BEFORE or \
                text[begin] in _FRAME_BEFORE or TITLE.match(text, begin):  # 由|公司负责, 师傅说
            continue
        if n == 2 and text[begin:begin + 2] not in DISTINCTIVE_DOUBLE_SURNAMES and \
                dictionary_frequency(text[begin:end]) > COMMON:
            continue  # 东方明珠表示: a dictionary word (jieba tags it nr) with an everyday word as its "surname"
        if any(len(word) >= 2 and dictionary_frequency(word) > (COMMON_NR if flag.startswith("nr") else COMMON)
               for word, flag in (words.get(begin, ("", "")), words.get(begin + n, ("", "")))):
            continue  # an ordinary word at the name's start or as its "given name" (向|商家, 由|平台)
        return begin
    return None


def common_word_at(text: str, start: int, end: int, words: dict[int, tuple[str, str]]) -> bool:
    """After a role with no colon, or before a title, the "name" is one ordinary word (用户|信息,
    同事|关系, 司机|师傅)."""
    if start and text[start - 1] in ":：":
        return False
    if start not in words and end - start == 1:  # a bare "surname" inside a word before a title:
        head = next((k for k in range(start - 1, -1, -1) if k in words), None)  # 维修|师傅, 上班|老师 -- unless
        word = words[head][0] if head is not None else ""  # the word is jieba's guess (犬主丁|女士)
        guessed = head is not None and head + len(word) == start + 1 and dictionary_frequency(word) == 0
        return not (guessed or any(dictionary_frequency(text[k:start]) > COMMON  # 班组长|江先生 (班组|长江)
                                   for k in range(max(0, start - 3), start - 1)))
    word, flag = words.get(start) or straddled(text, start) or ("", "")
    # jieba tags some everyday words nr (师傅 1976, 顾客 1365); a famous name is rarer (李娜 438)
    return len(word) >= max(2, end - start) and dictionary_frequency(word) > (COMMON_NR if flag.startswith("nr") else COMMON)


def straddled(text: str, start: int) -> tuple[str, str] | None:
    """The word at ``start`` when jieba glued the role's last character to the name (报警|人马|宁,
    查勘|员曲|宁): the text from ``start`` on, segmented alone; None where it is no better."""
    before = max(0, start - 2)
    if not start or not is_han(text[start - 1]):
        return None
    head = first_word(text[start:start + 6])
    return head if head and first_word(text[before:start + 6]) != head else None


def ordinary_word(word: tuple[str, str] | None, length: int) -> bool:
    """jieba starts a common non-name word where the name would start (个人信息 -> 信息)."""
    if word is None:
        return True  # the "name" does not start a word: it is inside one
    text, flag = word
    return len(text) >= 2 and not flag.startswith("nr") and dictionary_frequency(text) > COMMON and \
        len(text) >= length - 1


#: jieba's tags of words no given name is (a pronoun, time word, numeral, measure, adverb,
#: preposition, conjunction, locality, particle) and of a plain verb, which after a surname is
#: more often what the person did (网格员高|答应): a noun, verbal noun or adjective is a name
_NOT_GIVEN_WORD = ("r", "t", "m", "q", "d", "p", "c", "f", "u", "y", "e", "o")


def word_given(text: str, j: int) -> bool:
    """The two characters after a cued surname are one dictionary word that Chinese gives as a
    name (向东, 和平, 胜利, 明月: a noun, verbal noun or adjective, even with a function character
    in it), and the name's slot ends right after it: a delimiter, a title, or a verb, adverb or
    preposition that starts the rest of the clause (杨向东|代为办理, 付和平|诉被告)."""
    word = text[j:j + 2]
    if len(word) < 2 or not all(is_han(c) for c in word) or TITLE.match(text, j) or \
            dictionary_frequency(word) <= COMMON:
        return False
    tag = _tag(word)
    if not tag or tag == "v" or tag.startswith(_NOT_GIVEN_WORD):
        return False
    end = j + 2
    if end == len(text) or not is_han(text[end]) or TITLE.match(text, end):
        return True
    head = first_word(text[end:end + 6])
    return head is not None and head[1][:1] in ("v", "d", "p") and head[1] != "vn"


def field_value(text: str, start: int, given: int) -> bool:
    """A field's whole value, from its colon to the next delimiter, is a surname and two Han
    characters (姓名：彭胜利  性别, 被保险人：李胜利): that is the name, even where the two read as an
    everyday verb (胜利) -- a field holds a value, not a bare surname and what the person did."""
    before = text[max(0, start - 3):start].rstrip(" \t　")
    return before[-1:] in (":", "：") and given + 2 <= len(text) and \
        all(is_han(c) for c in text[given:given + 2]) and (given + 2 == len(text) or not is_han(text[given + 2]))


def word_len(text: str, start: int, starts: set[int]) -> int:
    end = start + 1
    while end < len(text) and end not in starts:
        end += 1
    return end - start
