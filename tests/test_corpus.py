"""End to end: the bundled sample corpus built into a database, searched, and served by Datasette."""

from __future__ import annotations

import asyncio
import json

import pytest
from click.testing import CliRunner
from datasette.app import Datasette

from corpus.metadata import build_metadata
from palermo.cli import cli

TIP = "cd_tip_2024_coalition_migrant_dignity.pdf"
SOM = "cd_som_2024_statement_pakistan.pdf"
WG4 = "ctoc_cop_wg4_2024_report.pdf"


def doc(rows, filename):
    return next(r for r in rows["documents"].rows if r["path"].endswith(filename))


def test_every_sample_is_ok_with_metadata(sample_rows):
    docs = {r["path"].rsplit("/", 1)[-1]: r for r in sample_rows["documents"].rows}
    assert len(docs) == 8
    assert {r["status"] for r in docs.values()} == {"ok"}
    assert {r["format"] for r in docs.values()} == {"pdf", "html", "docx", "txt"}
    assert (docs[WG4]["symbol"], docs[WG4]["genre"], docs[WG4]["date"]) == ("CTOC/COP/WG.4/2024/9", "working_group_report", "2024-09-12")
    assert docs[WG4]["body"] == "Working Group on Trafficking in Persons"
    assert (docs[WG4]["meeting_start"], docs[WG4]["meeting_end"]) == ("2024-07-01", "2024-07-03")
    assert (docs[SOM]["country"], docs[SOM]["country_iso3"], docs[SOM]["organization_type"]) == ("Pakistan", "PAK", "State")
    assert (docs[TIP]["organization"], docs[TIP]["organization_type"]) == ("Coalition for Migrant Dignity", "civil society")
    assert docs["cd_fa_2024_statement_red_latina_es.pdf"]["language"] == "es"
    assert docs["cd_ic_ta_2023_statement_fr.txt"]["language"] == "fr"
    news = docs["unodc_news_2024_civil_society_briefing.html"]
    assert (news["genre"], news["place"], news["date"]) == ("news", "Vienna (Austria)", "2024-05-17")
    for row in docs.values():
        assert row["nlp_version"] and row["extract_version"] and "spacy" in row["nlp_pipeline"]


def test_paragraph_across_pages_is_one_passage(sample_rows):
    wg4 = doc(sample_rows, WG4)
    rows = {r["paragraph_no"]: r for r in sample_rows["passages"].rows_where("document_id = ?", [wg4["id"]])}
    assert rows["23"]["page"] == 3 and rows["23"]["text"].endswith("(UNHCR) was also represented.")
    assert rows["31"]["text"].endswith("in the preparation of their responses to the self-assessment questionnaire.")
    assert rows["6(c)"]["page"] == 2
    assert not any("CTOC/COP/WG.4/2024/9" in r["text"] or "V.24-01234" in r["text"] for r in rows.values())
    # The masthead goes, the title stays: it is content, the passage that names the meeting.
    first = next(sample_rows["passages"].rows_where("document_id = ? and seq = 0", [wg4["id"]]))
    assert first["text"] == wg4["title"] == ("Report on the meeting of the Working Group on Trafficking in Persons held in Vienna "
                                             "from 1 to 3 July 2024")


def test_recommendations_with_actor_and_addressee(sample_rows):
    recs = {r["text"]: r for r in sample_rows["recommendations"].rows}
    urge = next(r for t, r in recs.items() if t.startswith("We urge States parties to adopt national referral mechanisms"))
    assert (urge["kind"], urge["actor"], urge["addressee"], urge["page"]) == ("recommendation", "Coalition for Migrant Dignity", "States parties", 2)
    assert "wg-trafficking" in json.loads(urge["topics"])
    call = next(r for t, r in recs.items() if t.startswith("We call upon UNODC to support States in collecting data"))
    assert call["addressee"] == "UNODC"
    ta = next(r for t, r in recs.items() if t.startswith("Pakistan would benefit from technical assistance"))
    assert (ta["kind"], ta["actor"]) == ("ta_need", "Pakistan")
    committed = next(r for t, r in recs.items() if t.startswith("Pakistan is committed to dismantling"))
    assert committed["kind"] == "commitment"
    challenge = next(r for t, r in recs.items() if t.startswith("A key challenge remains the investigation"))
    assert (challenge["kind"], challenge["actor"]) == ("challenge", "Pakistan")
    compensation = next(r for t, r in recs.items() if t.startswith("States parties should consider establishing procedures that give victims"))
    assert compensation["actor"] == "Working Group on Trafficking in Persons"
    assert "UNTOC art. 25" in json.loads(compensation["articles"])
    spanish = next(r for t, r in recs.items() if t.startswith("Instamos a los Estados parte a rastrear"))
    assert (spanish["kind"], spanish["actor"], spanish["addressee"]) == ("recommendation", "Red Latinoamericana por el Desarme Ciudadano", "States parties")
    french = next(r for t, r in recs.items() if t.startswith("Nous exhortons les États parties"))
    assert french["addressee"] == "States parties"


def test_entities_are_canonical(sample_rows):
    entities = {r["id"]: r for r in sample_rows["entities"].rows}
    assert entities["STATE:PAK"]["name"] == "Pakistan" and entities["STATE:PAK"]["iso3"] == "PAK"
    assert entities["STATE:MEX"]["name"] == "Mexico"
    assert entities["ORG:UNODC"]["mention_count"] >= 5
    assert entities["INSTRUMENT:TIP"]["document_count"] >= 2
    assert "ARTICLE:TIP:6" in entities and "ARTICLE:FA:8" in entities
    people = {r["name"] for r in entities.values() if r["label"] == "PERSON"}
    assert "Amina Qureshi" in people  # "Dr." stripped
    # The OCR variant "Tarig" is one person with the better-attested spelling.
    assert "Tarig Mahmood" not in people
    assert "Tarig Mahmood" in json.loads(entities["PERSON:tariq-mahmood"]["aliases"])
    fia = [r for r in entities.values() if "Federal Investigation Agency" in r["name"]]
    assert len(fia) == 1 and "FIA" in json.loads(fia[0]["aliases"])


def test_events_and_topics(sample_rows):
    events = list(sample_rows["events"].rows)
    dates = {e["date"] for e in events}
    assert {"2023-09-20", "2023-11-15"} <= dates
    ranged = next(e for e in events if e["date"] == "2023-11-15")
    assert ranged["date_end"] == "2023-11-17"
    topics = {r["id"]: r for r in sample_rows["topics"].rows}
    assert topics["wg-trafficking"]["passage_count"] > 5
    assert any(r["kind"] == "discovered" for r in topics.values())


def test_search_command_finds_cited_passage(sample_db):
    result = CliRunner().invoke(cli, ["search", "non-punishment principle", "--db", str(sample_db), "--limit", "5"])
    assert result.exit_code == 0, result.output
    assert "[non] [punishment] [principle]" in result.output.replace("-", " ").lower() or "[non-punishment]" in result.output.lower()
    assert "Report on the meeting of the Working Group on Trafficking in Persons" in result.output


def test_datasette_serves_corpus_with_metadata(sample_db):
    async def run():
        # Immutable, as `palermo serve` runs it: the file alone must hold the corpus.
        ds = Datasette(immutables=[str(sample_db)], metadata=build_metadata(sample_db.stem))
        db = sample_db.stem
        home = await ds.client.get("/")
        table = await ds.client.get(f"/{db}/documents.json?_shape=objects&_facet=genre")
        search = await ds.client.get(f"/{db}/passages.json?_search=referral+mechanisms&_shape=objects")
        recs = await ds.client.get(f"/{db}/recommendations.json?kind=ta_need&_shape=objects")
        canned = await ds.client.get(f"/{db}/who_said_what.json?term=UNODC&_shape=objects")
        page = await ds.client.get(f"/{db}/passages?_search=Qureshi")
        return home, table, search, recs, canned, page

    home, table, search, recs, canned, page = asyncio.run(run())
    assert home.status_code == 200 and "palermo: the UNTOC review corpus" in home.text
    data = table.json()
    assert len(data["rows"]) == 8
    genres = {f["value"] for f in data["facet_results"]["genre"]["results"]}
    assert {"statement", "working_group_report", "cochairs_summary", "news", "annual_report"} <= genres
    assert any("referral mechanisms" in r["text"] for r in search.json()["rows"])
    assert any(r["text"].startswith("Pakistan would benefit from technical assistance") for r in recs.json()["rows"])
    assert canned.status_code == 200 and canned.json()["rows"]
    assert page.status_code == 200 and "Amina Qureshi" in page.text


def test_metadata_describes_every_column():
    meta = build_metadata("palermo")["databases"]["palermo"]["tables"]
    from corpus.schema import TABLES

    for name, (_, columns, _, _) in TABLES.items():
        assert meta[name]["description"]
        assert set(meta[name]["columns"]) == set(columns)
    assert meta["embeddings"]["hidden"] is True
    assert "genre" in meta["documents"]["facets"]


@pytest.mark.parametrize("command", ["add", "build", "search", "serve", "demo"])
def test_every_command_has_help(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0 and len(result.output.splitlines()) > 3


def test_documents_of_a_dialogue_query(sample_db):
    async def run():
        ds = Datasette(immutables=[str(sample_db)], metadata=build_metadata(sample_db.stem))
        return await ds.client.get(f"/{sample_db.stem}/documents_of_a_dialogue.json?dialogue=Firearms&_shape=objects")

    rows = asyncio.run(run()).json()["rows"]
    titles = {r["title"] for r in rows}
    assert "Summary by the co-chairs" in titles
    assert not any("Trafficking in Persons held in Vienna" in t for t in titles)


def test_publish_writes_a_servable_bundle(sample_db, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["publish", str(out), "--db", str(sample_db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {sample_db.name, "metadata.json", "requirements.txt", "serve.sh"} <= names
    assert any(n.startswith("palermo-") and n.endswith(".whl") for n in names)
    assert "torch==2.13.0" in (out / "requirements.txt").read_text()
    metadata = json.loads((out / "metadata.json").read_text())

    async def run():
        ds = Datasette(immutables=[str(out / sample_db.name)], metadata=metadata)
        return await ds.client.get(f"/{sample_db.stem}/documents.json?_shape=objects")

    assert len(asyncio.run(run()).json()["rows"]) == 8
