"""Dates in English, French and Spanish prose, normalised to ISO (ranges and partial dates too)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
_M = "(?P<{}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_D = r"(?P<{}>\d{{1,2}})(?:st|nd|rd|th|er)?"
_Y = r"(?P<{}>(?:19|20)\d{{2}})"
_TO = r"\s*(?:-|–|—|to|and|au|al|a|y|et)\s*"
_DE = r"(?:\s+(?:de|del))?\s+"
PATTERNS = [
    # 15-19 October 2018 / 1 to 3 July 2024 / du 15 au 17 novembre 2023 / 15 de octubre de 2018
    re.compile(_D.format("d1") + _TO + _D.format("d2") + _DE + _M.format("m2") + r",?" + _DE + _Y.format("y2"), re.I),
    # 30 June - 2 July 2024
    re.compile(_D.format("d1") + _DE + _M.format("m1") + _TO + _D.format("d2") + _DE + _M.format("m2") + r",?" + _DE + _Y.format("y2"), re.I),
    # October 17th to 21st, 2022
    re.compile(_M.format("m2") + r"\s+" + _D.format("d1") + _TO + _D.format("d2") + r",?\s+" + _Y.format("y2"), re.I),
    # 17 May 2024 / 17 de mayo de 2024
    re.compile(_D.format("d2") + _DE + _M.format("m2") + r",?" + _DE + _Y.format("y2"), re.I),
    # May 17, 2024
    re.compile(_M.format("m2") + r"\s+" + _D.format("d2") + r",?\s+" + _Y.format("y2"), re.I),
    # 2024-05-17
    re.compile(r"(?P<y2>(?:19|20)\d{2})-(?P<m2>\d{2})-(?P<d2>\d{2})"),
    # Nov 2023 / novembre 2023
    re.compile(_M.format("m2") + _DE.replace(r"\s+", r"\s*", 1) + _Y.format("y2"), re.I),
]


@dataclass
class DateMatch:
    """A date or date range found in text, with its span."""

    start: str
    end: str | None
    text: str
    begin: int
    stop: int


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower().rstrip(".")]


def _iso(y: int, m: int, d: int | None) -> str | None:
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every date or date range in text, left to right, without overlaps."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            g = m.groupdict()
            if g["m2"].lower().rstrip(".") == "may" and not g.get("d2") and not g.get("d1"):
                continue  # "may 2024" is usually the verb
            if g["m2"].lower() in ("a", "mar") and not g.get("d2"):
                continue
            y, m2 = int(g["y2"]), _month(g["m2"])
            d2 = int(g["d2"]) if g.get("d2") else None
            end_iso = _iso(y, m2, d2)
            start_iso = end_iso
            if g.get("d1"):
                m1 = _month(g["m1"]) if g.get("m1") else m2
                start_iso = _iso(y, m1, int(g["d1"]))
                if not start_iso or not end_iso or start_iso > end_iso:
                    continue
            if not start_iso:
                continue
            found.append(DateMatch(start_iso, end_iso if end_iso != start_iso else None, m.group(0), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.begin)


def first_date(text: str) -> str | None:
    """The first full date (a day, not only a month) in text, as ISO."""
    for match in find_dates(text):
        if len(match.start) == 10:
            return match.start
    return None


# A bare year is a date only after a preposition ("founded in 2009", "en 2025"): elsewhere it is a law's
# name, a statistic's column or a document symbol.
_YEAR = re.compile(r"\b(?:in|en|during|durante|pendant|au cours de)\s+(?:the year\s+|el año\s+|l['’]année\s+)?(?P<y>(?:19|20)\d{2})\b(?![-/–]\d)")
# Relative expressions and how far they move from the reference date: (unit, offset).
_RELATIVE = [
    (re.compile(r"\b(?:this|earlier this|later this)\s+(?:week|month)\b|\besta semana\b|\beste mes\b|\bcette semaine\b|\bce mois(?:-ci)?\b", re.I), ("month", 0)),
    (re.compile(r"\blast week\b|\bla semana pasada\b|\bla semaine (?:derni[eè]re|pass[ée]e)\b", re.I), ("week", -1)),
    (re.compile(r"\bnext week\b|\bla (?:pr[oó]xima semana|semana (?:pr[oó]xima|que viene))\b|\bla semaine prochaine\b", re.I), ("week", 1)),
    (re.compile(r"\blast month\b|\bel mes pasado\b|\ble mois dernier\b|\ble mois pass[ée]\b", re.I), ("month", -1)),
    (re.compile(r"\bnext month\b|\bel (?:pr[oó]ximo mes|mes (?:pr[oó]ximo|que viene))\b|\ble mois prochain\b", re.I), ("month", 1)),
    (re.compile(r"\b(?:this|earlier this|later this)\s+year\b|\beste año\b|\bcette année\b", re.I), ("year", 0)),
    (re.compile(r"\blast year\b|\bel año pasado\b|\bl['’]ann[ée]e derni[eè]re\b|\bl['’]an dernier\b", re.I), ("year", -1)),
    (re.compile(r"\bnext year\b|\bel (?:pr[oó]ximo año|año (?:pr[oó]ximo|que viene))\b|\bl['’]ann[ée]e prochaine\b", re.I), ("year", 1)),
]


def find_years(text: str) -> list[DateMatch]:
    """Bare years introduced by a preposition ("in 2025", "en 2009"), as year-precision dates."""
    return [DateMatch(m.group("y"), None, m.group(0), m.start(), m.end()) for m in _YEAR.finditer(text)]


def find_relative_dates(text: str, reference: str | None) -> list[DateMatch]:
    """'last month', 'esta semana', 'cette année'... resolved against a reference ISO date, at the precision they allow."""
    if not reference or len(reference) < 7:
        return []
    year, month = int(reference[:4]), int(reference[5:7])
    found = []
    for pattern, (unit, offset) in _RELATIVE:
        for m in pattern.finditer(text):
            if unit == "week":
                # A week away keeps the month unless the reference day says it crosses into another.
                day = date.fromisoformat(reference) + timedelta(days=7 * offset) if len(reference) == 10 else None
                iso = f"{day.year:04d}-{day.month:02d}" if day else f"{year:04d}-{month:02d}"
            elif unit == "year":
                iso = f"{year + offset:04d}"
            else:
                y, mo = divmod(year * 12 + month - 1 + offset, 12)
                iso = f"{y:04d}-{mo + 1:02d}"
            found.append(DateMatch(iso, None, m.group(0), m.start(), m.end()))
    return sorted(found, key=lambda d: d.begin)
