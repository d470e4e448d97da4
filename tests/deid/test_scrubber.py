"""The Scrubber on real Presidio + spaCy (loaded once per session)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dataprotocol.deid import Finding, Scrubbed, ScrubConfig
from dataprotocol.deid._eval import _survives
from dataprotocol.deid._verify import TOKEN_PATTERN
from tests.deid.conftest import KEY, OTHER_KEY

NOTE = ("Patient John Smith, DOB 03/04/1978, MRN 12345678, lives at 42 Elm Street, Springfield, "
        "IL 62704. Call +44 20 7946 0958 or email john.smith@example.com. SSN 219-09-9999.")


def _types(scrubber: Any, text: str) -> dict[str, str]:
    return {text[f.start:f.end]: f.entity_type for f in scrubber.find(text)}


def test_building_and_scrubbing_opens_no_connection(offline_build: tuple[Any, list[Any]],
                                                    blocked_network: Any) -> None:
    scrubber, attempts_during_build = offline_build
    out = scrubber.scrub("write to ann@example.org, see http://example.net/x, ping 10.0.0.1")
    assert attempts_during_build == [] and blocked_network.attempts == []
    assert "ann@example.org" not in out.text and "<EMAIL_ADDRESS>" in out.text


def test_find_returns_findings_for_every_kind(scrubber: Any) -> None:
    found = _types(scrubber, NOTE)
    assert found["John Smith"] == "PERSON"
    assert found["03/04/1978"] == "DATE_TIME"
    assert found["12345678"] == "MEDICAL_RECORD_NUMBER"
    assert any("42 Elm Street" in span and kind == "STREET_ADDRESS" for span, kind in found.items())
    assert found["+44 20 7946 0958"] == "PHONE_NUMBER"
    assert found["john.smith@example.com"] == "EMAIL_ADDRESS"
    assert found["219-09-9999"] == "US_SSN"
    assert all(isinstance(f, Finding) and f.recognizer for f in scrubber.find(NOTE))


def test_field_labels_are_not_organisations_and_no_overlaps(scrubber: Any) -> None:
    findings = scrubber.find(NOTE)
    texts = [NOTE[f.start:f.end] for f in findings]
    assert not any(t.strip() in {"DOB", "MRN", "SSN"} or t.startswith(("DOB", "SSN")) for t in texts)
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:]))  # sorted, disjoint
    email = [f for f in findings if f.entity_type == "EMAIL_ADDRESS"]
    assert len(email) == 1 and not any(f.entity_type in {"URL", "ORGANIZATION"} and
                                       f.start >= email[0].start and f.end <= email[0].end for f in findings)


@pytest.mark.parametrize(("text", "value", "entity"), [
    ("She is a 45-year-old teacher.", "45", "AGE"),
    ("Passport number 123456789 was scanned.", "123456789", "US_PASSPORT"),
    ("Driver's license D1234567 on file.", "D1234567", "US_DRIVER_LICENSE"),
    ("Ring me on 001-212-555-0199x12 tomorrow.", "001-212-555-0199x12", "PHONE_NUMBER"),
    ("Born March 3, 1978 in a small town.", "March 3, 1978", "DATE_TIME"),
    ("Ship it to 1600 Pennsylvania Avenue NW please.", "1600 Pennsylvania Avenue", "STREET_ADDRESS"),
    ("Thanks for calling Fowler LLC today.", "Fowler LLC", "ORGANIZATION"),
])
def test_extra_recognizers(scrubber: Any, text: str, value: str, entity: str) -> None:
    found = _types(scrubber, text)
    assert any(value in span and kind == entity for span, kind in found.items()), found


def test_context_required_for_bare_ids(scrubber: Any) -> None:
    found = _types(scrubber, "Order 123456789 shipped in 3 boxes.")
    assert "US_PASSPORT" not in found.values() and "US_DRIVER_LICENSE" not in found.values()


def test_relative_dates_are_kept(scrubber: Any) -> None:
    out = scrubber.scrub("I saw her yesterday and will call back in two weeks.").text
    assert "yesterday" in out and "two weeks" in out


def test_propagation_scrubs_repeated_names(scrubber: Any) -> None:
    out = scrubber.scrub("Dr. Alvarez saw the patient. Later alvarez-free notes mention Alvarez again.").text
    assert "Alvarez" not in out.replace("alvarez", "")


def test_allow_deny_lists_and_context_words(scrubber: Any) -> None:
    allowed = scrubber.reconfigured(ScrubConfig(allow_list=("Springfield",)))
    text = "The clinic moved from Boston to Springfield last year."
    assert "Springfield" not in scrubber.scrub(text).text
    assert "Springfield" in allowed.scrub(text).text and "Boston" not in allowed.scrub(text).text
    denied = type(scrubber)(ScrubConfig(deny_list={"ORGANIZATION": ("Project Falcon",)},
                                        context={"MEDICAL_RECORD_NUMBER": ("hosp id",)}))
    # without the context word it is only a generic labelled id; with it, an MRN
    assert scrubber.scrub("Hosp ID 4456123 admitted").text == "Hosp ID <ID> admitted"
    assert denied.scrub("Hosp ID 4456123 admitted").text == "Hosp ID <MEDICAL_RECORD_NUMBER> admitted"
    plain = scrubber.scrub("we discussed project falcon today").text
    assert "project falcon" in plain  # the model alone does not know the code name
    assert denied.scrub("we discussed Project Falcon today").text == "we discussed <ORGANIZATION> today"
    assert denied.find("we discussed Project Falcon today")[0].score == 1.0


def test_operators_per_entity(scrubber: Any) -> None:
    config = ScrubConfig(operator="redact", operators={"PERSON": "pseudonym", "EMAIL_ADDRESS": "mask"}, key=KEY)
    out = scrubber.reconfigured(config).scrub("Mail John Smith at js@example.org now.").text
    assert out.startswith("Mail PERSON_") and "**@*******.***" in out


def test_pseudonyms_stable_across_calls_and_documents(keyed: Any) -> None:
    a = keyed.scrub("Patient John Smith was admitted.").text
    b = keyed.scrub_many(["Follow-up for John Smith on Monday."])[0].text
    token = a.split()[1]
    assert token.startswith("PERSON_") and token in b
    other = keyed.reconfigured(ScrubConfig(operator="pseudonym", key=OTHER_KEY))
    assert token not in other.scrub("Patient John Smith was admitted.").text


def test_scrub_many_matches_scrub_and_keeps_order(scrubber: Any) -> None:
    texts = [NOTE, "", "nothing here", "Call Ann Lee at 555-123-4567.", "   "] * 3
    many = scrubber.scrub_many(texts, batch_size=4)
    assert [m.text for m in many] == [scrubber.scrub(t).text for t in texts]
    assert many[1] == Scrubbed("", (), language="en")


@pytest.mark.slow
def test_scrub_many_parallel_equals_serial(scrubber: Any) -> None:
    texts = [f"Ticket {i}: Ann Lee (ann{i}@example.org) called from 555-123-{1000 + i}." for i in range(24)]
    serial = scrubber.scrub_many(texts, batch_size=4)
    assert scrubber.scrub_many(texts, batch_size=4, n_process=2) == serial


def test_long_documents_are_chunked(scrubber: Any) -> None:
    text = ("Some filler text without identifiers. " * 20 + "Email ann@example.org please.\n") * 5
    small = scrubber.reconfigured(scrubber.config.with_changes(max_chunk_chars=300))
    out = small.scrub(text)
    assert out.text.count("<EMAIL_ADDRESS>") == 5 and "ann@example.org" not in out.text


_PIIISH = st.sampled_from(["John Smith", "jane@example.org", "555-123-4567", "42 Elm Street", "MRN 1234567",
                           "Dr. Patel", "DOB 01/02/1980", "Springfield, IL 62704", "4111 1111 1111 1111"])


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.text(max_size=40), _PIIISH), max_size=6).map(" ".join))
def test_scrub_never_raises_and_removes_every_finding(scrubber: Any, text: str) -> None:
    result = scrubber.scrub(text)
    assert isinstance(result.text, str)
    tokens = " ".join(m.group(0) for m in TOKEN_PATTERN.finditer(result.text))
    for f in result.findings:
        original = text[f.start:f.end]
        if len(original.strip()) >= 3 and original not in tokens:
            assert not _survives(original, result.text), (f, original)


def test_uninstalled_model_is_input_error_not_a_download(blocked_network: Any) -> None:
    from dataprotocol.deid import Scrubber
    from dataprotocol.errors import InputError

    with pytest.raises(InputError, match="not installed"):
        Scrubber(ScrubConfig(model="xx_no_such_pipeline"))
    assert blocked_network.attempts == []
