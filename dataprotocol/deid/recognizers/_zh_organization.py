"""Organisations in Chinese text: a name ending in an organisation word (有限公司, 银行,
支行, 医院, 大学, 派出所 ...), or jieba's ``nt`` tag.

The name is grown leftwards from the suffix over jieba words that can be part of a
name (nouns, places, proper nouns, Latin words) and stops at verbs, pronouns,
prepositions, punctuation and the generic nouns that introduce one (单位, 客户 ...).
A kind of organisation or insurance product alone (保险公司, 重大疾病保险, 被保险人) is
no organisation's name.
"""

from __future__ import annotations

from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult

from dataprotocol.deid.recognizers._base import compile_pattern
from dataprotocol.deid.recognizers._zh_segments import Token, segment

__all__ = ["ChineseOrganizationRecognizer"]

_SUFFIX = compile_pattern(
    r"(?:股份有限公司|有限责任公司|有限公司|集团|公司|人民医院|中医院|医院|卫生院|卫生服务中心|诊所|门诊部|银行|支行|分行|"
    r"营业部|信用社|保险|证券|大学|学院|附属中学|附中|附小|中学|小学|街道办事处|办事处|街道办|报社|电视台|出版社|基金会|合作社|幼儿园|事务所|研究院|研究所|派出所|公安局|分局|交警大队|法院|"
    r"检察院|委员会|居委会|村委会|协会|快递|物流|速运|酒店|宾馆|超市|药房|药店|工作室|专卖店|专营店|旗舰店|直营店|便利店|商行|经营部|中心)(?!人)")
_NAME_FLAGS = ("n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "j", "eng", "ng", "an", "b", "l", "s", "m", "vn", "a")
_STOP_WORDS = frozenset(
    "单位 工作单位 客户 用户 患者 员工 名称 机构 地址 贵 本 该 家 一家 这家 那家 投诉 反映 电话 联系 工作 我司 贵司 就职 "
    "就诊 入职 消费 订单 开户行 开户 收款 付款 公司名称 单位名称 来自 所在 目前 现在 已经 之前 今天 昨天 通过 使用 购买 "
    "办理 申请 拨打 咨询 服务 客服 感谢 您好 你好 经 由 向 对 在 于 到 去 是 为 和 与 及 或 的 了 时 后 前 中 "
    "就读于 就读 毕业于 任职于 就职于 供职于 工作于 隶属于".split())
_MAX = 24
#: a region in brackets between the name and the suffix: 阿里巴巴（中国）有限公司
_BRACKET = compile_pattern(r"(?<=\p{Han})[（(]\p{Han}{2,4}[）)]$")
#: a kind of organisation or product, not one organisation's name (保险公司, 重大疾病保险, 被保险人)
_GENERIC = compile_pattern(
    r"(?:保险公司|银行|医院|互联网医院|公司|总公司|分公司|学校|大学|中心|服务中心|客服中心|快递|物流|超市|酒店|派出所|法院|"
    r"街道办事处|办事处|街道办|管委会|教育局|税务局|民政局|人社局|财政局|卫健委|管理局|报社|电视台|出版社|基金会|合作社|"
    r"(?:被|投|参|承|再|续|退|商业|社会|人身|人寿|财产|健康|疾病|重大疾病|重疾|意外|意外伤害|医疗|养老|失业|工伤|生育|"
    r"责任|车|机动车|交强|定期|终身|两全|年金|分红|寿)保险)")


class ChineseOrganizationRecognizer(LocalRecognizer):  # type: ignore[misc]

    name: str
    def __init__(self, *, supported_language: str = "zh") -> None:
        super().__init__(supported_entities=["ORGANIZATION"], supported_language=supported_language,
                         name="ChineseOrganizationRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if entities and "ORGANIZATION" not in entities:
            return []
        tokens = segment(text)
        spans: list[tuple[int, int, float]] = []
        for m in _SUFFIX.finditer(text):
            bracket = _BRACKET.search(text, max(0, m.start() - 8), m.start())  # 阿里巴巴（中国）有限公司
            start = _grow_left(tokens, bracket.start() if bracket else m.start(), m.end())
            if start is not None and m.end() - start <= _MAX and not _GENERIC.fullmatch(text, start, m.end()):
                spans.append((start, m.end(), 0.6))
        for word, flag, start in tokens:
            if flag == "nt" and len(word) >= 3:
                spans.append((start, start + len(word), 0.55))
        return [RecognizerResult("ORGANIZATION", s, e, score, recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})
            for s, e, score in _merge(spans)]


def _grow_left(tokens: tuple[Token, ...], suffix_start: int, suffix_end: int) -> int | None:
    start = suffix_start
    for index in range(len(tokens) - 1, -1, -1):
        word, flag, begin = tokens[index]
        end = begin + len(word)
        if begin >= suffix_start:
            continue
        if end > suffix_start:  # the suffix is glued to this word (中国银行): take the word
            start = begin
            continue
        if end != start or word in _STOP_WORDS or not any(ch.isalnum() for ch in word) or \
                suffix_end - begin > _MAX or \
                not (flag.startswith(_NAME_FLAGS) or (start < suffix_start and _brand_after_place(tokens, index))):
            break
        start = begin
    return start if start < suffix_start else (None if suffix_end - suffix_start < 4 else suffix_start)


def _brand_after_place(tokens: tuple[Token, ...], index: int) -> bool:
    """A two-character word jieba reads as a verb, right after a place name and before a
    trade word: the brand of a company named place + brand + trade (郑州|启明|贸易有限公司;
    not 合肥市|转运|中心, where the verb names what the place does)."""
    word, flag, begin = tokens[index]
    if index == 0 or len(word) != 2 or not flag.startswith("v") or word in _STOP_WORDS:
        return False
    before, before_flag, before_begin = tokens[index - 1]
    return before_flag == "ns" and before_begin + len(before) == begin


def _merge(spans: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    out: list[tuple[int, int, float]] = []
    for s, e, score in sorted(spans):
        if out and s <= out[-1][1]:
            ps, pe, pscore = out[-1]
            out[-1] = (ps, max(pe, e), max(pscore, score))
        else:
            out.append((s, e, score))
    return out
