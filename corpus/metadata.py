"""Datasette metadata generated from the schema: titles, descriptions, facets, labels, queries."""

from __future__ import annotations

from .schema import TABLES

TITLE = "palermo: the UNTOC review corpus"
DESCRIPTION = (
    "Statements, co-chairs' summaries, working-group documents and reports on the review mechanism of the "
    "UN Convention against Transnational Organized Crime, split into page-cited passages with entities, "
    "topics and recommendations. Built by palermo."
)
FACETS = {
    "documents": ["genre", "organization_type", "organization", "country", "year", "language", "status", "work"],
    "passages": ["kind", "language", "document_id"],
    "recommendations": ["kind", "actor", "addressee", "document_id"],
    "entities": ["label"],
    "mentions": ["source", "entity_id"],
    "topics": ["kind"],
    "passage_topics": ["topic_id", "method"],
    "events": ["place", "document_id"],
    "fetches": ["outcome", "kind", "status", "source", "content_type"],
}
SORT = {
    "documents": ("sort_desc", "date"),
    "entities": ("sort_desc", "mention_count"),
    "recommendations": ("sort", "id"),
    "events": ("sort", "date"),
    "topics": ("sort_desc", "passage_count"),
}
LABELS = {"documents": "title", "entities": "name", "topics": "label", "passages": "text"}
HIDDEN = {"embeddings", "harvest_runs"}
QUERIES = {
    "recommendations_by_addressee_and_topic": {
        "title": "Recommendations by addressee and topic",
        "description": "Recommendations whose addressee and topic match, with their citation.",
        "sql": """select r.kind, r.actor, r.addressee, r.text, d.title, d.organization, d.date, r.page, d.symbol
from recommendations r join documents d on d.id = r.document_id
where (:addressee = '' or r.addressee like '%' || :addressee || '%')
  and (:topic = '' or r.topics like '%"' || :topic || '"%')
order by d.date desc, r.id limit 500""",
    },
    "who_said_what": {
        "title": "Who said what about a term",
        "description": "Recommendations and commitments whose text contains a term: actor, date, document, quote.",
        "sql": """select r.actor, d.date, r.kind, r.text as quote, d.title, d.organization, r.page, d.source_url
from recommendations_fts f join recommendations r on r.rowid = f.rowid join documents d on d.id = r.document_id
where recommendations_fts match :term order by d.date limit 500""",
    },
    "timeline": {
        "title": "Timeline of events",
        "description": "Events with their dates, places and source documents, in date order.",
        "sql": """select e.date, e.date_end, e.place, e.title, d.title as document, d.organization
from events e join documents d on d.id = e.document_id order by e.date""",
    },
    "documents_of_a_dialogue": {
        "title": "Documents of one dialogue",
        "description": "Documents of a Constructive Dialogue or meeting, e.g. 'Trafficking in Persons' or 'Firearms', by date.",
        "sql": """select d.date, d.title, d.organization, d.organization_type, d.genre, d.language, d.source_url
from documents d
where d.event like '%' || :dialogue || '%' or d.title like '%' || :dialogue || '%' or d.body like '%' || :dialogue || '%'
   or exists (select 1 from passages p where p.document_id = d.id and p.seq < 4
              and p.text like '%Dialogue on%' and p.text like '%' || :dialogue || '%')
order by d.date""",
    },
    "most_cited_articles": {
        "title": "Most cited articles per instrument",
        "description": "Article references counted across the corpus.",
        "sql": """select e.name as article, e.mention_count as mentions, e.document_count as documents
from entities e where e.label = 'ARTICLE' order by e.mention_count desc limit 100""",
    },
}


def build_metadata(database_name: str = "palermo") -> dict:
    """The metadata dict Datasette reads (metadata.json)."""
    tables = {}
    for name, (description, columns, _pk, _fks) in TABLES.items():
        table = {"title": name.replace("_", " ").capitalize(), "description": description,
                 "columns": {col: text for col, (_typ, text) in columns.items()}}
        if name in FACETS:
            table["facets"] = FACETS[name]
        if name in SORT:
            table[SORT[name][0]] = SORT[name][1]
        if name in LABELS:
            table["label_column"] = LABELS[name]
        if name in HIDDEN:
            table["hidden"] = True
        tables[name] = table
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "license": "Code: Apache-2.0; documents: see each source",
        "source": "palermo",
        "about": "Search passages",
        "about_url": "/-/search",
        "databases": {database_name: {"tables": tables, "queries": QUERIES}},
    }
