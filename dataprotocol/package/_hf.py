"""Packages as Hugging Face ``datasets``: features, info, streaming, worker processes.

* ``Features`` come from the manifest's Arrow schema; a column the dataset card declares
  categorical (``categories: {column: [values]}``, public by the publisher's word) becomes
  a ``ClassLabel`` with those names, so ``train_test_split(stratify_by_column=...)`` works.
* ``DatasetInfo`` is filled from the signed card: description, licence, citation (the
  attribution line licences ask for) and homepage.
* Streaming (``IterableDataset``) reads shard by shard; each DataLoader worker (or
  ``datasets`` shard) gets its own list of shards and **re-opens the package itself**
  from paths -- every check (signature, grant, policy, revocation) runs again in the
  worker, and no decrypted key or key pair ever crosses a pickle.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dataprotocol.errors import InputError
from dataprotocol.policy import DatasetCard

if TYPE_CHECKING:
    import datasets
    import pyarrow as pa

__all__ = ["ReopenSpec", "features_for", "info_for", "encode_categories", "iterable_dataset", "dataset_readme",
           "NOT_A_DATA_FILE"]


@dataclass(frozen=True)
class ReopenSpec:
    """How a worker re-opens a package: paths and the request, never a key or a secret.

    The key file's passphrase, if any, comes from ``$DATAPROTOCOL_PASSPHRASE`` in the worker.
    """

    package: str
    grant: Mapping[str, Any]
    key_path: str
    purpose: str
    action: str
    shards: tuple[int, ...]
    revocations: Any = None

    def open(self, shards: Sequence[int] | None = None) -> Any:
        import os

        from dataprotocol.keys import load_keypair
        from dataprotocol.package._open import open_package

        key = load_keypair(self.key_path, passphrase=os.environ.get("DATAPROTOCOL_PASSPHRASE") or None)
        return open_package(self.package, grant=dict(self.grant), key=key, purpose=self.purpose,
                            action=self.action, shards=list(shards if shards is not None else self.shards),
                            revocations=self.revocations)


def _categories(card: DatasetCard) -> Mapping[str, Sequence[str]]:
    return getattr(card, "categories", None) or {}


def features_for(schema: pa.Schema, card: DatasetCard) -> datasets.Features:
    """The rows' ``Features``; declared categorical string columns as ``ClassLabel``."""
    import datasets

    features = datasets.Features.from_arrow_schema(schema.remove_metadata())
    for column, names in _categories(card).items():
        if column in features:
            features[column] = datasets.ClassLabel(names=[str(n) for n in names])
    return features


def info_for(card: DatasetCard, features: datasets.Features | None = None) -> datasets.DatasetInfo:
    """``DatasetInfo`` from the signed dataset card."""
    import datasets

    return datasets.DatasetInfo(
        description=card.description or card.title, citation=card.credit(),
        homepage=card.attribution.source, license=card.license, features=features,
        dataset_name=card.dataset_id, version=None)


def encode_categories(table: pa.Table, card: DatasetCard, *, source: str) -> tuple[pa.Table, datasets.Features]:
    """The table with declared categorical columns as class ids, and its ``Features``.

    A value outside the declared set is the publisher's error (the card says the set is
    complete): an ``InputError`` naming the column, never the value.
    """
    import pyarrow as pa

    features = features_for(table.schema, card)
    for column, names in _categories(card).items():
        if column not in table.column_names:
            continue
        index = {str(n): i for i, n in enumerate(names)}
        values = table.column(column).to_pylist()
        unknown = sum(1 for v in values if v is not None and str(v) not in index)
        if unknown:
            raise InputError(f"{unknown} value(s) of column {column!r} are not among the card's declared "
                             "categories", file=source, field=f"categories.{column}",
                             expected="every value in the declared set")
        ids = pa.array([None if v is None else index[str(v)] for v in values], type=pa.int64())
        table = table.set_column(table.column_names.index(column), column, ids)
    return table, features


def _rows(spec: ReopenSpec, shards: list[int], batch_size: int) -> Iterator[dict[str, Any]]:
    """The generator each worker runs: re-open for its own shards, stream rows."""
    if not shards:
        return
    handle = spec.open(shards)
    card = handle.card
    for batch in handle.iter_record_batches(batch_size=batch_size):
        import pyarrow as pa

        table, _ = encode_categories(pa.Table.from_batches([batch]), card, source=spec.package)
        yield from table.to_pylist()


def iterable_dataset(spec: ReopenSpec, *, schema: pa.Schema, card: DatasetCard,
                     batch_size: int = 1024) -> datasets.IterableDataset:
    """A streaming ``IterableDataset``; ``shards`` is split across DataLoader workers."""
    import datasets

    features = features_for(schema, card)
    ds = datasets.IterableDataset.from_generator(
        _rows, features=features,
        gen_kwargs={"spec": spec, "shards": list(spec.shards), "batch_size": batch_size})
    info = info_for(card, features)
    for name in ("description", "citation", "homepage", "license", "dataset_name"):
        setattr(ds.info, name, getattr(info, name))
    return ds


def key_path_of(key: Any) -> str | None:
    """The key file a caller named (``str``/``Path``), absolute; None for a KeyPair object."""
    return str(Path(key).resolve()) if isinstance(key, (str, Path)) else None


def reopen_location(package: str | Path) -> str:
    """A package location a worker with another working directory still finds."""
    text = str(package)
    return text if "://" in text else str(Path(text).resolve())


#: ``datasets.load_dataset(PACKAGE_DIR)`` reads this README's ``configs`` and fails on a file
#: whose name says what to do -- instead of loading manifest.json as a one-row dataset
NOT_A_DATA_FILE = "ENCRYPTED-dataprotocol-package--open-it-with-dataprotocol.package.open_package-and-a-grant"


def dataset_readme(card: DatasetCard, *, license_hub_id: str | None) -> str:
    """A Hub-style dataset card (README.md) for the package folder: metadata, no data."""
    import yaml

    meta: dict[str, Any] = {
        "pretty_name": card.title, "license": license_hub_id or "other",
        "tags": ["dataprotocol", "encrypted", "differential-privacy"],
        "configs": [{"config_name": "default", "data_files": NOT_A_DATA_FILE}],
    }
    if license_hub_id is None:
        meta["license_name"] = card.license
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    return (f"---\n{front}---\n\n# {card.title}\n\n{card.description or ''}\n\n"
            "This folder is an encrypted dataprotocol data package: the rows are in encrypted "
            "shards that only grantees can open, under a signed `manifest.json`.\n\n"
            "```python\nfrom dataprotocol.package import open_package\n"
            "ds = open_package(\"PACKAGE\", grant=\"GRANT.json\", key=\"grantee.key\", "
            "purpose=\"...\").to_dataset()\n```\n\n"
            f"Licence: {card.license}. Cite as: {card.credit()}\n")
