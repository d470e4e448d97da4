"""Names no list knows (dictionary test), ordinary-word names by slot, bare ages, foreign postcodes/phones."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol.deid.recognizers import (
    AgeRecognizer,
    InternationalPhoneRecognizer,
    PersonSlotRecognizer,
    UnknownNameRecognizer,
    ZipCodeRecognizer,
)
from dataprotocol.deid.recognizers._person_unknown import _DictionaryUnpickler, is_english_word


def _spans(recognizer: Any, text: str) -> list[str]:
    return [text[r.start:r.end] for r in recognizer.analyze(text, [])]


@pytest.mark.parametrize(("text", "expected"), [
    ("Pachongruk was absent today.", ["Pachongruk"]),
    ("Starting: Wambua, then Thanatcha Vinyuvanichkul.", ["Wambua", "Thanatcha Vinyuvanichkul"]),
    ("Seen by Łukasz and Gonçalves.", ["Łukasz", "Gonçalves"]),  # any script's capitals
    ("Reviewed labs. Discharged home. Meds reconciled.", []),  # inflected dictionary words
    ("Hosp ID 44 admitted; Metformin continued; emailed the Dept.", []),  # abbreviations, drugs, modern words
    ("The Boolean value is true in Berlin.", ["Boolean"]),  # a jargon word is taken: the price of recall
])
def test_unknown_capitalised_words_are_names(text: str, expected: list[str]) -> None:
    assert _spans(UnknownNameRecognizer(), text) == expected


def test_dictionary_knows_inflections() -> None:
    assert is_english_word("Carries") and is_english_word("walked") and is_english_word("Thanks")
    assert not is_english_word("Okonkwo") and not is_english_word("Müller")


def test_dictionary_unpickler_refuses_code() -> None:
    class Evil:
        def __reduce__(self) -> Any:
            return (print, ("pwned",))

    with pytest.raises(pickle.UnpicklingError):
        _DictionaryUnpickler(__import__("io").BytesIO(pickle.dumps(Evil()))).load()
    data = pickle.dumps({"a", "b"}, protocol=2)  # protocol 2 pickles a set through builtins.set
    assert _DictionaryUnpickler(__import__("io").BytesIO(data)).load() == {"a", "b"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Yes: Comfort Abiola, Paul Okafor and Hope. No: Agnes.", ["Hope"]),
    ("Starting eleven: Uche, Obi, Grey, Juliet Okonkwo.", ["Obi", "Grey"]),
    ("[12-11-1993] Comfort: anyone seen my keys?", ["Comfort"]),
    ("Joy: nope, ask David", ["Joy"]),
])
def test_ordinary_word_names_in_name_slots(text: str, expected: list[str]) -> None:
    assert _spans(PersonSlotRecognizer(), text) == expected


@pytest.mark.parametrize("text", [
    "Red, Green and Blue are in stock.",
    "Thanks, John and Mary!",
    "Note: bring the forms. Plan: review in May.",
    "London, Paris and Berlin are on the tour.",
])
def test_slots_leave_ordinary_lists_and_labels(text: str) -> None:
    assert _spans(PersonSlotRecognizer(), text) == []


def test_bare_ages_after_names() -> None:
    assert _spans(AgeRecognizer(), "Notes: Comfort is 10 and recovering.") == ["10"]
    assert _spans(AgeRecognizer(), "Suwijuk Krittayanukoon, 36, currently at home") == ["36"]
    assert _spans(AgeRecognizer(), "The dose is 10 mg; Room 4 is 12 metres away.") == []


def test_foreign_postcodes_and_grouped_phones() -> None:
    zips = ZipCodeRecognizer()
    assert _spans(zips, "ul. Łabędzia 647, Lubartów, 80-633.") == ["80-633"]
    assert _spans(zips, "Kyanobaan 608, 3406 OE Hippolytushoef") == ["3406 OE"]
    assert _spans(zips, "6 Diane Copse, Shannonburgh, 0864.") == ["0864"]
    assert _spans(zips, "Rua Nova 12, 88857-400 Recife") == ["88857-400"]
    assert _spans(zips, "We met in March 2024, then again.") == []
    assert _spans(InternationalPhoneRecognizer(), "Customer callback number: 727 739 980.") == ["727 739 980"]
    assert _spans(InternationalPhoneRecognizer(), "Order 727 739 980 shipped.") == []


@given(st.text(max_size=300))
def test_new_recognizers_never_raise(text: str) -> None:
    for recognizer in (UnknownNameRecognizer(), PersonSlotRecognizer()):
        for r in recognizer.analyze(text, []):
            assert 0 <= r.start < r.end <= len(text)


def test_scrubber_removes_names_no_list_knows(scrubber: Any) -> None:
    out = scrubber.scrub("[20.08.2019] Jinjuta: anyone seen my keys? Kodchaporn Srisuk replied.").text
    assert "Jinjuta" not in out and "Kodchaporn" not in out and "anyone seen my keys" in out


@pytest.mark.parametrize(("text", "expected"), [
    ("cant find Oscar-Siering-Gasse 95/67?? customer", ["Oscar-Siering-Gasse 95/67"]),
    ("grew up above a shop on aleja Asnyka 732.", ["aleja Asnyka 732"]),
    ("from home (Jl. BKR No. 68, 45175) to", ["Jl. BKR No. 68"]),
    ("We will ship to 456, rue Royer", ["456, rue Royer"]),
    ("Karl von Humboldt Straße 5, Berlin", ["Karl von Humboldt Straße 5"]),
    ("Via Roma 12, Milano", ["Via Roma 12"]),
    ("please place 5 orders via email; take Route 66 to gate 12; the Weg 5 bus", []),
])
def test_continental_street_addresses(text: str, expected: list[str]) -> None:
    from dataprotocol.deid.recognizers import StreetAddressRecognizer

    assert _spans(StreetAddressRecognizer(), text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The tenant is 54 and asked for a call.", ["54"]),
    ("She is 70 so please knock loudly.", ["70"]),
    ("this is her husband Hugo, she's 75 and not good with computers", ["75"]),
    ("Applicant: Mary Drake, 20 | Employer: Acme", ["20"]),
    ("Total is 45. He is 5 minutes away; it is 5 and done.", []),
])
def test_ages_after_pronouns_and_roles(text: str, expected: list[str]) -> None:
    assert _spans(AgeRecognizer(), text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Karim-Prantl-Ring 8, 3343 Mautern an der Donau.", ["3343"]),
    ("Ligethidai út 139., H-3219 Mártonberény | Phone", ["H-3219"]),
    ("Bangsbovej 621 | 5823 Rynkeby | Event", ["5823"]),
    ("Námestie slobody 6, Ľutina 854 09", ["854 09"]),
    ("Praça de Amaral, 7, Caniço 1888-583 | Tel", ["1888-583"]),
    ("paid, 2019 Budget approved; Room 1234 Level 3", []),
])
def test_european_postcodes_next_to_a_town(text: str, expected: list[str]) -> None:
    assert sorted(set(_spans(ZipCodeRecognizer(), text))) == expected
