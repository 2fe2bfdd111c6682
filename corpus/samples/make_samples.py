"""Generate the bundled sample corpus of palermo (illustrative texts, not real statements).

    python corpus/samples/make_samples.py [OUTPUT_DIR]

The output is byte-for-byte deterministic: fixed PDF creation dates, fixed DOCX core properties and
fixed zip timestamps. The texts live in _texts.py; this script only lays them out.
"""

from __future__ import annotations

import hashlib
import html
import io
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.shared import Pt
from fpdf import FPDF

sys.dont_write_bytecode = True  # keep corpus/samples free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))
import _texts as T  # noqa: E402

FIXED = datetime(2024, 1, 1, tzinfo=timezone.utc)
ZIP_TIME = (2024, 1, 1, 0, 0, 0)


# --- PDF ---------------------------------------------------------------------------------------

class SamplePDF(FPDF):
    """A4 page with a footer note on every page; UN-style running header and job number optional."""

    def __init__(self, note: str, family: str = "Helvetica", symbol: str | None = None, job: str | None = None,
                 page_label: str = "Page {n} of {nb}"):
        super().__init__(format="A4")
        self.note, self.family, self.symbol, self.job, self.page_label = note, family, symbol, job, page_label
        self.set_creation_date(FIXED)
        self.set_creator("palermo corpus/samples/make_samples.py")
        self.set_margins(25, 25, 25)
        self.set_auto_page_break(True, margin=32)
        self.crossings: list[tuple[str, int, int]] = []

    def header(self):
        if self.symbol and self.page_no() > 1:
            self.set_font(self.family, "B", 9)
            self.set_y(12)
            # UN documents print the symbol on the outer side: left on even pages, right on odd ones.
            self.cell(0, 5, self.symbol, align="L" if self.page_no() % 2 == 0 else "R")
            self.set_y(25)

    def footer(self):
        self.set_font(self.family, "I", 7.5)
        self.set_y(-24)
        self.cell(0, 4, self.note, align="C")
        self.set_font(self.family, "", 8)
        self.set_y(-17)
        if self.job and self.page_no() == 1:
            self.cell(0, 4, f"{self.job} (E)", align="L")
            self.set_x(self.l_margin)
            self.cell(0, 4, "*" + self.job.replace("V.", "").replace("-", "") + "*", align="R")
        elif self.job:
            number = self.page_label.format(n=self.page_no(), nb="{nb}")
            left, right = (number, self.job) if self.page_no() % 2 == 0 else (self.job, number)
            self.cell(0, 4, left, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 4, right, align="R")
        else:
            self.cell(0, 4, self.page_label.format(n=self.page_no(), nb="{nb}"), align="C")

    def text_block(self, text: str, size: float, style: str = "", indent: float = 0, number: str | None = None,
                   number_w: float = 0, line_h: float = 5.2, after: float = 3.0, align: str = "L"):
        """A paragraph, optionally with a hanging number; keeps at least two lines on a page."""
        self.set_font(self.family, style, size)
        width = self.epw - indent - number_w
        lines = self.multi_cell(width, line_h, text, dry_run=True, output="LINES")
        if self.get_y() + min(len(lines), 2) * line_h > self.page_break_trigger:
            self.add_page()
        start = self.page_no()
        self.set_x(self.l_margin + indent)
        if number:
            self.cell(number_w, line_h, number)
        self.multi_cell(width, line_h, text, align=align, new_x="LMARGIN", new_y="NEXT")
        if self.page_no() != start and number:
            self.crossings.append((number, start, self.page_no()))
        self.ln(after)

    def heading(self, text: str, size: float, style: str = "B", indent: float = 0, before: float = 3.0):
        """A heading, moved to the next page rather than left alone at the bottom."""
        if self.get_y() + 20 > self.page_break_trigger:
            self.add_page()
        self.ln(before)
        self.text_block(text, size, style, indent=indent, after=5.0)


def finish_pdf(pdf: SamplePDF, title: str, author: str, lang: str) -> bytes:
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_lang(lang)
    return bytes(pdf.output())


def statement_pdf(blocks: list, note: str, author: str, lang: str = "en", family: str = "Helvetica",
                  page_label: str = "Page {n} of {nb}") -> bytes:
    """Statements and the co-chairs' summary: front lines, headings, plain paragraphs."""
    pdf = SamplePDF(note, family=family, page_label=page_label)
    pdf.add_page()
    title = next(text for kind, text in blocks if kind == "title")
    for kind, text in blocks:
        if kind == "title":
            pdf.text_block(text, 14, "B", after=2.0)
        elif kind == "line":
            pdf.text_block(text, 11.5, after=1.5)
        elif kind == "italic":
            pdf.text_block(text, 10.5, "I", after=8.0)
        elif kind == "h1":
            pdf.heading(text, 12)
        else:
            pdf.text_block(text, 11, line_h=5.6, after=6.0)
    return finish_pdf(pdf, title, author, lang)


def un_report_pdf() -> tuple[bytes, list]:
    """The working-group report: UN first-page header block, running header, numbered paragraphs."""
    front = T.WG4_FRONT
    pdf = SamplePDF(T.NOTE_DOC, family="Times", symbol=T.WG4_SYMBOL, job=T.WG4_JOB, page_label="{n}/{nb}")
    pdf.add_page()
    pdf.set_y(14)
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 8, "United Nations", align="L")
    pdf.set_x(pdf.l_margin)
    pdf.set_font("Helvetica", "B", 17)
    pdf.cell(0, 8, T.WG4_SYMBOL, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, 24, pdf.w - pdf.r_margin, 24)
    pdf.set_xy(pdf.l_margin, 28)
    pdf.set_font("Times", "B", 13)
    pdf.multi_cell(105, 6, front["body"], align="L")
    pdf.set_font("Times", "", 10)
    for i, line in enumerate(front["distr"]):
        pdf.set_xy(145, 28 + i * 5)
        pdf.cell(40, 5, line)
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin, 52, pdf.w - pdf.r_margin, 52)
    pdf.set_xy(pdf.l_margin, 56)
    for i, line in enumerate(front["meeting"]):
        pdf.set_font("Times", "B" if i == 0 else "", 10)
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_x(pdf.l_margin + 10)
    pdf.set_font("Times", "B", 14)
    pdf.multi_cell(130, 6.5, front["title"], align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for block in T.WG4_BODY:
        kind = block[0]
        if kind == "h1":
            pdf.heading(block[1], 12, indent=0, before=3)
        elif kind == "h2":
            pdf.heading(block[1], 11, indent=10, before=1)
        elif kind == "num":
            pdf.text_block(block[2], 10.5, indent=10, number=block[1], number_w=10, line_h=5.0, after=2.6,
                           align="J")
        elif kind == "sub":
            pdf.text_block(block[2], 10.5, indent=20, number=block[1], number_w=9, line_h=5.0, after=2.0,
                           align="J")
    data = finish_pdf(pdf, front["title"], "Working Group on Trafficking in Persons", "en")
    return data, [c for c in pdf.crossings if not c[0].startswith("(")]


# --- HTML, DOCX, TXT ---------------------------------------------------------------------------

def news_html(page: dict, note: str) -> bytes:
    e = html.escape
    nav = "\n".join(f'        <li><a href="/unodc/en/{e(item.lower().replace(" ", "-"))}.html">{e(item)}</a></li>'
                    for item in page["nav"])
    crumbs = " &gt; ".join(f'<a href="/unodc/en/{e(c.lower().replace(" ", "-"))}.html">{e(c)}</a>'
                           for c in page["breadcrumbs"])
    body = "\n".join(f"      <p>{e(p, quote=False)}</p>" for p in page["paragraphs"])
    related = "\n".join(f'        <li><a href="/unodc/en/ngos/{e(r.lower().replace(" ", "-"))}.html">{e(r)}</a></li>'
                        for r in page["related"])
    footer = " | ".join(f'<a href="/unodc/en/{e(f.lower().replace(" ", "-"))}.html">{e(f)}</a>' for f in page["footer"])
    text = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{e(page["title"])} - UNODC Civil Society</title>
</head>
<body>
  <header class="site-header">
    <p class="logo"><a href="/unodc/en/index.html">United Nations Office on Drugs and Crime</a></p>
    <nav class="main-menu">
      <ul>
{nav}
      </ul>
    </nav>
  </header>
  <div class="breadcrumbs">{crumbs}</div>
  <main id="content">
    <article>
      <h1>{e(page["title"])}</h1>
{body}
      <p><em>{e(note)}</em></p>
    </article>
    <aside class="sidebar">
      <h2>Related</h2>
      <ul>
{related}
      </ul>
    </aside>
  </main>
  <footer class="site-footer">
    <p>{footer}</p>
    <p>&copy; United Nations Office on Drugs and Crime</p>
  </footer>
</body>
</html>
"""
    return text.encode("utf-8")


def fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, entries in their original order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def annual_report_docx(blocks: list, note: str) -> bytes:
    document = docx.Document()
    props = document.core_properties
    props.title, props.author = "Annual Report 2023 - Centre for Governance Research", "Centre for Governance Research"
    props.last_modified_by, props.revision = "Centre for Governance Research", 1
    props.created = props.modified = props.last_printed = FIXED.replace(tzinfo=None)
    props.comments = note
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    note_par = document.add_paragraph()
    note_par.add_run(note).italic = True
    for kind, content in blocks:
        if kind == "title":
            document.add_heading(content, level=0)
        elif kind == "h1":
            document.add_heading(content, level=1)
        elif kind == "h2":
            document.add_heading(content, level=2)
        elif kind == "bullet":
            document.add_paragraph(content, style="List Bullet")
        elif kind == "table":
            table = document.add_table(rows=0, cols=len(content[0]))
            table.style = "Table Grid"
            for r, row in enumerate(content):
                cells = table.add_row().cells
                for cell, value in zip(cells, row):
                    cell.text = value
                    if r == 0:
                        cell.paragraphs[0].runs[0].bold = True
        else:
            document.add_paragraph(content)
    buf = io.BytesIO()
    document.save(buf)
    return fixed_zip(buf.getvalue())


# --- main --------------------------------------------------------------------------------------

def build() -> tuple[dict[str, bytes], list]:
    wg_report, crossings = un_report_pdf()
    files = {
        "cd_tip_2024_coalition_migrant_dignity.pdf": statement_pdf(
            T.CD_TIP_2024, T.NOTE_EN, "Coalition for Migrant Dignity"),
        "cd_som_2024_statement_pakistan.pdf": statement_pdf(
            T.CD_SOM_2024, T.NOTE_EN, "Delegation of Pakistan"),
        "cd_fa_2023_cochairs_summary.pdf": statement_pdf(
            T.CD_FA_2023, T.NOTE_DOC, "Co-chairs of the Constructive Dialogue on Firearms", family="Times"),
        "ctoc_cop_wg4_2024_report.pdf": wg_report,
        "unodc_news_2024_civil_society_briefing.html": news_html(T.NEWS_2024, T.NOTE_NEWS),
        "cgr_annual_report_2023.docx": annual_report_docx(T.CGR_2023, T.NOTE_DOC),
        "cd_fa_2024_statement_red_latina_es.pdf": statement_pdf(
            T.CD_FA_2024_ES, T.NOTE_ES, "Red Latinoamericana por el Desarme Ciudadano", lang="es",
            page_label="Página {n} de {nb}"),
        "cd_ic_ta_2023_statement_fr.txt": T.CD_IC_TA_2023_FR.encode("utf-8"),
    }
    return files, crossings


def main(argv: list[str]) -> None:
    out_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    out_dir.mkdir(parents=True, exist_ok=True)
    files, crossings = build()
    for name, data in files.items():
        (out_dir / name).write_bytes(data)
        print(f"{hashlib.sha256(data).hexdigest()[:16]}  {len(data):>7}  {name}")
    if not crossings:
        raise SystemExit("the working-group report has no numbered paragraph across a page break")
    for number, start, end in crossings:
        print(f"ctoc_cop_wg4_2024_report.pdf: paragraph {number.rstrip('.')} runs from page {start} to page {end}")


if __name__ == "__main__":
    main(sys.argv)
