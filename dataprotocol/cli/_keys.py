"""``dataprotocol keygen``."""

from __future__ import annotations

from pathlib import Path

import typer

from dataprotocol.cli._common import PASSPHRASE_ENV, console, emit_json, passphrase_from_env
from dataprotocol.keys import generate_keypair, save_keypair


def keygen(
    name: str = typer.Argument(..., help="Principal name; files are NAME.key and NAME.pub."),
    out: Path = typer.Option(Path("."), "--out", help="Folder to write the key files into."),
    passphrase: bool = typer.Option(
        False, "--passphrase",
        help=f"Encrypt the private key with a passphrase (read from ${PASSPHRASE_ENV} or a prompt).",
    ),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace existing key files."),
    force: bool = typer.Option(False, "--force", help="Write the private key inside a git work tree even where git would commit it."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Create a principal: an Ed25519 signing key and an X25519 encryption key.

    Writes NAME.key (mode 0600) and NAME.pub (public identity, self-signed). Refuses to
    write NAME.key inside a git work tree where git does not ignore it, unless --force.
    """
    secret = None
    if passphrase:
        secret = passphrase_from_env() or typer.prompt("Passphrase", hide_input=True,
                                                       confirmation_prompt=True)
    keypair = generate_keypair(name)
    key_path, pub_path = save_keypair(keypair, out, passphrase=secret, overwrite=overwrite,
                                       force=force)
    if as_json:
        emit_json({"name": name, "key_id": keypair.key_id, "private_key": str(key_path),
                   "public_identity": str(pub_path), "encrypted": bool(secret)})
    else:
        console.print(f"[bold]{name}[/] key id [cyan]{keypair.key_id}[/]")
        console.print(f"  private key  {key_path} (mode 0600{', passphrase' if secret else ''})")
        console.print(f"  public file  {pub_path}")


def register(app: typer.Typer) -> None:
    app.command("keygen")(keygen)
