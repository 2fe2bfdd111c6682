"""Names of organizations found in one document, linked wherever else the corpus writes them."""

from __future__ import annotations

import pytest
import sqlite_utils

from nlp.known_names import find_known_mentions, linkable, linkable_names

COALITION = "Coalition for Migrant Dignity"
RESEAU = "Réseau universitaire pour la coopération pénale internationale"
RED = "Red Latinoamericana por el Desarme Ciudadano"


def spans(text: str, names: dict[str, str]) -> list[tuple[str, str]]:
    found = find_known_mentions([("p1", text)], names)
    assert all(text[start:end] == surface for _, _, start, end, surface in found)
    return [(entity_id, surface) for _, entity_id, _, _, surface in found]


def test_finds_every_occurrence_with_its_offsets():
    names = {COALITION: "ORG:c", RED: "ORG:r", RESEAU: "ORG:e"}
    text = f"Representatives of the {COALITION}, the Centre for Governance Research and the {RED} spoke; the {COALITION} too."
    assert spans(text, names) == [("ORG:c", COALITION), ("ORG:r", RED), ("ORG:c", COALITION)]
    found = find_known_mentions([("a", "Le " + RESEAU + "."), ("b", "Nothing here.")], names)
    assert found == [("a", "ORG:e", 3, 3 + len(RESEAU), RESEAU)]


def test_the_longest_of_overlapping_names_wins():
    names = {"Centre for Governance Research": "ORG:short", "Centre for Governance Research Network": "ORG:long",
             "Research Network of Asia": "ORG:other"}
    assert spans("The Centre for Governance Research Network of Asia met.", names) == [
        ("ORG:long", "Centre for Governance Research Network")]
    # Starting later but longer: the later name wins over the earlier, shorter one.
    names = {"Alliance of Northern Lawyers": "ORG:a", "Northern Lawyers for Survivors of Trafficking": "ORG:b"}
    assert spans("The Alliance of Northern Lawyers for Survivors of Trafficking met.", names) == [
        ("ORG:b", "Northern Lawyers for Survivors of Trafficking")]
    assert spans("The Centre for Governance Research met.", {"Centre for Governance Research": "ORG:short",
                                                           "Centre for Governance Research Network": "ORG:long"}) == [
        ("ORG:short", "Centre for Governance Research")]


@pytest.mark.parametrize("text, found", [
    (f"the {COALITION}'s report", True),
    (f"({COALITION})", True),
    (f"the {COALITION}s", False),
    (f"the X{COALITION}", False),
    (f"the {COALITION}2", False),
    ("the coalition for migrant dignity", False),
    ("the COALITION FOR MIGRANT DIGNITY", False),
    ("the Coalition for Migrant  Dignity", False),
])
def test_whole_words_and_case_sensitive(text, found):
    assert bool(spans(text, {COALITION: "ORG:c"})) is found


@pytest.mark.parametrize("text, found", [
    (f"le {RESEAU}, à Dakar", True),
    (f"les {RESEAU}s", False),
    (f"é{RESEAU}", False),
    ("la Asociación Civil por la Paz de Bogotá, en Colombia", True),
    ("la Asociación Civil por la Paz de Bogotáé", False),
    ("la Asociación Civil por la Paz de Bogota", False),
])
def test_word_boundaries_know_accented_letters(text, found):
    names = {RESEAU: "ORG:e", "Asociación Civil por la Paz de Bogotá": "ORG:b"}
    assert bool(spans(text, names)) is found


def test_no_names_no_mentions():
    assert find_known_mentions([("p1", "Coalition for Migrant Dignity")], {}) == []


@pytest.mark.parametrize("name", [COALITION, RESEAU, RED, "Centre for Governance Research", "Ministry of Interior of Pakistan",
                                  "Working Group on Trafficking in Persons", "UNODC Civil Society Unit"])
def test_distinctive_names_are_linkable(name):
    assert linkable(name)


@pytest.mark.parametrize("name", [
    "UNODC", "INTERPOL",  # acronyms name different bodies in different documents
    "Desarme Ciudadano", "Working Group", "Centre for",  # fewer than three words
    "Bureau of the Conference", "Ministry of Interior", "National Police Bureau",  # generic: which bureau, which ministry?
    "International Organization for Migration",
    "the Centre for Governance Research", "The Ministry of Interior", "el Desarme Ciudadano por la paz",  # article or lower case first
    "Government of Pakistan",  # a State
    "Réseau pour la paix",  # one capital and short: could be any phrase
    "Alliance of " + "Northern Lawyers and " * 10 + "Survivors",  # longer than any name: a misread span
    "Boko Haram and", "Permanent Representative, Permanent Mission",  # spans the model cut badly
    "Convention against Torture", "National Plan of Action", "Same-Sex Marriage Bill",  # instruments the model calls bodies
])
def test_ambiguous_or_generic_names_are_not(name):
    assert not linkable(name)


def test_an_author_name_needs_no_second_capital_but_must_not_be_generic():
    assert linkable("Réseau pour la paix", author=True)
    assert not linkable("Government of Pakistan", author=True)
    assert not linkable("Ministry of Interior", author=True)


def test_names_claimed_by_two_entities_are_dropped():
    names = linkable_names([(COALITION, "ORG:a", False), (COALITION, "ORG:a", True), (RED, "ORG:r", False), (RED, "ORG:x", False),
                            ("UNODC", "ORG:UNODC", False), ("Réseau pour la paix", "ORG:p", True)])
    assert names == {COALITION: "ORG:a", "Réseau pour la paix": "ORG:p"}


STATEMENT = """Statement by the Lakeside Alliance for Survivor Justice

Constructive Dialogue on Trafficking in Persons

Vienna, 3 July 2024

Thank you, Chair.

The Lakeside Alliance for Survivor Justice runs shelters for survivors of trafficking in persons in twelve cities.

We urge States parties to fund shelters for victims of trafficking in persons.
"""
NEWS = """Civil society briefing on the review mechanism

Vienna, 17 May 2024

Representatives of the Lakeside Alliance for Survivor Justice met officials of the Ministry of Justice in Vienna this week.

The lakeside alliance for survivor justice is not named here: case differs.
"""


@pytest.fixture()
def corpus(tmp_path):
    from palermo.pipeline import add_paths

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "statement.txt").write_text(STATEMENT, encoding="utf-8")
    (folder / "news.txt").write_text(NEWS, encoding="utf-8")
    db_path = tmp_path / "c.db"
    add_paths(str(db_path), [str(folder)], embeddings=None, statistical=False, workers=1)
    db = sqlite_utils.Database(db_path)
    documents = {r["path"].rsplit("/", 1)[-1]: r["id"] for r in db["documents"].rows}
    yield db, documents
    db.conn.close()


def mentions(db, **where) -> list[dict]:
    clause = " and ".join(f"{k} = ?" for k in where)
    return list(db.query(f"select * from mentions where {clause} order by id", list(where.values())))


def test_a_name_one_document_found_is_linked_in_another(corpus):
    db, documents = corpus
    author = mentions(db, document_id=documents["statement.txt"], source="author")
    assert author and {m["text"] for m in author} == {"Lakeside Alliance for Survivor Justice"}
    entity_id = author[0]["entity_id"]
    linked = mentions(db, document_id=documents["news.txt"], source="corpus")
    assert [(m["entity_id"], m["text"]) for m in linked] == [(entity_id, "Lakeside Alliance for Survivor Justice")]
    passage = db["passages"].get(linked[0]["passage_id"])
    assert passage["text"][linked[0]["start"]:linked[0]["end"]] == "Lakeside Alliance for Survivor Justice"
    assert linked[0]["id"] == f"{passage['id']}-{linked[0]['start']}-corpus"
    # Where the document's own analysis found it, the name is not linked a second time.
    assert not mentions(db, document_id=documents["statement.txt"], source="corpus")
    assert db["entities"].get(entity_id)["document_count"] == 2


def test_refresh_is_idempotent(corpus):
    from corpus.refresh import refresh_corpus

    db, _ = corpus
    before = [tuple(r.values()) for r in db.query("select * from mentions order by id")]
    assert refresh_corpus(db, discover=False)["known_mentions"] == 0
    assert [tuple(r.values()) for r in db.query("select * from mentions order by id")] == before


def test_a_model_fragment_inside_a_linked_name_goes(corpus):
    from corpus.refresh import refresh_corpus

    db, documents = corpus
    link = mentions(db, document_id=documents["news.txt"], source="corpus")[0]
    # What the statistical model makes of "the Lakeside Alliance for Survivor Justice" in a news item:
    # a fragment of the name, as an organization of its own.
    start = link["end"] - len("Survivor Justice")
    nested = "Alliance for Survivor Justice"
    db["entities"].insert_all([{"id": "ORG:survivor-justice", "label": "ORG", "name": "Survivor Justice", "aliases": "[]"},
                               {"id": "ORG:alliance", "label": "ORG", "name": nested, "aliases": "[]"}])
    row = {"passage_id": link["passage_id"], "document_id": link["document_id"], "source": "model"}
    db["mentions"].insert_all([
        {**row, "id": "fragment", "entity_id": "ORG:survivor-justice", "start": start, "end": link["end"], "text": "Survivor Justice"},
        {**row, "id": "elsewhere", "entity_id": "PLACE:vienna", "start": link["end"] + 40, "end": link["end"] + 46, "text": "Vienna"},
        # A name known in its own right, nested in the linked one, is not a fragment: it stays, and stays known.
        {**row, "id": "nested", "entity_id": "ORG:alliance", "start": link["end"] - len(nested), "end": link["end"], "text": nested},
        # Nor is a State named inside it.
        {**row, "id": "state", "entity_id": "STATE:XYZ", "start": link["start"], "end": link["start"] + 8, "text": "Lakeside"},
    ])
    db.execute("delete from mentions where source = 'corpus'")
    assert refresh_corpus(db, discover=False)["known_mentions"] == 1
    ids = {m["id"] for m in mentions(db, passage_id=link["passage_id"])}
    assert link["id"] in ids and {"elsewhere", "nested", "state"} <= ids and "fragment" not in ids
    assert db["entities"].get(link["entity_id"])
    assert not list(db.query("select id from entities where id = 'ORG:survivor-justice'"))
    before = [tuple(r.values()) for r in db.query("select * from mentions order by id")]
    assert refresh_corpus(db, discover=False)["known_mentions"] == 0
    assert [tuple(r.values()) for r in db.query("select * from mentions order by id")] == before


def test_links_go_when_the_document_that_found_the_name_goes(corpus):
    from corpus.refresh import refresh_corpus
    from corpus.store import delete_document

    db, documents = corpus
    entity_id = mentions(db, document_id=documents["news.txt"], source="corpus")[0]["entity_id"]
    delete_document(db, documents["statement.txt"])
    refresh_corpus(db, discover=False)
    # The news item's link alone does not keep the name known: the step does not feed on itself.
    assert not mentions(db, source="corpus")
    assert not list(db.query("select id from entities where id = ?", [entity_id]))
