"""Postal codes (邮编, 邮政编码): six digits after the label or right after an address."""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["ChineseZipRecognizer"]


class ChineseZipRecognizer(RegexRecognizer):
    ENTITY = "ZIP_CODE"
    LANGUAGE = "zh"
    PATTERNS = (
        RegexPattern("邮编", r"(?:邮编|邮政编码|邮码)\s*[:：]?\s*(?P<zip>[1-8]\d{5})(?!\d)", 0.7, group="zip"),
        RegexPattern("after address", r"(?<=[室号楼座层])[\s，,（(]*(?P<zip>[1-8]\d{5})(?!\d)", 0.45, group="zip"),
    )
