"""Article references parsed into (instrument, article, paragraph, subparagraph)."""

from __future__ import annotations

import re

from .models import ArticleRef

# Longest names first so "Trafficking in Persons Protocol" wins over "Protocol".
INSTRUMENT_NAMES = [
    ("TIP", r"(?:Trafficking in Persons|TIP|Trafficking)\s+[Pp]rotocol|Protocol to Prevent, Suppress and Punish Trafficking in Persons[\w ,]*"),
    ("SOM", r"(?:Smuggling of Migrants|Migrants|SOM)\s+[Pp]rotocol|Protocol against the Smuggling of Migrants[\w ,]*"),
    ("FA", r"Firearms\s+[Pp]rotocol|Protocol against the Illicit Manufacturing of and Trafficking in Firearms[\w ,]*"),
    ("UNCAC", r"(?:United Nations\s+)?Convention against Corruption|UNCAC"),
    ("UNTOC", r"(?:United Nations\s+)?Convention against Transnational Organized Crime|Organized Crime Convention|Palermo Convention|UNTOC|Convention|Convenci[oó]n|Convention des Nations Unies contre la criminalit[ée] transnationale organis[ée]e"),
    ("FA", r"Protocolo sobre armas de fuego|Protocole relatif aux armes [àa] feu"),
    ("REVIEW-RULES", r"Procedures and rules[\w ,]*"),
    # A bare "the Protocol" is resolved by the caller to the one Protocol the document names.
    ("PROTOCOL", r"Protocol[oe]?\b"),
]
_INSTRUMENT = "|".join(f"(?P<i{n}>{rx})" for n, (_, rx) in enumerate(INSTRUMENT_NAMES))
_NUM = r"\d{1,3}(?:\s*(?:bis|ter))?"
_SUB = r"(?:\s*\((?:[a-z]|[ivx]{1,4}|\d{1,2})\))*"
_LIST = rf"{_NUM}{_SUB}(?:\s*(?:,|and|y|et|or|to|-|–)\s*{_NUM}{_SUB})*"
ARTICLE_RE = re.compile(
    rf"\b(?P<kw>articles?|arts?\.|art\.|artículos?|articulos?|paragraphs?|paras?\.)\s*(?P<nums>{_LIST})"
    rf"(?:,?\s*(?:paragraph|para\.)\s*(?P<para>\d{{1,2}})(?P<psub>{_SUB}))?"
    rf"(?:,?\s*subparagraph\s*(?P<sp>\([a-z]{{1,4}}\)))?"
    rf"(?P<tail>,?\s*(?:of|de|del|de la|du)\s+(?:the\s+|la\s+|le\s+|l['’])?(?:{_INSTRUMENT}))?",
    re.I,
)
_ITEM = re.compile(rf"(?P<num>{_NUM})(?P<sub>{_SUB})")
_RANGE = re.compile(r"^(\d+)\s*(?:-|–|to)\s*(\d+)$")


def _instrument(m: re.Match) -> str | None:
    for n, (code, _) in enumerate(INSTRUMENT_NAMES):
        if m.group(f"i{n}"):
            return code
    return None


def parse_articles(text: str, default_instrument: str | None = None, protocol: str | None = None) -> list[ArticleRef]:
    """Every article reference in text; lists and ranges become one reference per article; a bare 'Protocol' is `protocol`."""
    refs: list[ArticleRef] = []
    for m in ARTICLE_RE.finditer(text):
        kw = m.group("kw").lower()
        if kw.startswith("para"):
            # "paragraph 53 of the Procedures and rules" is a citation; bare paragraphs are not.
            if not m.group("tail") or _instrument(m) != "REVIEW-RULES":
                continue
        instrument = _instrument(m) if m.group("tail") else default_instrument
        if instrument == "PROTOCOL":
            instrument = protocol
        nums = m.group("nums")
        rng = _RANGE.match(nums.strip())
        if rng and int(rng.group(2)) - int(rng.group(1)) < 50:
            items = [(str(n), "") for n in range(int(rng.group(1)), int(rng.group(2)) + 1)]
        else:
            items = [(i.group("num"), i.group("sub")) for i in _ITEM.finditer(nums)]
        for num, sub in items:
            subs = re.findall(r"\(([^)]+)\)", sub)
            paragraph, subparagraph = (subs + [None, None])[:2]
            if m.group("para"):
                paragraph = m.group("para")
                psubs = re.findall(r"\(([^)]+)\)", m.group("psub") or "")
                subparagraph = psubs[0] if psubs else subparagraph
            if paragraph and not paragraph.isdigit():
                paragraph, subparagraph = None, paragraph
            if m.group("sp"):
                subparagraph = m.group("sp").strip("()")
            refs.append(ArticleRef(instrument, re.sub(r"\s+", " ", num), paragraph, subparagraph, m.group(0)))
    return refs
