"""The palermo command line: thin commands that orchestrate ingest -> nlp -> corpus."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

import click

from corpus import DEFAULT_DB

db_option = click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
                         help="SQLite database of the corpus.")
fast_option = click.option("--fast", is_flag=True, help="Skip the statistical NER model (patterns only, about 20x faster).")


def no_embed_option(command):
    """--embeddings static|transformer|none, and --no-embeddings as a short form of none."""
    command = click.option("--no-embeddings", is_flag=True, help="Skip sentence embeddings (no semantic search).")(command)
    return click.option(
        "--embeddings", "embedder", type=click.Choice(["static", "transformer", "none"]), default="static", show_default=True,
        help="Passage vectors: static (distilled from all-MiniLM-L6-v2, fast), the transformer itself (about 100 "
             "passages/s), or none. `palermo embed` upgrades static vectors later.")(command)


def _embedder(embedder: str, no_embeddings: bool) -> str | None:
    return None if no_embeddings or embedder == "none" else embedder


def _progress(label: str):
    def wrap(items):
        with click.progressbar(items, label=label, show_pos=True, file=sys.stderr,
                               item_show_func=lambda p: str(getattr(p, "name", "") or "")[:40] if p else "") as bar:
            yield from bar
    return wrap


def _report(summary) -> None:
    click.echo(summary.line())
    for path, error in summary.failures:
        click.echo(f"  failed: {path}: {error}", err=True)


@click.group()
@click.version_option(package_name="palermo")
def cli():
    """palermo: harvest, extract, analyse and publish documents of the UNTOC review mechanism."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@db_option
@fast_option
@no_embed_option
@click.option("--force", is_flag=True, help="Process files again even when unchanged.")
@click.option("--workers", type=click.IntRange(1, 64), help="Processes that extract and analyse files [default: one per core].")
def add(paths, db_path, fast, embedder, no_embeddings, force, workers):
    """Add files or folders: extract, analyse and index them (unchanged files are skipped)."""
    from palermo.pipeline import add_paths

    summary = add_paths(db_path, paths, progress=_progress("Adding"), statistical=not fast,
                        embeddings=_embedder(embedder, no_embeddings), force=force, workers=workers)
    _report(summary)


@cli.command()
@db_option
@fast_option
@no_embed_option
def build(db_path, fast, embedder, no_embeddings):
    """Re-run the stages for documents whose pipeline version changed and refresh corpus-wide indexes."""
    from palermo.pipeline import build as build_corpus

    _report(build_corpus(db_path, progress=_progress("Building"), statistical=not fast,
                         embeddings=_embedder(embedder, no_embeddings)))


@cli.command()
@db_option
@click.option("--model", "embedder", type=click.Choice(["transformer", "static"]), default="transformer", show_default=True)
def embed(db_path, embedder):
    """Give every passage a vector of the model (the transformer by default): better semantic search and topics."""
    from palermo.pipeline import upgrade_embeddings

    if not Path(db_path).exists():
        raise click.ClickException(f"no corpus at {db_path}: run `palermo add PATH` first")
    done = upgrade_embeddings(db_path, embedder, progress=_progress("Embedding"))
    click.echo(f"{done} passages embedded with the {embedder} model")


@cli.command()
@click.argument("source_names", nargs=-1)
@click.option("--urls", "urls_file", type=click.Path(exists=True, dir_okay=False), help="Fetch the URLs listed in FILE (one a line).")
@click.option("--sources", "sources_file", type=click.Path(exists=True, dir_okay=False),
              help="A YAML file of sources that extends or overrides the packaged ones by name.")
@click.option("--since", help="Only documents dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--limit", type=int, help="Fetch at most N documents; the next harvest resumes the run.")
@click.option("--dry-run", is_flag=True, help="List what would be fetched; fetch no document.")
@click.option("--allow-private-hosts", is_flag=True, help="Allow loopback and private addresses (refused by default).")
@click.option("--delay", default=1.0, show_default=True, help="Seconds between requests to one host.")
@click.option("--timeout", default=20.0, show_default=True, help="Seconds before a request is abandoned.")
@click.option("--concurrency", default=2, show_default=True, help="Requests in flight at once.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False), help="Raw file store [default: DB name + .raw].")
@db_option
@fast_option
@no_embed_option
def harvest(source_names, urls_file, sources_file, since, limit, dry_run, allow_private_hosts, delay, timeout,
            concurrency, store_dir, db_path, fast, embedder, no_embeddings):
    """Fetch documents from the sources (all when none is named) or a URL list, then add what arrived."""
    from corpus.harvest_state import SqliteHarvestState
    from ingest.harvest import Harvester, load_sources, read_url_list, select_sources
    from palermo.pipeline import add_harvested

    try:
        sources = select_sources(load_sources(sources_file), list(source_names))
    except ValueError as e:
        raise click.UsageError(str(e))
    state = SqliteHarvestState(db_path)
    options = dict(since=since, limit=limit, dry_run=dry_run, progress=_progress("Harvesting"))
    try:
        with Harvester(store_dir or f"{Path(db_path).with_suffix('')}.raw", state, allow_private_hosts=allow_private_hosts,
                       delay=delay, timeout=timeout, concurrency=concurrency) as harvester:
            result = harvester.harvest_urls(read_url_list(urls_file), **options) if urls_file else harvester.harvest(sources, **options)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--since")
    finally:
        state.close()
    for candidate in result.planned if dry_run else []:
        click.echo(f"{candidate.url}\t{candidate.source}\t{candidate.metadata.get('title') or ''}")
    _report(result)
    if not dry_run and result.arrived:
        _report(add_harvested(db_path, result.arrived, progress=_progress("Adding"), statistical=not fast,
                              embeddings=_embedder(embedder, no_embeddings)))


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", default=10, show_default=True, help="Number of passages.")
@click.option("--mode", type=click.Choice(["hybrid", "fts", "semantic"]), default="hybrid", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON lines.")
def search(query, db_path, limit, mode, as_json):
    """Search passages, best first, with document, page and a snippet of the words that matched."""
    from corpus.search import search as run_search
    from corpus.store import open_db

    if not Path(db_path).exists():
        raise click.ClickException(f"no corpus at {db_path}: run `palermo add PATH` first")
    hits = run_search(open_db(db_path), query, limit=limit, mode=mode)
    if not hits:
        click.echo("No passages found.")
    for i, hit in enumerate(hits, 1):
        if as_json:
            click.echo(json.dumps(hit.__dict__, ensure_ascii=False))
            continue
        where = f"p. {hit.page}" + (f", para. {hit.paragraph_no}" if hit.paragraph_no else "")
        who = ", ".join(x for x in (hit.organization, hit.date, hit.symbol) if x)
        click.echo(f"{i}. {hit.title or hit.document_id[:12]} ({who}) {where}")
        click.echo(f"   {hit.snippet}")


@cli.command()
@click.argument("query")
@db_option
@click.option("--format", "fmt", type=click.Choice(["md", "csv", "docx"]), default="md", show_default=True,
              help="Markdown, CSV or Word.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write to this file (default: standard output).")
@click.option("--limit", default=20, show_default=True, help="Number of quotes.")
@click.option("--per-doc", default=3, show_default=True, help="At most this many quotes from one document.")
@click.option("--mode", type=click.Choice(["hybrid", "fts", "semantic"]), default="hybrid", show_default=True)
@click.option("--genre", multiple=True, help="statement, cochairs_summary, working_group_report, ... (repeatable).")
@click.option("--organization", multiple=True, help="Author organization, exactly as stored (repeatable).")
@click.option("--organization-type", multiple=True, help="State, UN entity, civil society or academia (repeatable).")
@click.option("--country", multiple=True, help="Country the document is by or about (repeatable).")
@click.option("--year", multiple=True, type=int, help="Year of the document (repeatable).")
@click.option("--language", multiple=True, help="ISO 639-1 language of the document (repeatable).")
@click.option("--topic", multiple=True, help="Topic id, e.g. wg-trafficking (repeatable).")
@click.option("--kind", multiple=True, help="recommendation, request, commitment, challenge, good_practice or ta_need (repeatable).")
def evidence(query, db_path, fmt, out, limit, per_doc, mode, genre, organization, organization_type, country, year,
             language, topic, kind):
    """Quotes for a query grouped by topic, each with its full citation, as Markdown, CSV or Word (deterministic)."""
    from corpus.evidence import build_evidence, render
    from corpus.store import open_db

    if not Path(db_path).exists():
        raise click.ClickException(f"no corpus at {db_path}: run `palermo add PATH` first")
    filters = {"genre": genre, "organization": organization, "organization_type": organization_type, "country": country,
               "year": year, "language": language, "topic": topic, "kind": kind}
    pack = build_evidence(open_db(db_path), query, limit=limit, per_document=per_doc, mode=mode, filters=filters)
    data = render(pack, fmt)
    if out:
        Path(out).write_bytes(data)
        click.echo(f"{len(pack.quotes)} quotes written to {out}", err=True)
    else:
        click.get_binary_stream("stdout").write(data)


def _serve(db_path: str, host: str, port: int, open_browser: bool = False) -> None:
    from corpus.metadata import build_metadata
    from corpus.store import ensure_self_contained

    ensure_self_contained(db_path)

    metadata = Path(tempfile.mkdtemp(prefix="palermo-")) / "metadata.json"
    metadata.write_text(json.dumps(build_metadata(Path(db_path).stem), indent=2))
    cmd = [sys.executable, "-m", "datasette", "serve", "-i", db_path, "--metadata", str(metadata),
           "--host", host, "--port", str(port), "--setting", "sql_time_limit_ms", "3000",
           "--setting", "default_page_size", "50"]
    if open_browser:
        cmd.append("--open")
    click.echo(f"Serving {db_path} at http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        subprocess.run(cmd, check=True)
    except KeyboardInterrupt:
        pass


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True)
def serve(db_path, host, port):
    """Serve the corpus read-only with Datasette, with metadata generated from the schema."""
    if not Path(db_path).exists():
        raise click.ClickException(f"no corpus at {db_path}: run `palermo add PATH` or `palermo demo` first")
    _serve(db_path, host, port)


def _score_line(name: str, row: dict) -> str:
    return (f"{name:<18}{row['gold']:>6}{row['predicted']:>7}{row['matched']:>7}{row['precision']:>7.3f}"
            f"{row['recall']:>8.3f}{row['f1']:>7.3f}{row['state_accuracy']:>7.3f}{row['addressee_accuracy']:>7.3f}"
            f"{row['trafficking_recall']:>9.3f}")


@cli.command(name="eval")
@click.option("--upr", "upr_dir", type=click.Path(file_okay=False), default="../shared/dev-data/upr", show_default=True,
              help="Folder of UPR reports (*.pdf) with their UPR Info recommendations (*.recommendations.jsonl).")
@click.option("--gold", "gold_dir", type=click.Path(file_okay=False), default="tests/gold", show_default=True,
              help="Team gold (entities, events, name variants) for the bundled sample corpus, or for the documents "
                   "in the same folder (tests/gold/heldout).")
@click.option("--statistical", is_flag=True, help="Use the statistical NER model for the UPR set too (entities do not change its scores).")
@click.option("--show-errors", is_flag=True, help="List missed and extra items.")
def evaluate(upr_dir, gold_dir, statistical, show_errors):
    """Score the pipeline: the team gold on the sample corpus (entities, events) and the UPR dev set (recommendations)."""
    ran = False
    if Path(gold_dir).is_dir() and any(Path(gold_dir).glob("*.entities.jsonl")):
        _evaluate_gold(Path(gold_dir), show_errors)
        ran = True
    pdfs = sorted(p for p in Path(upr_dir).glob("*.pdf") if p.with_suffix(".recommendations.jsonl").exists())
    if pdfs:
        _evaluate_upr(pdfs, statistical, show_errors)
        ran = True
    if not ran:
        raise click.ClickException(f"no gold in {gold_dir} and no UPR reports with gold recommendations in {upr_dir}")


def _evaluate_gold(gold_dir: Path, show_errors: bool) -> None:
    from palermo.evaluate_gold import evaluate_gold
    from palermo.pipeline import add_paths

    # A gold folder may hold its own documents (a held-out set); otherwise its gold is for the bundled samples.
    documents = [p for p in sorted(gold_dir.iterdir()) if p.is_file() and p.suffix not in (".jsonl", ".md")]
    with tempfile.TemporaryDirectory() as tmp:
        db_path = str(Path(tmp) / "gold.db")
        add_paths(db_path, [str(p) for p in documents] or [str(sample_dir())], embeddings=None)
        score = evaluate_gold(db_path, gold_dir)
    click.echo(f"Team gold on {'its own documents' if documents else 'the sample corpus'} ({gold_dir})")
    click.echo(f"{'label':<12}{'gold':>6}{'found':>7}{'match':>7}{'prec':>7}{'recall':>8}{'F1':>7}")
    for name, tally in [*score.labels.items(), ("event dates", score.events)]:
        r = tally.row()
        click.echo(f"{name:<12}{r['gold']:>6}{r['predicted']:>7}{r['matched']:>7}{r['precision']:>7.3f}{r['recall']:>8.3f}{r['f1']:>7.3f}")
    click.echo(f"person variants merged: {score.variants_merged} of {score.variants}")
    for stem in score.unmatched_files:
        click.echo(f"  no document for gold file {stem}", err=True)
    if show_errors:
        for name, tally in [*score.labels.items(), ("event", score.events)]:
            click.echo("".join(f"  {name} missed: {m}\n" for m in tally.misses) + "".join(f"  {name} extra:  {m}\n" for m in tally.extras), nl=False)
    click.echo()


def _evaluate_upr(pdfs: list[Path], statistical: bool, show_errors: bool) -> None:
    from palermo.evaluate import UprScore, evaluate_upr

    total = UprScore()
    click.echo(f"UPR dev set ({pdfs[0].parent})")
    header = f"{'report':<18}{'gold':>6}{'found':>7}{'match':>7}{'prec':>7}{'recall':>8}{'F1':>7}{'State':>7}{'addr':>7}{'TIP rec':>9}"
    click.echo(header)
    for pdf in pdfs:
        score = evaluate_upr(pdf, statistical=statistical)
        total.add(score)
        click.echo(_score_line(pdf.stem, score.row()))
    click.echo(_score_line("all", total.row()))
    if show_errors:
        for line in total.misses:
            click.echo(f"  missed: {line}")
        for line in total.extras:
            click.echo(f"  extra:  {line}")


@cli.command()
@click.argument("out_dir", type=click.Path(file_okay=False))
@db_option
def publish(out_dir, db_path):
    """Write what a hosting step needs into OUT_DIR: database, metadata, the palermo plugin, requirements, serve.sh."""
    from palermo.publish import publish as write_bundle

    if not Path(db_path).exists():
        raise click.ClickException(f"no corpus at {db_path}: run `palermo add PATH` first")
    for path in write_bundle(db_path, out_dir):
        click.echo(str(path))


def sample_dir() -> Path:
    """The bundled, illustrative sample corpus."""
    return Path(str(resources.files("corpus") / "samples"))


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True)
@click.option("--no-serve", is_flag=True, help="Build the sample corpus and stop.")
def demo(db_path, host, port, no_serve):
    """Build the bundled sample corpus into the database and serve it with Datasette."""
    from palermo.pipeline import add_paths, upgrade_embeddings

    summary = add_paths(db_path, [str(sample_dir())], progress=_progress("Sample corpus"))
    _report(summary)
    # A corpus this small affords the transformer's vectors at once (seconds): the best semantic search.
    upgrade_embeddings(db_path, "transformer")
    if not no_serve:
        _serve(db_path, host, port)


if __name__ == "__main__":
    cli()
