"""The verification rule, held for every public function (docs/architecture.md):
``verify_*`` raises by default -- it returns a report only under an explicit
``raise_on_failure=False`` -- and ``audit_*`` returns a report."""

from __future__ import annotations

import importlib
import inspect
import typing

import pytest

PACKAGES = ["keys", "policy", "deid", "package", "budget", "records", "query", "lineage"]


def _public_functions() -> list[tuple[str, typing.Any]]:
    found = []
    for package in PACKAGES:
        module = importlib.import_module(f"dataprotocol.{package}")
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isfunction(value) and name.startswith(("verify_", "audit_")):
                found.append((f"{package}.{name}", value))
            if inspect.isclass(value):
                found += [(f"{package}.{name}.{attr}", getattr(value, attr)) for attr in vars(value)
                          if attr.startswith(("verify_", "audit_")) and inspect.isfunction(getattr(value, attr))]
    return found


FUNCTIONS = _public_functions()


def _returns_a_report(function: typing.Any) -> bool:
    returned = str(inspect.signature(function).return_annotation)
    return "Report" in returned


def test_the_rule_covers_the_known_functions() -> None:
    names = {n for n, _ in FUNCTIONS}
    assert {"package.verify_package", "deid.verify_file", "records.audit_model_dir",
            "policy.verify_grant", "query.audit_query_release"} <= names


@pytest.mark.parametrize("name, function", FUNCTIONS, ids=[n for n, _ in FUNCTIONS])
def test_verify_raises_by_default_audit_returns_a_report(name: str, function: typing.Any) -> None:
    short = name.rsplit(".", 1)[-1]
    parameters = inspect.signature(function).parameters
    if short.startswith("audit_"):
        assert _returns_a_report(function), f"{name} is an audit: it must return a report"
        assert "raise_on_failure" not in parameters
    elif _returns_a_report(function):  # a verify_ that can return a report: only on request
        mode = parameters.get("raise_on_failure")
        assert mode is not None and mode.default is True, \
            f"{name} returns a report: it must raise by default (raise_on_failure=True)"
