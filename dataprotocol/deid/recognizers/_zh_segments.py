"""One jieba segmentation (words + part-of-speech tags) per text, shared by the
Chinese name, place and organisation recognizers.

jieba (MIT, dictionary and HMM bundled in the wheel -- offline) tags person names
``nr``, places ``ns``, organisations ``nt``. Its dictionary is loaded once per process
(about a second; ``warm_up`` does it before worker processes fork). The last few
texts' segmentations are cached so the three recognizers segment a text once.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from typing import Any

from dataprotocol.deid.recognizers._zh_viterbi import pos_tokenizer

__all__ = ["Token", "segment", "warm_up", "dictionary_frequency", "first_word"]

Token = tuple[str, str, int]  # (word, POS flag, start offset)
_LOCK = threading.Lock()
_READY = False
_TOKENIZER: Any = None  # jieba.posseg's tokenizer with a faster identical decoder (_zh_viterbi)


def warm_up() -> None:
    global _READY, _TOKENIZER
    with _LOCK:
        if not _READY:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            _TOKENIZER = pos_tokenizer()
            _READY = True


@lru_cache(maxsize=8)
def segment(text: str) -> tuple[Token, ...]:
    """(word, flag, start) for every word of ``text``; offsets are code points."""
    warm_up()
    out, start = [], 0
    for pair in _TOKENIZER.cut(text):
        word, flag = pair.word, pair.flag
        out.append((word, flag, start))
        start += len(word)
    return tuple(out)


def dictionary_frequency(word: str) -> int:
    """jieba's dictionary count for ``word`` (0 when the HMM found it: an unknown word).

    jieba's dictionary tags many ordinary words ``nr`` (安静, 顾客, 索引 ...); a name the
    HMM discovered is not in it, so a high count marks a common word, not a person."""
    warm_up()
    import jieba

    return int(jieba.dt.FREQ.get(word) or 0)


def first_word(text: str) -> tuple[str, str] | None:
    """(word, flag) of the first word of a short snippet, segmented on its own and not
    cached (``segment``'s cache holds whole documents the recognizers share)."""
    warm_up()
    for pair in _TOKENIZER.cut(text):
        return pair.word, pair.flag
    return None
