"""Topics discovered in the corpus: NMF over TF-IDF of passages."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_PASSAGES = 20


@dataclass
class DiscoveredTopic:
    """A topic found in the corpus, with its top terms and its passages."""

    index: int
    terms: list[str]
    passages: list[tuple[int, float]]

    @property
    def label(self) -> str:
        return ", ".join(self.terms[:4])


def stop_words() -> list[str]:
    """English, French and Spanish function words: otherwise a language becomes a topic."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from ingest.language import STOPWORDS

    extra = ("sur son ses leurs aux ont été être cette ces dont lors afin entre sobre sus como este esta estos "
             "estas ante entre sin han ser fue para por con una unos unas les des qui que elle ils nous vous").split()
    return sorted(set(ENGLISH_STOP_WORDS) | {w for lang in ("fr", "es") for w in STOPWORDS[lang]} | set(extra))


def discover_topics(texts: list[str], n_topics: int | None = None, n_terms: int = 10, seed: int = 0) -> list[DiscoveredTopic]:
    """NMF topics of the texts (deterministic for a seed); none for a corpus too small to say."""
    if len(texts) < MIN_PASSAGES:
        return []
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    n_topics = n_topics or int(min(12, max(3, round(np.sqrt(len(texts) / 4)))))
    vectorizer = TfidfVectorizer(stop_words=stop_words(), max_df=0.6, min_df=2, ngram_range=(1, 2), max_features=20000,
                                 token_pattern=r"(?u)\b[^\W\d_][\w-]{2,}\b")
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # every term pruned: nothing to discover
        return []
    n_topics = min(n_topics, matrix.shape[1] - 1, matrix.shape[0] - 1)
    if n_topics < 2:
        return []
    model = NMF(n_components=n_topics, init="nndsvd", random_state=seed, max_iter=400)
    weights = model.fit_transform(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    topics = []
    for k, component in enumerate(model.components_):
        terms = [vocabulary[i] for i in component.argsort()[::-1][:n_terms]]
        column = weights[:, k]
        top = column.max() or 1.0
        members = [(int(i), round(float(column[i] / top), 3)) for i in np.flatnonzero(column >= 0.3 * top)]
        topics.append(DiscoveredTopic(k, terms, members))
    return topics
