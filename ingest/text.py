"""Plain text: UTF-8 (or cp1252 as a recorded fallback), pages split at form feeds."""

from __future__ import annotations

import re

from .layout import PARA_NO
from .models import Document, Passage


def extract_txt(data: bytes, doc: Document) -> Document:
    """Fill doc with paragraph passages from plain text bytes."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            doc.warn("text is not UTF-8; decoded as cp1252")
        except UnicodeDecodeError as e:
            return doc.fail(f"undecodable text: {e}")
    passages: list[Passage] = []
    pages = text.split("\f")
    for page_no, page in enumerate(pages, start=1):
        for block in re.split(r"\n\s*\n", page.replace("\r\n", "\n")):
            para = " ".join(block.split())
            if not para:
                continue
            number = None
            m = PARA_NO.match(para)
            if m:
                number, para = m.group(0).strip().rstrip("."), para[m.end():]
            passages.append(Passage(page=page_no, seq=len(passages), text=para, paragraph_no=number))
    doc.pages = len(pages)
    doc.passages = passages
    if not passages:
        return doc.fail("the text file holds only whitespace")
    return doc
