from __future__ import annotations

import json
import stat

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol.errors import KeyFileError, SignatureError
from dataprotocol.keys import (
    generate_keypair,
    load_identity,
    load_keypair,
    save_keypair,
    sign_document,
    verify_document,
)


def test_roundtrip_files_and_mode(tmp_path):
    kp = generate_keypair("alice")
    key_path, pub_path = save_keypair(kp, tmp_path)
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    again = load_keypair(key_path)
    assert again.key_id == kp.key_id
    ident = load_identity(pub_path)
    assert ident.key_id == kp.key_id and ident.name == "alice"
    assert kp.key_id.startswith("dp1:") and len(kp.key_id) == 4 + 32


def test_passphrase(tmp_path):
    kp = generate_keypair("bob")
    key_path, _ = save_keypair(kp, tmp_path, passphrase="s3cret")
    assert "ENCRYPTED PRIVATE KEY" in key_path.read_text()
    with pytest.raises(KeyFileError, match="passphrase required"):
        load_keypair(key_path)
    with pytest.raises(KeyFileError):
        load_keypair(key_path, passphrase="wrong")
    assert load_keypair(key_path, passphrase="s3cret").key_id == kp.key_id


def test_refuses_overwrite(tmp_path):
    kp = generate_keypair("carol")
    save_keypair(kp, tmp_path)
    with pytest.raises(KeyFileError, match="overwrite"):
        save_keypair(generate_keypair("carol"), tmp_path)


def test_swapped_encryption_key_is_rejected(tmp_path):
    kp, mallory = generate_keypair("alice"), generate_keypair("mallory")
    _, pub_path = save_keypair(kp, tmp_path)
    doc = json.loads(pub_path.read_text())
    doc["encryption_key"] = mallory.public_document()["encryption_key"]
    pub_path.write_text(json.dumps(doc))
    with pytest.raises(SignatureError):
        load_identity(pub_path)


def test_key_id_is_stable_fingerprint(tmp_path):
    kp = generate_keypair("dave")
    _, pub_path = save_keypair(kp, tmp_path)
    assert load_identity(pub_path).key_id == load_identity(pub_path).key_id == kp.key_id
    assert generate_keypair("dave").key_id != kp.key_id


_SAFE_INT = st.integers(min_value=-(2**53 - 1), max_value=2**53 - 1)  # RFC 8785 / I-JSON


@given(payload=st.dictionaries(st.text(max_size=8), _SAFE_INT | st.text(max_size=8), max_size=5),
       flip=st.integers(min_value=0))
def test_any_change_breaks_signature(payload, flip):
    kp = generate_keypair("signer")
    doc = sign_document("test/1", payload, kp)
    assert verify_document(doc, kp.public, doc_type="test/1") == payload
    tampered = json.loads(json.dumps(doc))
    tampered["payload"]["__extra__"] = flip
    with pytest.raises(SignatureError):
        verify_document(tampered, kp.public, doc_type="test/1")
    with pytest.raises(SignatureError):
        verify_document(doc, kp.public, doc_type="other/1")
    with pytest.raises(SignatureError):
        verify_document(doc, generate_keypair("x").public, doc_type="test/1")


def test_non_canonical_signature_encoding_is_rejected():
    kp = generate_keypair("signer")
    doc = sign_document("test/1", {"a": 1}, kp)
    value = doc["signature"]["value"]
    # 64-byte signature -> 86 base64 chars; the last char carries 4 unused bits.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(value[-1])
    variant = value[:-1] + alphabet[last ^ 1]
    tampered = json.loads(json.dumps(doc))
    tampered["signature"]["value"] = variant
    with pytest.raises(SignatureError):
        verify_document(tampered, kp.public, doc_type="test/1")
