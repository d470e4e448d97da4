"""RFC 8785 (JCS) canonical JSON: the RFC's own known answers, one signed vector per
document kind (tests/vectors/canonical/), the legacy form still verifying, and no
downgrade from the new form to the old."""

from __future__ import annotations

import copy
import json
import struct
from pathlib import Path
from typing import Any

import pytest
import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol._canonical import (
    CANON_RFC8785,
    _legacy_canonical_json,
    canonical_json,
    canonical_json_parsed,
)
from dataprotocol.errors import SignatureError
from dataprotocol.keys import KeyPair, PublicIdentity, sign_document, verify_document
from dataprotocol.keys._signed import signed_bytes
from dataprotocol.package._manifest import MANIFEST_TYPE, manifest_id_of, shard_context
from dataprotocol.package._wrap import wrap_context

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "canonical"
RFC = json.loads((VECTORS / "rfc8785.json").read_text(encoding="utf-8"))
DOCS = json.loads((VECTORS / "documents.json").read_text(encoding="utf-8"))


def _fixed_keypair() -> KeyPair:
    seed = bytes.fromhex(DOCS["seed_hex"])
    return KeyPair(name="vector", signing_key=Ed25519PrivateKey.from_private_bytes(seed),
                   encryption_key=X25519PrivateKey.from_private_bytes(seed))


# -- RFC 8785's own vectors ---------------------------------------------------------------
@pytest.mark.parametrize("case", RFC["numbers"], ids=lambda c: c["ieee754"])
def test_rfc8785_appendix_b_numbers(case: dict[str, Any]) -> None:
    value = struct.unpack(">d", bytes.fromhex(case["ieee754"]))[0]
    if case["jcs"] is None:  # NaN and Infinity have no JCS form
        with pytest.raises(ValueError):
            canonical_json(value)
    else:
        assert canonical_json(value) == case["jcs"].encode("ascii")
        assert canonical_json([value]) == b"[" + case["jcs"].encode("ascii") + b"]"


def test_rfc8785_sorting_by_utf16_code_units() -> None:
    out = canonical_json(json.loads(RFC["sorting"]["input"]))
    pairs = json.loads(out, object_pairs_hook=lambda items: items)
    assert [v for _, v in pairs] == RFC["sorting"]["expected_value_order"]
    assert b" " not in out.replace(b"Euro Sign", b"").split(b":")[0]  # no whitespace added


def test_rfc8785_main_example() -> None:
    out = canonical_json(json.loads(RFC["example"]["input"]))
    assert out == RFC["example"]["canonical"].encode("utf-8")
    assert out.hex() == RFC["example"]["canonical_utf8_hex"]


# -- where the legacy form differs (docs/keys.md "Canonical JSON") -------------------------
@pytest.mark.parametrize(("value", "legacy", "jcs"), [
    (1e-05, b"1e-05", b"0.00001"), (1.0, b"1.0", b"1"), (-0.0, b"-0.0", b"0"),
    (1e20, b"1e+20", b"100000000000000000000"), (1e16, b"1e+16", b"10000000000000000"),
    ({"\U0001F600": 1, "\ufb01": 2}, '{"\ufb01":2,"\U0001F600":1}'.encode(),
     '{"\U0001F600":1,"\ufb01":2}'.encode()),
])
def test_legacy_form_differs_from_jcs(value: Any, legacy: bytes, jcs: bytes) -> None:
    assert _legacy_canonical_json(value) == legacy
    assert canonical_json(value) == jcs


@pytest.mark.parametrize("value", [2**53, -(2**53), {1: "int key"}, "\ud800", float("nan")])
def test_values_without_a_jcs_form_are_refused(value: Any) -> None:
    with pytest.raises(ValueError):
        canonical_json(value)


_JSON = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False, allow_infinity=False)
    | st.integers(min_value=-(2**53 - 1), max_value=2**53 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20)


def _utf16(key: str) -> bytes:
    return key.encode("utf-16-be", "surrogatepass")


@given(value=_JSON)
def test_canonical_is_rfc8785_and_round_trips(value: Any) -> None:
    out = canonical_json(value)
    assert out == rfc8785.dumps(value)
    # JCS numbers are doubles: read them so and the value comes back exactly
    # (-0.0 == 0.0 and 1 == 1.0: JCS keeps the number, not its spelling)
    assert json.loads(out, parse_int=float) == value
    parsed = json.loads(out)  # Python reads 23901427181650010 as an int beyond 2**53 ...
    assert canonical_json_parsed(parsed) == out  # ... which a verifier takes as that double

    def keys_sorted(node: Any) -> bool:
        if isinstance(node, dict):
            return list(node) == sorted(node, key=_utf16) and all(map(keys_sorted, node.values()))
        return all(map(keys_sorted, node)) if isinstance(node, list) else True
    assert keys_sorted(json.loads(out, object_pairs_hook=dict))


@given(name=st.text(), a=st.text(), b=st.text(), shard=st.integers(0, 2**31))
def test_string_only_documents_have_the_same_bytes_in_both_forms(name, a, b, shard) -> None:
    # Identity self-signatures, key-wrap info and shard associated data hold only strings
    # and small integers under fixed ASCII keys: JCS spells them exactly as the legacy
    # form did, so existing key files and packages need no version bump.
    try:
        body = {"format": "dataprotocol-identity/1", "name": name, "key_id": a,
                "signing_key": {"alg": "ed25519", "public": b}}
        legacy = _legacy_canonical_json(body)
    except ValueError:  # a lone surrogate: neither form accepts it
        with pytest.raises(ValueError):
            canonical_json(body)
        return
    assert canonical_json(body) == legacy
    ctx = {"package_id": a, "shard": shard, "recipient": b}
    assert wrap_context(package_id=a, shard=shard, recipient_key_id=b) == _legacy_canonical_json(ctx)
    assert shard_context(dataset_id=name, version=a, package_id=b, shard=shard) == \
        _legacy_canonical_json({"format": "dataprotocol-stream/1", "dataset_id": name,
                                "dataset_version": a, "package_id": b, "shard": shard})


# -- one vector per signed document kind -----------------------------------------------
@pytest.mark.parametrize("vector", DOCS["documents"], ids=lambda v: v["type"])
def test_signed_document_vector(vector: dict[str, Any]) -> None:
    keypair = _fixed_keypair()
    assert keypair.key_id == DOCS["key_id"]
    document = sign_document(vector["type"], vector["payload"], keypair)
    assert document == {"type": vector["type"], "canon": CANON_RFC8785,
                        "payload": vector["payload"],
                        "signature": {"alg": "ed25519", "key_id": DOCS["key_id"],
                                      "value": vector["signature"]}}
    assert signed_bytes(vector["type"], vector["payload"]) == vector["signed_bytes"].encode()
    reread = json.loads(json.dumps(document, indent=2, sort_keys=True))  # a file re-indented
    assert verify_document(reread, keypair.public, doc_type=vector["type"]) == vector["payload"]
    if vector["type"] == MANIFEST_TYPE:  # the id is the hash of exactly the signed bytes
        assert manifest_id_of(vector["payload"]) == "sha256:" + vector["sha256"]


def test_identity_self_signature_is_unchanged() -> None:
    keypair = _fixed_keypair()
    doc = keypair.public_document()
    assert PublicIdentity.from_dict(doc).key_id == DOCS["key_id"]
    assert canonical_json(keypair.public.body()) == _legacy_canonical_json(keypair.public.body())


def test_legacy_envelope_still_verifies() -> None:
    keypair, legacy = _fixed_keypair(), DOCS["legacy"]
    document = {"type": legacy["type"], "payload": legacy["payload"],
                "signature": {"alg": "ed25519", "key_id": DOCS["key_id"],
                              "value": legacy["signature"]}}
    assert signed_bytes(legacy["type"], legacy["payload"], None) == legacy["signed_bytes"].encode()
    assert verify_document(document, keypair.public, doc_type=legacy["type"]) == legacy["payload"]
    assert manifest_id_of(legacy["payload"], canon=None) != manifest_id_of(legacy["payload"])
    upgraded = {**document, "canon": CANON_RFC8785}  # an old signature claiming the new form
    with pytest.raises(SignatureError, match="does not verify"):
        verify_document(upgraded, keypair.public, doc_type=legacy["type"])


@pytest.mark.parametrize("vector", DOCS["documents"], ids=lambda v: v["type"])
def test_downgrade_to_legacy_fails(vector: dict[str, Any]) -> None:
    keypair = _fixed_keypair()
    document = sign_document(vector["type"], vector["payload"], keypair)
    stripped = copy.deepcopy(document)
    del stripped["canon"]  # relabelled as a pre-RFC 8785 document
    with pytest.raises(SignatureError, match="does not verify"):
        verify_document(stripped, keypair.public, doc_type=vector["type"])
    for bad in ("rfc8785-legacy", None, 2):
        relabelled = {**document, "canon": bad}
        with pytest.raises(SignatureError, match="unsupported canonicalisation .* field 'canon'"):
            verify_document(relabelled, keypair.public, doc_type=vector["type"])


def test_big_numbers_verify_as_the_doubles_they_denote() -> None:
    keypair = _fixed_keypair()
    document = sign_document("test/1", {"x": 2.390142718165001e16, "n": 1}, keypair)
    on_disk = json.loads(canonical_json(document))  # "x":23901427181650010 -> an int
    assert isinstance(on_disk["payload"]["x"], int)
    verify_document(on_disk, keypair.public, doc_type="test/1")
    on_disk["payload"]["n"] = 2**60  # an edit: the signature covered 1
    with pytest.raises(SignatureError, match="does not verify"):
        verify_document(on_disk, keypair.public, doc_type="test/1")
    on_disk["payload"]["n"] = 10**400  # not even a double
    with pytest.raises(SignatureError, match="no canonical form"):
        verify_document(on_disk, keypair.public, doc_type="test/1")
    with pytest.raises(ValueError):  # a signer's big int is refused, not rounded
        sign_document("test/1", {"n": 2**60}, keypair)


@given(payload=st.dictionaries(st.text(max_size=6), _JSON, max_size=4))
def test_any_signed_payload_verifies_after_either_file_spelling(payload: dict[str, Any]) -> None:
    # Writers store envelopes as RFC 8785 bytes (release records) or indented json.dumps
    # (grants, manifests); a verifier reads either back with Python's json.
    keypair = _fixed_keypair()
    document = sign_document("test/1", payload, keypair)
    for text in (canonical_json(document).decode(), json.dumps(document, indent=2)):
        verify_document(json.loads(text), keypair.public, doc_type="test/1")


def test_a_released_pre_rfc8785_privacy_document_still_verifies() -> None:
    # tests/vectors/audit/privacy_v1.json was signed before the switch (no canon field;
    # "delta": 1e-05 spelled differently by JCS): it must verify through the legacy bytes.
    vector = json.loads((VECTORS.parent / "audit" / "privacy_v1.json").read_text(encoding="utf-8"))
    document, doc_type = vector["document"], vector["document"]["type"]
    assert "canon" not in document
    assert signed_bytes(doc_type, document["payload"], None) != \
        signed_bytes(doc_type, document["payload"])
    identity = PublicIdentity.from_dict(vector["identity"])
    assert verify_document(document, identity, doc_type=doc_type) == document["payload"]
    with pytest.raises(SignatureError, match="does not verify"):  # relabelled as new
        verify_document({**document, "canon": CANON_RFC8785}, identity, doc_type=doc_type)
