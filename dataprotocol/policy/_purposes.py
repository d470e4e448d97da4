"""Purposes of use: the purpose graph, GA4GH DUO codes, and three-way matching.

A purpose text (a *request*) is ``TOPIC[+FLAG...]``: ``disease:lung-cancer``,
``HMB+commercial``, ``DS:MONDO:0004992``, ``MDS+pediatric``. Topics form a graph
(``policies/purposes.yaml`` and disease terms from ``policies/diseases.yaml`` or the
user's own files, with MONDO/DOID ids and several parents): a request for a narrower
topic matches an allowance of a broader one, never the reverse. ``commercial`` is an
axis of its own; the other flags (:data:`~dataprotocol.policy._duo.REVIEW_FLAGS`) mark
sensitive research that DUOS never decides automatically.

An *allowance* list (a dataset card's or a grant's ``purposes``) holds topics,
``TOPIC+commercial``, ``commercial`` (any topic, also commercially) and DUO modifiers
(``NPU``, ``NMDS``, ``COL``, ``MOR:2027-01-31``; see :mod:`._duo`).

DUO codes keep DUO's meaning: a DUO-coded permission (``GRU``, ``HMB``, ``DS:…``,
``POA``, ``NRES``, or its ``DUO:`` id) allows commercial use unless ``NPU``/``NCU``
says otherwise, as in DUO; our own names (``research``, ``health-research``) allow
commercial use only when it is written (deny by default). Methods research (``MDS``) is
"permitted so long as it is not expressly prohibited" (DUOS): it matches any dataset
that allows research of some kind, unless the dataset says ``NMDS``.

:meth:`PurposeVocabulary.match` answers None (allowed), a reason, or a reason starting
with ``needs-review:`` (a person must decide; an automated decision denies).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from dataprotocol._files import line_of, load_yaml
from dataprotocol.errors import InputError
from dataprotocol.policy._duo import REVIEW_FLAGS, Modifier, parse_modifier
from dataprotocol.policy._paths import builtin_policies_dir, user_disease_files

__all__ = ["Purpose", "PurposeRequest", "PurposeVocabulary", "Allowances", "default_vocabulary",
           "COMMERCIAL", "NEEDS_REVIEW"]

COMMERCIAL = "commercial"
NEEDS_REVIEW = "needs-review: "
_ROOT = "any"
_METHODS = "methods-research"
_RESEARCH = "research"
_NONE = "none"  # a research purpose that names no category (DUOS abstains)
_KEYS = {"parent", "parents", "duo", "mondo", "code", "xrefs", "description"}


@dataclass(frozen=True)
class Purpose:
    """One node of the purpose graph, with its DUO code and term ids where one maps."""

    name: str
    parent: str | None
    duo: str | None = None
    mondo: str | None = None
    description: str = ""
    parents: tuple[str, ...] = ()
    code: str | None = None
    xrefs: tuple[str, ...] = ()

    def all_parents(self) -> tuple[str, ...]:
        return self.parents or ((self.parent,) if self.parent else ())


@dataclass(frozen=True)
class PurposeRequest:
    """A parsed purpose text: a topic, whether the use is commercial, and review flags."""

    topic: str
    commercial: bool
    flags: tuple[str, ...] = ()

    def __str__(self) -> str:
        return "+".join([self.topic, *(["commercial"] if self.commercial else []), *self.flags])


@dataclass(frozen=True)
class Allowances:
    """A parsed allowance list: topics, topics allowed commercially, DUO modifiers."""

    topics: frozenset[str]
    commercial_topics: frozenset[str]
    modifiers: tuple[tuple[Modifier, date | None], ...]

    def has(self, kind: str) -> bool:
        return any(m.kind == kind for m, _ in self.modifiers)

    def codes(self, kind: str) -> tuple[str, ...]:
        return tuple(m.code for m, _ in self.modifiers if m.kind == kind)


class PurposeVocabulary:
    """The purpose graph; answers "is REQUESTED inside ALLOWED?" in three ways."""

    def __init__(self, purposes: Iterable[Purpose]) -> None:
        self.purposes: dict[str, Purpose] = {p.name: p for p in purposes}
        self._aliases: dict[str, str] = {}
        for p in self.purposes.values():
            for parent in p.all_parents():
                if parent not in self.purposes:
                    raise InputError(f"purpose {p.name!r} has unknown parent {parent!r}",
                                     field=f"purposes.{p.name}.parent")
            for alias in (p.code, p.mondo, *p.xrefs):
                if alias:
                    self._aliases.setdefault(alias.upper(), p.name)
        self._duo_ids = _unique_duo_ids(self.purposes.values())
        self._ancestors = {name: self._walk(name) for name in self.purposes}
        self.match = lru_cache(maxsize=4096)(self._match)
        self.allowances = lru_cache(maxsize=1024)(self._allowances)

    def _walk(self, name: str) -> frozenset[str]:
        seen: set[str] = set()
        stack = [name]
        while stack:  # depth-first over every parent; a node on its own path is a cycle
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            for parent in self.purposes[node].all_parents():
                if parent == name:
                    raise InputError(f"purpose hierarchy has a cycle at {name!r}", field="purposes")
                stack.append(parent)
        return frozenset(seen)

    def __contains__(self, name: object) -> bool:
        return name in self.purposes

    def resolve(self, term: str) -> tuple[str, bool] | None:
        """A topic name for ``term`` (our name, DUO code or id, ``DS:<disease id>``, MONDO
        id) and whether it was written as a DUO code; None when unknown."""
        if term in self.purposes:
            return term, False
        upper = term.upper()
        if upper.startswith("DS:") or upper.startswith("DS-"):
            name = self._aliases.get(_curie(term[3:]).upper())
            return (name, True) if name else None
        if upper in self._duo_ids:
            return self._duo_ids[upper], True
        name = self._aliases.get(_curie(term).upper())
        if name is None:
            return None
        return name, self.purposes[name].code is not None and self.purposes[name].code == upper

    def parse(self, text: str) -> PurposeRequest:
        """Parse a request ``TOPIC[+commercial][+FLAG...]``; unknown topics raise."""
        parts = [p.strip() for p in str(text).split("+") if p.strip()]
        commercial = COMMERCIAL in parts
        flags = tuple(p for p in parts if p != COMMERCIAL and p.split(":")[0].lower() in REVIEW_FLAGS)
        topics = [p for p in parts if p != COMMERCIAL and p not in flags and p.upper() != "NPU"]
        if len(topics) > 1 or (not topics and not (commercial or flags or "NPU" in parts)):
            raise InputError(f"malformed purpose {text!r}", field="purpose",
                             expected="TOPIC, TOPIC+commercial or commercial, optionally +FLAG "
                                      "(" + ", ".join(sorted(REVIEW_FLAGS)) + ")")
        if not topics:
            return PurposeRequest(topic=_ROOT if commercial and not flags else _NONE,
                                  commercial=commercial, flags=flags)
        if topics[0].lower() == _NONE:
            return PurposeRequest(topic=_NONE, commercial=commercial, flags=flags)
        found = self.resolve(topics[0])
        if found is None:
            raise InputError(f"unknown purpose {topics[0]!r}", field="purpose",
                             expected="one of " + ", ".join(sorted(self.purposes))
                             + ", a DUO code (GRU, HMB, POA, MDS, DS:<MONDO id>) (optionally +commercial)")
        return PurposeRequest(topic=found[0], commercial=commercial, flags=flags)

    def parse_allowance(self, entry: str) -> Allowances:
        """One allowance entry (a topic, ``TOPIC+commercial``, ``commercial``, a modifier)."""
        return self.allowances((entry,))

    def _allowances(self, allowed: tuple[str, ...]) -> Allowances:
        topics: set[str] = set()
        commercial_topics: set[str] = set()
        duo_topics: set[str] = set()
        modifiers: list[tuple[Modifier, date | None]] = []
        for entry in allowed:
            text = entry.strip()
            modifier = parse_modifier(text)
            if modifier is not None:
                modifiers.append(modifier)
                continue
            if text == COMMERCIAL:
                topics.add(_ROOT)
                commercial_topics.add(_ROOT)
                continue
            head, _, tail = text.partition("+")
            found = self.resolve(head.strip())
            if found is None or tail.strip() not in ("", COMMERCIAL):
                raise InputError(f"unknown purpose {text!r}", field="purposes",
                                 expected="a topic, TOPIC+commercial, commercial or a DUO modifier")
            topics.add(found[0])
            if tail.strip() == COMMERCIAL:
                commercial_topics.add(found[0])
            elif found[1]:
                duo_topics.add(found[0])
        result = Allowances(frozenset(topics), frozenset(commercial_topics), tuple(modifiers))
        if not result.has("noncommercial"):  # DUO: commercial unless NPU/NCU says otherwise
            result = Allowances(result.topics, result.commercial_topics | duo_topics, result.modifiers)
        return result

    def within(self, narrow: str, broad: str) -> bool:
        """True when topic ``narrow`` is ``broad`` or lies below it."""
        return broad in self._ancestors.get(narrow, ())

    def _match(self, allowed: tuple[str, ...], requested: str) -> str | None:
        """None when ``requested`` is inside ``allowed``; else why not (one sentence)."""
        try:
            req = self.parse(requested)
        except InputError as exc:
            return exc.detail
        try:
            allow = self.allowances(tuple(allowed))
        except InputError:  # an unknown allowance can never match anything: drop it
            allow = self.allowances(tuple(a for a in allowed if self._valid_allowance(a)))
        if req.topic != _NONE:
            ancestors = self._ancestors[req.topic]
            if not ancestors & allow.topics and not self._methods_allowed(req.topic, allow):
                return f"purpose {req.topic!r} is not within the allowed purposes [{', '.join(allowed)}]"
        else:  # no category: only the for-profit axis can be checked (as DUOS does)
            ancestors = allow.commercial_topics | {_ROOT}
        if req.commercial:
            if allow.has("noncommercial"):
                return "commercial use is not allowed (" + ", ".join(allow.codes("noncommercial")) + ")"
            if not (ancestors & allow.commercial_topics or _ROOT in allow.commercial_topics):
                return "commercial use is not allowed"
        if req.flags or req.topic == _NONE:
            what = ", ".join(req.flags) if req.flags else "no research category"
            return f"{NEEDS_REVIEW}the research purpose ({what}) is not decided automatically (DUOS abstains)"
        return None

    def _methods_allowed(self, topic: str, allow: Allowances) -> bool:
        """MDS: methods research on any research dataset unless it says NMDS (DUOS)."""
        if not self.within(topic, _METHODS) or allow.has("no-methods") or _METHODS not in self.purposes:
            return False
        return any(self.within(t, _RESEARCH) for t in allow.topics)

    def _valid_allowance(self, entry: str) -> bool:
        try:
            self.parse_allowance(entry)
            return True
        except InputError:
            return False

    def to_dict(self) -> dict[str, Any]:
        return {n: {"parents": list(p.all_parents()), "duo": p.duo, "mondo": p.mondo, "code": p.code,
                    "xrefs": list(p.xrefs), "description": p.description}
                for n, p in self.purposes.items()}

    @classmethod
    def load(cls, path: str | Path, *, diseases: Sequence[str | Path] = ()) -> PurposeVocabulary:
        """``purposes.yaml`` plus disease files (each a ``diseases:`` mapping, same keys)."""
        nodes = _load_nodes(path, "purposes")
        for extra in diseases:
            nodes.extend(_load_nodes(extra, "diseases", default_parent="health-research"))
        return cls(nodes)


def _curie(term: str) -> str:
    """``http://purl.obolibrary.org/obo/DOID_162`` and ``DOID_162`` -> ``DOID:162``."""
    tail = term.strip().rsplit("/", 1)[-1]
    prefix, sep, rest = tail.partition("_")
    return f"{prefix}:{rest}" if sep and prefix.isalpha() and ":" not in tail else tail


def _unique_duo_ids(purposes: Iterable[Purpose]) -> dict[str, str]:
    """DUO id -> node, for ids that name exactly one node (DS's id needs a disease)."""
    seen: dict[str, list[str]] = {}
    for p in purposes:
        if p.duo:
            seen.setdefault(p.duo.upper(), []).append(p.name)
    return {duo: names[0] for duo, names in seen.items() if len(names) == 1}


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (str(value),) if isinstance(value, str) else tuple(str(v) for v in value)


def _load_nodes(path: str | Path, key: str, *, default_parent: str | None = None) -> list[Purpose]:
    doc = load_yaml(path, what=f"{key} file")
    items = doc.get(key) if isinstance(doc, Mapping) else None
    if not isinstance(items, Mapping):
        raise InputError(f"missing {key!r} mapping", file=path, field=key)
    out = []
    for name, spec in items.items():
        if not isinstance(spec, Mapping) or set(spec) - _KEYS or (
                spec.get("parents") is not None and not isinstance(spec.get("parents"), (list, str))):
            raise InputError(f"malformed {key[:-1]} entry", file=path, line=line_of(items, name),
                             field=f"{key}.{name}", expected="keys " + ", ".join(sorted(_KEYS)))
        parents = _strings(spec.get("parents")) or _strings(spec.get("parent"))
        if not parents and default_parent and spec.get("parent", "") is not None:
            parents = (default_parent,)
        out.append(Purpose(name=str(name), parent=parents[0] if parents else None, duo=spec.get("duo"),
                           mondo=spec.get("mondo"), description=str(spec.get("description") or ""),
                           parents=parents, code=spec.get("code"), xrefs=_strings(spec.get("xrefs"))))
    return out


_DEFAULT: PurposeVocabulary | None = None


def default_vocabulary() -> PurposeVocabulary:
    """Built-in ``purposes.yaml`` + ``diseases.yaml`` + the user's disease files (once)."""
    global _DEFAULT
    if _DEFAULT is None:
        base = builtin_policies_dir()
        _DEFAULT = PurposeVocabulary.load(base / "purposes.yaml",
                                          diseases=[base / "diseases.yaml", *user_disease_files()])
    return _DEFAULT


def match_purpose(allowed: Sequence[str], requested: str) -> str | None:
    return default_vocabulary().match(tuple(allowed), requested)
