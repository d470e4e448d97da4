"""ScrubConfig takes Presidio OperatorConfig objects and honours DEFAULT; unsafe ones are refused."""

from __future__ import annotations

import pickle

import pytest
from presidio_anonymizer.entities import OperatorConfig

from dataprotocol.deid import Scrubber, ScrubConfig
from dataprotocol.errors import InputError

TEXT = "Call Ann Lee at 555-123-4567 or write to ann.lee@example.com."

@pytest.fixture(scope="module")
def scrub_with():

    def run(**config):
        scrubber = Scrubber(ScrubConfig(**config))
        return scrubber.scrub(TEXT).text

    return run

def test_default_and_per_type_operator_configs(scrub_with) -> None:
    out = scrub_with(operators={
        "DEFAULT": OperatorConfig("replace", {"new_value": "[removed]"}),
        "PHONE_NUMBER": OperatorConfig("mask", {"masking_char": "#", "chars_to_mask": 4, "from_end": True}),
        "EMAIL_ADDRESS": "redact",
    })
    assert "[removed]" in out and "Ann Lee" not in out           # DEFAULT covers PERSON
    assert "555-123-####" in out                                   # Presidio mask semantics
    assert "ann.lee@example.com" not in out and "[removed]." not in out  # redact leaves nothing

def test_custom_operator_calls_the_users_function(scrub_with) -> None:
    out = scrub_with(operators={"PERSON": OperatorConfig("custom", {"lambda": lambda v: v[:1] + "."})})
    assert "A." in out and "Ann Lee" not in out

@pytest.mark.parametrize("name, why", [("hash", "pseudonym"), ("encrypt", "AES-CBC")])
def test_presidio_unsafe_operators_are_refused(name: str, why: str) -> None:
    with pytest.raises(InputError, match=why):
        ScrubConfig(operators={"PERSON": OperatorConfig(name, {})})

def test_bad_operator_configs_are_input_errors() -> None:
    with pytest.raises(InputError, match="unsupported"):
        ScrubConfig(operators={"PERSON": OperatorConfig("replace", {"new_value": "x", "bogus": 1})})
    with pytest.raises(InputError, match="neither a name nor"):
        ScrubConfig(operators={"PERSON": 42})
    with pytest.raises(InputError, match="unknown operator"):
        ScrubConfig(operator="custom")

def test_configs_with_presidio_objects_still_pickle_for_worker_processes() -> None:
    config = ScrubConfig(operators={"DEFAULT": OperatorConfig("replace", {"new_value": "<X>"})})
    again = pickle.loads(pickle.dumps(config))
    assert again.operator_for("PERSON") == "replace" and again.operator_params("PERSON") == {"new_value": "<X>"}
