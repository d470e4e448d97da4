"""Place names in Chinese text that are not part of an address: jieba's ``ns`` tag
(杭州, 广东省, 朝阳区). Country-level and generic words are left alone."""

from __future__ import annotations

from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult

from dataprotocol.deid.recognizers._zh_segments import segment

__all__ = ["ChineseLocationRecognizer"]

_GENERIC = frozenset("中国 全国 国内 国外 海外 中华 大陆 内地 本地 当地 外地 各地 全市 全省 市区 城区 郊区 亚洲 欧洲 美国".split())


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
            if flag == "ns" and len(word) >= 2 and word not in _GENERIC]
