"""The :class:`Scrubber`: detect (Presidio analyzer + spaCy) and anonymize (Presidio anonymizer).

Return types (other layers code against these):

* ``find(text) -> list[Finding]``
* ``scrub(text) -> Scrubbed`` (``.text``, ``.findings``)
* ``scrub_many(texts, *, batch_size=64, n_process=None) -> list[Scrubbed]`` (input order;
  ``None``: as many worker processes as this process may use cores)
* ``language_of(text) -> str``: the document's language (``ScrubConfig.language="auto"``)
* ``scrub_frame(df, *, text_columns=(), pii_columns={}) -> FrameResult`` -- ``.frame``
  (a new DataFrame) and ``.report`` (``{entity_type: count}``); unpacks as a pair.
* ``dataset_map_function(text_columns) -> fn(batch) -> batch`` for
  ``datasets.Dataset.map(fn, batched=True)``.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from dataprotocol.deid._config import AUTO, ScrubConfig
from dataprotocol.deid._engine import build_analyzer, import_presidio
from dataprotocol.deid._language import detect_language
from dataprotocol.deid._mixed import fold_width, han_findings, han_lines, latin_findings, without_han_ner
from dataprotocol.deid._operators import OperatorSet
from dataprotocol.deid._resolve import resolve, to_findings
from dataprotocol.deid._types import Finding, FrameResult, Scrubbed
from dataprotocol.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from dataprotocol.deid._parallel import WorkerPool

__all__ = ["Scrubber"]


class Scrubber:
    """Offline PII scrubber. Build once (loads spaCy, ~seconds), reuse for many texts."""

    def __init__(self, config: ScrubConfig | None = None, *, _analyzer: Any = None) -> None:
        import_presidio()
        from presidio_anonymizer import AnonymizerEngine

        self.config = config or ScrubConfig()
        self.analyzer = _analyzer or build_analyzer(self.config)
        if self.config.language == AUTO:
            from dataprotocol.deid._language import warm_up

            warm_up()
        self._anonymizer = AnonymizerEngine()
        self._operators = OperatorSet(key=self.config.key, mask_char=self.config.mask_char,
                                      locale=self.config.surrogate_locale)
        self._operator_configs: dict[tuple[str, str], Any] = {}

    def reconfigured(self, config: ScrubConfig) -> Scrubber:
        """A scrubber for ``config`` that shares this one's loaded analyzer when it can.

        Sharing is possible when only operators, key, allow list, thresholds, entity
        selection or propagation differ; a different model, language, deny list or
        context words builds a new analyzer.
        """
        detection = ("model", "language", "languages", "deny_list", "context")
        same = all(getattr(config, name) == getattr(self.config, name) for name in detection)
        return Scrubber(config, _analyzer=self.analyzer if same else None)

    # -- detection -----------------------------------------------------------------
    def language_of(self, text: str) -> str:
        """ISO 639-1 code of ``text``'s language (the fixed one unless ``language="auto"``)."""
        if self.config.language != AUTO:
            return self.config.language
        return detect_language(text, default=self.config.pipelines[0])

    def _pipeline(self, language: str, *, document: int | None = None) -> str:
        """The pipeline for ``language``; an unconfigured one falls back to the first
        pipeline (the document is flagged), or is refused with ``strict``."""
        if language in self.config.pipelines:
            return language
        if self.config.strict:
            where = f"document {document}: " if document is not None else ""
            raise InputError(f"{where}language {language!r} has no configured pipeline", field="language",
                             expected="a document in " + ", ".join(self.config.pipelines) +
                                      " (or scrub without --strict: it is then flagged)")
        return self.config.pipelines[0]

    def find(self, text: str) -> list[Finding]:
        """Findings in ``text`` (sorted by position, non-overlapping).

        Long texts are analysed and resolved chunk by chunk (spaCy caps a document at
        1,000,000 characters, and resolution is quadratic in the findings of a chunk).
        """
        pipeline = self._pipeline(self.language_of(text))
        found: list[Finding] = []
        for offset, chunk in _chunks(text, self.config.max_chunk_chars):
            found.extend(_shift(resolve(chunk, self._analyze(chunk, pipeline), self.config), offset))
        return found

    def _analyze(self, text: str, pipeline: str, nlp_artifacts: Any = None) -> list[Finding]:
        if not text.strip():
            return []
        allow = list(self.config.allow_list) or None
        text = fold_width(text)  # same length: findings' offsets hold for the original text
        results = self.analyzer.analyze(text=text, language=pipeline, nlp_artifacts=nlp_artifacts,
                                        allow_list=allow)
        found = to_findings(results)
        latin = next((lang for lang in self.analyzer.supported_languages if lang != "zh"), None)
        if pipeline == "zh" and latin is not None:
            found += latin_findings(self.analyzer, text, language=latin, allow_list=allow)
        elif pipeline != "zh" and "zh" in self.analyzer.supported_languages and han_lines(text):
            found = without_han_ner(text, found) + han_findings(self.analyzer, text, allow_list=allow)
        return found

    # -- anonymization -------------------------------------------------------------
    def scrub(self, text: str) -> Scrubbed:
        """Anonymize ``text`` with the configured operator for each entity type."""
        language = self.language_of(text)
        pipeline = self._pipeline(language)
        parts, findings = [], []
        for offset, chunk in _chunks(text, self.config.max_chunk_chars):
            done = self._anonymize(chunk, resolve(chunk, self._analyze(chunk, pipeline), self.config), language)
            parts.append(done.text)
            findings.extend(_shift(list(done.findings), offset))
        return self._result("".join(parts), findings, language)

    def _result(self, text: str, findings: Sequence[Finding], language: str) -> Scrubbed:
        return Scrubbed(text, tuple(findings), language=language, configured=language in self.config.pipelines)

    def _anonymize(self, text: str, findings: Sequence[Finding], language: str) -> Scrubbed:
        if not findings:
            return self._result(text, (), language)
        from presidio_anonymizer.entities import RecognizerResult

        results = [RecognizerResult(f.entity_type, f.start, f.end, f.score) for f in findings]
        operators = {f.entity_type: self._operator_config(f.entity_type, language) for f in findings}
        out = self._anonymizer.anonymize(text=text, analyzer_results=results, operators=operators)
        return self._result(out.text, findings, language)

    def _operator_config(self, entity_type: str, language: str = "en") -> Any:
        cached = self._operator_configs.get((entity_type, language))
        if cached is None:
            from presidio_anonymizer.entities import OperatorConfig

            fn = self._operators.function(self.config.operator_for(entity_type), entity_type,
                                          self.config.operator_params(entity_type), language=language)
            cached = self._operator_configs[(entity_type, language)] = OperatorConfig("custom", {"lambda": fn})
        return cached

    def replace_value(self, entity_type: str, value: str) -> str:
        """Transform a whole value known to be ``entity_type`` (a declared PII cell)."""
        return self._operators.function(self.config.operator_for(entity_type), entity_type,
                                        self.config.operator_params(entity_type))(value)

    # -- batches -------------------------------------------------------------------
    def scrub_many(self, texts: Iterable[str], *, batch_size: int = 64,
                   n_process: int | None = None, first: int = 0) -> list[Scrubbed]:
        """Scrub many texts: spaCy ``nlp.pipe`` batches per language, worker processes.

        ``n_process=None`` (default) uses every core this process may run on; 1 keeps
        everything in this process. Order is preserved. Texts longer than
        ``config.max_chunk_chars`` are chunked. ``first`` numbers the documents in
        ``strict`` errors (the index of ``texts[0]`` in a larger input).
        """
        from dataprotocol.deid._parallel import default_processes

        items = [str(t) for t in texts]
        n_process = default_processes() if n_process is None else n_process
        if n_process > 1 and len(items) > batch_size:
            with self.worker_pool(batch_size=batch_size, n_process=n_process) as pool:
                return pool.map(items, first=first)
        return list(self.iter_scrub(items, batch_size=batch_size, first=first))

    def worker_pool(self, *, batch_size: int = 64, n_process: int | None = None) -> WorkerPool:
        """``n_process`` worker processes (default: every core this process may use)
        running this scrubber, forked on first use (they share its loaded models) and
        reused by every ``map`` until closed (``with``); one process: no fork at all."""
        from dataprotocol.deid._parallel import WorkerPool, default_processes

        return WorkerPool(worker=self.batch_function(batch_size),
                          factory=functools.partial(batch_function, self.config, batch_size),
                          batch_size=batch_size, n_process=default_processes() if n_process is None else n_process)

    def batch_function(self, batch_size: int) -> Callable[[Sequence[str], int], list[Scrubbed]]:
        """``(texts, first) -> results``: :meth:`iter_scrub` for one batch (worker engines)."""
        return lambda texts, first: list(self.iter_scrub(texts, batch_size=batch_size, first=first))

    def iter_scrub(self, texts: Sequence[str], *, batch_size: int = 64, first: int = 0) -> Iterator[Scrubbed]:
        """Generator form of :meth:`scrub_many` (one process), for progress bars.

        Texts are taken a window at a time, detected, grouped by pipeline language
        and batched through spaCy, then yielded in input order. ``first`` numbers
        the documents in ``strict`` errors.
        """
        window = max(batch_size, 1) * 4
        for begin in range(0, len(texts), window):
            yield from self._scrub_window(texts[begin:begin + window], batch_size, first + begin)

    def _scrub_window(self, texts: Sequence[str], batch_size: int, first: int) -> Iterator[Scrubbed]:
        limit = self.config.max_chunk_chars
        languages = [self.language_of(t) for t in texts]
        pipelines = [self._pipeline(lang, document=first + i) for i, lang in enumerate(languages)]
        groups: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            if len(text) <= limit and text.strip():
                groups.setdefault(pipelines[i], []).append(i)
        artifacts: dict[int, Any] = {}
        engine = self.analyzer.nlp_engine
        for pipeline, members in groups.items():
            batch = engine.process_batch([texts[i] for i in members], pipeline, batch_size=batch_size, n_process=1)
            artifacts.update((i, nlp_artifacts) for i, (_, nlp_artifacts) in zip(members, batch))
        for i, text in enumerate(texts):
            if i not in artifacts:
                yield self.scrub(text)
                continue
            findings = resolve(text, self._analyze(text, pipelines[i], artifacts.pop(i)), self.config)
            yield self._anonymize(text, findings, languages[i])

    # -- tables --------------------------------------------------------------------
    def scrub_frame(self, df: pd.DataFrame, *, text_columns: Sequence[str] = (),
                    pii_columns: Mapping[str, str] | None = None, batch_size: int = 64,
                    n_process: int | None = None, pool: WorkerPool | None = None) -> FrameResult:
        """Scrub a DataFrame: ``pii_columns`` whole-cell, ``text_columns`` scanned.

        Returns :class:`FrameResult` (``.frame``, ``.report`` = counts per entity type).
        Missing values stay missing. Raises ``InputError`` for an unknown column.
        ``pool`` (:meth:`worker_pool`): worker processes kept across many frames, used
        instead of ``n_process`` (which forks its own for each call).
        """
        from dataprotocol.deid._frame import scrub_frame

        def scrub_texts(texts: list[str]) -> list[Scrubbed]:
            if pool is None:
                return self.scrub_many(texts, batch_size=batch_size, n_process=n_process)
            if len(texts) > batch_size:
                return pool.map(texts)
            return list(self.iter_scrub(texts, batch_size=batch_size))

        return scrub_frame(df, text_columns=text_columns, pii_columns=dict(pii_columns or {}),
                           replace_value=self.replace_value, scrub_texts=scrub_texts)

    def dataset_map_function(self, text_columns: Sequence[str], *,
                             batch_size: int = 64) -> Callable[[dict[str, list[Any]]], dict[str, list[Any]]]:
        """A function for ``datasets.Dataset.map(fn, batched=True)`` scrubbing ``text_columns``."""

        def _map(batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
            out = dict(batch)
            for column in text_columns:
                values = batch[column]
                texts = [v for v in values if isinstance(v, str)]
                scrubbed = iter(self.scrub_many(texts, batch_size=batch_size, n_process=1))
                out[column] = [next(scrubbed).text if isinstance(v, str) else v for v in values]
            return out

        return _map


def batch_function(config: ScrubConfig, batch_size: int) -> Callable[[Sequence[str], int], list[Scrubbed]]:
    """Build a scrubber for ``config`` (once: spaCy loads here) and return its batch function.

    Picklable by reference, so spawned processes and Ray actors can call it themselves.
    """
    return Scrubber(config).batch_function(batch_size)


def report_of(results: Iterable[Scrubbed]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for r in results:
        counts.update(f.entity_type for f in r.findings)
    return dict(sorted(counts.items()))


def _shift(findings: list[Finding], offset: int) -> list[Finding]:
    if not offset:
        return findings
    return [Finding(f.start + offset, f.end + offset, f.entity_type, f.score, f.recognizer) for f in findings]


def _chunks(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """Split at a newline / sentence end / space before ``limit`` (spaCy caps doc length)."""
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind("\n"), window.rfind(". ") + 1, window.rfind(" "))
        cut = cut if cut > limit // 2 else limit
        yield start, text[start:start + cut]
        start += cut
    yield start, text[start:]
