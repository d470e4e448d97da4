"""Build Presidio analyzers: ours (offline, tuned) and vanilla (the baseline).

Offline by construction: the spaCy pipeline must already be installed (Presidio would
otherwise ``spacy.cli.download`` it) and e-mail validation uses the bundled public
suffix snapshot (see ``recognizers/_email.py``).
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
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


def _nlp_engine(model: str, language: str, *, exclude: tuple[str, ...], lazy: bool = False) -> Any:
    import spacy
    import_presidio()
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

    check_model_installed(model)
    # spaCy labels that are never identifiers are dropped; facilities (FAC: buildings,
    # airports, hospitals' wings) count as locations.
    ner = NerModelConfiguration(labels_to_ignore=list(_IGNORED_LABELS))
    ner.model_to_presidio_entity_mapping = {**(ner.model_to_presidio_entity_mapping or {}), "FAC": "LOCATION"}
    engine_class = _nlp_engine_class() if lazy else SpacyNlpEngine
    engine = engine_class(models=[{"lang_code": language, "model_name": model}], ner_model_configuration=ner)
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


def import_presidio() -> None:
    """Import Presidio without transformers' pipeline machinery.

    ``presidio_analyzer`` imports ``transformers.pipeline`` (behind ``try/except
    ImportError``) for its Hugging Face NER engine, which dataprotocol never builds; that
    import alone (torch, image and audio processors) was 5.9 of the 10.6 s a scrubber took
    to import and build on one core -- paid by every CLI call, worker and Ray actor. While
    transformers is not imported yet, it is hidden for Presidio's import and unhidden
    right after, so a later ``import transformers`` (training) loads it normally.
    """
    if "presidio_analyzer" in sys.modules or "transformers" in sys.modules:
        return
    sys.modules["transformers"] = None  # type: ignore[assignment]  # import -> ImportError
    try:
        import presidio_analyzer  # noqa: F401
        import presidio_anonymizer  # noqa: F401
    finally:
        if "transformers" in sys.modules and sys.modules["transformers"] is None:
            del sys.modules["transformers"]


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
    import_presidio()
    from presidio_analyzer import PatternRecognizer, RecognizerRegistry

    from dataprotocol.deid.recognizers import (
        RegexRecognizer,
        WindowedPhoneRecognizer,
        chinese_recognizers,
        extra_recognizers,
    )

    _quiet_presidio()
    lang = _spacy_language(config)
    languages = sorted({lang, *config.pipelines})
    nlp_engine = _nlp_engine(config.model, lang, exclude=_EXCLUDED_PIPES, lazy=True)
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
    return _analyzer_class()(registry=registry, nlp_engine=nlp_engine, supported_languages=languages,
                             context_aware_enhancer=_enhancer_class()())


def _add_chinese(nlp_engine: Any) -> None:
    """A blank spaCy ``zh`` pipeline (character tokens, no model, no download) for
    Presidio's artifacts; the Chinese recognizers segment with jieba themselves."""
    import spacy

    from dataprotocol.deid.recognizers._zh_name_model import model as name_model
    from dataprotocol.deid.recognizers._zh_segments import warm_up

    nlp_engine.nlp["zh"] = spacy.blank("zh")
    warm_up()  # jieba's dictionary, before any worker process forks
    name_model()  # and the name model computed from it (~0.2 s), shared the same way


def build_vanilla_analyzer(model: str, *, language: str = "en") -> AnalyzerEngine:
    """Presidio as shipped (all predefined recognizers, full spaCy pipeline) -- the baseline.

    The only change is the offline e-mail validation, which gives the same answers
    without the network.
    """
    import_presidio()
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    from dataprotocol.deid.recognizers import OfflineEmailRecognizer

    _quiet_presidio()
    nlp_engine = _nlp_engine(model, language, exclude=())
    registry = RecognizerRegistry(supported_languages=[language])
    registry.load_predefined_recognizers(languages=[language], nlp_engine=nlp_engine)
    registry.remove_recognizer("EmailRecognizer")
    registry.add_recognizer(OfflineEmailRecognizer())
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[language])


# Presidio's context step, same results with less work. Measured per document on our
# corpora it was a fifth of our analyzer's time: ``AnalyzerEngine._enhance_using_context``
# filters all results once per recognizer (recognizers x results), and the lemma
# enhancer deep-copies every result (explanations and all) before it looks at any.
@functools.lru_cache(maxsize=1)
def _analyzer_class() -> type:
    from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult

    key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY

    class ScrubAnalyzerEngine(AnalyzerEngine):  # type: ignore[misc]
        """``AnalyzerEngine`` whose recognizer-level context step groups results once."""

        def _enhance_using_context(self, text: str, raw_results: list[Any], nlp_artifacts: Any,
                                   recognizers: list[Any], context: list[str] | None = None) -> list[Any]:
            by_recognizer: dict[str, list[Any]] = {}
            for result in raw_results:
                by_recognizer.setdefault(result.recognition_metadata[key], []).append(result)
            results: list[Any] = []
            for recognizer in recognizers:
                own = by_recognizer.get(recognizer.id, [])
                if type(recognizer).enhance_using_context is EntityRecognizer.enhance_using_context:
                    results.extend(own)  # the base method returns its input as it is
                    continue
                others = [r for r in raw_results if r.recognition_metadata[key] != recognizer.id]
                results.extend(recognizer.enhance_using_context(
                    text=text, raw_recognizer_results=own, other_raw_recognizer_results=others,
                    nlp_artifacts=nlp_artifacts, context=context))
            return self.context_aware_enhancer.enhance_using_context(  # type: ignore[no-any-return]
                text=text, raw_results=results, nlp_artifacts=nlp_artifacts, recognizers=recognizers,
                context=context)

    return ScrubAnalyzerEngine


@functools.lru_cache(maxsize=1)
def _enhancer_class() -> type:
    from presidio_analyzer import RecognizerResult
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
    boosted = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY

    class ScrubContextEnhancer(LemmaContextAwareEnhancer):  # type: ignore[misc]
        """Presidio's lemma enhancer, handed only the results it can change.

        It changes a result only when the result's recognizer has context words and
        the score was not boosted already, and each result on its own; the others
        come back as they were (uncopied: nothing else holds them). A document from a
        pipeline with no lemmatizer (``spacy.blank("zh")``) has only empty lemmas, so
        with no request-level context words it can match only an empty context word:
        there it changes nothing, and its tokens are never made."""

        def enhance_using_context(self, text: str, raw_results: list[Any], nlp_artifacts: Any,
                                  recognizers: list[Any], context: list[str] | None = None) -> list[Any]:
            by_id = {recognizer.id: recognizer for recognizer in recognizers}
            no_lemmas = not context and getattr(nlp_artifacts, "lemmaless", False)

            def can_change(result: Any) -> bool:
                meta = result.recognition_metadata
                recognizer = by_id.get(meta[key]) if meta and key in meta else None
                if not (recognizer and recognizer.context and not meta.get(boosted)):
                    return False
                return not no_lemmas or "" in recognizer.context

            mask = [can_change(r) for r in raw_results]
            if not any(mask):
                return list(raw_results)
            changed = iter(super().enhance_using_context(
                text, [r for r, m in zip(raw_results, mask) if m], nlp_artifacts, recognizers, context))
            return [next(changed) if m else r for r, m in zip(raw_results, mask)]

    return ScrubContextEnhancer


# Presidio's NLP artifacts, the same values made only when read. ``NlpArtifacts`` lists
# every token's lemma and offset and filters its keywords (a vocabulary lookup per
# token) for every document, and a Chinese document goes through spaCy at all only to
# be cut into characters; all of it is read only by the context enhancer, and only for
# a finding whose recognizer has context words. A pipeline with no components
# (``spacy.blank("zh")``) has no entities, and its Doc is ``nlp.make_doc(text)``.
@functools.lru_cache(maxsize=1)
def _nlp_engine_class() -> type:
    from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

    class ScrubNlpArtifacts(NlpArtifacts):  # type: ignore[misc]
        def __init__(self, tokens: Callable[[], Any], *, entities: list[Any], scores: list[float],
                     nlp_engine: Any, language: str, lemmaless: bool = False) -> None:
            # not NlpArtifacts.__init__: it computes the keywords at once
            self._make_tokens, self._language = tokens, language
            self.lemmaless = lemmaless  # a pipeline with no lemmatizer: every lemma is ""
            self.entities = entities
            self.nlp_engine = nlp_engine
            self.scores = scores if scores else [0.85] * len(entities)

        @functools.cached_property
        def tokens(self) -> Any:  # type: ignore[override]
            return self._make_tokens()

        @functools.cached_property
        def lemmas(self) -> list[str]:  # type: ignore[override]
            return [token.lemma_ for token in self.tokens]

        @functools.cached_property
        def tokens_indices(self) -> list[int]:  # type: ignore[override]
            return [token.idx for token in self.tokens]

        @functools.cached_property
        def keywords(self) -> list[str]:  # type: ignore[override]
            return NlpArtifacts.set_keywords(self.nlp_engine, self.lemmas, self._language)  # type: ignore

        def to_json(self) -> str:
            plain = NlpArtifacts.__new__(NlpArtifacts)
            plain.__dict__.update(entities=self.entities, tokens=self.tokens, lemmas=self.lemmas,
                                  tokens_indices=self.tokens_indices, keywords=self.keywords,
                                  nlp_engine=self.nlp_engine, scores=self.scores)
            return plain.to_json()  # type: ignore[no-any-return]

    class ScrubNlpEngine(SpacyNlpEngine):  # type: ignore[misc]
        def _blank(self, language: str) -> bool:
            return not self.nlp[language].pipe_names  # type: ignore[index]

        def process_text(self, text: str, language: str) -> Any:
            if not self._blank(language):
                return super().process_text(text, language)
            return self._blank_artifacts(text, language)

        def process_batch(self, texts: Any, language: str, batch_size: int = 1,  # type: ignore[override]
                          n_process: int = 1, as_tuples: bool = False) -> Any:
            if as_tuples or not self._blank(language):
                yield from super().process_batch(texts, language, batch_size=batch_size, n_process=n_process,
                                                 as_tuples=as_tuples)
                return
            for text in texts:
                yield str(text), self._blank_artifacts(str(text), language)

        def _blank_artifacts(self, text: str, language: str) -> Any:
            make_doc = self.nlp[language].make_doc  # type: ignore[index]
            return ScrubNlpArtifacts(lambda: make_doc(text), entities=[], scores=[], nlp_engine=self,
                                     language=language, lemmaless=True)

        def _get_entities(self, doc: Any) -> list[Any]:
            # Cut at line breaks here, not only in ``resolve``: Presidio drops a pattern finding
            # inside a longer, higher-scored NER span of its type ("Tier 2\nsvetlana" would hide
            # the chat name "svetlana" on the next line) before ``resolve`` sees either.
            from dataprotocol.deid._resolve import line_parts

            out = []
            for ent in doc.ents:
                if "\n" not in ent.text:
                    out.append(ent)
                    continue
                for start, end in line_parts(doc.text, ent.start_char, ent.end_char):
                    part = doc.char_span(start, end, label=ent.label_, alignment_mode="contract")
                    if part is not None and len(part):
                        out.append(part)
            return out

        def _get_scores_for_entities(self, doc: Any) -> list[Any]:
            return [self.ner_model_configuration.default_score] * len(self._get_entities(doc))

        def _doc_to_nlp_artifact(self, doc: Any, language: str) -> Any:
            entities, scores = self._get_updated_entities(self._get_entities(doc), self._get_scores_for_entities(doc))
            return ScrubNlpArtifacts(lambda: doc, entities=entities, scores=scores, nlp_engine=self,
                                     language=language)

    return ScrubNlpEngine
