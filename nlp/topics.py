"""Taxonomy topics for passages, from keywords, article references and embeddings."""

from __future__ import annotations

import functools
import re
from importlib import resources

import numpy as np
import yaml

from .embeddings import MODEL_NAME
from .models import ArticleRef, TopicScore
from .static_embeddings import STATIC_MODEL_NAME

DATA = resources.files("nlp") / "data"
# Cosine to a topic's label and description that assigns it. Static vectors rank passages well but do not
# reproduce the transformer's topic assignments at any threshold (best F1 0.29 over 1,959 passages), so they
# assign none: topics then come from keywords and articles until `palermo embed` upgrades the vectors.
EMBEDDING_THRESHOLDS = {MODEL_NAME: 0.42, STATIC_MODEL_NAME: None}
# A recommendation inherits its passage's topics from this score: "them" and "such cases" name no theme.
INHERITED_SCORE = 0.5


@functools.lru_cache(maxsize=1)
def load_taxonomy() -> list[dict]:
    """Topics of the taxonomy file, each with a compiled keyword pattern."""
    topics = yaml.safe_load((DATA / "taxonomy.yaml").read_text(encoding="utf-8"))["topics"]
    for topic in topics:
        words = "|".join(topic.get("keywords", []))
        topic["pattern"] = re.compile(rf"\b(?:{words})\b", re.I) if words else None
    return topics


@functools.lru_cache(maxsize=1)
def article_topic_map() -> dict[tuple[str, str], list[str]]:
    """(instrument, article) -> topic ids: the cluster, and the Protocol's working-group theme."""
    data = yaml.safe_load((DATA / "article_clusters.yaml").read_text(encoding="utf-8"))
    themes = data.pop("themes", {})
    mapping: dict[tuple[str, str], list[str]] = {}
    for instrument, clusters in data.items():
        for cluster, articles in clusters.items():
            for article in articles:
                ids = [cluster] + ([themes[instrument]] if instrument in themes else [])
                mapping[(instrument, str(article))] = ids
    return mapping


def keyword_topics(text: str) -> dict[str, float]:
    """topic id -> score from keyword hits (0.5 for one hit, rising towards 1)."""
    scores = {}
    for topic in load_taxonomy():
        if topic["pattern"] is None:
            continue
        hits = len(topic["pattern"].findall(text))
        if hits:
            scores[topic["id"]] = round(1 - 0.5**hits, 3)
    return scores


def article_topics(refs: list[ArticleRef]) -> set[str]:
    """Topic ids implied by article references."""
    mapping = article_topic_map()
    found = set()
    for ref in refs:
        found.update(mapping.get((ref.instrument or "", ref.article), []))
    return found


@functools.lru_cache(maxsize=2)
def topic_matrix(model: str = MODEL_NAME) -> np.ndarray:
    """Embeddings of the topics' labels and descriptions, in taxonomy order."""
    from .embeddings import embed_with

    return embed_with(model, [f"{t['label']}. {t['description']}" for t in load_taxonomy()])


def assign_topics(texts: list[str], refs: list[list[ArticleRef]], vectors: np.ndarray | None,
                  model: str = MODEL_NAME) -> list[TopicScore]:
    """Score every passage against the taxonomy; one row per passage and topic, best method kept."""
    close: dict[int, list[tuple[str, float]]] = {}
    for row, topic_id, sim in embedding_topics(vectors, model) if vectors is not None else []:
        close.setdefault(row, []).append((topic_id, sim))
    out: list[TopicScore] = []
    for seq, text in enumerate(texts):
        scores: dict[str, tuple[float, list[str]]] = {}

        def add(topic_id: str, score: float, method: str) -> None:
            best, methods = scores.get(topic_id, (0.0, []))
            scores[topic_id] = (max(best, score), methods + [method])

        for topic_id, score in keyword_topics(text).items():
            add(topic_id, score, "keyword")
        for topic_id in article_topics(refs[seq] if seq < len(refs) else []):
            add(topic_id, 0.9, "article")
        for topic_id, sim in close.get(seq, []):
            add(topic_id, sim, "embedding")
        for topic_id, (score, methods) in scores.items():
            out.append(TopicScore(seq, topic_id, score, "+".join(sorted(set(methods)))))
    return out


def embedding_topics(vectors: np.ndarray, model: str) -> list[tuple[int, str, float]]:
    """(row, topic id, cosine) for every vector close enough to a topic; none for a model without a threshold."""
    threshold = EMBEDDING_THRESHOLDS.get(model)
    if threshold is None or not len(vectors):
        return []
    ids = [t["id"] for t in load_taxonomy()]
    sims = vectors @ topic_matrix(model).T
    rows, cols = np.nonzero(sims >= threshold)
    return [(int(r), ids[c], round(float(sims[r, c]), 3)) for r, c in zip(rows, cols)]
