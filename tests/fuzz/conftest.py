"""One world per session (keys, card, package, grant, ...); each test copies it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz._world import World, build_world


@pytest.fixture(scope="session")
def base_world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world") / "w")


@pytest.fixture(scope="session")
def model_world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """The world plus a signed model directory (a tiny BERT: needs torch)."""
    return build_world(tmp_path_factory.mktemp("model-world") / "w", model_card=True)


@pytest.fixture
def world(base_world: World, tmp_path: Path) -> World:
    return base_world.copy_to(tmp_path / "w")
