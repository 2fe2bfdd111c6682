"""Dataclasses for what analysis finds in a document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Entity:
    """A canonical entity: one person, organization, State, instrument, article or event."""

    id: str
    label: str
    name: str
    aliases: set[str] = field(default_factory=set)
    iso3: Optional[str] = None


@dataclass
class Mention:
    """Where an entity occurs: passage (by seq), character offsets and the surface text."""

    passage_seq: int
    entity_id: str
    start: int
    end: int
    text: str
    source: str = "ruler"


@dataclass
class ArticleRef:
    """One article reference, e.g. article 6, paragraph 2 (b), of the TIP Protocol."""

    instrument: Optional[str]
    article: str
    paragraph: Optional[str] = None
    subparagraph: Optional[str] = None
    text: str = ""

    @property
    def key(self) -> str:
        parts = [self.instrument or "?", f"art. {self.article}"]
        if self.paragraph:
            parts.append(f"para. {self.paragraph}")
        if self.subparagraph:
            parts.append(f"({self.subparagraph})")
        return " ".join(parts)


@dataclass
class Recommendation:
    """A recommendation-like clause: who asks whom to do what, and of which kind."""

    passage_seq: int
    page: Optional[int]
    text: str
    kind: str
    actor: Optional[str] = None
    addressee: Optional[str] = None
    topics: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    confidence: float = 0.5
    cue: Optional[str] = None


@dataclass
class Event:
    """Something that happened or will happen at a date, as stated in a passage."""

    passage_seq: int
    date: str
    date_end: Optional[str]
    title: str
    place: Optional[str] = None


@dataclass
class TopicScore:
    """A passage's score for one taxonomy topic, and how it was found."""

    passage_seq: int
    topic_id: str
    score: float
    method: str


@dataclass
class Analysis:
    """Everything analysis produced for one document."""

    document_id: str
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    articles: dict[int, list[ArticleRef]] = field(default_factory=dict)
    recommendations: list[Recommendation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    topics: list[TopicScore] = field(default_factory=list)
    embeddings: object = None
    pipeline: dict = field(default_factory=dict)
    country_iso3: Optional[str] = None
    country: Optional[str] = None
    organization_type: Optional[str] = None
