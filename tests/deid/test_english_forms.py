"""English form and chat shapes of issue 16 (the heldout12 / dev13 gaps), each with a
known answer and a look-alike that must stay: surname-first capitals, record ids after
``#:``, in brackets and as booking codes, Pennsylvania and Maryland licences, rural
route boxes and grid addresses, "Town, ST", month/day and month/year dates, ages
after "being" and a date of birth, clubs and insurers, lower-case chat names, VINs
(check digit vectors in ``tests/vectors/deid/vins.json``), plates, legal designators and
the answer to a question for a number."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dataprotocol.deid.recognizers import (
    AgeRecognizer,
    CompanySuffixRecognizer,
    LabelledIdRecognizer,
    LocationCueRecognizer,
    LowerCaseChatNameRecognizer,
    StreetAddressRecognizer,
    UpperCaseNameRecognizer,
    UsDriverLicenseContextRecognizer,
    VinRecognizer,
    WrittenDateRecognizer,
)
from dataprotocol.deid.recognizers._checksums import vin_valid
from tests.deid.conftest import findings_of


def _spans(recognizer: Any, text: str) -> set[str]:
    return {text[r.start:r.end] for r in recognizer.analyze(text, [])}


@pytest.mark.parametrize(("text", "name"), [
    ("Tenant: OYELARAN-BAKER, TEMITOPE\nLease start: May 1", "OYELARAN-BAKER, TEMITOPE"),
    ("Signed by NWOSU, CHIAMAKA, RN on the ward.", "NWOSU, CHIAMAKA"),
    ("Co-signer VAN DER POEL, ANNELIES", "VAN DER POEL, ANNELIES"),
    ("Holder: GRZYBOWSKI, WOJCIECH T.", "GRZYBOWSKI, WOJCIECH T."),
    ("Insured FAROUK, LAYLA reported the loss.", "FAROUK, LAYLA"),
])
def test_surname_first_capitals(text: str, name: str) -> None:
    assert name in _spans(UpperCaseNameRecognizer(), text)


@pytest.mark.parametrize("text", ["Shipped from AUSTIN, TEXAS by road.", "NOTICE, PLEASE READ before signing.",
                                  "Dept: ONCOLOGY, RADIOLOGY and more."])
def test_capital_look_alikes_are_no_names(text: str) -> None:
    assert _spans(UpperCaseNameRecognizer(), text) == set()


@pytest.mark.parametrize(("text", "value"), [
    ("Inmate #: K4471902 was transferred.", "K4471902"),
    ("Re: [INC4410287] printer offline", "INC4410287"),
    ("credited to your student account (S30219944).", "S30219944"),
    ("Laptop returned, asset tag NB-220417.", "NB-220417"),
    ("Revised Quote QX-771203 attached.", "QX-771203"),
    ("Booking reference: K7QW2P for two.", "K7QW2P"),
    ("Record locator QMXTRB, seat 14C.", "QMXTRB"),
])
def test_record_ids_in_more_slots(text: str, value: str) -> None:
    assert value in _spans(LabelledIdRecognizer(), text)


@pytest.mark.parametrize("text", ["Confirmation code: PLEASE call us.", "See [1234] for the footnote.",
                                  "Booking: 2 adults, 1 child."])
def test_booking_and_bracket_look_alikes(text: str) -> None:
    assert _spans(LabelledIdRecognizer(), text) == set()


@pytest.mark.parametrize(("text", "value"), [
    ("Driver license: Pennsylvania 27 118 940", "27 118 940"),
    ("MD DL K-402-118-330-917 on file", "K-402-118-330-917"),
])
def test_licence_formats(text: str, value: str) -> None:
    assert value in _spans(UsDriverLicenseContextRecognizer(), text)
    assert _spans(UsDriverLicenseContextRecognizer(), text.replace("DL", "ref").replace("Driver license", "Bin")) \
        == set()


@pytest.mark.parametrize("street", ["RR 4 Box 118", "HC 71 Box 9", "Rural Route 2, Box 40A",
                                    "N56W15260 Silver Spring Dr"])
def test_rural_boxes_and_grid_numbers(street: str) -> None:
    assert street in _spans(StreetAddressRecognizer(), f"Mail to {street}, thanks")


def test_town_before_state_code() -> None:
    text = "Home: 12 Elm St, Mobile, AL 36602\nBranch in Des Moines IA 50309.\nSigned Jo Roe, MD."
    assert {"Mobile, AL", "Des Moines IA"} <= _spans(LocationCueRecognizer(), text)
    assert "Roe, MD" not in _spans(LocationCueRecognizer(), text)


@pytest.mark.parametrize(("text", "date"), [
    ("Admitted 3/9; discharged 3/14.", "3/14"), ("Pick-up: 6/2; return 6/9.", "6/2"),
    ("HEARING MINUTES - 11/3", "11/3"), ("in arrears since 04/2025.", "04/2025"), ("hired Spring 2023.", "Spring 2023"),
])
def test_short_dates(text: str, date: str) -> None:
    assert date in _spans(WrittenDateRecognizer(), text)


def test_fractions_and_scores_are_no_dates() -> None:
    assert _spans(WrittenDateRecognizer(), "Take 1/2 tablet on 1/2 days; pain 7/10, 3/4 of a cup.") == set()


def test_ages_after_being_and_a_birth_date() -> None:
    spans = _spans(AgeRecognizer(), "He reports being 67 and well. DOB 02/11/1941 (83)\nBeing 5 minutes late.")
    assert spans == {"67", "83"}


def test_clubs_and_insurers_with_a_line_of_business() -> None:
    spans = _spans(CompanySuffixRecognizer(), "Waiver - St. Kilian's Rowing Club\nInsurance: Humana dental, ID X")
    assert {"St. Kilian's Rowing Club", "Humana"} <= spans


def test_lower_case_chat_names() -> None:
    text = "Agent Mireille: May I have your name?\nbongani dlamini: its me\nnote: none\ntemitope said thanks."
    spans = _spans(LowerCaseChatNameRecognizer(), text)
    assert spans == {"bongani dlamini", "temitope"}
    # key: value fields are no transcript
    assert _spans(LowerCaseChatNameRecognizer(), "todo: call back\nnote: bring forms\nbongani: x") == set()


def test_name_after_a_line_the_model_ran_into(scrubber: Any) -> None:
    """spaCy's span across a line break must not hide a finding on the next line."""
    text = "Assigned to: E. Ashby, Tier 2\nmireille said in chat: \"fixed\""
    assert findings_of(scrubber, text).get("mireille") == "PERSON"
    assert "mireille" not in scrubber.scrub(text).text


def test_signature_dates_and_returns() -> None:
    spans = _spans(WrittenDateRecognizer(), "Pick-up: 4/6; return 4/19.\nI consent to treatment. 8/30\nSigned 1/4")
    assert spans == {"4/6", "4/19", "8/30", "1/4"}
    assert _spans(WrittenDateRecognizer(), "Mix one part. 1/2\nscore 3/4.") == set()


def test_surname_first_before_a_field_label() -> None:
    assert "OYELARAN, TEMITOPE" in _spans(UpperCaseNameRecognizer(), "Name: OYELARAN, TEMITOPE DOB: 1 May 1990")


def test_letterhead_department() -> None:
    assert "Brightline" in _spans(CompanySuffixRecognizer(), "Brightline Customer Care\nDear customer,")
    assert _spans(CompanySuffixRecognizer(), "The Customer Care team will call.") == set()


def test_temperature_is_no_age_with_sex() -> None:
    assert _spans(AgeRecognizer(), "T 101.4 F, pulse 80. Pt 54 F seen.") == {"54"}


@pytest.mark.parametrize("text", ["Customer Relations - Complaint", "Applicant Report\nID: 1",
                                  "Contact Jo Roe, Customer Advocate, today."])
def test_departments_after_person_cues_are_no_names(scrubber: Any, text: str) -> None:
    found = findings_of(scrubber, text)
    assert found.get("Relations") != "PERSON" and found.get("Report") != "PERSON"
    assert found.get("Advocate") != "PERSON"


VINS = json.loads((Path(__file__).parents[1] / "vectors" / "deid" / "vins.json").read_text("utf-8"))


def test_vin_check_digit_vectors() -> None:
    assert all(vin_valid(v) for v in VINS["valid"])
    assert not any(vin_valid(v) for v in VINS["invalid"])


def test_vins_with_a_check_digit_or_a_label() -> None:
    text = "Car JH4KA7561PC008269 towed; VIN: WVWZZZ1JZXW000001; serial 1HGCM82633A004353 unchecked."
    assert _spans(VinRecognizer(), text) == {"JH4KA7561PC008269", "WVWZZZ1JZXW000001"}


def test_plates_and_legal_designators(scrubber: Any) -> None:
    assert "7KPL209" in _spans(LabelledIdRecognizer(), "Silver sedan, plate 7KPL209 (CA).")
    found = findings_of(scrubber, "Employer: Kestrel Ridge Orthodontics PLLC; since May.")
    assert found.get("Kestrel Ridge Orthodontics PLLC") == "ORGANIZATION"


def test_the_answer_to_a_question_for_a_number() -> None:
    text = "Agent Mireille: Can I get your booking code?\nbongani: its QX7T2M\nAgent Mireille: Thanks. 2 bags?"
    assert _spans(LabelledIdRecognizer(), text) == {"QX7T2M"}
    assert _spans(LabelledIdRecognizer(), "Agent: Do you have a claim number?\nCaller: No, NOT YET.") == set()


def test_weekday_month_day_and_route_box() -> None:
    assert "11/14" in _spans(WrittenDateRecognizer(), "Seen on Thursday, 11/14 at 10:30am.")
    assert "Route 9 Box 12A" in _spans(StreetAddressRecognizer(), "Bill to Route 9 Box 12A, Hazard KY")


def test_a_name_keeps_what_another_person_rule_did_not_cover(scrubber: Any) -> None:
    text = "Thank you, Rafaela\nRafaela Quiñones-Beltrán | Account Executive"
    assert "Quiñones-Beltrán" not in scrubber.scrub(text).text
    assert findings_of(scrubber, text).get("Account") is None
    # a role word the rule ran into is no rest of a name
    found = findings_of(scrubber, "Card ending 3750. Representative Rosario Ibarra replied on May 2.")
    assert found.get("Representative") is None


def test_lower_case_units_need_a_digit() -> None:
    text = "She lives at 4410 W. Alcott Ave, apartment 2. Visit 5 Main St office hours."
    spans = _spans(StreetAddressRecognizer(), text)
    assert {"4410 W. Alcott Ave, apartment 2", "5 Main St"} <= spans
    assert not any("office" in s for s in spans)
