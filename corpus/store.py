"""Write documents and their analysis into the corpus; read back what re-analysis needs."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

import sqlite_utils

from ingest.models import Document, Passage
from nlp.models import Analysis
from nlp.topics import INHERITED_SCORE

from .schema import ensure_schema

UN_HEADER_FIELDS = ("distribution_date", "original_language", "body", "session", "agenda_item",
                    "meeting_place", "meeting_start", "meeting_end", "job_number")
DERIVED = ["mentions", "recommendations", "events", "passage_topics", "embeddings"]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def open_db(path: str) -> sqlite_utils.Database:
    """Open (and create if needed) the corpus database with its schema."""
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA journal_mode=WAL")
    ensure_schema(db)
    return db


def ensure_self_contained(path: str) -> None:
    """Fold the write-ahead log into the database file: Datasette reads an immutable file without its -wal."""
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.execute("PRAGMA journal_mode=DELETE")
    db.conn.close()


def ensure_source(db: sqlite_utils.Database, document_id: str, location: str, kind: str = "file") -> None:
    """Record that a document's bytes were found at a path or URL; safe to re-run."""
    key = hashlib.sha256(f"{document_id}\n{location}".encode()).hexdigest()[:32]
    db["document_sources"].insert(
        {"id": key, "document_id": document_id, "location": location, "kind": kind, "first_seen": now()},
        pk="id", ignore=True,
    )


def passage_id(document_id: str, seq: int) -> str:
    """Stable passage id: first 16 hex digits of the document id and the sequence number."""
    return f"{document_id[:16]}-{seq:05d}"


def document_state(db: sqlite_utils.Database, document_id: str) -> dict | None:
    """The stored row of a document, or None."""
    rows = list(db.query("select * from documents where id = ?", [document_id]))
    return rows[0] if rows else None


def documents_at_path(db: sqlite_utils.Database, path: str) -> list[str]:
    """Ids of documents added from a path."""
    return [r["id"] for r in db.query("select id from documents where path = ?", [path])]


def _delete_derived(db: sqlite_utils.Database, document_id: str) -> None:
    db.execute("delete from embeddings where passage_id in (select id from passages where document_id = ?)", [document_id])
    for table in DERIVED[:-1]:
        db.execute(f"delete from {table} where document_id = ?", [document_id])


def delete_document(db: sqlite_utils.Database, document_id: str) -> None:
    """Remove a document and everything derived from it."""
    with db.atomic():
        _delete_derived(db, document_id)
        db.execute("delete from passages where document_id = ?", [document_id])
        db.execute("delete from document_sources where document_id = ?", [document_id])
        db.execute("delete from documents where id = ?", [document_id])


def save_document(db: sqlite_utils.Database, doc: Document, extract_version: str) -> None:
    """Upsert a document row and replace its passages (and so everything derived from them)."""
    existing = document_state(db, doc.id)
    row = {
        "id": doc.id, "title": doc.title, "genre": doc.genre, "format": doc.format, "source_url": doc.source_url,
        "path": doc.path, "language": doc.language, "date": doc.date,
        "year": int(doc.date[:4]) if doc.date else None, "symbol": doc.symbol, "organization": doc.organization,
        "country": doc.country, "place": doc.place, "pages": doc.pages, "size": doc.size, "status": doc.status,
        "error": doc.error, "extract_version": extract_version, "nlp_version": None,
        # Language versions of one UN document share its symbol.
        "work": doc.symbol or (existing or {}).get("work"),
        "added_at": existing["added_at"] if existing else now(),
        **{key: (doc.metadata.get("un_header") or {}).get(key) for key in UN_HEADER_FIELDS},
        "metadata": json.dumps({k: v for k, v in doc.metadata.items() if k != "first_page"}, ensure_ascii=False, default=str),
    }
    with db.atomic():
        _delete_derived(db, doc.id)
        db.execute("delete from passages where document_id = ?", [doc.id])
        db["documents"].upsert(row, pk="id", alter=True)
        db["passages"].insert_all(
            (
                {"id": passage_id(doc.id, p.seq), "document_id": doc.id, "page": p.page, "seq": p.seq,
                 "paragraph_no": p.paragraph_no, "section": p.section, "kind": p.kind, "text": p.text, "language": p.language}
                for p in doc.passages
            ),
            pk="id",
        )


SOURCE_FIELDS = ("title", "genre", "date", "symbol", "organization", "country", "country_iso3", "place", "language", "event", "work")


def save_source_metadata(db: sqlite_utils.Database, document_id: str, metadata: dict, source_url: str | None) -> None:
    """Fill a document's empty columns from what the harvested page said, and link its fetches to it."""
    row = document_state(db, document_id)
    if row is None:
        return
    updates = {k: metadata[k] for k in SOURCE_FIELDS if metadata.get(k) and not row.get(k)}
    if metadata.get("year") and not row.get("year"):
        updates["year"] = int(str(metadata["year"])[:4])
    if "date" in updates:
        updates["year"] = int(updates["date"][:4])
    if source_url and not row.get("source_url"):
        updates["source_url"] = source_url
    with db.atomic():
        if updates:
            db["documents"].update(document_id, updates)
        db.execute("update fetches set document_id = ? where sha256 = ? and kind = 'document'", [document_id, document_id])


def mark_partial(db: sqlite_utils.Database, document_id: str, reason: str) -> None:
    """Record that a later stage failed for a document whose passages are saved."""
    db["documents"].update(document_id, {"status": "partial", "error": reason})


def load_document(db: sqlite_utils.Database, document_id: str) -> Document:
    """A stored document with its passages, for re-analysis without re-extraction."""
    row = document_state(db, document_id)
    doc = Document(id=row["id"], path=row["path"], format=row["format"])
    for field in ("title", "genre", "source_url", "language", "date", "symbol", "organization", "country", "place", "status", "error"):
        setattr(doc, field, row[field])
    doc.pages = row["pages"] or 0
    doc.passages = [
        Passage(page=r["page"], seq=r["seq"], text=r["text"], paragraph_no=r["paragraph_no"], section=r["section"], language=r["language"],
                kind=r["kind"] or "body")
        for r in db.query("select * from passages where document_id = ? order by seq", [document_id])
    ]
    return doc


def rows_in_chunks(db: sqlite_utils.Database, sql: str, keys: list) -> list[dict]:
    """Rows of a query with one `in ({marks})` over many keys, 500 at a time (SQLite's variable limit)."""
    rows = []
    for i in range(0, len(keys), 500):
        part = keys[i:i + 500]
        rows += db.query(sql.format(marks=",".join("?" * len(part))), part)
    return rows


def _merge_entities(db: sqlite_utils.Database, analysis: Analysis) -> None:
    known = {r["id"]: r for r in rows_in_chunks(db, "select id, aliases from entities where id in ({marks})", list(analysis.entities))}
    rows = []
    for entity in analysis.entities.values():
        aliases = set(entity.aliases)
        if entity.id in known and known[entity.id]["aliases"]:
            aliases |= set(json.loads(known[entity.id]["aliases"]))
        aliases.discard(entity.name)
        rows.append({"id": entity.id, "label": entity.label, "name": entity.name,
                     "aliases": json.dumps(sorted(aliases), ensure_ascii=False), "iso3": entity.iso3})
    db["entities"].upsert_all(rows, pk="id", alter=True)


def save_analysis(db: sqlite_utils.Database, doc: Document, analysis: Analysis) -> None:
    """Replace a document's derived rows with a new analysis."""
    from nlp.embeddings import to_blob

    pid = lambda seq: passage_id(doc.id, seq)  # noqa: E731
    with db.atomic():
        _delete_derived(db, doc.id)
        _merge_entities(db, analysis)
        db["mentions"].insert_all(
            ({"id": f"{pid(m.passage_seq)}-{m.start}-{i}", "passage_id": pid(m.passage_seq), "document_id": doc.id,
              "entity_id": m.entity_id, "start": m.start, "end": m.end, "text": m.text, "source": m.source}
             for i, m in enumerate(analysis.mentions)),
            pk="id",
        )
        db["recommendations"].insert_all(
            ({"id": f"{pid(r.passage_seq)}-{i:03d}", "document_id": doc.id, "passage_id": pid(r.passage_seq), "page": r.page,
              "text": r.text, "kind": r.kind, "actor": r.actor, "addressee": r.addressee,
              "topics": json.dumps(r.topics), "articles": json.dumps(r.articles), "confidence": r.confidence, "cue": r.cue}
             for i, r in enumerate(analysis.recommendations)),
            pk="id",
        )
        db["events"].insert_all(
            ({"id": f"{pid(e.passage_seq)}-{i:03d}", "date": e.date, "date_end": e.date_end, "title": e.title,
              "place": e.place, "document_id": doc.id, "passage_id": pid(e.passage_seq)}
             for i, e in enumerate(analysis.events)),
            pk="id",
        )
        db["passage_topics"].insert_all(
            ({"passage_id": pid(t.passage_seq), "topic_id": t.topic_id, "document_id": doc.id, "score": t.score, "method": t.method}
             for t in analysis.topics),
            pk=("passage_id", "topic_id"),
        )
        if analysis.embeddings is not None:
            model = analysis.pipeline.get("embeddings")
            db["embeddings"].insert_all(
                ({"passage_id": pid(seq), "model": model, "vector": to_blob(vec)} for seq, vec in enumerate(analysis.embeddings)),
                pk="passage_id",
            )
        db["documents"].update(doc.id, {
            "nlp_version": analysis.pipeline.get("nlp_version"),
            "nlp_pipeline": f"spacy {analysis.pipeline.get('spacy')} / {analysis.pipeline.get('model')} + {analysis.pipeline.get('patterns')} patterns",
            "embed_model": analysis.pipeline.get("embeddings"),
            "country": analysis.country or doc.country,
            "country_iso3": analysis.country_iso3,
            "organization_type": analysis.organization_type,
            "analyzed_at": now(),
        })


def load_embeddings(db: sqlite_utils.Database, document_id: str) -> tuple[str, object] | None:
    """(model, vectors in passage order) when every passage of the document has a vector of one model, else None."""
    import numpy as np

    from nlp.embeddings import from_blob

    rows = list(db.query("""select e.model, e.vector from passages p left join embeddings e on e.passage_id = p.id
                            where p.document_id = ? order by p.seq""", [document_id]))
    models = {r["model"] for r in rows}
    if not rows or len(models) != 1 or None in models:
        return None
    return models.pop(), np.vstack([from_blob(r["vector"]) for r in rows])


def passages_to_embed(db: sqlite_utils.Database, model: str) -> list[dict]:
    """Passages (id, document_id, text) without a vector of this model, in document order."""
    return list(db.query(
        """select p.id, p.document_id, p.text from passages p left join embeddings e on e.passage_id = p.id
           where e.model is null or e.model != ? order by p.document_id, p.seq""", [model]))


def save_embeddings(db: sqlite_utils.Database, model: str, passages: list[dict], vectors, topics) -> None:
    """Replace the vectors of these passages with the model's, and add the topics those vectors assign."""
    from nlp.embeddings import to_blob

    with db.atomic():
        db["embeddings"].upsert_all(
            ({"passage_id": p["id"], "model": model, "vector": to_blob(v)} for p, v in zip(passages, vectors)), pk="passage_id")
        strong: dict[str, set[str]] = {}
        for row, topic_id, score in topics:
            passage = passages[row]
            if score >= INHERITED_SCORE:  # a clause inherits its passage's confident topics, as at analysis time
                strong.setdefault(passage["id"], set()).add(topic_id)
            old = db.execute("select score, method from passage_topics where passage_id = ? and topic_id = ?",
                             [passage["id"], topic_id]).fetchone()
            methods = sorted(set((old[1].split("+") if old else []) + ["embedding"]))
            db["passage_topics"].upsert(
                {"passage_id": passage["id"], "topic_id": topic_id, "document_id": passage["document_id"],
                 "score": max(score, old[0] if old else 0.0), "method": "+".join(methods)},
                pk=("passage_id", "topic_id"))
        for rec in rows_in_chunks(db, "select id, passage_id, topics from recommendations where passage_id in ({marks})", list(strong)):
            merged = sorted(set(json.loads(rec["topics"] or "[]")) | strong[rec["passage_id"]])
            db["recommendations"].update(rec["id"], {"topics": json.dumps(merged)})
        documents = sorted({p["document_id"] for p in passages})
        marks = ",".join("?" * len(documents))
        db.execute(
            f"""update documents set embed_model = (
                  select case when count(distinct e.model) = 1 then max(e.model) end
                  from passages p join embeddings e on e.passage_id = p.id where p.document_id = documents.id)
                where id in ({marks})""", documents)
