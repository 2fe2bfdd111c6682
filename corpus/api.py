"""A small Python API over the corpus for notebooks and scripts: rows as dicts, citations included."""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations
from pathlib import Path

import sqlite_utils

from .search import Hit, search
from .store import open_db

CITATION = """d.title, d.organization, d.organization_type, d.country, d.date, d.year, d.symbol, d.source_url, d.genre"""


class Corpus:
    """The corpus database behind palermo, opened read-mostly for analysis."""

    def __init__(self, path: str, create: bool = False):
        self.path = str(path)
        if not create and not Path(self.path).exists():
            raise FileNotFoundError(f"no corpus at {self.path}: build one with `palermo add` or `make demo`")
        self.db: sqlite_utils.Database = open_db(self.path)

    def query(self, sql: str, params: list | dict | None = None) -> list[dict]:
        """Rows of any SQL query, as dicts."""
        return list(self.db.query(sql, params or []))

    def documents(self) -> list[dict]:
        """Every document with its metadata, newest first."""
        return self.query("select * from documents order by date desc")

    def recommendations(self, topic: str | None = None, kind: str | None = None, term: str | None = None,
                        organization_type: str | None = None) -> list[dict]:
        """Recommendation-like clauses with their citation, filtered by topic id, kind, a search term and author type."""
        where, params = ["1 = 1"], {}
        if topic:
            where.append("exists (select 1 from json_each(r.topics) where value = :topic)")
            params["topic"] = topic
        if kind:
            where.append("r.kind = :kind")
            params["kind"] = kind
        if organization_type:
            where.append("d.organization_type = :otype")
            params["otype"] = organization_type
        if term:
            where.append("r.rowid in (select rowid from recommendations_fts where recommendations_fts match :term)")
            params["term"] = json.dumps(term)
        sql = f"""select r.id, r.document_id, r.passage_id, r.kind, r.actor, r.addressee, r.text, r.page, r.topics, r.articles, r.confidence,
                         p.paragraph_no, {CITATION}
                  from recommendations r join documents d on d.id = r.document_id join passages p on p.id = r.passage_id
                  where {' and '.join(where)} order by d.date, r.id"""
        rows = self.query(sql, params)
        for row in rows:
            row["topics"], row["articles"] = json.loads(row["topics"] or "[]"), json.loads(row["articles"] or "[]")
        return rows

    def search(self, query: str, limit: int = 10, mode: str = "hybrid", per_document: int = 3) -> list[Hit]:
        """Passages best first, at most per_document from one document (see corpus.search.search)."""
        return search(self.db, query, limit=limit, mode=mode, per_document=per_document)

    def topics(self, kind: str | None = None) -> list[dict]:
        """Topics with their passage counts."""
        if kind:
            return self.query("select * from topics where kind = ? order by passage_count desc", [kind])
        return self.query("select * from topics order by kind, passage_count desc")

    def topic_counts(self, by: str = "year", min_score: float = 0.5) -> list[dict]:
        """Passages per topic and year (or genre, organization_type, ...), for plots over time."""
        if by not in ("year", "genre", "organization_type", "organization", "country", "language"):
            raise ValueError(f"cannot group by {by!r}")
        return self.query(
            f"""select t.id as topic_id, t.label, t.kind, d.{by} as grp, count(*) as passages
                from passage_topics pt join topics t on t.id = pt.topic_id join documents d on d.id = pt.document_id
                where pt.score >= ? group by t.id, d.{by} order by d.{by}, t.id""",
            [min_score],
        )

    def entities(self, label: str | None = None, limit: int = 100) -> list[dict]:
        """Entities by number of mentions."""
        if label:
            return self.query("select * from entities where label = ? order by mention_count desc limit ?", [label, limit])
        return self.query("select * from entities order by mention_count desc limit ?", [limit])

    def cooccurrence(self, labels: tuple[str, ...] = ("ORG", "STATE"), unit: str = "document", min_count: int = 1) -> list[dict]:
        """Pairs of entities mentioned in the same document (or passage), with how often."""
        key = "document_id" if unit == "document" else "passage_id"
        marks = ",".join("?" * len(labels))
        rows = self.query(
            f"""select distinct m.{key} as unit, e.id, e.name from mentions m join entities e on e.id = m.entity_id
                where e.label in ({marks})""",
            list(labels),
        )
        by_unit: dict[str, set[tuple[str, str]]] = {}
        for row in rows:
            by_unit.setdefault(row["unit"], set()).add((row["id"], row["name"]))
        pairs: Counter = Counter()
        for members in by_unit.values():
            for a, b in combinations(sorted(members), 2):
                pairs[(a, b)] += 1
        return [{"source": a[1], "source_id": a[0], "target": b[1], "target_id": b[0], "weight": n}
                for (a, b), n in pairs.most_common() if n >= min_count]

    def articles_by_instrument(self) -> list[dict]:
        """Article references counted per instrument and article."""
        rows = self.query("select id, name, mention_count, document_count from entities where label = 'ARTICLE'")
        for row in rows:
            _, instrument, article = row["id"].split(":", 2)
            row["instrument"], row["article"] = instrument, article
        return sorted(rows, key=lambda r: (r["instrument"], -r["mention_count"]))

    def events(self) -> list[dict]:
        """The timeline: events in date order with their source document."""
        return self.query(f"""select e.date, e.date_end, e.place, e.title as event, {CITATION}
                              from events e join documents d on d.id = e.document_id order by e.date""")
