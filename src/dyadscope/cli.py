"""Command line: a thin layer over dyadscope.api."""

from __future__ import annotations

import dataclasses
import json
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from dyadscope import api, render
from dyadscope.errors import DyadscopeError
from dyadscope.store.db import is_url

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="News articles in, a sourced record of who did what with whom.")
kb_app = typer.Typer(help="The knowledge base of office holders.")
app.add_typer(kb_app, name="kb")
err = Console(stderr=True)
# Piped output keeps a readable width instead of falling back to 80 columns.
out = Console() if sys.stdout.isatty() else Console(width=160)

DbOption = Annotated[str, typer.Option(
    "--db", envvar="DYADSCOPE_DB",
    help="SQLite database file, or a PostgreSQL URL: postgresql://user@host/dbname.")]
DEFAULT_DB = "dyadscope.db"


def fail(error: DyadscopeError) -> None:
    err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def exit_code(report: api.IngestReport) -> int:
    return 1 if report.failures else 0


def _ingest(
    paths: list[Path], db: str, knowledge: Path | None, refresh: bool = False,
    sources: Path | None = None, workers: int = 1,
) -> api.IngestReport:
    from dyadscope.pipeline import count_files

    if not sys.stderr.isatty():
        return api.ingest(paths, db, knowledge, refresh=refresh, sources=sources,
                          workers=workers)
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=count_files(paths))
        return api.ingest(paths, db, knowledge, tick=lambda: progress.advance(task),
                          refresh=refresh, sources=sources, workers=workers)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to read.")],
    db: DbOption = DEFAULT_DB,
    knowledge: Annotated[Path | None, typer.Option(help="Folder of extra data files.")] = None,
    refresh: Annotated[bool, typer.Option(
        "--refresh", help="Extract again the documents an earlier version extracted.")] = False,
    sources: Annotated[Path | None, typer.Option(
        help="JSONL of the files' crawl metadata (file, url, title, outlet, published), "
        "when it is not a sources.jsonl beside them.")] = None,
    workers: Annotated[int, typer.Option(
        min=1, help="Processes that extract (one writer stores, in input order).")] = 1,
) -> None:
    """Read articles, run the whole pipeline and store the results."""
    try:
        report = _ingest(paths, db, knowledge, refresh, sources, workers)
    except DyadscopeError as error:
        fail(error)
    for failure in report.failures:
        err.print(
            f"[yellow]skipped[/yellow] {failure.path}: {failure.reason}",
            highlight=False,
            soft_wrap=True,
        )
    err.print(
        f"{report.documents} documents read from {report.files} files: {report.stored} stored, "
        f"{report.unchanged} unchanged, {len(report.failures)} failed -> {db}"
        + (f" ({report.refreshed} extracted again)" if report.refreshed else ""), highlight=False
    )
    warn_stale(report)
    raise typer.Exit(exit_code(report))


@app.command()
def spark(
    paths: Annotated[list[Path], typer.Argument(
        help="Files or folders: text, HTML, JSONL, WARC/WARC.gz, Parquet.")],
    out: Annotated[Path, typer.Option(help="Folder for the Parquet tables.")],
    master: Annotated[str | None, typer.Option(
        help="Spark master, e.g. local[4] or yarn (default: spark-submit's or local[*]).")] = None,
    knowledge: Annotated[Path | None, typer.Option(help="Folder of extra data files.")] = None,
) -> None:
    """Read, clean and extract with Apache Spark; `dyadscope load` stores the result."""
    try:
        report = api.spark(paths, out, master, knowledge)
    except DyadscopeError as error:
        fail(error)
    err.print(f"{report.documents} documents extracted from {report.files} files, "
              f"{report.failures} failed -> {report.out}", highlight=False)


@app.command()
def load(
    folder: Annotated[Path, typer.Argument(help="The --out folder of dyadscope spark.")],
    db: DbOption = DEFAULT_DB,
    knowledge: Annotated[Path | None, typer.Option(help="Folder of extra data files.")] = None,
) -> None:
    """Store what `dyadscope spark` extracted, resolved and merged as `ingest` does."""
    try:
        report = api.load(folder, db, knowledge)
    except DyadscopeError as error:
        fail(error)
    for failure in report.failures:
        err.print(f"[yellow]skipped[/yellow] {failure.path}: {failure.reason}",
                  highlight=False, soft_wrap=True)
    err.print(f"{report.documents} documents loaded: {report.stored} stored, "
              f"{report.unchanged} unchanged, {len(report.failures)} failed -> {db}",
              highlight=False)
    raise typer.Exit(exit_code(report))


def warn_stale(report: api.IngestReport) -> None:
    if report.stale:
        err.print(
            f"[yellow]note[/yellow] {report.stale} documents in this database were extracted "
            "by another version of dyadscope or its knowledge files; ingest them again with "
            "--refresh to apply the current rules.", highlight=False, soft_wrap=True)


EXPORT_FORMATS = ("json", "csv", "parquet", "graphml", "gexf")


def write_text(text: str, out_file: Path | None) -> None:
    if out_file is None:
        sys.stdout.write(text)
        return
    try:
        out_file.write_text(text, encoding="utf-8")
    except OSError as error:
        fail(DyadscopeError(str(out_file), "export", f"cannot write: {error.strerror}"))
    err.print(f"wrote {out_file}", highlight=False)


def export_text(db: str, format: str) -> str:
    if format == "json":
        return json.dumps(api.export(db), ensure_ascii=False, indent=1) + "\n"
    return api.export_network(db, format)


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", help="|".join(EXPORT_FORMATS))] = "json",
    out_file: Annotated[Path | None, typer.Option(
        "--out", help="Output file; for csv and parquet, a folder (required).")] = None,
) -> None:
    """Write the whole database: one JSON object, tables per file, or the actor network."""
    if format not in EXPORT_FORMATS:
        fail(DyadscopeError(None, "export",
                            f"unknown format {format!r} ({', '.join(EXPORT_FORMATS)})"))
    try:
        if format in ("csv", "parquet"):
            written = api.export_tables(db, format, out_file)
            err.print(f"wrote {len(written)} tables to {out_file}", highlight=False)
            return
        text = export_text(db, format)
    except DyadscopeError as error:
        fail(error)
    write_text(text, out_file)


@app.command()
def evaluate(
    gold: Annotated[list[Path], typer.Option(
        help="Folder of gold annotation files; repeat to score several sets together.")],
    docs: Annotated[list[Path], typer.Option(
        help="Folder of the articles; repeat with --gold.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    details: Annotated[bool, typer.Option(
        help="Also list claims matching no gold event and wrong matches.")] = False,
    sources: Annotated[Path | None, typer.Option(
        help="JSONL of the articles' crawl metadata (file, url, outlet, published), when "
        "it is not a sources.jsonl beside the articles.")] = None,
) -> None:
    """Ingest --docs into a temporary database and score it against --gold (several sets
    are ingested into one database and scored together: links across them count)."""
    from dyadscope.evaluate import score
    from dyadscope.evaluate.render import render

    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "evaluate.db")
            api.ingest(list(docs), db, sources=sources)
            metrics = score(gold, api.export(db))
    except DyadscopeError as error:
        fail(error)
    if as_json:
        sys.stdout.write(json.dumps(metrics, indent=1) + "\n")
    else:
        render(metrics, out, details=details)


@app.command()
def timeline(
    a: Annotated[str, typer.Argument(help="A country or person, by any name.")],
    b: Annotated[str, typer.Argument(help="The other actor.")],
    db: DbOption = DEFAULT_DB,
    undated: Annotated[bool, typer.Option(help="Also list undated events.")] = False,
) -> None:
    """The dated events between two actors, oldest first, with their sources."""
    try:
        entries = api.timeline(db, a, b, undated)
    except DyadscopeError as error:
        fail(error)
    print_timeline(entries, f"{a} – {b}")


def print_timeline(entries: list[api.TimelineEntry], title: str) -> None:
    out.print(render.timeline_table(entries, title))
    if not entries:
        out.print("no events between these actors")


def as_json(result: object) -> str:
    return json.dumps(dataclasses.asdict(result), ensure_ascii=False, indent=1) + "\n"


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="A country or person, by any name.")],
    b: Annotated[str, typer.Argument(help="The other actor.")],
    db: DbOption = DEFAULT_DB,
    by: Annotated[str, typer.Option("--by", help="Period: month or year.")] = "year",
    as_json_: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    plot: Annotated[Path | None, typer.Option("--plot", help="Write a PNG chart here.")] = None,
) -> None:
    """One relationship: timeline, counts and cooperation–conflict index per period,
    people, agreements and arms transfers."""
    try:
        result = api.dyad(db, a, b, by)
        if plot is not None:
            api.plot_dyad(result, plot)
    except DyadscopeError as error:
        fail(error)
    if plot is not None:
        err.print(f"wrote {plot}", highlight=False)
    if as_json_:
        sys.stdout.write(as_json(result))
    else:
        render.print_dyad(result, out)


@app.command()
def outlets(
    a: Annotated[str | None, typer.Argument(help="A country or person (optional).")] = None,
    b: Annotated[str | None, typer.Argument(help="The other actor.")] = None,
    db: DbOption = DEFAULT_DB,
    as_json_: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Which outlets reported which events, and where their reports disagree."""
    try:
        report = api.outlets(db, a, b)
    except DyadscopeError as error:
        fail(error)
    if as_json_:
        sys.stdout.write(as_json(report))
    else:
        render.print_outlets(report, out)


@app.command()
def demo(db: DbOption = "dyadscope-demo.db") -> None:
    """Ingest the bundled sample articles and print the Belarus–Vietnam timeline."""
    samples = resources.files("dyadscope") / "data" / "samples"
    if not is_url(db):
        Path(db).unlink(missing_ok=True)  # the demo's own file: shows what this version finds
    with resources.as_file(samples) as folder:
        try:
            report = _ingest([Path(folder)], db, None)
            entries = api.timeline(db, "Belarus", "Vietnam")
        except DyadscopeError as error:
            fail(error)
    err.print(f"{report.stored} sample articles stored in {db}")
    print_timeline(entries, "Belarus – Vietnam")


@kb_app.command("import")
def kb_import(
    file: Annotated[Path, typer.Argument(help="Wikidata SPARQL JSON result.")],
    knowledge: Annotated[Path, typer.Option(help="Folder of user data files.")] = Path(
        "dyadscope-knowledge"),
) -> None:
    """Add office holders from a Wikidata query result to a user knowledge folder."""
    from dyadscope.knowledge.user import import_office_holders

    try:
        added, path = import_office_holders(file, knowledge)
    except DyadscopeError as error:
        fail(error)
    err.print(f"{added} office holders written to {path}; use --knowledge {knowledge}")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
) -> None:
    """The web page and the REST API over the database."""
    import uvicorn

    from dyadscope.web import create_app

    try:
        application = create_app(db)
    except DyadscopeError as error:
        fail(error)
    uvicorn.run(application, host=host, port=port)


def main() -> None:
    app()
