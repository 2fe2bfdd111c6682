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


def process_file(db, path: Path, summary: Summary, statistical: bool = True, embeddings: bool = True,
                 force: bool = False, source_url: str | None = None) -> None:
    """Extract, analyse and save one file, unless the same bytes were already processed."""
    resolved = str(path.resolve()) if path.exists() else str(path)
    if path.is_file() and not force:
        try:
            row = store.document_state(db, sha256_file(path))
        except OSError:
            row = None
        if _is_current(row):
            _record_sources(db, row["id"], resolved, source_url)
            summary.counts["unchanged"] += 1
            return
    doc = extract_document(path, source_url=source_url)
    doc.path = resolved
    for old in store.documents_at_path(db, resolved):
        if old != doc.id:  # the file at this path changed: its old version goes
            store.delete_document(db, old)
    store.save_document(db, doc, EXTRACT_VERSION)
    _record_sources(db, doc.id, resolved, source_url)
    summary.counts[doc.status] += 1
    if doc.status == "failed":
        summary.failures.append((str(path), doc.error or "unknown error"))
        return
    _analyze(db, doc, summary, str(path), statistical, embeddings)


def _record_sources(db, document_id: str, path: str, source_url: str | None) -> None:
    store.ensure_source(db, document_id, path)
    if source_url:
        store.ensure_source(db, document_id, source_url, "url")


def _analyze(db, doc, summary: Summary, label: str, statistical: bool, embeddings: bool) -> None:
    """Analyse a saved document and save the result; a failure leaves it partial, never stops the batch."""
    from nlp.analyze import analyze_document

    try:
        analysis = analyze_document(doc, statistical=statistical, with_embeddings=embeddings)
    except Exception as e:  # the passages are saved and searchable; a later build retries analysis
        store.mark_partial(db, doc.id, f"analysis error: {type(e).__name__}: {e}")
        summary.counts[doc.status] -= 1  # counted once, as partial
        summary.counts["partial"] += 1
        summary.failures.append((label, f"analysis error: {e}"))
        return
    store.save_analysis(db, doc, analysis)
    summary.counts["passages"] += len(doc.passages)
    summary.counts["mentions"] += len(analysis.mentions)
    summary.counts["recommendations"] += len(analysis.recommendations)


def _finish(db, db_path: str) -> None:
    """Corpus-wide refresh, then a self-contained file that Datasette can serve immutable."""
    refresh_corpus(db)
    db.conn.close()
    store.ensure_self_contained(db_path)


def add_paths(db_path: str, paths: Iterable[str], progress: Callable | None = None, **options) -> Summary:
    """Add files and folders to the corpus, then refresh corpus-wide tables."""
    db = store.open_db(db_path)
    files = expand_paths(paths)
    summary = Summary()
    iterator = progress(files) if progress else files
    for path in iterator:
        process_file(db, path, summary, **options)
    _finish(db, db_path)
    return summary


def build(db_path: str, progress: Callable | None = None, statistical: bool = True, embeddings: bool = True) -> Summary:
    """Re-run the stages whose version changed, then refresh corpus-wide tables and indexes."""
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
        summary.counts[doc.status] += 1
        _analyze(db, doc, summary, row["path"] or row["id"], statistical, embeddings)
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
