"""Extraction: formats by content, page-cited passages, and bad input recorded, never raised."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from ingest import extract_document
from ingest.dates import find_dates
from ingest.language import detect_language
from ingest.sniff import sniff_format
from tests.pdfs import paragraph_across_pages, un_report

PARAS = [
    "States parties should ensure that victims of trafficking are identified early and referred to assistance.",
    "States parties should consider establishing a national referral mechanism with clear roles for each agency.",
    "The Working Group recommended that data on prosecutions be published every year.",
    "States parties should strengthen cooperation between border authorities and labour inspectors.",
    "The secretariat was requested to compile good practices on the non-punishment of victims.",
    "States parties are encouraged to involve civil society in the design of prevention campaigns.",
    "The Working Group noted the lack of resources for specialized prosecutors in several regions.",
]


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_pdf_running_headers_removed_and_numbers_kept(tmp_path):
    doc = extract_document(write(tmp_path, "report.pdf", un_report(PARAS)))
    assert doc.status == "ok", doc.error
    assert doc.format == "pdf" and doc.pages == 3
    assert [p.paragraph_no for p in doc.passages] == [str(i) for i in range(1, 8)]
    assert [p.text for p in doc.passages] == PARAS
    assert [p.page for p in doc.passages] == [1, 1, 1, 2, 2, 2, 3]
    assert doc.symbol == "CTOC/COP/WG.9/2099/1"
    assert all("CTOC/COP" not in p.text for p in doc.passages)


def test_pdf_paragraph_across_page_break_is_whole(tmp_path):
    a = "States parties should provide victims with shelter, medical care and legal counselling, and should"
    b = "ensure that such assistance is not made conditional on cooperation with the authorities."
    data = paragraph_across_pages("The meeting opened with a statement by the Chair.", a, b,
                                  "The Working Group adopted its report.")
    doc = extract_document(write(tmp_path, "split.pdf", data))
    by_no = {p.paragraph_no: p for p in doc.passages}
    assert by_no["2"].text == f"{a} {b}"
    assert by_no["2"].page == 1
    assert by_no["3"].page == 2
    assert all("Page" not in p.text for p in doc.passages)


def test_format_is_read_from_content_not_name(tmp_path):
    html = b"<!doctype html><html><body><main><p>Vienna (Austria), 17 May 2022 - A briefing on the review mechanism was held with civil society.</p></main></body></html>"
    doc = extract_document(write(tmp_path, "statement.pdf", html))
    assert doc.format == "html" and doc.status == "ok"
    assert doc.place == "Vienna (Austria)" and doc.date == "2022-05-17"
    assert sniff_format(b"%PDF-1.7\n...") == "pdf"
    assert sniff_format(b"\x89PNG\r\n\x1a\n\x00\x00") == "unknown"


def test_html_main_content_only(tmp_path):
    html = """<html><head><title>News</title></head><body>
      <nav><a href="/">Home</a><a href="/about">About us</a></nav>
      <div class="breadcrumb">Home > News</div>
      <main><h1>Civil society briefing on the review mechanism</h1>
        <p>Islamabad (Pakistan), 20 September 2022 - Representatives of twelve organizations met officials.</p>
        <h2>Next steps</h2><p>The participants agreed to meet again before the next session.</p></main>
      <footer>Copyright United Nations</footer></body></html>"""
    doc = extract_document(write(tmp_path, "news.html", html.encode()))
    texts = [p.text for p in doc.passages]
    assert texts[0].startswith("Islamabad (Pakistan), 20 September 2022")
    assert not any("Home" in t or "Copyright" in t for t in texts)
    assert doc.passages[1].section == "Next steps"
    assert doc.title == "News" or doc.title.startswith("Civil society briefing")
    assert doc.place == "Islamabad (Pakistan)" and doc.date == "2022-09-20"


def test_docx_headings_and_tables(tmp_path):
    document = docx.Document()
    document.add_heading("Annual report 2023", level=1)
    document.add_paragraph("The Centre met the Ministry of Interior (MOI) on 20 September 2023 in Islamabad.")
    document.add_heading("Events", level=2)
    table = document.add_table(rows=2, cols=3)
    for cell, value in zip(table.rows[0].cells, ["Date", "Event", "Place"]):
        cell.text = value
    for cell, value in zip(table.rows[1].cells, ["15 November 2023", "Consultation on the review", "Lahore"]):
        cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    doc = extract_document(write(tmp_path, "report.docx", buffer.getvalue()))
    assert doc.format == "docx" and doc.status == "ok"
    assert doc.passages[0].section == "Annual report 2023"
    assert doc.passages[-1].text == "15 November 2023 | Consultation on the review | Lahore"
    assert doc.passages[-1].section == "Events"


def test_txt_paragraphs_and_numbers(tmp_path):
    text = "1. Nous exhortons les Etats parties a renforcer l'entraide judiciaire.\n\n2. Il est recommande que les autorites centrales publient des donnees.\f3. Une troisieme page."
    doc = extract_document(write(tmp_path, "statement.txt", text.encode()))
    assert [p.paragraph_no for p in doc.passages] == ["1", "2", "3"]
    assert [p.page for p in doc.passages] == [1, 1, 2]
    assert doc.language == "fr"


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("empty.pdf", b"", "empty file"),
        ("random.pdf", bytes(range(256)) * 8, "unsupported format"),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R", "unreadable PDF"),
        ("spaces.txt", b"   \n\n  \t ", "only whitespace"),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 64, "unsupported format"),
    ],
)
def test_bad_input_is_a_recorded_failure(tmp_path, name, data, reason):
    doc = extract_document(write(tmp_path, name, data))
    assert doc.status == "failed"
    assert reason in doc.error
    assert len(doc.id) == 64


def test_encrypted_pdf_fails_with_reason(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Confidential list of observations")
    doc = extract_document(write(tmp_path, "locked.pdf", bytes(pdf.output())))
    assert doc.status == "failed"
    assert "password" in doc.error


def test_docx_zip_bomb_refused(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"\x00" * (1 << 20)
            for _ in range(210):
                f.write(chunk)
    doc = extract_document(path)
    assert doc.status == "failed"
    assert "zip bomb" in doc.error


def test_page_limit_makes_partial(tmp_path):
    doc = extract_document(write(tmp_path, "long.pdf", un_report(PARAS, per_page=1)), max_pages=3)
    assert doc.status == "partial"
    assert "only the first 3" in doc.error
    assert max(p.page for p in doc.passages) == 3


def test_missing_file_is_failed_not_raised(tmp_path):
    doc = extract_document(tmp_path / "nowhere.pdf")
    assert doc.status == "failed" and "cannot read" in doc.error


def test_dates_ranges_and_partial():
    found = {m.text: (m.start, m.end) for m in find_dates(
        "Held 15-19 October 2018 and October 17th to 21st, 2022; in Nov 2023; on 3 July 2024; del 1 al 3 de julio de 2024."
    )}
    assert found["15-19 October 2018"] == ("2018-10-15", "2018-10-19")
    assert found["October 17th to 21st, 2022"] == ("2022-10-17", "2022-10-21")
    assert found["Nov 2023"] == ("2023-11", None)
    assert found["3 July 2024"] == ("2024-07-03", None)
    assert found["1 al 3 de julio de 2024"] == ("2024-07-01", "2024-07-03")


def test_language_detection():
    assert detect_language("The Working Group recommended that States parties strengthen their cooperation.") == "en"
    assert detect_language("Instamos a los Estados parte a fortalecer la cooperación con la sociedad civil.") == "es"
    assert detect_language("Nous exhortons les États parties à renforcer la coopération avec la société civile.") == "fr"
    assert detect_language("42") is None


def _image_only_pdf(lines: list[str]) -> bytes:
    from datetime import datetime, timezone

    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1700, 900), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=44)
    for i, line in enumerate(lines):
        draw.text((100, 100 + 80 * i), line, fill=0, font=font)
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.add_page()
    pdf.image(image, x=10, y=20, w=190)
    return bytes(pdf.output())


SCANNED = ["States parties should protect victims", "of trafficking in persons and ensure", "their access to legal assistance."]


@pytest.mark.skipif(not __import__("shutil").which("tesseract"), reason="tesseract not installed")
def test_image_only_page_is_ocred(tmp_path):
    doc = extract_document(write(tmp_path, "scan.pdf", _image_only_pdf(SCANNED)))
    assert doc.status == "ok", doc.error
    assert doc.metadata["ocr_pages"] == [1]
    text = " ".join(p.text for p in doc.passages).lower()
    assert "victims" in text and "trafficking" in text and "legal assistance" in text


def test_image_only_page_without_tesseract_is_partial(tmp_path, monkeypatch):
    monkeypatch.setattr("ingest.pdf.tesseract_path", lambda: None)
    data = un_report(PARAS[:1])
    # One text page and one image-only page: the text is kept, the scan is reported.
    from pypdfium2 import PdfDocument

    merged = PdfDocument(data)
    merged.import_pages(PdfDocument(_image_only_pdf(SCANNED)))
    out = tmp_path / "mixed.pdf"
    merged.save(str(out))
    doc = extract_document(out)
    assert doc.status == "partial"
    assert "1 page(s) without a text layer: 2 (tesseract is not installed" in doc.error
    assert doc.passages[0].text == PARAS[0]


def test_two_columns_read_in_order(tmp_path):
    from tests.pdfs import two_columns

    left = ("The first column describes how the national referral mechanism was set up in cooperation with "
            "labour inspectors, shelters and the prosecution service over three years of pilot work in four "
            "provinces, with a hotline staffed by trained caseworkers.")
    right = ("The second column explains the remaining gaps in data collection, which the authorities intend to "
             "close with a new case management system shared by the police and the courts, and with an annual "
             "report published by the national rapporteur.")
    doc = extract_document(write(tmp_path, "columns.pdf", two_columns("Country report on trafficking in persons", left, right)))
    texts = [p.text for p in doc.passages]
    assert texts == [left, right]
    assert doc.passages[0].section == "Country report on trafficking in persons"


def test_footnotes_are_separate_and_hyphenation_repaired(tmp_path):
    from tests.pdfs import footnotes_and_hyphens

    body = [
        "1.    The cross-border cooperation between the central authorities was strength-",
        "ened in 2023, when the cross-border task force and the implemen-",
        "tation unit began to share case files.1",
        "2.    The secretariat prepared a cross-",
        "border training curriculum.",
    ]
    notes = ["1  See the report of the task force (CTOC/COP/WG.3/2023/4).", "2  Available in English only."]
    doc = extract_document(write(tmp_path, "notes.pdf", footnotes_and_hyphens(body, notes)))
    body_passages = [p for p in doc.passages if p.kind == "body"]
    footnotes = [p for p in doc.passages if p.kind == "footnote"]
    assert body_passages[0].text.startswith("The cross-border cooperation between the central authorities was strengthened in 2023")
    assert "implementation unit" in body_passages[0].text
    assert body_passages[1].text == "The secretariat prepared a cross-border training curriculum."
    assert [f.text for f in footnotes] == [n.replace("  ", " ") for n in notes]
    assert [f.paragraph_no for f in footnotes] == ["1", "2"]


def test_ruled_table_rows(tmp_path):
    from tests.pdfs import ruled_table

    rows = [["Date", "Event", "Place"], ["3 July 2024", "Constructive Dialogue on Trafficking in Persons", "Vienna"],
            ["12 September 2024", "Working Group on Firearms", "Vienna"]]
    doc = extract_document(write(tmp_path, "table.pdf", ruled_table("The events of the year are listed below.", rows)))
    tables = [p.text for p in doc.passages if p.kind == "table"]
    assert tables == [" | ".join(r) for r in rows]
    assert doc.passages[0].text == "The events of the year are listed below."


def test_legacy_encoded_text_is_partial_with_reason(tmp_path):
    data = "Déclaration des États parties: nous exhortons à la coopération.".encode("cp1252")
    doc = extract_document(write(tmp_path, "legacy.txt", data))
    assert doc.status == "partial" and "not UTF-8; decoded as cp1252" in doc.error
    assert doc.passages[0].text.startswith("Déclaration des États parties")
