"""License registry: the built-ins, the known-answer tables, malformed user files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from dataprotocol._files import load_yaml
from dataprotocol.errors import InputError
from dataprotocol.policy import ACTIONS, LicenseRegistry, combine, default_registry, load_license_file

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "policy"
BUILTIN_IDS = {"CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-ND-4.0", "CC-BY-NC-SA-4.0",
               "CC-BY-NC-ND-4.0", "PDDL-1.0", "ODC-By-1.0", "ODbL-1.0", "CDLA-Permissive-2.0",
               "CDLA-Sharing-1.0", "LicenseRef-unspecified"}


def _cases(name: str) -> list[dict]:
    return list(load_yaml(VECTORS / name)["cases"])


def _id(case: dict) -> str:
    return "+".join(case["licenses"]) + ":" + case["action"] + ":" + case.get("profile", "c")[:4] \
        + (":" + case["purpose"] if case.get("purpose") else "")


def test_all_builtins_present_and_define_every_action():
    reg = default_registry()
    assert BUILTIN_IDS <= set(reg.ids())
    for lic in reg:
        assert set(lic.actions) == set(ACTIONS), lic.id


@pytest.mark.parametrize("case", _cases("license_actions.yaml"), ids=_id)
def test_license_action_known_answers(case):
    result = combine(case["licenses"], action=case["action"], purpose=case.get("purpose"),
                     profile=case.get("profile", "conservative"))
    assert result.allowed is case["allowed"], result.reasons
    if not case["allowed"]:
        assert result.reasons
        if "reason" in case:
            assert any(case["reason"] in r for r in result.reasons), result.reasons


@pytest.mark.parametrize("case", _cases("combinations.yaml"), ids=_id)
def test_combination_known_answers(case):
    result = combine(case["licenses"], action=case["action"], profile=case.get("profile", "conservative"))
    assert result.allowed is case["allowed"], result.reasons
    if "outputs" in case:
        assert list(result.output_licenses) == case["outputs"]
    kinds = {o.kind for o in result.obligations}
    assert set(case.get("obligations", [])) <= kinds
    assert not set(case.get("absent", [])) & kinds
    if "conflict" in case:
        assert any(case["conflict"] in c for c in result.conflicts), result.conflicts
        assert set(result.conflicts) <= set(result.reasons)


def test_attribution_lists_credits_and_modified_note():
    result = combine(["CC-BY-4.0", "CC0-1.0"], action="publish-model", credits=["X by Y", "Z"])
    assert result.attribution == ("X by Y",)
    kinds = {(o.kind, o.license) for o in result.obligations}
    assert ("modified-notice", "CC-BY-4.0") in kinds


def test_unknown_action_and_profile_are_input_errors():
    with pytest.raises(InputError, match="action"):
        combine(["CC0-1.0"], action="sell")
    with pytest.raises(InputError, match="profile"):
        combine(["CC0-1.0"], action="read", profile="yolo")


GOOD = """\
id: LicenseRef-acme
name: ACME data license
url: null
conditions:
  commercial: false
  attribution: true
  share_alike: null
  no_derivatives: false
adaptation_licenses: [LicenseRef-acme]
actions:
  read: {allowed: true}
  train: {allowed: true}
  publish-model: {allowed: {conservative: false, permissive: true}}
  publish-data: {allowed: false, reason: "ACME says no"}
"""


def test_user_license_folder(tmp_path, monkeypatch):
    (tmp_path / "acme.yaml").write_text(GOOD)
    reg = LicenseRegistry.load(tmp_path)
    assert "LicenseRef-acme" in reg and len(reg) == len(LicenseRegistry.load(env=False)) + 1
    assert not combine(["LicenseRef-acme"], action="publish-data", registry=reg).allowed
    assert combine(["LicenseRef-acme"], action="publish-model", profile="permissive", registry=reg).allowed
    monkeypatch.setenv("DATAPROTOCOL_POLICIES", str(tmp_path))
    assert "LicenseRef-acme" in LicenseRegistry.load()


def test_duplicate_license_id_rejected(tmp_path):
    (tmp_path / "dup.yaml").write_text(GOOD.replace("LicenseRef-acme", "CC-BY-4.0", 1))
    with pytest.raises(InputError, match="already defined"):
        LicenseRegistry.load(tmp_path)


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ("  commercial: false", "  commercial: maybe", 5, "conditions.commercial"),
        ("  train: {allowed: true}", "  train: {allowed: yes please}", 12, "actions.train.allowed"),
        ("  publish-model: {allowed: {conservative: false, permissive: true}}",
         "  publish-model: {allowed: {conservative: false, lenient: true}}", 13,
         "actions.publish-model.allowed.lenient"),
        ("  read: {allowed: true}", "  read: {allowed: true, obligations: [dance]}", 11, "actions.read.obligations"),
        ("url: null", "url: null\ncolour: blue", 4, "colour"),
        ("  publish-data: {allowed: false, reason: \"ACME says no\"}\n", "", 11, "actions.publish-data"),
    ],
)
def test_malformed_license_names_file_line_field(tmp_path, old, new, line, field):
    path = tmp_path / "bad.yaml"
    text = GOOD.replace(old, new)
    assert text != GOOD
    path.write_text(text)
    with pytest.raises(InputError) as info:
        load_license_file(path)
    err = info.value
    assert err.file == str(path) and err.field == field and err.line == line, str(err)
    assert str(path) in str(err) and f":{line}" in str(err) and field in str(err)


def test_yaml_syntax_error_names_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(GOOD.replace("  train: {allowed: true}", "  train: {allowed: true"))
    with pytest.raises(InputError) as info:
        load_license_file(path)
    assert info.value.file == str(path) and info.value.line is not None


def test_builtin_yaml_is_plain_yaml():
    # the data files must stay readable by any YAML parser, not only ours
    for path in (VECTORS.parents[2] / "policies" / "licenses").glob("*.yaml"):
        assert yaml.safe_load(path.read_text())["id"] == path.stem


def test_profile_files_match_the_profiles_the_code_knows():
    from dataprotocol.policy import PROFILES, builtin_policies_dir

    files = {p.stem for p in (builtin_policies_dir() / "profiles").glob("*.yaml")}
    assert files == set(PROFILES)
    defaults = [p for p in files if load_yaml(builtin_policies_dir() / "profiles" / f"{p}.yaml")["default"]]
    assert defaults == ["conservative"]


_IDS = sorted(BUILTIN_IDS)


@given(ids=st.lists(st.sampled_from(_IDS), min_size=1, max_size=4), extra=st.sampled_from(_IDS),
       action=st.sampled_from(ACTIONS), profile=st.sampled_from(["conservative", "permissive"]),
       seed=st.randoms())
def test_combine_is_order_free_and_monotone(ids, extra, action, profile, seed):
    base = combine(ids, action=action, profile=profile)
    shuffled = list(ids)
    seed.shuffle(shuffled)
    again = combine(shuffled, action=action, profile=profile)
    assert again.allowed == base.allowed and set(again.output_licenses) == set(base.output_licenses)
    assert set(again.reasons) == set(base.reasons)
    # adding a dataset can only take permissions away, never add them
    more = combine([*ids, extra], action=action, profile=profile)
    assert not (more.allowed and not base.allowed)
    assert set(more.output_licenses) <= set(base.output_licenses) or not base.allowed


def test_spdx_ids_match_case_insensitively():
    reg = default_registry()
    assert reg["cc-by-nc-4.0"].id == "CC-BY-NC-4.0" and "odbl-1.0" in reg
    assert not combine(["cc-by-nc-4.0"], action="train", purpose="commercial").allowed
