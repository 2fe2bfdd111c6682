"""Dataclasses that carry a file through extraction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

OK, PARTIAL, FAILED = "ok", "partial", "failed"


@dataclass
class Page:
    """One page of text, numbered from 1 as printed in citations."""

    number: int
    text: str


@dataclass
class Passage:
    """A paragraph-sized unit of text with its page citation."""

    page: Optional[int]
    seq: int
    text: str
    paragraph_no: Optional[str] = None
    section: Optional[str] = None
    language: Optional[str] = None
    kind: str = "body"


@dataclass
class Document:
    """A file, its metadata and its passages, with a status rather than an exception."""

    id: str
    path: str
    format: str
    title: Optional[str] = None
    genre: Optional[str] = None
    source_url: Optional[str] = None
    language: Optional[str] = None
    date: Optional[str] = None
    symbol: Optional[str] = None
    organization: Optional[str] = None
    country: Optional[str] = None
    place: Optional[str] = None
    pages: int = 0
    size: int = 0
    status: str = OK
    error: Optional[str] = None
    passages: list[Passage] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)

    def fail(self, reason: str) -> "Document":
        """Mark the document failed, keeping whatever was learnt before the failure."""
        self.status, self.error = FAILED, reason
        return self

    def warn(self, reason: str) -> None:
        """Mark the document partial, keeping the first reason given."""
        if self.status == OK:
            self.status = PARTIAL
        self.error = reason if not self.error else f"{self.error}; {reason}"

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.passages)
