"""Offline language identification from content: scripts first, then stopwords."""

from __future__ import annotations

import re

STOPWORDS = {
    "en": "the of and to in is that for on with as are by be this it from at which have has we its their not".split(),
    "fr": "le la les des et de du un une est que qui dans pour sur par au aux avec nous sont ce cette il pas l d".split(),
    "es": "el la los las de del y en que un una es por para con se al su sus como lo más nosotros este esta".split(),
    "de": "der die das und ist nicht ein eine den dem zu mit von für auf sich auch werden".split(),
    "pt": "o os as de do da dos das e em que um uma para com não por se ao".split(),
}
_STOP_INDEX = {lang: set(words) for lang, words in STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.U)
_LETTER = re.compile(r"[^\W\d_]", re.U)
_SCRIPTS = [
    ("ar", re.compile(r"[\u0600-\u06FF]")),
    ("zh", re.compile(r"[\u4E00-\u9FFF]")),
    ("ru", re.compile(r"[\u0400-\u04FF]")),
]


def detect_language(text: str, min_words: int = 4) -> str | None:
    """Return an ISO 639-1 code for text, or None when there is too little to tell."""
    if not text:
        return None
    sample = text[:2000]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    for lang, pattern in _SCRIPTS:
        if pattern.search(sample) and len(pattern.findall(sample)) / letters > 0.3:
            return lang
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < min_words:
        return None
    scores = {lang: sum(w in stops for w in words) for lang, stops in _STOP_INDEX.items()}
    best = max(scores, key=scores.get)
    if scores[best] < 2:
        return None
    return best
