"""The English recall gaps of issue 16, recognizer by recognizer (no model needed):
phone extensions and dots, US street lines with secondary units and numbered
streets, PMBs, NRP lexicon, grouped MRNs and clinical/billing record numbers."""

from __future__ import annotations

import pytest

from dataprotocol.deid.recognizers import (
    InternationalPhoneRecognizer,
    LabelledIdRecognizer,
    MedicalRecordNumberRecognizer,
    NrpLexiconRecognizer,
    StreetAddressRecognizer,
)


def _spans(recognizer: object, text: str) -> set[str]:
    return {text[r.start:r.end] for r in recognizer.analyze(text, [])}  # type: ignore[attr-defined]


@pytest.mark.parametrize("phone", ["(212) 555-0100 Ext. 7", "212.555.0100 x12", "+1.212.555.0100, ext 201",
                                   "1-212-555-0100 extension 4", "+1 (212) 555-0100"])
def test_phone_forms_keep_their_extension(phone: str) -> None:
    assert phone in _spans(InternationalPhoneRecognizer(), f"Call {phone} today.")


@pytest.mark.parametrize("street", ["1200 W 42nd St Apt 5B", "55 County Road 12, Bldg 2, Rm 301",
                                    "77 Main St NW Suite 4-A", "12 Oak Ave # 12", "9 Elm Street, Ste. 300",
                                    "480 Lakeview Dr Lot 7", "PMB 443", "P.O. Box 72"])
def test_street_lines_with_units(street: str) -> None:
    assert street in _spans(StreetAddressRecognizer(), f"Ship to {street}, thanks.")


def test_nrp_lexicon() -> None:
    text = "She is a Greek Orthodox Nigerian-American, a registered Democrat and a Jehovah's Witness."
    assert {"Greek Orthodox", "Nigerian-American", "Democrat", "Jehovah's Witness"} <= _spans(
        NrpLexiconRecognizer(), text)
    assert _spans(NrpLexiconRecognizer(), "The democratic process takes time.") == set()


def test_grouped_mrn_and_clinical_ids() -> None:
    assert _spans(MedicalRecordNumberRecognizer(), "MRN 12-345-678; MR# 004-82-913") == {"12-345-678", "004-82-913"}
    found = _spans(LabelledIdRecognizer(), "FIN: 12345678, Encounter ID E-20240305-01, Rx # 4482913, NPI 1234567893")
    assert {"12345678", "E-20240305-01", "4482913", "1234567893"} <= found
    assert _spans(LabelledIdRecognizer(), "We met at 10:30 in room 12 on 2024-03-05.") == set()
