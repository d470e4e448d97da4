"""private_run around a plain Opacus loop: the gate and the reservation come before
make_private returns; finish commits what Opacus recorded and writes an auditable card;
a refused grant raises before any reservation; aborted runs keep their reservation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dataprotocol.budget import Ledger
from dataprotocol.errors import BudgetExceeded, PolicyDenied
from dataprotocol.keys import KeyPair
from dataprotocol.records import audit_model_dir
from dataprotocol.train import private_run
from tests.train.conftest import WORDS
from tests.train.test_package_training import PURPOSE, _grant, _package, keys  # noqa: F401


def _features(run: Any) -> Any:
    """Bag-of-words features of the granted rows: a model any Opacus user could write."""
    import torch
    from torch.utils.data import TensorDataset

    frame = run.to_pandas()
    index = {word: i for i, word in enumerate(WORDS)}
    rows = torch.zeros((len(frame), len(WORDS)))
    for row, text in enumerate(frame["text"]):
        for word in str(text).split():
            if word in index:
                rows[row, index[word]] += 1.0
    labels = torch.tensor([1 if v == "pos" else 0 for v in frame["label"]])
    return TensorDataset(rows, labels)


def _loop(model: Any, optimizer: Any, loader: Any, *, epochs: int) -> None:
    import torch

    for _ in range(epochs):
        for features, labels in loader:
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(features), labels)
            loss.backward()
            optimizer.step()


def _objects(run: Any, *, batch_size: int = 16) -> tuple[Any, Any, Any]:
    import torch
    from torch.utils.data import DataLoader

    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(len(WORDS), 8), torch.nn.ReLU(),
                                torch.nn.Linear(8, 2))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    return model, optimizer, DataLoader(_features(run), batch_size=batch_size)


def test_a_plain_opacus_loop_lands_in_the_ledger_with_opacus_epsilon_and_an_auditable_card(
        tmp_path: Path, keys: dict[str, KeyPair]) -> None:
    package = _package(tmp_path, keys)
    ledger = Ledger(tmp_path / "ledger.sqlite")
    grant = _grant(package, keys, ["read", "train", "publish-model"])
    run = private_run(package, grant=grant, key=keys["partner"], purpose=PURPOSE,
                      ledger=ledger, target_epsilon=3.0, delta=1e-5, epochs=2)
    model, optimizer, loader = _objects(run)
    model, optimizer, loader = run.make_private(model, optimizer, loader, max_grad_norm=1.0)
    # reserved before make_private returned, and before step one
    assert ledger.entry(run.run_id).state == "reserved"
    engine_accountant = run._accountant
    _loop(model, optimizer, loader, epochs=2)
    done = run.finish(out=tmp_path / "model")

    opacus_eps = engine_accountant.get_epsilon(delta=1e-5)
    entry = ledger.entry(run.run_id)
    assert entry.state == "committed"
    assert [e.to_dict() for e in entry.events] == [e.to_dict() for e in done.events]
    assert entry.meta["epsilon"] == pytest.approx(opacus_eps, rel=1e-6)
    assert done.accounting["epsilon"] == pytest.approx(opacus_eps, rel=1e-6)
    assert opacus_eps <= 3.0 * 1.01
    steps = sum(e.steps for e in done.events)
    assert steps == 2 * 6  # 96 rows, batch 16: Opacus' sample rate 1/6, 2 epochs
    report = audit_model_dir(tmp_path / "model", ledger=ledger)
    assert report.passed, [c.to_dict() for c in report.failures]
    assert report.facts["claimed_epsilon"] == pytest.approx(opacus_eps, rel=1e-6)


def test_a_refused_grant_raises_before_any_reservation(
        tmp_path: Path, keys: dict[str, KeyPair]) -> None:
    package = _package(tmp_path, keys)
    ledger = Ledger(tmp_path / "ledger.sqlite")
    with pytest.raises(PolicyDenied) as refused:
        private_run(package, grant=_grant(package, keys, ["read"]), key=keys["partner"],
                    purpose=PURPOSE, ledger=ledger, target_epsilon=3.0, delta=1e-5,
                    epochs=1)
    assert refused.value.reasons
    assert ledger.entries() == []


def test_an_aborted_run_keeps_its_reservation_and_a_step_beyond_the_plan_is_refused(
        tmp_path: Path, keys: dict[str, KeyPair]) -> None:
    import torch

    package = _package(tmp_path, keys)
    ledger = Ledger(tmp_path / "ledger.sqlite")
    grant = _grant(package, keys, ["read", "train"])
    with pytest.raises(BudgetExceeded, match="reserved 6 steps"):
        with private_run(package, grant=grant, key=keys["partner"], purpose=PURPOSE,
                         ledger=ledger, target_epsilon=2.0, delta=1e-5, epochs=1) as run:
            model, optimizer, loader = run.make_private(*_objects(run), max_grad_norm=1.0)
            _loop(model, optimizer, loader, epochs=1)
            before = [p.detach().clone() for p in model.parameters()]
            _loop(model, optimizer, loader, epochs=1)  # a second epoch nobody reserved
    # the refused step changed nothing, and the run never committed: reserved stays spent
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters()))
    entry = ledger.entry(run.run_id)
    assert entry.state == "reserved"
    assert sum(e.steps for e in entry.events) == 6
