"""Tell a file's format from its bytes, never from its name."""

from __future__ import annotations

import io
import re
import zipfile

_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<meta|<title|<!--)", re.I)


def sniff_format(data: bytes) -> str:
    """Return 'pdf', 'docx', 'html', 'txt' or 'unknown' for the given bytes."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return "unknown"
        return "unknown"
    stripped = head.lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(stripped) or re.search(rb"<html[\s>]", head, re.I):
        return "html"
    if _looks_like_text(head):
        return "txt"
    return "unknown"


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        sample = head.decode("utf-8")
    except UnicodeDecodeError as e:
        # A multi-byte character cut at the end of the sample is still text; so is a legacy 8-bit encoding.
        if e.start >= len(head) - 4:
            sample = head[: e.start].decode("utf-8")
        else:
            sample = head.decode("cp1252", errors="replace")
    printable = sum(ch.isprintable() or ch in "\r\n\t\f" for ch in sample)
    return printable / max(len(sample), 1) > 0.95
