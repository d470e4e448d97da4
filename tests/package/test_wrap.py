"""Key wrapping to a principal's X25519 key: only that principal, only that context."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol.errors import DecryptionError
from dataprotocol.keys import KeyPair, b64d, b64e
from dataprotocol.package._wrap import unwrap_key, wrap_context, wrap_key

CTX = wrap_context(package_id="ab" * 16, shard=0, recipient_key_id="dp1:x")


def test_round_trip(grantee: KeyPair) -> None:
    data_key = os.urandom(32)
    token = wrap_key(data_key, grantee.public.encryption_public, context=CTX)
    assert b64d(token)[0] == 2  # version byte: format 2 = RFC 9180 HPKE
    assert unwrap_key(token, grantee.encryption_key, context=CTX) == data_key


def test_fresh_ephemeral_key_each_time(grantee: KeyPair) -> None:
    data_key = os.urandom(32)
    one = wrap_key(data_key, grantee.public.encryption_public, context=CTX)
    two = wrap_key(data_key, grantee.public.encryption_public, context=CTX)
    assert one != two


def test_other_principal_cannot_unwrap(grantee: KeyPair, outsider: KeyPair) -> None:
    token = wrap_key(os.urandom(32), grantee.public.encryption_public, context=CTX)
    with pytest.raises(DecryptionError):
        unwrap_key(token, outsider.encryption_key, context=CTX)


def test_context_is_bound(grantee: KeyPair) -> None:
    token = wrap_key(os.urandom(32), grantee.public.encryption_public, context=CTX)
    other = wrap_context(package_id="ab" * 16, shard=1, recipient_key_id="dp1:x")
    with pytest.raises(DecryptionError):
        unwrap_key(token, grantee.encryption_key, context=other)


@given(position=st.integers(min_value=0, max_value=80), flip=st.integers(min_value=1, max_value=255))
def test_tampered_token_fails(grantee: KeyPair, position: int, flip: int) -> None:
    raw = bytearray(b64d(wrap_key(bytes(32), grantee.public.encryption_public, context=CTX)))
    raw[position] ^= flip
    with pytest.raises(DecryptionError):
        unwrap_key(b64e(bytes(raw)), grantee.encryption_key, context=CTX)


@pytest.mark.parametrize("token", ["", "not base64!", b64e(b"\x01" + bytes(80)), b64e(b"\x02" + bytes(80)),
                                   b64e(b"\x02" * 81)])
def test_malformed_or_low_order_tokens_fail_opaquely(grantee: KeyPair, token: str) -> None:
    # b"\x01" + zeros: the all-zero ephemeral point gives an all-zero shared secret
    with pytest.raises(DecryptionError):
        unwrap_key(token, grantee.encryption_key, context=CTX)


def test_format_1_packages_and_grants_are_refused_clearly() -> None:
    from dataprotocol.errors import IntegrityError
    from dataprotocol.package._wrap import check_wrap_scheme

    with pytest.raises(IntegrityError, match="format 1 .* re-publish the package"):
        check_wrap_scheme("X25519-HKDF-SHA256-AES256GCM", where="manifest")
    with pytest.raises(IntegrityError, match="unknown key-wrap scheme"):
        check_wrap_scheme("ROT13", where="grant g")
