"""Corpus-wide steps after documents change: taxonomy rows, counts, discovered topics, index upkeep."""

from __future__ import annotations

import json

import sqlite_utils

from nlp.discover import discover_topics
from nlp.topics import load_taxonomy
from nlp.variants import merge_variants


def ensure_taxonomy(db: sqlite_utils.Database) -> None:
    """Upsert the taxonomy's topics so passage_topics can point at them."""
    db["topics"].upsert_all(
        ({"id": t["id"], "label": t["label"], "kind": t["kind"], "description": t["description"],
          "terms": json.dumps(t.get("keywords", []), ensure_ascii=False)} for t in load_taxonomy()),
        pk="id", alter=True,
    )


def save_discovered_topics(db: sqlite_utils.Database) -> int:
    """Re-run topic discovery over every passage and replace the discovered topics; returns their number."""
    rows = list(db.query("select id, document_id, text from passages order by id"))
    topics = discover_topics([r["text"] for r in rows])
    with db.conn:
        db.execute("delete from passage_topics where method = 'nmf'")
        db.execute("delete from topics where kind = 'discovered'")
        db["topics"].insert_all(
            ({"id": f"discovered-{t.index + 1:02d}", "label": t.label, "kind": "discovered",
              "description": "Discovered in the corpus by NMF over TF-IDF; top terms: " + ", ".join(t.terms),
              "terms": json.dumps(t.terms, ensure_ascii=False)} for t in topics),
            pk="id",
        )
        db["passage_topics"].insert_all(
            ({"passage_id": rows[i]["id"], "topic_id": f"discovered-{t.index + 1:02d}", "document_id": rows[i]["document_id"],
              "score": w, "method": "nmf"} for t in topics for i, w in t.passages),
            pk=("passage_id", "topic_id"),
        )
    return len(topics)


def save_merged_variants(db: sqlite_utils.Database) -> int:
    """Merge people whose names are OCR or spelling variants of each other; returns how many were merged."""
    # Attestation is how often the spelling occurs in the text, found by NER or not.
    counts = {r["id"]: r["n"] for r in db.query(
        """select e.id, (select count(*) from passages p where instr(p.text, e.name) > 0) as n
           from entities e where e.label = 'PERSON'""")}
    merges = merge_variants(counts)
    with db.conn:
        for weaker, stronger in merges.items():
            old = db["entities"].get(weaker)
            new = db["entities"].get(stronger)
            aliases = set(json.loads(new["aliases"] or "[]")) | set(json.loads(old["aliases"] or "[]")) | {old["name"]}
            aliases.discard(new["name"])
            db["entities"].update(stronger, {"aliases": json.dumps(sorted(aliases), ensure_ascii=False)})
            db.execute("update mentions set entity_id = ? where entity_id = ?", [stronger, weaker])
            db["entities"].delete(weaker)
    return len(merges)


def refresh_corpus(db: sqlite_utils.Database, discover: bool = True) -> dict:
    """Recompute what depends on the whole corpus; safe to re-run."""
    ensure_taxonomy(db)
    save_merged_variants(db)
    n_discovered = save_discovered_topics(db) if discover else None
    with db.conn:
        db.execute("delete from entities where id not in (select distinct entity_id from mentions)")
        db.execute(
            """update entities set
                 mention_count = (select count(*) from mentions m where m.entity_id = entities.id),
                 document_count = (select count(distinct document_id) from mentions m where m.entity_id = entities.id)"""
        )
        db.execute("update topics set passage_count = (select count(*) from passage_topics pt where pt.topic_id = topics.id)")
    for table in ("passages", "recommendations"):
        db[table].optimize()
    db.analyze()
    return {"discovered_topics": n_discovered}


