"""HTML pages: main content only, headings as sections, the dateline as place and date."""

from __future__ import annotations

import re

import lxml.html

from .models import Document, Passage

_DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg", "iframe"]
_BOILERPLATE = re.compile(r"(^|[\s_-])(nav|navbar|menu|breadcrumbs?|footer|sidebar|cookie|banner|skip|share|social)([\s_-]|$)", re.I)
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "dd", "dt", "figcaption"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w.'’ -]{1,40}?(?:\s*\([^)]{2,40}\))?),\s*"
    r"(?P<date>\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})\s*[-–—:]+\s*"
)


def _main_element(root):
    for xpath in ("//main", "//article", "//*[@role='main']", "//*[@id='content' or @id='main' or @id='main-content']"):
        found = root.xpath(xpath)
        if found:
            return max(found, key=lambda el: len(el.text_content()))
    body = root.find("body")
    return body if body is not None else root


def _clean_text(el) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


def extract_html(data: bytes, doc: Document) -> Document:
    """Fill doc with passages from the main content of an HTML page."""
    try:
        root = lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError) as e:
        return doc.fail(f"unreadable HTML: {e}")
    title = root.findtext(".//title")
    if title and title.strip():
        doc.metadata["html_title"] = re.sub(r"\s+", " ", title).strip()
    for el in root.xpath("//*[@class or @id]"):
        marker = f"{el.get('class', '')} {el.get('id', '')}"
        if el.tag not in ("html", "body", "main", "article") and _BOILERPLATE.search(marker) and el.getparent() is not None:
            el.drop_tree()
    main = _main_element(root)
    for el in main.xpath(".//" + " | .//".join(_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    section = None
    passages: list[Passage] = []
    for el in main.iter():
        if not isinstance(el.tag, str) or el.tag not in _BLOCKS:
            continue
        # Nested blocks (a <p> inside an <li>) are read once, at the innermost level.
        if any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in el.iterdescendants()):
            continue
        if el.tag == "tr":
            text = " | ".join(_clean_text(cell) for cell in el if isinstance(cell.tag, str))
        else:
            text = _clean_text(el)
        if not text:
            continue
        if el.tag in _HEADINGS:
            section = text
            if el.tag == "h1":
                doc.title = doc.title or text
            continue
        passages.append(Passage(page=1, seq=len(passages), text=text, section=section))
    if passages:
        m = DATELINE.match(passages[0].text)
        if m:
            doc.place = m.group("place").strip()
            doc.metadata["dateline_date"] = m.group("date")
    doc.pages = 1
    doc.passages = passages
    if not passages:
        return doc.fail("no text found in the HTML page")
    return doc
