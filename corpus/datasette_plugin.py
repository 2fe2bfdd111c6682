"""Datasette plugin: passage search, document pages, evidence packs and an Atom feed over the palermo corpus."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import sqlite_utils
from datasette import hookimpl
from datasette.utils import sqlite_timelimit, tilde_encode
from datasette.utils.asgi import NotFound, Response
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup, escape

from .evidence import DOCUMENT_FILTERS, FILTERS, FORMATS, best_topics, build_evidence, filtered_search, render
from .search import embedding_matrix, fts_query

HERE = Path(__file__).resolve().parent
TEMPLATES, STATIC = HERE / "templates", HERE / "static"
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
MODES = ("hybrid", "fts", "semantic")
PREFIXES = ("/-/search", "/-/document/", "/-/evidence.", "/-/feed.atom", "/-/palermo/")
# Private-use characters as highlight markers: unlike '[' ']' they never occur in the documents.
OPEN, CLOSE = "\ue000", "\ue001"
MARKED = re.compile(f"{OPEN}(.*?){CLOSE}", re.S)
LABELS = {"genre": "Genre", "organization_type": "Author type", "organization": "Organization", "country": "Country",
          "year": "Year", "language": "Language", "topic": "Topic", "kind": "Statement kind"}
CSV_COLUMNS = ["rank", "passage_id", "document_id", "title", "organization", "organization_type", "genre", "country",
               "date", "year", "language", "symbol", "page", "paragraph_no", "topic", "kinds", "terms", "score",
               "fts_rank", "semantic_score", "snippet", "text", "source_url", "document_url"]
DOC_FIELDS = [("genre", "Genre"), ("organization", "Organization"), ("organization_type", "Author type"),
              ("country", "Country"), ("date", "Date"), ("symbol", "Symbol"), ("language", "Language"),
              ("body", "Body"), ("session", "Session"), ("agenda_item", "Agenda item"), ("meeting_place", "Meeting place"),
              ("meeting_start", "Meeting from"), ("meeting_end", "Meeting to"), ("job_number", "Job number"),
              ("pages", "Pages"), ("format", "Format"), ("status", "Status"), ("error", "Problem"),
              ("id", "Content hash (sha256)"), ("added_at", "Added"), ("extract_version", "Extraction version"),
              ("nlp_version", "Analysis version"), ("nlp_pipeline", "NLP pipeline"), ("embed_model", "Embedding model")]


@hookimpl
def startup(datasette):
    """Load the query-embedding model in the background, so the first search does not wait seconds for it."""

    def warm() -> None:
        from nlp.embeddings import warm as warm_model

        for model in _corpus_models(datasette):
            warm_model(model)

    threading.Thread(target=warm, name="palermo-warm-up", daemon=True).start()


def _corpus_models(datasette) -> set[str]:
    """The embedding models the served corpora use, read straight from their files."""
    models: set[str] = set()
    for database in datasette.databases.values():
        if not database.path:
            continue
        try:
            conn = sqlite3.connect(f"file:{database.path}?mode=ro", uri=True)
            try:
                models.update(row[0] for row in conn.execute("select distinct model from embeddings"))
            finally:
                conn.close()
        except sqlite3.Error:
            continue  # not a palermo corpus, or no embeddings: nothing to warm
    return models


@hookimpl
def prepare_jinja2_environment(env, datasette):
    """Make corpus/templates loadable, after Datasette's own and any --template-dir, so ours never shadow theirs."""
    env.loader = ChoiceLoader([env.loader, FileSystemLoader(str(TEMPLATES))])


@hookimpl
def register_routes(datasette):
    """The plugin's pages; all read-only."""
    return [
        (r"^/-/search(\.(?P<fmt>json|csv))?$", search_view),
        (r"^/-/document/(?P<doc_id>[0-9a-fA-F]{12,64})$", document_view),
        (r"^/-/evidence\.(?P<fmt>md|csv|docx)$", evidence_view),
        (r"^/-/feed\.atom$", feed_view),
        (r"^/-/palermo/(?P<name>[\w-]+\.(css|js))$", static_view),
    ]


@hookimpl
def skip_csrf(datasette, scope):
    """Our routes never accept a body, so let a POST reach them and be refused with 405 rather than a CSRF page."""
    return scope.get("type") == "http" and scope.get("path", "").startswith(PREFIXES)


@hookimpl
def menu_links(datasette, actor, request):
    """Links to the search page and the feed in Datasette's menu."""
    return [{"href": datasette.urls.path("/-/search"), "label": "Search passages"},
            {"href": datasette.urls.path("/-/feed.atom"), "label": "Atom feed of new documents"}]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Document titles link to their document page; http(s) source URLs are clickable."""
    if table == "documents" and column == "title" and value and database == datasette.get_database().name:
        return Markup('<a href="{}">{}</a>').format(datasette.urls.path(f"/-/document/{row['id']}"), value)
    if column in ("source_url", "url", "final_url") and _safe_url(value):
        return Markup('<a href="{}" rel="nofollow noopener">{}</a>').format(value, value)
    return None


def _safe_url(url) -> bool:
    # Only http(s) links: a source_url such as "javascript:..." must never become clickable.
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def _not_get(request) -> Response | None:
    if request.method in ("GET", "HEAD"):
        return None
    return Response.text("Method not allowed: this corpus is read-only.", status=405, headers={"Allow": "GET, HEAD"})


async def _database(datasette, request):
    db = datasette.get_database()
    await datasette.ensure_permissions(request.actor, [("view-database", db.name), "view-instance"])
    return db


async def _run(datasette, db, fn):
    """fn(sqlite_utils.Database) on Datasette's read connection, in its thread pool, under the SQL time limit."""
    ms = datasette.setting("sql_time_limit_ms")

    def call(conn):
        return fn(sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False), ms)

    return await db.execute_fn(call)


def _warm(sdb, mode: str) -> str | None:
    """Load the embedding model and matrix before the time limit starts (seconds, once); None, or why semantic is off."""
    if mode == "fts":
        return None
    if not sdb.execute("select 1 from embeddings limit 1").fetchone():
        return "this corpus has no embeddings: full-text search only"
    try:
        from nlp.embeddings import warm

        for model in embedding_matrix(sdb).ids:
            warm(model)
    except Exception as e:  # noqa: BLE001 - any failure of the optional model means keyword search only
        return f"semantic search unavailable ({e}): full-text search only"
    return None


def _int(value, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(value)))
    except (TypeError, ValueError):
        return default


def _params(request) -> dict:
    args = request.args
    mode = args.get("mode") if args.get("mode") in MODES else "hybrid"
    return {"q": (args.get("q") or "").strip()[:500], "mode": mode,
            "limit": _int(args.get("limit"), 20, 1, 200), "per_doc": _int(args.get("per_doc"), 3, 1, 50),
            "filters": {name: [v for v in args.getlist(name) if v][:20] for name in FILTERS},
            "pids": [p for p in args.getlist("pid") if p][:500]}


def _query_string(p: dict, **extra) -> str:
    pairs = [("q", p["q"]), ("mode", p["mode"])]
    pairs += [(name, v) for name in FILTERS for v in p["filters"][name]]
    pairs += [("per_doc", p["per_doc"]), ("limit", p["limit"])] + list(extra.items())
    return urllib.parse.urlencode(pairs)


def marked_html(text: str) -> Markup:
    """Text with OPEN/CLOSE markers as escaped HTML with <mark> elements."""
    parts, pos = [], 0
    for m in MARKED.finditer(text):
        parts.append(escape(text[pos:m.start()]))
        parts.append(Markup("<mark>{}</mark>").format(m.group(1)))
        pos = m.end()
    parts.append(escape(text[pos:]))
    return Markup("").join(parts)


def _enrich(sdb, q: str, hits) -> list[dict]:
    """Search hits as dicts with document facets, matched terms, a highlighted snippet, topic and statement kinds."""
    ids = [h.passage_id for h in hits]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    docs = {r["id"]: r for r in sdb.query(
        f"""select id, genre, organization_type, country, year, language from documents
            where id in (select document_id from passages where id in ({marks}))""", ids)}
    marked = {}
    any_term = fts_query(q, any_term=True)
    if any_term:
        # Any-term match so that every query word present in a passage is shown, whichever method found it.
        sql = f"""select p.id, snippet(passages_fts, 0, ?, ?, '…', 32), highlight(passages_fts, 0, ?, ?)
                  from passages_fts join passages p on p.rowid = passages_fts.rowid
                  where passages_fts match ? and p.id in ({marks})"""
        for pid, snip, full in sdb.execute(sql, [OPEN, CLOSE, OPEN, CLOSE, any_term, *ids]).fetchall():
            terms = list(dict.fromkeys(t.lower() for t in MARKED.findall(full)))
            marked[pid] = (snip, terms)
    topics = best_topics(sdb, ids)
    kinds: dict[str, list[str]] = {}
    for pid, kind in sdb.execute(f"select passage_id, kind from recommendations where passage_id in ({marks}) order by id", ids).fetchall():
        if kind not in kinds.setdefault(pid, []):
            kinds[pid].append(kind)
    rows = []
    for rank, h in enumerate(hits, 1):
        doc = docs.get(h.document_id, {})
        snip, terms = marked.get(h.passage_id, (None, []))
        # Without a keyword match the snippet is search.py's plain opening of the passage, shown as text.
        snip = snip or h.snippet.replace("[", "").replace("]", "")
        rows.append({"rank": rank, "passage_id": h.passage_id, "document_id": h.document_id, "title": h.title,
                     "organization": h.organization, "organization_type": doc.get("organization_type"),
                     "genre": doc.get("genre"), "country": doc.get("country"), "date": h.date, "year": doc.get("year"),
                     "language": doc.get("language"), "symbol": h.symbol, "page": h.page, "paragraph_no": h.paragraph_no,
                     "topic_id": topics.get(h.passage_id, (None, None))[0], "topic": topics.get(h.passage_id, (None, None))[1],
                     "kinds": kinds.get(h.passage_id, []), "terms": terms, "score": h.score, "fts_rank": h.fts_rank,
                     "semantic_score": h.semantic_score, "marked": snip,
                     "snippet": snip.replace(OPEN, "[").replace(CLOSE, "]"), "text": h.text,
                     "source_url": h.source_url if _safe_url(h.source_url) else None})
    return rows


def _facets(sdb) -> dict:
    """Options for each filter with corpus-wide counts (documents; passages for topics; clauses for kinds)."""
    facets = {}
    for name in DOCUMENT_FILTERS:
        facets[name] = [(str(v), str(v), n) for v, n in sdb.execute(
            f"select {name}, count(*) from documents where {name} is not null and {name} != '' and status != 'failed' "
            f"group by {name} order by {'year desc' if name == 'year' else 'count(*) desc, ' + name}").fetchall()]
    facets["topic"] = [(tid, label, n) for tid, label, n in sdb.execute(
        "select id, label, passage_count from topics where passage_count > 0 "
        "order by case kind when 'wg_theme' then 0 when 'cluster' then 1 when 'cross_cutting' then 2 else 3 end, id").fetchall()]
    facets["kind"] = [(k, k.replace("_", " "), n) for k, n in sdb.execute(
        "select kind, count(*) from recommendations group by kind order by count(*) desc, kind").fetchall()]
    return facets


async def search_view(datasette, request):
    """The search page (HTML), and the same hits as JSON or CSV."""
    if (refused := _not_get(request)) is not None:
        return refused
    db = await _database(datasette, request)
    fmt, p = request.url_vars.get("fmt"), _params(request)
    doc_base = datasette.urls.path("/-/document/")

    def work(sdb, ms):
        notice = _warm(sdb, p["mode"]) if p["q"] else None
        mode = "fts" if notice else p["mode"]
        with sqlite_timelimit(sdb.conn, ms):
            facets = _facets(sdb) if fmt is None else {}
            if not p["q"]:
                return [], facets, notice, mode
            hits = filtered_search(sdb, p["q"], limit=p["limit"], mode=mode, per_document=p["per_doc"], filters=p["filters"])
            return _enrich(sdb, p["q"], hits), facets, notice, mode

    started, error = time.perf_counter(), None
    try:
        rows, facets, notice, mode = await _run(datasette, db, work)
    except sqlite3.OperationalError as e:
        rows, facets, notice, mode = [], {}, None, p["mode"]
        error = ("The search took longer than the time limit; try fewer or more specific words."
                 if "interrupt" in str(e) else f"The search failed: {e}")
    elapsed = round((time.perf_counter() - started) * 1000)
    for row in rows:
        row["document_url"] = datasette.absolute_url(request, f"{doc_base}{row['document_id']}#{row['passage_id']}")
    status = 400 if error and not error.startswith("The search took") else (504 if error else 200)
    if fmt == "json":
        payload = {"query": p["q"], "mode": mode, "filters": {k: v for k, v in p["filters"].items() if v},
                   "per_doc": p["per_doc"], "limit": p["limit"], "count": len(rows), "notice": notice, "error": error,
                   "hits": [{k: v for k, v in r.items() if k != "marked"} for r in rows]}
        return Response.json(payload, status=status)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow(r | {"kinds": "; ".join(r["kinds"]), "terms": "; ".join(r["terms"])})
        return Response(out.getvalue(), status=status, content_type="text/csv; charset=utf-8")
    for row in rows:
        row["snippet_html"] = marked_html(row["marked"])
        row["document_path"] = f"{doc_base}{row['document_id']}"
    qs = _query_string(p)
    context = {"p": p, "mode": mode, "rows": rows, "facets": facets, "labels": LABELS, "notice": notice, "error": error,
               "elapsed": elapsed, "modes": MODES, "filter_names": FILTERS,
               "json_url": datasette.urls.path("/-/search.json") + "?" + qs,
               "csv_url": datasette.urls.path("/-/search.csv") + "?" + qs,
               "evidence_base": datasette.urls.path("/-/evidence"), "static": datasette.urls.path("/-/palermo/"),
               "feed_url": datasette.urls.path("/-/feed.atom"), "search_url": datasette.urls.path("/-/search")}
    html = await datasette.render_template("palermo_search.html", context, request=request)
    return Response.html(html, status=status)


def entity_html(text: str, mentions: list[dict]) -> Markup:
    """Passage text, escaped, with entity mentions as <mark class="ent ent-LABEL" title="canonical name">."""
    parts, pos = [], 0
    # Longest first at the same start; a mention overlapping an earlier one is dropped.
    for m in sorted(mentions, key=lambda m: (m["start"], -m["end"])):
        start, end = m["start"], m["end"]
        if start < pos or start >= end or end > len(text):
            continue
        label = re.sub(r"[^A-Za-z]", "", m["label"] or "")
        parts.append(escape(text[pos:start]))
        parts.append(Markup('<mark class="ent ent-{}" title="{} ({})" data-entity="{}">{}</mark>').format(
            label, m["name"] or text[start:end], m["label"], m["entity_id"], text[start:end]))
        pos = end
    parts.append(escape(text[pos:]))
    return Markup("").join(parts)


def _load_document(sdb, doc_id: str) -> dict | None:
    rows = list(sdb.query("select * from documents where id = ?", [doc_id]))
    if not rows:
        # A unique prefix (such as the 16 digits in passage ids) also names a document.
        rows = list(sdb.query("select * from documents where id like ? limit 2", [doc_id + "%"]))
        if len(rows) != 1:
            return None
    doc = rows[0]
    passages = list(sdb.query("select * from passages where document_id = ? order by seq", [doc["id"]]))
    mentions: dict[str, list] = {}
    for m in sdb.query("""select m.passage_id, m.start, m."end", m.entity_id, e.name, e.label from mentions m
                          left join entities e on e.id = m.entity_id where m.document_id = ?""", [doc["id"]]):
        mentions.setdefault(m["passage_id"], []).append(m)
    recs: dict[str, list] = {}
    for r in sdb.query("select * from recommendations where document_id = ? order by id", [doc["id"]]):
        recs.setdefault(r["passage_id"], []).append(r)
    topics: dict[str, list] = {}
    for t in sdb.query("""select pt.passage_id, t.id, t.label from passage_topics pt join topics t on t.id = pt.topic_id
                          where pt.document_id = ? and t.kind != 'discovered' order by pt.score desc, t.id""", [doc["id"]]):
        topics.setdefault(t["passage_id"], []).append(t)
    for p in passages:
        p["html"] = entity_html(p["text"] or "", mentions.get(p["id"], []))
        p["recommendations"], p["topics"] = recs.get(p["id"], []), topics.get(p["id"], [])
        for r in p["recommendations"]:
            # A clause that is the whole passage is not quoted a second time under it.
            r["whole"] = " ".join((r["text"] or "").split()) == " ".join((p["text"] or "").split())
    labels = sorted({m["label"] for ms in mentions.values() for m in ms if m["label"]})
    kinds = {}
    for r in (r for rs in recs.values() for r in rs):
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    return {"doc": doc, "passages": passages, "labels": labels, "kinds": sorted(kinds.items())}


async def document_view(datasette, request):
    """A document: metadata, passages in order with page anchors, entity highlights and recommendation badges."""
    if (refused := _not_get(request)) is not None:
        return refused
    db = await _database(datasette, request)
    data = await _run(datasette, db, lambda sdb, ms: _load_document(sdb, request.url_vars["doc_id"].lower()))
    if data is None:
        raise NotFound("No document with this id")
    doc = data["doc"]
    fields = [(label, doc.get(key)) for key, label in DOC_FIELDS if doc.get(key) not in (None, "")]
    context = data | {"fields": fields, "source_url": doc["source_url"] if _safe_url(doc.get("source_url")) else None,
                      "row_url": datasette.urls.row(db.name, "documents", tilde_encode(doc["id"])),
                      "passages_url": datasette.urls.table(db.name, "passages") + "?document_id=" + doc["id"],
                      "entities_url": datasette.urls.table(db.name, "mentions") + "?document_id=" + doc["id"],
                      "search_url": datasette.urls.path("/-/search"), "static": datasette.urls.path("/-/palermo/"),
                      "feed_url": datasette.urls.path("/-/feed.atom")}
    html = await datasette.render_template("palermo_document.html", context, request=request)
    return Response.html(html)


async def evidence_view(datasette, request):
    """The evidence pack of a search (or of the passages ticked on the search page) as Markdown, CSV or DOCX."""
    if (refused := _not_get(request)) is not None:
        return refused
    db = await _database(datasette, request)
    fmt, p = request.url_vars["fmt"], _params(request)
    if not p["q"] and not p["pids"]:
        return Response.text("Give a query: ?q=...", status=400)

    def work(sdb, ms):
        mode = "fts" if _warm(sdb, p["mode"]) else p["mode"]
        with sqlite_timelimit(sdb.conn, ms):
            return build_evidence(sdb, p["q"], limit=p["limit"], per_document=p["per_doc"], mode=mode,
                                  filters=p["filters"], passage_ids=p["pids"] or None)

    try:
        pack = await _run(datasette, db, work)
    except sqlite3.OperationalError as e:
        return Response.text(f"The search failed: {'time limit exceeded' if 'interrupt' in str(e) else e}", status=504)
    body = render(pack, fmt, link_base=datasette.absolute_url(request, datasette.urls.path("/-/document/")))
    content_type, ext = FORMATS[fmt]
    slug = re.sub(r"[^a-z0-9]+", "-", p["q"].lower()).strip("-")[:60] or "selection"
    return Response(body, content_type=content_type,
                    headers={"content-disposition": f'attachment; filename="evidence-{slug}.{ext}"'})


def _atom_time(value: str | None) -> str:
    return value if value and "T" in value else ((value or "1970-01-01") + "T00:00:00+00:00")


async def feed_view(datasette, request):
    """Atom feed of the newest documents and their recommendations, by the time they were added."""
    if (refused := _not_get(request)) is not None:
        return refused
    db = await _database(datasette, request)

    def work(sdb, ms):
        with sqlite_timelimit(sdb.conn, ms):
            docs = list(sdb.query("""select d.*, (select count(*) from recommendations r where r.document_id = d.id) as recs
                                     from documents d where d.status != 'failed' order by d.added_at desc, d.id limit 50"""))
            recs = list(sdb.query("""select r.*, d.title as doc_title, d.added_at from recommendations r
                                     join documents d on d.id = r.document_id where d.status != 'failed'
                                     order by d.added_at desc, r.id limit 200"""))
        return docs, recs

    docs, recs = await _run(datasette, db, work)
    A = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", A)
    doc_base = datasette.absolute_url(request, datasette.urls.path("/-/document/"))
    feed = ET.Element(f"{{{A}}}feed")

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{A}}}{tag}", attrs)
        if text is not None:
            el.text = str(text)
        return el

    sub(feed, "title", datasette.metadata("title") or "palermo corpus")
    sub(feed, "subtitle", "Newly added documents and the recommendations found in them")
    sub(feed, "id", datasette.absolute_url(request, datasette.urls.path("/-/feed.atom")))
    sub(feed, "link", rel="self", href=datasette.absolute_url(request, datasette.urls.path("/-/feed.atom")))
    sub(feed, "link", rel="alternate", type="text/html", href=datasette.absolute_url(request, datasette.urls.path("/-/search")))
    sub(feed, "updated", _atom_time(max((d["added_at"] or "" for d in docs), default=None)))
    sub(sub(feed, "author"), "name", "palermo")
    sub(feed, "generator", "palermo")
    for d in docs:
        entry = sub(feed, "entry")
        sub(entry, "title", f"Document: {d['title'] or d['id'][:12]}")
        sub(entry, "id", f"urn:palermo:document:{d['id']}")
        sub(entry, "updated", _atom_time(d["added_at"]))
        sub(entry, "link", rel="alternate", type="text/html", href=f"{doc_base}{d['id']}")
        if _safe_url(d["source_url"]):
            sub(entry, "link", rel="related", href=d["source_url"])
        sub(sub(entry, "author"), "name", d["organization"] or "unknown")
        sub(entry, "category", term=d["genre"] or "document")
        who = ", ".join(x for x in (d["organization"], d["organization_type"], d["country"]) if x)
        sub(entry, "summary", f"{(d['genre'] or 'document').replace('_', ' ')} by {who or 'unknown'}, {d['date'] or 'undated'}"
            + (f", {d['symbol']}" if d["symbol"] else "") + f"; {d['recs']} recommendations and other statements.", type="text")
    for r in recs:
        entry = sub(feed, "entry")
        sub(entry, "title", f"{r['kind'].replace('_', ' ').capitalize()}: {r['actor'] or 'unknown'} to {r['addressee'] or 'unknown'}")
        sub(entry, "id", f"urn:palermo:recommendation:{r['id']}")
        sub(entry, "updated", _atom_time(r["added_at"]))
        sub(entry, "link", rel="alternate", type="text/html", href=f"{doc_base}{r['document_id']}#{r['passage_id']}")
        sub(sub(entry, "author"), "name", r["actor"] or "unknown")
        sub(entry, "category", term=r["kind"])
        sub(entry, "summary", f"{r['text']} ({r['doc_title'] or r['document_id'][:12]}, p. {r['page']})", type="text")
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, content_type="application/atom+xml; charset=utf-8")


async def static_view(datasette, request):
    """The plugin's CSS and JavaScript."""
    name = request.url_vars["name"]
    path = STATIC / name
    if _not_get(request) or path.parent != STATIC or not path.is_file():
        raise NotFound("No such file")
    return Response(path.read_bytes(), content_type=STATIC_TYPES[path.suffix], headers={"cache-control": "max-age=3600"})
