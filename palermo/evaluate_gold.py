"""Scores of a built corpus against the team's gold on the sample corpus (tests/gold): entities per label,
event dates, and merged spelling variants of people."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from nlp.analyze import HONORIFICS
from nlp.spacy_pipeline import alias_index

LABELS = ("PERSON", "ORG", "STATE", "INSTRUMENT", "ARTICLE", "LAW", "MEETING")
# The corpus's label where it differs from the gold's (none today: MEETING comes from nlp/patterns/MEETING.jsonl).
CORPUS_LABEL: dict[str, str] = {}


def normalize(name: str) -> str:
    """Lower case, no honorific, no leading article, one kind of apostrophe and space."""
    name = HONORIFICS.sub("", name.replace("’", "'")).strip(" .,;:")
    name = re.sub(r"^(?:the|el|la|los|las|le|les|l')\s*", "", name, flags=re.I)
    return re.sub(r"\s+", " ", name).lower()


def _gold_keys(entity: dict) -> set[str]:
    label = entity["label"]
    names = [entity["name"], *entity.get("aliases", [])]
    keys = {normalize(n) for n in names}
    index = alias_index(label) if label in ("STATE", "ORG", "INSTRUMENT") else {}
    keys |= {index[n.lower()] for n in names if n.lower() in index}
    for extra in ("iso3", "key"):
        if entity.get(extra):
            keys.add(entity[extra])
    return keys


def _predicted_keys(row: dict, texts: list[str]) -> set[str]:
    names = [row["name"], *json.loads(row["aliases"] or "[]"), *texts]
    keys = {normalize(n) for n in names}
    keys.add(row["id"].split(":", 1)[1])
    return keys


@dataclass
class LabelScore:
    """Counts for one label over the gold documents."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def row(self) -> dict:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


@dataclass
class GoldScore:
    """Entity scores per label, event-date recall and precision, variants merged."""

    labels: dict[str, LabelScore] = field(default_factory=lambda: {label: LabelScore() for label in LABELS})
    events: LabelScore = field(default_factory=LabelScore)
    variants: int = 0
    variants_merged: int = 0
    unmatched_files: list[str] = field(default_factory=list)


def _document_id(db: sqlite_utils.Database, stem: str) -> str | None:
    for row in db.query("select document_id, location from document_sources"):
        if Path(row["location"]).stem == stem:
            return row["document_id"]
    return None


def _score_entities(db, document_id: str, gold: list[dict], score: GoldScore, stem: str) -> None:
    mention_texts: dict[str, list[str]] = {}
    for m in db.query("select entity_id, text from mentions where document_id = ?", [document_id]):
        mention_texts.setdefault(m["entity_id"], []).append(m["text"])
    rows = {r["id"]: r for r in db.query(
        f"select * from entities where id in ({','.join('?' * len(mention_texts))})", list(mention_texts))} if mention_texts else {}
    for label in LABELS:
        wanted = [g for g in gold if g["label"] == label]
        found = [r for r in rows.values() if r["label"] == CORPUS_LABEL.get(label, label)]
        predicted = {r["id"]: _predicted_keys(r, mention_texts[r["id"]]) for r in found}
        tally = score.labels[label]
        tally.gold += len(wanted)
        tally.predicted += len(predicted)
        used: set[str] = set()
        for g in wanted:
            keys = _gold_keys(g)
            hit = next((pid for pid, pkeys in predicted.items() if pid not in used and keys & pkeys), None)
            if hit:
                used.add(hit)
                tally.matched += 1
            else:
                tally.misses.append(f"{stem}: {g['name']}")
        tally.extras += [f"{stem}: {rows[pid]['name']}" for pid in predicted if pid not in used]


def _score_events(db, document_id: str, gold: list[dict], score: GoldScore, stem: str) -> None:
    """Gold events matched one to one by date (and end); found events sharing a date beyond the gold's count of that date
    are further mentions of the same events, while each date found and absent from the gold counts once as an extra."""
    found = Counter((r["date"], r["date_end"]) for r in db.query("select date, date_end from events where document_id = ?", [document_id]))
    left = Counter(found)
    score.events.gold += len(gold)
    for g in gold:
        hit = next((f for f in left if left[f] and f[0] == g["date"] and (not g.get("end") or f[1] == g["end"])), None)
        if hit:
            left[hit] -= 1
            score.events.matched += 1
        else:
            score.events.misses.append(f"{stem}: {g['date']} {g['title']}")
    extras = sorted((f for f in found if left[f] == found[f]), key=str)
    score.events.predicted += sum(found[f] - left[f] for f in found) + len(extras)
    score.events.extras += [f"{stem}: {d}" for d in extras]


def evaluate_gold(db_path: str, gold_dir: Path) -> GoldScore:
    """Compare a corpus built from the sample files with the gold written for them."""
    db = sqlite_utils.Database(db_path)
    score = GoldScore()
    for path in sorted(gold_dir.glob("*.entities.jsonl")):
        stem = path.name[: -len(".entities.jsonl")]
        document_id = _document_id(db, stem)
        if document_id is None:
            score.unmatched_files.append(stem)
            continue
        gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        _score_entities(db, document_id, gold, score, stem)
        events = gold_dir / f"{stem}.events.jsonl"
        if events.exists():
            _score_events(db, document_id, [json.loads(x) for x in events.read_text(encoding="utf-8").splitlines() if x.strip()],
                          score, stem)
    variants = gold_dir / "variants.jsonl"
    people = [(normalize(r["name"]), {normalize(a) for a in json.loads(r["aliases"] or "[]")})
              for r in db.query("select name, aliases from entities where label = 'PERSON'")]
    for line in variants.read_text(encoding="utf-8").splitlines() if variants.exists() else []:
        if not line.strip():
            continue
        entry = json.loads(line)
        score.variants += 1
        name, others = normalize(entry["name"]), {normalize(v) for v in entry["variants"]}
        # Merged: one entity named with the better-attested spelling that lists the other spellings.
        if any(n == name and others <= aliases for n, aliases in people):
            score.variants_merged += 1
    return score
