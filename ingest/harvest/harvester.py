"""The harvest: read source pages, list document candidates, fetch them politely and incrementally."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from ..sniff import sniff_format
from .adapters import candidate_for_url, extract_links, extract_news_details
from .fetch import DEFAULT_USER_AGENT, Politeness, PoliteClient, Response, utc_now
from .models import Candidate, FetchRecord, HarvestResult, empty_metadata
from .sources import Source
from .state import HarvestState
from .store import RawStore
from .urls import clean_url, normalize_url

_TYPES = {"application/pdf": "pdf", "application/x-pdf": "pdf", "text/html": "html", "application/xhtml+xml": "html",
          "text/plain": "txt",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx"}
_EXTS = {"pdf": "pdf", "docx": "docx", "html": "html", "htm": "html", "txt": "txt"}
_BINARY = {"pdf", "docx"}


def check_content(kind: str, url: str, content_type: str | None, fmt: str) -> tuple[str | None, str | None]:
    """(error, warning) from comparing the declared type and the URL's extension with the sniffed format."""
    declared = _TYPES.get((content_type or "").split(";")[0].strip().lower())
    ext_match = re.search(r"\.([A-Za-z]{3,4})$", urlsplit(url).path)
    ext = _EXTS.get(ext_match.group(1).lower()) if ext_match else None
    if kind == "document" and fmt == "html" and (declared in _BINARY or ext in _BINARY):
        # The classic soft 404: an HTML error page where a PDF was promised.
        if declared in _BINARY:
            return f"served as {content_type} but is html", None
        return f"a .{ext} link served an HTML page ({content_type or 'no Content-Type'})", None
    if declared and fmt != "unknown" and declared != fmt:
        return None, f"served as {content_type} but is {fmt}"
    if fmt == "unknown" and kind == "document":
        return None, "format not recognised from the bytes"
    return None, None


def _is_skip(reason: str | None) -> bool:
    # Links the source may not fetch are recorded as skipped; every other refusal is a failure.
    return bool(reason) and (reason.startswith("host not allowed") or reason == "disallowed by robots.txt")


def _since_iso(since) -> str | None:
    if since is None or since == "":
        return None
    if isinstance(since, (date, datetime)):
        return since.isoformat()[:10]
    text = str(since).strip()
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text):
        raise ValueError(f"--since wants YYYY, YYYY-MM or YYYY-MM-DD, not {since!r}")
    return text


def _older(meta: dict, since: str) -> bool:
    # Undated candidates are kept: nothing says they are old.
    when = meta.get("date") or (str(meta["year"]) if meta.get("year") else None)
    if not when:
        return False
    n = min(len(when), len(since))
    return when[:n] < since[:n]


def read_url_list(path: str | os.PathLike) -> list[str]:
    """URLs from a file, one a line; blank lines and # comments are ignored."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


class _Sized:
    """An iterator with a length, so that click.progressbar can show a bar."""

    def __init__(self, total: int, items: Iterator):
        self.total, self.items = total, items

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator:
        return self.items


class Harvester:
    """Fetches sources into a content-addressed store, recording every request in a HarvestState."""

    def __init__(self, store_dir: str | os.PathLike, state: HarvestState, *, allow_private_hosts: bool = False,
                 delay: float = 1.0, timeout: float = 20.0, max_bytes: int = 100 * 1024 * 1024, max_retries: int = 3,
                 backoff: float = 1.0, max_backoff: float = 60.0, max_retry_after: float = 300.0,
                 max_redirects: int = 5, concurrency: int = 2, user_agent: str = DEFAULT_USER_AGENT,
                 proxy: str | None = None):
        self.store = RawStore(store_dir)
        self.state = state
        self.concurrency = max(1, concurrency)
        self.client = PoliteClient(
            Politeness(delay=delay, timeout=timeout, max_retries=max_retries, backoff=backoff, max_backoff=max_backoff,
                       max_retry_after=max_retry_after, max_redirects=max_redirects, max_bytes=max_bytes,
                       user_agent=user_agent, allow_private_hosts=allow_private_hosts, proxy=proxy),
            robots_fetcher=self._fetch_robots,
        )
        self._lock = threading.Lock()
        self._result = HarvestResult()
        self._dry_run = False
        self._pages: dict[str, bytes | None] = {}

    def close(self) -> None:
        """Close the HTTP connections."""
        self.client.close()

    def __enter__(self) -> "Harvester":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- entry points ---------------------------------------------------------------------------

    def harvest(self, sources: list[Source], since=None, limit: int | None = None, dry_run: bool = False,
                progress: Callable[[Iterable], Iterable] | None = None) -> HarvestResult:
        """Read the sources' pages, then fetch their documents; resumes an interrupted run."""
        since_iso = _since_iso(since)
        result = self._begin(dry_run)
        candidates = self.discover(sources)
        return self._finish(self._fetch_documents(candidates, since_iso, limit, progress), result)

    def harvest_urls(self, urls: Iterable[str], since=None, limit: int | None = None, dry_run: bool = False,
                     progress: Callable[[Iterable], Iterable] | None = None, allowed_hosts: list[str] | None = None,
                     metadata: dict | None = None, source: str = "urls") -> HarvestResult:
        """Fetch documents listed by URL (each URL's own host is allowed unless allowed_hosts is given)."""
        since_iso = _since_iso(since)
        result = self._begin(dry_run)
        candidates: dict[str, Candidate] = {}
        for url in urls:
            cleaned = clean_url(url)
            if cleaned is None:
                continue
            candidate = candidate_for_url(cleaned, source, allowed_hosts, metadata)
            candidates.setdefault(candidate.key, candidate)
        return self._finish(self._fetch_documents(list(candidates.values()), since_iso, limit, progress), result)

    def _begin(self, dry_run: bool) -> HarvestResult:
        self._result = HarvestResult(dry_run=dry_run)
        self._dry_run = dry_run
        self._pages = {}
        if not dry_run:
            self.state.start_run()
        return self._result

    def _finish(self, complete: bool, result: HarvestResult) -> HarvestResult:
        result.complete = complete and not result.dry_run
        if result.complete:
            self.state.finish_run()
        return result

    # ---- pages ----------------------------------------------------------------------------------

    def discover(self, sources: list[Source]) -> list[Candidate]:
        """Read each source's pages (following its `follow` links) and return its document candidates, deduplicated."""
        found: dict[str, Candidate] = {}
        page_keys: set[str] = set()
        for source in sources:
            queue = deque(u for u in (clean_url(s) for s in source.start_urls) if u)
            read: set[str] = set()
            while queue and len(read) < source.max_pages:
                url = queue.popleft()
                key = normalize_url(url)
                if key in read:
                    continue
                read.add(key)
                page_keys.add(key)
                body = self._page(url, key, source)
                if body is None:
                    continue
                links = extract_links(source, url, body)
                queue.extend(p for p in links.pages if normalize_url(p) not in read)
                for candidate in links.candidates:
                    if candidate.key in found:
                        known = found[candidate.key].metadata
                        for k, v in candidate.metadata.items():
                            if known.get(k) is None and v is not None:
                                known[k] = v
                    else:
                        found[candidate.key] = candidate
        # A page read for its links is not also a document of the harvest.
        candidates = [c for key, c in found.items() if key not in page_keys]
        self._result.candidates = candidates
        return candidates

    def _page(self, url: str, key: str, source: Source) -> bytes | None:
        if key in self._pages:
            return self._pages[key]
        previous = self.state.previous(key)
        if self.state.done(key) and previous:
            # Resuming: this page was read earlier in the same run; its copy is in the store.
            body = self.store.read(previous.sha256)
            if body is not None:
                self._pages[key] = body
                return body
        record, body = self._fetch_tracked(url, key, "page", source.allowed_hosts, empty_metadata(source=source.name), source.name)
        self._keep(record)
        self._pages[key] = body if record.outcome in ("new", "changed", "unchanged") else None
        return self._pages[key]

    def _fetch_robots(self, url: str, allowed_hosts: list[str]) -> Response:
        key = normalize_url(url)
        previous = self.state.previous(key)
        if self.state.done(key) and previous and self.store.path_for(previous.sha256):
            return Response(url, url, status=200, body=self.store.read(previous.sha256))
        record, body = self._fetch_tracked(url, key, "robots", allowed_hosts, empty_metadata(), None)
        if record.status is not None and 400 <= record.status < 500:
            record.outcome, record.error, record.warning = "skipped", None, f"no robots.txt (HTTP {record.status}): all allowed"
        self._keep(record)
        return Response(url, record.final_url or url, status=record.status, body=body, error=record.error)

    # ---- documents ------------------------------------------------------------------------------

    def _fetch_documents(self, candidates: list[Candidate], since: str | None, limit: int | None,
                         progress: Callable[[Iterable], Iterable] | None) -> bool:
        result = self._result
        result.candidates = candidates
        ready: list[Candidate] = []
        skipped: list[FetchRecord] = []
        for candidate in candidates:
            if since and _older(candidate.metadata, since):
                result.filtered += 1
            elif not self._dry_run and self.state.done(candidate.key):
                result.resumed += 1
            else:
                reason = self.client.refusal(candidate.url, candidate.allowed_hosts)
                if _is_skip(reason):
                    skipped.append(self._skip(candidate, reason))
                else:
                    ready.append(candidate)
        if limit is not None and len(ready) > limit:
            result.remaining = len(ready) - max(limit, 0)
            ready = ready[:max(limit, 0)]
        result.planned = ready
        if self._dry_run:
            result.records.extend(skipped)
            return True
        records = _Sized(len(skipped) + len(ready), self._iter_fetches(skipped, ready))
        for record in (progress(records) if progress else records):
            with self._lock:
                result.records.append(record)
        return result.remaining == 0

    def _iter_fetches(self, skipped: list[FetchRecord], ready: list[Candidate]) -> Iterator[FetchRecord]:
        for record in skipped:
            self.state.record(record)
            yield record
        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="harvest") as pool:
            futures = [pool.submit(self.fetch_document, c) for c in ready]
            try:
                for future in futures:
                    yield future.result()
            except BaseException:
                # Interrupted: requests not started are dropped; the open run resumes next time.
                for future in futures:
                    future.cancel()
                raise

    def _skip(self, candidate: Candidate, reason: str) -> FetchRecord:
        return FetchRecord(candidate.url, None, None, utc_now(), None, None, None, None, reason, key=candidate.key,
                           kind="document", outcome="skipped", source=candidate.source, metadata=dict(candidate.metadata))

    def fetch_document(self, candidate: Candidate) -> FetchRecord:
        """Fetch one candidate (conditionally), store its bytes and record the request."""
        record, body = self._fetch_tracked(candidate.url, candidate.key, "document", candidate.allowed_hosts,
                                           candidate.metadata, candidate.source)
        if body is not None and candidate.source_kind == "news" and record.format == "html":
            for k, v in extract_news_details(body).items():
                if record.metadata.get(k) is None:
                    record.metadata[k] = v
        if not self._dry_run:
            self.state.record(record)
        return record

    def _keep(self, record: FetchRecord) -> None:
        with self._lock:
            self._result.records.append(record)
        if not self._dry_run:
            self.state.record(record)

    def _fetch_tracked(self, url: str, key: str, kind: str, allowed_hosts: list[str], metadata: dict,
                       source: str | None) -> tuple[FetchRecord, bytes | None]:
        known = self.state.previous(key)
        # Without the stored copy a 304 would leave nothing to read: ask for the whole body again.
        previous = known if known and self.store.path_for(known.sha256) is not None else None
        headers = {}
        if previous and previous.etag:
            headers["If-None-Match"] = previous.etag
        if previous and previous.last_modified:
            headers["If-Modified-Since"] = previous.last_modified
        response = self.client.fetch_url(url, allowed_hosts, headers, check_robots=kind != "robots")
        h = response.headers
        record = FetchRecord(url, response.final_url, response.status, response.fetched_at, None, h.get("content-type"),
                             h.get("etag"), h.get("last-modified"), response.error, key=key, kind=kind,
                             attempts=response.attempts, source=source, metadata=dict(metadata))
        body = None
        if response.error:
            record.outcome = "skipped" if response.refused and _is_skip(response.error) else "failed"
            return record, None
        if response.status == 304 and previous:
            body = self.store.read(previous.sha256)
            record.sha256, record.outcome = previous.sha256, "unchanged"
            record.etag = record.etag or previous.etag
            record.last_modified = record.last_modified or previous.last_modified
        elif response.status == 200 and response.body:
            body = response.body
        elif response.status == 200:
            record.error, record.outcome = "empty body", "failed"
            return record, None
        else:
            record.error, record.outcome = f"HTTP {response.status}", "failed"
            return record, None
        record.format = sniff_format(body)
        if record.sha256 is None:
            if self._dry_run:
                record.sha256 = hashlib.sha256(body).hexdigest()
            else:
                record.sha256, _ = self.store.ensure_stored(body, record.format)
            record.outcome = "new" if known is None else ("unchanged" if known.sha256 == record.sha256 else "changed")
        stored = self.store.path_for(record.sha256)
        record.path = str(stored) if stored else None
        record.error, record.warning = check_content(kind, response.final_url or url, record.content_type, record.format)
        if record.error:
            record.outcome = "failed"
        return record, body
