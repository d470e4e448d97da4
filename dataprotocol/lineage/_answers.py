"""The three questions: what was made from a package, under a grant, and what a model
was made from -- and the graph as Graphviz DOT (rendered when ``dot`` is installed)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dataprotocol.errors import InputError
from dataprotocol.lineage._graph import LineageGraph, Node

__all__ = ["LineageAnswer", "made_from_package", "made_under_grant", "model_lineage",
           "to_dot", "write_picture"]

_ARTEFACTS = ("run", "model", "query", "synthetic", "package")


@dataclass(frozen=True)
class LineageAnswer:
    """What a question found: the subject, the nodes (in walk order) and their graph."""

    question: str
    subject: str
    graph: LineageGraph
    budget: dict[str, Any] | None = None

    def items(self, *kinds: str) -> list[Node]:
        wanted = kinds or _ARTEFACTS
        return [n for n in self.graph.nodes.values() if n.kind in wanted]

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "subject": self.subject,
                "found": [n.to_dict() for n in self.items()], "budget": self.budget,
                **self.graph.to_dict()}


def made_from_package(graph: LineageGraph, *, manifest_id: str, dataset_id: str) -> LineageAnswer:
    """Every run, model, query release, synthetic table and package published from one
    made from this package version (its manifest); runs whose ledger entry names no manifest count when they
    spent from the package's dataset (their own records, if found, name the manifest)."""
    start = [f"manifest:{manifest_id}"]
    runs = [n.id for n in graph.nodes.values() if n.kind == "run"
            and n.attrs.get("dataset_id") == dataset_id]
    reach = graph.descendants(start + runs)
    ancestors_of_runs = [i for i in graph.ancestors(runs) if graph.nodes[i].kind != "run"]
    ids = [i for i in [*start, f"dataset:{dataset_id}", *reach, *ancestors_of_runs]
           if i in graph.nodes]
    return LineageAnswer("made-from-package", manifest_id, graph.subgraph(ids))


def made_under_grant(graph: LineageGraph, *, grant_id: str) -> LineageAnswer:
    """Everything a revocation of ``grant_id`` touches: runs, models, releases, tables
    and the packages published from them."""
    node = f"grant:{grant_id}"
    if node not in graph.nodes:
        return LineageAnswer("made-under-grant", grant_id, LineageGraph())
    return LineageAnswer("made-under-grant", grant_id, graph.subgraph(graph.descendants([node])))


def model_lineage(graph: LineageGraph, *, model_dir: str | Path, ledger: Any = None) -> LineageAnswer:
    """A model's data (datasets, manifests), grants, licence and budget."""
    node = f"model:{Path(model_dir).resolve()}"
    if node not in graph.nodes:
        raise InputError("not a model directory with a privacy.json", file=model_dir)
    ids = graph.ancestors([node])
    budget = None
    datasets = [graph.nodes[i].label for i in ids if graph.nodes[i].kind == "dataset"]
    if ledger is not None and datasets:
        status = ledger.status(datasets[0], with_prv=False)
        budget = {"dataset_id": datasets[0], "epsilon_cap": status.epsilon_cap,
                  "delta_cap": status.delta_cap, "spent_epsilon": status.spent_epsilon,
                  "remaining_epsilon": status.remaining_epsilon}
    return LineageAnswer("model-lineage", str(model_dir), graph.subgraph(ids), budget=budget)


_SHAPES = {"dataset": "cylinder", "manifest": "note", "grant": "hexagon", "run": "box",
           "model": "component", "query": "tab", "synthetic": "folder", "package": "box3d"}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(graph: LineageGraph) -> str:
    """Graphviz DOT source: one node per fact, shaped by kind, edges labelled."""
    lines = ["digraph lineage {", "  rankdir=LR;", '  node [fontname="Helvetica"];']
    for node in graph.nodes.values():
        label = f"{node.kind}\n{node.label}"
        if node.kind == "run" and node.attrs.get("spend"):
            label = f"{node.attrs['spend']} run\n{node.label}"
        lines.append(f"  {_quote(node.id)} [label={_quote(label)}, "
                     f"shape={_SHAPES.get(node.kind, 'ellipse')}];")
    for edge in graph.edges:
        lines.append(f"  {_quote(edge.source)} -> {_quote(edge.target)} "
                     f"[label={_quote(edge.relation)}];")
    return "\n".join([*lines, "}"]) + "\n"


def write_picture(graph: LineageGraph, out: str | Path) -> Path:
    """Write ``out``: DOT for ``.dot``/``.gv``; SVG/PNG rendered by Graphviz' ``dot``
    (InputError naming what to install when it is missing)."""
    from dataprotocol._files import atomic_write_bytes, atomic_write_text

    target = Path(out)
    fmt = target.suffix.lower().lstrip(".")
    if fmt in ("dot", "gv"):
        return atomic_write_text(target, to_dot(graph))
    if fmt not in ("svg", "png"):
        raise InputError("unknown picture format", field="--dot", file=target,
                         expected="a .dot, .gv, .svg or .png file name")
    exe = shutil.which("dot")
    if exe is None:
        raise InputError("Graphviz 'dot' is not installed", field="--dot", file=target,
                         expected="apt-get install graphviz, or a .dot file name")
    rendered = subprocess.run([exe, f"-T{fmt}"], input=to_dot(graph).encode(),
                              capture_output=True, check=False, timeout=120)
    if rendered.returncode != 0:
        raise InputError(f"dot failed: {rendered.stderr.decode(errors='replace')[:200]}",
                         field="--dot", file=target)
    return atomic_write_bytes(target, rendered.stdout)
