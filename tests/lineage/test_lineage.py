"""Lineage from the ledger and signed records: package -> runs, models, query releases."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from dataprotocol.budget import Ledger, MechanismEvent
from dataprotocol.cli.main import main
from dataprotocol.keys import sign_document
from dataprotocol.lineage import (
    build_lineage,
    made_from_package,
    made_under_grant,
    model_lineage,
    to_dot,
    write_picture,
)
from dataprotocol.package import read_manifest
from dataprotocol.query import query_package
from dataprotocol.records import PRIVACY_DOC_TYPE, PRIVACY_FILE
from dataprotocol.train._gate import open_gate
from tests.query.conftest import PURPOSE, grant_doc


@pytest.fixture
def history(package, publisher, analyst, tmp_path):
    """A training run (reserved through the training gate, with its signed card), two
    query releases under grant A, one under grant B."""
    ledger, records = tmp_path / "ledger.sqlite", tmp_path / "records"
    records.mkdir()
    grant_a = grant_doc(package, publisher, analyst, actions=("query", "train"))
    grant_b = grant_doc(package, publisher, analyst)
    gate = open_gate(package, grant=grant_a, key=analyst, purpose=PURPOSE, ledger=ledger)
    gate.reserve(run_id="run-lineage", delta=1e-5,
                 events=[MechanismEvent(noise_multiplier=2.0, sample_rate=0.1, steps=50)])
    manifest = read_manifest(package)
    model = records / "model"
    model.mkdir()
    payload = {"run_id": "run-lineage", "trainer": analyst.public_document(),
               "data": [{"dataset_id": "clinic-visits", "dataset_version": "1",
                         "manifest_id": manifest.manifest_id,
                         "grant_id": gate.grant_id, "license": "CC-BY-4.0"}],
               "ledger": {"run_id": "run-lineage"}, "accounting": {"epsilon": 1.2},
               "license": {"output_licenses": ["CC-BY-4.0"]}}
    (model / PRIVACY_FILE).write_text(json.dumps(sign_document(PRIVACY_DOC_TYPE, payload, analyst)))
    for i, grant in enumerate((grant_a, grant_a, grant_b)):
        query_package(package, grant=grant, key=analyst, purpose=PURPOSE, queries=["count"],
                      epsilon=0.5, ledger=ledger, record=records / f"q{i}.release.json")
    return {"ledger": ledger, "records": records, "model": model, "manifest": manifest,
            "grant_a": grant_a["payload"]["grant_id"], "grant_b": grant_b["payload"]["grant_id"]}


def _kinds(answer):
    return sorted((n.kind, n.attrs.get("spend")) for n in answer.items())


def test_package_grant_and_model_questions(history):
    book = Ledger(history["ledger"])
    graph = build_lineage(ledger=book, records=[history["records"]])
    manifest = history["manifest"]
    made = made_from_package(graph, manifest_id=manifest.manifest_id, dataset_id="clinic-visits")
    assert _kinds(made) == [("model", None), ("query", None), ("query", None), ("query", None),
                            ("run", "query"), ("run", "query"), ("run", "query"), ("run", "train")]
    under_a = made_under_grant(graph, grant_id=history["grant_a"])
    assert len(under_a.items("query")) == 2 and len(under_a.items("model")) == 1
    assert {n.label for n in under_a.items("run")} >= {"run-lineage"}
    under_b = made_under_grant(graph, grant_id=history["grant_b"])
    assert len(under_b.items("query")) == 1 and not under_b.items("model")
    origin = model_lineage(graph, model_dir=history["model"], ledger=book)
    kinds = {n.kind for n in origin.graph.nodes.values()}
    assert {"dataset", "manifest", "grant", "run"} <= kinds
    assert origin.budget is not None and origin.budget["epsilon_cap"] == 8.0
    assert all(n.attrs.get("verified", True) for n in made.items())
    dot = to_dot(under_a.graph)
    assert dot.startswith("digraph lineage {") and history["grant_a"] in dot


def test_a_tampered_record_is_marked_unverified(history):
    record = history["records"] / "q0.release.json"
    record.write_bytes(record.read_bytes().replace(b'"count"', b'"COUNT"', 1))
    graph = build_lineage(records=[history["records"]])
    flags = {n.attrs["path"]: n.attrs["verified"] for n in graph.nodes.values() if n.kind == "query"}
    assert flags[str(record)] is False and list(flags.values()).count(True) == 2


def test_cli_lineage_json_and_picture(history, tmp_path, capsys, package):
    base = ["lineage", "--ledger", str(history["ledger"]), "--records", str(history["records"])]
    assert main([*base, "--package", str(package), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["found"]
    assert sum(1 for n in found if n["kind"] == "query") == 3
    assert main([*base, "--grant", history["grant_b"], "--dot", str(tmp_path / "g.dot"),
                 "--json"]) == 0
    assert "digraph" in (tmp_path / "g.dot").read_text()
    assert main([*base, "--package", str(package), "--grant", "x"]) == 2


def test_picture_rendered_by_graphviz(history, tmp_path):
    if shutil.which("dot") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Graphviz 'dot' must be installed in CI (.ci/run installs graphviz)")
        pytest.skip("Graphviz 'dot' is not installed")
    graph = build_lineage(ledger=Ledger(history["ledger"]), records=[history["records"]])
    out = write_picture(graph, tmp_path / "lineage.svg")
    assert out.read_text().lstrip().startswith(("<?xml", "<svg"))
