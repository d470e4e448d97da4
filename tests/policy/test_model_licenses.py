"""Model and older CC licences, the base model's licence in combine, and clearer unknown ids."""

from __future__ import annotations

import pytest

from dataprotocol.errors import InputError
from dataprotocol.policy import combine, default_registry, is_spdx_id, unknown_license_text

LLAMA2 = "LicenseRef-scancode-llama-2-license-2023"
OPENRAIL = "LicenseRef-scancode-bigscience-open-rail-m"


@pytest.mark.parametrize("lic_id, kind, hub", [
    ("Apache-2.0", "software", "apache-2.0"), ("MIT", "software", "mit"), (LLAMA2, "model", "llama2"),
    ("LicenseRef-scancode-llama-3.1-license-2024", "model", "llama3.1"),
    ("LicenseRef-scancode-gemma-tou-2024-04-01", "model", "gemma"), (OPENRAIL, "model", "bigscience-openrail-m"),
    ("CC-BY-SA-3.0", "data", "cc-by-sa-3.0"), ("CC-BY-2.5", "data", "cc-by-2.5"), ("ODbL-1.0", "data", "odbl"),
])
def test_definitions_and_hub_ids(lic_id: str, kind: str, hub: str) -> None:
    lic = default_registry()[lic_id]
    assert (lic.kind, lic.hub_id) == (kind, hub)
    assert is_spdx_id(lic_id)  # every built-in id is on the SPDX / ScanCode list


def test_every_builtin_has_a_hub_id_or_says_none() -> None:
    for lic in default_registry():
        assert lic.hub_id is None or lic.hub_id == lic.hub_id.lower()


def test_wikipedia_cc_by_sa_3_adaptations_may_move_to_4() -> None:
    result = combine(["CC-BY-SA-3.0"], action="publish-data")
    assert result.allowed and set(result.output_licenses) == {"CC-BY-SA-3.0", "CC-BY-SA-4.0"}
    # the older versions are not offered as outputs of data that did not use them
    assert "CC-BY-3.0" not in combine(["CC-BY-4.0"], action="publish-data").output_licenses


def test_base_model_license_joins_publish_model() -> None:
    result = combine(["CC-BY-4.0", LLAMA2], action="publish-model")
    assert result.allowed and result.output_licenses == (LLAMA2,)
    kinds = {o.kind for o in result.obligations}
    assert {"mau-limit", "acceptable-use-policy", "attribution"} <= kinds
    # share-alike data cannot go into a model whose licence forces its own terms on derivatives
    clash = combine(["CC-BY-SA-4.0", OPENRAIL], action="publish-model", profile="conservative")
    assert not clash.allowed and clash.conflicts
    apache = combine(["CC-BY-4.0", "Apache-2.0"], action="publish-model")
    assert apache.allowed and "Apache-2.0" in apache.output_licenses
    assert "MIT" not in apache.output_licenses  # a software licence nobody used is not offered


def test_cc_by_into_odbl_carries_the_waiver_caveat() -> None:
    result = combine(["CC-BY-4.0", "ODbL-1.0"], action="publish-data")
    assert result.allowed and result.output_licenses == ("ODbL-1.0",)
    waiver = [o for o in result.obligations if o.kind == "odbl-waiver"]
    assert waiver and "CC-BY-4.0" in waiver[0].text
    assert not any(o.kind == "odbl-waiver" for o in combine(["ODbL-1.0"], action="publish-data").obligations)


def test_known_but_undefined_spdx_id_is_told_apart_from_garbage() -> None:
    assert "valid SPDX id but has no definition" in unknown_license_text("GPL-3.0-only")
    assert "not an SPDX license id" in unknown_license_text("Made-Up-1.0")
    reasons = combine(["EUPL-1.2"], action="train").reasons
    assert any("valid SPDX id" in r for r in reasons)
    with pytest.raises(InputError, match="not an SPDX license id"):
        default_registry()["Made-Up-1.0"]
