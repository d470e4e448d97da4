"""Place names in Chinese text that are not part of an address: jieba's ``ns`` tag
(广东省, 朝阳区, 杭州) on a word that ends in an administrative suffix or is a
provincial-level or large city name, or a province and a city written together as
people say them (山西太原, 云南昆明). jieba tags many ordinary words ``ns`` (西瓜,
新鲜), so the tag alone is not enough; country-level words are left alone."""

from __future__ import annotations

from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult

from dataprotocol.deid.recognizers._zh_segments import segment

__all__ = ["ChineseLocationRecognizer"]

_SUFFIX = ("省", "市", "区", "县", "州", "镇", "乡", "村", "旗", "盟")
#: provincial-level divisions and the larger cities, without their suffix
_PLACES = frozenset(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 "
    "陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 石家庄 太原 沈阳 大连 长春 哈尔滨 南京 苏州 无锡 杭州 宁波 "
    "温州 合肥 福州 厦门 南昌 济南 青岛 郑州 武汉 长沙 广州 深圳 珠海 东莞 佛山 南宁 海口 三亚 成都 贵阳 昆明 拉萨 西安 "
    "兰州 西宁 银川 乌鲁木齐 呼和浩特 唐山 保定 烟台 潍坊 徐州 常州 南通 绍兴 嘉兴 金华 台州 泉州 洛阳 宜昌 襄阳 株洲 "
    "汕头 惠州 中山 江门 湛江 桂林 柳州 绵阳 遵义 大理 丽江".split())
_GENERIC = frozenset("城市 都市 本市 该市 我市 中国 全国 国内 国外 海外 中华 大陆 内地 本地 当地 外地 各地 全市 全省 市区 城区 郊区 亚洲 欧洲 美国".split())


class ChineseLocationRecognizer(LocalRecognizer):  # type: ignore[misc]

    name: str
    def __init__(self, *, supported_language: str = "zh") -> None:
        super().__init__(supported_entities=["LOCATION"], supported_language=supported_language,
                         name="ChineseLocationRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if entities and "LOCATION" not in entities:
            return []
        return [RecognizerResult("LOCATION", start, start + len(word), 0.45, recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})
            for word, flag, start in segment(text)
            if flag == "ns" and len(word) >= 2 and word not in _GENERIC
            and (word.endswith(_SUFFIX) or _known_place(word))]


def _known_place(word: str) -> bool:
    """A provincial-level or large city name, or a province and a city run together (山西太原)."""
    return word in _PLACES or any(word[:i] in _PLACES and word[i:] in _PLACES for i in range(2, len(word) - 1))
