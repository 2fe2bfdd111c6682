"""The palermo command line, through CliRunner, on files the tests write."""

from __future__ import annotations

import json

import pytest
import sqlite_utils
from click.testing import CliRunner

from palermo.cli import cli
from tests.conftest import DEV_DATA
from tests.pdfs import un_report

PARAS = [
    "States parties should ensure that victims of trafficking in persons are identified and referred to shelters.",
    "The Working Group urged UNODC to support national referral mechanisms in West Africa.",
    "Pakistan is committed to criminalizing the smuggling of migrants in line with article 6 of the Smuggling of Migrants Protocol.",
    "States parties should consider extradition treaties covering firearms trafficking offences.",
]


@pytest.fixture()
def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "report.pdf").write_bytes(un_report(PARAS, per_page=2))
    (docs / "empty.pdf").write_bytes(b"")
    (docs / "notes.txt").write_text("We urge States parties to publish data on prosecutions of traffickers.\n")
    (docs / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a document suffix: not walked
    return docs


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def test_add_reports_failures_and_goes_on(folder, tmp_path):
    db_path = tmp_path / "c.db"
    result = run("add", str(folder), "--db", str(db_path), "--fast", "--no-embeddings")
    assert result.exit_code == 0
    assert "2 ok, 0 partial, 1 failed" in result.output
    assert "empty.pdf: empty file (0 bytes)" in result.output
    db = sqlite_utils.Database(db_path)
    statuses = {r["path"].rsplit("/", 1)[-1]: (r["status"], r["error"]) for r in db["documents"].rows}
    assert statuses["empty.pdf"] == ("failed", "empty file (0 bytes)")
    assert statuses["report.pdf"][0] == "ok"
    assert "image.png" not in statuses
    recs = {r["text"]: r for r in db["recommendations"].rows}
    urged = recs["The Working Group urged UNODC to support national referral mechanisms in West Africa."]
    assert (urged["actor"], urged["addressee"], urged["page"]) == ("Working Group", "UNODC", 1)
    committed = next(r for t, r in recs.items() if t.startswith("Pakistan is committed"))
    assert committed["kind"] == "commitment"
    assert json.loads(committed["articles"]) == ["SOM art. 6"]
    assert "wg-smuggling" in json.loads(committed["topics"])


def test_add_is_incremental_and_build_is_idempotent(folder, tmp_path):
    db_path = tmp_path / "c.db"
    run("add", str(folder), "--db", str(db_path), "--fast", "--no-embeddings")
    db = sqlite_utils.Database(db_path)
    before = (db["documents"].count, db["passages"].count, db["recommendations"].count, db["mentions"].count)
    again = run("add", str(folder), "--db", str(db_path), "--fast", "--no-embeddings")
    assert "0 ok, 0 partial, 0 failed, 3 unchanged" in again.output
    build = run("build", "--db", str(db_path), "--fast", "--no-embeddings")
    assert "3 unchanged" in build.output
    assert (db["documents"].count, db["passages"].count, db["recommendations"].count, db["mentions"].count) == before
    # The file at a path changes: its old version is replaced, not duplicated.
    (folder / "notes.txt").write_text("We call upon UNODC to translate the summaries into Spanish and French.\n")
    run("add", str(folder), "--db", str(db_path), "--fast", "--no-embeddings")
    texts = [r["text"] for r in db.query("select text from passages where document_id in (select id from documents where path like '%notes.txt')")]
    assert texts == ["We call upon UNODC to translate the summaries into Spanish and French."]
    assert db["documents"].count == before[0]


def test_search_prints_citations(folder, tmp_path):
    db_path = tmp_path / "c.db"
    run("add", str(folder), "--db", str(db_path), "--fast")
    result = run("search", "referral mechanisms", "--db", str(db_path), "--limit", "3")
    assert result.exit_code == 0
    first = result.output.splitlines()[0]
    assert "p. 1, para. 2" in first
    assert "[referral] [mechanisms]" in result.output
    as_json = run("search", "smuggling of migrants", "--db", str(db_path), "--json", "--mode", "semantic")
    hits = [json.loads(line) for line in as_json.output.splitlines()]
    assert hits and hits[0]["paragraph_no"] == "3" and hits[0]["semantic_score"] > 0.3


def test_search_without_corpus_says_what_to_do(tmp_path):
    result = run("search", "anything", "--db", str(tmp_path / "none.db"))
    assert result.exit_code != 0
    assert "palermo add" in result.output


@pytest.mark.skipif(not (DEV_DATA / "upr" / "norway2014.pdf").exists(), reason="shared dev data absent")
def test_upr_report_recommendations(tmp_path):
    db_path = tmp_path / "n.db"
    result = run("add", str(DEV_DATA / "upr" / "norway2014.pdf"), "--db", str(db_path), "--no-embeddings")
    assert result.exit_code == 0 and "1 ok" in result.output
    db = sqlite_utils.Database(db_path)
    doc = next(db["documents"].rows)
    assert (doc["symbol"], doc["country"], doc["country_iso3"], doc["genre"]) == ("A/HRC/27/3", "Norway", "NOR", "upr_report")
    recs = list(db.query("select * from recommendations where cue = '(State)'"))
    assert len(recs) > 150
    assert all(r["addressee"] == "Norway" for r in recs)
    moldova = [r for r in recs if r["text"].startswith("Adopt a formalized national referral mechanism")]
    assert moldova and moldova[0]["actor"] == "Republic of Moldova" and moldova[0]["page"] == 21


@pytest.mark.skipif(not (DEV_DATA / "upr").exists(), reason="shared dev data absent")
def test_eval_meets_upr_targets():
    result = run("eval", "--upr", str(DEV_DATA / "upr"), "--gold", "/nonexistent")
    assert result.exit_code == 0, result.output
    total = next(line for line in result.output.splitlines() if line.startswith("all"))
    gold, found, matched, precision, recall, f1, state, addressee, trafficking = total.split()[1:]
    assert int(gold) == 1048
    assert float(precision) >= 0.95 and float(recall) >= 0.95
    assert float(state) >= 0.97 and float(addressee) >= 0.99
    assert float(trafficking) >= 0.9


def test_same_bytes_one_document_and_language_versions_one_work(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    english = "CTOC/COP/WG.4/2099/9\n\nStates parties should protect victims of trafficking in persons.\n"
    french = "CTOC/COP/WG.4/2099/9\n\nLes États parties devraient protéger les victimes de la traite des personnes.\n"
    (a / "report_en.txt").write_text(english)
    (b / "copy_of_report_en.txt").write_text(english)
    (a / "report_fr.txt").write_text(french)
    db_path = tmp_path / "w.db"
    run("add", str(a), str(b), "--db", str(db_path), "--fast", "--no-embeddings")
    db = sqlite_utils.Database(db_path)
    docs = list(db["documents"].rows)
    assert len(docs) == 2
    assert {d["work"] for d in docs} == {"CTOC/COP/WG.4/2099/9"}
    assert {d["language"] for d in docs} == {"en", "fr"}
    english_id = next(d["id"] for d in docs if d["language"] == "en")
    locations = [r["location"].rsplit("/", 2)[-2:] for r in db["document_sources"].rows_where("document_id = ?", [english_id])]
    assert sorted(locations) == [["a", "report_en.txt"], ["b", "copy_of_report_en.txt"]]


def test_a_failed_save_leaves_the_previous_analysis_whole(tmp_path):
    from corpus import store
    from nlp.analyze import analyze_document
    from nlp.models import Event
    from palermo.pipeline import add_paths

    text = tmp_path / "statement.txt"
    text.write_text("Statement by the Coalition for Migrant Dignity\n\nWe urge Pakistan and Norway to protect victims "
                    "of trafficking, as the workshop held in Lahore on 3 May 2024 recommended.\n", encoding="utf-8")
    db_path = str(tmp_path / "c.db")
    add_paths(db_path, [str(text)], embeddings=None)
    db = store.open_db(db_path)
    before = {t: db[t].count for t in ("mentions", "recommendations", "events")}
    assert before["mentions"] and before["recommendations"] and before["events"]
    document_id = db.execute("select id from documents").fetchone()[0]
    doc = store.load_document(db, document_id)
    analysis = analyze_document(doc, statistical=False, embeddings=None)
    analysis.events.append(Event(0, "2024-05-03", None, object(), None))  # a value SQLite cannot store, after the mentions
    with pytest.raises(Exception):
        store.save_analysis(db, doc, analysis)
    assert {t: db[t].count for t in before} == before
