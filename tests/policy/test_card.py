"""Dataset cards: YAML round trip, publisher embedded or referenced, errors with lines."""

from __future__ import annotations

import json

import pytest
import yaml

from dataprotocol.errors import InputError, SignatureError
from dataprotocol.keys import save_keypair
from dataprotocol.policy import DatasetCard, load_dataset_card
from tests.policy.conftest import card_dict


def test_round_trip_embeds_publisher(steward):
    card = DatasetCard.from_dict(card_dict(steward))
    again = DatasetCard.from_dict(json.loads(json.dumps(card.to_dict())))
    assert again == card and again.publisher.key_id == steward.key_id
    assert card.to_dict()["publisher"]["self_signature"]
    assert "Example Clinic" in card.credit() and "CC-BY-NC-4.0" in card.credit()


def test_publisher_as_pub_file_relative_to_card(tmp_path, steward):
    save_keypair(steward, tmp_path / "keys")
    doc = card_dict(steward, publisher="keys/steward.pub")
    (tmp_path / "card.yaml").write_text(yaml.safe_dump(doc))
    card = load_dataset_card(tmp_path / "card.yaml")
    assert card.publisher.key_id == steward.key_id
    assert card.to_dict()["publisher"]["key_id"] == steward.key_id


def test_tampered_embedded_publisher_rejected(steward, mallory):
    doc = card_dict(steward)
    doc["publisher"] = dict(doc["publisher"], name="someone-else")  # breaks the self-signature
    with pytest.raises(SignatureError):
        DatasetCard.from_dict(doc)
    # swapping in another key under the same key id is caught too
    forged = dict(mallory.public_document(), key_id=steward.key_id)
    with pytest.raises(SignatureError):
        DatasetCard.from_dict(card_dict(steward, publisher=forged))
    unsigned = {k: v for k, v in steward.public_document().items() if k != "self_signature"}
    with pytest.raises(InputError, match="self_signature"):
        DatasetCard.from_dict(card_dict(steward, publisher=unsigned))


@pytest.mark.parametrize(
    ("key", "value", "field"),
    [("budget", {"epsilon": -1, "delta": 1e-6}, "budget.epsilon"),
     ("budget", {"epsilon": 1, "delta": 2}, "budget.delta"),
     ("purposes", ["astrology"], "purposes"),
     ("contains_pii", "yes", "contains_pii"),
     ("colour", "blue", "colour"),
     ("title", None, "title")],
)
def test_bad_card_names_file_line_field(tmp_path, steward, key, value, field):
    doc = card_dict(steward)
    doc[key] = value
    path = tmp_path / "card.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    with pytest.raises(InputError) as info:
        load_dataset_card(path)
    assert info.value.file == str(path) and info.value.field == field, str(info.value)
    assert info.value.line is not None
