"""Which columns of an opened package a task reads, and turning them into training rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dataprotocol.errors import InputError

__all__ = ["ColumnSpec", "read_rows", "task_for", "TASKS"]

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


def read_rows(frame: Any, spec: ColumnSpec) -> tuple[list[Any], list[int], list[str]]:
    """(rows, label indices, label names); for a causal LM labels and names are empty and
    a row is a text or a (prompt, response) pair. Missing values become empty strings."""
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
    raw = frame[spec.label].tolist()
    names = sorted({str(v) for v in raw}, key=_label_order)
    if len(names) < 2:
        raise InputError("need at least two label values", field=spec.label)
    index = {name: i for i, name in enumerate(names)}
    return [str(t) for t in frame[spec.text].tolist()], [index[str(v)] for v in raw], names


def _label_order(value: str) -> tuple[bool, int, str]:
    numeric = value.lstrip("-").isdigit()
    return (not numeric, int(value) if numeric else 0, value)


def _strings(series: Any) -> list[str]:
    return ["" if v is None or v != v else str(v) for v in series.tolist()]
