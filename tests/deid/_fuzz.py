"""Shared pieces of the deid Hypothesis tests: text mixing arbitrary Unicode with the
fragments a recognizer looks for, and the two properties every recognizer must keep."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from hypothesis import strategies as st

ALPHABET = st.characters(codec="utf-8", exclude_categories=["Cs"])


def fragment_text(fragments: Sequence[str]) -> st.SearchStrategy[str]:
    """Up to 14 pieces, each arbitrary Unicode (up to 6 code points) or one of ``fragments``."""
    return st.lists(st.one_of(st.text(ALPHABET, max_size=6), st.sampled_from(list(fragments))),
                    max_size=14).map("".join)


def assert_spans_in_range(recognizers: Iterable[Any], text: str) -> None:
    """Each recognizer's results lie inside ``text`` and are non-empty."""
    for recognizer in recognizers:
        for r in recognizer.analyze(text, []):
            assert 0 <= r.start < r.end <= len(text)


def assert_no_finding_survives(scrubber: Any, text: str) -> None:
    """Scrubbing never raises, findings lie inside ``text``, and no finding's text (3+
    characters) is left as a whole word in the output."""
    from dataprotocol.deid._resolve import whole

    out = scrubber.scrub(text)
    for f in out.findings:
        assert 0 <= f.start < f.end <= len(text)
    tokens = re.sub(r"<[A-Z_]+>", " ", out.text)
    for value in {text[f.start:f.end] for f in out.findings if f.end - f.start >= 3}:
        assert re.search(whole(value), tokens) is None, value
