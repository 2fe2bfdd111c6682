"""A polite HTTP client: robots.txt, a delay per host, retries with backoff, checked redirects, size caps."""

from __future__ import annotations

import email.utils
import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from .urls import check_public_host, clean_url, host_allowed, url_host

RETRY_STATUSES = {408, 429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
DEFAULT_USER_AGENT = "palermo/0.1 (+https://github.com/palermo-untoc/palermo; UNTOC review research)"
# Longest Crawl-delay from robots.txt that is obeyed as such; a site asking for more is still
# fetched, one request per this many seconds.
MAX_CRAWL_DELAY = 60.0


def utc_now() -> str:
    """The current time, UTC, ISO 8601 to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or an HTTP date); None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass
class Response:
    """What one fetch ended with, after redirects and retries; `error` is set for every failure."""

    url: str
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None
    attempts: int = 0
    fetched_at: str = field(default_factory=utc_now)
    refused: bool = False  # True when no request was sent (allowlist, robots.txt, private address)


class TooLarge(Exception):
    """The body is over the size limit."""


class HostGate:
    """Spaces the requests to each host: every request waits for its host's next free slot."""

    def __init__(self, delay: float):
        self.delay = delay
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}
        self._lock = threading.Lock()

    def set_delay(self, host: str, seconds: float) -> None:
        """Use a longer delay for one host (robots.txt Crawl-delay)."""
        with self._lock:
            self._delays[host] = max(self.delay, min(seconds, MAX_CRAWL_DELAY))

    def wait(self, host: str) -> None:
        """Block until this host may be asked again, and book the slot after it."""
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, 0.0))
            self._next[host] = slot + self._delays.get(host, self.delay)
        if slot > now:
            time.sleep(slot - now)

    def defer(self, host: str, seconds: float) -> None:
        """Keep every thread off a host for a while (it answered 429 or 503 with Retry-After)."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + seconds)


@dataclass
class Politeness:
    """How gently to fetch: every timing is configurable so that tests run in seconds."""

    delay: float = 1.0
    timeout: float = 20.0
    max_retries: int = 3
    backoff: float = 1.0
    max_backoff: float = 60.0
    max_retry_after: float = 300.0
    max_redirects: int = 5
    max_bytes: int = 100 * 1024 * 1024
    max_duration: float = 600.0
    user_agent: str = DEFAULT_USER_AGENT
    allow_private_hosts: bool = False
    proxy: str | None = None  # environment proxy variables are ignored, so a run does not depend on them


class PoliteClient:
    """Fetches one URL at a time per call; safe to share between threads."""

    def __init__(self, politeness: Politeness, robots_fetcher: Callable[[str, list[str]], Response] | None = None):
        self.p = politeness
        self.gate = HostGate(politeness.delay)
        self._client = httpx.Client(
            follow_redirects=False, timeout=httpx.Timeout(politeness.timeout),
            headers={"User-Agent": politeness.user_agent}, trust_env=False, proxy=politeness.proxy,
        )
        # The harvester passes a fetcher that keeps robots.txt in its store and state (conditional
        # requests); alone, the client asks for it directly.
        self._robots_fetcher = robots_fetcher or (lambda url, allowed: self.fetch_url(url, allowed, check_robots=False))
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._robots_errors: dict[str, str] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._public: dict[str, str | None] = {}
        self._lock = threading.Lock()
        self.agent_token = politeness.user_agent.split("/")[0].split()[0]

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> "PoliteClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- checks made before any request -------------------------------------------------------

    def refusal(self, url: str, allowed_hosts: list[str], check_robots: bool = True) -> str | None:
        """Why this URL must not be requested (scheme, allowlist, private address, robots.txt), or None."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return f"not an http(s) URL: {url}"
        if not host_allowed(url, allowed_hosts):
            return f"host not allowed: {parts.hostname}"
        if not self.p.allow_private_hosts:
            host = parts.hostname
            with self._lock:
                known = host in self._public
            if not known:
                reason = check_public_host(host)
                with self._lock:
                    self._public[host] = reason
            if self._public[host]:
                return self._public[host]
        if check_robots and not self.robots_allows(url, allowed_hosts):
            origin = f"{parts.scheme}://{parts.netloc}"
            if origin in self._robots_errors:
                return f"robots.txt unreachable ({self._robots_errors[origin]}): nothing fetched from {parts.netloc}"
            return "disallowed by robots.txt"
        return None

    def robots_allows(self, url: str, allowed_hosts: list[str]) -> bool:
        """Whether robots.txt of the URL's site lets this user agent fetch it (fetched once per site)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._robots:
                self._robots[origin] = self.ensure_robots(origin, allowed_hosts)
        parser = self._robots[origin]
        return True if parser is None else parser.can_fetch(self.agent_token, url)

    def ensure_robots(self, origin: str, allowed_hosts: list[str]) -> urllib.robotparser.RobotFileParser | None:
        """Read a site's robots.txt: None (all allowed) when it is missing, a deny-all when it is unreachable."""
        response = self._robots_fetcher(origin + "/robots.txt", allowed_hosts)
        parser = urllib.robotparser.RobotFileParser()
        # RFC 9309: a missing robots.txt (4xx) allows everything; an unreachable one (5xx, network)
        # means the crawler must assume everything is disallowed.
        if response.status is not None and 400 <= response.status < 500:
            return None
        if response.error or response.status not in (200, 304) or response.body is None:
            self._robots_errors[origin] = response.error or f"HTTP {response.status}"
            parser.parse(["User-agent: *", "Disallow: /"])
            return parser
        parser.parse(response.body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self.agent_token)
        if delay:
            self.gate.set_delay(url_host(origin), float(delay))
        return parser

    # ---- requests -------------------------------------------------------------------------------

    def fetch_url(self, url: str, allowed_hosts: list[str], headers: dict[str, str] | None = None,
                  check_robots: bool = True) -> Response:
        """GET a URL politely, following redirects by hand so that each hop is checked; never raises."""
        fetched_at = utc_now()
        current, seen, attempts = url, {url}, 0
        for hop in range(self.p.max_redirects + 1):
            reason = self.refusal(current, allowed_hosts, check_robots)
            if reason:
                what = reason if hop == 0 else f"redirect to {current} refused: {reason}"
                return Response(url, current, error=what, refused=hop == 0, attempts=attempts, fetched_at=fetched_at)
            response = self._with_retries(current, headers or {})
            attempts += response.attempts
            response.url, response.attempts, response.fetched_at = url, attempts, fetched_at
            location = response.headers.get("location")
            if response.error or response.status not in REDIRECT_STATUSES or not location:
                return response
            target = clean_url(urljoin(current, location))
            if target is None:
                response.error = f"redirect to an unsupported location: {location}"
                return response
            if target in seen:
                response.final_url = target
                response.error = f"redirect loop: {target} was already visited"
                return response
            seen.add(target)
            current = target
        return Response(url, current, status=response.status, headers=response.headers, attempts=attempts,
                        fetched_at=fetched_at, error=f"too many redirects (more than {self.p.max_redirects})")

    def _with_retries(self, url: str, headers: dict[str, str]) -> Response:
        host = url_host(url)
        error, status, last_headers = None, None, {}
        for attempt in range(self.p.max_retries + 1):
            self.gate.wait(host)
            retry_after = None
            try:
                status, last_headers, body = self._send(url, headers)
            except TooLarge as e:
                return Response(url, url, status=200, error=str(e), attempts=attempt + 1)
            except httpx.TimeoutException:
                status, error = None, f"timeout after {self.p.timeout:g}s"
            except httpx.HTTPError as e:
                status, error = None, f"{type(e).__name__}: {e}".rstrip(": ")
            else:
                if status not in RETRY_STATUSES:
                    return Response(url, url, status=status, headers=last_headers, body=body, attempts=attempt + 1)
                error = f"HTTP {status}"
                retry_after = parse_retry_after(last_headers.get("retry-after"))
            if attempt == self.p.max_retries:
                break
            wait = min(self.p.backoff * 2 ** attempt, self.p.max_backoff)
            if retry_after is not None:
                if retry_after > self.p.max_retry_after:
                    return Response(url, url, status=status, headers=last_headers, attempts=attempt + 1,
                                    error=f"{error}: Retry-After {retry_after:.0f}s is over the limit of {self.p.max_retry_after:g}s")
                wait = max(wait, retry_after)
                self.gate.defer(host, retry_after)
            time.sleep(wait)
        return Response(url, url, status=status, headers=last_headers, attempts=self.p.max_retries + 1,
                        error=f"{error} after {self.p.max_retries + 1} attempts")

    def _send(self, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        started = time.monotonic()
        with self._client.stream("GET", url, headers=headers) as r:
            got = {k.lower(): v for k, v in r.headers.items()}
            if r.status_code != 200:
                # Error pages, redirects and 304s are not kept: only their status and headers count.
                return r.status_code, got, b""
            declared = got.get("content-length", "")
            if declared.isdigit() and int(declared) > self.p.max_bytes:
                raise TooLarge(f"too large: Content-Length {int(declared):,} bytes is over the limit of {self.p.max_bytes:,}")
            body = bytearray()
            for chunk in r.iter_bytes():
                body += chunk
                if len(body) > self.p.max_bytes:
                    raise TooLarge(f"too large: body over the limit of {self.p.max_bytes:,} bytes")
                if time.monotonic() - started > self.p.max_duration:
                    raise httpx.ReadTimeout(f"download took over {self.p.max_duration:g}s")
            return r.status_code, got, bytes(body)
