"""Build Presidio analyzers: ours (offline, tuned) and vanilla (the baseline).

Offline by construction: the spaCy pipeline must already be installed (Presidio would
otherwise ``spacy.cli.download`` it) and e-mail validation uses the bundled public
suffix snapshot (see ``recognizers/_email.py``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dataprotocol.errors import InputError

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine

    from dataprotocol.deid._config import ScrubConfig

__all__ = ["build_analyzer", "build_vanilla_analyzer", "check_model_installed"]

# The parser is not used by any recognizer (Presidio reads tokens, lemmas and
# entities); dropping it roughly halves spaCy's time per document.
_EXCLUDED_PIPES = ("parser",)
_IGNORED_LABELS = ("CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "LANGUAGE", "LAW", "WORK_OF_ART",
                   "EVENT", "PRODUCT")


def check_model_installed(model: str) -> None:
    """Raise :class:`InputError` unless ``model`` is an installed package or a local path."""
    import spacy

    if not (spacy.util.is_package(model) or Path(model).exists()):
        raise InputError(f"spaCy pipeline {model!r} is not installed", field="model",
                         expected="an installed spaCy pipeline package or a local path "
                                  "(nothing is downloaded)")


def _nlp_engine(model: str, language: str, *, exclude: tuple[str, ...]) -> Any:
    import spacy
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

    check_model_installed(model)
    # spaCy labels that are never identifiers are dropped; facilities (FAC: buildings,
    # airports, hospitals' wings) count as locations.
    ner = NerModelConfiguration(labels_to_ignore=list(_IGNORED_LABELS))
    ner.model_to_presidio_entity_mapping = {**(ner.model_to_presidio_entity_mapping or {}), "FAC": "LOCATION"}
    engine = SpacyNlpEngine(models=[{"lang_code": language, "model_name": model}],
                            ner_model_configuration=ner)
    # load() ourselves instead of engine.load(): no download branch, and pipes excluded.
    engine.nlp = {language: spacy.load(model, exclude=list(exclude))}  # type: ignore[assignment]
    return engine


def _quiet_presidio() -> None:
    # Presidio logs each loaded recognizer at INFO; never anything below WARNING from us.
    for name in ("presidio-analyzer", "presidio-anonymizer"):
        logging.getLogger(name).setLevel(logging.WARNING)


def build_analyzer(config: ScrubConfig) -> AnalyzerEngine:
    """Presidio's predefined recognizers + ours, offline, with deny lists."""
    from presidio_analyzer import AnalyzerEngine, PatternRecognizer, RecognizerRegistry

    from dataprotocol.deid.recognizers import extra_recognizers

    _quiet_presidio()
    lang = config.language
    nlp_engine = _nlp_engine(config.model, lang, exclude=_EXCLUDED_PIPES)
    registry = RecognizerRegistry(supported_languages=[lang])
    registry.load_predefined_recognizers(languages=[lang], nlp_engine=nlp_engine)
    registry.remove_recognizer("EmailRecognizer")
    for recognizer in extra_recognizers():
        registry.add_recognizer(recognizer)
    for entity, words in config.deny_list.items():
        registry.add_recognizer(PatternRecognizer(
            supported_entity=entity, deny_list=list(words), name=f"DenyList{entity.title()}Recognizer",
            supported_language=lang, deny_list_score=1.0))
    for entity, words in config.context.items():
        for recognizer in registry.recognizers:
            if entity in recognizer.supported_entities and hasattr(recognizer, "context"):
                recognizer.context = list(recognizer.context or []) + list(words)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[lang])


def build_vanilla_analyzer(model: str, *, language: str = "en") -> AnalyzerEngine:
    """Presidio as shipped (all predefined recognizers, full spaCy pipeline) -- the baseline.

    The only change is the offline e-mail validation, which gives the same answers
    without the network.
    """
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    from dataprotocol.deid.recognizers import OfflineEmailRecognizer

    _quiet_presidio()
    nlp_engine = _nlp_engine(model, language, exclude=())
    registry = RecognizerRegistry(supported_languages=[language])
    registry.load_predefined_recognizers(languages=[language], nlp_engine=nlp_engine)
    registry.remove_recognizer("EmailRecognizer")
    registry.add_recognizer(OfflineEmailRecognizer())
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[language])
