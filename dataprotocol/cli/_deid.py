"""``dataprotocol scrub`` and ``dataprotocol deid {eval,verify,reveal,corpus,new-key}``.

Presidio and spaCy are imported inside the commands so ``dataprotocol --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from dataprotocol.cli._common import console, emit_json, err_console
from dataprotocol.errors import InputError

deid_app = typer.Typer(help="De-identification: evaluate, verify, reveal, corpora, keys.",
                       no_args_is_help=True)


def _pairs(values: list[str], *, option: str) -> dict[str, str]:
    out = {}
    for value in values:
        name, sep, kind = value.partition("=")
        if not sep or not name or not kind:
            raise InputError(f"bad {option} value {value!r}", field=option, expected="NAME=VALUE")
        out[name] = kind
    return out


def _config(config_path: Path | None, key_file: Path | None, **changes: Any) -> Any:
    from dataprotocol.deid import ScrubConfig, load_config, load_key_file

    key = load_key_file(key_file) if key_file else None
    config = load_config(config_path, key=key) if config_path else ScrubConfig(key=key)
    changes = {k: v for k, v in changes.items() if v}
    return config.with_changes(**changes) if changes else config


def _scrubber(config_path: Path | None, key_file: Path | None, **changes: Any) -> Any:
    return _build(_config(config_path, key_file, **changes))


def _build(config: Any) -> Any:
    """Load a scrubber (seconds: spaCy). Tests replace this to share one loaded pipeline."""
    from dataprotocol.deid import Scrubber

    with err_console.status("loading spaCy pipeline and recognizers"):
        return Scrubber(config)


def _counts_table(title: str, counts: dict[str, int]) -> Table:
    table = Table(title=title)
    table.add_column("entity type")
    table.add_column("count", justify="right")
    for name, count in sorted(counts.items()):
        table.add_row(name, str(count))
    table.add_row("[bold]total[/]", f"[bold]{sum(counts.values())}[/]")
    return table


def scrub(
    source: Path = typer.Argument(..., help="Input file: .txt, .csv, .jsonl or .parquet."),
    out: Path = typer.Option(..., "--out", help="Output file (same format); written atomically."),
    text_column: list[str] = typer.Option([], "--text-column", help="Free-text column to scan (repeatable)."),
    pii_column: list[str] = typer.Option([], "--pii-column", help="COL=TYPE: transform the whole cell as TYPE."),
    operator: str = typer.Option("", "--operator", help="Default operator: redact, replace, mask, pseudonym, "
                                 "encrypt, surrogate, keep."),
    entity_operator: list[str] = typer.Option([], "--entity-operator", help="TYPE=OPERATOR override (repeatable)."),
    key_file: Path | None = typer.Option(None, "--key-file", help="Hex key for pseudonym / encrypt / surrogate."),
    config: Path | None = typer.Option(None, "--config", help="Scrubber config YAML."),
    model: str = typer.Option("", "--model", help="Installed spaCy pipeline to use."),
    batch_size: int = typer.Option(64, "--batch-size", help="Documents per spaCy batch."),
    processes: int | None = typer.Option(None, "--processes",
                                         help="Worker processes, local engine (default: every available core)."),
    strict: bool = typer.Option(False, "--strict", help="Refuse (exit 2) a document in a language with no "
                                "configured pipeline instead of flagging it."),
    language: str = typer.Option("", "--language", help="auto (default: per document), or one pipeline: en, zh."),
    report: Path | None = typer.Option(None, "--report", help="Write counts per entity type as JSON (no PII)."),
    engine: str = typer.Option("local", "--engine", help="local (worker processes) or ray (a Ray Data actor pool; "
                               "needs dataprotocol[ray]). Same output."),
    ray_address: str | None = typer.Option(None, "--ray-address", envvar="RAY_ADDRESS",
                                           help="Ray cluster to attach to with --engine ray (default: a local Ray)."),
    ray_actors: int | None = typer.Option(None, "--ray-actors", help="Ray actors with --engine ray, each with its "
                                          "own scrubber (default: every CPU Ray has free)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Scrub PII from a file into a new file; prints counts per entity type."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from dataprotocol._files import atomic_write_text
    from dataprotocol.deid import check_engine, check_paths, scrub_file

    check_paths(source, out, batch_size=batch_size, n_process=processes)
    check_engine(engine, n_process=processes, ray_actors=ray_actors)
    operators = _pairs(entity_operator, option="entity-operator")
    settings = _config(config, key_file, operator=operator, operators=operators, model=model, strict=strict,
                       language=language)
    # the Ray actors build their own scrubbers: this process needs only the config
    scrubber = settings if engine == "ray" else _build(settings)
    with Progress("scrubbing", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console, disable=as_json, transient=True) as bar:
        task = bar.add_task("scrub", total=None)
        result = scrub_file(scrubber, source, out, text_columns=text_column,
                            pii_columns=_pairs(pii_column, option="pii-column"), batch_size=batch_size,
                            n_process=processes, progress=lambda n: bar.advance(task, n),
                            on_total=lambda n: bar.update(task, total=n), engine=engine,
                            ray_address=ray_address, ray_actors=ray_actors)
    if report:
        import json

        atomic_write_text(report, json.dumps(result.to_dict(), indent=2, sort_keys=True) + "\n")
    if as_json:
        emit_json(result.to_dict())
        return
    console.print(_counts_table(f"{result.documents} documents -> {out}", result.findings))
    _warn_unconfigured(result.unconfigured)


def _warn_unconfigured(unconfigured: dict[str, int]) -> None:
    if unconfigured:
        names = ", ".join(f"{lang} ({n})" for lang, n in sorted(unconfigured.items()))
        err_console.print(f"[yellow]warning[/]: documents in languages with no configured pipeline: {names} -- "
                          "scrubbed with the language-independent recognizers and the fallback pipeline "
                          "only; not known to be clean (--strict refuses them)")


def deid_eval(
    corpus: Path = typer.Argument(..., help="Labelled JSONL: {\"text\", \"spans\": [{start, end, type}]}."),
    vanilla: bool = typer.Option(False, "--vanilla", help="Also run vanilla Presidio, side by side."),
    config: Path | None = typer.Option(None, "--config", help="Scrubber config YAML."),
    model: str = typer.Option("", "--model", help="Installed spaCy pipeline to use."),
    processes: int | None = typer.Option(None, "--processes", help="Worker processes (default: every available core)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Leak rate, span recall/precision, F2 and char precision per entity type (and per language)."""
    from dataprotocol.deid import run_eval

    scrubber = _scrubber(config, None, model=model)
    reports = run_eval(corpus, scrubber=scrubber, vanilla=vanilla, n_process=processes)
    if as_json:
        emit_json({name: r.to_dict() for name, r in reports.items()})
        return
    _print_eval(reports)


def _print_eval(reports: dict[str, Any]) -> None:
    ours = reports["scrubber"]
    base = reports.get("vanilla")
    table = Table(title=f"{ours.documents} documents" + (" (vanilla Presidio in brackets)" if base else ""))
    for column in ("row", "labelled", "leak rate", "recall", "precision", "F2", "char precision"):
        table.add_column(column, justify="left" if column == "row" else "right")
    groups = ["direct", "quasi", "all"] + sorted(g for g in ours.by_group if g.startswith("lang:"))
    rows = [(g, ours.by_group.get(g), base.by_group.get(g) if base else None) for g in groups]
    rows += [(t, m, base.by_type.get(t) if base else None) for t, m in sorted(ours.by_type.items()) if m.labelled]
    for name, m, v in rows:
        if m is None:
            continue

        def cell(attr: str, m: Any = m, v: Any = v) -> str:
            text = f"{getattr(m, attr):.3f}"
            return text + (f" [{getattr(v, attr):.3f}]" if v is not None else "")

        bold = name in groups
        table.add_row(f"[bold]{name}[/]" if bold else name, str(m.labelled), cell("leak_rate"), cell("recall"),
                      cell("precision"), cell("f2"), cell("char_precision"))
    console.print(table)


def deid_verify(
    source: Path = typer.Argument(..., help="Scrubbed file (.txt, .csv, .jsonl, .parquet)."),
    text_column: list[str] = typer.Option([], "--text-column", help="Column to scan (default: all text)."),
    min_score: float = typer.Option(0.5, "--min-score", help="Count findings at this score or above."),
    config: Path | None = typer.Option(None, "--config",
                                       help="Scrubber config YAML (the one used to scrub: same lists, model)."),
    model: str = typer.Option("", "--model", help="Installed spaCy pipeline to use."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Re-scan scrubbed output; exit 1 if anything still looks like PII (types and positions only)."""
    from dataprotocol.deid import check_verify_path, verify_file

    check_verify_path(source)  # before a model loads
    scrubber = _scrubber(config, None, model=model)
    result = verify_file(scrubber, source, text_columns=tuple(text_column), min_score=min_score,
                         raise_on_failure=False)
    if as_json:
        emit_json(result.to_dict())
    elif result.clean:
        console.print(f"[green]clean[/]: {result.documents} documents, no residual PII found")
    else:
        console.print(_counts_table(f"residual PII in {source}", result.residual))
        for loc in result.locations[:20]:
            where = (f"line {loc['line']}" if "line" in loc else f"row {loc['row']} column {loc['column']!r}")
            console.print(f"  {where} chars {loc['start']}-{loc['end']}: {loc['entity_type']}")
    if not result.clean:
        raise typer.Exit(1)


def deid_reveal(
    source: Path = typer.Argument(..., help="Text file containing <ENC:...> tokens."),
    key_file: Path = typer.Option(..., "--key-file", help="The hex key used with --operator encrypt."),
    out: Path | None = typer.Option(None, "--out", help="Write here instead of stdout."),
) -> None:
    """Decrypt every encrypt-operator token; a tampered token fails the whole file (exit 1)."""
    from dataprotocol._files import atomic_write_text, check_distinct, read_text
    from dataprotocol.deid import load_key_file, reveal

    if out:
        check_distinct(source, out)  # the ciphertext is the only copy of what it hides
    text, count = reveal(read_text(source, what="input file"), load_key_file(key_file))
    if out:
        atomic_write_text(out, text)
        err_console.print(f"revealed {count} tokens -> {out}")
    else:
        sys.stdout.write(text)


def _corpus_tool() -> Any:
    """The corpus generator: development tooling in the source checkout's benchmarks/,
    not in the installed package (the wheel ships no evaluation templates)."""
    import importlib.util

    import dataprotocol

    name = "dataprotocol_dev_deid_corpus"  # a top-level "benchmarks" package exists on PyPI
    if name in sys.modules:
        return sys.modules[name]
    init = Path(dataprotocol.__file__).resolve().parents[1] / "benchmarks" / "deid_corpus" / "__init__.py"
    if not init.is_file():
        raise InputError("the corpus generator is development tooling, not installed with the "
                         "package", expected="a source checkout of dataprotocol (benchmarks/deid_corpus); "
                         "'dataprotocol deid eval' scores any labelled JSONL file")
    spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[str(init.parent)])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def deid_corpus(
    out: Path = typer.Argument(..., help="Output JSONL."),
    n: int = typer.Option(500, "--n", help="Number of records."),
    seed: int = typer.Option(7, "--seed", help="Random seed."),
    family: str = typer.Option("tuning", "--family", help="Template family: tuning, tuning_intl, heldout, heldout2 ... heldout9."),
) -> None:
    """Generate a labelled synthetic corpus (Faker values in many sentence shapes)."""
    tool = _corpus_tool()
    FAMILIES, generate_corpus, write_corpus = tool.FAMILIES, tool.generate_corpus, tool.write_corpus
    if family not in FAMILIES:
        raise InputError(f"unknown family {family!r}", field="family", expected=" or ".join(FAMILIES))
    console.print(f"wrote {write_corpus(out, generate_corpus(n, seed=seed, family=family))} records to {out}")


def deid_new_key(
    out: Path = typer.Argument(..., help="Key file to create (mode 0600)."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing file."),
) -> None:
    """Create a random 256-bit key for the pseudonym / encrypt / surrogate operators."""
    from dataprotocol._files import atomic_write_text
    from dataprotocol.deid import new_key

    if out.exists() and not overwrite:
        raise InputError("key file exists", file=out, expected="a new path or --overwrite")
    atomic_write_text(out, new_key().hex() + "\n", file_mode=0o600)
    console.print(f"wrote key {out} (mode 0600)")


def register(app: typer.Typer) -> None:
    """Attach this layer's commands to the root app."""
    app.command("scrub")(scrub)
    deid_app.command("eval")(deid_eval)
    deid_app.command("verify")(deid_verify)
    deid_app.command("reveal")(deid_reveal)
    deid_app.command("corpus")(deid_corpus)
    deid_app.command("new-key")(deid_new_key)
    app.add_typer(deid_app, name="deid")
