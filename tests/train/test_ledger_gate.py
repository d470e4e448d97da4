"""``train`` spends only from the dataset's ledger, with the publisher's label set, under a
current revocation list -- each refused before anything is spent (issue 10, items 1-3)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dataprotocol.budget import Ledger
from dataprotocol.cli.main import main
from dataprotocol.errors import InputError, PolicyDenied
from dataprotocol.keys import KeyPair, generate_keypair, save_keypair
from dataprotocol.policy import revoke_grants, verify_grant
from dataprotocol.records import create_dataset_ledger
from dataprotocol.train._package import train_on_package
from tests.train.test_package_training import PURPOSE, _card, _config, _grant, _package, spent


@pytest.fixture(scope="module")
def keys() -> dict[str, KeyPair]:
    return {"steward": generate_keypair("steward"), "partner": generate_keypair("partner")}


def _train(package: Path, keys: dict[str, KeyPair], tiny_model: Path, out: Path,
           **kw: Any) -> Any:
    args: dict[str, Any] = dict(grant=_grant(package, keys, ["read", "train"]),
                                key=keys["partner"], purpose=PURPOSE, model_path=tiny_model,
                                text_column="text", label_column="label", config=_config(),
                                out=out)
    args.update(kw)
    return train_on_package(package, **args)


def test_a_fresh_or_missing_ledger_is_refused_and_never_created(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path) -> None:
    package = _package(tmp_path, keys)
    for where in (tmp_path / "fresh.sqlite", tmp_path / "nonexistent" / "dir" / "l.sqlite"):
        with pytest.raises(InputError, match="does not exist"):
            _train(package, keys, tiny_model, tmp_path / "model", ledger=where)
    assert not (tmp_path / "fresh.sqlite").exists() and not (tmp_path / "nonexistent").exists()
    (tmp_path / "ledger.sqlite").rename(tmp_path / "moved.sqlite")  # the pinned one is gone
    with pytest.raises(InputError, match="does not exist"):
        _train(package, keys, tiny_model, tmp_path / "model")
    assert not (tmp_path / "ledger.sqlite").exists() and not (tmp_path / "model").exists()


def test_another_ledger_is_refused_so_the_grant_cap_cannot_reset(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path) -> None:
    """A second ledger -- even one the same publisher made for the same dataset -- is not
    the pinned one; nor is one whose genesis somebody else signed."""
    package = _package(tmp_path, keys)
    card = _card(keys["steward"])
    (tmp_path / "other").mkdir()
    own_second, _ = create_dataset_ledger(str(tmp_path / "other" / "second.sqlite"), card=card,
                                          publisher=keys["steward"])
    forger = generate_keypair("forger")
    forged_card = _card(forger)
    forged, _ = create_dataset_ledger(str(tmp_path / "other" / "forged.sqlite"),
                                      card=forged_card, publisher=forger)
    for book, code in ((own_second, "ledger-mismatch"), (forged, "ledger-not-publishers")):
        with pytest.raises(PolicyDenied) as info:
            _train(package, keys, tiny_model, tmp_path / "model", ledger=book.path)
        assert any(r.startswith(code) for r in info.value.reasons), info.value.reasons
        assert spent(book) == []
    assert spent(Ledger(tmp_path / "ledger.sqlite")) == []


def test_a_package_that_pins_no_ledger_cannot_be_trained_on(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path) -> None:
    package = _package(tmp_path, keys, ledger=False)
    with pytest.raises(PolicyDenied, match="ledger-unpinned"):
        _train(package, keys, tiny_model, tmp_path / "model")


def test_cli_train_with_a_fresh_ledger_exits_2_and_creates_nothing(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    package = _package(tmp_path, keys)
    grant_path = tmp_path / "grant.json"
    grant_path.write_text(json.dumps(_grant(package, keys, ["read", "train"])))
    key_path, _ = save_keypair(keys["partner"], tmp_path / "keys")
    code = main(["train", str(package), "--grant", str(grant_path), "--key", str(key_path),
                 "--purpose", PURPOSE, "--model", str(tiny_model), "--text-column", "text",
                 "--label-column", "label", "--target-epsilon", "1", "--ledger",
                 str(tmp_path / "fresh.sqlite"), "--out", str(tmp_path / "model"),
                 "--no-progress"])
    assert code == 2 and "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "fresh.sqlite").exists()


def test_free_text_labels_are_refused_before_any_spend(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path) -> None:
    """With no declared label set, or rows outside it, nothing is spent and no row's
    text appears in the refusal."""
    package = _package(tmp_path, keys, categories={})
    with pytest.raises(PolicyDenied) as info:
        _train(package, keys, tiny_model, tmp_path / "model")
    assert any(r.startswith("labels-undeclared") for r in info.value.reasons)
    shutil.rmtree(package)
    (tmp_path / "ledger.sqlite").unlink()
    package = _package(tmp_path, keys, categories={"label": ["pos", "negative"]})
    with pytest.raises(PolicyDenied) as info:
        _train(package, keys, tiny_model, tmp_path / "model")
    assert any(r.startswith("labels-outside-declared-set") for r in info.value.reasons)
    assert "neg" not in str(info.value).replace("negative", "")
    assert spent(Ledger(tmp_path / "ledger.sqlite")) == []


def test_a_free_text_column_never_becomes_label_names(
        tmp_path: Path, keys: dict[str, KeyPair], tiny_model: Path) -> None:
    package = _package(tmp_path, keys)
    with pytest.raises(PolicyDenied) as info:  # "text" has no declared categories
        _train(package, keys, tiny_model, tmp_path / "model", label_column="text")
    texts = pd.read_csv(tmp_path / "reviews.csv")["text"].tolist()
    assert not any(t in str(info.value) for t in texts)


def test_a_revoked_grant_cannot_train(tmp_path: Path, keys: dict[str, KeyPair],
                                      tiny_model: Path) -> None:
    package = _package(tmp_path, keys)
    grant = _grant(package, keys, ["read", "train"])
    grant_id = verify_grant(grant, keys["steward"].public).grant_id
    (package / "revocations.json").write_text(json.dumps(revoke_grants(
        keys["steward"], [grant_id], next_update=dt.timedelta(days=1))))
    with pytest.raises(PolicyDenied, match="grant-revoked"):
        _train(package, keys, tiny_model, tmp_path / "model", grant=grant)
    assert spent(Ledger(tmp_path / "ledger.sqlite")) == []
