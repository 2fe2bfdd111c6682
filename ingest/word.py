"""DOCX files: paragraphs, headings and tables in body order, after a zip-bomb check."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from .models import Document, Passage

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200


def check_zip(data: bytes) -> str | None:
    """Return why a zip container is unsafe to open, or None when it is fine."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            total = sum(info.file_size for info in z.infolist())
    except zipfile.BadZipFile as e:
        return f"corrupt DOCX container: {e}"
    if total > MAX_UNCOMPRESSED or total > MAX_RATIO * max(len(data), 1) and total > 10 * 1024 * 1024:
        return f"DOCX expands to {total:,} bytes from {len(data):,}: refused as a possible zip bomb"
    return None


def extract_docx(data: bytes, doc: Document) -> Document:
    """Fill doc with passages from a DOCX file."""
    problem = check_zip(data)
    if problem:
        return doc.fail(problem)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many types for malformed packages
        return doc.fail(f"unreadable DOCX: {type(e).__name__}: {e}")
    props = document.core_properties
    if props.title:
        doc.metadata["docx_title"] = props.title
    if props.author:
        doc.metadata["docx_author"] = props.author
    section = None
    passages: list[Passage] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = " ".join(block.text.split())
            if not text:
                continue
            style = (block.style.name or "").lower() if block.style is not None else ""
            if style.startswith("heading") or style == "title":
                section = text
                if style == "title" or (style == "heading 1" and not doc.title):
                    doc.title = doc.title or text
                continue
            passages.append(Passage(page=1, seq=len(passages), text=text, section=section))
        elif isinstance(block, Table):
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if not cells or value != cells[-1]:  # merged cells repeat their text
                        cells.append(value)
                text = " | ".join(cells)
                if text.strip(" |"):
                    passages.append(Passage(page=1, seq=len(passages), text=text, section=section))
    doc.pages = 1
    doc.passages = passages
    if not passages:
        return doc.fail("no text found in the DOCX file")
    return doc
