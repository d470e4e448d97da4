"""The data package: encrypted shards, a signed manifest, keys wrapped per grantee.

Recipes: :func:`publish` (steward), :func:`issue_package_grant` (steward -> partner),
:func:`open_package` (partner) and :func:`write_table` (its rows to a file),
:func:`verify_package` (anyone, no keys).
Format and crypto design: docs/package.md.
"""

from __future__ import annotations

from pathlib import Path

from dataprotocol.package._croissant import croissant_of, export_croissant
from dataprotocol.package._export import write_table
from dataprotocol.package._grant import issue_package_grant
from dataprotocol.package._manifest import MANIFEST_TYPE, Manifest, ShardEntry, load_manifest
from dataprotocol.package._open import PackageHandle, open_package
from dataprotocol.package._publish import publish
from dataprotocol.package._revocation_check import RevocationStatus, current_revocations, pin_revocation_list
from dataprotocol.package._synthetic import (
    SyntheticRelease,
    prepare_synthetic,
    publish_synthetic,
    synthetic_claim,
)
from dataprotocol.package._verify import ShardCheck, VerifyReport, verify_package

__all__ = [
    "publish",
    "publish_synthetic",
    "prepare_synthetic",
    "synthetic_claim",
    "SyntheticRelease",
    "issue_package_grant",
    "open_package",
    "verify_package",
    "write_table",
    "read_manifest",
    "is_package",
    "Manifest",
    "ShardEntry",
    "PackageHandle",
    "VerifyReport",
    "ShardCheck",
    "MANIFEST_TYPE",
    "RevocationStatus",
    "current_revocations",
    "pin_revocation_list",
    "croissant_of",
    "export_croissant",
]


def read_manifest(package: str | Path) -> Manifest:
    """Read and verify (signature only) the manifest of the package at ``package``."""
    from dataprotocol.package._storage import locate

    return load_manifest(locate(package))


def is_package(target: str | Path) -> bool:
    """Whether ``target`` (a local folder or an fsspec URL such as ``s3://bucket/pkg``)
    holds a package, i.e. its ``manifest.json``. Says nothing about its validity."""
    from dataprotocol.package._storage import MANIFEST_NAME, locate

    text = str(target)
    if "://" not in text:  # a local card file or folder: no fsspec round trip needed
        return (Path(text) / MANIFEST_NAME).is_file()
    return locate(text).exists(MANIFEST_NAME)
