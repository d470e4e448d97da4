"""Which language is a document in? Script first, then a statistical detector.

A document is routed to the pipeline of its language. Han script is decisive on its
own (no other configured language writes in it), and cheap: a document whose letters
are at least 30 % Han is Chinese, unless it has kana (Japanese) or Hangul (Korean).
Latin-script text is English when English function words are 15-20 % of its
words (or its lower-case words are English dictionary words): measured on our
English corpora, Lingua alone calls a quarter
of name-heavy English records Tagalog, Yoruba or Polish -- names are not evidence
of a language, function words are. The rest goes to Lingua
(``lingua-language-detector``: n-gram models bundled in the wheel, offline), over
all its languages, which must beat the runner-up clearly (relative distance 0.1)
or the default language is kept; it is loaded once per process on first use.

Too little text to tell (fewer than ``MIN_LETTERS`` letters) is given the default
language: a short line of digits and a name is no evidence of anything else. A
detected language without a configured pipeline is returned as detected -- the
scrubber then runs the language-independent recognizers and the default pipeline
on it and *flags* the document (never reported clean).
"""

from __future__ import annotations

import re
import threading
from typing import Any

__all__ = ["detect_language", "SUPPORTED_LANGUAGES", "han_share", "is_cjk", "warm_up"]

#: languages with a pipeline in this package (ISO 639-1)
SUPPORTED_LANGUAGES = ("en", "zh")
MIN_LETTERS = 20
_HAN_SHARE = 0.3
_DETECTOR: Any = None
_LOCK = threading.Lock()
_WORDS = re.compile(r"[^\W\d_]+(?:'[a-z]+)?")
#: English function words (closed class): articles, pronouns, auxiliaries, prepositions
_ENGLISH = frozenset("""the a an and or but of to in on at for with from by is are was were be been being has
have had do does did will would can could should may might must shall not no this that these those there
here it its i me my we our you your he him his she her they them their who which what when where why how
please thanks thank hi hello dear regards as if than then so very about into over after before our us
am pm re call email sent yes all any each per via""".split())


def is_cjk(ch: str) -> bool:
    """A Han ideograph (CJK Unified Ideographs + extension A + compatibility)."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FA1F


_LETTER = re.compile(r"[^\W\d_]")
_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002fa1f]")
_KANA = re.compile("[\u3040-\u30ff]")
_HANGUL = re.compile("[\uac00-\ud7af]")


def han_share(text: str) -> tuple[float, int]:
    """(share of letters that are Han, number of letters)."""
    letters = len(_LETTER.findall(text))
    han = len(_HAN.findall(text)) if letters else 0
    return (han / letters if letters else 0.0), letters


#: e-mail addresses, URLs and tokens mixing letters and digits (ids, codes): Latin letters
#: in them are no evidence of a Latin-script language ("订单DD71885256，邮箱 li_na@qq.com")
_NOT_WORDS = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+|[A-Za-z0-9_\-./]*\d[A-Za-z0-9_\-./]*")


def _script_language(text: str) -> str | None:
    share, _ = han_share(_NOT_WORDS.sub(" ", text) if _HAN.search(text) else text)
    if _KANA.search(text):
        return "ja"
    if _HANGUL.search(text):
        return "ko"
    if share >= _HAN_SHARE:
        return "zh"
    return None


def _detector() -> Any:
    global _DETECTOR
    with _LOCK:
        if _DETECTOR is None:
            from lingua import LanguageDetectorBuilder

            _DETECTOR = (LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode()
                         .with_minimum_relative_distance(0.1).build())
        return _DETECTOR


def warm_up() -> None:
    """Load the detector's models now (~1 s; the scrubber calls this when it is built,
    so forked worker processes share them instead of each loading its own)."""
    _detector().detect_language_of("Ceci n'est pas une phrase anglaise, mais elle charge les modèles.")


def _looks_english(text: str) -> bool:
    words = _WORDS.findall(text)
    hits = sum(w.lower() in _ENGLISH for w in words)
    share = hits / len(words) if words else 0.0
    if (hits >= 3 and share >= 0.15) or (hits >= 2 and share >= 0.2):
        return True
    # labels and record rows have few function words: their lower-case (non-name)
    # words being English dictionary words is the evidence then
    from dataprotocol.deid.recognizers._person_unknown import is_english_word

    common = [w for w in words if w.islower() and len(w) >= 3] + [w for w in words if w.isupper() and len(w) >= 3]
    known = sum(is_english_word(w) for w in common)
    # with some function words the bar is higher: German/Dutch share many short words
    return known >= 1 and known / max(len(common), 1) >= 0.8


def detect_language(text: str, *, default: str = "en") -> str:
    """ISO 639-1 code of ``text``'s language (``default`` when there is too little text
    or no clear evidence)."""
    by_script = _script_language(text)
    if by_script is not None:
        return by_script
    _, letters = han_share(text)
    if letters < MIN_LETTERS or (default == "en" and _looks_english(text)):
        return default
    detector = _detector()
    found = detector.detect_language_of(text)
    if found is None:  # no clear winner: take the top one only if English is out of the running
        values = detector.compute_language_confidence_values(text)
        english = next((v.value for v in values if v.language.name == "ENGLISH"), 0.0)
        if not values or english >= 0.05:
            return default
        found = values[0].language
    return str(found.iso_code_639_1.name).lower()
