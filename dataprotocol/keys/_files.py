"""Key files: ``NAME.key`` (private, mode 0600, optional passphrase) and ``NAME.pub``.

The private file holds two PKCS#8 PEM blocks (Ed25519 then X25519), encrypted with
``BestAvailableEncryption`` when a passphrase is given. The public file is a JSON
identity document carrying a self-signature (see ``_identity``).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from dataprotocol._files import atomic_write_text, load_json, read_text
from dataprotocol.errors import KeyFileError
from dataprotocol.keys._identity import KeyPair, PublicIdentity

__all__ = ["save_keypair", "load_keypair", "load_identity", "save_identity"]

_NAME_LINE = "# dataprotocol private key: "
_PEM_BLOCK = re.compile(
    r"-----BEGIN (?:ENCRYPTED )?PRIVATE KEY-----.+?-----END (?:ENCRYPTED )?PRIVATE KEY-----", re.S
)
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def _check_name(name: str) -> None:
    if not _NAME_RE.match(name):
        raise KeyFileError(
            f"invalid principal name {name!r}", field="name",
            expected="1-64 characters of letters, digits, '.', '_' or '-'",
        )


def git_work_tree_of(path: str | Path) -> Path | None:
    """The git work tree holding ``path`` (which need not exist yet), if any."""
    start = Path(path).resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _committable(key_path: Path) -> Path | None:
    """The work tree where ``key_path`` could be committed by accident, or None.

    A key git ignores (``*.key`` in ``.gitignore``) is not committed by ``git add -A``;
    anything else inside a work tree is -- this repository once shipped its own
    ``keygen.key`` that way. Without a usable ``git`` we assume the worst.
    """
    tree = git_work_tree_of(key_path)
    if tree is None:
        return None
    try:
        done = subprocess.run(["git", "-C", str(tree), "check-ignore", "-q", str(key_path.resolve())],
                              capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return tree
    return None if done.returncode == 0 else tree


def save_keypair(
    keypair: KeyPair, out_dir: str | Path, *, passphrase: str | None = None, overwrite: bool = False,
    force: bool = False,
) -> tuple[Path, Path]:
    """Write ``NAME.key`` (0600) and ``NAME.pub`` into ``out_dir``; return both paths.

    Refuses (unless ``force``) to put a private key where git would commit it: inside a
    git work tree, at a path that tree does not ignore.
    """
    _check_name(keypair.name)
    out = Path(out_dir)
    key_path, pub_path = out / f"{keypair.name}.key", out / f"{keypair.name}.pub"
    for p in (key_path, pub_path):
        if p.exists() and not overwrite:
            raise KeyFileError("refusing to overwrite an existing key file", file=p)
    tree = None if force else _committable(key_path)
    if tree is not None:
        raise KeyFileError(f"refusing to write a private key inside the git work tree {tree} "
                           "(it could be committed)", file=key_path,
                           expected="a folder outside any repository, a path .gitignore "
                           "covers (e.g. *.key), or --force")
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
        if passphrase
        else serialization.NoEncryption()
    )
    blocks = [
        k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption).decode()
        for k in (keypair.signing_key, keypair.encryption_key)
    ]
    text = _NAME_LINE + keypair.name + "\n" + "".join(blocks)
    atomic_write_text(key_path, text, file_mode=0o600)
    save_identity(keypair.public_document(), pub_path)
    return key_path, pub_path


def save_identity(document: dict[str, object], path: str | Path) -> Path:
    return atomic_write_text(path, json.dumps(document, indent=2, sort_keys=True) + "\n")


def load_keypair(path: str | Path, *, passphrase: str | None = None) -> KeyPair:
    """Load a private key file; a wrong or missing passphrase is a ``KeyFileError``."""
    text = read_text(path, what="private key file")
    first = text.splitlines()[0] if text else ""
    if not first.startswith(_NAME_LINE):
        raise KeyFileError("not a dataprotocol private key file", file=path,
                           expected=f"first line '{_NAME_LINE.strip()} NAME'")
    name = first[len(_NAME_LINE):].strip()
    blocks = _PEM_BLOCK.findall(text)
    if len(blocks) != 2:
        raise KeyFileError("expected two PEM private keys (Ed25519, X25519)", file=path)
    secret = passphrase.encode("utf-8") if passphrase else None
    try:
        signing = serialization.load_pem_private_key(blocks[0].encode(), password=secret)
        agreement = serialization.load_pem_private_key(blocks[1].encode(), password=secret)
    except TypeError as exc:  # encrypted without passphrase, or passphrase on a plain key
        raise KeyFileError("passphrase required" if secret is None else
                           "this key file is not passphrase-protected", file=path) from exc
    except ValueError as exc:
        raise KeyFileError("cannot decrypt or parse the private key (wrong passphrase?)",
                           file=path) from exc
    if not isinstance(signing, Ed25519PrivateKey) or not isinstance(agreement, X25519PrivateKey):
        raise KeyFileError("wrong key types", file=path, expected="Ed25519 then X25519")
    return KeyPair(name=name, signing_key=signing, encryption_key=agreement)


def load_identity(path: str | Path) -> PublicIdentity:
    """Load and check a public identity file (``NAME.pub``)."""
    return PublicIdentity.from_dict(load_json(path, what="public identity file"), source=str(path))
