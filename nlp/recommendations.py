"""Recommendation-like clauses: kind, actor, addressee, with cues in English, Spanish and French."""

from __future__ import annotations

import re

from .models import Recommendation

# Ordered: the first kind whose cue matches wins, so strong asks beat a mention of "challenge".
KIND_CUES: list[tuple[str, float, re.Pattern]] = [
    ("recommendation", 0.9, re.compile(
        r"\b(?:urge[sd]?|call(?:s|ed)?\s+(?:up)?on|recommend(?:s|ed)?|it is recommended|are encouraged to|is encouraged to"
        r"|encourage[sd]?|invite[sd]?|appeal(?:s|ed)?\s+to|instamos|insta(?:n)?\s+a|exhortamos|exhorta(?:n)?|recomendamos|se recomienda"
        r"|recomienda|alentamos|nous exhortons|exhorte(?:nt)?|il est recommand[ée]|recommandons|recommande(?:nt)?|encourageons|invitons|appelons)\b",
        re.I)),
    ("request", 0.8, re.compile(
        r"\b(?:we\s+(?:kindly\s+)?(?:request|ask)|request(?:s|ed)?\s+(?:that|the|UNODC|States)|asked\s+(?:that|the|for)"
        r"|solicitamos|pedimos|demandons|prions)\b", re.I)),
    ("ta_need", 0.85, re.compile(
        r"\b(?:(?:would|could|will)\s+benefit\s+from|technical assistance (?:is |are )?(?:needs?|needed|required)|needs? (?:for )?technical assistance"
        r"|requires? (?:technical|capacity)|capacity[- ]building needs?|necesita(?:mos)? asistencia t[eé]cnica|besoins? d'assistance technique)\b",
        re.I)),
    ("commitment", 0.8, re.compile(
        r"\b(?:(?:is|are|remains?|stays?)\s+(?:fully\s+|firmly\s+|strongly\s+)?committed\s+to|we commit|commits? to|pledges?|we will(?: continue)?"
        r"|will continue to|nos comprometemos|seguiremos|nous nous engageons|continuerons)\b", re.I)),
    ("good_practice", 0.75, re.compile(
        r"\b(?:good practices?|best practices?|promising practices?|successes|buenas pr[aá]cticas|bonnes pratiques)\b", re.I)),
    ("recommendation", 0.7, re.compile(
        r"\b(?:should|must|ought to|deber[ií]an?|deben|devraient|devrait|doivent)\b", re.I)),
    ("challenge", 0.6, re.compile(
        r"\b(?:challenges?|gaps?|lack of|insufficient|obstacles?|difficult(?:y|ies)|shortcomings?|remains? limited|constraints?"
        r"|desaf[ií]os?|retos?|dificultades|difficult[ée]s|lacunes?|obstacles)\b", re.I)),
]
_FIRST_PERSON = re.compile(r"^(?:we|our|i|nosotros|instamos|recomendamos|exhortamos|pedimos|solicitamos|nous|je)\b", re.I)
_SUBJECT_VERB = re.compile(
    r"^(?:(?:In|At|During)\b[^,]{0,80},\s*)?(?P<actor>(?:the\s+)?[A-Z][\w.()'’ -]{1,80}?)\s+(?:also\s+|further\s+|strongly\s+|therefore\s+)?"
    r"(?:urged|urges|recommended|recommends|called\s+(?:up)?on|calls\s+(?:up)?on|encouraged|encourages|requested|requests|invited|invites"
    r"|is\s+committed|are\s+committed|remains\s+committed|would\s+benefit|will\s+continue|pledged|pledges)\b"
)
_ADDRESSEE = re.compile(
    r"\b(?:urge[sd]?|call(?:s|ed)?\s+(?:up)?on|encourage[sd]?|invite[sd]?|request(?:s|ed)?|appeal(?:s|ed)?\s+to|recommend(?:s|ed)?\s+that"
    r"|it is recommended that|instamos\s+a|exhortamos\s+a|insta(?:n)?\s+a|recomendamos\s+(?:que|a)|alentamos\s+a|nous exhortons|exhorte(?:nt)?"
    r"|il est recommand[ée] que|invitons|appelons)\s+(?P<addr>[^,.;:]{2,120})",
    re.I,
)
_SHOULD_SUBJECT = re.compile(
    r"^(?:(?:In|At|To)\b[^,]{0,80},\s*)?(?P<addr>(?:the\s+|all\s+|los\s+|las\s+|les\s+)?[A-Z\u00C0-\u00DD][\w'’()-]*(?:\s+[\w'’()-]+){0,5}?)\s+(?:should|must|is encouraged to|are encouraged to|deber[ií]an?|devraient|devrait)\b"
)
# "text (State);" at the end of a UPR-style recommendation; the name may carry its own brackets.
UPR_ATTRIBUTION = re.compile(r"\((?P<state>[A-Z][^()]*(?:\([^()]*\)[^()]*)?)\)\s*(?:;|\.|/|$)")
# "should" in a disclaimer or a reading note asks nothing of anyone.
_NOT_AN_ASK = re.compile(r"\bshould\s+(?:not\s+)?be\s+(?:construed|noted|read|understood|considered as)\b", re.I)
_STATES_PARTIES = re.compile(r"^(?:all\s+|the\s+)?(?:member\s+)?States(?:\s+parties)?|Estados\s+parte|[ÉE]tats\s+parties", re.I)


_LEAD = re.compile(r"^(?:(?:also|further|furthermore|strongly|therefore|again|all|également|aussi|asimismo|también|the|los|las|les|la|le|el|a|à)\s+|l['’])+", re.I)
_GENERIC_PARTY = re.compile(
    r"^(civil society(?: organi[sz]ations)?|non-governmental organi[sz]ations|(?:the )?secretariat|Member States|Governments|donors"
    r"|(?:the )?private sector|academia|sociedad civil|société civile)\b", re.I)
_CONNECTORS = {"of", "the", "and", "for", "on", "in", "against", "de", "la", "del", "des", "du", "et", "y", "los", "las", "le", "&"}


def normalize_party(name: str | None, states: dict[str, str], canonical: dict[str, str]) -> str | None:
    """The party a phrase starts with: a State's canonical name, "States parties", a known body, or a proper name."""
    if not name:
        return None
    name = _LEAD.sub("", name.strip(" ,;:")).strip()
    if not name:
        return None
    if _STATES_PARTIES.match(name):
        return "States parties"
    generic = _GENERIC_PARTY.match(name)
    if generic:
        return generic.group(1)[0].upper() + generic.group(1)[1:]
    m = re.match(r"(?:Government|delegation|authorities)\s+of\s+(?:the\s+)?(.+)$", name, re.I)
    if m:
        state = _known_prefix(m.group(1), states)
        if state:
            return canonical.get(states[state.lower()], state)
    from .spacy_pipeline import alias_index

    for index in (states, alias_index("ORG")):
        known = _known_prefix(name, index)
        if known:
            return canonical.get(index[known.lower()], known) if index is states else known
    # An unknown proper name ends at its first lower-case word that is not a connector ("... Persons devote").
    words = []
    for word in name.split():
        if word[:1].islower() and word.lower() not in _CONNECTORS:
            break
        words.append(word)
    while words and words[-1].lower() in _CONNECTORS:
        words.pop()
    return " ".join(words) or None


def _known_prefix(text: str, index: dict[str, str]) -> str | None:
    words = text.split()
    for k in range(min(len(words), 12), 0, -1):
        candidate = " ".join(words[:k]).strip(" ,;:")
        if candidate.lower() in index:
            return candidate
    return None


def classify(sentence: str) -> tuple[str, float, str] | None:
    """(kind, confidence, cue) of a sentence, or None when it asks, promises or reports nothing."""
    for kind, confidence, pattern in KIND_CUES:
        m = pattern.search(sentence)
        if m:
            return kind, confidence, m.group(0)
    return None


def _split_states(names: str) -> list[str]:
    """ "Portugal; Bosnia and Herzegovina" -> both; "Spain and France" -> both; a name's own "and" stays."""
    from .spacy_pipeline import alias_index

    states = alias_index("STATE")
    out = []
    for piece in re.split(r"\s*[;,]\s*", names):
        piece = piece.strip()
        if not piece:
            continue
        if piece.lower() in states or " and " not in piece:
            out.append(piece)
        else:
            out.extend(p.strip() for p in piece.split(" and "))
    return out


def split_upr(text: str) -> list[tuple[str, list[str]]]:
    """A UPR paragraph as (recommendation, recommending States) pairs; [] if it has no attribution."""
    out = []
    start = 0
    for m in UPR_ATTRIBUTION.finditer(text):
        body = text[start:m.start()].strip(" ;/")
        states = _split_states(m.group("state"))
        if body:
            out.append((body, states))
        elif out:
            out[-1][1].extend(states)  # "(Spain) (France)": one text, several States
        start = m.end()
    return out


def find_recommendations(
    seq: int,
    page: int | None,
    sentences: list[str],
    paragraph_text: str,
    author: str | None,
    subject_state: str | None,
    states: dict[str, str],
    canonical: dict[str, str],
    upr_section: bool = False,
) -> list[Recommendation]:
    """Recommendation-like clauses of one passage."""
    found: list[Recommendation] = []
    if upr_section:
        for body, recommending in split_upr(paragraph_text):
            # One recommendation per recommending State, as the UPR database records them.
            for name in recommending:
                if states.get(name.lower()):
                    found.append(Recommendation(seq, page, body, "recommendation", normalize_party(name, states, canonical),
                                                subject_state, confidence=0.95, cue="(State)"))
        if found:
            return found
    for sentence in sentences:
        sentence = sentence.strip()
        if len(sentence) < 15:
            continue
        kind = classify(sentence)
        if not kind or _NOT_AN_ASK.search(sentence):
            continue
        actor = None
        m = _SUBJECT_VERB.match(sentence)
        if m and not _FIRST_PERSON.match(m.group("actor")):
            actor = normalize_party(m.group("actor"), states, canonical)
        elif _FIRST_PERSON.match(sentence) or kind[0] in ("recommendation", "request") and author:
            actor = author
        addressee = None
        m = _ADDRESSEE.search(sentence)
        if m:
            addressee = normalize_party(m.group("addr"), states, canonical)
        else:
            m = _SHOULD_SUBJECT.match(sentence)
            if m:
                addressee = normalize_party(m.group("addr"), states, canonical)
        if kind[0] in ("commitment", "ta_need", "challenge", "good_practice") and not actor:
            actor = subject_state or author
        found.append(Recommendation(seq, page, sentence, kind[0], actor, addressee, confidence=kind[1], cue=kind[2]))
    return found
