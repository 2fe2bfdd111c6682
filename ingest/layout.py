"""Rebuild paragraphs from positioned lines: drop running headers and footers, join across pages."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from .models import Passage

# Paragraph numbers as UN documents print them: "12.", "131.1", "122.95.", "(a)", "(iv)".
PARA_NO = re.compile(r"^(?:(\d{1,3}(?:\.\d{1,3})*\.|\d{1,3}(?:\.\d{1,3})+)|\((?:[a-z]|[ivx]{1,5})\))\s+(?=\S)")
_SUB_ITEM = re.compile(r"^\((?:[a-z]|[ivx]{1,5})\)$")
_HEADING_ENUM = re.compile(r"^(?:[IVXL]{1,5}\.|[A-Z]\.|Annex\b|Chapter\b|Section\b)\s*", re.I)
_JOB_NUMBER = re.compile(r"^(?:[A-Z]{1,2}\.\d{2}-\d{4,6}(?:\s*\([A-Z]\))?|\*\d{5,}\*)(?:\s+\*\d{5,}\*)?$")
_PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?(?:\s*[-–])?$", re.I)
# A table of contents: dotted leaders to a page number, and its column heads.
_TOC_LINE = re.compile(r"(?:\.\s*){6,}\s*[\d–-]*\s*\d*\s*$|^(?:Contents|Paragraphs\s+Page|Page|Paragraphs)$")
# pdfium marks a word it rejoined across a line end with U+FFFE; other producers use a soft hyphen.
_SOFT_HYPHENS = str.maketrans({"\xad": "\ufffe", "\x02": "\ufffe"})
_BROKEN_WORD = re.compile(r"([^\W\d_]+)\ufffe([^\W\d_]*)")
_TERMINAL = (".", "!", "?", ":", ";", '."', ".'", ".)")
BAND = 0.10


@dataclass
class Line:
    """A line of text with its page and position (PDF points, origin at the bottom)."""

    page: int
    top: float
    bottom: float
    left: float
    right: float
    text: str
    page_height: float = 842.0
    kind: str = "body"


def reading_order(lines: list[Line], page_width: float) -> list[Line]:
    """Lines of one page top to bottom; on a two-column page, each column in turn between full-width lines."""
    lines = sorted(lines, key=lambda line: (-line.top, line.left))
    middle = page_width / 2
    left = [ln for ln in lines if ln.right < middle + 0.05 * page_width and ln.right - ln.left < 0.5 * page_width]
    right = [ln for ln in lines if ln.left > middle - 0.05 * page_width]
    # Real text columns have several lines that fill most of the column (tables and lists do not).
    column = 0.45 * page_width
    full = lambda side: sum(ln.right - ln.left > 0.7 * column for ln in side)  # noqa: E731
    if full(left) < 3 or full(right) < 3:
        return lines
    # Lines that span the gutter (titles, full-width paragraphs) split the page into bands.
    in_columns = {id(ln) for ln in left} | {id(ln) for ln in right}
    ordered, band = [], []
    right_ids = {id(ln) for ln in right}
    for line in lines:
        if id(line) in in_columns:
            band.append(line)
            continue
        ordered.extend(sorted(band, key=lambda ln: (id(ln) in right_ids, -ln.top)))
        band = []
        ordered.append(line)
    ordered.extend(sorted(band, key=lambda ln: (id(ln) in right_ids, -ln.top)))
    return ordered


_FOOTNOTE_START = re.compile(r"^(?:\d{1,3}|\*{1,3}|[a-z])(?:\s+|(?=[A-Z]))\S")


def mark_footnotes(lines: list[Line]) -> None:
    """Mark the footnote block at the bottom of each page: smaller type, starting with a marker."""
    heights = [ln.top - ln.bottom for ln in lines if ln.kind == "body" and ln.top > ln.bottom]
    if not heights:
        return
    body = statistics.median(heights)
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    for page_lines in by_page.values():
        ordered = sorted(page_lines, key=lambda ln: -ln.top)
        start = None
        for i in range(len(ordered) - 1, -1, -1):
            line = ordered[i]
            small = line.top - line.bottom < 0.88 * body
            if line.bottom > line.page_height * 0.45 or not small:
                break
            if _FOOTNOTE_START.match(line.text.strip()):
                start = i
        if start is not None:
            for line in ordered[start:]:
                if line.top - line.bottom < 0.88 * body and line.kind == "body":
                    line.kind = "footnote"


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def drop_running_lines(lines: list[Line], n_pages: int) -> list[Line]:
    """Remove page numbers, job numbers and lines repeated in the top/bottom band of pages."""
    def in_band(line: Line) -> bool:
        return line.top > line.page_height * (1 - BAND) or line.bottom < line.page_height * (BAND + 0.05)

    seen = Counter()
    for key in {(line.page, _norm(line.text)) for line in lines if in_band(line)}:
        seen[key[1]] += 1
    threshold = max(2, int(0.4 * n_pages))
    kept = []
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if in_band(line) and (
            seen[_norm(text)] >= threshold or _PAGE_NUMBER.match(text) or _JOB_NUMBER.match(text)
        ):
            continue
        if _JOB_NUMBER.match(text) or _TOC_LINE.search(text):
            continue
        kept.append(line)
    return kept


def _is_heading(text: str, n_lines: int) -> bool:
    if n_lines > 2 or len(text) > 120 or text.endswith((".", ";", ",", ":")) and not _HEADING_ENUM.match(text):
        return False
    if PARA_NO.match(text) and not _HEADING_ENUM.match(text):
        return False
    if _HEADING_ENUM.match(text):
        return True
    words = text.split()
    return 0 < len(words) <= 12 and text[0].isupper() and not text.endswith((".", ";", ","))


def _is_compound(head: str, tail: str, vocabulary: set[str] | frozenset) -> bool:
    """True for "cross" + "border" (both words, never written as one), False for "implemen" + "tation"."""
    head, tail = head.lower(), tail.lower()
    return head in vocabulary and tail in vocabulary and (head + tail) not in vocabulary


def _dehyphenate(text: str, vocabulary: set[str] | frozenset) -> str:
    return _BROKEN_WORD.sub(
        lambda m: f"{m.group(1)}-{m.group(2)}" if _is_compound(m.group(1), m.group(2), vocabulary) else m.group(1) + m.group(2),
        text,
    )


def _join(a: str, b: str, vocabulary: set[str] | frozenset = frozenset()) -> str:
    m = re.search(r"([^\W\d_]+)-$", a)
    if m and b[:1].islower():
        # "implemen-" + "tation" is one word; "cross-" + "border" keeps its hyphen unless the
        # document also writes the word unhyphenated.
        first = re.match(r"[^\W\d_]+", b)
        return a + b if _is_compound(m.group(1), first.group(0) if first else "", vocabulary) else a[:-1] + b
    return f"{a} {b}" if a else b


def lines_to_passages(lines: list[Line]) -> list[Passage]:
    """Group lines into paragraphs, keep paragraph numbers and headings as section."""
    if not lines:
        return []
    gaps = [p.bottom - c.top for p, c in zip(lines, lines[1:]) if p.page == c.page and 0 <= p.bottom - c.top < 40]
    heights = [line.top - line.bottom for line in lines if line.top > line.bottom]
    # A low quantile, not the median: with short paragraphs most gaps are paragraph breaks.
    typical_gap = statistics.quantiles(gaps, n=10)[2] if len(gaps) > 2 else (gaps[0] if gaps else 3.0)
    height = statistics.median(heights) if heights else 10.0
    gap_break = max(typical_gap * 1.8, typical_gap + height * 0.5)
    width = statistics.median(line.right - line.left for line in lines)

    mark_footnotes(lines)
    footnotes = [ln for ln in lines if ln.kind == "footnote"]
    lines = [ln for ln in lines if ln.kind != "footnote"]
    blocks: list[list[Line]] = []
    for prev, line in zip([None] + lines[:-1], lines):
        text = line.text.strip()
        new = prev is None or bool(PARA_NO.match(text)) or _SUB_ITEM.match(text.split(" ")[0] or "")
        new = new or line.kind == "table" or prev.kind != line.kind
        if prev is not None and not new:
            prev_text = prev.text.strip()
            if prev.page != line.page:
                # A short last line ended its paragraph; a full one may run on to the next page.
                short = prev.right - prev.left < 0.5 * width
                new = (prev_text.endswith(_TERMINAL) or short) and not text[:1].islower()
            else:
                gap = prev.bottom - line.top
                new = gap > gap_break or gap < -height  # a jump upwards: a new column or block
        if new:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    for line in footnotes:
        starts = bool(_FOOTNOTE_START.match(line.text.strip()))
        if starts or not blocks or blocks[-1][0].kind != "footnote" or blocks[-1][-1].page != line.page:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    # Words inside lines only: the halves of a word broken at a line end are not evidence.
    vocabulary = {w.lower() for ln in lines for w in re.findall(r"(?<![\ufffe\xad\x02])\b[^\W\d_]{4,}\b(?![\ufffe\xad\x02])", ln.text)[1:-1]}
    return blocks_to_passages(blocks, vocabulary)


def blocks_to_passages(blocks: list[list[Line]], vocabulary: set[str] | frozenset = frozenset()) -> list[Passage]:
    """Turn line blocks into passages, headings becoming the section of what follows."""
    passages: list[Passage] = []
    section = None
    parent_no = None
    for block in blocks:
        kind = block[0].kind
        text = ""
        for line in block:
            text = _join(text, re.sub(r"\s+", " ", line.text.translate(_SOFT_HYPHENS)).strip(), vocabulary)
        text = _dehyphenate(text, vocabulary).strip()
        if not text:
            continue
        if kind in ("footnote", "table"):
            marker = _FOOTNOTE_START.match(text) if kind == "footnote" else None
            number = text.split()[0] if marker and text.split() else None
            passages.append(Passage(page=block[0].page, seq=len(passages), text=text, paragraph_no=number,
                                    section=section, kind=kind))
            continue
        if _is_heading(text, len(block)):
            section = text
            parent_no = None
            continue
        number = None
        m = PARA_NO.match(text)
        if m:
            number = m.group(0).strip()
            text = text[m.end():].strip()
            if number.startswith("("):
                number = f"{parent_no}{number}" if parent_no else number
            else:
                number = number.rstrip(".")
                parent_no = number
        passages.append(Passage(page=block[0].page, seq=len(passages), text=text, paragraph_no=number, section=section))
    return passages
