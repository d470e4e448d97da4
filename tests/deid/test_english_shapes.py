"""How English documents write what issue 16's blind set leaked: names in capitals
("DOE, JOHN", "EZEKIEL VAN DER MERWE"), Washington driver licences, carriers' tracking
codes and chat session ids, a street line that runs into its ZIP code, organisations
named by their head noun or their form field, ages with their occasion -- and the
headings, labels and prose that look like them but are none. Real Presidio throughout;
the licence formats are known-answer vectors; Hypothesis feeds the new rules arbitrary
Unicode."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from dataprotocol.deid.recognizers import (
    AgeRecognizer,
    CompanySuffixRecognizer,
    LabelledIdRecognizer,
    NameLexiconRecognizer,
    PersonContextRecognizer,
    UnknownNameRecognizer,
    UpperCaseNameRecognizer,
    UsDriverLicenseContextRecognizer,
)
from tests.deid._fuzz import assert_no_finding_survives, assert_spans_in_range, fragment_text
from tests.deid.conftest import findings_of

LICENCES = json.loads((Path(__file__).parents[1] / "vectors" / "deid" / "us_driver_licences.json")
                      .read_text("utf-8"))


def _spans(recognizer: Any, text: str) -> list[str]:
    return [text[r.start:r.end] for r in recognizer.analyze(text, [])]


@pytest.mark.parametrize(("text", "name"), [
    ("Tenant: IMANI IBARRA signed on the first of the month.", "IMANI IBARRA"),
    ("HR partner: EZEKIEL O'DONOGHUE", "EZEKIEL O'DONOGHUE"),
    ("Patient: EZEKIEL VAN DER MERWE  DOB February 9, 2001", "EZEKIEL VAN DER MERWE"),
    ("I, MATEO KOWALCZYK, am writing to dispute a charge.", "MATEO KOWALCZYK"),
    ("Companion: HYUN-WOO WHITFIELD, age 89", "HYUN-WOO WHITFIELD"),
    ("Insured: TAMSIN P. LINDQVIST   DOB: 1987-07-27", "TAMSIN P. LINDQVIST"),
    ("Case No. 2023-SC-67233\nAGNIESZKA OYELARAN, Plaintiff, v. Pinnacle Staffing", "AGNIESZKA OYELARAN"),
    ("Register entry: ROE, JANE Q. was admitted.", "ROE, JANE Q."),
])
def test_names_in_capitals(text: str, name: str) -> None:
    assert _spans(UpperCaseNameRecognizer(), text) == [name]


@pytest.mark.parametrize("text", [
    "RESIDENTIAL LEASE AGREEMENT between the parties named below.",
    "PROPERTY LOSS NOTICE - see the attached FIRST NOTICE OF LOSS form.",
    "The HIPAA HITECH rules and NASA JPL both apply; WASHINGTON DC office.",
    "Shipments from AUSTIN, TEXAS and DALLAS, TX are delayed.",
    "ONBOARDING CHECKLIST for the new starter",
    "VAN DER MERWE alone is a surname, not a whole name.",
])
def test_headings_and_acronyms_in_capitals_are_not_names(text: str) -> None:
    assert _spans(UpperCaseNameRecognizer(), text) == []


def test_a_document_in_capitals_is_left_to_the_other_rules() -> None:
    shouted = "PLEASE CALL BACK ABOUT THE ORDER FOR EZEKIEL NAKAMURA BEFORE FRIDAY AS THE TRUCK LEAVES EARLY"
    assert _spans(UpperCaseNameRecognizer(), shouted) == []
    assert _spans(UpperCaseNameRecognizer(), "EZEKIEL NAKAMURA") == ["EZEKIEL NAKAMURA"]  # a cell, not a shout


def test_scrubber_removes_names_in_capitals(scrubber: Any) -> None:
    text = ("Re: Dispute of unauthorized transaction\nI, MATEO KOWALCZYK, am writing to dispute a charge.\n"
            "Respectfully,\nMATEO KOWALCZYK")
    out = scrubber.scrub(text).text
    assert "KOWALCZYK" not in out and "MATEO" not in out
    assert "Dispute of unauthorized transaction" in out


def test_a_name_on_the_line_after_an_entity_the_model_ran_on(scrubber: Any) -> None:
    # spaCy reads "...@k12.ev.us\nCompanion: Priyanka Lockhart" as one PERSON span
    text = ("Receipt sent to sven_fitzgerald76@k12.ev.us\nCompanion: Priyanka Lockhart, age 10\n"
            "Travel date: 03/04/2020")
    found = findings_of(scrubber, text)
    assert found.get("Priyanka Lockhart") == "PERSON"
    assert "Companion" not in " ".join(found)


@pytest.mark.parametrize(("text", "name"), [
    ("Passenger Rozman/Katja (26) was denied boarding.", "Rozman/Katja"),
    ("Traveller: Vethayasas/Parin MR   Date of birth: 31 May 1990", "Vethayasas/Parin"),
])
def test_airline_surname_slash_given(text: str, name: str) -> None:
    assert name in _spans(PersonContextRecognizer(), text)


def test_slashed_words_are_not_names() -> None:
    assert _spans(PersonContextRecognizer(), "Use the Input/Output menu of the TCP/IP stack.") == []


def test_lower_case_name_after_its(scrubber: Any) -> None:
    assert "maria" not in scrubber.scrub("hey its maria here, can u call me back").text
    # the possessive: only a known first name counts after "its", never an unknown word
    assert _spans(NameLexiconRecognizer(), "the object and its descriptor, with its traceback") == []


def test_roles_are_not_names(scrubber: Any) -> None:
    text = ("Notices to Tenant may be sent by post. Landlord shall repair the roof. "
            "Mateo Szymanski, Plaintiff, v. Pinnacle Staffing Group, Defendant.")
    found = findings_of(scrubber, text)
    assert not {"Tenant", "Landlord", "Plaintiff", "Defendant"} & set(found)
    assert "Mateo Szymanski" in found


def test_modern_words_are_not_unknown_names() -> None:
    assert _spans(UnknownNameRecognizer(), "Laptop asset tag issued. Onboarding and Hazmat training follow.") == []


@pytest.mark.parametrize(("state", "licence"), sorted(LICENCES["licences"].items()))
def test_us_driver_licence_vectors(state: str, licence: str) -> None:
    assert licence in _spans(UsDriverLicenseContextRecognizer(), f"identified by driver's license no. {licence}.")


@pytest.mark.parametrize("token", LICENCES["not_licences"])
def test_us_driver_licence_look_alikes(token: str) -> None:
    assert _spans(UsDriverLicenseContextRecognizer(), f"identified by driver's license no. {token}.") == []


def test_washington_licence_needs_a_licence_word() -> None:
    assert _spans(UsDriverLicenseContextRecognizer(), "Washington driver's license no. WDLGX8LTT6T3.") == \
        ["WDLGX8LTT6T3"]
    assert _spans(UsDriverLicenseContextRecognizer(), "Part WDLGX8LTT6T3 ships on Monday.") == []


def test_tracking_codes_and_session_ids(scrubber: Any) -> None:
    text = "Chat transcript - session 64019188\nTracking: 1Z7R88HXPDJ7YTLTPE\nPieces: 3  Weight: 142 lb"
    assert _spans(LabelledIdRecognizer(), text) == ["64019188", "1Z7R88HXPDJ7YTLTPE"]
    out = scrubber.scrub(text).text
    assert "64019188" not in out and "1Z7R88HXPDJ7YTLTPE" not in out and "142 lb" in out


def test_a_street_line_that_runs_into_its_zip_code(scrubber: Any) -> None:
    text = "To: Dr. Noor's office\nDelivery to 4569 Old Mill Road, Unit 7, Fresno, CA 53787\nChart: see file"
    out = scrubber.scrub(text).text
    assert "4569 Old Mill Road" not in out and "Unit 7" not in out and "53787" not in out


@pytest.mark.parametrize(("text", "org"), [
    ("Maple Hollow Elementary School\nEnrollment Confirmation", "Maple Hollow Elementary School"),
    ("PROPERTY LOSS NOTICE - Granite State Casualty\nClaim #: 665861122", "Granite State Casualty"),
    ("IN THE Tri-County Superior Court\nCase No. 2022-CV-00144", "Tri-County Superior Court"),
    ("Kestrel Pharmacy - Refill Request", "Kestrel Pharmacy"),
    ("- Repeat labs in AM\nInsurance: Anthem, Member ID Q21-5106078.", "Anthem"),
    ("New York Life Insurance paid the claim.", "New York Life Insurance"),
])
def test_organisations_by_head_noun_or_field(text: str, org: str) -> None:
    assert org in _spans(CompanySuffixRecognizer(), text)


@pytest.mark.parametrize("text", [
    "The School board met and Each Department agreed.",
    "He lives on Elm Court now.",
    "Insurance: none on file",
    "Provider: Dr. Amy Carter",
])
def test_organisation_look_alikes(text: str) -> None:
    assert _spans(CompanySuffixRecognizer(), text) == []


@pytest.mark.parametrize(("text", "age"), [
    ("Age at hire: 26 yrs.", "26"),
    ("age at diagnosis 54, stage II", "54"),
    ("Age on admission: 71", "71"),
    ("Plaintiff, a 58 Somali national residing in Spokane", "58"),
    ("The victim, an 18 Hispanic male, was treated.", "18"),
    ("Guerra, Ivan - 33 yrs - fall at home", "33"),
    ("| Year 9 | Maths | 15 yrs | six sessions left", "15"),
    ("my father Sam Moons, who is 75 and uses a wheelchair", "75"),
    ("a sixty-two-year-old man with chest pain", "sixty-two"),
    ("hey i'm Bhavya from Jodhpur, 24 and new here", "24"),
])
def test_age_phrasings(text: str, age: str) -> None:
    assert _spans(AgeRecognizer(), text) == [age]


@pytest.mark.parametrize("text", ["a 12 Mile Road resident", "age at the time 9:30", "an 8 Track player",
                                  "I'm at gate 5, 12 minutes late", "I am sorry, 3 items were missing",
                                  "she has 10 years of experience", "the loan runs 30 years from signing"])
def test_age_look_alikes(text: str) -> None:
    assert _spans(AgeRecognizer(), text) == []


_TEXT = fragment_text(["EZEKIEL", " ", "VAN DER", "O'", "-", ", ", "J.", "NAKAMURA", "\n", "Insurance: ",
                              "School", "Superior Court", "Age at hire: ", "a 58 ", "Somali ", "national",
                       "Tracking: ", "1Z7R88HXPDJ7YTLTPE", "WDL", "driver's license no. ", "WA"])


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT)
def test_shape_rules_on_arbitrary_unicode(scrubber: Any, text: str) -> None:
    assert_spans_in_range((UpperCaseNameRecognizer(), CompanySuffixRecognizer(), AgeRecognizer(),
                           UsDriverLicenseContextRecognizer(), LabelledIdRecognizer()), text)
    assert_no_finding_survives(scrubber, text)
