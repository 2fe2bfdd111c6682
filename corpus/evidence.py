"""Evidence packs: quotes found by a search, grouped by topic, each with a full citation; Markdown, CSV or DOCX."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

import sqlite_utils

from .search import Hit, search

# Facet filters shared by the web search page, its JSON/CSV and the evidence pack.
DOCUMENT_FILTERS = ("genre", "organization", "organization_type", "country", "year", "language")
FILTERS = DOCUMENT_FILTERS + ("topic", "kind")
OTHER = "Other"
# Taxonomy topics only: discovered topics are labelled by their top terms, useless as headings.
TOPIC_KINDS = ("wg_theme", "cross_cutting", "cluster")
FIXED_DATE = datetime(2000, 1, 1)
CSV_COLUMNS = ["topic", "quote", "title", "organization", "organization_type", "country", "date", "symbol", "page",
               "paragraph", "url", "content_hash", "passage_id", "genre", "language"]


@dataclass
class Quote:
    """One verbatim passage with everything needed to cite it."""

    passage_id: str
    document_id: str
    text: str
    title: str | None
    organization: str | None
    organization_type: str | None
    country: str | None
    date: str | None
    symbol: str | None
    page: int | None
    paragraph_no: str | None
    source_url: str | None
    genre: str | None
    language: str | None
    topic_id: str | None
    topic: str

    @property
    def content_hash(self) -> str:
        """sha256 of the source file (the document id)."""
        return self.document_id

    def citation(self) -> str:
        """Title, author, date, symbol, page and paragraph as one line."""
        who = self.organization or self.country
        if self.organization_type and who:
            who = f"{who} ({self.organization_type})"
        where = f"p. {self.page}" if self.page else None
        if self.paragraph_no:
            where = f"{where}, para. {self.paragraph_no}" if where else f"para. {self.paragraph_no}"
        return ", ".join(x for x in (self.title or self.document_id[:12], who, self.date, self.symbol, where) if x)


@dataclass
class EvidencePack:
    """The quotes for a query, in rank order, with the search that produced them."""

    query: str
    mode: str
    filters: dict = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)

    def groups(self) -> list[tuple[str, list[Quote]]]:
        """Quotes by topic: topics in order of their best quote, "Other" last; quotes in rank order."""
        groups: dict[str, list[Quote]] = {}
        for quote in self.quotes:
            groups.setdefault(quote.topic, []).append(quote)
        order = [t for t in groups if t != OTHER] + ([OTHER] if OTHER in groups else [])
        return [(t, groups[t]) for t in order]

    def filter_line(self) -> str:
        """The filters as `name=value` pairs, in a fixed order."""
        return ", ".join(f"{k}={'|'.join(map(str, _values(self.filters.get(k))))}" for k in FILTERS if _values(self.filters.get(k)))


def _values(value) -> list:
    if value in (None, "", [], ()):
        return []
    values = value if isinstance(value, (list, tuple, set)) else [value]
    return sorted({str(v) for v in values if v not in (None, "")})


def allowed_passages(db: sqlite_utils.Database, filters: dict | None) -> set[str] | None:
    """Ids of passages that pass the facet filters (None when there is no filter); values may be lists (any of)."""
    where, params = [], []
    for name in FILTERS:
        values = _values((filters or {}).get(name))
        if not values:
            continue
        if name == "year":
            # year is an integer column; a non-numeric year matches nothing
            values = [int(v) for v in values if v.isdigit()] or [None]
        marks = ",".join("?" * len(values))
        if name == "topic":
            where.append(f"exists (select 1 from passage_topics pt where pt.passage_id = p.id and pt.topic_id in ({marks}))")
        elif name == "kind":
            where.append(f"exists (select 1 from recommendations r where r.passage_id = p.id and r.kind in ({marks}))")
        else:
            where.append(f"d.{name} in ({marks})")
        params.extend(values)
    if not where:
        return None
    sql = f"select p.id from passages p join documents d on d.id = p.document_id where {' and '.join(where)}"
    return {row[0] for row in db.execute(sql, params).fetchall()}


def filtered_search(db: sqlite_utils.Database, query: str, limit: int = 20, mode: str = "hybrid", per_document: int = 3,
                    filters: dict | None = None) -> list[Hit]:
    """corpus.search.search with facet filters, applied inside both rankings (not to the best 100 afterwards)."""
    allowed = allowed_passages(db, filters)
    return search(db, query, limit=limit, mode=mode, per_document=per_document,
                  allowed=set(allowed) if allowed is not None else None)


def best_topics(db: sqlite_utils.Database, passage_ids: list[str]) -> dict[str, tuple[str, str]]:
    """passage id -> (topic id, label) of its strongest taxonomy topic."""
    if not passage_ids:
        return {}
    marks = ",".join("?" * len(passage_ids))
    kinds = ",".join(f"'{k}'" for k in TOPIC_KINDS)
    sql = f"""select pt.passage_id, t.id, t.label from passage_topics pt join topics t on t.id = pt.topic_id
              where pt.passage_id in ({marks}) and t.kind in ({kinds})
              order by pt.passage_id, pt.score desc,
                       case t.kind when 'wg_theme' then 0 when 'cross_cutting' then 1 else 2 end, t.id"""
    best: dict[str, tuple[str, str]] = {}
    for pid, tid, label in db.execute(sql, passage_ids).fetchall():
        best.setdefault(pid, (tid, label))
    return best


QUOTE_SQL = """select p.id as passage_id, p.document_id, p.text, p.page, p.paragraph_no, d.title, d.organization,
                      d.organization_type, d.country, d.date, d.symbol, d.source_url, d.genre, d.language
               from passages p join documents d on d.id = p.document_id where p.id in ({marks})"""


def build_evidence(db: sqlite_utils.Database, query: str, limit: int = 20, per_document: int = 3, mode: str = "hybrid",
                   filters: dict | None = None, passage_ids: list[str] | None = None) -> EvidencePack:
    """The evidence pack for a query: the hits (or only the chosen passage ids, in the order given), grouped by topic."""
    filters = {k: _values(v) for k, v in (filters or {}).items() if k in FILTERS and _values(v)}
    if passage_ids:
        ids = list(dict.fromkeys(passage_ids))
    else:
        ids = [h.passage_id for h in filtered_search(db, query, limit=limit, mode=mode, per_document=per_document, filters=filters)]
    rows = {r["passage_id"]: r for r in db.query(QUOTE_SQL.format(marks=",".join("?" * len(ids))), ids)} if ids else {}
    topics = best_topics(db, list(rows))
    quotes = []
    for pid in ids:
        if pid in rows:
            topic_id, label = topics.get(pid, (None, OTHER))
            quotes.append(Quote(**rows[pid], topic_id=topic_id, topic=label))
    return EvidencePack(query=query, mode=mode, filters=filters, quotes=quotes)


def _md_escape(text: str) -> str:
    # Neutralise raw HTML so a Markdown renderer shows a quoted "<script>" as text.
    return " ".join(text.split()).replace("<", "&lt;")


def to_markdown(pack: EvidencePack, link_base: str | None = None) -> str:
    """The pack as Markdown: one section per topic, each quote followed by its citation."""
    docs = len({q.document_id for q in pack.quotes})
    lines = [f"# Evidence: {_md_escape(pack.query)}", "",
             f"Search `{pack.query.replace('`', '')}` ({pack.mode})" + (f", filters {pack.filter_line()}" if pack.filter_line() else "")
             + f": {len(pack.quotes)} quotes from {docs} documents. Quotes are verbatim passages; content hash = sha256 of the source file.", ""]
    n = 0
    for topic, quotes in pack.groups():
        lines += [f"## {_md_escape(topic)}", ""]
        for q in quotes:
            n += 1
            lines += [f"> {_md_escape(q.text)}", "", f"{n}. {_md_escape(q.citation())}."]
            if q.source_url:
                lines.append(f"   Source: <{q.source_url}>")
            if link_base:
                lines.append(f"   Corpus: <{link_base.rstrip('/')}/{q.document_id}#{q.passage_id}>")
            lines += [f"   sha256 `{q.content_hash}`, passage `{q.passage_id}`", ""]
    if not pack.quotes:
        lines += ["No passages found.", ""]
    return "\n".join(lines)


def csv_rows(pack: EvidencePack) -> list[dict]:
    """One flat row per quote, in group order, with the CSV columns."""
    rows = []
    for topic, quotes in pack.groups():
        for q in quotes:
            rows.append({"topic": topic, "quote": q.text, "title": q.title, "organization": q.organization,
                         "organization_type": q.organization_type, "country": q.country, "date": q.date, "symbol": q.symbol,
                         "page": q.page, "paragraph": q.paragraph_no, "url": q.source_url, "content_hash": q.content_hash,
                         "passage_id": q.passage_id, "genre": q.genre, "language": q.language})
    return rows


def to_csv(pack: EvidencePack) -> str:
    """The pack as CSV, one quote per row (RFC 4180, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(csv_rows(pack))
    return out.getvalue()


def _hyperlink(paragraph, url: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")
    props.extend([style, colour, underline])
    text = OxmlElement("w:t")
    text.text = url
    run.extend([props, text])
    link.append(run)
    paragraph._p.append(link)


def _fixed_zip(data: bytes) -> bytes:
    # Word files are zips whose entries carry the time of writing: rewrite them with a fixed date.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def to_docx(pack: EvidencePack, link_base: str | None = None) -> bytes:
    """The pack as a Word document with fixed properties and zip dates, so the same pack gives the same bytes."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    props = doc.core_properties
    props.title, props.subject = f"Evidence: {pack.query}", "UNTOC review mechanism corpus"
    props.author = props.last_modified_by = "palermo"
    props.created = props.modified = props.last_printed = FIXED_DATE
    props.revision, props.keywords, props.comments = 1, pack.query, ""
    doc.add_heading(f"Evidence: {pack.query}", level=1)
    summary = f"Search “{pack.query}” ({pack.mode})" + (f", filters {pack.filter_line()}" if pack.filter_line() else "")
    doc.add_paragraph(f"{summary}: {len(pack.quotes)} quotes from {len({q.document_id for q in pack.quotes})} documents. "
                      "Quotes are verbatim passages; content hash = sha256 of the source file.")
    n = 0
    for topic, quotes in pack.groups():
        doc.add_heading(topic, level=2)
        for q in quotes:
            n += 1
            doc.add_paragraph(q.text, style="Quote")
            cite = doc.add_paragraph(f"{n}. {q.citation()}.")
            if q.source_url:
                cite.add_run(" ")
                _hyperlink(cite, q.source_url)
            if link_base:
                cite.add_run(" Corpus: ")
                _hyperlink(cite, f"{link_base.rstrip('/')}/{q.document_id}#{q.passage_id}")
            meta = cite.add_run(f"\nsha256 {q.content_hash}, passage {q.passage_id}")
            meta.font.size = Pt(8)
    if not pack.quotes:
        doc.add_paragraph("No passages found.")
    out = io.BytesIO()
    doc.save(out)
    return _fixed_zip(out.getvalue())


FORMATS = {"md": ("text/markdown; charset=utf-8", "md"), "csv": ("text/csv; charset=utf-8", "csv"),
           "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")}


def render(pack: EvidencePack, fmt: str, link_base: str | None = None) -> bytes:
    """The pack in 'md', 'csv' or 'docx', as bytes."""
    if fmt == "md":
        return to_markdown(pack, link_base).encode("utf-8")
    if fmt == "csv":
        return to_csv(pack).encode("utf-8")
    if fmt == "docx":
        return to_docx(pack, link_base)
    raise ValueError(f"unknown evidence format {fmt!r}: md, csv or docx")

