"""Orchestration of the stages: extract -> analyse -> save, per file, then corpus-wide refresh."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from corpus import store
from corpus.refresh import refresh_corpus
from ingest import EXTRACT_VERSION, extract_document
from ingest.extract import sha256_file
from nlp import NLP_VERSION

# Folders are walked for these; a file named explicitly is read whatever its name.
DOCUMENT_SUFFIXES = {".pdf", ".html", ".htm", ".xhtml", ".docx", ".txt"}


@dataclass
class Summary:
    """What a batch did, for the closing line of a command."""

    counts: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        c = self.counts
        return (f"{c['ok']} ok, {c['partial']} partial, {c['failed']} failed, {c['unchanged']} unchanged; "
                f"{c['passages']} passages, {c['mentions']} entity mentions, {c['recommendations']} recommendations")


def expand_paths(paths: Iterable[str]) -> list[Path]:
    """Files named, plus document files found under folders (hidden files skipped), sorted."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files.extend(Path(root) / n for n in sorted(names)
                             if not n.startswith(".") and Path(n).suffix.lower() in DOCUMENT_SUFFIXES)
        else:
            files.append(path)
    return files


def _is_current(row: dict | None) -> bool:
    if row is None or row["extract_version"] != EXTRACT_VERSION:
        return False
    return row["status"] == "failed" or row["nlp_version"] == NLP_VERSION


@dataclass
class Job:
    """One file to add: where it is, and the URL it came from."""

    path: Path
    resolved: str
    source_url: str | None = None


def _job(path: Path, source_url: str | None = None) -> Job:
    return Job(path, str(path.resolve()) if path.exists() else str(path), source_url)


def _unchanged(db, job: Job, summary: Summary) -> bool:
    """True (and counted) when the same bytes were already processed by the current versions."""
    if not job.path.is_file():
        return False
    try:
        row = store.document_state(db, sha256_file(job.path))
    except OSError:
        return False
    if not _is_current(row):
        return False
    _record_sources(db, row["id"], job.resolved, job.source_url)
    summary.counts["unchanged"] += 1
    return True


def work(job: Job, statistical: bool = True, embeddings: str | None = "static"):
    """Extract and analyse one file without touching the database: what a worker process runs."""
    from nlp.analyze import analyze_document

    doc = extract_document(job.path, source_url=job.source_url)
    doc.path = job.resolved
    if doc.status == "failed":
        return doc, None, None
    try:
        return doc, analyze_document(doc, statistical=statistical, embeddings=embeddings), None
    except Exception as e:  # the passages are still saved and searchable; a later build retries analysis
        return doc, None, f"{type(e).__name__}: {e}"


def _save(db, job: Job, result, summary: Summary) -> None:
    doc, analysis, error = result
    for old in store.documents_at_path(db, job.resolved):
        if old != doc.id:  # the file at this path changed: its old version goes
            store.delete_document(db, old)
    store.save_document(db, doc, EXTRACT_VERSION)
    _record_sources(db, doc.id, job.resolved, job.source_url)
    if doc.status == "failed":
        summary.counts["failed"] += 1
        summary.failures.append((str(job.path), doc.error or "unknown error"))
        return
    if error:
        _analysis_failed(db, doc, summary, str(job.path), error)
        return
    _count_analysis(db, doc, analysis, summary)


def _analysis_failed(db, doc, summary: Summary, label: str, error: str) -> None:
    store.mark_partial(db, doc.id, f"analysis error: {error}")
    summary.counts["partial"] += 1
    summary.failures.append((label, f"analysis error: {error}"))


def _count_analysis(db, doc, analysis, summary: Summary) -> None:
    store.save_analysis(db, doc, analysis)
    summary.counts[doc.status] += 1
    summary.counts["passages"] += len(doc.passages)
    summary.counts["mentions"] += len(analysis.mentions)
    summary.counts["recommendations"] += len(analysis.recommendations)


def process_file(db, path: Path, summary: Summary, statistical: bool = True, embeddings: str | None = "static",
                 force: bool = False, source_url: str | None = None) -> None:
    """Extract, analyse and save one file, unless the same bytes were already processed."""
    job = _job(path, source_url)
    if force or not _unchanged(db, job, summary):
        _save(db, job, work(job, statistical, embeddings), summary)


def _record_sources(db, document_id: str, path: str, source_url: str | None) -> None:
    store.ensure_source(db, document_id, path)
    if source_url:
        store.ensure_source(db, document_id, source_url, "url")


def _preload(statistical: bool, embeddings: str | None) -> None:
    """Load the models once in this process: forked workers share them instead of loading their own."""
    from nlp.spacy_pipeline import load_ner, load_nlp

    load_nlp()
    if statistical:
        load_ner()
    if embeddings == "static":
        from nlp.static_embeddings import load_static

        load_static()


def run_jobs(db, jobs: list[Job], summary: Summary, progress: Callable | None = None, statistical: bool = True,
             embeddings: str | None = "static", workers: int = 1, force: bool = False) -> None:
    """Extract and analyse files in worker processes while this one writes the database (the only writer)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    todo = jobs if force else [job for job in jobs if not _unchanged(db, job, summary)]
    # The transformer already uses both cores, and torch does not survive a fork: it runs in this process.
    if workers < 2 or len(todo) < 2 or embeddings == "transformer" or "fork" not in multiprocessing.get_all_start_methods():
        for job in progress(todo) if progress else todo:
            _save(db, job, work(job, statistical, embeddings), summary)
        return
    _preload(statistical, embeddings)
    os.environ["TOKENIZERS_PARALLELISM"] = "false"  # the tokenizer's own threads do not survive a fork either
    done = 0
    try:
        with ProcessPoolExecutor(min(workers, len(todo)), mp_context=multiprocessing.get_context("fork")) as pool:
            results = pool.map(work, todo, [statistical] * len(todo), [embeddings] * len(todo))
            for job, result in zip(progress(todo) if progress else todo, results):
                _save(db, job, result, summary)
                done += 1
    except BrokenProcessPool:  # a worker died (out of memory, a crash in a native library): finish here
        for job in todo[done:]:
            _save(db, job, work(job, statistical, embeddings), summary)


def _finish(db, db_path: str) -> None:
    """Corpus-wide refresh, then a self-contained file that Datasette can serve immutable."""
    refresh_corpus(db)
    db.conn.close()
    store.ensure_self_contained(db_path)


def add_paths(db_path: str, paths: Iterable[str], progress: Callable | None = None, force: bool = False,
              workers: int | None = None, **options) -> Summary:
    """Add files and folders to the corpus, then refresh corpus-wide tables."""
    db = store.open_db(db_path)
    jobs = [_job(path) for path in expand_paths(paths)]
    summary = Summary()
    run_jobs(db, jobs, summary, progress, workers=workers or os.cpu_count() or 1, force=force, **options)
    _finish(db, db_path)
    return summary


def build(db_path: str, progress: Callable | None = None, statistical: bool = True, embeddings: str | None = "static") -> Summary:
    """Re-run the stages whose version changed, then refresh corpus-wide tables and indexes."""
    from nlp.analyze import analyze_document

    db = store.open_db(db_path)
    stale = [r for r in db.query("select id, path, status, extract_version, nlp_version from documents") if not _is_current(r)]
    summary = Summary()
    iterator = progress(stale) if progress else stale
    for row in iterator:
        if row["extract_version"] != EXTRACT_VERSION and row["path"] and Path(row["path"]).is_file():
            process_file(db, Path(row["path"]), summary, statistical, embeddings, force=True)
            continue
        if row["status"] == "failed":
            summary.counts["failed"] += 1
            continue
        doc = store.load_document(db, row["id"])
        try:
            # Only the analysis changed: the passages' vectors (perhaps upgraded by palermo embed) are kept.
            kept = store.load_embeddings(db, doc.id) if embeddings else None
            analysis = analyze_document(doc, statistical=statistical, embeddings=embeddings, kept_vectors=kept)
        except Exception as e:  # the document stays searchable; the next build retries
            _analysis_failed(db, doc, summary, row["path"] or row["id"], f"{type(e).__name__}: {e}")
            continue
        _count_analysis(db, doc, analysis, summary)
    summary.counts["unchanged"] += db["documents"].count - len(stale)
    _finish(db, db_path)
    return summary


def add_harvested(db_path: str, records: list, progress: Callable | None = None, **options) -> Summary:
    """Extract and analyse what a harvest brought, with the metadata of the pages that linked it."""
    db = store.open_db(db_path)
    summary = Summary()
    for record in progress(records) if progress else records:
        source_url = record.final_url or record.url
        process_file(db, Path(record.path), summary, source_url=source_url, **options)
        store.save_source_metadata(db, record.sha256, record.metadata, source_url)
    _finish(db, db_path)
    return summary


def upgrade_embeddings(db_path: str, embedder: str = "transformer", progress: Callable | None = None, batch: int = 256) -> int:
    """Give every passage a vector of the chosen model (resumable: batches are saved as they finish)."""
    from nlp.embeddings import embed_with, model_name
    from nlp.topics import embedding_topics

    db = store.open_db(db_path)
    model = model_name(embedder)
    todo = store.passages_to_embed(db, model)
    batches = [todo[i:i + batch] for i in range(0, len(todo), batch)]
    for passages in progress(batches) if progress else batches:
        vectors = embed_with(model, [p["text"] for p in passages])
        store.save_embeddings(db, model, passages, vectors, embedding_topics(vectors, model))
    db.conn.close()
    store.ensure_self_contained(db_path)
    return len(todo)
