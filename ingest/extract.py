"""Dispatch a file to its extractor by content and turn every failure into a status."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .html import extract_html
from .language import detect_language
from .metadata import infer_metadata
from .models import Document
from .pdf import extract_pdf
from .sniff import sniff_format
from .text import extract_txt
from .word import extract_docx

# Bumped whenever extraction output changes, so `palermo build` knows what to redo.
EXTRACT_VERSION = "2"
MAX_BYTES = 200 * 1024 * 1024
MAX_PAGES = 2000

_EXTRACTORS = {
    "pdf": lambda data, doc, max_pages: extract_pdf(data, doc, max_pages),
    "html": lambda data, doc, max_pages: extract_html(data, doc),
    "docx": lambda data, doc, max_pages: extract_docx(data, doc),
    "txt": lambda data, doc, max_pages: extract_txt(data, doc),
}


def sha256_file(path: str | os.PathLike) -> str:
    """The sha256 of a file's bytes, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def extract_document(
    path: str | os.PathLike,
    source_url: str | None = None,
    max_pages: int = MAX_PAGES,
    max_bytes: int = MAX_BYTES,
) -> Document:
    """Read a file into a Document; never raises for bad input, records status and error instead."""
    path = Path(path)
    doc = Document(id="", path=str(path), format="unknown", source_url=source_url)
    try:
        size = path.stat().st_size
    except OSError as e:
        doc.id = hashlib.sha256(str(path).encode()).hexdigest()
        return doc.fail(f"cannot read file: {e.strerror or e}")
    doc.size = size
    if size > max_bytes:
        doc.id = sha256_file(path)
        return doc.fail(f"file is {size:,} bytes, over the limit of {max_bytes:,}")
    try:
        data = path.read_bytes()
    except OSError as e:
        doc.id = hashlib.sha256(str(path).encode()).hexdigest()
        return doc.fail(f"cannot read file: {e.strerror or e}")
    doc.id = hashlib.sha256(data).hexdigest()
    if not data:
        return doc.fail("empty file (0 bytes)")
    doc.format = sniff_format(data)
    if doc.format == "unknown":
        return doc.fail("unsupported format: not PDF, DOCX, HTML or text")
    try:
        _EXTRACTORS[doc.format](data, doc, max_pages)
    except Exception as e:  # one bad file must never stop a batch
        return doc.fail(f"{doc.format} extraction error: {type(e).__name__}: {e}")
    if doc.status == "failed":
        return doc
    for passage in doc.passages:
        passage.language = detect_language(passage.text)
    doc.language = detect_language(" ".join(p.text for p in doc.passages[:60]))
    infer_metadata(doc)
    return doc
