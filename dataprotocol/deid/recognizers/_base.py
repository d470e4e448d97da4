"""A small regex recognizer base: patterns with a capture group, optional context.

Presidio's ``PatternRecognizer`` scores a whole regex match; several of our
recognizers must report only part of a match (the number in "aged 45", the name
after "Dr."), and some must only fire when a context word is near (a bare 9-digit
number is a passport number only after "passport"). Patterns are data: each
recognizer module lists its patterns and context words, this base does the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult

__all__ = ["RegexPattern", "RegexRecognizer", "compile_pattern"]


def compile_pattern(pattern: str, flags: int = 0) -> Any:
    """``re`` for speed; the ``regex`` module (a Presidio dependency) where a pattern
    needs Unicode properties: ``\\p{Lu}\\p{Ll}+`` is a capitalised word in any script
    ("Müller", "Łukasz", "Gonçalves"), which ``[A-Z][a-z]+`` is not."""
    if r"\p{" in pattern:
        import regex

        return regex.compile(pattern, flags)
    return re.compile(pattern, flags)


#: ``\p{Han}`` (Unicode script Han) as code-point ranges, for patterns compiled with
#: ``re``, which is several times faster than ``regex`` on long alternations of optional
#: groups (the Chinese address hierarchy: 0.37 vs 0.93 ms a document, same matches);
#: ``tests/deid/test_han_class.py`` checks it against ``regex``'s ``\p{Han}`` for every
#: code point, so a Unicode update of ``regex`` shows up there
_HAN_RANGES = ((0x2E80, 0x2E99), (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5), (0x3005, 0x3005), (0x3007, 0x3007),
               (0x3021, 0x3029), (0x3038, 0x303B), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFA6D),
               (0xFA70, 0xFAD9), (0x16FE2, 0x16FE3), (0x16FF0, 0x16FF6), (0x20000, 0x2A6DF), (0x2A700, 0x2B81E),
               (0x2B820, 0x2CEAD), (0x2CEB0, 0x2EBE0), (0x2EBF0, 0x2EE5D), (0x2F800, 0x2FA1D), (0x30000, 0x3134A),
               (0x31350, 0x33479))
HAN = "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in _HAN_RANGES)


def han_pattern(pattern: str) -> str:
    r"""``pattern`` with ``\p{Han}`` spelled as :data:`HAN` ranges (inside a class or alone),
    so :func:`compile_pattern` compiles it with ``re``."""
    return pattern.replace("[\\p{Han}", "[" + HAN).replace("\\p{Han}", "[" + HAN + "]")


@dataclass(frozen=True)
class RegexPattern:
    """``regex`` matches; ``group`` is the PII part; ``score`` its confidence.

    ``needs_context``: report only when one of the recognizer's context words occurs
    within ``window`` characters before the match (or inside it).
    """

    name: str
    regex: str
    score: float
    group: int | str = 0
    needs_context: bool = False
    flags: int = 0


class RegexRecognizer(LocalRecognizer):  # type: ignore[misc]
    """Base for the recognizers in this folder (one per file)."""

    ENTITY: str = ""
    #: the analyzer language this recognizer serves by default
    LANGUAGE: str = "en"
    PATTERNS: Sequence[RegexPattern] = ()
    CONTEXT: Sequence[str] = ()
    #: characters before a match searched for a context word
    WINDOW: int = 40
    #: score added when a context word is near a pattern that does not need it
    CONTEXT_BOOST: float = 0.2

    name: str

    def __init__(self, *, context: Sequence[str] | None = None, supported_language: str | None = None) -> None:
        self._compiled = [(p, compile_pattern(p.regex, p.flags)) for p in self.PATTERNS]
        self._context_re: re.Pattern[str] | None = None
        self._words: tuple[str, ...] = ()
        self.add_context(tuple(context) if context is not None else tuple(self.CONTEXT))
        # context=None for Presidio's enhancer: this class applies its own context rule.
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language or self.LANGUAGE)

    def add_context(self, words: Sequence[str]) -> None:
        """Add context words (``ScrubConfig.context``) to this recognizer's own context rule."""
        self._words = (*self._words, *words)
        if self._words:
            alternatives = "|".join(re.escape(w) for w in sorted(set(self._words), key=len, reverse=True))
            self._context_re = re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])", re.IGNORECASE)

    def load(self) -> None:
        """Nothing to load: patterns are compiled in ``__init__``."""

    def validate(self, value: str) -> bool:
        """Override to reject a matched value (checksums, impossible dates)."""
        return True

    def _has_context(self, text: str, start: int, end: int) -> bool:
        if self._context_re is None:
            return False
        return self._context_re.search(text, max(0, start - self.WINDOW), end) is not None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        results: list[RecognizerResult] = []
        for pattern, compiled in self._compiled:
            for match in compiled.finditer(text):
                start, end = match.span(pattern.group)
                if start < 0 or end <= start or not self.validate(text[start:end]):
                    continue
                near = self._has_context(text, match.start(), match.end())
                if pattern.needs_context and not near:
                    continue
                score = pattern.score + (self.CONTEXT_BOOST if near and not pattern.needs_context else 0.0)
                results.append(RecognizerResult(
                    entity_type=self.ENTITY, start=start, end=end, score=min(score, 1.0),
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: str(self.name),
                                          RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
                ))
        return results
