"""GA4GH DUO: the DUOS matcher's own test cases, DUO codes as input, modifiers in decisions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dataprotocol.errors import InputError
from dataprotocol.policy import DatasetCard, PurposeVocabulary, Request, builtin_policies_dir, decide
from dataprotocol.policy._duo import duos_dataset_purposes, duos_request
from dataprotocol.policy._purposes import NEEDS_REVIEW
from tests.policy.conftest import NOW, card_dict, make_grant

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "policy" / "duos_matcher.yaml"
DOC = yaml.safe_load(VECTORS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def vocab(tmp_path_factory: pytest.TempPathFactory) -> PurposeVocabulary:
    ontology = tmp_path_factory.mktemp("duo") / "diseases.yaml"
    ontology.write_text(yaml.safe_dump(DOC["ontology"]), encoding="utf-8")
    base = builtin_policies_dir()
    return PurposeVocabulary.load(base / "purposes.yaml", diseases=[base / "diseases.yaml", ontology])


def _outcome(why: str | None) -> str:
    if why is None:
        return "approve"
    return "abstain" if why.startswith(NEEDS_REVIEW) else "deny"


@pytest.mark.parametrize("case", DOC["cases"], ids=lambda c: c["id"])
def test_duos_matcher_cases(case: dict, vocab: PurposeVocabulary) -> None:
    allowed = tuple(duos_dataset_purposes(case["dataset"]))
    why = vocab.match(allowed, duos_request(case["purpose"]))
    assert _outcome(why) == case.get("ours", case["expected"]), why
    if _outcome(why) != "approve":
        assert why  # every deny / review carries its reason


def test_disagreements_are_few_and_explained() -> None:
    cases = DOC["cases"]
    differ = [c for c in cases if "ours" in c]
    assert len(cases) == 68 and len(differ) == 6
    assert all(c["ours"] != c["expected"] and c["why"] for c in differ)


@pytest.mark.parametrize("code, name", [("GRU", "research"), ("HMB", "health-research"),
                                        ("DUO:0000006", "health-research"), ("POA", "population-research"),
                                        ("MDS", "methods-research"), ("NRES", "any"),
                                        ("DS:MONDO:0008903", "disease:lung-cancer"),
                                        ("DS:DOID:162", "disease:cancer"),
                                        ("MONDO:0005148", "disease:type-2-diabetes")])
def test_duo_codes_are_accepted_as_input(code: str, name: str, vocab: PurposeVocabulary) -> None:
    assert vocab.parse(code).topic == name


def test_ambiguous_and_unknown_duo_input_is_refused(vocab: PurposeVocabulary) -> None:
    with pytest.raises(InputError, match="unknown purpose"):
        vocab.parse("DUO:0000007")  # disease-specific needs a disease
    with pytest.raises(InputError, match="unknown purpose"):
        vocab.parse("DS:MONDO:9999999")
    with pytest.raises(InputError, match="needs a date"):
        vocab.parse_allowance("MOR")


def test_user_disease_terms_extend_the_vocabulary(tmp_path: Path) -> None:
    extra = tmp_path / "diseases.yaml"
    extra.write_text("diseases:\n  disease:nsclc:\n    parents: [disease:lung-cancer]\n"
                     "    mondo: MONDO:0005233\n", encoding="utf-8")
    base = builtin_policies_dir()
    v = PurposeVocabulary.load(base / "purposes.yaml", diseases=[base / "diseases.yaml", extra])
    assert v.match(("DS:MONDO:0004992",), "DS:MONDO:0005233") is None  # under cancer
    assert v.match(("DS:MONDO:0005233",), "disease:lung-cancer") is not None
    extra.write_text("diseases:\n  disease:loop:\n    parents: [disease:loop]\n", encoding="utf-8")
    with pytest.raises(InputError, match="cycle"):
        PurposeVocabulary.load(base / "purposes.yaml", diseases=[extra])


def _decide(steward, alice, purposes, request_purpose, **grant_kw):
    card = DatasetCard.from_dict(card_dict(steward, license="CC-BY-4.0", purposes=purposes))
    grant = make_grant(steward, alice, purposes=grant_kw.pop("grant_purposes", ["research"]), **grant_kw)
    return decide(Request(card, alice.key_id, "train", request_purpose, at=NOW), grants=[grant])


def test_review_modifiers_need_a_recorded_review(steward, alice) -> None:
    d = _decide(steward, alice, ["HMB", "COL", "IRB"], "HMB")
    assert d.outcome == "needs-review" and not d.allowed
    assert {r.split(" requires ")[1][:3] for r in d.reasons} == {"COL", "IRB"}
    d = _decide(steward, alice, ["HMB", "COL", "IRB"], "HMB", conditions={"reviewed": ["COL"]})
    assert d.outcome == "needs-review" and len(d.reasons) == 1 and "IRB" in d.reasons[0]
    d = _decide(steward, alice, ["HMB", "COL", "IRB"], "HMB", conditions={"reviewed": ["COL", "IRB"]})
    assert d.allowed and d.outcome == "allowed"


def test_sensitive_purposes_need_review_and_a_denial_stays_a_denial(steward, alice) -> None:
    d = _decide(steward, alice, ["HMB"], "HMB+pediatric")
    assert d.outcome == "needs-review", d.reasons
    assert _decide(steward, alice, ["HMB"], "HMB+pediatric", conditions={"reviewed": ["pediatric"]}).allowed
    d = _decide(steward, alice, ["POA"], "HMB+pediatric")
    assert d.outcome == "denied" and any(r.startswith("dataset-purpose") for r in d.reasons)


def test_obligation_and_time_limit_modifiers(steward, alice) -> None:
    d = _decide(steward, alice, ["GRU", "PUB", "RTN", "MOR:2027-01-31"], "HMB")
    kinds = {o.kind for o in d.obligations}
    assert d.allowed and {"publication-required", "return-derived-data", "publication-moratorium"} <= kinds
    assert any("2027-01-31" in o.text for o in d.obligations)
    d = _decide(steward, alice, ["GRU", "TS:2020-01-01"], "HMB")
    assert d.outcome == "denied" and any(r.startswith("data-use-expired") for r in d.reasons)


def test_commercial_card_allows_any_purpose(steward, alice) -> None:
    d = _decide(steward, alice, ["commercial"], "clinical-care", grant_purposes=["any"])
    assert d.allowed, d.reasons


def test_reviewed_condition_is_validated(steward, alice) -> None:
    with pytest.raises(InputError, match="reviewed"):
        make_grant(steward, alice, conditions={"reviewed": ["astrology"]})
