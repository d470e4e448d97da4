"""Chat @-mentions: "@Kim can you check", "cc @j.doe" -- a handle names a person.

The ``@`` must not follow a word character (that is an e-mail address) and the handle
must not be followed by a dot and a word (a domain). The handle without the ``@`` is
reported, so "@Kim" and a later bare "Kim" are scrubbed alike (propagation).
"""

from __future__ import annotations

from dataprotocol.deid.recognizers._base import RegexPattern, RegexRecognizer

__all__ = ["MentionRecognizer"]


class MentionRecognizer(RegexRecognizer):
    ENTITY = "PERSON"
    PATTERNS = (
        RegexPattern("at mention", r"(?<![\w.@])@(?P<handle>[A-Za-z][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+)*)"
                                   r"(?![\w@])(?!\.\w)", 0.6, group="handle"),
    )

    def validate(self, value: str) -> bool:
        return len(value) >= 2 and value.lower() not in _NOT_HANDLES


_NOT_HANDLES = frozenset("here channel everyone all team admin admins support".split())
