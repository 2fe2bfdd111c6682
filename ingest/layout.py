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
_SOFT_HYPHENS = str.maketrans({"\xad": "-", "\x02": "-", "\ufffe": "-"})
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


def _join(a: str, b: str) -> str:
    if re.search(r"[^\W\d_]-$", a) and b[:1].islower():
        return a[:-1] + b
    return f"{a} {b}" if a else b


def lines_to_passages(lines: list[Line]) -> list[Passage]:
    """Group lines into paragraphs, keep paragraph numbers and headings as section."""
    if not lines:
        return []
    gaps = [p.bottom - c.top for p, c in zip(lines, lines[1:]) if p.page == c.page and 0 <= p.bottom - c.top < 40]
    heights = [line.top - line.bottom for line in lines if line.top > line.bottom]
    typical_gap = statistics.median(gaps) if gaps else 3.0
    height = statistics.median(heights) if heights else 10.0
    gap_break = max(typical_gap * 1.8, typical_gap + height * 0.5)
    width = statistics.median(line.right - line.left for line in lines)

    blocks: list[list[Line]] = []
    for prev, line in zip([None] + lines[:-1], lines):
        text = line.text.strip()
        new = prev is None or bool(PARA_NO.match(text)) or _SUB_ITEM.match(text.split(" ")[0] or "")
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
    return blocks_to_passages(blocks)


def blocks_to_passages(blocks: list[list[Line]]) -> list[Passage]:
    """Turn line blocks into passages, headings becoming the section of what follows."""
    passages: list[Passage] = []
    section = None
    parent_no = None
    for block in blocks:
        text = ""
        for line in block:
            text = _join(text, re.sub(r"\s+", " ", line.text.translate(_SOFT_HYPHENS)).strip())
        text = text.strip()
        if not text:
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
