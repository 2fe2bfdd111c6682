"""Analyse one extracted document: entities, articles, events, recommendations, topics, embeddings."""

from __future__ import annotations

import re

from ingest.models import Document

from . import NLP_VERSION
from .articles import parse_articles
from .events import find_events, own_meeting_event, table_event
from .models import Analysis, ArticleRef, Entity, Mention
from .recommendations import find_recommendations
from .spacy_pipeline import alias_index, canonical_names, capitalised_words, load_ner, load_nlp
from .topics import INHERITED_SCORE, article_topics, assign_topics, keyword_topics

HONORIFICS = re.compile(r"^(?:(?:H\.\s?E\.|Dr\.?|Mr\.?|Ms\.?|Mrs\.?|Prof\.?|Professor|Sir|Dame|Justice|Judge|Ambassador|Minister)\s+)+", re.I)
ACRONYM_DEF = re.compile(
    r"(?P<long>[A-Z][\w&'’-]*(?:\s+(?:of|for|and|on|the|against|de|la|las|los|el|del|des|du|le|les|et|y|pour|para|sur|contre|contra"
    r"|[A-Z][\w&'’-]*)){1,9})\s+\((?P<acr>[A-Z][A-Za-z]{1,9})\)"
)
# Outside English the statistical model does not run: an honorific still introduces a person.
HONORIFIC_NAME = re.compile(
    r"\b(?:Dra?\.|Sra?\.|Mr\.|Ms\.|Mrs\.|M\.|Mme|Mlle|[Pp]rofesseure?|[Pp]rofesora?|Prof\.|Professor)\s+"
    r"(?P<name>[A-ZÁÉÍÓÚÑÇ][\w'’-]+(?:\s+[A-ZÁÉÍÓÚÑÇ][\w'’-]+){1,2})"
)
# A list item "Regional consultation of ... , Kathmandu, 9-10 October 2023" names a meeting by its title.
LISTED_MEETING = re.compile(r"^(?P<name>[A-Z][^,;:|\n]{10,160}?),\s+[A-Z][\w'’ .-]{1,40}?,\s+[^,\n]{0,30}\d{4}\.?$")
MEETING_NOUNS = re.compile(r"\b(meeting|session|dialogue|conference|consultation|workshop|seminar|forum|roundtable|summit|congress"
                           r"|symposium|training|reuni[oó]n|di[aá]logo|taller|seminario|foro|r[ée]union|atelier|s[ée]minaire)\b", re.I)
LAW_VERB = re.compile(r"^[A-Z][a-z]+\s+(?=(?:the|its|their|a|an)\s)")
LAW_JOIN = re.compile(r"\b(?:and|or)(?:\s+(?:of|the|in|on|to|for))+\s+")
ENUMERATOR = re.compile(r"^(?:[IVXLC]+|[A-Za-z]|\d{1,2})\.\s+")
LAW_WORDS = re.compile(r"\b(Act|Law|Code|Ordinance|Decree|Bill|Statute|Regulations?|Rules|Constitution|Ley|Loi|Decreto|D[ée]cret"
                       r"|C[oó]digo|Reglamento|R[èe]glement|Ordonnance)\b")
BODY_WORDS = re.compile(r"\b(Ministry|Office|Agency|Commission|Committee|Council|Bureau|Department|Unit|Group|Network|Alliance"
                        r"|Association|Centre|Center|Institute|University|Foundation|Organi[sz]ation|Police|Force|Court|Service"
                        r"|Directorate|Secretariat|Coalition|Society|Union|Mission|Authority)\b")
STAT_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LAW": "LAW", "EVENT": "EVENT", "LOC": "PLACE", "FAC": "PLACE"}
UN_BODY = re.compile(r"\b(United Nations|UNODC|Working Group|Conference of the Parties|Human Rights Council|Secretariat|General Assembly|Commission on|Co-chairs)\b")
ACADEMIA = re.compile(r"\b(University|Universit[ée]|Universidad|Academic|Acad[ée]mi|Institute of|School of|College)\b", re.I)
ARTICLE_INSTRUMENTS = {"UNTOC", "TIP", "SOM", "FA", "UNCAC"}
AUTHORED_GENRES = {"statement", "cochairs_summary", "working_group_report", "annual_report", "country_review_summary"}
_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A stable id fragment for a name."""
    return _SLUG.sub("-", text.lower()).strip("-")


def learn_acronyms(text: str) -> dict[str, str]:
    """Acronym -> long form, from definitions such as 'National Police Bureau (NPB)' or 'Ministry of Interior (MOI)'."""
    found = {}
    for m in ACRONYM_DEF.finditer(text):
        words, acronym = m.group("long").split(), m.group("acr").upper()
        # Drop leading words until the long form starts with the acronym's first letter.
        while words and words[0][0].upper() != acronym[0]:
            words = words[1:]
        initials = "".join(w[0].upper() for w in words)
        # A translated acronym ("Directorate-General for Labour Inspection (DGIT)") keeps at least its first letter.
        translated = len(acronym) >= 3 and sum(w[0].isupper() for w in words) >= 2
        if words and (_is_subsequence(acronym, initials) or translated):
            found[m.group("acr")] = " ".join(words)
    return found


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)


def organization_type(name: str | None, states: dict[str, str]) -> str | None:
    """State, UN entity, academia or civil society, from the author's name."""
    if not name:
        return None
    if name.startswith("Government of") or states.get(name.lower()):
        return "State"
    if UN_BODY.search(name):
        return "UN entity"
    if ACADEMIA.search(name):
        return "academia"
    return "civil society"


class _Entities:
    """Collects canonical entities and mentions for one document."""

    def __init__(self, analysis: Analysis, acronyms: dict[str, str]):
        self.analysis = analysis
        self.acronyms = acronyms
        self.long_forms = {long: acr for acr, long in acronyms.items()}
        self.names = canonical_names()
        self.states = alias_index("STATE")
        self.orgs = alias_index("ORG")
        self.nested_indexes = [(label, alias_index(label)) for label in ("STATE", "ORG", "INSTRUMENT")]
        self.author: str | None = None

    def add(self, seq: int, label: str, name: str, key: str, start: int, end: int, text: str, source: str, iso3=None):
        entity_id = f"{label}:{key}"
        entity = self.analysis.entities.get(entity_id)
        if entity is None:
            entity = self.analysis.entities[entity_id] = Entity(entity_id, label, name, iso3=iso3)
        if text != entity.name:
            entity.aliases.add(text)
        self.analysis.mentions.append(Mention(seq, entity_id, start, end, text, source))

    def from_span(self, seq: int, ent) -> None:
        text, label = ent.text.strip(), ent.label_
        if ent.ent_id_ == "*":  # a token pattern (laws): the entity is named by the text it matched
            # "the Protocol and of the Firearms Act": a title does not go on after "and of the"; the law starts there.
            # "Repeal the Sedition Act": a recommendation's verb, capitalised at the start of the sentence, is no part of it.
            cut = max((m.end() for m in LAW_JOIN.finditer(text)), default=0) or next((m.end() for m in LAW_VERB.finditer(text)), 0)
            text = text[cut:]
            name = re.sub(r"^(?:the|The)\s+", "", text)
            self.add(seq, label, name, slug(name), ent.start_char + cut, ent.end_char, text, "ruler")
            return
        if ent.ent_id_:
            name = self.names.get((label, ent.ent_id_), text)
            self.add(seq, label, name, ent.ent_id_, ent.start_char, ent.end_char, text, "ruler",
                     iso3=ent.ent_id_ if label == "STATE" else None)
            return
        mapped = STAT_LABELS.get(label)
        if not mapped or len(text) < 2 or not any(ch.isupper() for ch in text) or ENUMERATOR.match(text):
            return  # "C. Attendance", "I. Introduction": a heading's number read as an initial
        if mapped == "LAW":
            text = re.sub(r"\s+(?:of|the|and|to|in)$", "", text)  # "the Anti-Torture Law of": the model stopped mid-title
        if mapped == "LAW" and (re.search(r"\barticles?\b|/", text, re.I) or not LAW_WORDS.search(text)):
            return  # "article 25 of the Convention" is an article reference, "CTOC/COP/WG.4/2024/2" a symbol, "the Protocol" no law
        if mapped == "ORG" and self._person_with_nationality(ent, text):
            mapped = "PERSON"  # "moderated by Ana Lucía Cordero (Ecuador)": the model reads the bracket as an organization's
        if mapped == "PLACE" and self.states.get(text.lower()):
            iso = self.states[text.lower()]
            self.add(seq, "STATE", self.names.get(("STATE", iso), text), iso, ent.start_char, ent.end_char, text, "model", iso3=iso)
            return
        if mapped == "PERSON":
            end = _name_end(ent)
            text = ent.doc.text[ent.start_char:end].strip()
            name = HONORIFICS.sub("", text).strip(" ,.")
            if len(name.split()) < 2:
                return  # "Chair", "Protocols": a lone word is too often not a person to keep
            self.add(seq, "PERSON", name, slug(name), ent.start_char, end, text, "model")
            return
        if mapped == "ORG":
            name = re.sub(r"^(?:of\s+)?(?:the|el|la|los|las|le|les)\s+", "", self.acronyms.get(text, text), flags=re.I)
            if len(name.split()) == 1 and not name.isupper():
                return  # "Centre", "Sin": a lone capitalised word is not an organization we can name
            # "Ministry of Interior (MOI)" in this document ties the long form to the known MOI.
            acronym = self.long_forms.get(name)
            if self.author and self.author.lower().startswith(name.lower() + " "):
                name = self.author  # "the Working Group" in the report of the Working Group on Trafficking in Persons
            org_id = self.orgs.get(name.lower()) or self.orgs.get(text.lower()) or (self.orgs.get(acronym.lower()) if acronym else None)
            if org_id:
                self.add(seq, "ORG", self.names.get(("ORG", org_id), name), org_id, ent.start_char, ent.end_char, text, "model")
            else:
                self.add(seq, "ORG", name, slug(name), ent.start_char, ent.end_char, text, "model")
            return
        self.add(seq, mapped, text, slug(text), ent.start_char, ent.start_char + len(text), text, "model")

    def org_key(self, long_form: str, acronym: str) -> str:
        """The id key of an organization defined as 'Long Form (ACR)': a known one's, else its name's slug."""
        return self.orgs.get(long_form.lower()) or self.orgs.get(acronym.lower()) or slug(long_form)

    def defined_orgs(self, seq: int, text: str, sdoc) -> None:
        """'Comisión Nacional de los Derechos Humanos (CNDH)' that no pattern or model found: an organization all the same."""
        for m in ACRONYM_DEF.finditer(text):
            acronym = m.group("acr")
            long_form = self.acronyms.get(acronym)
            if not long_form or not m.group("long").endswith(long_form):
                continue
            start = m.end("long") - len(long_form)
            # A span already found (an instrument, a State, the organization itself) is not a second entity.
            if any(e.start_char < m.end() and start < e.end_char for e in sdoc.ents):
                continue
            key = self.org_key(long_form, acronym)
            name = self.names.get(("ORG", key), long_form)
            self.add(seq, "ORG", name, key, start, m.end("long"), long_form, "acronym")
            self.add(seq, "ORG", name, key, m.start("acr"), m.end("acr"), acronym, "acronym")

    def _person_with_nationality(self, ent, text: str) -> bool:
        """A name of two to four capitalised words followed by a State in brackets, as UN reports introduce officers."""
        after = re.match(r"\s*\(([^()]{3,60})\)", ent.doc.text[ent.end_char:])
        words = text.split()
        return bool(after and self.states.get(after.group(1).lower()) and 2 <= len(words) <= 4
                    and all(w[:1].isupper() for w in words) and not BODY_WORDS.search(text))

    def nested(self, seq: int, sdoc, ent) -> None:
        """Names inside a longer name: UNODC and Pakistan in 'UNODC Country Office in Pakistan'."""
        if not ent.ent_id_ or (ent.ent_id_ == "*" and ent.label_ != "ORG") or len(ent) < 3:
            return
        # "United Nations" opens the Convention's and UNODC's titles and "Ireland" ends the United Kingdom's: parts of a
        # name, not mentions.
        skip = {"INSTRUMENT": {"ORG"}, "STATE": {"STATE", "ORG"}}.get(ent.label_, set())
        start = ent.start
        while start < ent.end:
            for end in range(min(ent.end, start + 12), start, -1):
                # "extended Bureau of the Conference" only qualifies the Bureau: the same body, not a second mention.
                if (start, end) == (ent.start, ent.end) or start == ent.start + 1 or not sdoc[start].text[:1].isupper():
                    continue
                span = sdoc[start:end]
                found = next(((label, index[span.text.lower()]) for label, index in self.nested_indexes
                              if label not in skip and index.get(span.text.lower()) not in (None, "UN")), None)
                if found:
                    label, key = found
                    name = self.names.get((label, key), span.text)
                    self.add(seq, label, name, key, span.start_char, span.end_char, span.text, "nested",
                             iso3=key if label == "STATE" else None)
                    start = end - 1
                    break
            start += 1

    def from_article(self, seq: int, ref: ArticleRef, start: int, end: int) -> None:
        if ref.instrument and ref.instrument not in ARTICLE_INSTRUMENTS:
            return  # "paragraph 53 of the procedures and rules" stays a citation of the passage, not a treaty article
        instrument = ref.instrument or "?"
        key = f"{instrument}:{ref.article}"
        name = f"{self.names.get(('INSTRUMENT', instrument), instrument)}, article {ref.article}"
        self.add(seq, "ARTICLE", name, key, start, end, ref.text, "articles")


def _name_end(ent) -> int:
    """Where a person's name really ends: the model often stops before a second surname ('Graciela Mamani| Quispe')."""
    doc, end, common = ent.doc, ent.end, capitalised_words()
    while (end < len(doc) and end - ent.end < 2 and doc[end].is_alpha and doc[end].text[:1].isupper() and doc[end].ent_type_ == ""
           and not doc[end].is_sent_start and doc[end].lower_ not in common and doc[end - 1].whitespace_):
        end += 1
    return doc[end - 1].idx + len(doc[end - 1].text)


def _merge(analysis: Analysis, weaker: str, stronger: str) -> None:
    """One entity of the document absorbs another: its mentions, name and aliases."""
    gone, kept = analysis.entities.pop(weaker), analysis.entities[stronger]
    kept.aliases |= (gone.aliases | {gone.name}) - {kept.name}
    for m in analysis.mentions:
        if m.entity_id == weaker:
            m.entity_id = stronger


def _merge_short_forms(analysis: Analysis) -> None:
    """'Graciela Mamani' is the 'Graciela Mamani Quispe' of the same document; a bare 'Working Group' is the one it names."""
    people = [e for e in analysis.entities.values() if e.label == "PERSON"]
    for short in people:
        words = short.name.split()
        longer = [p.id for p in people if p is not short and p.id in analysis.entities and len(p.name.split()) > len(words)
                  and any(p.name.split()[i:i + len(words)] == words for i in range(len(p.name.split())))]
        if len(longer) == 1 and short.id in analysis.entities:
            _merge(analysis, short.id, longer[0])
    groups = [key for key in analysis.entities if key.startswith("ORG:WG-") and not key.endswith("-MEETING")]
    if "ORG:working-group" in analysis.entities and len(groups) == 1:
        _merge(analysis, "ORG:working-group", groups[0])


def _acronym_mentions(collector: _Entities, texts: list[str]) -> None:
    """Every later 'CNDH' of an organization the document defined, where nothing else was found."""
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in collector.analysis.mentions:
        taken.setdefault(m.passage_seq, []).append((m.start, m.end))
    for acronym, long_form in collector.acronyms.items():
        key = collector.org_key(long_form, acronym)
        entity = collector.analysis.entities.get(f"ORG:{key}")
        if entity is None:
            continue
        for seq, text in enumerate(texts):
            for m in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
                if not any(a < m.end() and m.start() < b for a, b in taken.get(seq, [])):
                    collector.add(seq, "ORG", entity.name, key, m.start(), m.end(), acronym, "acronym")


def needs_statistical(sent) -> bool:
    """True when a sentence has a capitalised word no pattern explains: a name only the statistical model can find."""
    common = capitalised_words()
    covered = {i for ent in sent.ents for i in range(ent.start, ent.end)}
    for token in sent:
        text = token.text
        if token.i == sent.start or token.i in covered or len(text) < 2 or not text[0].isupper():
            continue
        if any(ch.isalpha() for ch in text) and token.lower_.rstrip(".") not in common:
            return True
    return False


def _pipe(doc: Document, statistical: bool) -> list:
    """spaCy docs in passage order: patterns everywhere; the statistical NER, English only, on the sentences that need it.

    The model reads about 10,000 words/s here, the patterns about 200,000; most sentences of a review
    report name only States and instruments the patterns know, so this halves the model's reading.
    """
    ruler_only, _ = load_nlp()
    docs = list(ruler_only.pipe([p.text for p in doc.passages], batch_size=64))
    ner = load_ner()[0] if statistical else None
    if ner is None:
        return docs
    chosen = [(i, sent) for i, (passage, sdoc) in enumerate(zip(doc.passages, docs)) if passage.language in ("en", None)
              for sent in sdoc.sents if needs_statistical(sent)]
    found: dict[int, list] = {}
    for (i, sent), sent_doc in zip(chosen, ner.pipe([sent.text for _, sent in chosen], batch_size=256)):
        for ent in sent_doc.ents:
            span = docs[i].char_span(sent.start_char + ent.start_char, sent.start_char + ent.end_char,
                                     label=ent.label_, alignment_mode="contract")
            if span is not None and len(span):
                found.setdefault(i, []).append(span)
    for i, spans in found.items():
        # A pattern match wins over an overlapping guess of the model, as the ruler's overwrite_ents did.
        taken = {t for ent in docs[i].ents for t in range(ent.start, ent.end)}
        extra = [s for s in spans if not taken.intersection(range(s.start, s.end))]
        docs[i].ents = sorted([*docs[i].ents, *extra], key=lambda s: s.start)
    return docs


def analyze_document(doc: Document, statistical: bool = True, embeddings: str | None = "static",
                     kept_vectors: tuple[str, object] | None = None) -> Analysis:
    """Run every analysis stage over a document's passages; embeddings 'static', 'transformer' or None, or (model, vectors) kept."""
    _, info = load_nlp()
    model = load_ner()[1] if statistical else None
    info = {**info, "model": model or info["model"]}
    analysis = Analysis(document_id=doc.id, pipeline={**info, "nlp_version": NLP_VERSION})
    states, names = alias_index("STATE"), canonical_names()
    state_names = {iso: name for (label, iso), name in names.items() if label == "STATE"}
    if doc.country:
        iso = states.get(doc.country.lower())
        analysis.country_iso3 = iso
        analysis.country = state_names.get(iso, doc.country) if iso else doc.country
    analysis.organization_type = organization_type(doc.organization, states)
    # Only documents that speak with one voice make their author the actor of an unattributed ask.
    author = None
    if doc.genre in AUTHORED_GENRES:
        author = doc.organization if analysis.organization_type != "State" else analysis.country
    subject_state = analysis.country if analysis.organization_type == "State" or doc.genre == "upr_report" else None
    texts = [p.text for p in doc.passages]
    collector = _Entities(analysis, learn_acronyms("\n".join(texts)))
    all_refs: list[list[ArticleRef]] = []
    own_years = set(re.findall(r"\b(?:19|20)\d{2}\b", f"{doc.date or ''} {doc.title or ''}")[:2])
    author_org = doc.organization if analysis.organization_type not in (None, "State") else None
    collector.author = author_org
    sdocs = _pipe(doc, statistical)
    protocols = {e.ent_id_ for sdoc in sdocs for e in sdoc.ents if e.label_ == "INSTRUMENT" and e.ent_id_ in ("TIP", "SOM", "FA")}
    protocol = next(iter(protocols)) if len(protocols) == 1 else None
    for seq, (passage, sdoc) in enumerate(zip(doc.passages, sdocs)):
        # The author's own name, as the document's metadata gives it, wins over the model's fragments of it.
        author_spans = [(m.start(), m.end()) for m in re.finditer(re.escape(author_org), passage.text)] if author_org else []
        for start, end in author_spans:
            key = collector.orgs.get(author_org.lower()) or slug(author_org)
            collector.add(seq, "ORG", collector.names.get(("ORG", key), author_org), key, start, end, author_org, "author")
        for ent in sdoc.ents:
            if author_spans and not ent.ent_id_ and any(a < ent.end_char and ent.start_char < b for a, b in author_spans):
                continue
            collector.from_span(seq, ent)
            collector.nested(seq, sdoc, ent)
        collector.defined_orgs(seq, passage.text, sdoc)
        listed = LISTED_MEETING.match(passage.text) if len(passage.text) < 260 else None
        if listed and MEETING_NOUNS.search(listed.group("name")) and not any(e.label_ == "MEETING" and e.start_char < listed.end("name")
                                                                             for e in sdoc.ents):
            name = listed.group("name").strip()
            collector.add(seq, "MEETING", name, slug(name), 0, listed.end("name"), name, "list")
        if passage.language not in ("en", None):
            for m in HONORIFIC_NAME.finditer(passage.text):
                name = m.group("name")
                collector.add(seq, "PERSON", name, slug(name), m.start("name"), m.end("name"), name, "honorific")
        refs = []
        # "su artículo 8" refers to the one instrument the passage names, if it names only one.
        named = {e.ent_id_ for e in sdoc.ents if e.label_ == "INSTRUMENT" and e.ent_id_ in ARTICLE_INSTRUMENTS}
        for m_ref in parse_articles(passage.text, default_instrument=named.pop() if len(named) == 1 else None, protocol=protocol):
            start = passage.text.find(m_ref.text)
            collector.from_article(seq, m_ref, start, start + len(m_ref.text))
            refs.append(m_ref)
        all_refs.append(refs)
        analysis.articles[seq] = refs
        sentences = [s.text for s in sdoc.sents]
        upr = doc.genre == "upr_report" and bool(passage.section and re.search(r"recommendation", passage.section, re.I))
        for rec in find_recommendations(seq, passage.page, sentences, passage.text, author, subject_state, states, state_names, upr):
            rec_refs = parse_articles(rec.text, protocol=protocol) or refs
            rec.articles = sorted({r.key for r in rec_refs})
            rec.topics = sorted(set(keyword_topics(rec.text)) | article_topics(rec_refs))
            analysis.recommendations.append(rec)
        row_event = table_event(seq, passage.text) if " | " in passage.text else None
        analysis.events.extend([row_event] if row_event else find_events(seq, list(sdoc.sents), states, doc.place, doc.date, own_years))
    _acronym_mentions(collector, texts)
    _merge_short_forms(analysis)
    own = own_meeting_event(doc, analysis)
    if own:
        analysis.events.append(own)
    vectors, model = None, None
    if kept_vectors is not None and len(kept_vectors[1]) == len(texts):
        model, vectors = kept_vectors  # the text did not change: its vectors, perhaps upgraded by palermo embed, still hold
        analysis.pipeline["embeddings"] = model
    elif embeddings:
        from .embeddings import embed_with, model_name

        model = model_name(embeddings)
        vectors = embed_with(model, texts)
        analysis.pipeline["embeddings"] = model
    analysis.embeddings = vectors
    analysis.topics = assign_topics(texts, all_refs, vectors, model)
    # A clause inherits the confident topics of its passage: "them" and "such cases" name no theme.
    strong: dict[int, set[str]] = {}
    for t in analysis.topics:
        if t.score >= INHERITED_SCORE:
            strong.setdefault(t.passage_seq, set()).add(t.topic_id)
    for rec in analysis.recommendations:
        rec.topics = sorted(set(rec.topics) | strong.get(rec.passage_seq, set()))
    return analysis
