"""Document metadata read from the text itself: symbol, date, genre, title, author, country."""

from __future__ import annotations

import re

from .dates import first_date
from .models import Document

SYMBOL = re.compile(r"\b(?:[A-Z]{1,6}/){1,}(?:[A-Z0-9][A-Za-z0-9.]*/)*[A-Za-z0-9.]*[A-Za-z0-9]\b")
_UN_BODY = re.compile(r"^(CTOC|CAC|A|E|S|ST|UNODC)/")
_TITLE_START = re.compile(
    r"^(Report|Summary|Statement|Declaraci[oó]n|D[ée]claration|Annual report|Executive summary|Informe|Rapport)\b", re.I
)
_STATEMENT_BY = re.compile(
    r"^(?:Joint\s+)?(?:Statement|Declaraci[oó]n|D[ée]claration|Intervention)\s+(?:by|of|de la|de l['’]|del|de|du)\s*(?:the\s+)?(?P<who>.+?)\s*$",
    re.I,
)
_DELEGATION = re.compile(r"^(?:the\s+)?(?:delegation|Government|Permanent Mission)\s+of\s+(?:the\s+)?(?P<state>.+)$", re.I)
_UPR_STATE = re.compile(r"Periodic\s+Review\**[ \t]*\n[ \t]*(?=(?P<state>[A-Z][\w ()',-]{2,60}?)[ \t]*$)", re.M)
_CONTINUES = re.compile(r"\b(of|the|on|and|for|in|to|against|from|with|by|Universal|de|del|la|des|du|et|y)$")
_DIALOGUE = re.compile(r"Constructive Dialogue on [A-Z][\w ,-]*?(?=\s*(?:\n|,|\.|\(|held|$))")
GENRES = [
    ("upr_report", re.compile(r"Report of the Working Group on the Universal\s+Periodic\s+Review", re.I)),
    ("cochairs_summary", re.compile(r"\b(summary by the co-?chairs|co-?chairs['’]? summary)", re.I)),
    ("country_review_summary", re.compile(r"\b(executive summary|country review summary)\b", re.I)),
    ("working_group_report", re.compile(r"\bReport (on the meeting )?of the Working Group\b|Recommendations adopted by the Working Group", re.I)),
    ("annual_report", re.compile(r"\bannual report\b", re.I)),
    ("statement", re.compile(r"\b(check against delivery|thank you,? (madam |mr\.? )?chair|statement by|declaraci[oó]n de|d[ée]claration d[eu'’])", re.I)),
]


def _head_text(doc: Document, n: int = 12) -> str:
    first_page = doc.metadata.get("first_page") or ""
    return first_page + "\n" + "\n".join(p.section or "" for p in doc.passages[:n]) + "\n" + "\n".join(
        p.text for p in doc.passages[:n]
    )


def infer_metadata(doc: Document) -> None:
    """Fill empty metadata fields of doc from its first page and passages."""
    head = _head_text(doc)
    if not doc.symbol:
        # A document's own symbol stands alone on a line (or after "United Nations"); one cited in a
        # sentence or a footnote is another document's.
        for line in (doc.metadata.get("first_page") or head[:3000]).splitlines():
            line = re.sub(r"^United Nations\s+", "", line.strip())
            m = SYMBOL.fullmatch(line)
            if m and _UN_BODY.match(line) and re.search(r"\d", line):
                doc.symbol = line
                break
    if not doc.genre:
        doc.genre = next((name for name, rx in GENRES if rx.search(head)), None)
        if not doc.genre and doc.format == "html" and doc.place:
            doc.genre = "news"
        doc.genre = doc.genre or "document"
    if not doc.date:
        doc.date = first_date(doc.metadata.get("dateline_date") or "") or first_date(head[:4000])
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    for line in lines[:40]:
        m = _STATEMENT_BY.match(line)
        if m and len(m.group("who")) < 120:
            who = m.group("who").rstrip(".:")
            state = _DELEGATION.match(who)
            if state:
                doc.country = doc.country or state.group("state")
                doc.organization = doc.organization or f"Government of {state.group('state')}"
            else:
                doc.organization = doc.organization or who
            doc.title = doc.title or line
            break
    if doc.genre == "upr_report" and not doc.country:
        for m in _UPR_STATE.finditer(doc.metadata.get("first_page") or ""):
            if not _TITLE_START.match(m.group("state")):
                doc.country = m.group("state").strip()
    header = doc.metadata.get("un_header") or {}
    if doc.genre == "cochairs_summary" and not doc.organization:
        m = _DIALOGUE.search(head)
        doc.organization = f"Co-chairs of the {m.group(0)}" if m else "Co-chairs of a Constructive Dialogue"
    if doc.genre == "news" and not doc.organization and "UNODC" in (doc.metadata.get("html_title") or ""):
        doc.organization = "UNODC"
    if not doc.organization:
        doc.organization = header.get("body") or doc.metadata.get("docx_author") or _body_name(lines)
    if not doc.title and header.get("title") and doc.genre != "upr_report":
        doc.title = header["title"]
    if not doc.title:
        doc.title = _title(doc, lines)


def _body_name(lines: list[str]) -> str | None:
    for line in lines[:30]:
        if re.match(r"^(Working Group|Conference of the Parties|Human Rights Council|Centre|Center|Coalition|Network|Red|Réseau)\b", line) and len(line) < 100:
            return line.rstrip(".")
    return None


def _title(doc: Document, lines: list[str]) -> str:
    for key in ("docx_title", "html_title"):
        if doc.metadata.get(key):
            return doc.metadata[key]
    for i, line in enumerate(lines[:40]):
        if _TITLE_START.match(line) and len(line) < 200:
            title = line
            # UN titles wrap onto following lines that do not start a new sentence.
            for nxt in lines[i + 1 : i + 4]:
                footnoted_end = nxt.endswith("*") and len(nxt) < 30
                if not (_CONTINUES.search(title) or nxt[:1].islower() or footnoted_end) or len(nxt) > 120:
                    break
                title = f"{title} {nxt}"
            title = title.replace("*", "").strip()
            if doc.genre == "upr_report" and doc.country:
                title = f"{title}: {doc.country}"
            return title
    pdf_title = (doc.metadata.get("pdf") or {}).get("Title", "")
    if len(pdf_title) > 3 and pdf_title.lower() not in ("untitled", "title", "united nations") and not pdf_title.lower().startswith("microsoft"):
        return pdf_title
    for p in doc.passages:
        if p.section:
            return p.section
    return (doc.passages[0].text[:120] if doc.passages else doc.path.rsplit("/", 1)[-1])
