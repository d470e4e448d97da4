"""Evaluate a scrubber on a labelled JSONL corpus (``{"text", "spans": [{start, end, type}]}``).

Metrics, per entity type and for direct vs quasi identifiers (``_config``):

* **leak rate** -- share of labelled PII strings that survive verbatim in the scrubbed
  text (the number that matters for release);
* **span recall** -- share of labelled spans overlapped by some finding (any type:
  scrubbed is scrubbed), by the *labelled* type;
* **span precision** -- share of findings that overlap a labelled span, by the
  *predicted* type;
* **F2** -- recall weighted 4x over precision (a leak costs more than over-redaction);
* **char precision** -- share of scrubbed characters that were labelled PII.

Leaks are checked as whole words where a value's edge is a Latin letter or digit,
and as substrings at a Han edge (Chinese has no spaces: ``张伟`` left inside
``患者张伟说`` is a leak). Rows ``lang:xx`` repeat "all" per document language (the
record's ``lang`` field, else the detected language).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dataprotocol._files import read_text
from dataprotocol.deid._config import DIRECT_IDENTIFIERS
from dataprotocol.deid._resolve import whole
from dataprotocol.deid._types import Finding
from dataprotocol.errors import InputError

__all__ = ["Metrics", "EvalReport", "load_corpus", "evaluate", "group_of"]

Output = tuple[str, Sequence[Finding]]


def group_of(entity_type: str) -> str:
    return "direct" if entity_type in DIRECT_IDENTIFIERS else "quasi"


@dataclass
class Metrics:
    labelled: int = 0
    leaked: int = 0
    detected: int = 0
    findings: int = 0
    true_findings: int = 0
    finding_chars: int = 0
    true_chars: int = 0

    @property
    def leak_rate(self) -> float:
        return self.leaked / self.labelled if self.labelled else 0.0

    @property
    def recall(self) -> float:
        return self.detected / self.labelled if self.labelled else 0.0

    @property
    def precision(self) -> float:
        return self.true_findings / self.findings if self.findings else 1.0

    @property
    def f2(self) -> float:
        p, r = self.precision, self.recall
        return 5 * p * r / (4 * p + r) if (p + r) else 0.0

    @property
    def char_precision(self) -> float:
        return self.true_chars / self.finding_chars if self.finding_chars else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"labelled": self.labelled, "leaked": self.leaked, "leak_rate": round(self.leak_rate, 4),
                "recall": round(self.recall, 4), "precision": round(self.precision, 4),
                "f2": round(self.f2, 4), "char_precision": round(self.char_precision, 4),
                "findings": self.findings}


@dataclass
class EvalReport:
    documents: int
    by_type: dict[str, Metrics] = field(default_factory=dict)
    by_group: dict[str, Metrics] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents,
                "groups": {k: v.to_dict() for k, v in sorted(self.by_group.items())},
                "types": {k: v.to_dict() for k, v in sorted(self.by_type.items())}}


def load_corpus(path: str | Path) -> list[dict[str, Any]]:
    records = []
    for number, line in enumerate(read_text(path, what="corpus").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text, spans = record["text"], record["spans"]
            for s in spans:
                if not (0 <= int(s["start"]) < int(s["end"]) <= len(text)) or not isinstance(s["type"], str):
                    raise ValueError("span out of range")
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"bad corpus record: {exc}", file=path, line=number,
                             expected='{"text": str, "spans": [{"start", "end", "type"}]}') from exc
        records.append(record)
    if not records:
        raise InputError("corpus is empty", file=path, expected="JSON lines")
    return records


def _survives(value: str, scrubbed: str) -> bool:
    return re.search(whole(value), scrubbed) is not None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(records: Sequence[dict[str, Any]], outputs: Sequence[Output]) -> EvalReport:
    report = EvalReport(documents=len(records))
    types: dict[str, Metrics] = defaultdict(Metrics)
    groups: dict[str, Metrics] = defaultdict(Metrics)
    from dataprotocol.deid._language import detect_language

    for record, (scrubbed, findings) in zip(records, outputs):
        text, gold = record["text"], [(int(s["start"]), int(s["end"]), s["type"]) for s in record["spans"]]
        lang = groups[f"lang:{record.get('lang') or detect_language(text)}"]
        gold_chars = {i for s, e, _ in gold for i in range(s, e)}
        for s, e, etype in gold:
            for m in (types[etype], groups[group_of(etype)], groups["all"], lang):
                m.labelled += 1
                m.leaked += _survives(text[s:e], scrubbed)
                m.detected += any(_overlaps((s, e), (f.start, f.end)) for f in findings)
        for f in findings:
            true = any(_overlaps((f.start, f.end), (s, e)) for s, e, _ in gold)
            chars = set(range(f.start, f.end))
            for m in (types[f.entity_type], groups[group_of(f.entity_type)], groups["all"], lang):
                m.findings += 1
                m.true_findings += true
                m.finding_chars += len(chars)
                m.true_chars += len(chars & gold_chars)
    report.by_type, report.by_group = dict(types), dict(groups)
    return report


def vanilla_outputs(texts: Sequence[str], model: str) -> list[Output]:
    """Presidio as shipped, one document at a time (the baseline everyone starts from)."""
    from presidio_anonymizer import AnonymizerEngine

    from dataprotocol.deid._engine import build_vanilla_analyzer
    from dataprotocol.deid._resolve import to_findings

    analyzer, anonymizer = build_vanilla_analyzer(model), AnonymizerEngine()
    outputs: list[Output] = []
    for text in texts:
        results = analyzer.analyze(text=text, language="en")
        outputs.append((anonymizer.anonymize(text=text, analyzer_results=results).text,  # type: ignore[arg-type]
                        to_findings(results)))
    return outputs


def scrubber_outputs(texts: Sequence[str], scrub_many: Callable[..., Any], *, batch_size: int = 64,
                     n_process: int | None = None) -> list[Output]:
    return [(r.text, r.findings) for r in scrub_many(texts, batch_size=batch_size, n_process=n_process)]


def run_eval(path: str | Path, *, scrubber: Any = None, vanilla: bool = False,
             batch_size: int = 64, n_process: int | None = None) -> dict[str, EvalReport]:
    """Evaluate ``scrubber`` (default: a fresh ``Scrubber()``) on a corpus file.

    With ``vanilla=True`` the report also holds ``"vanilla"``: Presidio as shipped, same
    spaCy pipeline, on the same documents.
    """
    from dataprotocol.deid._scrubber import Scrubber

    records = load_corpus(path)
    texts = [r["text"] for r in records]
    scrubber = scrubber or Scrubber()
    reports = {"scrubber": evaluate(records, scrubber_outputs(texts, scrubber.scrub_many,
                                                              batch_size=batch_size, n_process=n_process))}
    if vanilla:
        reports["vanilla"] = evaluate(records, vanilla_outputs(texts, scrubber.config.model))
    return reports
