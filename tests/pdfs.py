"""Small PDFs written by the tests themselves (fpdf2), in the layouts UN documents use."""

from __future__ import annotations

from datetime import datetime, timezone

from fpdf import FPDF


def un_report(paragraphs: list[str], symbol: str = "CTOC/COP/WG.9/2099/1", per_page: int = 3) -> bytes:
    """A multi-page report: running header (symbol), footer (page number), numbered paragraphs."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)

    def new_page():
        pdf.add_page()
        pdf.set_y(10)
        pdf.cell(0, 6, symbol, align="R")
        pdf.set_y(285)
        pdf.cell(0, 6, str(pdf.page_no()), align="C")
        pdf.set_y(30)

    new_page()
    for i, text in enumerate(paragraphs, 1):
        if i > 1 and (i - 1) % per_page == 0:
            new_page()
        pdf.multi_cell(0, 6, f"{i}.    {text}")
        pdf.ln(4)
    return bytes(pdf.output())


def paragraph_across_pages(before: str, split_a: str, split_b: str, after: str, symbol: str = "CTOC/COP/WG.9/2099/2") -> bytes:
    """Paragraph 2 starts at the bottom of page 1 and ends at the top of page 2, under the header."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    for page, lines in enumerate([[f"1.    {before}", "", f"2.    {split_a}"], [split_b, "", f"3.    {after}"]], 1):
        pdf.add_page()
        pdf.set_y(10)
        pdf.cell(0, 6, symbol, align="R")
        pdf.set_y(285)
        pdf.cell(0, 6, f"Page {page}", align="C")
        pdf.set_y(30 if page == 2 else 240)
        for line in lines:
            if line:
                pdf.multi_cell(0, 6, line)
            else:
                pdf.ln(5)
    return bytes(pdf.output())


def two_columns(title: str, left: str, right: str) -> bytes:
    """A full-width title over two columns of text."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    pdf.multi_cell(0, 8, title)
    pdf.set_font("Helvetica", size=10)
    top = pdf.get_y() + 6
    pdf.set_xy(10, top)
    pdf.multi_cell(88, 5, left)
    pdf.set_xy(112, top)
    pdf.multi_cell(88, 5, right)
    return bytes(pdf.output())


def footnotes_and_hyphens(body: list[str], notes: list[str]) -> bytes:
    """Body lines in 11 pt with line-end hyphens, footnotes in 8 pt at the bottom of the page."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_y(30)
    for line in body:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=8)
    pdf.set_y(262)
    for note in notes:
        pdf.cell(0, 4, note, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def ruled_table(intro: str, rows: list[list[str]]) -> bytes:
    """A paragraph followed by a table with ruling lines."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, intro)
    pdf.ln(4)
    with pdf.table() as table:
        for row in rows:
            r = table.row()
            for cell in row:
                r.cell(cell)
    return bytes(pdf.output())
