"""The header block on the first page of a UN document: symbol, distribution, body, meeting, agenda item."""

from __future__ import annotations

import re

from .dates import find_dates
from .layout import Line

_DISTR = re.compile(r"\bDistr\.?:\s*(General|Limited|Restricted)\b", re.I)
_ORIGINAL = re.compile(r"^Original:\s*([A-Z][a-z]+(?:/[A-Z][a-z]+)*)", re.I)
_SYMBOL = re.compile(r"\b(?:CTOC|CAC|A|E|S|ST|UNODC)(?:/[A-Za-z0-9.]+){2,}\b")
_BODY = re.compile(
    r"^(General Assembly|Economic and Social Council|Security Council|Human Rights Council|Conference of the Parties\b.*"
    r"|Working Group (?:on|of)\b.*|Commission on\b.*|Implementation Review Group\b.*|Open-ended\b.*)$"
)
_SESSION = re.compile(r"^([A-Z][a-z]+(?:-[a-z]+)?|\d+(?:st|nd|rd|th)) session\b", re.I)
_AGENDA = re.compile(r"^(?:Item\s+(\d+(?:\s*\([a-z]\))?)\s+of the (?:provisional )?agenda|(?:Provisional\s+)?agenda item\s+(\d+(?:\s*\([a-z]\))?))", re.I)
_PLACE_DATES = re.compile(r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)?),\s+(?P<dates>.+\d{4})\s*$")
_JOB = re.compile(r"^[A-Z]{1,2}\.\d{2}-\d{4,6}")
_UNITED_NATIONS = re.compile(r"^United Nations\b")


def parse_un_header(lines: list[Line]) -> tuple[dict, set[int]]:
    """Fields of the first-page header block and the indices of the lines that make it up.

    Returns ({}, set()) when the page does not carry a UN header (no "Distr." line).
    """
    if not any(_DISTR.search(line.text) for line in lines[:25]):
        return {}, set()
    fields: dict = {}
    used: set[int] = set()
    after_distr = False
    for i, line in enumerate(lines[:30]):
        text = line.text.strip()
        hit = False
        if _UNITED_NATIONS.match(text) or text in ("General Assembly",):
            hit = True
        m = _SYMBOL.search(text)
        if m and "symbol" not in fields and len(text) < 80:
            fields["symbol"], hit = m.group(0), True
        m = _DISTR.search(text)
        if m:
            fields["distribution"], hit, after_distr = m.group(1).capitalize(), True, True
            dates = find_dates(text)
            if dates:
                fields["distribution_date"] = dates[0].start
        elif after_distr and "distribution_date" not in fields:
            dates = find_dates(text)
            if dates and len(text) < 30:
                fields["distribution_date"], hit = dates[0].start, True
        m = _ORIGINAL.match(text)
        if m:
            fields["original_language"], hit = m.group(1), True
        m = _BODY.match(text)
        if m and len(text) < 150 and i not in used:
            # A long body name wraps: "... to the United Nations" / "Convention against ...".
            for j in range(i + 1, min(i + 4, len(lines))):
                nxt = lines[j].text.strip()
                if abs(lines[j].left - line.left) < 5 and (nxt.startswith("Convention") or nxt[:1].islower()):
                    text = f"{text} {nxt}"
                    used.add(j)
                    break
            fields.setdefault("parent_body", text)
            fields["body"] = text
            hit = True
        m = _SESSION.match(text)
        if m:
            fields.setdefault("session", text)
            hit = True
        m = _AGENDA.match(text)
        if m:
            fields["agenda_item"], hit = (m.group(1) or m.group(2)).replace(" ", ""), True
        m = _PLACE_DATES.match(text)
        if m and "meeting_place" not in fields:
            dates = find_dates(m.group("dates"))
            if dates:
                fields["meeting_place"] = m.group("place")
                fields["meeting_start"], fields["meeting_end"] = dates[0].start, dates[0].end
                hit = True
        if _JOB.match(text):
            fields["job_number"], hit = text.split()[0], True
        if hit:
            used.add(i)
    if fields.get("parent_body") == fields.get("body"):
        fields.pop("parent_body", None)
    _title(lines, used, fields)
    return fields, used


def _title(lines: list[Line], used: set[int], fields: dict) -> None:
    """The title: the run of large-type lines after the agenda item."""
    agenda = [i for i in used if _AGENDA.match(lines[i].text.strip())]
    if not agenda:
        return
    heights = sorted(ln.top - ln.bottom for ln in lines)
    median = heights[len(heights) // 2] if heights else 0
    title: list[int] = []
    for i in range(max(agenda) + 1, min(max(agenda) + 8, len(lines))):
        large = lines[i].top - lines[i].bottom >= 1.2 * median
        if large:
            title.append(i)
        elif title or i > max(agenda) + 3:
            break
    if title:
        # The lines stay in the body: unlike the masthead, the title is content (it names the meeting reported on).
        fields["title"] = " ".join(lines[i].text.strip() for i in title).replace("*", "").strip()

