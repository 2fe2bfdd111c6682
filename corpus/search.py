"""Passage search: FTS5 bm25, embedding similarity, and both fused by reciprocal rank."""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import sqlite_utils

RRF_K = 60
_WORD = re.compile(r"[\w’'-]+", re.U)


@dataclass
class Hit:
    """One passage found by a search, with its citation and why it matched."""

    passage_id: str
    document_id: str
    title: str | None
    organization: str | None
    date: str | None
    symbol: str | None
    source_url: str | None
    page: int | None
    paragraph_no: str | None
    text: str
    snippet: str
    score: float
    fts_rank: int | None = None
    semantic_score: float | None = None


def fts_query(query: str, any_term: bool = False) -> str:
    """A safe FTS5 query from free text: each word quoted, phrases in double quotes kept, stop words dropped."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    phrases = re.findall(r'"([^"]+)"', query)
    rest = re.sub(r'"[^"]*"', " ", query)
    words = [w for w in _WORD.findall(rest) if w.upper() not in ("AND", "OR", "NOT")]
    # "of" or "by" match nearly every passage: ranking them all is the slow part of a search, and they say nothing.
    content = [w for w in words if w.lower() not in ENGLISH_STOP_WORDS]
    terms = [f'"{p}"' for p in phrases] + [f'"{w}"' for w in (content if content or phrases else words)]
    return (" OR " if any_term else " ").join(terms)


def fts_search(db: sqlite_utils.Database, query: str, limit: int = 100,
               allowed: set[str] | None = None) -> list[tuple[str, float, str]]:
    """(passage id, bm25, highlighted snippet), best first; all terms required, any term as fallback.

    With `allowed`, only those passages count, so a filter never empties a page that has matches.
    """
    # Rank first, then make snippets for the few rows kept: a snippet for every match costs more than the search.
    top_sql = "select rowid, rank from passages_fts where passages_fts match ? order by rank limit ?"
    all_sql = """select f.rowid, f.rank, p.id from passages_fts f join passages p on p.rowid = f.rowid
                 where passages_fts match ? order by f.rank"""
    for any_term in (False, True):
        q = fts_query(query, any_term)
        if not q:
            return []
        if allowed is None:
            top = db.execute(top_sql, [q, limit]).fetchall()
        else:
            top = [(rowid, rank) for rowid, rank, pid in db.execute(all_sql, [q]).fetchall() if pid in allowed][:limit]
        if top:
            break
    else:
        return []
    marks = ",".join("?" * len(top))
    details = {r[0]: (r[1], r[2]) for r in db.execute(
        f"""select f.rowid, p.id, snippet(passages_fts, 0, '[', ']', '…', 24)
            from passages_fts f join passages p on p.rowid = f.rowid
            where passages_fts match ? and f.rowid in ({marks})""", [q, *[r[0] for r in top]]).fetchall()}
    return [(details[rowid][0], rank, details[rowid][1]) for rowid, rank in top if rowid in details]


@dataclass
class Vectors:
    """The corpus's passage embeddings in memory: one matrix per embedding model."""

    ids: dict[str, list[str]]
    matrices: dict[str, np.ndarray]

    def __bool__(self) -> bool:
        return bool(self.ids)


def _load_matrix(conn) -> Vectors:
    ids: dict[str, list[str]] = {}
    vectors: dict[str, list[np.ndarray]] = {}
    for pid, model, blob in conn.execute("select passage_id, model, vector from embeddings order by passage_id").fetchall():
        ids.setdefault(model, []).append(pid)
        vectors.setdefault(model, []).append(np.frombuffer(blob, dtype="<f4"))
    return Vectors(ids, {model: np.vstack(rows) for model, rows in vectors.items()})


_MATRICES: dict[tuple[str, float], Vectors] = {}


def embedding_matrix(db: sqlite_utils.Database) -> Vectors:
    """Passage ids and their embeddings by model, cached in memory until the database file changes."""
    path = db.conn.execute("pragma database_list").fetchone()[2]
    if not path:
        return _load_matrix(db.conn)
    wal = path + "-wal"
    key = (path, max(os.path.getmtime(path), os.path.getmtime(wal) if os.path.exists(wal) else 0))
    if key not in _MATRICES:
        # Read through the caller's connection: a read-only or immutable deployment may not open another.
        for old in [k for k in _MATRICES if k[0] == path]:
            del _MATRICES[old]
        _MATRICES[key] = _load_matrix(db.conn)
    return _MATRICES[key]


def embed_query(query: str, models) -> dict[str, np.ndarray]:
    """The query's vector in each embedding space the corpus uses."""
    from nlp.embeddings import embed_with

    return {model: embed_with(model, [query])[0] for model in models}


def semantic_search(db: sqlite_utils.Database, query: str, limit: int = 100,
                    vectors: dict[str, np.ndarray] | None = None, allowed: set[str] | None = None) -> list[tuple[str, float]]:
    """(passage id, cosine similarity), best first; pass the query's vectors if they are already embedded.

    A corpus partly upgraded to the transformer ranks each model's passages in its own space and
    interleaves the rankings by reciprocal rank: cosines of two models are not comparable.
    """
    corpus = embedding_matrix(db)
    if not corpus:
        return []
    vectors = vectors or embed_query(query, corpus.ids)
    ranked: list[list[tuple[str, float]]] = []
    for model, ids in corpus.ids.items():
        scores = corpus.matrices[model] @ vectors[model]
        if allowed is not None:
            scores = np.where(np.fromiter((pid in allowed for pid in ids), dtype=bool, count=len(ids)), scores, -np.inf)
        k = min(limit, int(np.isfinite(scores).sum()))
        if k == 0:
            continue
        top = np.argpartition(-scores, k - 1)[:k]
        ranked.append([(ids[i], float(scores[i])) for i in top[np.argsort(-scores[top])]])
    if len(ranked) <= 1:
        return ranked[0] if ranked else []
    fused: dict[str, float] = {}
    similarity: dict[str, float] = {}
    for ranking in ranked:
        for rank, (pid, sim) in enumerate(ranking):
            fused[pid] = fused.get(pid, 0) + 1 / (RRF_K + rank + 1)
            similarity[pid] = sim
    return [(pid, similarity[pid]) for pid in sorted(fused, key=lambda p: (-fused[p], p))[:limit]]


_EMBEDDER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="palermo-query-embedding")


def search(db: sqlite_utils.Database, query: str, limit: int = 10, mode: str = "hybrid", per_document: int = 3,
           allowed: set[str] | None = None) -> list[Hit]:
    """Passages best first, by 'fts', 'semantic' or 'hybrid' (reciprocal rank fusion of both), among `allowed` if given."""
    vectors = None
    corpus = embedding_matrix(db) if mode == "hybrid" else None
    if corpus:
        # The transformer's query embedding and the keyword search (SQLite) both release the GIL: overlap them.
        vectors = _EMBEDDER.submit(embed_query, query, list(corpus.ids))
    fts = fts_search(db, query, allowed=allowed) if mode in ("fts", "hybrid") else []
    sem = (semantic_search(db, query, vectors=vectors.result() if vectors else None, allowed=allowed)
           if mode in ("semantic", "hybrid") else [])
    scores: dict[str, float] = {}
    for rank, (pid, *_rest) in enumerate(fts):
        scores[pid] = scores.get(pid, 0) + 1 / (RRF_K + rank + 1)
    for rank, (pid, _sim) in enumerate(sem):
        scores[pid] = scores.get(pid, 0) + 1 / (RRF_K + rank + 1)
    fts_info = {pid: (rank + 1, snippet) for rank, (pid, _bm25, snippet) in enumerate(fts)}
    sem_info = dict(sem)
    ordered = sorted(scores, key=lambda pid: (-scores[pid], pid))
    hits: list[Hit] = []
    per_doc: dict[str, int] = {}
    rows = _passages(db, ordered[: max(limit * 10, 50)])
    for pid in ordered:
        row = rows.get(pid)
        if row is None:
            continue
        if per_doc.get(row["document_id"], 0) >= per_document:
            continue
        per_doc[row["document_id"]] = per_doc.get(row["document_id"], 0) + 1
        rank, snippet = fts_info.get(pid, (None, None))
        hits.append(Hit(pid, row["document_id"], row["title"], row["organization"], row["date"], row["symbol"],
                        row["source_url"], row["page"], row["paragraph_no"], row["text"],
                        snippet or _short(row["text"]), round(scores[pid], 6), rank,
                        round(sem_info[pid], 4) if pid in sem_info else None))
        if len(hits) >= limit:
            break
    return hits


def _short(text: str, n: int = 200) -> str:
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + "…"


def _passages(db: sqlite_utils.Database, ids: list[str]) -> dict[str, dict]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    sql = f"""select p.id, p.document_id, p.page, p.paragraph_no, p.text, d.title, d.organization, d.date, d.symbol, d.source_url
              from passages p join documents d on d.id = p.document_id where p.id in ({marks})"""
    return {r["id"]: r for r in db.query(sql, ids)}
