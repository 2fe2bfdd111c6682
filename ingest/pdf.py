"""PDF text through pdfium: positioned lines, fast (about 100x pdfplumber's extract_text)."""

from __future__ import annotations

import ctypes
import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .layout import Line, drop_running_lines, lines_to_passages, reading_order
from .models import Document, Page
from .ocr import ocr_page, tesseract_path
from .unheader import parse_un_header


def _text_lines(textpage) -> list[tuple[float, float, float, float, str]]:
    """(left, bottom, right, top, text) per line pdfium emits; one character box per line end."""
    text = textpage.get_text_range()
    out = []
    offset = 0
    for raw in text.split("\r\n"):
        stripped = raw.strip()
        if stripped:
            first = offset + (len(raw) - len(raw.lstrip()))
            last = offset + len(raw.rstrip()) - 1
            l1, b1, r1, t1 = textpage.get_charbox(first)
            l2, b2, r2, t2 = textpage.get_charbox(last)
            out.append((min(l1, l2), min(b1, b2), max(r1, r2), max(t1, t2), raw))
        offset += len(raw) + 2
    return out


COLUMN_GAP = 20.0


def _has_images(page) -> bool:
    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))


def _has_rulings(page) -> bool:
    """Whether the page draws a grid: horizontal and vertical rules, or several cell boxes."""
    # Raw calls: wrapping every text object in Python costs more than reading the page's text.
    raw = page.raw
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    horizontal = vertical = boxes = 0
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        # Rulings and cell boxes are straight segments; logos and charts are curves.
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH or pdfium_c.FPDFPath_CountSegments(obj) > 5:
            continue
        pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        width, height = right.value - left.value, top.value - bottom.value
        horizontal += width >= 30 and height < 2
        vertical += height >= 10 and width < 2
        boxes += width >= 30 and height >= 8
        if (horizontal >= 2 and vertical >= 2) or boxes >= 4:
            return True
    return False


def _with_tables(plumber_page, lines: list[Line], page_no: int, height: float) -> list[Line]:
    """Replace the lines inside ruled tables found by pdfplumber with one line per table row."""
    tables = [t for t in plumber_page.find_tables() if len(t.rows) >= 2]
    if not tables:
        return lines
    kept = list(lines)
    for table in tables:
        x0, top, x1, bottom = table.bbox
        y_top, y_bottom = height - top, height - bottom
        kept = [ln for ln in kept if not (y_bottom <= (ln.top + ln.bottom) / 2 <= y_top and ln.left < x1 and ln.right > x0)]
        for row, cells in zip(table.rows, table.extract()):
            text = " | ".join(" ".join((c or "").split()) for c in cells)
            if text.strip(" |"):
                r_x0, r_top, r_x1, r_bottom = row.bbox
                kept.append(Line(page_no, height - r_top, height - r_bottom, r_x0, r_x1, text, height, kind="table"))
    kept.sort(key=lambda ln: -ln.top)
    return kept


def _page_lines(textpage, page_no: int, height: float, width: float = 595.0) -> list[Line]:
    rects = _text_lines(textpage)
    # pdfium can split one printed line (a paragraph number, a superscript): merge lines that overlap vertically.
    rects.sort(key=lambda r: (-r[3], r[0]))
    lines: list[list] = []
    for left, bottom, right, top, text in rects:
        mid = (top + bottom) / 2
        for line in reversed(lines[-3:]):
            overlaps = line[1] <= mid <= line[3] or bottom <= (line[1] + line[3]) / 2 <= top
            # Across a wide horizontal gap the "same line" is the other column: keep them apart.
            near = left - line[2] < COLUMN_GAP and line[0] - right < COLUMN_GAP
            if overlaps and near:
                line[4].append((left, right, text))
                line[0], line[1] = min(line[0], left), min(line[1], bottom)
                line[2], line[3] = max(line[2], right), max(line[3], top)
                break
        else:
            lines.append([left, bottom, right, top, [(left, right, text)]])
    out = []
    for left, bottom, right, top, parts in lines:
        parts.sort()
        text, last_right = "", None
        for p_left, p_right, p_text in parts:
            if last_right is not None and p_left - last_right > 2 and not text.endswith(" "):
                text += " "
            text += p_text.replace("\r", " ").replace("\n", " ")
            last_right = p_right
        out.append(Line(page_no, top, bottom, left, right, text.strip(), height))
    return reading_order(out, width)


def extract_pdf(data: bytes, doc: Document, max_pages: int) -> Document:
    """Fill doc with pages and passages from PDF bytes; failures become the doc's status."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            return doc.fail("encrypted PDF: a password is required")
        return doc.fail(f"unreadable PDF: {msg}")
    plumber = None  # opened only for pages with ruling lines: pdfplumber is ~100x slower
    try:
        n_pages = len(pdf)
        doc.pages = n_pages
        meta = pdf.get_metadata_dict()
        doc.metadata["pdf"] = {k: v for k, v in meta.items() if v}
        if n_pages == 0:
            return doc.fail("PDF has no pages")
        if n_pages > max_pages:
            doc.warn(f"PDF has {n_pages} pages; only the first {max_pages} were read (max_pages)")
        lines: list[Line] = []
        pages: list[Page] = []
        empty, ocred = [], []
        ocr = tesseract_path() is not None
        for i in range(min(n_pages, max_pages)):
            page = pdf[i]
            width, height = page.get_size()
            textpage = page.get_textpage()
            page_lines = _page_lines(textpage, i + 1, height, width)
            if not page_lines and ocr and _has_images(page):
                try:
                    page_lines = ocr_page(page, i + 1)
                    ocred.append(i + 1)
                except Exception as e:  # a page that OCR cannot read stays empty, and is reported
                    doc.warn(f"OCR failed on page {i + 1}: {type(e).__name__}: {e}")
            if not page_lines and _has_images(page):
                empty.append(i + 1)
            elif page_lines and _has_rulings(page):
                if plumber is None:
                    import pdfplumber

                    plumber = pdfplumber.open(io.BytesIO(data))
                page_lines = _with_tables(plumber.pages[i], page_lines, i + 1, height)
            pages.append(Page(i + 1, "\n".join(line.text for line in page_lines)))
            lines.extend(page_lines)
            textpage.close()
            page.close()
        doc.metadata["first_page"] = pages[0].text if pages else ""
        if ocred:
            doc.metadata["ocr_pages"] = ocred
        if empty:
            shown = ", ".join(map(str, empty[:10])) + ("..." if len(empty) > 10 else "")
            why = "OCR found no text" if ocr else "tesseract is not installed, so they were not OCRed"
            doc.warn(f"{len(empty)} page(s) without a text layer: {shown} ({why})")
        first = [line for line in lines if line.page == 1]
        header, used = parse_un_header(first)
        if header:
            doc.metadata["un_header"] = header
            doc.symbol = header.get("symbol")
            dropped = {id(first[i]) for i in used}
            lines = [line for line in lines if id(line) not in dropped]
        doc.passages = lines_to_passages(drop_running_lines(lines, len(pages)))
        if not doc.passages:
            return doc.fail("no text could be extracted (image-only PDF?)")
        return doc
    finally:
        pdf.close()
        if plumber is not None:
            plumber.close()
