"""Which columns of an opened package a task reads, and turning them into training rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dataprotocol.errors import InputError, PolicyDenied

__all__ = ["ColumnSpec", "read_rows", "task_for", "TASKS", "declared_labels"]

TASKS = ("sequence-classification", "causal-lm")


@dataclass(frozen=True)
class ColumnSpec:
    """The task and its columns: ``text`` + ``label`` (classification), ``text`` or
    ``prompt`` + ``response`` (causal LM)."""

    task: str = "sequence-classification"
    text: str | None = None
    label: str | None = None
    prompt: str | None = None
    response: str | None = None

    @property
    def instruction(self) -> bool:
        return self.prompt is not None or self.response is not None

    def check(self) -> None:
        if self.task not in TASKS:
            raise InputError(f"unknown task {self.task!r}", field="task",
                             expected=" | ".join(TASKS))
        if self.task == "sequence-classification":
            if not self.text or not self.label:
                raise InputError("classification needs a text and a label column",
                                 field="text_column/label_column")
            if self.instruction:
                raise InputError("prompt/response columns are for --task causal-lm",
                                 field="prompt_column")
            return
        if self.label:
            raise InputError("a causal LM has no label column", field="label_column",
                             expected="no --label-column with --task causal-lm")
        if self.instruction:
            if not (self.prompt and self.response) or self.text:
                raise InputError("instruction rows need both a prompt and a response column "
                                 "(and no text column)", field="prompt_column/response_column")
        elif not self.text:
            raise InputError("a causal LM needs a text column, or prompt and response columns",
                             field="text_column")

    def columns(self) -> list[str]:
        return [c for c in (self.text, self.label, self.prompt, self.response) if c]

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in {"task": self.task, "text": self.text, "label": self.label,
                                  "prompt": self.prompt, "response": self.response}.items()
                if v is not None}


def task_for(spec: ColumnSpec) -> Any:
    from dataprotocol.train._causal_lm import CausalLMTask
    from dataprotocol.train._task import SequenceClassificationTask

    return CausalLMTask() if spec.task == "causal-lm" else SequenceClassificationTask()


def declared_labels(card: Any, label_column: str) -> list[str]:
    """The label names: the public set the publisher declared for ``label_column``.

    A label set read from the rows would be released outside DP (config.json's
    ``id2label``, privacy.json): with a free-text column it is the training text itself.
    """
    declared = card.categories.get(label_column)
    if not declared:
        raise PolicyDenied(f"label column {label_column!r} has no public label set", [
            f"labels-undeclared: the dataset card of {card.dataset_id} declares no "
            f"categories.{label_column}; label names are released with the model, so they "
            "must be the publisher's declared set, not values read from the data"])
    return list(declared)


def read_rows(frame: Any, spec: ColumnSpec, *, declared: Sequence[str] | None = None
              ) -> tuple[list[Any], list[int], list[str]]:
    """(rows, label indices, label names); for a causal LM labels and names are empty and
    a row is a text or a (prompt, response) pair. Missing values become empty strings.

    A classifier's label names are ``declared`` (the card's public set, in order); a
    row whose label is not in it refuses the run (counted, never quoted)."""
    for column in spec.columns():
        if column not in frame.columns:
            raise InputError(f"column {column!r} not in the package", field=column,
                             expected=", ".join(map(str, frame.columns)))
    if spec.task == "causal-lm":
        if spec.instruction:
            assert spec.prompt and spec.response
            pairs = zip(_strings(frame[spec.prompt]), _strings(frame[spec.response]))
            return [(p, r) for p, r in pairs], [], []
        assert spec.text
        return list(_strings(frame[spec.text])), [], []
    assert spec.text and spec.label
    if declared is None:
        raise PolicyDenied("no public label set", [
            f"labels-undeclared: no declared categories for {spec.label}"])
    names = [str(v) for v in declared]
    index = {name: i for i, name in enumerate(names)}
    raw = [str(v) for v in frame[spec.label].tolist()]
    outside = sum(1 for v in raw if v not in index)
    if outside:  # count only: the values themselves may be training text
        raise PolicyDenied(f"label column {spec.label!r} holds undeclared values", [
            f"labels-outside-declared-set: {outside} row(s) of {spec.label} hold values that "
            f"categories.{spec.label} in the dataset card does not declare"])
    return [str(t) for t in frame[spec.text].tolist()], [index[v] for v in raw], names


def _strings(series: Any) -> list[str]:
    return ["" if v is None or v != v else str(v) for v in series.tolist()]
