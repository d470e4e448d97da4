"""Purposes of use: a hierarchy in the spirit of GA4GH's Data Use Ontology (DUO).

A purpose text is ``TOPIC``, ``TOPIC+commercial`` or ``commercial`` (= ``any+commercial``).
Topics form a tree (``policies/purposes.yaml``): a request for a narrower topic matches
an allowance of a broader one, never the reverse. ``commercial`` is a separate axis:
a commercial request needs commercial use allowed as well as its topic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dataprotocol._files import line_of, load_yaml
from dataprotocol.errors import InputError
from dataprotocol.policy._paths import builtin_policies_dir

__all__ = ["Purpose", "PurposeRequest", "PurposeVocabulary", "default_vocabulary", "COMMERCIAL"]

COMMERCIAL = "commercial"
_ROOT = "any"
_KEYS = {"parent", "duo", "mondo", "description"}


@dataclass(frozen=True)
class Purpose:
    """One node of the purpose tree, with its DUO / MONDO term ids where one maps."""

    name: str
    parent: str | None
    duo: str | None = None
    mondo: str | None = None
    description: str = ""


@dataclass(frozen=True)
class PurposeRequest:
    """A parsed purpose text: a topic, and whether the use is commercial."""

    topic: str
    commercial: bool

    def __str__(self) -> str:
        return self.topic + ("+commercial" if self.commercial else "")


class PurposeVocabulary:
    """The purpose tree; answers "is REQUESTED inside one of ALLOWED?"."""

    def __init__(self, purposes: Iterable[Purpose]) -> None:
        self.purposes: dict[str, Purpose] = {p.name: p for p in purposes}
        for p in self.purposes.values():
            if p.parent is not None and p.parent not in self.purposes:
                raise InputError(f"purpose {p.name!r} has unknown parent {p.parent!r}",
                                 field=f"purposes.{p.name}.parent")
        self._ancestors = {name: self._walk(name) for name in self.purposes}
        self.match = lru_cache(maxsize=4096)(self._match)

    def _walk(self, name: str) -> frozenset[str]:
        seen: list[str] = []
        node: str | None = name
        while node is not None:
            if node in seen:
                raise InputError(f"purpose hierarchy has a cycle at {node!r}", field="purposes")
            seen.append(node)
            node = self.purposes[node].parent
        return frozenset(seen)

    def __contains__(self, name: object) -> bool:
        return name in self.purposes

    def parse(self, text: str) -> PurposeRequest:
        """Parse ``TOPIC[+commercial]``; unknown topics raise :class:`InputError`."""
        parts = [p.strip() for p in str(text).split("+") if p.strip()]
        commercial = COMMERCIAL in parts
        topics = [p for p in parts if p != COMMERCIAL]
        if len(topics) > 1 or (not topics and not commercial):
            raise InputError(f"malformed purpose {text!r}", field="purpose",
                             expected="TOPIC, TOPIC+commercial or commercial")
        topic = topics[0] if topics else _ROOT
        if topic not in self.purposes:
            raise InputError(f"unknown purpose {topic!r}", field="purpose",
                             expected="one of " + ", ".join(sorted(self.purposes)) + " (optionally +commercial)")
        return PurposeRequest(topic=topic, commercial=commercial)

    def within(self, narrow: str, broad: str) -> bool:
        """True when topic ``narrow`` is ``broad`` or lies below it."""
        return broad in self._ancestors.get(narrow, ())

    def _match(self, allowed: tuple[str, ...], requested: str) -> str | None:
        """None when ``requested`` is inside ``allowed``; else why not (one sentence)."""
        try:
            req = self.parse(requested)
        except InputError as exc:
            return exc.detail
        topics, commercial_topics = set(), set()
        for entry in allowed:
            try:
                allow = self.parse(entry)
            except InputError:
                continue  # an unknown allowance can never match anything
            if entry.strip() != COMMERCIAL:
                topics.add(allow.topic)
            if allow.commercial:
                commercial_topics.add(_ROOT if entry.strip() == COMMERCIAL else allow.topic)
        ancestors = self._ancestors[req.topic]
        if not ancestors & topics:
            return f"purpose {req.topic!r} is not within the allowed purposes [{', '.join(allowed)}]"
        if req.commercial and not (ancestors & commercial_topics or _ROOT in commercial_topics):
            return "commercial use is not allowed"
        return None

    def to_dict(self) -> dict[str, Any]:
        return {n: {"parent": p.parent, "duo": p.duo, "mondo": p.mondo, "description": p.description}
                for n, p in self.purposes.items()}

    @classmethod
    def load(cls, path: str | Path) -> PurposeVocabulary:
        doc = load_yaml(path, what="purposes file")
        items = doc.get("purposes") if isinstance(doc, Mapping) else None
        if not isinstance(items, Mapping):
            raise InputError("missing 'purposes' mapping", file=path, field="purposes")
        out = []
        for name, spec in items.items():
            if not isinstance(spec, Mapping) or set(spec) - _KEYS:
                raise InputError("malformed purpose entry", file=path, line=line_of(items, name),
                                 field=f"purposes.{name}", expected="keys " + ", ".join(sorted(_KEYS)))
            out.append(Purpose(name=str(name), parent=spec.get("parent"), duo=spec.get("duo"),
                               mondo=spec.get("mondo"), description=str(spec.get("description") or "")))
        return cls(out)


_DEFAULT: PurposeVocabulary | None = None


def default_vocabulary() -> PurposeVocabulary:
    """The built-in ``policies/purposes.yaml`` (loaded once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = PurposeVocabulary.load(builtin_policies_dir() / "purposes.yaml")
    return _DEFAULT


def match_purpose(allowed: Sequence[str], requested: str) -> str | None:
    return default_vocabulary().match(tuple(allowed), requested)
