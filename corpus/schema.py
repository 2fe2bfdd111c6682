"""The corpus schema: tables, columns and their descriptions (which also feed Datasette metadata)."""

from __future__ import annotations

import sqlite_utils

# table -> (description, {column: (type, description)}, primary key, foreign keys)
TABLES: dict[str, tuple[str, dict[str, tuple[type, str]], str | tuple, list]] = {
    "documents": (
        "One row per file, identified by the sha256 of its bytes, with what extraction and analysis found.",
        {
            "id": (str, "sha256 of the file's bytes"),
            "title": (str, "Title read from the document"),
            "genre": (str, "statement, cochairs_summary, working_group_report, upr_report, news, annual_report, document..."),
            "format": (str, "pdf, html, docx or txt, detected from the bytes"),
            "source_url": (str, "Where the file was fetched from, when harvested"),
            "path": (str, "Local path the file was added from"),
            "language": (str, "ISO 639-1 language detected from the content"),
            "date": (str, "Date of the document (ISO), read from its text"),
            "year": (int, "Year of the document"),
            "symbol": (str, "UN document symbol, e.g. CTOC/COP/WG.4/2024/9"),
            "organization": (str, "Author: organization, UN body or Government"),
            "organization_type": (str, "State, UN entity, civil society or academia"),
            "country": (str, "The State the document is by or about"),
            "country_iso3": (str, "ISO 3166-1 alpha-3 code of the country"),
            "place": (str, "Place named in the dateline or header"),
            "distribution_date": (str, "Date in the UN header block (Distr.: General, date)"),
            "original_language": (str, "Original language stated in the UN header block"),
            "body": (str, "UN body from the header block, e.g. Working Group on Trafficking in Persons"),
            "session": (str, "Session from the header block"),
            "agenda_item": (str, "Agenda item from the header block"),
            "meeting_place": (str, "Place of the meeting from the header block"),
            "meeting_start": (str, "First day of the meeting (ISO)"),
            "meeting_end": (str, "Last day of the meeting (ISO)"),
            "job_number": (str, "UN job number, e.g. V.24-01234"),
            "event": (str, "Meeting or dialogue the document belongs to, from the page that linked it"),
            "work": (str, "Key shared by the language versions of one work: the UN symbol, or the harvest's work key"),
            "pages": (int, "Number of pages"),
            "size": (int, "File size in bytes"),
            "status": (str, "ok, partial or failed"),
            "error": (str, "Why the document is partial or failed"),
            "extract_version": (str, "Version of palermo's extraction that produced the passages"),
            "nlp_version": (str, "Version of palermo's analysis that produced entities, topics and recommendations"),
            "nlp_pipeline": (str, "spaCy version and model that produced the entities"),
            "embed_model": (str, "Sentence-embedding model of the passages"),
            "added_at": (str, "When the document was first added (UTC)"),
            "analyzed_at": (str, "When the document was last analysed (UTC)"),
            "metadata": (str, "Other metadata (JSON): PDF info, titles"),
        },
        "id",
        [],
    ),
    "passages": (
        "Paragraph-sized passages of text, each citable by document, page and paragraph number.",
        {
            "id": (str, "document id prefix and sequence number"),
            "document_id": (str, "The document"),
            "page": (int, "Page where the passage starts (1-based)"),
            "seq": (int, "Order of the passage in the document"),
            "paragraph_no": (str, "Paragraph number as printed, e.g. 131.1 or 12(a)"),
            "section": (str, "Heading the passage falls under"),
            "kind": (str, "body, footnote or table (one table row per passage)"),
            "text": (str, "The passage text"),
            "language": (str, "ISO 639-1 language of the passage"),
        },
        "id",
        [("document_id", "documents", "id")],
    ),
    "entities": (
        "Canonical entities: States (ISO3), organizations, people, instruments, articles, places, laws.",
        {
            "id": (str, "LABEL:key, e.g. STATE:PAK or ARTICLE:TIP:6"),
            "label": (str, "STATE, ORG, PERSON, INSTRUMENT, ARTICLE, MEETING, LAW, PLACE, EVENT"),
            "name": (str, "Canonical name"),
            "aliases": (str, "Other spellings seen (JSON list)"),
            "iso3": (str, "ISO 3166-1 alpha-3 code, for States"),
            "mention_count": (int, "Mentions in the corpus"),
            "document_count": (int, "Documents that mention it"),
        },
        "id",
        [],
    ),
    "mentions": (
        "Where each entity is mentioned: passage and character offsets.",
        {
            "id": (str, "passage id and start offset"),
            "passage_id": (str, "The passage"),
            "document_id": (str, "The document"),
            "entity_id": (str, "The entity"),
            "start": (int, "Start offset in the passage text"),
            "end": (int, "End offset in the passage text"),
            "text": (str, "Text as written"),
            "source": (str, "ruler (patterns), model (statistical NER) or articles (parser)"),
        },
        "id",
        [("passage_id", "passages", "id"), ("document_id", "documents", "id"), ("entity_id", "entities", "id")],
    ),
    "recommendations": (
        "Recommendations, requests, commitments, challenges, good practices and technical-assistance needs.",
        {
            "id": (str, "passage id and number within the passage"),
            "document_id": (str, "The document"),
            "passage_id": (str, "The passage it was found in"),
            "page": (int, "Page of the passage"),
            "text": (str, "The clause, as written"),
            "kind": (str, "recommendation, request, commitment, challenge, good_practice or ta_need"),
            "actor": (str, "Who makes it"),
            "addressee": (str, "To whom it is addressed"),
            "topics": (str, "Taxonomy topics (JSON list)"),
            "articles": (str, "Article references (JSON list)"),
            "confidence": (float, "Confidence of the detection, 0-1"),
            "cue": (str, "The words that marked it"),
        },
        "id",
        [("document_id", "documents", "id"), ("passage_id", "passages", "id")],
    ),
    "topics": (
        "Topics: the review clusters, working-group themes and cross-cutting themes, and topics discovered in the corpus.",
        {
            "id": (str, "Topic id"),
            "label": (str, "Name of the topic"),
            "kind": (str, "cluster, wg_theme, cross_cutting or discovered"),
            "description": (str, "What the topic covers"),
            "terms": (str, "Keywords, or top terms of a discovered topic (JSON list)"),
            "passage_count": (int, "Passages assigned to the topic"),
        },
        "id",
        [],
    ),
    "passage_topics": (
        "Topics assigned to passages, with a score and the method that found them.",
        {
            "passage_id": (str, "The passage"),
            "topic_id": (str, "The topic"),
            "document_id": (str, "The document"),
            "score": (float, "Strength of the assignment, 0-1"),
            "method": (str, "keyword, article, embedding or nmf (joined with + when several agree)"),
        },
        ("passage_id", "topic_id"),
        [("passage_id", "passages", "id"), ("topic_id", "topics", "id"), ("document_id", "documents", "id")],
    ),
    "events": (
        "Events with dates: meetings, sessions, dialogues, visits, as stated in the documents.",
        {
            "id": (str, "passage id and number"),
            "date": (str, "Start date (ISO; YYYY-MM for a month)"),
            "date_end": (str, "End date of a range"),
            "title": (str, "The sentence or table row that states the event"),
            "place": (str, "Where it took place"),
            "document_id": (str, "The document"),
            "passage_id": (str, "The passage"),
        },
        "id",
        [("document_id", "documents", "id"), ("passage_id", "passages", "id")],
    ),
    "fetches": (
        "One row per HTTP request made by the harvester: provenance of every downloaded file.",
        {
            "id": (int, "Request number"),
            "url": (str, "URL requested"),
            "final_url": (str, "URL after redirects"),
            "status": (int, "HTTP status"),
            "fetched_at": (str, "When (UTC)"),
            "sha256": (str, "sha256 of the body"),
            "content_type": (str, "Content-Type"),
            "etag": (str, "ETag"),
            "last_modified": (str, "Last-Modified"),
            "error": (str, "Error, if the request failed"),
            "document_id": (str, "Document made from the body"),
            "url_key": (str, "The URL normalized for identity (scheme, www., ?lng=en and fragments folded)"),
            "kind": (str, "document, page or robots"),
            "outcome": (str, "new, changed, unchanged, failed or skipped (a link not followed)"),
            "source": (str, "Source (sources.yaml) that led to the URL"),
            "path": (str, "Where the body is kept in the content-addressed store"),
            "warning": (str, "A non-fatal oddity, e.g. a Content-Type that disagrees with the bytes"),
            "attempts": (int, "Requests made, retries included"),
            "run_id": (int, "Harvest run"),
            "metadata": (str, "What the source page said about the document (JSON)"),
        },
        "id",
        [],
    ),
    "harvest_runs": (
        "Harvest runs: an unfinished run is resumed by the next harvest.",
        {
            "id": (int, "Run number"),
            "started_at": (str, "When it started (UTC)"),
            "finished_at": (str, "When it completed; empty while it can be resumed"),
        },
        "id",
        [],
    ),
    "document_sources": (
        "Every place a document's bytes were found: the same bytes at several paths or URLs are one document.",
        {
            "id": (str, "document id and location"),
            "document_id": (str, "The document"),
            "location": (str, "Local path or URL"),
            "kind": (str, "file or url"),
            "first_seen": (str, "When this location was first seen (UTC)"),
        },
        "id",
        [("document_id", "documents", "id")],
    ),
    "embeddings": (
        "Sentence embeddings of passages (float32, unit length) for semantic search.",
        {
            "passage_id": (str, "The passage"),
            "model": (str, "Embedding model"),
            "vector": (bytes, "float32 little-endian vector"),
        },
        "passage_id",
        [("passage_id", "passages", "id")],
    ),
}
FTS = {"passages": ["text", "section"], "recommendations": ["text", "actor", "addressee"]}
INDEXES = {
    "passages": [["document_id", "seq"]],
    "mentions": [["entity_id"], ["passage_id"], ["document_id"]],
    "recommendations": [["document_id"], ["kind"]],
    "passage_topics": [["topic_id"], ["document_id"]],
    "events": [["date"], ["document_id"]],
    "fetches": [["url"], ["sha256"], ["url_key"], ["run_id"]],
    "document_sources": [["document_id"]],
    "documents": [["work"], ["path"]],
}


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables, columns, indexes and full-text indexes; safe to re-run."""
    for name, (_, columns, pk, fks) in TABLES.items():
        table = db[name]
        if not table.exists():
            table.create({col: typ for col, (typ, _) in columns.items()}, pk=pk, foreign_keys=fks)
        else:
            missing = {c: t for c, (t, _) in columns.items() if c not in table.columns_dict}
            for col, typ in missing.items():
                table.add_column(col, typ)
        for cols in INDEXES.get(name, []):
            table.create_index(cols, if_not_exists=True)
    for name, cols in FTS.items():
        if not db[name].detect_fts():
            db[name].enable_fts(cols, create_triggers=True, tokenize="porter unicode61 remove_diacritics 2")
