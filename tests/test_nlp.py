"""Analysis pieces: article references, recommendation cues, UPR attribution, topics."""

from __future__ import annotations

from nlp.articles import parse_articles
from nlp.recommendations import classify, find_recommendations, split_upr
from nlp.topics import article_topics, keyword_topics

STATES = {"pakistan": "PAK", "spain": "ESP", "venezuela (bolivarian republic of)": "VEN", "norway": "NOR"}
NAMES = {"PAK": "Pakistan", "ESP": "Spain", "VEN": "Venezuela (Bolivarian Republic of)", "NOR": "Norway"}


def keys(text):
    return [r.key for r in parse_articles(text)]


def test_article_references():
    assert keys("article 5 of the Convention") == ["UNTOC art. 5"]
    assert keys("Articles 2 and 5 of the TIP protocol") == ["TIP art. 2", "TIP art. 5"]
    assert keys("see art. 6(2)(b)") == ["? art. 6 para. 2 (b)"]
    assert keys("arts. 15, 16, 18 and 21") == ["? art. 15", "? art. 16", "? art. 18", "? art. 21"]
    assert keys("article 32, paragraph 3 (c), of the Organized Crime Convention") == ["UNTOC art. 32 para. 3 (c)"]
    assert keys("articles 8 and 10 of the Firearms Protocol") == ["FA art. 8", "FA art. 10"]
    assert keys("paragraph 5 of the report") == []


def test_kinds_of_statement():
    assert classify("We urge States parties to adopt national action plans.")[0] == "recommendation"
    assert classify("Pakistan would benefit from technical assistance in forensic analysis.")[0] == "ta_need"
    assert classify("Pakistan is committed to protecting the rights of smuggled migrants.")[0] == "commitment"
    assert classify("A key challenge remains the lack of data on convictions.")[0] == "challenge"
    assert classify("The joint task force is a good practice worth sharing.")[0] == "good_practice"
    assert classify("We request UNODC to publish the summaries.")[0] == "request"
    assert classify("Instamos a los Estados parte a fortalecer los controles.")[0] == "recommendation"
    assert classify("Nous exhortons les Etats parties a renforcer l'entraide judiciaire.")[0] == "recommendation"
    assert classify("The meeting was held in Vienna.") is None


def test_actor_and_addressee():
    recs = find_recommendations(0, 1, ["We urge States parties to ensure the non-punishment of victims."], "",
                                "Coalition for Migrant Dignity", None, STATES, NAMES)
    assert (recs[0].actor, recs[0].addressee, recs[0].kind) == ("Coalition for Migrant Dignity", "States parties", "recommendation")
    recs = find_recommendations(0, 1, ["Spain urged Pakistan to strengthen the protection of witnesses."], "", None, None, STATES, NAMES)
    assert (recs[0].actor, recs[0].addressee) == ("Spain", "Pakistan")


def test_upr_paragraph_with_several_states():
    text = ("Ratify the Optional Protocol (Spain); Consider ratifying the Optional Protocol "
            "(Venezuela (Bolivarian Republic of));")
    parts = split_upr(text)
    assert parts == [("Ratify the Optional Protocol", ["Spain"]),
                     ("Consider ratifying the Optional Protocol", ["Venezuela (Bolivarian Republic of)"])]
    recs = find_recommendations(3, 20, [text], text, None, "Norway", STATES, NAMES, upr_section=True)
    assert [(r.actor, r.addressee) for r in recs] == [("Spain", "Norway"), ("Venezuela (Bolivarian Republic of)", "Norway")]


def test_topics_from_keywords_and_articles():
    scores = keyword_topics("Victims of trafficking in persons need shelters and legal aid.")
    assert "wg-trafficking" in scores and "victims-protection" in scores
    assert article_topics(parse_articles("article 6 of the Smuggling of Migrants Protocol")) == {"cluster-1", "wg-smuggling"}


def test_person_variants_merge_only_when_safe():
    from nlp.variants import merge_variants, variant_of

    assert variant_of("Tarig Mahmood", "Tariq Mahmood")
    assert not variant_of("Tariq Mahmood", "Tariq Mehmood Khan")  # token counts differ
    assert not variant_of("Ali Khan", "Ala Khan")  # too short a token to trust one edit
    assert not variant_of("Sana Baloch", "Sara Balouch")  # two tokens differ
    merged = merge_variants({"PERSON:tariq-mahmood": 3, "PERSON:tarig-mahmood": 1, "PERSON:sana-baloch": 2})
    assert merged == {"PERSON:tarig-mahmood": "PERSON:tariq-mahmood"}
