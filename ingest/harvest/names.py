"""Metadata read from URLs and file names: dialogue folders, statement files, UN symbols, UNCAC reports."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from .models import empty_metadata

LANGUAGE_NAMES = {
    "arabic": "ar", "chinese": "zh", "english": "en", "french": "fr", "russian": "ru", "spanish": "es",
    "العربية": "ar", "عربي": "ar", "中文": "zh", "français": "fr", "francais": "fr", "русский": "ru",
    "español": "es", "espanol": "es", "anglais": "en", "inglés": "en", "ingles": "en", "portuguese": "pt",
}
# The UN's one-letter language codes, as in "A-C-E-F-R-S" and symbol file names (..._E.pdf).
LANGUAGE_LETTERS = {"A": "ar", "C": "zh", "E": "en", "F": "fr", "R": "ru", "S": "es"}
LANGUAGE_SUFFIXES = {"en": "en", "eng": "en", "fr": "fr", "fre": "fr", "es": "es", "sp": "es", "spa": "es",
                     "ar": "ar", "ara": "ar", "zh": "zh", "ch": "zh", "ru": "ru", "rus": "ru"}
TOPICS = {
    "FA": "Firearms", "TA": "Technical Assistance", "IC": "International Cooperation",
    "IC_TA": "International Cooperation and Technical Assistance", "TIP": "Trafficking in Persons",
    "SOM": "Smuggling of Migrants",
}
WORKING_GROUP_TOPICS = {"2": "TA", "3": "IC", "4": "TIP", "6": "FA", "7": "SOM"}

_TOPIC_YEAR = r"(?P<topic>[A-Za-z]+(?:_[A-Za-z]+)*?)_(?P<year>(?:19|20)\d{2})"
DIALOGUE_FOLDER = re.compile(r"/constructive-dialogues/" + _TOPIC_YEAR + r"/(?P<rest>.*)$", re.I)
DIALOGUE_PAGE = re.compile(r"/constructive[-_]dialogues?/" + _TOPIC_YEAR + r"\.html?$", re.I)
UNCAC_FILE = re.compile(
    r"^(?P<y>\d{4})_(?P<m>\d{2})_(?P<d>\d{2})_(?P<country>.+?)_(?:Cycle_(?P<cycle>[IV]+)_)?"
    r"(?P<doc>Final_Country_Report|Country_Report|Executive_Summary|Self_Assessment)_(?P<lang>[A-Za-z]{2})$"
)
SYMBOL = re.compile(r"\b(?:CTOC/COP|CAC/COSP)(?:/[A-Za-z0-9][A-Za-z0-9.]*)+")
_SUFFIX_WORDS = {"statement", "final", "rev", "revised", "updated", "draft", "new", "corr"}
_STATEMENT_BY = re.compile(r"^(?:joint_)?statements?_(?:delivered_)?(?:by_|of_)?(?:the_)?", re.I)


def language_of(text: str | None) -> str | None:
    """ISO 639-1 code for a language name or UN letter ("English", "Español", "E"), else None."""
    if not text:
        return None
    text = text.strip().strip("()[]").strip()
    if text in LANGUAGE_LETTERS:
        return LANGUAGE_LETTERS[text]
    return LANGUAGE_NAMES.get(text.lower().rstrip("."))


def symbol_in(text: str | None) -> str | None:
    """The first CTOC/COP or CAC/COSP document symbol in text, or None."""
    m = SYMBOL.search(text or "")
    return m.group(0).rstrip(".") if m else None


def symbol_topic(symbol: str | None) -> str | None:
    """Working-group topic code of a symbol (CTOC/COP/WG.4/... -> TIP)."""
    m = re.search(r"/WG\.(\d+)/", symbol or "")
    return WORKING_GROUP_TOPICS.get(m.group(1)) if m else None


def symbol_year(symbol: str | None) -> int | None:
    """The year segment of a symbol, if it has one."""
    m = re.search(r"/((?:19|20)\d{2})(?:/|$)", symbol or "")
    return int(m.group(1)) if m else None


def organization_from_filename(stem: str) -> tuple[str | None, str | None]:
    """Organization and language from a statement file name: `Red_Latina_2_ES` -> ("Red Latina", "es")."""
    stem = _STATEMENT_BY.sub("", unquote(stem))
    tokens = [t for t in re.split(r"[_\s]+", stem) if t]
    language = None
    while len(tokens) > 1:
        low = tokens[-1].lower()
        if language is None and low in LANGUAGE_SUFFIXES and len(low) == 2:
            language = LANGUAGE_SUFFIXES[low]
        elif not (low.isdigit() or low in _SUFFIX_WORDS or re.fullmatch(r"v\d+|rev\d+|\(\d+\)", low)):
            break
        tokens.pop()
    name = " ".join(tokens).strip(" -")
    return (name or None), language


def symbol_from_filename(stem: str) -> tuple[str | None, str | None]:
    """Symbol and language from a UN file name: `CTOC_COP_WG.4_2024_L.1_E` -> ("CTOC/COP/WG.4/2024/L.1", "en")."""
    if not re.match(r"^(?:CTOC_COP|CAC_COSP)_", stem, re.I):
        return None, None
    tokens = stem.split("_")
    language = None
    last = tokens[-1]
    if last in LANGUAGE_LETTERS:
        language = LANGUAGE_LETTERS[last]
        tokens.pop()
    elif last.lower() in LANGUAGE_SUFFIXES and len(last) == 2:
        language = LANGUAGE_SUFFIXES[last.lower()]
        tokens.pop()
    return "/".join(tokens).upper().replace("/ADD.", "/Add.").replace("/CORR.", "/Corr."), language


def dialogue_of_page(url: str) -> tuple[str | None, int | None]:
    """Topic code and year of a constructive-dialogue page (`.../som_2024.html` -> ("SOM", 2024))."""
    m = DIALOGUE_PAGE.search(urlsplit(url).path)
    return (m.group("topic").upper(), int(m.group("year"))) if m else (None, None)


def extract_url_metadata(url: str) -> dict:
    """What a URL's path says about the document: dialogue topic and year, organization, symbol, language, date."""
    path = unquote(urlsplit(url).path)
    filename = path.rsplit("/", 1)[-1]
    stem = re.sub(r"\.[A-Za-z0-9]{2,5}$", "", filename)
    meta = empty_metadata()
    folder = DIALOGUE_FOLDER.search(path)
    if folder:
        meta["topic"], meta["year"] = folder.group("topic").upper(), int(folder.group("year"))
        if re.match(r"statements?/", folder.group("rest"), re.I):
            meta["organization"], meta["language"] = organization_from_filename(stem)
            meta["genre"] = "statement"
    uncac = UNCAC_FILE.match(stem)
    if uncac:
        meta["date"] = f"{uncac['y']}-{uncac['m']}-{uncac['d']}"
        meta["year"] = int(uncac["y"])
        meta["country"] = uncac["country"].replace("_", " ")
        meta["language"] = LANGUAGE_SUFFIXES.get(uncac["lang"].lower())
        meta["genre"] = "executive_summary" if uncac["doc"] == "Executive_Summary" else uncac["doc"].lower()
        cycle = f"cycle-{uncac['cycle']}" if uncac["cycle"] else "cycle"
        meta["work"] = f"uncac/{meta['country']}/{cycle}/{meta['genre']}".lower().replace(" ", "-")
    symbol, language = symbol_from_filename(stem)
    if symbol:
        meta.update(symbol=symbol, work=symbol, topic=meta["topic"] or symbol_topic(symbol),
                    year=meta["year"] or symbol_year(symbol), language=meta["language"] or language)
    if meta["language"] is None and not folder:
        m = re.search(r"[_-]([A-Za-z]{2})$", stem)
        if m and m.group(1).lower() in LANGUAGE_SUFFIXES:
            meta["language"] = LANGUAGE_SUFFIXES[m.group(1).lower()]
    return meta
