"""The harvester against a real HTTP server on 127.0.0.1 serving a fixture site (no mocks, no network)."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from ingest.harvest import (FETCH_COLUMNS, METADATA_KEYS, FetchRecord, Harvester, JsonState, Source, check_content,
                            check_public_host, extract_url_metadata, host_allowed, load_sources, normalize_url,
                            parse_retry_after, read_url_list, select_sources)

SITE = Path(__file__).parent / "fixtures" / "site"
LAST_MODIFIED = "Mon, 03 Jun 2024 10:00:00 GMT"
DIALOGUE_INDEX = "/unodc/en/organized-crime/intro/review-mechanism-untoc/constructive-dialogues.html"
SOM_PAGE = "/unodc/en/organized-crime/intro/review-mechanism-untoc/constructive_dialogues/som_2024.html"
STATEMENTS = "/documents/organized-crime/constructive-dialogues/SOM_2024/Statements/"
FAULTS_OK = {"/faults/flaky.pdf", "/faults/busy.pdf"}
FAULTS_FAILED = {"/faults/slow.pdf", "/faults/loop-a.pdf", "/faults/huge.pdf", "/faults/huge-stream.pdf",
                 "/faults/fake.pdf", "/faults/away.pdf", "/faults/gone.pdf"}
SOURCES_YAML = """
sources:
  - name: dialogues
    kind: constructive_dialogue
    start_urls: [{base}/unodc/en/organized-crime/intro/review-mechanism-untoc/constructive-dialogues.html]
    allowed_hosts: ["127.0.0.1"]
  - name: news
    kind: news
    start_urls: [{base}/unodc/en/ngos/news.html]
    allowed_hosts: ["127.0.0.1"]
  - name: resources
    kind: resources
    start_urls: [{base}/unodc/en/organized-crime/intro/review-mechanism-untoc/resources.html]
  - name: working-group
    kind: working_group
    start_urls: [{base}/unodc/en/treaties/CTOC/working-group-tip-2024.html]
  - name: uncac
    kind: uncac_profile
    start_urls: [{base}/unodc/corruption/country-profile/profiles/pak.html]
  - name: background
    kind: links
    start_urls: [{base}/misc/background-papers.html]
    metadata: {{genre: background_paper}}
"""


def tiny_pdf(text: str) -> bytes:
    """A valid one-page PDF that says `text`."""
    content = f"BT /F1 11 Tf 20 100 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # the site keeps its own log
        pass

    def send_response(self, code, message=None):
        site = self.server.site
        with site.lock:
            site.log.append({"t": time.monotonic(), "host": self.headers.get("Host"), "path": self.path, "status": code,
                             "agent": self.headers.get("User-Agent", ""),
                             "conditional": bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"))})
        super().send_response(code, message)

    def _empty(self, code: int, **headers):
        self.send_response(code)
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _serve(self, body: bytes, ctype: str, etag: bool = True):
        tag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        validators = {"Last-Modified": LAST_MODIFIED, **({"ETag": tag} if etag else {})}
        if (etag and inm == tag) or (not (etag and inm) and ims == LAST_MODIFIED):
            return self._empty(304, **validators)
        self.send_response(200)
        for k, v in {"Content-Type": ctype, "Content-Length": str(len(body)), **validators}.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        site = self.server.site
        path = unquote(urlsplit(self.path).path)
        with site.lock:
            site.hits[path] += 1
            n = site.hits[path]
        if path == "/robots.txt" and site.robots_status:
            return self._empty(site.robots_status)
        if path == "/faults/flaky.pdf" and n == 1:
            return self._empty(500)
        if path == "/faults/busy.pdf" and n == 1:
            return self._empty(429, Retry_After="1")
        if path == "/faults/slow.pdf":
            time.sleep(1.5)
        if path in ("/faults/loop-a.pdf", "/faults/loop-b.pdf"):
            return self._empty(302, Location="/faults/loop-b.pdf" if path.endswith("a.pdf") else "/faults/loop-a.pdf")
        if path == "/faults/away.pdf":
            return self._empty(302, Location=site.other + "/documents/partner/Joint_Study.pdf")
        if path == "/faults/huge.pdf":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(2_000_000))
            self.end_headers()
            self.wfile.write(b"%PDF-1.4\n" + b"0" * 200_000)
            return
        if path == "/faults/huge-stream.pdf":
            # No Content-Length: only counting while reading can catch it.
            self.close_connection = True
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(20):
                self.wfile.write(b"%PDF-1.4\n" + b"0" * 10_000)
            return
        if path == "/faults/fake.pdf":
            return self._serve(b"<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>", "application/pdf")
        if path in ("/faults/slow.pdf", "/faults/flaky.pdf", "/faults/busy.pdf"):
            return self._serve(tiny_pdf(path), "application/pdf")
        if path in site.overrides:
            return self._serve(site.overrides[path], "application/pdf")
        if path in site.documents:
            return self._serve(tiny_pdf(path), "application/pdf")
        file = SITE / path.lstrip("/")
        if path.endswith((".html", ".txt")) and file.is_file() and SITE in file.resolve().parents:
            text = file.read_text(encoding="utf-8").replace("{{BASE}}", site.base).replace("{{OTHER}}", site.other)
            ctype = "text/plain; charset=utf-8" if path.endswith(".txt") else "text/html; charset=utf-8"
            # News pages send only Last-Modified, so If-Modified-Since is exercised too.
            return self._serve(text.encode(), ctype, etag="/ngos/" not in path)
        return self._empty(404)


class FixtureSite:
    """The fixture site on 127.0.0.1:<free port>; `other` is the same server under a host off the allowlist."""

    def __init__(self):
        self.lock = threading.Lock()
        self.log: list[dict] = []
        self.hits: Counter = Counter()
        self.overrides: dict[str, bytes] = {}
        self.robots_status: int | None = None  # answer /robots.txt with this status instead of the file
        self.documents = {line.strip() for line in (SITE / "documents.txt").read_text().splitlines() if line.startswith("/")}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.server.handle_error = lambda request, address: None  # clients that gave up (timeouts, size caps)
        self.server.site = self
        port = self.server.server_address[1]
        self.base, self.other = f"http://127.0.0.1:{port}", f"http://localhost:{port}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def requests(self, since: int = 0, prefix: str = "") -> list[dict]:
        with self.lock:
            return [r for r in self.log[since:] if urlsplit(r["path"]).path.startswith(prefix)]

    def sources(self, tmp_path: Path, names=()) -> list[Source]:
        path = tmp_path / "sources.yaml"
        path.write_text(SOURCES_YAML.format(base=self.base))
        return select_sources(load_sources(path, defaults=False), list(names))

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def harvester(root: Path, state=None, **options) -> Harvester:
    settings = dict(allow_private_hosts=True, delay=0.005, timeout=0.6, max_bytes=64 * 1024, max_retries=2,
                    backoff=0.02, max_backoff=0.1, max_retry_after=5, concurrency=2)
    settings.update(options)
    return Harvester(root / "raw", state if state is not None else JsonState(root / "state.jsonl"), **settings)


@pytest.fixture
def site():
    s = FixtureSite()
    yield s
    s.close()


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """One full harvest of every fixture source, then a second run against the same state and store."""
    root = tmp_path_factory.mktemp("harvest")
    s = FixtureSite()
    sources = s.sources(root)
    with harvester(root) as h:
        started = time.monotonic()
        first = h.harvest(sources)
        first_seconds = time.monotonic() - started
    mark = len(s.log)
    with harvester(root) as h:
        second = h.harvest(sources)
    yield {"site": s, "root": root, "first": first, "second": second, "mark": mark, "seconds": first_seconds}
    s.close()


def by_path(result) -> dict:
    return {urlsplit(r.url).path: r for r in result.documents}


def expected_documents(site: FixtureSite) -> set[str]:
    """Paths a full harvest must bring: every fixture document on allowed hosts, the faults that recover, the news."""
    found = {p for p in site.documents if not p.startswith("/private/") and "Offsite" not in p and "Joint_Study" not in p}
    return found | FAULTS_OK | {
        "/unodc/en/ngos/first-dialogue-on-firearms-brings-together-states-and-civil-society.html",
        "/unodc/en/ngos/workshop-in-islamabad-prepares-civil-society-for-the-review-of-pakistan.html",
    }


# ---- the full harvest -----------------------------------------------------------------------------


def test_full_harvest_gets_every_document(full):
    site, first = full["site"], full["first"]
    docs = by_path(first)
    expected = expected_documents(site)
    arrived = {urlsplit(r.url).path for r in first.arrived}
    assert arrived == expected
    assert first.complete and first.counts["new"] == len(expected) and first.counts["changed"] == 0
    assert {p for p, r in docs.items() if r.outcome == "failed"} == FAULTS_FAILED
    assert all(r.metadata.keys() >= set(METADATA_KEYS) for r in first.documents)
    assert full["seconds"] < 15


def test_one_record_per_candidate_and_nothing_lost(full):
    first = full["first"]
    keys = [r.key for r in first.documents]
    assert len(keys) == len(set(keys)) == len(first.candidates)
    assert {c.key for c in first.candidates} == set(keys)
    assert all(r.outcome in ("new", "failed", "skipped") for r in first.documents)
    new = len(expected_documents(full["site"]))
    assert first.line().startswith(f"Harvested: {new} new, 0 changed, 0 unchanged, {len(FAULTS_FAILED)} failed, 4 skipped")


def test_dialogue_metadata(full):
    docs = by_path(full["first"])
    coalition = docs[STATEMENTS + "Coalition_for_Migrant_Dignity.pdf"].metadata
    assert (coalition["topic"], coalition["year"], coalition["organization"], coalition["genre"]) == \
        ("SOM", 2024, "Coalition for Migrant Dignity", "statement")
    assert coalition["date"] == "2024-06-05" and coalition["event"] == "Constructive Dialogue on Smuggling of Migrants"
    assert coalition["source"] == "dialogues" and coalition["referrer"].endswith("som_2024.html")
    red = docs[STATEMENTS + "Red_Latina_de_Apoyo_2_ES.pdf"].metadata
    assert (red["organization"], red["language"]) == ("Red Latina de Apoyo", "es")
    harbour = docs[STATEMENTS + "Harbour_Research_Institute_final.pdf"].metadata
    assert (harbour["organization"], harbour["language"]) == ("Harbour Research Institute", "en")
    summary = docs["/documents/organized-crime/constructive-dialogues/SOM_2024/Cochairs_Summary.pdf"].metadata
    assert (summary["title"], summary["language"], summary["genre"]) == ("Summary by the co-chairs", "en", "cochairs_summary")
    background = docs["/documents/organized-crime/constructive-dialogues/SOM_2024/Background_Paper.pdf"].metadata
    assert background["title"] == "Background paper on protection at sea"
    forum = docs["/documents/organized-crime/constructive-dialogues/FA_2023/Statements/Arms_Control_Forum_2.pdf"].metadata
    assert (forum["topic"], forum["year"], forum["organization"], forum["date"]) == ("FA", 2023, "Arms Control Forum", "2023-05-11")
    avocats = docs["/documents/organized-crime/constructive-dialogues/IC_TA_2023/Statements/Avocats_Solidaires_FR.pdf"].metadata
    assert (avocats["topic"], avocats["year"], avocats["organization"], avocats["language"]) == ("IC_TA", 2023, "Avocats Solidaires", "fr")
    assert avocats["title"] == "Statement by Avocats Solidaires"


def test_resources_one_work_in_six_languages(full):
    docs = full["first"].documents
    convention = [r for r in docs if "/UNTOC/Convention_" in r.url]
    assert sorted(r.metadata["language"] for r in convention) == ["ar", "en", "es", "fr", "ru", "zh"]
    assert {r.metadata["title"] for r in convention} == {"United Nations Convention against Transnational Organized Crime"}
    assert len({r.metadata["work"] for r in convention}) == 1
    procedures = [r for r in docs if "/Review/Procedures_" in r.url]
    assert sorted(r.metadata["language"] for r in procedures) == ["ar", "en", "es", "fr", "ru", "zh"]
    assert {(r.metadata["symbol"], r.metadata["work"]) for r in procedures} == {("CTOC/COP/2018/CRP.3", "CTOC/COP/2018/CRP.3")}
    assert {r.metadata["title"] for r in procedures} == {"Procedures and rules for the functioning of the review mechanism"}
    compilation = by_path(full["first"])["/documents/treaties/Review/Compilation_of_Recommendations.pdf"].metadata
    assert compilation["language"] == "en" and compilation["title"].startswith("Compilation of recommendations")


def test_working_group_uncac_and_news_metadata(full):
    docs = by_path(full["first"])
    wg = "/documents/treaties/Organized_Crime/2024/WG_TIP/"
    agenda_en, agenda_fr = docs[wg + "CTOC_COP_WG.4_2024_1_E.pdf"].metadata, docs[wg + "CTOC_COP_WG.4_2024_1_F.pdf"].metadata
    assert (agenda_en["symbol"], agenda_en["language"], agenda_en["topic"], agenda_en["year"]) == ("CTOC/COP/WG.4/2024/1", "en", "TIP", 2024)
    assert agenda_fr["language"] == "fr" and agenda_fr["work"] == agenda_en["work"]
    assert agenda_en["title"] == "Provisional agenda and annotations"
    draft = docs[wg + "draft-report.pdf"].metadata
    assert (draft["symbol"], draft["genre"], draft["title"]) == ("CTOC/COP/WG.4/2024/L.1", "working_group_report", "Report on the meeting (draft)")
    base = "/documents/corruption/country-profile/"
    summary_en = docs[base + "ExecutiveSummaries/2023_05_12_Pakistan_Cycle_II_Executive_Summary_EN.pdf"].metadata
    summary_fr = docs[base + "ExecutiveSummaries/2023_05_12_Pakistan_Cycle_II_Executive_Summary_FR.pdf"].metadata
    assert (summary_en["country"], summary_en["country_iso3"], summary_en["date"], summary_en["genre"]) == \
        ("Pakistan", "PAK", "2023-05-12", "executive_summary")
    assert (summary_fr["language"], summary_fr["work"]) == ("fr", summary_en["work"])
    assert docs[base + "CountryReports/2023_05_12_Pakistan_Cycle_II_Country_Report_EN.pdf"].metadata["genre"] == "country_report"
    vienna = docs["/unodc/en/ngos/first-dialogue-on-firearms-brings-together-states-and-civil-society.html"].metadata
    assert (vienna["date"], vienna["place"], vienna["country"], vienna["genre"]) == ("2022-05-17", "Vienna", "Austria", "news")
    islamabad = docs["/unodc/en/ngos/workshop-in-islamabad-prepares-civil-society-for-the-review-of-pakistan.html"].metadata
    assert (islamabad["date"], islamabad["place"], islamabad["country"]) == ("2022-09-20", "Islamabad", "Pakistan")
    assert docs["/faults/flaky.pdf"].metadata["genre"] == "background_paper"  # a source's default


def test_url_variants_are_fetched_once(full):
    site = full["site"]
    first_run = site.requests()[:full["mark"]]
    assert sum(urlsplit(r["path"]).path == SOM_PAGE for r in first_run) == 1
    assert sum(urlsplit(r["path"]).path == STATEMENTS + "Coalition_for_Migrant_Dignity.pdf" for r in first_run) == 1
    assert sum(urlsplit(r["path"]).path.endswith("/UNTOC/Convention_S.pdf") for r in first_run) == 1
    assert all(r["agent"].startswith("palermo/") for r in first_run)


def test_faults_end_as_retries_or_recorded_failures(full):
    site, docs = full["site"], by_path(full["first"])
    first_run = site.requests()[:full["mark"]]
    flaky = [r for r in first_run if r["path"] == "/faults/flaky.pdf"]
    assert [r["status"] for r in flaky] == [500, 200] and docs["/faults/flaky.pdf"].attempts == 2
    busy = [r for r in first_run if r["path"] == "/faults/busy.pdf"]
    assert [r["status"] for r in busy] == [429, 200]
    assert busy[1]["t"] - busy[0]["t"] >= 0.95  # Retry-After: 1
    assert docs["/faults/slow.pdf"].error.startswith("timeout") and docs["/faults/slow.pdf"].attempts == 3
    assert "redirect loop" in docs["/faults/loop-a.pdf"].error
    assert docs["/faults/huge.pdf"].error.startswith("too large: Content-Length")
    assert docs["/faults/huge-stream.pdf"].error.startswith("too large: body")
    fake = docs["/faults/fake.pdf"]
    assert fake.error == "served as application/pdf but is html" and fake.format == "html" and Path(fake.path).exists()
    assert "host not allowed: localhost" in docs["/faults/away.pdf"].error
    assert docs["/faults/gone.pdf"].error == "HTTP 404" and docs["/faults/gone.pdf"].status == 404


def test_other_hosts_and_robots_are_recorded_not_fetched(full):
    site, docs = full["site"], by_path(full["first"])
    assert not [r for r in site.requests() if r["host"].startswith("localhost")]
    assert not site.requests(prefix="/private/")
    offsite = docs[STATEMENTS + "Offsite_Network.pdf"]
    assert (offsite.outcome, offsite.error, offsite.status) == ("skipped", "host not allowed: localhost", None)
    assert docs["/documents/partner/Joint_Study.pdf"].outcome == "skipped"
    for path in ("/private/SOM_2024_internal_notes.pdf", "/private/Draft_Note.pdf"):
        assert (docs[path].outcome, docs[path].error) == ("skipped", "disallowed by robots.txt")
    state = JsonState(full["root"] / "state.jsonl")
    assert {r["url"] for r in state.records} >= {offsite.url}


def test_second_run_is_all_304_and_adds_nothing(full):
    site, first, second = full["site"], full["first"], full["second"]
    assert second.counts["new"] == second.counts["changed"] == 0 and not second.arrived
    assert second.counts["unchanged"] == first.counts["new"]
    ok_before = {urlsplit(r.url).path for r in first.records if r.outcome == "new"}
    again = [r for r in site.requests(full["mark"]) if urlsplit(r["path"]).path in ok_before]
    assert again and all(r["status"] == 304 and r["conditional"] for r in again)
    # Only the requests that failed the first time transfer anything again.
    bodies = {urlsplit(r["path"]).path for r in site.requests(full["mark"]) if r["status"] == 200}
    assert bodies <= FAULTS_FAILED
    assert {r.outcome for r in second.pages} == {"unchanged"}
    assert by_path(second)["/faults/fake.pdf"].outcome == "failed"  # still HTML, from the stored copy


def test_content_addressed_store(full):
    root = full["root"] / "raw"
    for record in full["first"].arrived:
        path = Path(record.path)
        assert path == root / record.sha256[:2] / (record.sha256 + (".pdf" if record.format == "pdf" else ".html"))
        assert hashlib.sha256(path.read_bytes()).hexdigest() == record.sha256


def test_records_fill_the_fetches_table(full):
    from corpus.schema import TABLES

    columns = set(TABLES["fetches"][1]) - {"id", "document_id"}
    record = full["first"].arrived[0]
    # The table also keeps what the SQLite state adds (url_key, outcome, run_id...): the record fills its provenance part.
    assert set(FETCH_COLUMNS) == set(record.row()) and set(FETCH_COLUMNS) <= columns
    assert record.row()["status"] == 200 and record.row()["etag"] and record.row()["last_modified"] == LAST_MODIFIED


# ---- incrementality, resume, dry run, safety ------------------------------------------------------


def test_changed_file_is_a_new_version_and_the_old_one_is_kept(site, tmp_path):
    sources = site.sources(tmp_path, ["resources"])
    with harvester(tmp_path) as h:
        old = by_path(h.harvest(sources))["/documents/treaties/UNTOC/Convention_E.pdf"]
    site.overrides["/documents/treaties/UNTOC/Convention_E.pdf"] = tiny_pdf("revised text")
    with harvester(tmp_path) as h:
        second = h.harvest(sources)
    new = by_path(second)["/documents/treaties/UNTOC/Convention_E.pdf"]
    assert (new.outcome, second.counts["changed"], second.counts["unchanged"]) == ("changed", 1, 12)
    assert new.sha256 != old.sha256 and Path(old.path).exists() and Path(new.path).exists()
    assert [r.path for r in second.arrived] == [new.path]


def test_interrupted_harvest_resumes_where_it_stopped(site, tmp_path):
    sources = site.sources(tmp_path, ["dialogues"])
    with harvester(tmp_path) as h:
        first = h.harvest(sources, limit=2)
    fetched = [r for r in first.documents if r.outcome != "skipped"]
    assert not first.complete and len(fetched) == 2 and first.remaining > 0
    done = {urlsplit(r.url).path for r in first.documents}
    mark = len(site.log)
    with harvester(tmp_path) as h:
        rest = h.harvest(sources)
    assert rest.complete and rest.resumed == len(first.documents) and rest.remaining == 0
    asked = {urlsplit(r["path"]).path for r in site.requests(mark)}
    assert not asked & done and not any(p.endswith(".html") for p in asked)  # pages came from the store
    assert {urlsplit(r.url).path for r in rest.documents}.isdisjoint(done)
    assert len(first.documents) + len(rest.documents) == len(rest.candidates)
    mark = len(site.log)
    with harvester(tmp_path) as h:
        third = h.harvest(sources)
    assert third.counts["new"] == 0 and third.resumed == 0
    assert all(r["status"] == 304 for r in site.requests(mark, prefix="/documents/"))


def test_dry_run_fetches_pages_but_no_documents(site, tmp_path):
    sources = site.sources(tmp_path)
    with harvester(tmp_path) as h:
        result = h.harvest(sources, dry_run=True)
    planned = len(expected_documents(site)) + len(FAULTS_FAILED)
    assert len(result.planned) == planned and result.counts["skipped"] == 4
    assert result.line().startswith(f"Dry run: {planned} documents would be fetched, 4 skipped")
    assert not site.requests(prefix="/documents/") and not site.requests(prefix="/faults/")
    assert not (tmp_path / "state.jsonl").exists() and not (tmp_path / "raw").exists()


def test_since_limits_by_date_from_context(site, tmp_path):
    with harvester(tmp_path) as h:
        result = h.harvest(site.sources(tmp_path, ["dialogues"]), since="2024", dry_run=True)
    assert result.filtered == 5 and result.planned  # the 2023 dialogues: a summary and four statements
    assert {c.metadata["year"] for c in result.planned} == {2024}


def test_private_addresses_are_refused_unless_allowed(site, tmp_path):
    with harvester(tmp_path, allow_private_hosts=False) as h:
        result = h.harvest(site.sources(tmp_path, ["resources"]))
    assert not site.log and not result.candidates
    assert [r.outcome for r in result.pages] == ["failed"] and "loopback" in result.pages[0].error


def test_missing_robots_allows_and_unreachable_robots_forbids(site, tmp_path):
    site.robots_status = 404
    with harvester(tmp_path / "missing") as h:
        allowed = h.harvest(site.sources(tmp_path, ["uncac"]))
    assert allowed.counts["new"] == 3 and allowed.pages[0].outcome == "skipped"
    site.robots_status = 503
    mark = len(site.log)
    with harvester(tmp_path / "unreachable") as h:
        forbidden = h.harvest(site.sources(tmp_path, ["uncac"]))
    assert [r["path"] for r in site.requests(mark)] == ["/robots.txt"] * 3  # retried, then nothing else asked
    page = forbidden.pages[-1]
    assert page.outcome == "failed" and page.error.startswith("robots.txt unreachable (HTTP 503 after 3 attempts)")


def test_state_survives_a_cut_line(tmp_path):
    path = tmp_path / "state.jsonl"
    state = JsonState(path)
    state.start_run()
    state.record(FetchRecord("http://a.org/x.pdf", "http://a.org/x.pdf", 200, "2024-01-01T00:00:00+00:00", "ab" * 32,
                             "application/pdf", '"e1"', None, None, key="https://a.org/x.pdf", outcome="new"))
    with path.open("a") as f:
        f.write('{"event": "fetch", "rec')  # a crash in the middle of a line
    again = JsonState(path)
    assert again.previous("https://a.org/x.pdf") == ('"e1"', None, "ab" * 32)
    assert again.done("https://a.org/x.pdf") and not again.done("https://a.org/y.pdf")
    assert again.start_run() is True
    again.finish_run()
    assert not JsonState(path).done("https://a.org/x.pdf")


def test_delay_per_host_and_progress(site, tmp_path):
    seen = []

    def progress(records):
        seen.append(len(records))
        yield from records

    with harvester(tmp_path, delay=0.1) as h:
        result = h.harvest(site.sources(tmp_path, ["uncac"]), progress=progress)
    starts = [r["t"] for r in site.log]
    assert len(starts) == 5 and min(b - a for a, b in zip(starts, starts[1:])) >= 0.08
    assert seen == [3] and len(result.documents) == 3


def test_harvest_urls_from_a_file(site, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# statements to add\n{site.base}{STATEMENTS}Pakistan.pdf\n\n"
                       f"{site.base}{STATEMENTS}Pakistan.pdf?lng=en#page=2\n"
                       f"{site.base}/documents/treaties/Organized_Crime/2024/WG_TIP/CTOC_COP_WG.4_2024_2_E.pdf\n")
    with harvester(tmp_path) as h:
        result = h.harvest_urls(read_url_list(listing))
    assert [r.outcome for r in result.documents] == ["new", "new"]
    pakistan, paper = (r.metadata for r in result.documents)
    assert (pakistan["organization"], pakistan["topic"], pakistan["year"], pakistan["source"]) == ("Pakistan", "SOM", 2024, "urls")
    assert paper["symbol"] == "CTOC/COP/WG.4/2024/2"


# ---- units -------------------------------------------------------------------------------------------


def test_normalize_url_identity():
    same = ["http://www.unodc.org/unodc/en/x.html", "https://unodc.org/unodc/en/x.html?lng=en",
            "HTTPS://WWW.UNODC.ORG:443/unodc/en/./x.html#top", "http://unodc.org/unodc/en/y/../x.html?utm_source=mail"]
    assert {normalize_url(u) for u in same} == {"https://unodc.org/unodc/en/x.html"}
    assert normalize_url("http://a.org/p?b=2&a=1") == normalize_url("http://a.org/p?a=1&b=2")
    assert normalize_url("http://a.org/p?lng=fr") != normalize_url("http://a.org/p")
    assert normalize_url("http://a.org/Red%20Latina.pdf") == normalize_url("http://a.org/Red Latina.pdf")
    assert normalize_url("http://127.0.0.1:8000/x") != normalize_url("http://127.0.0.1:8001/x")


def test_hosts_allowlist_and_private_addresses():
    assert host_allowed("https://www.unodc.org/x", ["unodc.org"]) and host_allowed("https://sub.unodc.org/x", ["unodc.org"])
    assert not host_allowed("https://notunodc.org/x", ["unodc.org"]) and not host_allowed("http://localhost:1/x", ["127.0.0.1"])
    assert host_allowed("http://127.0.0.1:81/x", ["127.0.0.1:81"]) and not host_allowed("http://127.0.0.1:82/x", ["127.0.0.1:81"])
    for address, reason in (("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.1", "private"),
                            ("169.254.169.254", "link-local"), ("::1", "loopback"), ("fe80::1", "link-local")):
        assert reason in check_public_host(address)
    assert check_public_host("8.8.8.8") is None


def test_parse_retry_after():
    assert parse_retry_after("3") == 3.0
    now = time.time()
    assert 9 <= parse_retry_after(formatdate(now + 10, usegmt=True), now=now) <= 10
    assert parse_retry_after(formatdate(now - 10, usegmt=True), now=now) == 0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_check_content():
    assert check_content("document", "http://a/x.pdf", "application/pdf", "html")[0] == "served as application/pdf but is html"
    assert check_content("document", "http://a/x.pdf", "text/html", "html")[0].startswith("a .pdf link served an HTML page")
    assert check_content("document", "http://a/x", "application/octet-stream", "pdf") == (None, None)
    assert check_content("document", "http://a/x", "text/html", "pdf") == (None, "served as text/html but is pdf")


def test_url_metadata_from_file_names():
    meta = extract_url_metadata("https://www.unodc.org/documents/organized-crime/constructive-dialogues/IC_TA_2023/Statements/Statement_by_Harbour_Institute_3_EN.pdf")
    assert (meta["topic"], meta["year"], meta["organization"], meta["language"]) == ("IC_TA", 2023, "Harbour Institute", "en")
    meta = extract_url_metadata("https://x.org/d/CTOC_COP_WG.4_2024_2_Add.1_F.pdf")
    assert (meta["symbol"], meta["language"], meta["topic"]) == ("CTOC/COP/WG.4/2024/2/Add.1", "fr", "TIP")
    meta = extract_url_metadata("https://x.org/d/2021_11_02_Viet_Nam_Cycle_II_Executive_Summary_FR.pdf")
    assert (meta["country"], meta["date"], meta["language"], meta["genre"]) == ("Viet Nam", "2021-11-02", "fr", "executive_summary")


def test_sources_load_extend_and_override(tmp_path):
    defaults = load_sources()
    assert {s.kind for s in defaults} >= {"constructive_dialogue", "news", "resources", "working_group", "uncac_profile"}
    assert all(s.allowed_hosts == ["unodc.org"] for s in defaults)
    user = tmp_path / "mine.yaml"
    user.write_text("sources:\n  - name: constructive-dialogues\n    kind: constructive_dialogue\n"
                    "    start_urls: [https://www.unodc.org/moved.html]\n"
                    "  - name: my-links\n    kind: links\n    urls: https://example.org/list.html\n")
    merged = {s.name: s for s in load_sources(user)}
    assert merged["constructive-dialogues"].start_urls == ["https://www.unodc.org/moved.html"]
    assert merged["my-links"].allowed_hosts == ["example.org"] and len(merged) == len(defaults) + 1
    with pytest.raises(ValueError, match="unknown kind"):
        Source("x", "podcast", ["https://a.org"])
    with pytest.raises(ValueError, match="unknown source"):
        select_sources(defaults, ["nope"])
