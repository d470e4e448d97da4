"""RFC 9180 known answers: a slow reference of the HPKE key schedule (written from the RFC)
reproduces Appendix A.1.1, and pyca/cryptography's Suite -- which the key wrap uses --
agrees with that reference, for the RFC's suite and for ours (AES-256-GCM)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path

from cryptography.hazmat.primitives import hpke, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from dataprotocol.keys import b64d, generate_keypair
from dataprotocol.package._wrap import _INFO_LABEL, wrap_context, wrap_key

V = json.loads((Path(__file__).resolve().parents[1] / "vectors" / "package" / "hpke-rfc9180.json").read_text())
KEM_X25519, KDF_SHA256 = 0x0020, 0x0001


def _i2osp(n: int, size: int) -> bytes:
    return n.to_bytes(size, "big")


def _extract(salt: bytes, ikm: bytes) -> bytes:  # HKDF-Extract, RFC 5869 (empty salt = HashLen zeros)
    return hmac.new(salt or bytes(32), ikm, hashlib.sha256).digest()


def _expand(prk: bytes, info: bytes, length: int) -> bytes:  # HKDF-Expand, RFC 5869
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        out, counter = out + block, counter + 1
    return out[:length]


def _labeled_extract(suite: bytes, salt: bytes, label: bytes, ikm: bytes) -> bytes:
    return _extract(salt, b"HPKE-v1" + suite + label + ikm)


def _labeled_expand(suite: bytes, prk: bytes, label: bytes, info: bytes, length: int) -> bytes:
    return _expand(prk, _i2osp(length, 2) + b"HPKE-v1" + suite + label + info, length)


def _decap(sk: bytes, enc: bytes) -> bytes:
    """DHKEM(X25519, HKDF-SHA256).Decap (RFC 9180 §4.1)."""
    suite = b"KEM" + _i2osp(KEM_X25519, 2)
    private = X25519PrivateKey.from_private_bytes(sk)
    pk = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    dh = private.exchange(X25519PublicKey.from_public_bytes(enc))
    eae_prk = _labeled_extract(suite, b"", b"eae_prk", dh)
    return _labeled_expand(suite, eae_prk, b"shared_secret", enc + pk, 32)


def _key_schedule(shared: bytes, info: bytes, aead_id: int, nk: int) -> tuple[bytes, bytes]:
    """KeySchedule for mode_base (RFC 9180 §5.1): (key, base_nonce)."""
    suite = b"HPKE" + _i2osp(KEM_X25519, 2) + _i2osp(KDF_SHA256, 2) + _i2osp(aead_id, 2)
    context = b"\x00" + _labeled_extract(suite, b"", b"psk_id_hash", b"") + \
        _labeled_extract(suite, b"", b"info_hash", info)
    secret = _labeled_extract(suite, shared, b"secret", b"")
    return (_labeled_expand(suite, secret, b"key", context, nk),
            _labeled_expand(suite, secret, b"base_nonce", context, 12))


def test_reference_reproduces_rfc9180_a_1_1() -> None:
    h = bytes.fromhex
    shared = _decap(h(V["skRm"]), h(V["enc"]))
    assert shared.hex() == V["shared_secret"]
    key, nonce = _key_schedule(shared, h(V["info"]), V["aead_id"], 16)
    assert (key.hex(), nonce.hex()) == (V["key"], V["base_nonce"])
    first = V["encryptions"][0]
    assert AESGCM(key).encrypt(nonce, h(first["pt"]), h(first["aad"])).hex() == first["ct"]


def test_cryptography_suite_agrees_with_the_reference_on_the_rfc_suite() -> None:
    h = bytes.fromhex
    key, nonce = _key_schedule(h(V["shared_secret"]), h(V["info"]), V["aead_id"], 16)
    sealed = h(V["enc"]) + AESGCM(key).encrypt(nonce, b"single-shot, empty aad", b"")
    suite = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_128_GCM)
    assert suite.decrypt(sealed, X25519PrivateKey.from_private_bytes(h(V["skRm"])),
                         info=h(V["info"])) == b"single-shot, empty aad"


def test_our_key_wrap_opens_with_the_reference() -> None:
    grantee = generate_keypair("grantee")
    sk = grantee.encryption_key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                              serialization.NoEncryption())
    context = wrap_context(package_id="cd" * 16, shard=3, recipient_key_id=grantee.key_id)
    data_key = os.urandom(32)
    raw = b64d(wrap_key(data_key, grantee.public.encryption_public, context=context))
    enc, ct = raw[1:33], raw[33:]
    key, nonce = _key_schedule(_decap(sk, enc), _INFO_LABEL + context, 0x0002, 32)  # AES-256-GCM
    assert AESGCM(key).decrypt(nonce, ct, b"") == data_key
