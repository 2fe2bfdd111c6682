"""Events and their dates and places: sentences and list items that tie a meeting, launch or adoption to a date."""

from __future__ import annotations

import re

from ingest.dates import find_dates, find_relative_dates, find_years
from ingest.models import Document

from .models import Analysis, Event
from .spacy_pipeline import capitalised_words

EVENT_WORDS = re.compile(
    r"\b(meetings?|sessions?|dialogues?|conferences?|workshops?|consultations?|trainings?|visits?|seminars?|forums?|briefings?"
    r"|roundtables?|round tables?|launch(?:ed)?|held|convened|organi[sz]ed|hosted|took place|attended|adopted|review|founded"
    r"|established|entered into force|signed|ratified|reuni[oó]n|r[ée]union|taller|atelier|di[aá]logo|sesi[oó]n|seminario|s[ée]minaire"
    r"|conferencia|conf[ée]rence|consulta|s[ée]ance|celebr[oó]|tenu[e]?s?|met|visited|presented|present[oó]|pr[ée]sent[ée]e?|submitted"
    r"|se reuni[oó]|s['’]est r[ée]uni|founding|opened|inaugurated|inaugur[oó]|abri[oó]|courses?|cursos?|fundad[oa]|fundaci[oó]n)\b",
    re.I,
)
# "Vienna (Austria), 17 May 2024 - ..." opens a news item: its date is the item's, not an event's.
DATELINE = re.compile(r"^[A-Z][^,\n]{1,60},\s*[^-–—\n]{4,40}?\d{4}\s*[-–—]\s+")
# "the meetings of the Working Group on X and the Working Group on Y in July 2024" are two events.
PLURAL_MEETINGS = re.compile(r"\b(?:meetings|sessions|reuniones|r[ée]unions|sesiones)\s+(?:of|de|del|des|du)\b", re.I)
PLACE_BEFORE_DATE = re.compile(r"(?:^|[\s(])(?P<city>(?:New |Buenos |Addis |San |Santo |Port |Kuala |Abu )?[A-Z][\w'’-]+)"
                               r"(?:\s+(?:and|y|et)\s+(?:online|en l[ií]nea|en ligne))?,\s*$")
CITY_IN_STATE = re.compile(r"\b(?P<city>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)\s*\((?P<state>[^()]{3,40})\)")
# Places are written in English on the timeline, as the gold and most UN documents do.
EXONYMS = {"viena": "Vienna", "vienne": "Vienna", "wien": "Vienna", "ginebra": "Geneva", "genève": "Geneva", "genf": "Geneva",
           "nueva york": "New York", "new york": "New York", "bangkok": "Bangkok"}


def place_name(text: str | None) -> str | None:
    """A place as the timeline writes it: English exonym, no country in brackets, no 'and online'."""
    if not text:
        return None
    text = re.sub(r"\s*\([^)]*\)|\s+(?:and|y|et)\s+(?:online|en l[ií]nea|en ligne)\b.*", "", text).strip(" ,")
    return EXONYMS.get(text.lower(), text) or None


def event_place(sent, states: dict[str, str], default_place: str | None) -> str | None:
    """The city of an event: 'Vienna, 3 July 2024', 'in Dakar (Sénégal)', a place the model found, else a State outside brackets."""
    text = sent.text
    people = [(e.start_char - sent.start_char, e.end_char - sent.start_char) for e in sent.ents if e.label_ == "PERSON"]
    for d in find_dates(text):
        m = PLACE_BEFORE_DATE.search(text[: d.begin])
        if m and not states.get(m.group("city").lower()):
            return place_name(m.group("city"))
    for m in CITY_IN_STATE.finditer(text):
        # "in Dakar (Senegal)" or a dateline's "Vienna (Austria)"; "Ms. Ana Ruiz (Mexico)" is a person's nationality.
        if m.start() and not re.search(r"\b(?:in|at|à|en)\s+$", text[: m.start()]):
            continue
        is_person = any(a < m.end("city") and m.start("city") < b for a, b in people)
        if states.get(m.group("state").lower()) and not states.get(m.group("city").lower()) and not is_person:
            return place_name(m.group("city"))
    for m in re.finditer(r"\b(?:in|at|à|en)\s+(?P<one>[A-Z][\w'’-]+)(?P<two> [A-Z][\w'’-]+)?", text):
        for name in (m.group("one") + (m.group("two") or ""), m.group("one")):
            if name.lower() in EXONYMS:
                return EXONYMS[name.lower()]
    bracketed = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", text)]
    outside = [e for e in sent.ents if not any(a <= e.start_char - sent.start_char < b for a, b in bracketed)]
    common = capitalised_words()
    cities = [e for e in outside if e.label_ in ("GPE", "LOC") and not states.get(e.text.lower()) and e.text.lower() not in common]
    # "the Centre held a consultation in Islamabad": the model's place after a locative preposition is the likelier city.
    cities.sort(key=lambda e: not _after_locative(e))
    # A State is the place only when the sentence puts the event in it: "Benin noted that Norway..." places nothing.
    named_states = [e.text for e in outside if (e.label_ == "STATE" or states.get(e.text.lower())) and _after_locative(e)]
    return place_name(next(iter([e.text for e in cities] + named_states), None)) or place_name(default_place)


def _after_locative(ent) -> bool:
    """True when a locative preposition precedes the entity ("in Islamabad")."""
    return ent.start > ent.sent.start and ent.doc[ent.start - 1].lower_ in ("in", "at", "à", "en")


def _sentence_dates(text: str, reference: str | None, own_years: set[str]) -> list:
    """Absolute dates first; a bare year or a relative date only when the sentence has none.

    A bare year that is the document's own year or reporting period ("our meetings in 2023" in the 2023
    annual report) names the period covered, not a dated event.
    """
    return find_dates(text) or [y for y in find_years(text) if y.start not in own_years] or find_relative_dates(text, reference)


def find_events(seq: int, sents: list, states: dict[str, str], default_place: str | None, reference: str | None,
                own_years: set[str]) -> list[Event]:
    """Events of a passage's sentences: each date of a sentence that names a meeting, an adoption, a launch..."""
    events = []
    for sent in sents:
        sentence = sent.text
        if not EVENT_WORDS.search(sentence):
            continue
        dateline = DATELINE.match(sentence)
        body = sentence[dateline.end():] if dateline else sentence
        dates = _sentence_dates(body, reference, own_years)
        if not dates:
            continue
        title = re.sub(r"\s+", " ", body).strip()
        if len(title) > 240:
            title = title[:237].rsplit(" ", 1)[0] + "..."
        place = event_place(sent, states, default_place)
        bodies = _coordinated_bodies(sent, body, len(sentence) - len(body), dates[0].begin) if len(dates) == 1 else []
        seen = set()
        for match in dates:
            if (match.start, match.end) in seen:
                continue
            seen.add((match.start, match.end))
            for name in bodies or [None]:
                events.append(Event(seq, match.start, match.end, f"{name}: {title}" if name else title, place))
    return events


def _coordinated_bodies(sent, body: str, offset: int, date_at: int) -> list[str]:
    """The bodies of 'the meetings of A and B' before the date (offsets in body, which starts offset into sent): one event each."""
    m = PLURAL_MEETINGS.search(body)
    if not m:
        return []
    names = [e.text for e in sent.ents if e.label_ == "ORG" and m.end() <= e.start_char - sent.start_char - offset < date_at]
    return list(dict.fromkeys(names)) if len(set(names)) > 1 else []


def table_event(seq: int, text: str) -> Event | None:
    """A table row 'date | title | place' as an event."""
    cells = [c.strip() for c in text.split(" | ")]
    if len(cells) < 2:
        return None
    dates = find_dates(cells[0])
    if not dates:
        return None
    return Event(seq, dates[0].start, dates[0].end, cells[1], place_name(cells[2]) if len(cells) > 2 and cells[2] else None)


def own_meeting_event(doc: Document, analysis: Analysis) -> Event | None:
    """A statement or summary is dated by the meeting it was delivered at: that meeting is an event on the timeline."""
    if doc.genre not in ("statement", "cochairs_summary") or not doc.date or any(e.date == doc.date for e in analysis.events):
        return None
    for seq, passage in enumerate(doc.passages[:12]):
        match = next((d for d in find_dates(passage.text) if d.start == doc.date), None)
        if match is None:
            continue
        meetings = [analysis.entities[m.entity_id].name for m in analysis.mentions
                    if m.passage_seq <= seq + 2 and analysis.entities[m.entity_id].label == "MEETING"]
        head = passage.text[: match.begin].rstrip(" ,")
        place = place_name(head.rsplit("\n", 1)[-1]) if head and len(head.split()) <= 6 else None
        return Event(seq, match.start, match.end, meetings[0] if meetings else (doc.title or "Meeting"), place or place_name(doc.place))
    return None
