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

# Presidio reads only tokens, lemmas and entities. In the en_core_web_* pipelines the
# NER has its own embedding layer, so tagger, parser, lemmatizer and the shared
# tok2vec can all go: identical entities, about half of spaCy's time per document.
# Lemmas (used by Presidio's context-word enhancer) become the lower-cased token.
_EXCLUDED_PIPES = ("parser", "tagger", "attribute_ruler", "lemmatizer", "tok2vec", "senter")
_LEMMA_PIPE = "dataprotocol_lower_lemma"
#: phonenumbers' matcher is run once per region; "UK" in Presidio's default list is not
#: a region code at all. Other shapes are covered by InternationalPhoneRecognizer.
PHONE_REGIONS = ("US", "GB", "IN")
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
    nlp = spacy.load(model, exclude=list(exclude))
    if exclude and "ner" in nlp.pipe_names and not _ner_needs_tok2vec(nlp):
        _register_lemma_pipe()
        nlp.add_pipe(_LEMMA_PIPE, last=True)
    elif exclude:  # a pipeline whose NER listens to a shared tok2vec: keep the full pipeline
        nlp = spacy.load(model, exclude=["parser"])
    engine.nlp = {language: nlp}  # type: ignore[assignment]
    return engine


def _ner_needs_tok2vec(nlp: Any) -> bool:
    return any(node.name == "tok2vec-listener" for node in nlp.get_pipe("ner").model.walk())


def _register_lemma_pipe() -> None:
    from spacy.language import Language

    if _LEMMA_PIPE in Language.factories:
        return

    @Language.component(_LEMMA_PIPE)
    def lower_lemma(doc: Any) -> Any:
        for token in doc:
            token.lemma_ = token.lower_
        return doc


def _quiet_presidio() -> None:
    # Presidio logs each loaded recognizer at INFO; never anything below WARNING from us.
    for name in ("presidio-analyzer", "presidio-anonymizer"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _spacy_language(config: ScrubConfig) -> str:
    """The spaCy model's language: the first non-Chinese pipeline (English by default).

    It is loaded even for ``language="zh"``: Latin-script names inside Chinese text
    go through it (``_mixed``)."""
    return next((lang for lang in config.pipelines if lang != "zh"), "en")


def build_analyzer(config: ScrubConfig) -> AnalyzerEngine:
    """Presidio's predefined recognizers + ours, offline, with deny lists, one
    registry per configured language (English: spaCy NER; Chinese: ``chinese_recognizers``)."""
    from presidio_analyzer import AnalyzerEngine, PatternRecognizer, RecognizerRegistry

    from dataprotocol.deid.recognizers import (
        RegexRecognizer,
        WindowedPhoneRecognizer,
        chinese_recognizers,
        extra_recognizers,
    )

    _quiet_presidio()
    lang = _spacy_language(config)
    languages = sorted({lang, *config.pipelines})
    nlp_engine = _nlp_engine(config.model, lang, exclude=_EXCLUDED_PIPES)
    registry = RecognizerRegistry(supported_languages=languages)
    registry.load_predefined_recognizers(languages=[lang], nlp_engine=nlp_engine)
    registry.remove_recognizer("EmailRecognizer")
    registry.remove_recognizer("PhoneRecognizer")
    registry.add_recognizer(WindowedPhoneRecognizer(supported_regions=PHONE_REGIONS, supported_language=lang))
    for recognizer in extra_recognizers():
        recognizer.supported_language = lang
        registry.add_recognizer(recognizer)
    if "zh" in languages:
        _add_chinese(nlp_engine)
        for recognizer in chinese_recognizers():
            registry.add_recognizer(recognizer)
    for entity, words in config.deny_list.items():
        for language in languages:
            registry.add_recognizer(PatternRecognizer(
                supported_entity=entity, deny_list=list(words), name=f"DenyList{entity.title()}Recognizer",
                supported_language=language, deny_list_score=1.0))
    for entity, words in config.context.items():
        for recognizer in registry.recognizers:
            if entity not in recognizer.supported_entities:
                continue
            if isinstance(recognizer, RegexRecognizer):
                recognizer.add_context(words)
            else:  # Presidio's enhancer reads .context
                recognizer.context = list(recognizer.context or []) + list(words)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=languages)


def _add_chinese(nlp_engine: Any) -> None:
    """A blank spaCy ``zh`` pipeline (character tokens, no model, no download) for
    Presidio's artifacts; the Chinese recognizers segment with jieba themselves."""
    import spacy

    from dataprotocol.deid.recognizers._zh_segments import warm_up

    nlp_engine.nlp["zh"] = spacy.blank("zh")
    warm_up()  # jieba's dictionary, before any worker process forks


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
