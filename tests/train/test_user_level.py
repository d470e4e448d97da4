"""User-level DP: Poisson sampling over units, one clipped gradient per unit, the
accountant's rate per unit; the dataset card can require the unit, and the card,
privacy.json and the audit state it."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol.budget import Ledger, account
from dataprotocol.errors import PolicyDenied
from dataprotocol.keys import KeyPair
from dataprotocol.records import audit_model_dir, read_front_matter
from dataprotocol.train import DPConfig, DPTrainer, train_on_package
from dataprotocol.train._units import UnitIndex, combine_unit_gradients, unit_steps
from tests._ledgers import pinned_ledger, runs
from tests.train.conftest import make_texts
from tests.train.test_package_training import PURPOSE, _grant, keys  # noqa: F401

CLIP = 0.1


def _clipped_update(rows: Any, targets: Any, units: list[int] | None) -> float:
    """Norm of one DP-SGD update (no noise, lr 1, expected batch 1) from these rows:
    per-unit clipping when ``units`` is given, per-row clipping otherwise."""
    import torch
    from opacus import GradSampleModule
    from opacus.optimizers import DPOptimizer

    torch.manual_seed(0)
    model = torch.nn.Linear(rows.shape[1], 2)
    start = [p.detach().clone() for p in model.parameters()]
    module = GradSampleModule(model, batch_first=True, loss_reduction="mean")
    optimizer = DPOptimizer(torch.optim.SGD(model.parameters(), lr=1.0), noise_multiplier=0.0,
                            max_grad_norm=CLIP, expected_batch_size=1, loss_reduction="mean")
    torch.nn.functional.cross_entropy(module(rows), targets).backward()
    if units is not None:
        combine_unit_gradients(optimizer.params, torch.tensor(units))
    optimizer.step()
    moved = [(p.detach() - s).flatten() for p, s in zip(model.parameters(), start)]
    return float(torch.cat(moved).norm())


@given(many=st.integers(min_value=1, max_value=60), seed=st.integers(0, 2**16))
def test_a_person_with_many_rows_moves_the_update_no_more_than_a_person_with_one(
        many: int, seed: int) -> None:
    import torch

    generator = torch.Generator().manual_seed(seed)
    rows = 20 * torch.randn((many, 6), generator=generator)  # large gradients: all clipped
    targets = torch.zeros(many, dtype=torch.long)
    person_many = _clipped_update(rows, targets, units=[7] * many)
    person_one = _clipped_update(rows[:1], targets[:1], units=[3])
    assert person_many <= CLIP * (1 + 1e-5)
    assert person_one <= CLIP * (1 + 1e-5)


def test_row_level_clipping_lets_a_person_with_many_rows_move_the_update_more() -> None:
    """The contrast that makes the test above meaningful."""
    import torch

    rows = 20 * torch.ones((30, 6))
    targets = torch.zeros(30, dtype=torch.long)
    assert _clipped_update(rows, targets, units=None) > 20 * CLIP
    assert _clipped_update(rows, targets, units=[1] * 30) <= CLIP * (1 + 1e-5)


def test_sampling_takes_whole_units_at_the_unit_rate_and_never_splits_one() -> None:
    import torch

    sizes = [1 + (i * 7) % 13 for i in range(200)]  # 1..13 rows per unit
    values = [u for u, k in enumerate(sizes) for _ in range(k)]
    random.Random(0).shuffle(values)
    index = UnitIndex.from_values(values)
    counts = []
    for chunks in unit_steps(index, sample_rate=0.1, steps=300, physical_rows=20,
                             generator=torch.Generator().manual_seed(0)):
        chosen: set[int] = set()
        for rows in chunks:
            units_here = {index.unit_of_row[r] for r in rows}
            # a chunk holds whole units only, and no unit appears in two chunks
            assert all(set(index.rows_of_unit[u]) <= set(rows) for u in units_here)
            assert not units_here & chosen
            chosen |= units_here
        counts.append(len(chosen))
    mean = sum(counts) / len(counts)
    assert abs(mean - 20) < 1.5  # q * units = 0.1 * 200, not q * rows (~140)


def test_the_number_of_units_not_rows_drives_epsilon(tiny_model: Path) -> None:
    trainer = DPTrainer(tiny_model, num_labels=2, config=DPConfig(
        noise_multiplier=1.0, batch_size=8, epochs=2, progress=False))
    few_rows = trainer.plan(40, units=40).events()
    many_rows = trainer.plan(400, units=40).events()
    more_units = trainer.plan(400, units=80).events()
    row_level = trainer.plan(400).events()
    assert few_rows == many_rows
    assert few_rows[0].sample_rate == 8 / 40 and few_rows[0].steps == 2 * 5
    eps = {name: account(events, delta=1e-5).epsilon for name, events in
           [("units40", many_rows), ("units80", more_units), ("rows", row_level)]}
    assert eps["units40"] > eps["units80"] > eps["rows"]


def _patient_package(tmp: Path, keys: dict[str, KeyPair]) -> Path:
    from dataprotocol.package import publish
    from dataprotocol.policy import DatasetCard

    texts, labels = make_texts(96, seed=3)
    rng = random.Random(1)
    patients = [f"p{rng.randrange(24):02d}" for _ in texts]  # 24 people, 1-9 rows each
    csv = tmp / "notes.csv"
    pd.DataFrame({"text": texts, "label": ["pos" if y else "neg" for y in labels],
                  "patient_id": patients}).to_csv(csv, index=False)
    card = DatasetCard.from_dict({
        "dataset_id": "clinic-notes", "version": "1", "title": "Clinic notes",
        "license": "CC-BY-4.0", "privacy_unit": "patient_id",
        "attribution": {"creator": "Example Clinic", "source": "https://example.org/notes"},
        "purposes": [PURPOSE], "contains_pii": False,
        "budget": {"epsilon": 20.0, "delta": 1e-3}, "categories": {"label": ["neg", "pos"]},
        "publisher": keys["steward"].public_document()}, source="test card")
    out = tmp / "pkg"
    publish(csv, card=card, publisher=keys["steward"], out=out, shards=2,
            ledger=pinned_ledger(tmp / "ledger.sqlite", card=card, publisher=keys["steward"],
                                 package=out))
    return out


@pytest.mark.slow
def test_user_level_training_is_required_by_the_card_and_stated_by_card_and_audit(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path) -> None:
    package = _patient_package(tmp_path, keys)
    ledger = Ledger(tmp_path / "ledger.sqlite")
    grant = _grant(package, keys, ["read", "train", "publish-model"])
    config = DPConfig(target_epsilon=4.0, delta=1e-3, epochs=2, batch_size=4,
                      max_length=16, seed=0, progress=False, max_physical_batch=8)
    common: dict[str, Any] = dict(grant=grant, key=keys["partner"], purpose=PURPOSE,
                                  model_path=tiny_model, text_column="text",
                                  label_column="label", config=config, ledger=ledger)
    with pytest.raises(PolicyDenied) as refused:
        train_on_package(package, out=tmp_path / "row-level", **common)
    assert any(r.startswith("privacy-unit:") for r in refused.value.reasons)
    assert runs(ledger) == []

    trained = train_on_package(package, out=tmp_path / "model", privacy_unit="patient_id",
                               eval_fraction=0.25, **common)
    mechanism = trained.payload["mechanism"]
    units = mechanism["units"]
    assert mechanism["privacy_unit"] == "patient_id" and units == 18  # 24 minus 6 held out
    assert [e.sample_rate for e in trained.result.events] == [4 / units]
    front = read_front_matter(tmp_path / "model")["differential_privacy"]
    assert "patient_id" in front["unit_of_privacy"]
    assert front["neighbouring_relation"] == "add-or-remove all rows of one patient_id"
    report = audit_model_dir(tmp_path / "model", ledger=ledger)
    assert report.passed, [c.to_dict() for c in report.failures]
    assert report.facts["privacy_unit"] == "patient_id"
    check = next(c for c in report.checks if c.name == "privacy-unit")
    assert "patient_id (18 units" in check.detail


def test_the_audit_fails_a_row_level_card_on_a_dataset_that_requires_a_unit() -> None:
    from dataprotocol.records import DataUse
    from dataprotocol.records._audit import _check_privacy_unit

    mechanism = {"sampler": "poisson"}
    data = (DataUse(dataset_id="clinic-notes", privacy_unit="patient_id"),)
    assert not _check_privacy_unit(mechanism, data).passed
    mechanism.update(privacy_unit="patient_id", units=18)
    assert _check_privacy_unit(mechanism, data).passed


def test_private_run_is_row_level_and_refused_on_a_dataset_that_requires_a_unit(
        tmp_path: Path, keys: dict[str, KeyPair]) -> None:
    from dataprotocol.train import private_run

    package = _patient_package(tmp_path, keys)
    ledger = Ledger(tmp_path / "ledger.sqlite")
    with pytest.raises(PolicyDenied) as refused:
        private_run(package, grant=_grant(package, keys, ["read", "train"]),
                    key=keys["partner"], purpose=PURPOSE, ledger=ledger,
                    target_epsilon=2.0, delta=1e-5, epochs=1)
    assert any(r.startswith("privacy-unit:") for r in refused.value.reasons)
    assert runs(ledger) == []


def test_publish_refuses_a_privacy_unit_the_data_does_not_carry(
        tmp_path: Path, keys: dict[str, KeyPair]) -> None:
    from dataprotocol.errors import InputError
    from dataprotocol.package import publish
    from dataprotocol.policy import DatasetCard

    csv = tmp_path / "rows.csv"
    pd.DataFrame({"text": ["a", "b"], "label": [0, 1]}).to_csv(csv, index=False)
    card = DatasetCard.from_dict({
        "dataset_id": "d", "version": "1", "title": "t", "license": "CC-BY-4.0",
        "privacy_unit": "patient_id",
        "attribution": {"creator": "c", "source": "s"}, "purposes": [PURPOSE],
        "contains_pii": False, "budget": {"epsilon": 1.0, "delta": 1e-5},
        "publisher": keys["steward"].public_document()}, source="card.yaml")
    with pytest.raises(InputError, match="privacy_unit"):
        publish(csv, card=card, publisher=keys["steward"], out=tmp_path / "pkg")
    assert not (tmp_path / "pkg").exists()
