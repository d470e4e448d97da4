"""SPDX license expressions in cards: known answers, OR/AND laws, bad input, decisions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol._files import load_yaml
from dataprotocol.errors import InputError
from dataprotocol.policy import (
    ACTIONS,
    DatasetCard,
    Request,
    combine,
    decide,
    load_dataset_card,
    parse_license_expression,
    read_decision_log,
)
from tests.policy.conftest import NOW, card_dict, make_grant

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "policy"
CASES = list(load_yaml(VECTORS / "expressions.yaml")["cases"])
# every built-in id but the proprietary placeholder (an id like any other, just noisier)
IDS = ["CC0-1.0", "PDDL-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-ND-4.0", "CC-BY-NC-SA-4.0",
       "CC-BY-NC-ND-4.0", "ODC-By-1.0", "ODbL-1.0", "CDLA-Permissive-2.0", "CDLA-Sharing-1.0",
       "LicenseRef-unspecified"]
PURPOSES = [None, "research", "commercial", "health-research+commercial"]


def _id(case: dict) -> str:
    return f"{case['license']}:{case['action']}:{case.get('purpose') or '-'}:{case.get('profile', 'c')[:4]}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_expression_known_answers(case):
    result = combine([case["license"]], action=case["action"], purpose=case.get("purpose"),
                     profile=case.get("profile", "conservative"))
    assert result.allowed is case["allowed"], result.reasons
    if case["allowed"]:
        assert list(result.chosen_licenses) == case["chosen"]
        if "obligations" in case:
            assert {o.kind for o in result.obligations} == set(case["obligations"])
        # only the chosen alternative's licenses carry obligations
        assert {o.license for o in result.obligations} <= set(case["chosen"])
    else:
        assert result.chosen_licenses == () and result.obligations == ()
        for text in case["reasons"]:
            assert any(text in r for r in result.reasons), (text, result.reasons)


def _allowed(expression: str, action: str, purpose: str | None, profile: str) -> bool:
    return combine([expression], action=action, purpose=purpose, profile=profile).allowed


@given(a=st.sampled_from(IDS), b=st.sampled_from(IDS), action=st.sampled_from(ACTIONS),
       purpose=st.sampled_from(PURPOSES), profile=st.sampled_from(["conservative", "permissive"]))
def test_or_allows_iff_one_alternative_allows(a, b, action, purpose, profile):
    alone = [_allowed(x, action, purpose, profile) for x in (a, b)]
    result = combine([f"{a} OR {b}"], action=action, purpose=purpose, profile=profile)
    assert result.allowed == any(alone)
    if result.allowed:  # the choice is one that allows on its own
        assert len(result.chosen_licenses) == 1 and alone[[a, b].index(result.chosen_licenses[0])]


@given(a=st.sampled_from(IDS), b=st.sampled_from(IDS), action=st.sampled_from(ACTIONS),
       purpose=st.sampled_from(PURPOSES), profile=st.sampled_from(["conservative", "permissive"]))
def test_and_is_the_combination_of_both(a, b, action, purpose, profile):
    both = combine([f"{a} AND {b}"], action=action, purpose=purpose, profile=profile)
    alone = [_allowed(x, action, purpose, profile) for x in (a, b)]
    # all apply: never allowed unless each part allows ...
    assert not both.allowed or all(alone)
    if action in ("read", "train"):  # ... and nothing is distributed, so nothing can clash
        assert both.allowed == all(alone)
    # publishing: exactly the multi-dataset rules (share-alike conflicts etc.)
    pair = combine([a, b], action=action, purpose=purpose, profile=profile)
    assert (both.allowed, both.output_licenses, set(both.obligations)) == \
        (pair.allowed, pair.output_licenses, set(pair.obligations))


@given(a=st.sampled_from(IDS), action=st.sampled_from(ACTIONS), purpose=st.sampled_from(PURPOSES))
def test_or_and_and_of_one_license_are_that_license(a, action, purpose):
    alone = combine([a], action=action, purpose=purpose)
    assert combine([f"{a} OR {a}"], action=action, purpose=purpose) == alone
    assert combine([f"({a} AND {a.lower()})"], action=action, purpose=purpose) == alone


def test_expressions_mix_with_other_datasets():
    result = combine(["CC-BY-4.0 OR ODbL-1.0", "CC-BY-SA-4.0"], action="publish-data")
    # ODbL and BY-SA are different share-alike families: only the BY choice combines
    assert result.allowed and result.chosen_licenses == ("CC-BY-4.0", "CC-BY-SA-4.0")
    assert result.output_licenses == ("CC-BY-SA-4.0",)
    assert result.alternatives == (("CC-BY-4.0", "CC-BY-SA-4.0"), ("ODbL-1.0", "CC-BY-SA-4.0"))
    credits = combine(["CC0-1.0 OR CC-BY-4.0", "CC-BY-4.0"], action="publish-model", credits=["A", "B"])
    assert credits.chosen_licenses == ("CC0-1.0", "CC-BY-4.0") and credits.attribution == ("B",)


@pytest.mark.parametrize(("text", "message"), [
    ("CC-BY-4.0 WITH Classpath-exception-2.0", "WITH"),
    ("CC0-1.0 OR (CC-BY-4.0 WITH LLVM-exception)", "WITH"),
    ("CC0-1.0 OR", "malformed"),
    ("(CC0-1.0 OR CC-BY-4.0", "malformed"),
    ("CC0-1.0 CC-BY-4.0", "operator is missing"),
    ("CC0-1.0 AND AND CC-BY-4.0", "malformed"),
])
def test_bad_expression_in_a_card_names_file_line_field(steward, tmp_path, text, message):
    path = tmp_path / "card.yaml"
    path.write_text(yaml.safe_dump(card_dict(steward, license=text), sort_keys=False))
    with pytest.raises(InputError) as info:
        load_dataset_card(path)
    err = info.value
    assert err.file == str(path) and err.field == "license" and err.line is not None, str(err)
    assert message in str(err) and err.expected
    with pytest.raises(InputError, match=message):
        combine([text], action="read")


@pytest.mark.parametrize("text", ["Made-Up-1.0 OR CC0-1.0", "CC0-1.0 AND LicenseRef-nobody",
                                  "(CC-BY-4.0 OR cc-by-sa-4.00)"])
def test_unknown_id_inside_an_expression_is_an_input_error(steward, alice, tmp_path, text):
    with pytest.raises(InputError, match="unknown license") as info:
        combine([text], action="read")
    assert info.value.field == "license" and "CC0-1.0" in (info.value.expected or "")
    path = tmp_path / "card.yaml"
    path.write_text(yaml.safe_dump(card_dict(steward, license=text), sort_keys=False))
    card = load_dataset_card(path)  # syntax is fine; the registry in use decides the ids
    with pytest.raises(InputError, match="unknown license") as info:
        decide(Request(card, alice.key_id, "read", "health-research", at=NOW), grants=[make_grant(steward, alice)])
    assert info.value.file == str(path) and info.value.field == "license"


def test_a_lone_unknown_id_still_denies():
    result = combine(["LicenseRef-nobody"], action="read")
    assert not result.allowed and result.reasons[0].startswith("license-unknown")


def test_decision_on_a_dual_licensed_card_reports_the_choice(steward, alice, tmp_path):
    card = DatasetCard.from_dict(card_dict(steward, license="CC-BY-NC-4.0 OR CC-BY-4.0",
                                           purposes=["health-research+commercial"]))
    grant = make_grant(steward, alice, actions=["train", "publish-model"], purposes=["research+commercial"])
    log = tmp_path / "log.jsonl"
    d = decide(Request(card, alice.key_id, "publish-model", "health-research+commercial", at=NOW),
               grants=[grant], log_path=log)
    assert d.allowed, d.reasons
    assert d.chosen_licenses == ("CC-BY-4.0",) and d.to_dict()["chosen_licenses"] == ["CC-BY-4.0"]
    assert {(o.kind, o.license) for o in d.obligations} == {("attribution", "CC-BY-4.0"),
                                                             ("modified-notice", "CC-BY-4.0")}
    assert read_decision_log(log)[0]["chosen_licenses"] == ["CC-BY-4.0"]
    # both NC: denied, every alternative's reason listed
    card = DatasetCard.from_dict(card_dict(steward, license="CC-BY-NC-4.0 OR CC-BY-NC-SA-4.0",
                                           purposes=["health-research+commercial"]))
    d = decide(Request(card, alice.key_id, "train", "health-research+commercial", at=NOW), grants=[grant])
    assert not d.allowed and d.chosen_licenses == ()
    assert sum(r.startswith("license-noncommercial") for r in d.reasons) == 2, d.reasons


def test_parsing_needs_no_network(monkeypatch):
    import socket

    from dataprotocol.policy._expression import _parse

    def refuse(*args, **kwargs):
        raise OSError("no network here")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    _parse.cache_clear()
    assert parse_license_expression("CC-BY-4.0 OR (ODbL-1.0 AND CC0-1.0)").alternatives == \
        (("CC-BY-4.0",), ("ODbL-1.0", "CC0-1.0"))
