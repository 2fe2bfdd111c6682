"""What a harvest produces: document candidates, one record per request, and the run's result."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from urllib.parse import unquote, urlsplit

# Every candidate carries all of these keys (None when the page said nothing about it).
METADATA_KEYS = (
    "source", "topic", "year", "event", "organization", "language", "symbol", "title", "date", "place",
    "country", "country_iso3", "work", "genre", "referrer",
)
# The columns of corpus.schema's `fetches` table that a record fills (not id, not document_id).
FETCH_COLUMNS = ("url", "final_url", "status", "fetched_at", "sha256", "content_type", "etag", "last_modified", "error")
OUTCOMES = ("new", "changed", "unchanged", "failed", "skipped")


def empty_metadata(**values) -> dict:
    """A metadata dict with every key, set from values."""
    meta = dict.fromkeys(METADATA_KEYS)
    meta.update({k: v for k, v in values.items() if v is not None})
    return meta


@dataclass
class Candidate:
    """A document found on a source page (or listed by the user), with what its context says about it."""

    url: str
    key: str
    source: str
    source_kind: str
    allowed_hosts: list[str]
    metadata: dict = field(default_factory=empty_metadata)

    @property
    def name(self) -> str:
        """The last path segment, for progress lines."""
        return unquote(urlsplit(self.url).path.rstrip("/").rsplit("/", 1)[-1])


@dataclass
class FetchRecord:
    """One request (or one refusal to make it): the `fetches` row plus where the bytes went and what it meant."""

    url: str
    final_url: str | None
    status: int | None
    fetched_at: str
    sha256: str | None
    content_type: str | None
    etag: str | None
    last_modified: str | None
    error: str | None
    key: str = ""
    kind: str = "document"  # document, page or robots
    outcome: str = "failed"  # new, changed, unchanged, failed or skipped
    path: str | None = None
    format: str | None = None  # sniffed from the bytes
    warning: str | None = None  # a non-fatal oddity, e.g. the Content-Type disagrees with the bytes
    attempts: int = 0
    source: str | None = None
    metadata: dict = field(default_factory=empty_metadata)

    def row(self) -> dict:
        """The values of the `fetches` table's columns (without id and document_id)."""
        return {col: getattr(self, col) for col in FETCH_COLUMNS}

    def to_dict(self) -> dict:
        """Every field, JSON-serialisable."""
        return asdict(self)

    @property
    def name(self) -> str:
        """The last path segment, for progress lines."""
        return unquote(urlsplit(self.url).path.rstrip("/").rsplit("/", 1)[-1])


@dataclass
class HarvestResult:
    """Everything one harvest call did, in order, with counts for the summary."""

    records: list[FetchRecord] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    planned: list[Candidate] = field(default_factory=list)  # documents requested (or, in a dry run, to request)
    remaining: int = 0  # documents left for the next run by --limit
    resumed: int = 0  # documents already fetched by the interrupted run this one resumed
    filtered: int = 0  # documents dated before --since
    dry_run: bool = False
    complete: bool = False

    @property
    def documents(self) -> list[FetchRecord]:
        """Records of document requests (not pages or robots.txt)."""
        return [r for r in self.records if r.kind == "document"]

    @property
    def pages(self) -> list[FetchRecord]:
        """Records of source pages and robots.txt files."""
        return [r for r in self.records if r.kind != "document"]

    @property
    def arrived(self) -> list[FetchRecord]:
        """Documents whose bytes are new to the store: the ones to extract and analyse."""
        return [r for r in self.documents if r.outcome in ("new", "changed")]

    @property
    def counts(self) -> dict[str, int]:
        """Documents per outcome."""
        found = Counter(r.outcome for r in self.documents)
        return {outcome: found.get(outcome, 0) for outcome in OUTCOMES}

    @property
    def failures(self) -> list[tuple[str, str]]:
        """(url, error) of every failed request, pages included."""
        return [(r.url, r.error or "failed") for r in self.records if r.outcome == "failed"]

    def line(self) -> str:
        """One-line summary: new, changed, unchanged, failed, skipped, and what is left."""
        if self.dry_run:
            text = f"Dry run: {len(self.planned)} documents would be fetched, {self.counts['skipped']} skipped"
        else:
            text = ", ".join(f"{n} {outcome}" for outcome, n in self.counts.items())
            text = f"Harvested: {text}"
        failed_pages = sum(r.outcome == "failed" for r in self.pages)
        text += f" ({len(self.pages)} page requests{f', {failed_pages} failed' if failed_pages else ''})"
        if self.resumed:
            text += f"; resumed after {self.resumed} already fetched"
        if self.filtered:
            text += f"; {self.filtered} older than --since"
        if self.remaining:
            text += f"; {self.remaining} left for the next run"
        return text
