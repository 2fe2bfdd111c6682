"""Source adapters: read a page into document candidates, with metadata taken from each link's context."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from ..dates import first_date
from .models import Candidate, empty_metadata
from .names import (TOPICS, dialogue_of_page, extract_url_metadata, language_of, symbol_in, symbol_topic,
                    symbol_year)
from .sources import Source
from .urls import clean_url, host_key, normalize_url

_BLOCKS = {"p", "li", "td", "th", "dd", "dt", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "body"}
_ROWS = {"tr", "li", "p", "dd"}
_GENERIC = re.compile(r"^(?:click\s+)?(?:here|download|pdf|\[pdf\]|link|read more|more|view|open|document|file|"
                      r"available here|full text|doc|docx)$", re.I)
_LANG_WORD = re.compile(r"\(?\b(?:arabic|chinese|english|french|russian|spanish|español|français|русский|中文|العربية)\b\)?", re.I)
_AVAILABLE = re.compile(r"(?:[\s\-–—:|,]*(?:available\s+(?:languages?|in|here)?|available|pdf|\(pdf\)))+[\s\-–—:|,]*$", re.I)
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][^,\-–—()\d]{1,40}?)\s*(?:\((?P<country>[^)]{2,40})\))?\s*[,\-–—]\s*"
    r"(?P<date>(?:\d{1,2}\s+)?[A-Za-zéû]+\.?\s+(?:\d{1,2},?\s+)?(?:19|20)\d{2})"
)


@dataclass
class PageLinks:
    """What one page offers: document candidates and further pages of the same source."""

    candidates: list[Candidate] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


def parse_html(data: bytes):
    """An lxml tree of a page, read as UTF-8 when it is (pages without a charset declaration are usually)."""
    try:
        return lxml.html.document_fromstring(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    except (lxml.etree.ParserError, ValueError):
        pass  # e.g. an XML declaration with an encoding: let lxml read the bytes
    try:
        return lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError):
        return None


def _text(el) -> str:
    return re.sub(r"\s+", " ", el.text_content() if el is not None else "").strip()


def _spaced_text(el) -> str:
    # Table cells and list items touch without whitespace ("CTOC/COP/2018/CRP.3</td><td>Procedures"):
    # joining every text node with a space keeps a symbol and a title apart.
    return re.sub(r"\s+", " ", " ".join(el.itertext()) if el is not None else "").strip()


def _block(a, tags=_BLOCKS):
    for el in a.iterancestors():
        if el.tag in tags:
            return el
    return None


def _collect(el, stop, out: list[str]) -> bool:
    # Text in document order up to `stop`; a line break or an earlier link starts the text afresh,
    # so that "Title A - here (English)<br>Title B - here" gives "Title B" to the second link.
    if el is stop:
        return True
    if isinstance(el.tag, str) and el.text:
        out.append(el.text)
    for child in el:
        if _collect(child, stop, out):
            return True
        if child.tag in ("br", "a", "hr") or child.tag in _BLOCKS:
            out.clear()
        if child.tail:
            out.append(child.tail)
    return False


def _clean_title(text: str | None) -> str | None:
    text = re.sub(r"\s+", " ", text or "").strip()
    text = re.sub(r"^\s*\(?(?:arabic|chinese|english|french|russian|spanish)\)?[\s,;.]*", "", text, flags=re.I)
    text = re.sub(r"^[\s\-–—•·*:|,]+|^\d{1,2}\)\s*", "", text)
    text = _AVAILABLE.sub("", text).strip(" -–—:|,;")
    return text if text and not _GENERIC.match(text) else None


def _title_before(a, block=None) -> str | None:
    """The text before a link in its block (the title of "<title> - Available here (English)")."""
    block = block if block is not None else _block(a)
    if block is None:
        return None
    out: list[str] = []
    _collect(block, a, out)
    return _clean_title("".join(out)) or _preceding_title(block)


def _preceding_title(block) -> str | None:
    # Links on a line of their own: the title is the nearest earlier non-empty block (or table cell).
    el = block
    for _ in range(3):
        for sibling in el.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str):
                continue
            title = _clean_title(_LANG_WORD.sub(" ", _spaced_text(sibling)))
            if title:
                return title
        el = el.getparent()
        if el is None:
            break
    return None


def _language_near(a) -> str | None:
    """The language a link is in: its text ("English", "E"), "(English)" after it, or a parenthesis in it."""
    text = _text(a)
    found = language_of(text)
    if found:
        return found
    m = re.match(r"\s*[\-–—,:]?\s*\(?\s*([^\s()]+)\s*\)?", a.tail or "")
    if m and language_of(m.group(1)):
        return language_of(m.group(1))
    m = re.search(r"\(([^)]+)\)\s*$", text)
    return language_of(m.group(1)) if m else None


def _link_title(a) -> str | None:
    text = _text(a)
    if language_of(text) or _GENERIC.match(text) or not text:
        return _title_before(a)
    return _clean_title(re.sub(r"\s*\([^)]*\)\s*$", "", text) if language_of(text.rsplit("(", 1)[-1]) else text)


def _genre_from_title(title: str | None) -> str | None:
    low = (title or "").lower()
    if "co-chair" in low or "cochair" in low:
        return "cochairs_summary"
    if re.search(r"\bprogramme\b|\bagenda\b", low):
        return "programme"
    if "background" in low:
        return "background_paper"
    return None


# ---- per kind: page context, then link metadata ----------------------------------------------


def _dialogue_context(page_url: str, root) -> dict:
    topic, year = dialogue_of_page(page_url)
    h1 = root.find(".//h1")
    intro = " ".join(_text(p) for p in list(root.iter("p"))[:3])
    event = _text(h1) if h1 is not None else (f"Constructive Dialogue on {TOPICS[topic]}" if topic in TOPICS else None)
    return {"topic": topic, "year": year, "event": event if topic else None, "date": first_date(intro[:600]) if topic else None}


def _dialogue_link(a, url: str, ctx: dict, meta: dict) -> dict:
    title = _link_title(a)
    genre = meta["genre"] or _genre_from_title(title)
    return {"title": title, "language": _language_near(a), "topic": ctx["topic"], "year": ctx["year"],
            "event": ctx["event"], "date": ctx["date"], "genre": genre}


def _resources_link(a, url: str, ctx: dict, meta: dict) -> dict:
    language = language_of(_text(a))
    if language:
        # One work in several languages: the title sits before the first language link of the block.
        block = _block(a)
        first = next((x for x in block.iter("a") if language_of(_text(x))), a) if block is not None else a
        title = _title_before(first, block)
    else:
        title, language = _link_title(a), _language_near(a)
    row = _block(a, _ROWS)
    symbol = meta["symbol"] or symbol_in(title) or symbol_in(_spaced_text(row))
    if symbol and title:
        title = _clean_title(title.replace(symbol, " ").replace("()", " "))
    work = symbol or (re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80] if title else None)
    return {"title": title, "language": language, "symbol": symbol, "work": work,
            "topic": symbol_topic(symbol), "year": symbol_year(symbol)}


def _working_group_link(a, url: str, ctx: dict, meta: dict) -> dict:
    row = _block(a, _ROWS)
    row = row if row is not None else _block(a)
    row_text = _spaced_text(row)
    symbol = symbol_in(_text(a)) or meta["symbol"] or symbol_in(row_text)
    language = language_of(_text(a)) or meta["language"] or _language_near(a)
    text = _text(a)
    if text and not language_of(text) and not _GENERIC.match(text) and not symbol_in(text):
        title = _clean_title(text)
    else:
        rest = row_text.replace(symbol, " ") if symbol else row_text
        title = _clean_title(re.sub(r"\s+", " ", _LANG_WORD.sub(" ", re.sub(r"\b[ACEFRS]\b(?:\s*-\s*)?", " ", rest))))
    genre = "working_group_report" if title and title.lower().startswith("report") else None
    return {"title": title, "language": language, "symbol": symbol, "work": symbol or meta["work"],
            "topic": symbol_topic(symbol), "year": symbol_year(symbol), "genre": genre}


def _uncac_context(page_url: str, root) -> dict:
    m = re.search(r"/profiles/([a-z]{3})\.html?$", page_url, re.I)
    h1 = root.find(".//h1")
    country = re.sub(r"^(?:country\s+profile)\s*[:\-–]\s*", "", _text(h1), flags=re.I) if h1 is not None else None
    return {"country_iso3": m.group(1).upper() if m else None, "country": country or None}


def _uncac_link(a, url: str, ctx: dict, meta: dict) -> dict:
    language = language_of(_text(a)) or meta["language"] or _language_near(a)
    title = _link_title(a)
    work = meta["work"]
    if work and ctx.get("country_iso3"):
        work = re.sub(r"^uncac/[^/]+/", f"uncac/{ctx['country_iso3'].lower()}/", work)
    return {"title": title, "language": language, "country": meta["country"] or ctx.get("country"),
            "country_iso3": ctx.get("country_iso3"), "work": work}


def _news_link(a, url: str, ctx: dict, meta: dict) -> dict:
    return {"title": _link_title(a), "genre": "news"}


def _generic_link(a, url: str, ctx: dict, meta: dict) -> dict:
    return {"title": _link_title(a), "language": _language_near(a), "symbol": meta["symbol"] or symbol_in(_text(a))}


_ADAPTERS: dict[str, tuple[Callable | None, Callable]] = {
    "constructive_dialogue": (_dialogue_context, _dialogue_link),
    "resources": (None, _resources_link),
    "working_group": (None, _working_group_link),
    "uncac_profile": (_uncac_context, _uncac_link),
    "news": (None, _news_link),
    "links": (None, _generic_link),
}


def extract_links(source: Source, page_url: str, html: bytes) -> PageLinks:
    """Read a source page: its document candidates (with metadata) and the further pages to read."""
    found = PageLinks()
    root = parse_html(html)
    if root is None:
        return found
    context_of, link_of = _ADAPTERS[source.kind]
    ctx = context_of(page_url, root) if context_of else {}
    seen: set[str] = set()
    for a in root.iter("a"):
        url = clean_url(a.get("href", ""), page_url)
        if url is None:
            continue
        if source.wants_page(url):
            found.pages.append(url)
            continue
        if not source.wants_document(url):
            continue
        key = normalize_url(url)
        meta = extract_url_metadata(url)
        for k, v in link_of(a, url, ctx, meta).items():
            # What the file name says wins over context (a statement's folder over the page it is linked from).
            if v is not None and meta.get(k) is None:
                meta[k] = v
        for k, v in source.metadata.items():
            if meta.get(k) is None:
                meta[k] = v
        meta.update(source=source.name, referrer=page_url)
        if key in seen:
            continue
        seen.add(key)
        found.candidates.append(Candidate(url, key, source.name, source.kind, list(source.allowed_hosts), meta))
    return found


def candidate_for_url(url: str, source: str = "urls", allowed_hosts: list[str] | None = None,
                      metadata: dict | None = None) -> Candidate:
    """A candidate for a URL given directly, with what its path says; its own host is allowed by default."""
    meta = extract_url_metadata(url)
    for k, v in (metadata or {}).items():
        if meta.get(k) is None:
            meta[k] = v
    meta["source"] = source
    hosts = allowed_hosts if allowed_hosts is not None else [host_key(urlsplit(url).hostname)]
    return Candidate(url, normalize_url(url), source, "links", list(hosts), meta)


def extract_news_details(html: bytes) -> dict:
    """Title, date, place and country of a civil-society news page, from its heading and dateline."""
    root = parse_html(html)
    if root is None:
        return {}
    details = empty_metadata()
    h1 = root.find(".//h1")
    if h1 is not None and _text(h1):
        details["title"] = _text(h1)
    for p in list(root.iter("p"))[:6]:
        m = _DATELINE.match(_text(p))
        date = first_date(m.group("date")) if m else None
        if date:
            details.update(date=date, year=int(date[:4]), place=m.group("place").strip(),
                           country=(m.group("country") or "").strip() or None)
            break
    return {k: v for k, v in details.items() if v is not None}
