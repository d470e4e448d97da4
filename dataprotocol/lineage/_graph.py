"""The lineage graph, built from the ledger and signed records alone.

Nodes: datasets and package manifests (sources), grants, ledger entries (a training
run, a query release, a synthetic release: what spent), and the released artefacts --
model directories (signed ``privacy.json``), query release records, synthetic tables
(signed provenance, keyed by the SHA-256 of the record's bytes, so the copy a package
carries and the file next to the table are one node) and the packages published from
synthetic tables (signed manifest, keyed by manifest id). Edges say "made from" /
"made under" / "produced" / "published as" / "published under". Every
fact comes from a hash-chained ledger row or a signed document whose signature is
checked here (against the identity it embeds: integrity, not who -- ``budget audit``
pins keys); a record that does not verify is kept, marked ``verified: false``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Node", "Edge", "LineageGraph", "build_lineage"]


@dataclass(frozen=True)
class Node:
    """One fact: ``kind`` is dataset | manifest | grant | run | model | query | synthetic
    | package (a package published from a synthetic table)."""

    id: str
    kind: str
    label: str
    attrs: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "label": self.label, **self.attrs}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str  # "made from" | "made under" | "produced" | "published as" | ...

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.source, "to": self.target, "relation": self.relation}


@dataclass
class LineageGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def add(self, node: Node) -> str:
        old = self.nodes.get(node.id)
        if old is None or (not old.attrs and node.attrs):
            self.nodes[node.id] = node
        return node.id

    def link(self, source: str, target: str, relation: str) -> None:
        edge = Edge(source, target, relation)
        if edge not in self.edges:
            self.edges.append(edge)

    def descendants(self, start: Iterable[str]) -> list[str]:
        """Every node reachable from ``start`` along edges (what was made from it)."""
        return self._walk(start, forward=True)

    def ancestors(self, start: Iterable[str]) -> list[str]:
        """Every node ``start`` was made from (data, grants, runs)."""
        return self._walk(start, forward=False)

    def _walk(self, start: Iterable[str], *, forward: bool) -> list[str]:
        seen: list[str] = []
        todo = [s for s in start if s in self.nodes]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.append(current)
            for e in self.edges:
                nxt = e.target if forward and e.source == current else \
                    e.source if not forward and e.target == current else None
                if nxt is not None and nxt not in seen:
                    todo.append(nxt)
        return seen

    def subgraph(self, ids: Sequence[str]) -> LineageGraph:
        keep = set(ids)
        return LineageGraph(nodes={i: n for i, n in self.nodes.items() if i in keep},
                            edges=[e for e in self.edges if e.source in keep and e.target in keep])

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": [n.to_dict() for n in self.nodes.values()],
                "edges": [e.to_dict() for e in self.edges]}


def _verified(document: dict[str, Any], doc_type: str, identity_doc: Any) -> bool:
    from dataprotocol.errors import DataProtocolError
    from dataprotocol.keys import PublicIdentity, verify_document

    try:
        verify_document(document, PublicIdentity.from_dict(identity_doc, source=doc_type),
                        doc_type=doc_type)
    except (DataProtocolError, TypeError, ValueError, KeyError):
        return False
    return True


def _sources(graph: LineageGraph, target: str, data: Iterable[Any]) -> None:
    """Link ``target`` to the datasets, manifests and grants its record names."""
    for item in data:
        if not isinstance(item, dict):
            continue
        dataset, manifest = item.get("dataset_id"), item.get("manifest_id")
        if dataset:
            graph.add(Node(f"dataset:{dataset}", "dataset", str(dataset)))
            if not manifest:  # else: dataset -> manifest (version) -> target
                graph.link(f"dataset:{dataset}", target, "made from")
        if manifest:
            node = graph.add(Node(f"manifest:{manifest}", "manifest", str(manifest)[:16],
                                  {"dataset_id": dataset, "version": item.get("dataset_version")}))
            if dataset:
                graph.link(f"dataset:{dataset}", node, "version")
            graph.link(node, target, "made from")
        grant = item.get("grant_id")
        if grant:
            graph.link(graph.add(Node(f"grant:{grant}", "grant", str(grant))), target,
                       "made under")


def _ledger_part(graph: LineageGraph, ledger: Any) -> None:
    latest: dict[str, Any] = {}
    for entry in ledger.entries():
        if entry.is_run:  # the genesis and vouched heads are the ledger's own, not releases
            latest[entry.run_id] = entry
    for run_id, entry in latest.items():
        kind = str(entry.meta.get("kind", "train"))
        node = graph.add(Node(f"run:{run_id}", "run", run_id, {
            "spend": kind, "state": entry.state, "dataset_id": entry.dataset_id,
            "delta": entry.delta, "entry_hash": entry.entry_hash, "seq": entry.seq,
            "purpose": entry.meta.get("purpose"), "queries": entry.meta.get("queries"),
            "epsilon": entry.meta.get("epsilon")}))
        _sources(graph, node, [{"dataset_id": entry.dataset_id,
                                "manifest_id": entry.meta.get("manifest_id"),
                                "grant_id": entry.meta.get("grant_id")}])


def _model(graph: LineageGraph, root: Path) -> None:
    from dataprotocol.records import PRIVACY_DOC_TYPE, read_privacy_document

    document = read_privacy_document(root)
    payload = document.get("payload") or {}
    node = graph.add(Node(f"model:{root.resolve()}", "model", root.name, {
        "path": str(root), "verified": _verified(document, PRIVACY_DOC_TYPE, payload.get("trainer")),
        "epsilon": (payload.get("accounting") or {}).get("epsilon"),
        "license": (payload.get("license") or {}).get("output_licenses"),
        "base_model": payload.get("base_model")}))
    _sources(graph, node, payload.get("data") or [])
    run_id = (payload.get("ledger") or {}).get("run_id") or payload.get("run_id")
    if run_id:
        graph.link(graph.add(Node(f"run:{run_id}", "run", str(run_id))), node, "produced")


def _release(graph: LineageGraph, path: Path) -> None:
    from dataprotocol.records import QUERY_RELEASE_TYPE, read_release

    document = read_release(path)
    payload = document.get("payload") or {}
    release_id = str(payload.get("release_id"))
    node = graph.add(Node(f"query:{release_id}", "query", release_id, {
        "path": str(path), "verified": _verified(document, QUERY_RELEASE_TYPE,
                                                 payload.get("querier")),
        "epsilon": payload.get("epsilon"), "delta": payload.get("delta"),
        "queries": [q.get("text") for q in payload.get("queries") or []]}))
    _sources(graph, node, [payload.get("data") or {}])
    graph.link(graph.add(Node(f"run:{release_id}", "run", release_id)), node, "produced")


def _synthetic_id(raw: bytes) -> str:
    """A synthetic table's node: the SHA-256 of its provenance record's bytes -- what a
    package published from it pins (``synthetic.provenance_sha256``)."""
    return "synthetic:" + hashlib.sha256(raw).hexdigest()


def _synthetic(graph: LineageGraph, path: Path) -> None:
    from dataprotocol.records import SYNTHETIC_DOC_TYPE, read_provenance

    raw = path.read_bytes()
    document, record = read_provenance(path)
    node = graph.add(Node(_synthetic_id(raw), "synthetic", record.table_file, {
        "path": str(path), "rows": record.rows, "epsilon": record.epsilon,
        "model_run_id": record.model_run_id, "table_sha256": record.table_sha256,
        "verified": _verified(document, SYNTHETIC_DOC_TYPE, document.get("signer"))}))
    _sources(graph, node, record.sources)  # source manifests and the training grants
    graph.link(graph.add(Node(f"run:{record.model_run_id}", "run", record.model_run_id)),
               node, "produced")


def _raw_claim(folder: Path) -> dict[str, Any] | None:
    """A package's synthetic claim read *without* trusting it (its manifest failed)."""
    import json

    try:
        claim = json.loads((folder / "manifest.json").read_bytes())["payload"]["synthetic"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return claim if isinstance(claim, dict) else None


def _package(graph: LineageGraph, folder: Path) -> None:
    """A package published from a synthetic table: verified (manifest signature, shards,
    the attached provenance pinned by hash and signed), linked from its table and the
    grants its signed claim says publish-data was checked under. One that fails is kept,
    ``verified: false`` with the reason, linked only from the grants it claims."""
    from dataprotocol.errors import DataProtocolError
    from dataprotocol.package import read_manifest, synthetic_claim, verify_package

    try:  # the signature first: an ordinary package's shards are not hashed for nothing
        if synthetic_claim(read_manifest(folder)) is None:
            return  # an ordinary package: a source, reached through its manifest id
        report = verify_package(folder, raise_on_failure=False)
    except DataProtocolError as exc:
        claim = _raw_claim(folder)
        if claim is None:
            return  # not a synthetic package, or nothing readable: not a fact
        node = graph.add(Node(f"package:{folder.resolve()}", "package", folder.name, {
            "path": str(folder), "verified": False, "problem": str(exc)}))
    else:
        claim = report.synthetic or {}
        node = graph.add(Node(f"package:{report.manifest_id}", "package",
                              f"{report.dataset_id} v{report.version}", {
                                  "path": str(folder), "manifest_id": report.manifest_id,
                                  "dataset_id": report.dataset_id, "rows": report.rows,
                                  "epsilon": claim.get("epsilon"), "verified": report.passed,
                                  **({} if report.passed else
                                     {"problem": "; ".join(report.failures)})}))
        if report.passed:  # its provenance is the very record it pins
            table = graph.add(Node(f"synthetic:{claim.get('provenance_sha256')}", "synthetic",
                                   str(claim.get("model_run_id"))))
            graph.link(table, node, "published as")
    for item in claim.get("grants") or []:
        if isinstance(item, dict) and item.get("grant_id"):
            grant = graph.add(Node(f"grant:{item['grant_id']}", "grant", str(item["grant_id"])))
            graph.link(grant, node, "published under")


def _scan(graph: LineageGraph, folder: Path) -> None:
    from dataprotocol.errors import InputError
    from dataprotocol.records import PRIVACY_FILE, QUERY_RELEASE_TYPE, SYNTHETIC_DOC_TYPE

    candidates = [folder] if folder.is_file() else sorted(folder.rglob("*"))
    if folder.is_dir() and (folder / PRIVACY_FILE).is_file():
        candidates.insert(0, folder / PRIVACY_FILE)
    if folder.is_dir() and (folder / "manifest.json").is_file():
        candidates.insert(0, folder / "manifest.json")
    for path in dict.fromkeys(candidates):
        if path.name == PRIVACY_FILE:
            _model(graph, path.parent)
        elif path.name == "manifest.json" and path.is_file():
            _package(graph, path.parent)
        elif path.suffix == ".json" and path.is_file() and path.stat().st_size < 10_000_000:
            head = path.read_bytes()[:4096]
            try:
                if QUERY_RELEASE_TYPE.encode() in head:
                    _release(graph, path)
                elif SYNTHETIC_DOC_TYPE.encode() in path.read_bytes():
                    _synthetic(graph, path)
            except InputError:
                continue  # not a record we can read: not a fact


def build_lineage(*, ledger: Any = None, records: Sequence[str | Path] = ()) -> LineageGraph:
    """The lineage graph of ``ledger``'s entries and the signed records under ``records``
    (model directories, ``*.release.json``, synthetic provenance files, or folders
    holding them)."""
    graph = LineageGraph()
    if ledger is not None:
        _ledger_part(graph, ledger)
    for location in records:
        _scan(graph, Path(location))
    for node in list(graph.nodes.values()):  # a derived package something was made from
        if node.kind == "package" and f"manifest:{node.attrs.get('manifest_id')}" in graph.nodes:
            graph.link(node.id, f"manifest:{node.attrs['manifest_id']}", "is")
    return graph
