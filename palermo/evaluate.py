"""Scores of the pipeline against gold: the UPR dev set (recommendations, States, addressees, themes)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ingest import extract_document
from nlp.analyze import analyze_document
from nlp.spacy_pipeline import alias_index

_WORD = re.compile(r"[a-z0-9]+")
MATCH_THRESHOLD = 0.6
# UPR Info theme -> taxonomy topic, for the themes the taxonomy covers.
UPR_THEMES = {"Trafficking": "wg-trafficking"}


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def similarity(a: str, b: str) -> float:
    """Dice coefficient of word bigrams: robust to UPR Info's small rewordings."""
    def grams(text):
        words = _tokens(text)
        return {" ".join(words[i:i + 2]) for i in range(max(len(words) - 1, 1))}

    ga, gb = grams(a), grams(b)
    return 2 * len(ga & gb) / (len(ga) + len(gb)) if ga and gb else 0.0


@dataclass
class UprScore:
    """Counts for one report or a whole set."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    state_correct: int = 0
    addressee_correct: int = 0
    trafficking_gold: int = 0
    trafficking_found: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def add(self, other: "UprScore") -> None:
        for name in ("gold", "predicted", "matched", "state_correct", "addressee_correct", "trafficking_gold", "trafficking_found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.extras += other.extras

    def row(self) -> dict:
        ratio = lambda a, b: a / b if b else 0.0  # noqa: E731
        p, r = ratio(self.matched, self.predicted), ratio(self.matched, self.gold)
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                "precision": p, "recall": r, "f1": ratio(2 * p * r, p + r),
                "state_accuracy": ratio(self.state_correct, self.matched),
                "addressee_accuracy": ratio(self.addressee_correct, self.matched),
                "trafficking_recall": ratio(self.trafficking_found, self.trafficking_gold)}


def _norm_state(name: str | None) -> str:
    """ISO3 when the name is a known State, else the lower-cased name."""
    key = re.sub(r"\s+", " ", (name or "").lower()).strip()
    return alias_index("STATE").get(key, key)


def evaluate_upr(pdf: Path, statistical: bool = False) -> UprScore:
    """Match the recommendations palermo finds in the UPR section of a report against UPR Info's."""
    gold = [json.loads(line) for line in pdf.with_suffix(".recommendations.jsonl").read_text().splitlines() if line.strip()]
    doc = extract_document(pdf)
    analysis = analyze_document(doc, statistical=statistical, embeddings=None)
    sections = {p.seq: p.section or "" for p in doc.passages}
    predicted = [r for r in analysis.recommendations if re.search(r"recommendation", sections.get(r.passage_seq, ""), re.I)]
    score = UprScore(gold=len(gold), predicted=len(predicted))
    used: set[int] = set()
    for g in gold:
        best, best_i = 0.0, None
        for i, r in enumerate(predicted):
            if i in used:
                continue
            s = similarity(g["text"], r.text)
            if s > best:
                best, best_i = s, i
        trafficking = any(t in UPR_THEMES for t in g.get("issues", []))
        score.trafficking_gold += trafficking
        if best_i is None or best < MATCH_THRESHOLD:
            score.misses.append(f"{pdf.stem}: {g['text'][:90]} ({g['recommending_state']})")
            continue
        used.add(best_i)
        r = predicted[best_i]
        score.matched += 1
        actors = [_norm_state(a) for a in (r.actor or "").split(";")]
        score.state_correct += _norm_state(g["recommending_state"]) in actors
        score.addressee_correct += _norm_state(r.addressee) == _norm_state(g["sur"])
        if trafficking:
            score.trafficking_found += UPR_THEMES["Trafficking"] in r.topics
    score.extras = [f"{pdf.stem}: {r.text[:90]}" for i, r in enumerate(predicted) if i not in used]
    return score
