"""Corpus-wide steps after documents change: taxonomy rows, merged and linked names, counts, discovered topics,
index upkeep."""

from __future__ import annotations

import json

import sqlite_utils

from nlp.discover import discover_topics
from nlp.known_names import find_known_mentions, linkable_names
from nlp.topics import load_taxonomy
from nlp.variants import merge_variants

from .store import rows_in_chunks


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
    with db.atomic():
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
    with db.atomic():
        for weaker, stronger in merges.items():
            old = db["entities"].get(weaker)
            new = db["entities"].get(stronger)
            aliases = set(json.loads(new["aliases"] or "[]")) | set(json.loads(old["aliases"] or "[]")) | {old["name"]}
            aliases.discard(new["name"])
            db["entities"].update(stronger, {"aliases": json.dumps(sorted(aliases), ensure_ascii=False)})
            db.execute("update mentions set entity_id = ? where entity_id = ?", [stronger, weaker])
            db["entities"].delete(weaker)
    return len(merges)


def _known_names(db: sqlite_utils.Database) -> dict[str, str]:
    """Linkable name -> id of the organizations that documents' own analysis found, and of their authors."""
    # Only entities with a mention from the per-document analysis count: the step does not feed on itself.
    owners: dict[str, set[str]] = {}
    for r in db.query("""select id, name, aliases from entities where label = 'ORG'
                         and id in (select entity_id from mentions where source != 'corpus')"""):
        for name in [r["name"], *json.loads(r["aliases"] or "[]")]:
            owners.setdefault(name, set()).add(r["id"])
    candidates = [(name, entity_id, False) for name, ids in owners.items() for entity_id in ids]
    candidates += [(r["organization"], next(iter(owners[r["organization"]])), True)
                   for r in db.query("select distinct organization from documents where organization is not null")
                   if len(owners.get(r["organization"], ())) == 1]
    return linkable_names(candidates)


def _links(db: sqlite_utils.Database, names: dict[str, str]) -> dict[str, dict]:
    """Mention rows, by id, for every occurrence of the names that the document's own analysis did not find."""
    if not names:
        return {}
    # The full-text index narrows the passages: a phrase query matches a superset of the exact, case-sensitive
    # occurrences (it folds case and accents, and stems), which find_known_mentions then picks out.
    query = " OR ".join('"' + name.replace('"', '""') + '"' for name in names)
    passages = list(db.query("""select id, document_id, text from passages
                                where rowid in (select rowid from passages_fts where passages_fts match ?)""", [query]))
    documents = {p["id"]: p["document_id"] for p in passages}
    found = find_known_mentions([(p["id"], p["text"]) for p in passages], names)
    existing: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for m in rows_in_chunks(db, """select passage_id, entity_id, source, start, "end" from mentions
                                    where source != 'corpus' and passage_id in ({marks})""", sorted({f[0] for f in found})):
        # A pattern's match of any entity wins, as in analysis ("Status of Stateless Persons" inside the Convention's
        # title); so does the document's own mention of the same entity.
        key = m["entity_id"] if m["source"] == "model" else "*"
        existing.setdefault((m["passage_id"], key), []).append((m["start"], m["end"]))
    rows = {}
    for passage_id, entity_id, start, end, text in found:
        spans = existing.get((passage_id, entity_id), []) + existing.get((passage_id, "*"), [])
        if not any(a < end and start < b for a, b in spans):
            rows[f"{passage_id}-{start}-corpus"] = {
                "id": f"{passage_id}-{start}-corpus", "passage_id": passage_id, "document_id": documents[passage_id],
                "entity_id": entity_id, "start": start, "end": end, "text": text, "source": "corpus"}
    return rows


def _fragments(db: sqlite_utils.Database, rows: dict[str, dict], known: set[str]) -> list[str]:
    """Ids of the model's mentions inside a linked name: fragments of it ("el Desarme Ciudadano")."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for r in rows.values():
        spans.setdefault(r["passage_id"], []).append((r["start"], r["end"]))
    # A State named inside the name stays, as analysis keeps names nested in longer names; so does a known
    # organization, which removing would also make unknown, and change the next refresh's links.
    return [m["id"] for m in rows_in_chunks(db, """select id, passage_id, entity_id, start, "end" from mentions
                                                    where source = 'model' and passage_id in ({marks})""", sorted(spans))
            if not m["entity_id"].startswith("STATE:") and m["entity_id"] not in known
            and any(a <= m["start"] and m["end"] <= b for a, b in spans[m["passage_id"]])]


def save_known_mentions(db: sqlite_utils.Database) -> int:
    """Link organizations' names found in some documents wherever else they are written; returns mentions added."""
    with db.atomic():
        old = {r["id"] for r in db.query("select id from mentions where source = 'corpus'")}
        names = _known_names(db)
        rows = _links(db, names)
        fragments = _fragments(db, rows, set(names.values()))
        # Links whose name is no longer known (its document changed or went) go.
        db.execute("delete from mentions where source = 'corpus' and id not in (select value from json_each(?))",
                   [json.dumps(list(rows))])
        db["mentions"].upsert_all(rows.values(), pk="id")
        db.conn.executemany("delete from mentions where id = ?", [(i,) for i in fragments])
        spellings: dict[str, set[str]] = {}
        for r in rows.values():
            spellings.setdefault(r["entity_id"], set()).add(r["text"])
        for entity in rows_in_chunks(db, "select id, name, aliases from entities where id in ({marks})", sorted(spellings)):
            aliases = set(json.loads(entity["aliases"] or "[]"))
            if spellings[entity["id"]] - aliases - {entity["name"]}:
                aliases |= spellings[entity["id"]] - {entity["name"]}
                db["entities"].update(entity["id"], {"aliases": json.dumps(sorted(aliases), ensure_ascii=False)})
    return len(rows.keys() - old)


def refresh_corpus(db: sqlite_utils.Database, discover: bool = True) -> dict:
    """Recompute what depends on the whole corpus; safe to re-run."""
    ensure_taxonomy(db)
    save_merged_variants(db)
    n_known = save_known_mentions(db)
    n_discovered = save_discovered_topics(db) if discover else None
    with db.atomic():
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
    return {"discovered_topics": n_discovered, "known_mentions": n_known}


