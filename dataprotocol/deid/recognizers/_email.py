"""E-mail addresses, validated against the *bundled* public-suffix snapshot.

Presidio's ``EmailRecognizer`` calls ``tldextract.extract``, whose default extractor
downloads the public suffix list on first use. DESIGN.md: nothing touches the
network, so this subclass validates with an extractor that has no URLs and no disk
cache -- it can only read the snapshot shipped inside the tldextract wheel.
"""

from __future__ import annotations

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

__all__ = ["OfflineEmailRecognizer", "OFFLINE_TLD_EXTRACTOR"]

#: no suffix-list URLs, no cache dir -> the bundled snapshot only, never a socket
OFFLINE_TLD_EXTRACTOR = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


class OfflineEmailRecognizer(EmailRecognizer):  # type: ignore[misc]
    """Presidio's e-mail pattern with an offline top-level-domain check."""

    def __init__(self, *, supported_language: str = "en") -> None:
        super().__init__(name="OfflineEmailRecognizer", supported_language=supported_language)

    def validate_result(self, pattern_text: str) -> bool:
        return OFFLINE_TLD_EXTRACTOR(pattern_text).fqdn != ""
