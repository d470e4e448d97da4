"""Where the policy data lives: the built-in ``policies/`` folder and the user's extras.

The built-ins ship inside the package as ``dataprotocol/_policies`` (a symlink to the
repository's ``policies/`` in a checkout, a real folder in a wheel). Users add licenses
by naming folders in ``$DATAPROTOCOL_POLICIES`` (``os.pathsep``-separated) or passing
them explicitly; each folder holds ``*.yaml`` licenses, or a ``licenses/`` sub-folder.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["builtin_policies_dir", "user_license_dirs", "user_disease_files", "POLICIES_ENV"]

#: environment variable naming extra folders of license YAML files
POLICIES_ENV = "DATAPROTOCOL_POLICIES"


def builtin_policies_dir() -> Path:
    """The folder holding ``licenses/``, ``profiles/`` and ``purposes.yaml``."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_policies", here.parent / "policies"):
        if (candidate / "licenses").is_dir():
            return candidate
    return here / "_policies"


def user_license_dirs() -> list[Path]:
    """Extra license folders from ``$DATAPROTOCOL_POLICIES`` (missing ones skipped)."""
    value = os.environ.get(POLICIES_ENV, "")
    dirs = []
    for part in value.split(os.pathsep):
        if part.strip():
            p = Path(part).expanduser()
            dirs.append(p / "licenses" if (p / "licenses").is_dir() else p)
    return dirs


def user_disease_files() -> list[Path]:
    """Extra disease vocabularies: ``diseases.yaml`` / ``diseases/*.yaml`` in those folders."""
    out: list[Path] = []
    for part in os.environ.get(POLICIES_ENV, "").split(os.pathsep):
        if part.strip():
            p = Path(part).expanduser()
            if (p / "diseases.yaml").is_file():
                out.append(p / "diseases.yaml")
            if (p / "diseases").is_dir():
                out.extend(sorted((p / "diseases").glob("*.yaml")))
    return out
