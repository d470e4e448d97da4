"""What revoking a grant touches, from a real ledger and real signed records."""

from __future__ import annotations

import json

from dataprotocol.budget import Ledger
from dataprotocol.cli.main import main
from dataprotocol.keys import save_keypair
from dataprotocol.lineage import build_lineage, revocation_impact
from dataprotocol.policy import load_revocations, verify_revocations
from dataprotocol.records import SyntheticProvenance, write_provenance
from tests.lineage.test_lineage import history  # noqa: F401


def _labels(impact, kind):
    return sorted(n.label for n in impact.of_kind(kind))


def test_impact_of_each_grant(history):  # noqa: F811
    book = Ledger(history["ledger"])
    a = revocation_impact(grant_ids=[history["grant_a"]], ledger=book,
                          records=[history["records"]])
    assert a.counts() == {"run": 3, "model": 1, "query": 2, "synthetic": 0, "package": 0}
    assert "run-lineage" in _labels(a, "run") and _labels(a, "model") == ["model"]
    b = revocation_impact(grant_ids=[history["grant_b"]], ledger=book,
                          records=[history["records"]])
    assert b.counts()["query"] == 1 and b.counts()["model"] == 0
    assert not set(_labels(a, "query")) & set(_labels(b, "query"))
    both = revocation_impact(grant_ids=[history["grant_a"], history["grant_b"]],
                             graph=build_lineage(ledger=book, records=[history["records"]]))
    assert both.counts()["query"] == 3 and both.counts()["run"] == 4
    nobody = revocation_impact(grant_ids=["no-such-grant"], ledger=book)
    assert not nobody.affected and nobody.unknown_grants == ("no-such-grant",)


def test_a_record_that_does_not_verify_is_not_counted(history):  # noqa: F811
    record = history["records"] / "q2.release.json"  # the one query under grant B
    record.write_bytes(record.read_bytes().replace(b'"count"', b'"COUNT"', 1))
    impact = revocation_impact(grant_ids=[history["grant_b"]], records=[history["records"]])
    assert impact.counts()["query"] == 0
    assert [n.attrs["path"] for n in impact.unverified] == [str(record)]


def test_derived_synthetic_table_is_reached_through_the_model_run(history, analyst):  # noqa: F811
    """A table sampled from the model trained under grant A is touched by revoking A."""
    record = SyntheticProvenance(
        model_run_id="run-lineage", model_privacy_sha256="0" * 64, epsilon=1.2, delta=1e-5,
        accountant="prv", ledger_entry=None, sources=[], license={}, rows=10,
        columns=["topic"], prompts=[], generation={}, scrub={}, table_file="synthetic.csv",
        table_sha256="1" * 64, created_at="2026-12-02T00:00:00Z")
    write_provenance(history["records"] / "synthetic.provenance.json", record, signer=analyst)
    book = Ledger(history["ledger"])
    under_a = revocation_impact(grant_ids=[history["grant_a"]], ledger=book,
                                records=[history["records"]])
    assert _labels(under_a, "synthetic") == ["synthetic.csv"]
    under_b = revocation_impact(grant_ids=[history["grant_b"]], ledger=book,
                                records=[history["records"]])
    assert under_b.counts()["synthetic"] == 0


def test_cli_revoke_impact_dry_run_then_revoke(history, publisher, tmp_path, capsys):  # noqa: F811
    key, _ = save_keypair(publisher, tmp_path / "keys")
    listing = tmp_path / "revocations.json"
    base = ["grant", "revoke", history["grant_a"], "--key", str(key), "--list", str(listing),
            "--impact", "--ledger", str(history["ledger"]), "--records", str(history["records"])]
    assert main([*base, "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["dry_run"] is True and out["impact"]["counts"]["query"] == 2
    assert out["impact"]["counts"]["model"] == 1 and not listing.exists()
    assert main([*base]) == 0
    text = capsys.readouterr().out
    assert "model" in text and listing.exists()
    revoked = verify_revocations(load_revocations(listing), publisher.public)
    assert history["grant_a"] in revoked
    assert main(["grant", "revoke", "x", "--key", str(key), "--list", str(listing),
                 "--ledger", str(history["ledger"])]) == 2
    assert main(["grant", "revoke", "x", "--key", str(key), "--list", str(listing),
                 "--impact"]) == 2
