"""Operators without spaCy: keyed pseudonyms, AES-SIV tokens, masks, key files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol.deid import decrypt_token, load_key_file, pseudonym, reveal
from dataprotocol.deid._operators import OperatorSet, encrypt_value
from dataprotocol.errors import DecryptionError, InputError
from tests.deid.conftest import KEY, OTHER_KEY

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "deid" / "pseudonyms.json"


def test_pseudonym_known_answers() -> None:
    data = json.loads(VECTORS.read_text())
    key = bytes.fromhex(data["key"])
    for case in data["cases"]:
        assert pseudonym(key, case["entity_type"], case["value"]) == case["pseudonym"]


def test_pseudonym_matches_independent_reference() -> None:
    """HKDF-SHA256 -> HMAC-SHA256 written out with the standard library (RFC 5869 / 2104)."""
    import hashlib
    import hmac

    prk = hmac.new(b"\x00" * 32, KEY, hashlib.sha256).digest()  # HKDF-Extract, empty salt
    subkey = hmac.new(prk, b"dataprotocol-deid/pseudonym/1" + b"\x01", hashlib.sha256).digest()
    digest = hmac.new(subkey, b"PERSON\x00john smith", hashlib.sha256).hexdigest()
    assert pseudonym(KEY, "PERSON", "John Smith") == "PERSON_" + digest[:8]


def test_pseudonym_stable_normalised_and_key_dependent() -> None:
    a = pseudonym(KEY, "PERSON", "John Smith")
    assert a == pseudonym(KEY, "PERSON", "john   smith")
    assert a.startswith("PERSON_") and len(a) == len("PERSON_") + 8
    assert a != pseudonym(OTHER_KEY, "PERSON", "John Smith")
    assert a != pseudonym(KEY, "PERSON", "Jane Smith")
    assert pseudonym(KEY, "PHONE_NUMBER", "(555) 010-1234") == pseudonym(KEY, "PHONE_NUMBER", "555.010.1234")


def test_pseudonym_stable_across_processes() -> None:
    code = ("import sys; from dataprotocol.deid import pseudonym; "
            "print(pseudonym(bytes.fromhex(sys.argv[1]), 'PERSON', 'John Smith'))")
    outs = {subprocess.run([sys.executable, "-c", code, key.hex()], capture_output=True, text=True,
                           check=True).stdout.strip() for key in (KEY, KEY)}
    assert outs == {pseudonym(KEY, "PERSON", "John Smith")}
    other = subprocess.run([sys.executable, "-c", code, OTHER_KEY.hex()], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert other != pseudonym(KEY, "PERSON", "John Smith")


@given(st.text(min_size=1, max_size=80))
def test_encrypt_round_trips(value: str) -> None:
    token = encrypt_value(KEY, "PERSON", value)
    assert decrypt_token(KEY, token) == value
    assert encrypt_value(KEY, "PERSON", value) == token  # deterministic (SIV): joins keep working


@given(st.integers(min_value=0, max_value=10_000), st.sampled_from("AQgw_-"))
def test_tampered_token_rejected(position: int, replacement: str) -> None:
    token = encrypt_value(KEY, "EMAIL_ADDRESS", "jane@example.org")
    body_start = len("<ENC:EMAIL_ADDRESS:")
    i = body_start + position % (len(token) - 1 - body_start)
    tampered = token[:i] + replacement + token[i + 1:]
    if tampered == token:
        return
    with pytest.raises(DecryptionError):
        decrypt_token(KEY, tampered)


def test_wrong_key_type_swap_and_truncation_fail_alike() -> None:
    token = encrypt_value(KEY, "PERSON", "John Smith")
    swapped = token.replace("<ENC:PERSON:", "<ENC:LOCATION:")
    for bad_key, bad_token in ((OTHER_KEY, token), (KEY, swapped), (KEY, token[:-6] + ">")):
        with pytest.raises(DecryptionError) as err:
            decrypt_token(bad_key, bad_token)
        assert str(err.value) == "decryption failed: deid token"


def test_reveal_replaces_every_token() -> None:
    text = f"Call {encrypt_value(KEY, 'PERSON', 'Ann Lee')} at {encrypt_value(KEY, 'PHONE_NUMBER', '555-0100')}."
    assert reveal(text, KEY) == ("Call Ann Lee at 555-0100.", 2)


def test_mask_keeps_shape_and_surrogates_are_consistent() -> None:
    ops = OperatorSet(key=KEY)
    assert ops.function("mask", "PHONE_NUMBER")("(555) 010-1234") == "(***) ***-****"
    surrogate = ops.function("surrogate", "PERSON")
    assert surrogate("John Smith") == surrogate("john smith") != "John Smith"
    assert surrogate("John Smith") != OperatorSet(key=OTHER_KEY).function("surrogate", "PERSON")("John Smith")


def test_key_needed_and_key_file(tmp_path: Path) -> None:
    from dataprotocol.deid import ScrubConfig

    with pytest.raises(InputError, match="needs a key"):
        ScrubConfig(operator="pseudonym")
    with pytest.raises(InputError, match="unknown operator"):
        ScrubConfig(operator="hash")
    path = tmp_path / "k.hex"
    path.write_text(KEY.hex() + "\n")
    assert load_key_file(path) == KEY
    path.write_text("not hex")
    with pytest.raises(InputError):
        load_key_file(path)
