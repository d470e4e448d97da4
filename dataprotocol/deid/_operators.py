"""Anonymization operators: redact, replace, mask, pseudonym, encrypt, surrogate, keep.

Two of Presidio's built-ins are unsafe for data sharing and are replaced here:

* ``hash`` uses a random salt, so one person gets a different value in every record
  (joins break). ``pseudonym`` is a *keyed* HMAC-SHA256 (RFC 2104): stable for one
  key across documents, shards, processes and runs; unlinkable without the key.
* ``encrypt`` is AES-CBC without authentication. Ours is AES-SIV (RFC 5297):
  authenticated, and deterministic on purpose -- equal values give equal tokens, like
  a pseudonym, and nonce misuse is impossible. The entity type is associated data, so
  a token moved to another field does not decrypt. A version byte leads the blob.

Sub-keys for each use are derived from the one user key with HKDF (RFC 5869).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from dataprotocol._files import read_text
from dataprotocol.errors import DecryptionError, InputError

__all__ = ["OperatorSet", "pseudonym", "encrypt_value", "decrypt_token", "reveal", "load_key_file",
           "new_key", "TOKEN_RE"]

_VERSION = b"\x01"
_AD_LABEL = b"dataprotocol-deid-token/1"
#: an ``encrypt`` token in scrubbed text: <ENC:ENTITY_TYPE:base64url>
TOKEN_RE = re.compile(r"<ENC:([A-Z][A-Z0-9_]*):([A-Za-z0-9_\-]{20,})>")
_DIGITS_ONLY = frozenset({"PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "US_BANK_NUMBER", "CN_RESIDENT_ID",
                          "CN_BANK_CARD", "CN_USCC", "CN_PASSPORT"})
#: Faker locale for surrogates in a document of this language (else ``surrogate_locale``)
_LOCALES = {"zh": "zh_CN"}


def _subkey(key: bytes, label: str, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None,
                info=f"dataprotocol-deid/{label}/1".encode()).derive(key)


def _normalise(entity_type: str, value: str) -> str:
    # "John  Smith" and "john smith" are one person; "(555) 010-1234" and "555.010.1234" one phone.
    if entity_type in _DIGITS_ONLY:
        digits = re.sub(r"[^0-9A-Za-z]", "", value).upper()
        return digits or value
    return " ".join(value.casefold().split())


def pseudonym(key: bytes, entity_type: str, value: str, *, length: int = 8) -> str:
    """``PERSON_7f3a2c1d``: keyed HMAC-SHA256 of the normalised value, truncated.

    32 bits by default: collisions stay rare (< 1e-3) below ~3,000 distinct values of
    one type; raise ``length`` for larger populations.
    """
    digest = _digest(_subkey(key, "pseudonym", 32), entity_type, value)
    return f"{entity_type}_{digest.hex()[:length]}"


def _digest(subkey: bytes, entity_type: str, value: str) -> bytes:
    message = entity_type.encode() + b"\x00" + _normalise(entity_type, value).encode()
    return hmac.new(subkey, message, hashlib.sha256).digest()


def encrypt_value(key: bytes, entity_type: str, value: str) -> str:
    cipher = AESSIV(_subkey(key, "encrypt", 64))
    blob = _VERSION + cipher.encrypt(value.encode("utf-8"), [_AD_LABEL, entity_type.encode()])
    return f"<ENC:{entity_type}:{base64.urlsafe_b64encode(blob).decode().rstrip('=')}>"


def decrypt_token(key: bytes, token: str) -> str:
    """Decrypt one ``<ENC:...>`` token. Any failure: one opaque :class:`DecryptionError`."""
    match = TOKEN_RE.fullmatch(token)
    if match is None:
        raise DecryptionError("deid token")
    entity_type, body = match.groups()
    try:
        blob = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        if blob[:1] != _VERSION:
            raise DecryptionError("deid token")
        plain = AESSIV(_subkey(key, "encrypt", 64)).decrypt(blob[1:], [_AD_LABEL, entity_type.encode()])
        return plain.decode("utf-8")
    except (InvalidTag, ValueError, UnicodeDecodeError) as exc:
        raise DecryptionError("deid token") from exc


def reveal(text: str, key: bytes) -> tuple[str, int]:
    """Replace every ``encrypt`` token in ``text`` by its plaintext; returns (text, count)."""
    count = 0

    def _one(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return decrypt_token(key, m.group(0))

    return TOKEN_RE.sub(_one, text), count


def new_key() -> bytes:
    import secrets

    return secrets.token_bytes(32)


def load_key_file(path: str | Path) -> bytes:
    """A key file holds 32+ random bytes as hex (``dataprotocol deid new-key`` writes one)."""
    text = read_text(path, what="key file").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError as exc:
        raise InputError("key file is not hex", file=path, expected="64 hex characters") from exc
    if len(key) < 16:
        raise InputError("key is too short", file=path, expected="at least 32 hex characters")
    return key


def _presidio_mask(params: Mapping[str, Any], *, default_char: str) -> Callable[[str], str]:
    """Presidio's mask: ``chars_to_mask`` characters from the start (or ``from_end``)."""
    char = str(params.get("masking_char", default_char))
    count = params.get("chars_to_mask", 10**9)
    if len(char) != 1 or not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise InputError("bad mask parameters", field="operators",
                         expected="masking_char: one character, chars_to_mask: an integer >= 0")
    from_end = bool(params.get("from_end", False))

    def mask(value: str) -> str:
        n = min(count, len(value))
        return value[:len(value) - n] + char * n if from_end else char * n + value[n:]

    return mask


class OperatorSet:
    """Per-entity operator functions ``value -> replacement`` for one config."""

    def __init__(self, *, key: bytes | None, mask_char: str = "*", locale: str = "en_US") -> None:
        self._key = key
        self._mask_char = mask_char
        self._locale = locale
        self._faker: object | None = None

    def function(self, operator: str, entity_type: str, params: Mapping[str, Any] | None = None, *,
                 language: str = "") -> Callable[[str], str]:
        """``params``: Presidio's parameters where the operator came as an ``OperatorConfig``;
        ``language`` picks the surrogate locale (zh -> zh_CN)."""
        params = params or {}
        if operator == "redact":
            return lambda value: ""
        if operator == "replace":
            new_value = str(params.get("new_value", f"<{entity_type}>"))
            return lambda value: new_value
        if operator == "keep":
            return lambda value: value
        if operator == "custom":
            fn = params.get("lambda")
            if not callable(fn):
                raise InputError("a custom operator needs a callable 'lambda'", field="operators")
            return lambda value: str(fn(value))
        if operator == "mask" and params:
            return _presidio_mask(params, default_char=self._mask_char)
        if operator == "mask":
            return lambda value: "".join(self._mask_char if ch.isalnum() else ch for ch in value)
        key = self._require_key(operator)
        if operator == "pseudonym":
            return lambda value: pseudonym(key, entity_type, value)
        if operator == "encrypt":
            return lambda value: encrypt_value(key, entity_type, value)
        if operator == "surrogate":
            locale = _LOCALES.get(language, self._locale)
            return lambda value: self._surrogate(key, entity_type, value, locale)
        raise InputError(f"unknown operator {operator!r}", field="operator")

    def _require_key(self, operator: str) -> bytes:
        if not self._key:
            raise InputError(f"operator {operator!r} needs a key", field="key")
        return self._key

    def _surrogate(self, key: bytes, entity_type: str, value: str, locale: str) -> str:
        from dataprotocol.deid._surrogates import surrogate

        # the seed is the value's keyed digest, independent of the locale: one value,
        # one stand-in per locale, in every record and process
        seed = int.from_bytes(_digest(_subkey(key, "surrogate", 32), entity_type, value)[:8], "big")
        return surrogate(entity_type, seed=seed, locale=locale) or pseudonym(key, entity_type, value)
