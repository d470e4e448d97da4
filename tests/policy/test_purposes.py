"""Purposes: narrower requests match broader allowances, never the reverse."""

from __future__ import annotations

from pathlib import Path

import pytest

from dataprotocol._files import load_yaml
from dataprotocol.errors import InputError
from dataprotocol.policy import default_vocabulary

CASES = load_yaml(Path(__file__).resolve().parents[1] / "vectors" / "policy" / "purposes.yaml")["cases"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{'|'.join(c['allowed'])}>{c['requested']}")
def test_purpose_known_answers(case):
    why = default_vocabulary().match(tuple(case["allowed"]), case["requested"])
    assert (why is None) is case["match"], why


def test_duo_ids_are_stored():
    vocab = default_vocabulary()
    assert vocab.purposes["research"].duo == "DUO:0000042"
    assert vocab.purposes["health-research"].duo == "DUO:0000006"
    assert vocab.purposes["disease:lung-cancer"].mondo == "MONDO:0008903"
    assert vocab.within("disease:lung-cancer", "research")
    assert not vocab.within("research", "disease:lung-cancer")


def test_parse_rejects_unknown_and_malformed():
    vocab = default_vocabulary()
    assert vocab.parse("health-research+commercial").commercial
    with pytest.raises(InputError, match="unknown purpose"):
        vocab.parse("astrology")
    with pytest.raises(InputError, match="malformed"):
        vocab.parse("research+health-research")
