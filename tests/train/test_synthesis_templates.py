"""Prompt templates for synthesis from a dataset card's public schema: the default
template names the declared category columns, every public value is used before any
repeats, and a template may name nothing else (no private field enters generation)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol.errors import InputError
from dataprotocol.keys import generate_keypair
from dataprotocol.train import fill_templates, schema_templates, synthesize

_names = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True).filter(lambda n: n != "i")
_values = st.lists(st.text("abcxyz ", min_size=1, max_size=6), min_size=1, max_size=4, unique=True)


def test_the_default_template_names_each_category_column_then_the_text_column() -> None:
    assert schema_templates({"topic": ["a"], "tone": ["b"]}, text_column="note") == \
        ["topic: {topic}\ntone: {tone}\nnote: "]
    assert schema_templates({}) == []


@given(categories=st.dictionaries(_names, _values, min_size=1, max_size=3), rows=st.integers(1, 40))
def test_filled_prompts_cycle_through_every_public_combination(
        categories: dict[str, list[str]], rows: int) -> None:
    templates = schema_templates(categories)
    prompts, values = fill_templates(templates, rows, categories)
    assert len(prompts) == rows and all(len(v) == rows for v in values.values())
    combos = list(zip(*values.values()))
    total = 1
    for options in categories.values():
        total *= len(options)
    counts = Counter(combos)
    assert len(counts) == min(rows, total)  # no combination repeats before all appeared
    assert max(counts.values()) - min(counts.values()) <= 1
    for i, prompt in enumerate(prompts):
        for column in categories:
            assert f"{column}: {values[column][i]}\n" in prompt


def test_a_template_naming_a_column_the_card_does_not_declare_is_refused(
        tmp_path: Path, tiny_llama: Path) -> None:
    """Checked before the model is even opened (the bare base model here is not DP)."""
    with pytest.raises(InputError) as caught:
        synthesize(tiny_llama, rows=2, out=tmp_path / "t.parquet", key=generate_keypair("k"),
                   prompt_templates=["topic: {topic} note: {text}"])
    assert caught.value.field == "prompt_template" and "{i}" in str(caught.value)
    assert not (tmp_path / "t.parquet").exists()
