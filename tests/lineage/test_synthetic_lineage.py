"""Synthetic tables and the packages published from them in the lineage graph: source
package -> run -> model, run -> synthetic table -> derived package, all under the grant;
from a real ledger, a real signed provenance and a real ``publish_synthetic``."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from dataprotocol.budget import Ledger, MechanismEvent
from dataprotocol.cli.main import main
from dataprotocol.keys import sign_document
from dataprotocol.lineage import build_lineage, made_from_package, made_under_grant, revocation_impact, to_dot
from dataprotocol.package import publish_synthetic, read_manifest
from dataprotocol.policy import DatasetCard
from dataprotocol.records import (
    PRIVACY_DOC_TYPE,
    PRIVACY_FILE,
    SyntheticProvenance,
    sha256_file,
    write_provenance,
)
from dataprotocol.train._gate import open_gate
from tests.lineage.test_lineage import history  # noqa: F401
from tests.query.conftest import PURPOSE, grant_doc


@pytest.fixture
def derived(history, package, publisher, analyst, tmp_path):  # noqa: F811
    """On top of ``history``: a generator trained under grant P (train + publish-data),
    a table sampled from it (signed provenance) and the package published from it."""
    records = history["records"]
    grant_p = grant_doc(package, publisher, analyst, actions=("train", "publish-data"))
    gate = open_gate(package, grant=grant_p, key=analyst, purpose=PURPOSE, ledger=history["ledger"])
    gate.reserve(run_id="run-generator", delta=1e-5,
                 events=[MechanismEvent(noise_multiplier=1.5, sample_rate=0.1, steps=40)])
    manifest = history["manifest"]
    source = {"dataset_id": "clinic-visits", "dataset_version": "1",
              "manifest_id": manifest.manifest_id, "grant_id": gate.grant_id, "license": "CC-BY-4.0"}
    model = records / "generator"
    model.mkdir()
    (model / PRIVACY_FILE).write_text(json.dumps(sign_document(PRIVACY_DOC_TYPE, {
        "run_id": "run-generator", "trainer": analyst.public_document(), "data": [source],
        "ledger": {"run_id": "run-generator"}, "accounting": {"epsilon": 2.0},
        "license": {"output_licenses": ["CC-BY-4.0"]}}, analyst)))
    table = records / "tables" / "visits.parquet"
    table.parent.mkdir()
    pd.DataFrame({"note": [f"synthetic note {i}" for i in range(4)]}).to_parquet(table, index=False)
    write_provenance(table.with_suffix(".provenance.json"), SyntheticProvenance(
        model_run_id="run-generator", model_privacy_sha256=sha256_file(model / PRIVACY_FILE),
        epsilon=2.0, delta=1e-5, accountant="prv", ledger_entry=None, sources=[source],
        license={"output_licenses": ["CC-BY-4.0"], "obligations": [], "attribution": []},
        rows=4, columns=["note"], prompts=[], generation={}, scrub={"scrubbed": True},
        table_file=table.name, table_sha256=sha256_file(table),
        created_at="2026-12-02T00:00:00Z"), signer=analyst)
    card = DatasetCard.from_dict({
        "dataset_id": "clinic-visits-synthetic", "version": "1", "title": "Synthetic visits",
        "license": "CC-BY-4.0", "purposes": [PURPOSE], "contains_pii": False,
        "attribution": {"creator": "Analyst", "source": "https://example.org/synthetic"},
        "budget": {"epsilon": 1.0, "delta": 1e-5}, "publisher": analyst.public_document()},
        source="synthetic card")
    out = records / "synthetic-package"
    published = publish_synthetic(table, card=card, publisher=analyst, out=out,
                                  grants=[grant_p], source_packages=[package], purpose=PURPOSE)
    return {**history, "grant_p": gate.grant_id, "table": table, "derived": out,
            "derived_id": published.manifest_id}


def _labels(nodes, kind):
    return sorted(n.label for n in nodes if n.kind == kind)


def test_package_to_model_table_and_derived_package(derived):
    graph = build_lineage(ledger=Ledger(derived["ledger"]), records=[derived["records"]])
    # the loose provenance and the package's verbatim copy are one table
    tables = [n for n in graph.nodes.values() if n.kind == "synthetic"]
    assert len(tables) == 1 and tables[0].attrs["verified"] is True
    package = graph.nodes[f"package:{derived['derived_id']}"]
    assert package.kind == "package" and package.attrs["verified"] is True
    relations = {(e.source, e.target, e.relation) for e in graph.edges}
    assert ("run:run-generator", tables[0].id, "produced") in relations
    assert (tables[0].id, package.id, "published as") in relations
    assert (f"grant:{derived['grant_p']}", package.id, "published under") in relations
    assert (f"manifest:{derived['manifest'].manifest_id}", tables[0].id, "made from") in relations
    made = made_from_package(graph, manifest_id=derived["manifest"].manifest_id,
                             dataset_id="clinic-visits")
    assert _labels(made.items(), "synthetic") == ["visits.parquet"]
    assert _labels(made.items(), "package") == ["clinic-visits-synthetic v1"]
    assert "generator" in _labels(made.items(), "model")
    under = made_under_grant(graph, grant_id=derived["grant_p"])
    assert {n.kind for n in under.items()} == {"run", "model", "synthetic", "package"}
    # the other grants made none of it
    assert not made_under_grant(graph, grant_id=derived["grant_b"]).items("synthetic", "package")
    dot = to_dot(under.graph)
    assert f'"package:{derived["derived_id"]}"' in dot and "published as" in dot


def test_revocation_impact_lists_the_table_and_the_package(derived):
    impact = revocation_impact(grant_ids=[derived["grant_p"]], ledger=Ledger(derived["ledger"]),
                               records=[derived["records"]])
    counts = impact.counts()
    assert counts["synthetic"] == 1 and counts["package"] == 1 and counts["model"] == 1
    assert not impact.unverified
    other = revocation_impact(grant_ids=[derived["grant_a"]], ledger=Ledger(derived["ledger"]),
                              records=[derived["records"]])
    assert other.counts()["synthetic"] == other.counts()["package"] == 0


def test_a_tampered_derived_package_or_provenance_is_reported_not_joined(derived):
    manifest = derived["derived"] / "manifest.json"
    document = json.loads(manifest.read_text())
    document["payload"]["synthetic"]["epsilon"] = 0.01  # a smaller claim, signature kept
    manifest.write_text(json.dumps(document))
    loose = derived["table"].with_suffix(".provenance.json")
    edited = json.loads(loose.read_text())
    edited["payload"]["epsilon"] = 0.01
    copy = derived["records"] / "tables" / "edited.provenance.json"
    copy.write_text(json.dumps(edited))
    graph = build_lineage(ledger=Ledger(derived["ledger"]), records=[derived["records"]])
    packages = [n for n in graph.nodes.values() if n.kind == "package"]
    assert len(packages) == 1 and packages[0].attrs["verified"] is False
    assert f"package:{derived['derived_id']}" not in graph.nodes
    flags = {n.attrs["path"]: n.attrs["verified"] for n in graph.nodes.values()
             if n.kind == "synthetic"}
    assert flags[str(copy)] is False and list(flags.values()).count(True) == 1
    impact = revocation_impact(grant_ids=[derived["grant_p"]], graph=graph)
    assert impact.counts()["package"] == 0 and impact.counts()["synthetic"] == 1
    assert {n.kind for n in impact.unverified} == {"package", "synthetic"}


def test_cli_lineage_and_revoke_impact_show_them(derived, package, publisher, tmp_path, capsys):
    from dataprotocol.keys import save_keypair

    base = ["--ledger", str(derived["ledger"]), "--records", str(derived["records"])]
    assert main(["lineage", "--package", str(package), *base, "--json",
                 "--dot", str(tmp_path / "g.dot")]) == 0
    out = json.loads(capsys.readouterr().out)
    kinds = {n["kind"] for n in out["found"]}
    assert {"model", "synthetic", "package"} <= kinds
    assert any(e["relation"] == "published as" for e in out["edges"])
    assert f"package:{derived['derived_id']}" in (tmp_path / "g.dot").read_text()
    assert main(["lineage", "--grant", derived["grant_p"], *base]) == 0
    text = capsys.readouterr().out
    assert "package" in text and "synthetic" in text
    key, _ = save_keypair(publisher, tmp_path / "keys")
    assert main(["grant", "revoke", derived["grant_p"], "--key", str(key), "--list",
                 str(tmp_path / "revocations.json"), "--impact", *base, "--dry-run", "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)["impact"]["counts"]
    assert counts["synthetic"] == 1 and counts["package"] == 1
    # the derived package moved elsewhere is still found from its own folder
    moved = tmp_path / "moved"
    shutil.copytree(derived["derived"], moved)
    assert main(["lineage", "--grant", derived["grant_p"], "--records", str(moved), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["found"]
    assert {n["kind"] for n in found} == {"synthetic", "package"}
    assert read_manifest(moved).manifest_id == derived["derived_id"]
