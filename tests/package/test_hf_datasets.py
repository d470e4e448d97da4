"""Packages as Hugging Face datasets: clear load_dataset error, pickling, streaming workers,
ClassLabel from the card's categories, DatasetInfo from the card."""

from __future__ import annotations

import pickle
from pathlib import Path

import datasets
import pandas as pd
import pytest

from dataprotocol.keys import save_keypair
from dataprotocol.package import open_package, publish
from dataprotocol.package._hf import NOT_A_DATA_FILE
from dataprotocol.policy import DatasetCard
from tests.package.conftest import PURPOSE, grant_for, make_card

TOPICS = ["billing", "clinical", "scheduling"]


@pytest.fixture(scope="module")
def labelled(tmp_path_factory, publisher, grantee):
    """A 2-shard package whose card declares `topic` categorical; the grantee's key on disk."""
    root = tmp_path_factory.mktemp("hf")
    frame = pd.DataFrame({"text": [f"message {i}" for i in range(40)],
                          "topic": [TOPICS[i % 3] for i in range(40)]})
    frame.to_csv(root / "in.csv", index=False)
    card = DatasetCard.from_dict({**make_card(publisher).to_dict(), "categories": {"topic": TOPICS}})
    publish(root / "in.csv", card=card, publisher=publisher, out=root / "pkg", shards=2)
    grant = grant_for(root / "pkg", publisher, grantee)
    key_path, _ = save_keypair(grantee, root / "keys")
    return root / "pkg", grant, Path(key_path)


def test_load_dataset_on_a_package_fails_clearly_never_loading_the_manifest(labelled) -> None:
    package, _, _ = labelled
    with pytest.raises(FileNotFoundError, match=NOT_A_DATA_FILE):
        datasets.load_dataset(str(package))


def test_dataset_has_class_labels_and_info_from_the_card(labelled) -> None:
    package, grant, key_path = labelled
    ds = open_package(package, grant=grant, key=key_path, purpose=PURPOSE).to_dataset()
    assert isinstance(ds.features["topic"], datasets.ClassLabel) and ds.features["topic"].names == TOPICS
    assert ds.info.license == "CC-BY-4.0" and ds.info.homepage == "https://example.org/notes"
    assert ds.info.citation.startswith('"Clinic notes"')
    split = ds.train_test_split(test_size=0.25, stratify_by_column="topic", seed=0)
    assert sorted(set(split["test"]["topic"])) == [0, 1, 2]


def test_handles_pickle_by_reopening_and_keypair_handles_refuse(labelled, grantee) -> None:
    package, grant, key_path = labelled
    handle = open_package(package, grant=grant, key=key_path, purpose=PURPOSE)
    blob = pickle.dumps(handle)
    assert b"PRIVATE KEY" not in blob and key_path.read_bytes()[:40] not in blob
    again = pickle.loads(blob)
    assert again.to_pandas().equals(handle.to_pandas())
    with pytest.raises(TypeError, match="key='path/to/grantee.key'"):
        pickle.dumps(open_package(package, grant=grant, key=grantee, purpose=PURPOSE))


@pytest.mark.slow
def test_streaming_through_a_dataloader_with_two_workers(labelled) -> None:
    import torch

    package, grant, key_path = labelled
    stream = open_package(package, grant=grant, key=key_path, purpose=PURPOSE).to_iterable_dataset(batch_size=8)
    assert stream.info.license == "CC-BY-4.0" and stream.n_shards == 2
    loader = torch.utils.data.DataLoader(stream, batch_size=None, num_workers=2)
    rows = list(loader)
    assert sorted(r["text"] for r in rows) == sorted(f"message {i}" for i in range(40))  # each row once
    assert {r["topic"] for r in rows} == {0, 1, 2}
