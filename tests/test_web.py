"""The Datasette plugin through Datasette's test client: search, document pages, evidence packs, feed, safety."""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import json
import re
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from datasette.app import Datasette
from datasette.plugins import pm

import corpus.datasette_plugin as plugin
from corpus.evidence import CSV_COLUMNS as EVIDENCE_COLUMNS
from corpus.evidence import OTHER, build_evidence, to_csv, to_docx, to_markdown
from corpus.metadata import build_metadata
from palermo.cli import cli

# Until pyproject.toml declares the entry point, register the plugin here; the entry point registers the same module.
if not pm.is_registered(plugin):
    pm.register(plugin, name="palermo")

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = """Statement by the Alliance <script>alert(1)</script> for Safe Publishing

Thank you, Chair. We urge States parties to publish their review reports <script>alert(1)</script> and to consult civil society on victim identification.

A second paragraph mentions <img src=x onerror=alert(2)> and [brackets] in the text, and the Trafficking in Persons Protocol.
"""


def fetch(db_path: Path, *urls: str, method: str = "GET", settings: dict | None = None, **kwargs):
    """Responses of a fresh Datasette serving db_path read-only (immutable), as `palermo serve` does."""
    async def run():
        ds = Datasette(immutables=[str(db_path)], metadata=build_metadata(db_path.stem),
                       settings={"sql_time_limit_ms": 3000, **(settings or {})})
        return [await ds.client.request(method, url, **kwargs) for url in urls]

    responses = asyncio.run(run())
    return responses[0] if len(urls) == 1 else responses


def search_json(db_path: Path, query: str = "", **params) -> dict:
    from urllib.parse import urlencode

    response = fetch(db_path, "/-/search.json?" + urlencode({"q": query, **params}, doseq=True))
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    """A corpus of one statement whose text, title and author contain HTML, and whose source URL is javascript:."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "statement.txt").write_text(HOSTILE)
    db_path = folder / "hostile.db"
    result = CliRunner().invoke(cli, ["add", str(folder / "statement.txt"), "--db", str(db_path), "--fast", "--no-embeddings"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(db_path)
    db.execute("update documents set source_url = 'javascript:alert(3)'")
    db.conn.commit()
    db.conn.close()  # the last connection checkpoints the WAL, which an immutable reader would not see
    return db_path


def test_plugin_is_loaded_with_menu_links(sample_db):
    plugins, home = fetch(sample_db, "/-/plugins.json", "/")
    assert any(p["name"] in ("palermo", "corpus.datasette_plugin") for p in plugins.json())
    assert 'href="/-/search"' in home.text and 'href="/-/feed.atom"' in home.text


def test_search_page_highlights_and_explains(sample_db):
    page = fetch(sample_db, "/-/search?q=victim+identification")
    assert page.status_code == 200
    html = page.text
    assert re.search(r'<p class="snippet">[^<]*(?:<mark>[^<]+</mark>[^<]*)+', html)
    marked = {m.lower() for m in re.findall(r"<mark>([^<]+)</mark>", html)}
    assert marked & {"victim", "victims", "identification"}
    assert "Why it matched" in html and '<code class="term">' in html and "semantic similarity" in html
    assert re.search(r'href="/-/document/[0-9a-f]{64}#[0-9a-f]{16}-\d{5}"', html)  # the passage
    assert re.search(r'href="/-/document/[0-9a-f]{64}#p\d+"', html)  # the cited page
    assert 'name="pid"' in html and 'formaction="/-/evidence.docx"' in html
    for name in ("genre", "organization_type", "organization", "country", "year", "language", "topic", "kind"):
        assert f'<select name="{name}"' in html
    assert '<option value="State">State (1)</option>' in html
    assert "palermo.css" in html and "palermo.js" in html


def test_search_page_without_query_shows_form_and_facets(sample_db):
    page = fetch(sample_db, "/-/search")
    assert page.status_code == 200
    assert 'id="q"' in page.text and '<ol class="hits">' not in page.text
    assert '<option value="wg-firearms">' in page.text


def test_search_json_shape(sample_db):
    data = search_json(sample_db, "non-punishment principle", limit=5)
    assert data["query"] == "non-punishment principle" and data["mode"] == "hybrid" and data["count"] == len(data["hits"]) <= 5
    hit = data["hits"][0]
    for key in ("passage_id", "document_id", "title", "organization", "organization_type", "genre", "date", "page", "paragraph_no",
                "snippet", "text", "terms", "score", "fts_rank", "semantic_score", "topic", "kinds", "document_url"):
        assert key in hit
    assert hit["title"].startswith("Report on the meeting of the Working Group on Trafficking in Persons")
    assert any("punishment" in t for t in hit["terms"]) and "[" in hit["snippet"]
    assert hit["document_url"].endswith(f"/-/document/{hit['document_id']}#{hit['passage_id']}")
    assert [h["rank"] for h in data["hits"]] == list(range(1, len(data["hits"]) + 1))
    assert [h["score"] for h in data["hits"]] == sorted((h["score"] for h in data["hits"]), reverse=True)


def test_search_csv_matches_json(sample_db):
    response = fetch(sample_db, "/-/search.csv?q=firearms+marking&limit=7")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == plugin.CSV_COLUMNS
    assert [r["passage_id"] for r in rows] == [h["passage_id"] for h in search_json(sample_db, "firearms marking", limit=7)["hits"]]


@pytest.mark.parametrize("mode", ["fts", "semantic", "hybrid"])
def test_search_modes(sample_db, mode):
    hits = search_json(sample_db, "referral mechanisms for victims", mode=mode)["hits"]
    assert hits
    if mode == "fts":
        assert all(h["fts_rank"] and h["semantic_score"] is None for h in hits)
    if mode == "semantic":
        assert all(h["semantic_score"] is not None and h["fts_rank"] is None for h in hits)


@pytest.mark.parametrize("name, value", [("genre", "statement"), ("organization_type", "State"), ("organization_type", "civil society"),
                                         ("country", "Pakistan"), ("year", "2023"), ("language", "es")])
def test_document_filters(sample_db, name, value):
    data = search_json(sample_db, "States parties firearms victims", **{name: value}, limit=50, per_doc=50)
    assert data["hits"] and data["filters"] == {name: [value]}
    assert all(str(h[name]) == value for h in data["hits"])


def test_topic_and_kind_filters(sample_db, sample_rows):
    topic = search_json(sample_db, "firearms", topic="wg-firearms", limit=50, per_doc=50)["hits"]
    assert topic
    for h in topic:
        assert sample_rows.execute("select 1 from passage_topics where passage_id = ? and topic_id = 'wg-firearms'", [h["passage_id"]]).fetchone()
    kind = search_json(sample_db, "technical assistance", kind="ta_need", limit=50, per_doc=50)["hits"]
    assert kind and all("ta_need" in h["kinds"] for h in kind)
    both = search_json(sample_db, "firearms", genre="statement", organization_type="civil society", language="es")["hits"]
    assert both and {h["organization"] for h in both} == {"Red Latinoamericana por el Desarme Ciudadano"}


def test_per_document_and_overall_limits(sample_db):
    one = search_json(sample_db, "trafficking victims", per_doc=1, limit=50)["hits"]
    assert len({h["document_id"] for h in one}) == len(one) > 1
    two = search_json(sample_db, "trafficking victims", per_doc=2, limit=50)["hits"]
    counts = {d: sum(h["document_id"] == d for h in two) for d in {h["document_id"] for h in two}}
    assert max(counts.values()) == 2
    assert len(search_json(sample_db, "trafficking victims", limit=3)["hits"]) == 3


def test_document_page(sample_db, sample_rows):
    doc = next(sample_rows.query("select * from documents where symbol = 'CTOC/COP/WG.4/2024/9'"))
    page = fetch(sample_db, f"/-/document/{doc['id']}")
    assert page.status_code == 200
    html = page.text
    assert f'<h1 class="doc-title">{doc["title"]}</h1>' in html and "CTOC/COP/WG.4/2024/9" in html and doc["id"] in html
    for n in range(1, doc["pages"] + 1):
        assert f'id="p{n}"' in html
    pids = [r["id"] for r in sample_rows.query("select id from passages where document_id = ? order by seq", [doc["id"]])]
    positions = [html.index(f'id="{pid}"') for pid in pids]
    assert positions == sorted(positions)  # passages in order
    assert re.search(r'<mark class="ent ent-ORG" title="Working Group on Trafficking in Persons \(ORG\)" data-entity="ORG:WG-TIP">', html)
    assert '<span class="badge badge-recommendation">recommendation</span>' in html
    assert '<span class="addressee" title="Addressee">States parties</span>' in html
    assert "No source URL recorded" in html


def test_document_page_links_original_and_prefix_ids(sample_db, sample_rows):
    doc = next(sample_rows.query("select id, title from documents where genre = 'news'"))
    by_prefix = fetch(sample_db, f"/-/document/{doc['id'][:16]}")
    assert by_prefix.status_code == 200 and doc["title"] in by_prefix.text
    assert fetch(sample_db, "/-/document/" + "0" * 64).status_code == 404
    assert plugin._safe_url("https://www.unodc.org/x.pdf") and not plugin._safe_url("javascript:alert(1)")


def test_search_result_leads_to_cited_page(sample_db):
    hit = search_json(sample_db, "mobile identification teams at border crossings")["hits"][0]
    path = hit["document_url"].split("localhost", 1)[1]
    page = fetch(sample_db, path.split("#")[0])
    assert f'id="{hit["passage_id"]}"' in page.text and f'id="p{hit["page"]}"' in page.text
    assert page.text.index(f'id="p{hit["page"]}"') < page.text.index(f'id="{hit["passage_id"]}"')


@pytest.mark.parametrize("fmt", ["md", "csv", "docx"])
def test_evidence_downloads_are_deterministic(sample_db, fmt):
    url = f"/-/evidence.{fmt}?q=victim+identification&genre=statement&genre=working_group_report&limit=6"
    first, second = fetch(sample_db, url, url)
    assert first.status_code == 200 and first.content == second.content
    assert "attachment" in first.headers["content-disposition"] and first.headers["content-disposition"].endswith(f'.{fmt}"')
    if fmt == "md":
        assert first.text.startswith("# Evidence: victim identification") and "\n## " in first.text and "sha256 `" in first.text
        assert "genre=statement|working_group_report" in first.text
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(first.text)))
        assert list(rows[0]) == EVIDENCE_COLUMNS and len(rows) == 6
        assert {r["genre"] for r in rows} <= {"statement", "working_group_report"}
    else:
        with zipfile.ZipFile(io.BytesIO(first.content)) as z:
            assert "identification" in z.read("word/document.xml").decode()
            assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist())


def test_evidence_of_ticked_passages(sample_db):
    hits = search_json(sample_db, "firearms", limit=5)["hits"]
    chosen = [hits[3]["passage_id"], hits[1]["passage_id"]]
    response = fetch(sample_db, f"/-/evidence.csv?q=firearms&pid={chosen[0]}&pid={chosen[1]}")
    assert sorted(r["passage_id"] for r in csv.DictReader(io.StringIO(response.text))) == sorted(chosen)
    assert fetch(sample_db, "/-/evidence.md").status_code == 400


def test_build_evidence_groups_and_citations(sample_rows):
    pack = build_evidence(sample_rows, "victim identification", limit=10, per_document=3)
    groups = pack.groups()
    assert sum(len(quotes) for _, quotes in groups) == len(pack.quotes) == 10
    assert [t for t, _ in groups].count(OTHER) <= 1 and (OTHER not in [t for t, _ in groups] or groups[-1][0] == OTHER)
    for q in pack.quotes:
        path = next(sample_rows.query("select path from documents where id = ?", [q.document_id]))["path"]
        assert q.content_hash == hashlib.sha256(Path(path).read_bytes()).hexdigest()
        assert q.title and q.date and q.page
    markdown, table = to_markdown(pack), to_csv(pack)
    assert markdown == to_markdown(build_evidence(sample_rows, "victim identification", limit=10, per_document=3))
    assert all(f"## {t}" in markdown for t, _ in groups)
    assert "CTOC/COP/WG.4/2024/9, p. 1, para. 6(a)" in markdown
    assert table.splitlines()[0] == ",".join(EVIDENCE_COLUMNS)
    assert to_docx(pack) == to_docx(pack)


def test_atom_feed(sample_db, sample_rows):
    response = fetch(sample_db, "/-/feed.atom")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed" and feed.find(f"{ATOM}title").text and feed.find(f"{ATOM}updated").text
    entries = feed.findall(f"{ATOM}entry")
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids)
    documents = [e for e in entries if e.find(f"{ATOM}id").text.startswith("urn:palermo:document:")]
    recs = [e for e in entries if e.find(f"{ATOM}id").text.startswith("urn:palermo:recommendation:")]
    assert len(documents) == sample_rows["documents"].count and len(recs) == sample_rows["recommendations"].count
    added = [e.find(f"{ATOM}updated").text for e in documents]
    assert added == sorted(added, reverse=True)  # newest first
    for entry in entries:
        assert entry.find(f"{ATOM}title").text and entry.find(f"{ATOM}link").get("href").startswith("http://localhost/-/document/")


def test_hostile_document_text_is_escaped(hostile_db):
    doc_id = sqlite_utils.Database(hostile_db).execute("select id from documents").fetchone()[0]
    page, search, evidence, feed, table = fetch(hostile_db, f"/-/document/{doc_id}", "/-/search?q=alert+script+brackets",
                                                "/-/evidence.md?q=alert", "/-/feed.atom", f"/{hostile_db.stem}/documents")
    for response in (page, search):
        assert response.status_code == 200
        assert "<script>alert(1)" not in response.text and "<img src=x" not in response.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert 'href="javascript:' not in page.text and 'href="javascript:' not in table.text
    assert "&lt;<mark>script</mark>&gt;<mark>alert</mark>(1)" in search.text  # highlighted, still escaped
    assert "[<mark>brackets</mark>]" in search.text  # literal brackets are not taken for highlight markers
    assert "<script>" not in evidence.text and "&lt;script>alert(1)" in evidence.text
    titles = [e.text for e in ET.fromstring(feed.content).iter(f"{ATOM}title")]
    assert "Document: Statement by the Alliance <script>alert(1)</script> for Safe Publishing" in titles


def test_served_read_only_without_write_endpoints(sample_db):
    databases = fetch(sample_db, "/-/databases.json").json()
    assert [d["is_mutable"] for d in databases] == [False]
    for url in ("/-/search", "/-/search.json?q=x", "/-/search.csv?q=x", "/-/evidence.md?q=x", "/-/feed.atom",
                f"/-/document/{'a' * 64}", "/-/palermo/palermo.css"):
        response = fetch(sample_db, url, method="POST")
        assert response.status_code in (404, 405), (url, response.status_code)
        if "palermo.css" not in url:
            assert response.status_code == 405
    for url in ("/-/document/x%3Cscript%3E", "/-/palermo/..%2Fdatasette_plugin.py", "/-/palermo/nothing.css"):
        assert fetch(sample_db, url, follow_redirects=True).status_code == 404  # after Datasette's ~-encoding redirect


def test_plugin_queries_run_under_the_sql_time_limit(sample_db):
    slow = "with recursive n(i) as (select 1 union all select i + 1 from n where i < 100000000) select count(*) from n"

    async def run():
        ds = Datasette(immutables=[str(sample_db)], settings={"sql_time_limit_ms": 50})
        await ds.invoke_startup()

        def work(sdb, ms):
            with plugin.sqlite_timelimit(sdb.conn, ms):
                return sdb.execute(slow).fetchone()

        await plugin._run(ds, ds.get_database(), work)

    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        asyncio.run(run())


def test_interrupted_search_reports_the_time_limit(sample_db, monkeypatch):
    def interrupted(*args, **kwargs):
        raise sqlite3.OperationalError("interrupted")

    monkeypatch.setattr(plugin, "filtered_search", interrupted)
    data, page = fetch(sample_db, "/-/search.json?q=victims&mode=fts", "/-/search?q=victims&mode=fts")
    assert data.status_code == 504 and "time limit" in data.json()["error"] and data.json()["hits"] == []
    assert page.status_code == 504 and "time limit" in page.text


def test_static_files_and_datasette_pages_still_work(sample_db):
    css, js, home, table = fetch(sample_db, "/-/palermo/palermo.css", "/-/palermo/palermo.js", "/", f"/{sample_db.stem}/documents")
    assert css.headers["content-type"].startswith("text/css") and "mark.ent-STATE" in css.text
    assert js.status_code == 200 and "toggle-all" in js.text
    assert home.status_code == 200 and "palermo: the UNTOC review corpus" in home.text
    assert table.status_code == 200 and re.search(r'<a href="/-/document/[0-9a-f]{64}">', table.text)


def test_json_api_examples_from_the_readme(sample_db):
    data = search_json(sample_db, "national referral mechanisms", genre="statement", per_doc=1, limit=5)
    assert data["hits"] and all(h["genre"] == "statement" for h in data["hits"])
    recs = fetch(sample_db, f"/{sample_db.stem}/recommendations.json?kind=commitment&_shape=array")
    assert recs.status_code == 200 and all(r["kind"] == "commitment" for r in json.loads(recs.text))
