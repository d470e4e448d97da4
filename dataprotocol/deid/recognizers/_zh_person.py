"""Person names in Chinese text: cues, titles, and jieba's ``nr`` tag, over a surname list.

A Chinese name is a surname (one or two characters) and a given name of one or two
characters, written without spaces, so the recognizer needs evidence for where it
starts and ends:

* a role or label right before it: 患者张伟, 客户：王芳, 联系人 李娜, 我是/我叫 ...;
* a title or role right after it: 王芳女士, 欧阳明先生, 李医生 (the title stays outside
  the span; a bare surname before a title -- 张先生 -- is reported on its own);
* jieba's ``nr`` (person name) tag on a word that starts with a known surname.

Given-name length after a cue: two characters unless jieba puts a word boundary
after the first, or the second is a title / function character.
"""

from __future__ import annotations

from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult

from dataprotocol.deid.recognizers._base import compile_pattern
from dataprotocol.deid.recognizers._zh_name_model import lattice as name_lattice
from dataprotocol.deid.recognizers._zh_person_agent import agent_spans
from dataprotocol.deid.recognizers._zh_person_frames import STAMP, frame_spans, given_name_spans
from dataprotocol.deid.recognizers._zh_person_words import (
    COMMON,
    COMMON_NR,
    NOT_GIVEN,
    TITLE,
    common_word_at,
    field_value,
    framed_name,
    inside_word,
    is_han,
    nr_word_no_name,
    ordinary_word,
    straddled,
    tail_of_word,
    word_given,
    word_len,
)
from dataprotocol.deid.recognizers._zh_segments import dictionary_frequency, segment
from dataprotocol.deid.recognizers._zh_surnames import (
    DISTINCTIVE_DOUBLE_SURNAMES,
    DOUBLE_SURNAMES,
    SINGLE_SURNAMES,
    WEAK_SURNAMES,
    surname_length,
)

__all__ = ["ChinesePersonRecognizer"]

_ROLES = ("患者|病人|病患|客户|用户|顾客|买家|卖家|联系人|收件人|收货人|寄件人|发件人|申请人|投诉人|员工|职员|经办人|报案人|"
          "被保险人|投保人|受益人|持卡人|借款人|贷款人|担保人|嫌疑人|当事人|同事|姓名|户名|家属|证人|受害人|驾驶员|驾驶人|"
          "司机|快递员|骑手|业务员|负责人|法人|法定代表人|主治医生|主治医师|医生|医师|护士|老师|主任|经理|主管|配偶|"
          "儿子|女儿|父亲|母亲|丈夫|妻子|爱人|签名|签字|审批人|填表人|接待人|记录人|办理人|承办人|民警|警官|"
          "我是|我叫|名叫|叫做|本人|致|亲爱的|尊敬的|抄送|发件|收件|寄给|交给|发给|转给|告诉|通知|联系|拜访|车主|来电人|乘客|房东|租客|"
          "业主|学生|家长|同学|朋友|领导|上级|下属|坐席|@|审核|审核人|复核|推荐人|联络人|代理人|监护人|From|To|Dear|"
          # the English labels of bilingual forms (Candidate: 禚秀 / 应聘岗位, Passenger: 闫华华)
          "Name|Candidate|Passenger|Applicant|Patient|Customer|Contact|Guest|Tenant|Employee|Insured|Driver|"
          "Owner|Recipient|Interviewer|Attn|"
          "师傅|接待|前台|班主任|辅导员|甲方|乙方|丙方|原告|被告|第三人|上诉人|被上诉人|申请执行人|被执行人|"
          "户主|收款人|付款人|汇款人|报销人|下单人|值班人|签发人|主讲人|审判长|审判员|收款方|付款方|"
          "他叫|她叫|孩子叫|名字叫|名字是|我和|他和|她和|感谢|谢谢|多谢|转账给|汇款给|汇给|付给|打给|借给|送给|还给|交由|"
          "家委会|班长|群主|课代表|住客|房客|租户|住户|居民|村民|业户|考生|学员|游客|旅客|网友|承租方|出租方|委托人|受托人|法官|书记员|陪审员|参会人|出席|主持人|发言人|代表")
#: a role word of the form "...员 / ...人 / ...者 / ...官" (理赔员, 查勘员, 报警人, 签收人, 记录者):
#: a cue when a colon follows it, or when the name after it is not an ordinary word
#: every such suffix is tried (a lazy prefix stopped at 受伤人|员 and 维修师|傅 before)
_ROLE_ENDS = ("员", "人", "者", "官", "师", "主")
_ROLE_FORM = r"(?<=\p{Han})(?:人员|师傅|员|人|者|官|师|主)"  # ...主: 雇主, 犬主, 失主, 车主
#: "张伟和李娜", "王芳、刘洋": a name joined to a found one
_JOIN = "和与及、跟同或,，"
#: what joins a name to the one found after it (A、B, A和B); a comma may end a clause instead
_JOIN_BEFORE = "和与及、跟同"
#: the model's score a name joined to a found one needs
_JOINED_MIN = -4.0
#: a short note in brackets may stand between a role and its colon: 申请人（签名）：
_NOTE = r"(?:（[^）\n]{1,8}）|\([^)\n]{1,8}\))?"
_CUE = compile_pattern(rf"(?:{_ROLES})\s*{_NOTE}(?:[:：]|是|为)?\s*(?=\p{{Han}})")
_ROLE_CUE = compile_pattern(rf"{_ROLE_FORM}\s*(?P<colon>[:：]|是|为)?\s*(?=\p{{Han}})")
_DOUBLE = compile_pattern("(?:" + "|".join(sorted(DISTINCTIVE_DOUBLE_SURNAMES)) + r")(?=\p{Han})")
#: a chat speaker at a line start ("罗国强：收到"); one that speaks twice is a name
_SPEAKER = compile_pattern(r"^\s*" + STAMP + r"(?P<name>\p{Han}{2,4})[:：](?!\d)", __import__("re").MULTILINE)
#: a romanised name after a label (拼音：ZHANG WEI, 英文名: Cindy Ng)
_PINYIN = compile_pattern(r"(?:拼音|姓名拼音|英文名|英文姓名)\s*[:：]?\s*(?P<name>[A-Z][A-Za-z]*(?:[ \-][A-Z][A-Za-z]*){0,3})")
#: a field's label, not a name, before its colon: 客户证件号码：..., 联系人电话：...
_LABEL_TAIL = compile_pattern(r"(?:号码|号|编号|码|名称|地址|日期|时间|电话|类型|性别|证件|账户)[ \t]*[:：]")


def _field_label(text: str, start: int, end: int) -> bool:
    """The "name" ends in a label word and a colon follows it."""
    m = _LABEL_TAIL.search(text, max(start, end - 2), min(len(text), end + 3))
    return m is not None and m.start() < end <= m.end() and m.start() >= start
#: a name as the doer or the other party of an act: 向方宇转账, 由高飞雨主持, 。朱志海负责 ...
_FRAME_VERB = compile_pattern(r"(?:已经|已|正在|刚刚|刚|也|都|又|还|就|才|将|再|先)?"  # an adverb may come first
                              r"(?:转账|汇款|打款|付款|借款|还款|主持|负责|处理|签收|签字|接待|陪同|汇报|发言|回电|致电|"
                              r"提供|说|表示|称|吃饭|见面|聊天|通话|沟通|商量|合作|一起|"
                              # acts that end a clause (报案登记, 投诉电话 are nouns: a name's verb ends the clause)
                              r"(?:出差|请假|休假|辞职|离职|入职|报到|到岗|反映|投诉|报案|来电|来访|到场|出院|入院|就诊|"
                              r"缺席|迟到|回复|同意|拒绝|答应|承认|证实)(?=[了过，。！？、；,.!?\s]|$)|"
                              r"系(?![统列数]))")  # 系, the "is" of records: 邓强华系外地患者
#: a whole delimited cell ("张伟,138...", "|王芳|"), a chat speaker at a line start ("李娜：好的"), or
#: the whole value of a form field ("前台接待：黄程", "承租方（乙方）：禤宏英，证件号码 ...")
_CELL = compile_pattern(r"(?:(?<=^)|(?<=[\n,，\t|;；:：]))[ \t　]*(?P<name>\p{Han}{2,4})[ \t　]*"
                        r"(?=[,，\t|;；、。（(　]|\n|$|[:：](?!\d))", __import__("re").MULTILINE)


#: what may stand right before a name: a conjunction, a light verb or preposition, a list comma
_FREE_BEFORE = set("和与跟及同、让请叫给被把由向对找经派帮替问称")
#: surnames that are also function words (甲方向瑞丰..., 体检由松浦街道...): taken only with
#: more evidence; 和 is never taken without a cue (我和同学们)
_FUNCTION_SURNAMES = set("向由于将")
#: the model's score (log-likelihood ratio) a name needs without a cue, and what each edge
#: that falls inside one of jieba's words adds to it
_MODEL_MIN = 0.0
_MODEL_INSIDE = 2.0
#: a word of jieba's this frequent where the surname would start is no name's start (高兴 5387)
_EVERYDAY = 1000
#: a "name" right before one of these is the proper part of a place or an organisation
#: (由金华园街道社区..., 向瑞丰贸易有限公司)
_PLACE_AFTER = compile_pattern(r"(?:街道|社区|小区|新村|花园|公园|广场|大厦|大道|中心|公司|集团|企业|工厂|商行|商店|超市|市场|"
                               r"医院|诊所|卫生|学校|学院|大学|中学|小学|幼儿园|银行|酒店|宾馆|饭店|餐厅|书店|药店|"
                               r"[路街巷村镇乡县区市省州湖河山桥站店厂馆寺庙园苑府城里湾港])")


#: a chat speaker seen once (13:02 相悦慧：) is taken where the model reads a name this likely
_SPEAKER_MIN = -3.0


def _joined_before(text: str, end: int) -> int | None:
    """Start of the likeliest surname + given name ending at ``end`` (none where it is an
    ordinary word or the model reads none there)."""
    lattice = name_lattice(text)
    best, begin = _JOINED_MIN, None
    for length in (2, 3, 4):
        start = end - length
        if start < 0 or not (n := surname_length(text, start)) or not 1 <= length - n <= 2 or \
                any(c in NOT_GIVEN for c in text[start + n:end]):
            continue
        if (score := lattice.score(start, end, n)) >= best and dictionary_frequency(text[start:end]) <= COMMON:
            best, begin = score, start
    return begin


#: function characters jieba glues onto a name it guesses (夏蓓于2026年, 王芳在家)
_GLUED_AFTER = set("于在与及将把被对向给为是的了也都就又还")
#: how much likelier (log) the other length of a found name must be to replace it
_LENGTH_MARGIN = 3.0


def _relengthen(text: str, spans: dict[tuple[int, int], float], starts: set[int]) -> dict[tuple[int, int], float]:
    """A found surname + given name whose other length the model reads as far likelier: 姜婷|蓓
    (jieba's guess) is 姜婷蓓, 何军三|人 is 何军."""
    lattice = name_lattice(text)
    out = dict(spans)
    for (start, end), score in spans.items():
        n = surname_length(text, start)
        if not n or end - start - n not in (1, 2):
            continue
        other = end + 1 if end - start - n == 1 else end - 1
        if other < end and text[end - 1] in _GLUED_AFTER:
            del out[(start, end)]  # 失主夏蓓于|2026年: jieba glued the preposition on
            out[(start, other)] = max(score, out.get((start, other), 0))
            continue
        if other > end and (other > len(text) or text[end] in NOT_GIVEN or TITLE.match(text, end) or
                            any(s < other and end < e for s, e in spans if (s, e) != (start, end))):
            continue
        if lattice.score(start, other, n) >= lattice.score(start, end, n) + _LENGTH_MARGIN and \
                dictionary_frequency(text[start:other]) <= COMMON:
            del out[(start, end)]
            out[(start, other)] = max(score, out.get((start, other), 0))
    return out


#: someone asked or told to do something at a time or place: 请王建国于周五前回电, 让高峰明天去总部,
#: 请白雪在确认单上签字 -- a name that is also an everyday word (高峰, 白雪) is taken here
_ASKED = compile_pattern(r"(?:请|让|叫|提醒|通知|麻烦|要求|安排)(?=\p{Han})")
_ASKED_AFTER = compile_pattern(r"(?:于|在|明天|今天|后天|明早|今晚|下周|本周|周[一二三四五六日]|尽快|马上|立即|立刻|务必|及时|准时|"
                               r"上午|下午|晚上|先|再|自己|本人|亲自)")
#: the model's score such a name needs (高峰 -6.0, 白雪 -6.9; 方便 -9.1, 安全 -9.2, 金额 -10.0)
_ASKED_MIN = -8.0


def _asked_names(text: str, spans: dict[tuple[int, int], float], words: dict[int, tuple[str, str]]) -> list[tuple[int, int]]:
    out = []
    lattice = name_lattice(text)
    for m in _ASKED.finditer(text):
        i = m.end()
        n = surname_length(text, i)
        if not n or text[i] in _FUNCTION_SURNAMES or any(s <= i < e for s, e in spans):
            continue
        for end in (i + n + 2, i + n + 1):
            if end > len(text) or any(c in NOT_GIVEN for c in text[i + n:end]) or not _ASKED_AFTER.match(text, end):
                continue
            word, flag = words.get(i, ("", ""))
            if len(word) > end - i or (len(word) == end - i and flag[:1] in ("t", "d", "r", "c", "p", "m", "q")):
                continue  # a time word, an adverb, a pronoun ... (请周五在, 请马上) or a longer word
            if lattice.score(i, end, n) >= _ASKED_MIN:
                out.append((i, end))
                break
    return out


def _model_score(text: str, span: tuple[int, int]) -> float:
    return name_lattice(text).score(*span)


def _model_names(text: str, spans: dict[tuple[int, int], float], starts: set[int],
                 words: dict[int, tuple[str, str]]) -> list[tuple[int, int]]:
    """Names with no cue around them, where the name model reads a surname and a given name
    as likelier than ordinary words (昨天孙浩然去医院复查, 上午王晓东提交了申请)."""
    if not any(c in SINGLE_SURNAMES for c in text):
        return []
    taken = [False] * (len(text) + 1)
    for s, e in spans:
        for k in range(s, e):
            taken[k] = True
    lattice = name_lattice(text)
    out = []
    i = 0
    while i < len(text):
        n = surname_length(text, i)
        if not n or taken[i] or text[i] == "和" or text[i] in WEAK_SURNAMES or \
                text[i - 1:i] in ("小", "老") and i - 1 in starts:
            i += 1
            continue
        word, flag = words.get(i, ("", ""))
        if len(word) > n and not flag.startswith("nr") and dictionary_frequency(word) > _EVERYDAY:
            i += 1  # jieba reads an everyday word here (高兴, 方便, 周五): the model would say no; spare it
            continue
        end, score = lattice.best_length(i, n)
        if any(taken[k] for k in range(i, end)) or TITLE.match(text, i) or _PLACE_AFTER.match(text, end):
            i += 1
            continue
        need = _MODEL_MIN
        before = text[i - 1] if i else ""
        if before and is_han(before) and before not in _FREE_BEFORE and i not in starts:
            need += _MODEL_INSIDE  # the surname ends a word jieba read before it
        if end < len(text) and is_han(text[end]) and end not in starts:
            need += _MODEL_INSIDE
        if text[i] in _FUNCTION_SURNAMES and before and is_han(before):
            need += _MODEL_INSIDE
        if score >= need:
            out.append((i, end))
            i = end
        else:
            i += 1
    return out


class ChinesePersonRecognizer(LocalRecognizer):  # type: ignore[misc]
    """PERSON spans in Chinese text (names only; titles and roles outside)."""

    name: str

    def __init__(self, *, supported_language: str = "zh") -> None:
        super().__init__(supported_entities=["PERSON"], supported_language=supported_language,
                         name="ChinesePersonRecognizer")

    def load(self) -> None:
        """Nothing to load: jieba is loaded on first use (``_zh_segments``)."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if entities and "PERSON" not in entities:
            return []
        tokens = segment(text)
        starts = {start for _, _, start in tokens}
        spans: dict[tuple[int, int], float] = {}
        words = {start: (word, flag) for word, flag, start in tokens}
        #: where an everyday verb of two or more characters starts: 网格员高|答应 -- the name is 高
        verbs = {start for word, flag, start in tokens
                 if flag.startswith("v") and len(word) >= 2 and dictionary_frequency(word) > COMMON}
        for m in _CUE.finditer(text):
            if (end := self._name_end(text, m.end(), starts, verbs)) is not None and \
                    not common_word_at(text, m.end(), end, words):
                spans[(m.end(), end)] = max(spans.get((m.end(), end), 0), 0.7)
        for m in _ROLE_CUE.finditer(text):
            if (end := self._name_end(text, m.end(), starts, verbs)) is None or (m.end(), end) in spans:
                continue
            if text[m.start()] == "主" and (dictionary_frequency(text[m.start():m.start() + 2]) > COMMON and
                                            not TITLE.match(text, m.start() + 2) or
                                            inside_word(m.start(), words) and m.start() - 1 not in starts):
                continue  # 主 opens a word here (主席, 主任, 主人) or ends one (民主): no ...主 role
                # (犬主梁女士 is, though jieba reads 主梁: a title follows)
            if m.group("colon") or text[m.end():m.end() + 2] in DOUBLE_SURNAMES or \
                    not ordinary_word(words.get(m.end()) or straddled(text, m.end()), end - m.end()):
                spans[(m.end(), end)] = max(spans.get((m.end(), end), 0), 0.6)
        for m in _DOUBLE.finditer(text):
            if (end := self._name_end(text, m.start(), starts)) is not None and end - m.start() >= 3:
                spans.setdefault((m.start(), end), 0.6)
        speakers: dict[str, list[tuple[int, int]]] = {}
        for m in _SPEAKER.finditer(text):
            speakers.setdefault(m.group("name"), []).append(m.span("name"))
        for name, places in speakers.items():
            n = surname_length(name, 0)
            if (len(places) >= 2 or _model_score(text, places[0]) >= _SPEAKER_MIN) and n and 1 <= len(name) - n <= 2 \
                    and not any(c in NOT_GIVEN for c in name[n:]):  # once: where the model reads a name
                for place in places:
                    spans.setdefault(place, 0.55)
        for m in _PINYIN.finditer(text):
            spans.setdefault(m.span("name"), 0.6)
        for m in TITLE.finditer(text):
            if m.start() not in starts and inside_word(m.start(), words):
                continue  # the "title" is the end of a dictionary word: 班|组长 of 班组长, 公|主任 of ...
            begin = self._name_before(text, m.start(), starts, words)
            double = begin is not None and m.start() - begin == 2 and text[begin:m.start()] in DOUBLE_SURNAMES
            if begin is not None and (double or not common_word_at(text, begin, m.start(), words)):  # 司机|师傅
                # a two-character surname right before a title is one (上官先生, 欧阳护士), whatever jieba says
                spans[(begin, m.start())] = max(spans.get((begin, m.start()), 0), 0.65)
        for m in _FRAME_VERB.finditer(text):  # the verb must start a word (单位名|称 is one word)
            if m.start() in starts and (begin := framed_name(text, m.start(), words)) is not None:
                spans.setdefault((begin, m.start()), 0.55)
        for m in _CELL.finditer(text):
            start, end = m.span("name")
            n = surname_length(text, start)
            word, flag = words.get(start, ("", ""))
            label = text[m.end():m.end() + 1] in ":："  # a speaker, or a field's label (车牌号：, 房型：)
            if len(word) > n and not flag.startswith("nr") and (label or dictionary_frequency(word) > COMMON):
                continue  # the "surname" opens an ordinary word: 明天见, 高兴 (a value: not 付熙, 欧安|秀)
            if n and end - start - n in (1, 2) and not any(c in NOT_GIVEN for c in text[start + n:end]):
                spans.setdefault((start, end), 0.5)
        for word, flag, start in tokens:
            if flag.startswith("nr") and 2 <= len(word) <= 4 and surname_length(word, 0) and \
                    all(is_han(c) for c in word) and dictionary_frequency(word) <= COMMON and \
                    not nr_word_no_name(word):
                spans.setdefault((start, start + len(word)), 0.55)
        for span, score in frame_spans(text, starts).items():
            spans.setdefault(span, score)
        for span in _asked_names(text, spans, words):
            spans.setdefault(span, 0.5)
        for span in agent_spans(text, list(spans)):  # 金长江提出..., 。吴程建同意...
            # the verb fixes where the name ends: a shorter guess from its start (吴程|建同意) gives way
            shorter = [k for k in spans if k[0] == span[0] and k[1] < span[1]]
            spans[span] = max([spans.pop(k) for k in shorter] + [spans.get(span, 0.5)])
        for span in _model_names(text, spans, starts, words):  # below the other recognizers' 0.5: an
            spans.setdefault(span, 0.45)  # address or organisation that holds it wins
        for (_, end) in sorted(spans):
            if end < len(text) and text[end] in _JOIN and (after := self._name_end(text, end + 1, starts)) and \
                    not common_word_at(text, end + 1, after, words):  # 我是瑶梅，|麻烦 ...
                spans.setdefault((end + 1, after), 0.6)
        for (start, _) in sorted(spans):  # the name before one found: 好友余琳娜、姜婷蓓 (jieba: 余|琳娜)
            if start >= 3 and text[start - 1] in _JOIN_BEFORE and (begin := _joined_before(text, start - 1)) is not None:
                spans.setdefault((begin, start - 1), 0.5)
        for start, end in given_name_spans(text, list(spans), starts):
            if not any(s < end and start < e for s, e in spans):
                spans[(start, end)] = 0.5
        spans = _relengthen(text, spans, starts)
        return [self._result(s, e, score) for (s, e), score in spans.items() if not _field_label(text, s, e)]

    def _name_end(self, text: str, i: int, starts: set[int], verbs: set[int] | None = None) -> int | None:
        n = surname_length(text, i)
        if not n or TITLE.match(text, i):  # 司机|师傅: a title is no name (董事长, 师傅)
            return None
        j = i + n
        if word_given(text, j):
            return j + 2  # 配偶杨|向东|代为, 经纪人蔡|胜利|（: a word as the given name, the slot ends after it
        if verbs and j in verbs and (i in starts or text[i - 1:i] in _ROLE_ENDS) and not field_value(text, i, j):
            return j  # a bare surname, then what the person did: 网格员高|答应, 网格员长孙|答应 (jieba: 员梁|答应)
        given = 0
        while given < 2 and j + given < len(text) and is_han(text[j + given]) and \
                text[j + given] not in NOT_GIVEN and not TITLE.match(text, j + given):
            if given == 1 and (j + given) in starts and word_len(text, j + given, starts) >= 2 and \
                    text[j + given + 1:j + given + 2] not in NOT_GIVEN:  # 郭汐|梓已: jieba glued 已 on
                break
            given += 1
        if given == 0:
            return j if TITLE.match(text, j) else None
        return j + given

    def _name_before(self, text: str, end: int, starts: set[int],
                     words: dict[int, tuple[str, str]] | None = None) -> int | None:
        candidates = []
        for length in (4, 3, 2, 1):
            begin = end - length
            if begin < 0 or not all(is_han(c) for c in text[begin:end]):
                continue
            word, flag = (words or {}).get(begin, ("", ""))
            if 2 <= len(word) < length and \
                    dictionary_frequency(word) > (COMMON_NR if flag.startswith("nr") else COMMON):
                continue  # an everyday word opens the "name": 谢谢|陆老师 is 陆
            n = surname_length(text, begin)
            if n and length - n <= 2 and not any(c in NOT_GIVEN for c in text[begin + n:end]) and \
                    not tail_of_word(text, begin, starts):
                candidates.append(begin)
        for begin in candidates:  # a two-character surname is decisive (欧阳明, not 明)
            if text[begin:begin + 2] in DOUBLE_SURNAMES:
                return begin
        for begin in candidates:  # where jieba starts a word, longest first
            if begin in starts:
                return begin
        return candidates[-2] if len(candidates) > 1 and end - candidates[-2] <= 3 else \
            (candidates[-1] if candidates else None)

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return RecognizerResult(entity_type="PERSON", start=start, end=end, score=score,
                                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})
